//! Medical records end to end, with the `healthnet` tool and the document gatekeeper on the
//! four-validator local network: Jayanagar Health Centre (organisation 5, `//Alice//stash`)
//! enrols a patient whose key is on her phone and puts a FHIR Observation through the
//! gatekeeper; Bengaluru General Hospital (organisation 4, `//Ferdie`) is refused; the patient
//! signs a consent offline and the clinic relays it; the hospital reads the document and the
//! bytes match; the patient's audit trail shows the read; the patient revokes and the hospital
//! is refused again; the hospital breaks the glass, reads only, the audit trail flags it and
//! Karnataka's administrator reviews it as abusive. Then the attacks of a member on the
//! gatekeeper are refused over HTTP: an upload by a reader (not the entry's author), a
//! document re-bound to another record, a reader's wrapped key overwritten, an unsigned
//! reader key (published, or handed out by a dishonest gatekeeper), and a challenge flood by
//! one account while another still reads, and a read still released after 120 later lines
//! of the trail. The gatekeeper serves HTTPS on every interface with a certificate of the
//! test's own authority (`records_steps/gatekeeper.rs`), refuses plain HTTP and untrusted
//! clients, and takes up a renewed certificate on SIGHUP. Nothing of the patient's name,
//! birth date or national id is anywhere in the chain's state, in any transaction or event of the run, or on
//! the gatekeeper's disk.

mod common;
#[path = "records_steps/gatekeeper.rs"]
mod gatekeeper_steps;

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};
use common::{failure, json};
use gatekeeper_steps::Gatekeeper;
use healthnet_e2e::{
	privacy::{self, bytes_of, find},
	LocalNetwork,
};
use serde_json::Value;

const CLINIC: &str = "//Alice//stash";
const HOSPITAL: &str = "//Ferdie";
/// Karnataka's health department's administrator.
const AUTHORITY: &str = "//Dave";
const PATIENT: &str = "//Patient//Asha";
/// What the fixture says about the patient, which must never reach the chain.
const IDENTIFYING: [&str; 4] = ["Asha Ramaswamy", "Ramaswamy", "1987-03-14", "4821-7730-9156"];

fn fixture() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/observation.json")
}

/// `healthnet --json --suri <suri> records <args> --gatekeeper <url> --gatekeeper-ca <file>`
/// on the node at `port`.
fn records(port: u16, suri: &str, gatekeeper: &Gatekeeper, args: &[&str]) -> Result<Value> {
	let mut all = vec!["--suri", suri, "records"];
	all.extend_from_slice(args);
	all.extend_from_slice(&["--gatekeeper", &gatekeeper.url, "--gatekeeper-ca", gatekeeper.ca()]);
	json(port, &all)
}

