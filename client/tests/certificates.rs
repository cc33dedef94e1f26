//! Health certificates end to end, with the `healthnet` tool on the four-validator local
//! network and the demonstration registry: Karnataka Public Health Laboratory (organisation 7,
//! `//Charlie//stash`) registers a signing key and issues an infectivity certificate at 80 %,
//! written as a QR code; verification says valid; the laboratory updates it to 10 %; the old
//! QR code verifies as superseded and the new one as valid. Bengaluru General Hospital
//! (organisation 4, `//Ferdie`) vaccinates with a lot of Pune Vaccine Works
//! (organisation 8, `//Dave//stash`) and certifies it; after the manufacturer's recall the
//! certificate verifies as "lot recalled". A revoked certificate says revoked with its reason;
//! a payload with one byte changed, a certificate of another chain and malformed text fail to
//! verify, each with its sentence; the chain refuses a kind the key is not trusted for and an
//! update by another issuer, and the hospital's attempt to list the laboratory's public key as
//! its own. With the node out of reach, the verifier checks against its
//! cached trust list and says so. Then nothing of the holders' names and birth dates, nor the
//! percentage, is anywhere in the chain's state, transactions or events.

mod common;

use std::io::{Read, Write};

use anyhow::{ensure, Context, Result};
use common::{failure, healthnet_at, json};
use healthnet_client::portable::{self, PREFIX};
use healthnet_e2e::{free_port, privacy, LocalNetwork};
use serde_json::Value;

const LAB: &str = "//Charlie//stash";
const HOSPITAL: &str = "//Ferdie";
const MAKER: &str = "//Dave//stash";
/// The holders' names and birth dates, which must never reach the chain.
const IDENTIFYING: [&str; 4] = ["Asha Ramaswamy", "1987-03-14", "Ravi Menon", "1979-08-02"];

/// `healthnet --json --suri <suri> cert <args>`.
fn cert(port: u16, suri: &str, args: &[&str]) -> Result<Value> {
	let mut all = vec!["--suri", suri, "cert"];
	all.extend_from_slice(args);
	json(port, &all)
}

/// `healthnet --json cert verify <certificate> --trust-list <cache>`.
fn verify(port: u16, certificate: &str, cache: &str) -> Result<Value> {
	json(port, &["cert", "verify", certificate, "--trust-list", cache])
}

fn path(dir: &tempfile::TempDir, name: &str) -> String {
	dir.path().join(name).display().to_string()
}

/// The certificate's text with one byte of its signed payload (a letter of the holder's
/// name) changed, packed again.
fn altered(text: &str) -> Result<String> {
	let zipped = base45::decode(text.trim().strip_prefix(PREFIX).context("prefix")?)?;
	let mut cose = Vec::new();
	flate2::read::ZlibDecoder::new(zipped.as_slice()).read_to_end(&mut cose)?;
	let at = cose.windows(4).position(|w| w == b"Asha").context("the name in the payload")?;
	cose[at] = b'B';
	let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
	deflate.write_all(&cose)?;
	Ok(format!("{PREFIX}{}", base45::encode(deflate.finish()?)))
}

/// The hospital submits the laboratory's public key as its own, with its own key's signature as
/// the proof: the chain refuses it, and the trust list stays empty.
async fn squat_refused(port: u16, lab_public: [u8; 32]) -> Result<()> {
	use ed25519_dalek::Signer;
	let client = healthnet_client::Client::connect(&format!("ws://127.0.0.1:{port}")).await?;
	let hospital = healthnet_client::keys::signer(HOSPITAL)?;
	let own = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
	let message = healthnet_primitives::certificates::issuer_key_proof_message(
		&client.subxt().genesis_hash().0,
		4,
		&healthnet_primitives::certificates::key_id(&lab_public),
	);
	let call = healthnet_client::api::tx().certificates().add_issuer_key(
		lab_public,
		healthnet_client::api::runtime_types::healthnet_primitives::certificates::Kinds(1),
		0,
		u64::MAX,
		own.sign(&message).to_bytes(),
	);
	let refused =
		client.submit(&call, &hospital, |_| {}).await.expect_err("a squatted key was listed");
	ensure!(refused.to_string().contains("Certificates.BadKeyProof"), "{refused}");
	let list = json(port, &["cert", "issuer", "list"])?;
	ensure!(list["list"]["keys"] == serde_json::json!([]), "{list}");
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn certificates_are_updated_revoked_recalled_and_verified_on_and_off_line() -> Result<()> {
	let network = LocalNetwork::start(1).await?;
	let port = network.alice.rpc_port;
	let dir = tempfile::tempdir()?;
	let cache = path(&dir, "trust-list.json");
	let lab_key = path(&dir, "lab.key");

	// The hospital learns the laboratory's public key before the laboratory lists it and tries
	// to register it as its own, with a proof made by a key it holds: refused, nothing listed.
	let lab_public =
		healthnet_client::certificates::signing_key(std::path::Path::new(&lab_key), true)?
			.verifying_key()
			.to_bytes();
	squat_refused(port, lab_public).await?;

	// The laboratory registers a key for tests, recoveries and infectivity.
	let added = cert(
		port,
		LAB,
		&[
			"issuer",
			"add-key",
			"--key-file",
			&lab_key,
			"--kinds",
			"test-result,recovery,infectivity",
		],
	)?;
	let key_id = added["key"].as_str().context("a key id")?.to_string();
	let list = json(port, &["cert", "issuer", "list"])?;
	ensure!(list["list"]["keys"][0]["id"] == key_id.as_str(), "{list}");

	// Infectivity at 80 %, as a QR code; the verifier reads the image.
	let v1_png = path(&dir, "v1.png");
	let issued = cert(
		port,
		LAB,
		&[
			"issue",
			"--kind",
			"infectivity",
			"--name",
			"Asha Ramaswamy",
			"--birth-date",
			"1987-03-14",
			"--percent",
			"80",
			"--key-file",
			&lab_key,
			"--out",
			&path(&dir, "v1.txt"),
			"--qr",
			&v1_png,
		],
	)?;
	let id = issued["id"].as_str().context("an id")?.to_string();
	let v1 = verify(port, &v1_png, &cache)?;
	ensure!(v1["valid"] == true && v1["verdict"]["verdict"] == "valid", "{v1}");
	assert_eq!(v1["claims"]["holder"]["name"], "Asha Ramaswamy");
	assert_eq!(v1["claims"]["statement"]["percent"], 80);

	// The laboratory updates it to 10 %: the old QR code is superseded, the new one valid.
	let v2_png = path(&dir, "v2.png");
	let updated = cert(
		port,
		LAB,
		&[
			"update",
			&path(&dir, "v1.txt"),
			"--percent",
			"10",
			"--key-file",
			&lab_key,
			"--out",
			&path(&dir, "v2.txt"),
			"--qr",
			&v2_png,
		],
	)?;
	assert_eq!(updated["version"], 2);
	let old = verify(port, &v1_png, &cache)?;
	ensure!(old["valid"] == false && old["verdict"]["verdict"] == "superseded", "{old}");
	assert_eq!(old["verdict"]["by"], 2);
	let new = verify(port, &v2_png, &cache)?;
	ensure!(new["valid"] == true && new["claims"]["statement"]["percent"] == 10, "{new}");
	let shown = json(port, &["cert", "show", &id])?;
	assert_eq!(shown["versions"].as_array().map(Vec::len), Some(2), "{shown}");

	// One byte of the payload changed: the signature no longer holds.
	let v2_text = std::fs::read_to_string(path(&dir, "v2.txt"))?;
	let said = failure(port, &["cert", "verify", &altered(&v2_text)?, "--trust-list", &cache])?;
	ensure!(said.contains("signature does not match"), "{said}");
	// A certificate signed for another chain, and malformed text.
	let mut foreign = portable::open(&v2_text)?.claims;
	foreign.genesis = subxt::utils::H256::repeat_byte(0x42);
	let lab_signing = healthnet_client::certificates::signing_key(lab_key.as_ref(), false)?;
	let said = failure(
		port,
		&["cert", "verify", &portable::seal(&foreign, &lab_signing)?, "--trust-list", &cache],
	)?;
	ensure!(said.contains("issued on another chain"), "{said}");
	let said = failure(port, &["cert", "verify", "HN1:NOT*BASE45", "--trust-list", &cache])?;
	ensure!(said.contains("not valid base45"), "{said}");
	// Content the issuer signed but never registered: the chain knows this version otherwise.
	let mut unregistered = portable::open(&v2_text)?.claims;
	unregistered.statement =
		portable::Statement::Infectivity { percent: 0, result_date: "2026-11-24".into() };
	let mismatch = verify(port, &portable::seal(&unregistered, &lab_signing)?, &cache)?;
	ensure!(mismatch["verdict"]["verdict"] == "payloadMismatch", "{mismatch}");

	// The node answers a malformed id with a sentence, and keeps serving.
	let mut params = jsonrpsee::core::params::ArrayParams::new();
	params.insert("0x12")?;
	params.insert(1)?;
	params.insert(format!("{:?}", subxt::utils::H256::zero()))?;
	let refused = network.alice.rpc::<Value>("healthnet_verifyCertificate", params).await;
	let said = format!("{:#}", refused.err().context("a malformed id was answered")?);
	ensure!(said.contains("is not a certificate id"), "{said}");

	// The chain refuses a kind the key is not trusted for, and another issuer's update.
	let said = failure(
		port,
		&[
			"--suri",
			LAB,
			"cert",
			"issue",
			"--kind",
			"vaccination",
			"--name",
			"Ravi Menon",
			"--birth-date",
			"1979-08-02",
			"--disease",
			"RA01",
			"--lot",
			"0",
			"--key-file",
			&lab_key,
			"--out",
			&path(&dir, "x.txt"),
		],
	)?;
	ensure!(said.contains("KindNotTrusted"), "{said}");

	// The hospital vaccinates with the manufacturer's lot and certifies it.
	let hospital_key = path(&dir, "hospital.key");
	cert(
		port,
		HOSPITAL,
		&["issuer", "add-key", "--key-file", &hospital_key, "--kinds", "vaccination"],
	)?;
	let said = failure(
		port,
		&[
			"--suri",
			HOSPITAL,
			"cert",
			"update",
			&path(&dir, "v2.txt"),
			"--percent",
			"5",
			"--key-file",
			&hospital_key,
			"--out",
			&path(&dir, "x.txt"),
		],
	)?;
	ensure!(said.contains("NotYourKey") || said.contains("NotYourCertificate"), "{said}");
	let supply = |suri: &str, args: &[&str]| {
		let mut all = vec!["--suri", suri, "supply"];
		all.extend_from_slice(args);
		json(port, &all)
	};
	let product = supply(
		MAKER,
		&[
			"product",
			"--gtin",
			"8901234567890",
			"--kind",
			"vaccine",
			"--unit",
			"dose",
			"--min-celsius",
			"2",
			"--max-celsius",
			"8",
			"--tolerance-minutes",
			"60",
		],
	)?["id"]
		.to_string();
	let lot = supply(
		MAKER,
		&[
			"lot",
			"--product",
			&product,
			"--number",
			"PVW-C-1",
			"--expiry",
			"2099-12-31",
			"--quantity",
			"10",
		],
	)?["id"]
		.to_string();
	let vaccination_png = path(&dir, "vaccination.png");
	cert(
		port,
		HOSPITAL,
		&[
			"issue",
			"--kind",
			"vaccination",
			"--name",
			"Ravi Menon",
			"--birth-date",
			"1979-08-02",
			"--disease",
			"RA01",
			"--lot",
			&lot,
			"--valid-days",
			"365",
			"--key-file",
			&hospital_key,
			"--out",
			&path(&dir, "vaccination.txt"),
			"--qr",
			&vaccination_png,
		],
	)?;
	ensure!(
		verify(port, &vaccination_png, &cache)?["valid"] == true,
		"the vaccination is not valid"
	);
	supply(MAKER, &["recall", "--lot", &lot, "--reason", "quality-defect"])?;
	let recalled = verify(port, &vaccination_png, &cache)?;
	ensure!(recalled["verdict"]["verdict"] == "lotRecalled", "{recalled}");
	ensure!(
		recalled["sentence"].as_str().is_some_and(|s| s.starts_with("lot recalled")),
		"{recalled}"
	);

	// A revoked test result says revoked, with its reason.
	let test_txt = path(&dir, "test.txt");
	cert(
		port,
		LAB,
		&[
			"issue",
			"--kind",
			"test-result",
			"--name",
			"Ravi Menon",
			"--birth-date",
			"1979-08-02",
			"--disease",
			"RA01",
			"--result",
			"negative",
			"--key-file",
			&lab_key,
			"--out",
			&test_txt,
		],
	)?;
	cert(port, LAB, &["revoke", &test_txt, "--reason", "result-withdrawn"])?;
	let revoked = verify(port, &test_txt, &cache)?;
	ensure!(revoked["verdict"]["verdict"] == "revoked", "{revoked}");
	assert_eq!(revoked["verdict"]["reason"], "ResultWithdrawn");

	// The node out of reach: the cached trust list still checks the signature, and says so.
	let nowhere = format!("ws://127.0.0.1:{}", free_port()?);
	let run =
		healthnet_at(&nowhere, &["--json", "cert", "verify", &v2_png, "--trust-list", &cache])?;
	ensure!(run.code == 0, "offline verification failed: {}", run.stderr);
	let offline: Value = serde_json::from_str(&run.stdout)?;
	ensure!(offline["offline"] == true && offline["checked"]["mode"] == "offline", "{offline}");
	let run = healthnet_at(&nowhere, &["cert", "verify", &v2_png, "--trust-list", &cache])?;
	ensure!(
		run.stdout.contains("OFFLINE CHECK") && run.stdout.contains("unreachable"),
		"{}",
		run.stdout
	);
	// Offline by choice checks the same way; with nothing cached, it says how to cache.
	let chosen = json(port, &["cert", "verify", &v2_png, "--offline", "--trust-list", &cache])?;
	ensure!(chosen["offline"] == true && chosen["valid"] == true, "{chosen}");
	// Karnataka suspends the laboratory as an issuer; once the cache holds that (an online
	// verification refreshes it), the offline check says the certificate is not valid.
	json(port, &["--suri", "//Dave", "cert", "issuer", "suspend", "7"])?;
	let online = verify(port, &v2_png, &cache)?;
	ensure!(online["verdict"]["verdict"] == "issuerSuspended", "{online}");
	let run =
		healthnet_at(&nowhere, &["--json", "cert", "verify", &v2_png, "--trust-list", &cache])?;
	let offline: Value = serde_json::from_str(&run.stdout)?;
	ensure!(
		offline["valid"] == false && offline["verdict"]["verdict"] == "issuerSuspended",
		"a suspended issuer's certificate verified offline: {offline}"
	);
	json(port, &["--suri", "//Dave", "cert", "issuer", "reinstate", "7"])?;
	let empty = path(&dir, "no-such-cache.json");
	let run = healthnet_at(&nowhere, &["cert", "verify", &v2_png, "--trust-list", &empty])?;
	ensure!(run.code != 0 && run.stderr.contains("verify once while"), "{}", run.stderr);

	// Nothing identifying on chain: names and birth dates in any form, the salts of the
	// commitments, and the percentages as the payload encodes them.
	let mut needles = privacy::needles(&IDENTIFYING);
	for file in ["v1.txt", "v2.txt", "vaccination.txt", "test.txt"] {
		let claims = portable::open(&std::fs::read_to_string(path(&dir, file))?)?.claims;
		needles.push(claims.holder.salt.to_vec());
	}
	// CBOR: the text "pct", then 80 (0x18 0x50) or 10 (0x0a).
	needles.push(b"\x63pct\x18\x50".to_vec());
	needles.push(b"\x63pct\x0a".to_vec());
	let payload_hash = portable::open(&v2_text)?.payload_hash();
	privacy::nothing_identifying_on_chain(&network.alice, &needles, payload_hash.as_bytes())
		.await?;
	Ok(())
}