/// The same, required to fail; returns the sentence.
fn refused(port: u16, suri: &str, gatekeeper: &Gatekeeper, args: &[&str]) -> Result<String> {
	let mut all = vec!["--suri", suri, "records"];
	all.extend_from_slice(args);
	all.extend_from_slice(&["--gatekeeper", &gatekeeper.url, "--gatekeeper-ca", gatekeeper.ca()]);
	failure(port, &all)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_patient_controls_who_reads_their_record_and_sees_every_read() -> Result<()> {
	let network = LocalNetwork::start(1).await?;
	let port = network.alice.rpc_port;
	let mut gatekeeper = Gatekeeper::start(port).await?;
	let gk = &gatekeeper;
	let dir = tempfile::tempdir()?;
	let patient = healthnet_client::keys::signer(PATIENT)?.public_key().to_account_id().to_string();

	// Each member publishes the key that opens documents shared with it.
	for suri in [CLINIC, HOSPITAL] {
		records(port, suri, gk, &["publish-key"])?;
	}

	// The clinic registers its gatekeeper as where its entries point, enrols the patient, whose
	// phone signs the acceptance, and puts the document.
	json(port, &["--suri", CLINIC, "records", "document-base", &format!("{gk}/documents")])?;
	let enrolled = json(port, &["--suri", CLINIC, "records", "enrol", "--patient-suri", PATIENT])?;
	let genesis = enrolled["genesis"].as_str().context("no genesis")?.to_string();
	// The patient's phone publishes its key once the chain knows it as a record's key.
	records(port, CLINIC, gk, &["publish-key", "--patient-suri", PATIENT])?;
	let put = records(
		port,
		CLINIC,
		gk,
		&["put", "--patient", &patient, "--type", "Observation", fixture().to_str().unwrap()],
	)?;
	assert_eq!(put["entry"], 0, "{put}");
	let entries = json(port, &["records", "list", "--patient", &patient])?;
	assert_eq!(entries[0]["resource_type"], "Observation", "{entries}");
	assert_eq!(entries[0]["author"], 5);
	let pointer = entries[0]["pointer"].as_str().context("no pointer")?;
	let hash = put["content_hash"].as_str().context("no hash")?;
	assert_eq!(pointer, format!("{gk}/documents/{}", hash.trim_start_matches("0x")));

	// The hospital has no consent: the chain refuses its access and the gatekeeper its download.
	let out = dir.path().join("read.json");
	let out_arg = out.to_str().unwrap();
	let said = refused(port, HOSPITAL, gk, &["get", "--patient", &patient, "0", "--out", out_arg])?;
	ensure!(said.contains("Records.NoConsent"), "{said}");
	ensure!(!out.exists(), "a refused read wrote a file");

	// Offline, the patient's phone signs a consent for the hospital; the clinic relays it.
	let consent = dir.path().join("consent.json");
	let signed = common::healthnet(
		port,
		&[
			"records",
			"consent",
			"sign",
			"--patient-suri",
			PATIENT,
			"--genesis",
			&genesis,
			"--grantee",
			"4",
			"--purpose",
			"treatment",
			"--access",
			"read",
			"--out",
			consent.to_str().unwrap(),
		],
	)?;
	ensure!(signed.code == 0, "offline signing failed: {}", signed.stderr);
	let relayed =
		json(port, &["--suri", CLINIC, "records", "consent", "submit", consent.to_str().unwrap()])?;
	assert_eq!(relayed["id"], 1, "{relayed}");
	// A replay of the same statement is refused.
	let said = failure(
		port,
		&["--suri", CLINIC, "records", "consent", "submit", consent.to_str().unwrap()],
	)?;
	ensure!(said.contains("Records.StaleNonce"), "{said}");

	// The author shares the document key with the hospital, which reads the very bytes.
	records(port, CLINIC, gk, &["share", "--patient", &patient, "0", "--with", HOSPITAL])?;
	records(port, HOSPITAL, gk, &["get", "--patient", &patient, "0", "--out", out_arg])?;
	assert_eq!(std::fs::read(&out)?, std::fs::read(fixture())?);

	// The patient's audit trail shows the hospital's read, under consent 1.
	let trail = json(port, &["records", "audit", "--patient", &patient])?;
	let hospital_reads: Vec<&Value> =
		trail.as_array().context("a trail")?.iter().filter(|line| line["org"] == 4).collect();
	ensure!(
		hospital_reads.iter().any(|line| line["action"]["ReadEntry"] == 0
			&& line["grant"]["Consent"] == 1
			&& line["purpose"] == "Treatment"),
		"no audited read by the hospital: {trail}"
	);

	// The patient revokes; the hospital is refused again, by the chain and the gatekeeper.
	let revoked = json(
		port,
		&[
			"--suri",
			CLINIC,
			"records",
			"consent",
			"revoke",
			"--patient-suri",
			PATIENT,
			"--consent",
			"1",
		],
	)?;
	ensure!(revoked["summary"].as_str().unwrap_or_default().contains("revoked"), "{revoked}");
	std::fs::remove_file(&out)?;
	let said = refused(port, HOSPITAL, gk, &["get", "--patient", &patient, "0", "--out", out_arg])?;
	ensure!(said.contains("Records.ConsentWasRevoked"), "{said}");

	// In an emergency the hospital breaks the glass: its access is flagged in the audit trail.
	json(
		port,
		&[
			"--suri",
			HOSPITAL,
			"records",
			"emergency",
			"--patient",
			&patient,
			"--reason",
			"patient-unconscious",
		],
	)?;
	records(
		port,
		HOSPITAL,
		gk,
		&["get", "--patient", &patient, "0", "--out", out_arg, "--purpose", "emergency-treatment"],
	)?;
	let trail = json(port, &["records", "audit", "--patient", &patient])?;
	let last = trail.as_array().and_then(|t| t.last()).context("an empty trail")?;
	assert_eq!(last["org"], 4, "{trail}");
	ensure!(last["grant"]["Emergency"].is_object(), "the emergency read is not flagged: {last}");
	let emergency_read = trail.as_array().map_or(0, Vec::len) - 1;
	// Break-glass reads: the hospital cannot write under it.
	json(port, &["--suri", HOSPITAL, "records", "document-base", &format!("{gk}/documents")])?;
	let said = refused(
		port,
		HOSPITAL,
		gk,
		&["put", "--patient", &patient, "--type", "Observation", fixture().to_str().unwrap()],
	)?;
	ensure!(said.contains("Records.EmergencyReadOnly"), "{said}");

	gatekeeper_refusals(gk, &genesis, &patient).await?;
	let record = healthnet_client::records::record_of(
		subxt::utils::H256(
			bytes_of(&Value::from(genesis.as_str()))?.try_into().ok().context("32 bytes")?,
		),
		&patient.parse()?,
	);
	let hash =
		subxt::utils::H256(bytes_of(&put["content_hash"])?.try_into().ok().context("32 bytes")?);
	// A busy trail: the clinic writes 120 entries after the hospital's audited read. The
	// gatekeeper asks the chain for this reader's access, not the trail's last lines: the
	// hospital's download below still finds it.
	let lines = gatekeeper_steps::busy_trail(port, CLINIC, record, 120).await?;
	ensure!(lines - emergency_read > 100, "the trail is not busy: {lines} lines");
	gatekeeper_attacks(gk, record, hash).await?;

	// Karnataka's administrator finds the declaration abusive: the access ends at once and the
	// declaration counts against the hospital.
	json(port, &["--suri", AUTHORITY, "records", "review", "0", "--verdict", "abusive"])?;
	let tally = json(port, &["records", "emergencies", "4"])?;
	assert_eq!(
		(tally["declared"].as_u64(), tally["abusive"].as_u64()),
		(Some(1), Some(1)),
		"{tally}"
	);
	std::fs::remove_file(&out)?;
	let said = refused(
		port,
		HOSPITAL,
		gk,
		&["get", "--patient", &patient, "0", "--out", out_arg, "--purpose", "emergency-treatment"],
	)?;
	// Its only consent, for treatment, was revoked: nothing allows emergency treatment now.
	ensure!(said.contains("Records.PurposeNotConsented"), "{said}");
	let content_hash = bytes_of(&put["content_hash"])?;
	privacy::nothing_identifying_on_chain(&network.alice, &needles(), &content_hash).await?;
	nothing_readable_on_disk(gatekeeper.data.path())?;

	// Its transport: TLS only beyond loopback, with the named authority, renewed on SIGHUP.
	// (The clinic asks: the hospital used up its challenges in the flood above.)
	let clinic = healthnet_client::keys::signer(CLINIC)?.public_key().to_account_id();
	gatekeeper_steps::tls_refusals(&gatekeeper, &clinic).await?;
	gatekeeper_steps::renewal(&mut gatekeeper, &clinic).await?;
	Ok(())
}

/// A request with a bad signature, a replayed challenge or a document whose hash does not
/// match is refused with its status and a sentence.
async fn gatekeeper_refusals(gk: &Gatekeeper, genesis: &str, patient: &str) -> Result<()> {
	let http = gk.http()?;
	let signer = healthnet_client::keys::signer(HOSPITAL)?;
	let challenge = challenge_for(gk, &signer).await?;
	let path = format!("/keys/{}", signer.public_key().to_account_id());
	let body = vec![1u8; 32];
	// Signed over another body.
	let message = healthnet_client::documents::request_message(&challenge, "PUT", &path, b"other");
	let header = healthnet_client::documents::authorization(&signer, &challenge, &message);
	let answer = http
		.put(format!("{gk}{path}"))
		.header("authorization", &header)
		.body(body.clone())
		.send()
		.await?;
	assert_eq!(answer.status(), 401);
	ensure!(answer.text().await?.contains("signature is not"), "no sentence");
	// A document whose bytes do not have the hash it is uploaded under.
	let sealed = healthnet_client::documents::seal(b"x");
	let record = healthnet_client::records::record_of(
		subxt::utils::H256(bytes_of(&Value::from(genesis))?.try_into().ok().context("32 bytes")?),
		&patient.parse()?,
	);
	let path = format!("/documents/{}?record={record:?}&entry=0", hex::encode([9u8; 32]));
	let challenge = challenge_for(gk, &signer).await?;
	let message =
		healthnet_client::documents::request_message(&challenge, "PUT", &path, &sealed.bytes);
	let header = healthnet_client::documents::authorization(&signer, &challenge, &message);
	let answer = http
		.put(format!("{gk}{path}"))
		.header("authorization", &header)
		.body(sealed.bytes.clone())
		.send()
		.await?;
	assert_eq!(answer.status(), 422);
	// The same challenge, used again.
	let answer = http
		.put(format!("{gk}{path}"))
		.header("authorization", &header)
		.body(sealed.bytes)
		.send()
		.await?;
	assert_eq!(answer.status(), 401);
	Ok(())
}

/// A challenge the gatekeeper at `gk` issues to `signer`'s account.
async fn challenge_for(
	gk: &Gatekeeper,
	signer: &subxt_signer::sr25519::Keypair,
) -> Result<[u8; 32]> {
	gk.remote()?.challenge(&signer.public_key().to_account_id()).await.map_err(Into::into)
}

/// `method path` with `body`, signed by `signer` over a fresh challenge; the status and the
/// gatekeeper's sentence.
async fn signed_request(
	gk: &Gatekeeper,
	signer: &subxt_signer::sr25519::Keypair,
	method: reqwest::Method,
	path: &str,
	body: Vec<u8>,
) -> Result<(u16, String)> {
	let challenge = challenge_for(gk, signer).await?;
	let message =
		healthnet_client::documents::request_message(&challenge, method.as_str(), path, &body);
	let header = healthnet_client::documents::authorization(signer, &challenge, &message);
	let answer = gk
		.http()?
		.request(method, format!("{gk}{path}"))
		.header("authorization", header)
		.body(body)
		.send()
		.await?;
	Ok((answer.status().as_u16(), answer.text().await?))
}

/// A member's attacks on the gatekeeper, each refused with its status and sentence, and what
/// each would have broken still whole: the document `hash` of `record`'s entry 0 (the
/// clinic's), whose key is wrapped for the clinic and the hospital.
async fn gatekeeper_attacks(
	gk: &Gatekeeper,
	record: subxt::utils::H256,
	hash: subxt::utils::H256,
) -> Result<()> {
	use reqwest::Method;
	let hospital = healthnet_client::keys::signer(HOSPITAL)?;
	let clinic = healthnet_client::keys::signer(CLINIC)?;
	let gatekeeper = gk.remote()?;
	let h = hex::encode(hash.0);
	// The hospital reads entry 0 in its emergency (its access is audited): the sealed bytes.
	let released = gatekeeper.download(&hospital, record, 0, hash, "emergency-treatment").await?;

	// A reader uploads the document as if it were the entry's author.
	let upload = format!("/documents/{h}?record={record:?}&entry=0");
	let (status, said) =
		signed_request(gk, &hospital, Method::PUT, &upload, released.sealed.clone()).await?;
	ensure!(status == 403 && said.contains("only its author"), "{status} {said}");
	// The author stores it again, or bound to another record's entry: the first binding stays.
	let (status, said) =
		signed_request(gk, &clinic, Method::PUT, &upload, released.sealed.clone()).await?;
	ensure!(status == 409 && said.contains("for good"), "{status} {said}");
	let other = subxt::utils::H256([7u8; 32]);
	let rebind = format!("/documents/{h}?record={other:?}&entry=0");
	let (status, said) =
		signed_request(gk, &clinic, Method::PUT, &rebind, released.sealed.clone()).await?;
	ensure!(status == 404 && said.contains("has no entry"), "a re-bind: {status} {said}");

	// The hospital overwrites its own wrapped key (or the clinic's) with one it made.
	for reader in [&hospital, &clinic] {
		let account = reader.public_key().to_account_id();
		let (status, said) = signed_request(
			gk,
			&hospital,
			Method::PUT,
			&format!("/documents/{h}/keys/{account}"),
			vec![0u8; 80],
		)
		.await?;
		ensure!(status == 403 && said.contains("only its author"), "{status} {said}");
	}
	// Even the author writes a reader's key once.
	let account = hospital.public_key().to_account_id();
	let (status, said) = signed_request(
		gk,
		&clinic,
		Method::PUT,
		&format!("/documents/{h}/keys/{account}"),
		vec![0u8; 80],
	)
	.await?;
	ensure!(status == 409 && said.contains("never replaced"), "{status} {said}");

	// An unsigned encryption key is not published.
	let path = format!("/keys/{account}");
	let (status, said) = signed_request(gk, &hospital, Method::PUT, &path, vec![1u8; 32]).await?;
	ensure!(status == 400 && said.contains("signature"), "{status} {said}");

	// A dishonest gatekeeper hands out its own key for the hospital: the client refuses it.
	let fake = fake_gatekeeper(hex::encode([5u8; 32])).await?;
	let refused = healthnet_client::gatekeeper::Gatekeeper::new(&fake)?
		.encryption_key(&account)
		.await
		.expect_err("an unsigned key was accepted");
	ensure!(refused.to_string().contains("not signed by"), "{refused}");

	// Through all of it the reader's document and key stayed as the author wrote them.
	let again = gatekeeper.download(&hospital, record, 0, hash, "emergency-treatment").await?;
	ensure!(again.sealed == released.sealed && again.wrapped_key == released.wrapped_key);

	// One account floods the challenges: it runs out of its own, another account does not.
	let mut issued = 0;
	let mut refusal = None;
	for _ in 0..40 {
		match gatekeeper.challenge(&account).await {
			Ok(_) => issued += 1,
			Err(error) => {
				refusal = Some(error.to_string());
				break;
			},
		}
	}
	ensure!(issued <= 16, "{issued} challenges were issued to one account");
	ensure!(refusal.as_deref().is_some_and(|r| r.contains("429")), "{refusal:?}");
	let (status, said) =
		signed_request(gk, &clinic, Method::GET, &format!("/keys/{account}"), Vec::new()).await?;
	ensure!(status == 200, "the clinic was starved: {status} {said}");
	// An account the chain does not know gets none.
	let stranger = healthnet_client::keys::signer("//Stranger")?;
	let said = gatekeeper
		.challenge(&stranger.public_key().to_account_id())
		.await
		.expect_err("a stranger got a challenge");
	ensure!(said.to_string().contains("403"), "{said}");
	Ok(())
}

/// A gatekeeper that answers every request with `key` (hex, no signature) as a published key.
async fn fake_gatekeeper(key: String) -> Result<String> {
	use tokio::io::{AsyncReadExt, AsyncWriteExt};
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
	let url = format!("http://{}", listener.local_addr()?);
	tokio::spawn(async move {
		while let Ok((mut stream, _)) = listener.accept().await {
			let mut request = [0u8; 4096];
			let _ = stream.read(&mut request).await;
			let body = format!("0x{key}");
			let answer = format!(
				"HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
				body.len()
			);
			let _ = stream.write_all(answer.as_bytes()).await;
		}
	});
	Ok(url)
}

fn needles() -> Vec<Vec<u8>> {
	privacy::needles(&IDENTIFYING)
}

/// Finds none of the fixture's identifying values, nor its text, in the gatekeeper's files.
fn nothing_readable_on_disk(dir: &Path) -> Result<()> {
	let mut needles = needles();
	needles.push(b"Observation".to_vec());
	needles.push(b"Body temperature".to_vec());
	let mut files = 0;
	for entry in std::fs::read_dir(dir)? {
		let path = entry?.path();
		if path.is_file() {
			files += 1;
			if let Some(found) = find(&std::fs::read(&path)?, &needles) {
				anyhow::bail!("{} holds {found}", path.display());
			}
		}
	}
	ensure!(files > 0, "the gatekeeper wrote no file");
	Ok(())
}
