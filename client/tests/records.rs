//! Medical records end to end, with the `healthnet` tool and the document gatekeeper on the
//! four-validator local network: Jayanagar Health Centre (organisation 5, `//Alice//stash`)
//! enrols a patient whose key is on her phone and puts a FHIR Observation through the
//! gatekeeper; Bengaluru General Hospital (organisation 4, `//Ferdie`) is refused; the patient
//! signs a consent offline and the clinic relays it; the hospital reads the document and the
//! bytes match; the patient's audit trail shows the read; the patient revokes and the hospital
//! is refused again; the hospital breaks the glass and the audit trail flags it. Then nothing
//! of the patient's name, birth date or national id is anywhere in the chain's state, in any
//! transaction or event of the run, or on the gatekeeper's disk.

mod common;

use std::{
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::Duration,
};

use anyhow::{ensure, Context, Result};
use common::{failure, json};
use healthnet_e2e::{
	free_port,
	privacy::{self, bytes_of, find},
	workspace_binary, LocalNetwork,
};
use serde_json::Value;

const CLINIC: &str = "//Alice//stash";
const HOSPITAL: &str = "//Ferdie";
const PATIENT: &str = "//Patient//Asha";
/// What the fixture says about the patient, which must never reach the chain.
const IDENTIFYING: [&str; 4] = ["Asha Ramaswamy", "Ramaswamy", "1987-03-14", "4821-7730-9156"];

/// A gatekeeper process on a free port, stopped when dropped.
struct Gatekeeper {
	child: Child,
	url: String,
	data: tempfile::TempDir,
}

impl Gatekeeper {
	async fn start(rpc_port: u16) -> Result<Gatekeeper> {
		let data = tempfile::tempdir()?;
		let port = free_port()?;
		let child = Command::new(workspace_binary("healthnet-gatekeeper")?)
			.args(["--url", &format!("ws://127.0.0.1:{rpc_port}")])
			.args(["--listen", &format!("127.0.0.1:{port}")])
			.arg("--data")
			.arg(data.path())
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.context("could not start healthnet-gatekeeper")?;
		let url = format!("http://127.0.0.1:{port}");
		for _ in 0..100 {
			if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
				return Ok(Gatekeeper { child, url, data });
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		anyhow::bail!("the gatekeeper did not listen on {url} within 20 seconds")
	}
}

impl Drop for Gatekeeper {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

fn fixture() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/observation.json")
}

/// `healthnet --json --suri <suri> records <args> --gatekeeper <url>` on the node at `port`.
fn records(port: u16, suri: &str, gatekeeper: &str, args: &[&str]) -> Result<Value> {
	let mut all = vec!["--suri", suri, "records"];
	all.extend_from_slice(args);
	all.extend_from_slice(&["--gatekeeper", gatekeeper]);
	json(port, &all)
}

/// The same, required to fail; returns the sentence.
fn refused(port: u16, suri: &str, gatekeeper: &str, args: &[&str]) -> Result<String> {
	let mut all = vec!["--suri", suri, "records"];
	all.extend_from_slice(args);
	all.extend_from_slice(&["--gatekeeper", gatekeeper]);
	failure(port, &all)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_patient_controls_who_reads_their_record_and_sees_every_read() -> Result<()> {
	let network = LocalNetwork::start(1).await?;
	let port = network.alice.rpc_port;
	let gatekeeper = Gatekeeper::start(port).await?;
	let gk = gatekeeper.url.as_str();
	let dir = tempfile::tempdir()?;
	let patient = healthnet_client::keys::signer(PATIENT)?.public_key().to_account_id().to_string();

	// Each party publishes the key that opens documents shared with it.
	for suri in [CLINIC, HOSPITAL] {
		records(port, suri, gk, &["publish-key"])?;
	}
	records(port, CLINIC, gk, &["publish-key", "--patient-suri", PATIENT])?;

	// The clinic enrols the patient, whose phone signs the acceptance, and puts the document.
	let enrolled = json(port, &["--suri", CLINIC, "records", "enrol", "--patient-suri", PATIENT])?;
	let genesis = enrolled["genesis"].as_str().context("no genesis")?.to_string();
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
	assert_eq!(json(port, &["records", "emergencies", "4"])?, 1);

	gatekeeper_refusals(gk, &genesis, &patient).await?;
	let content_hash = bytes_of(&put["content_hash"])?;
	privacy::nothing_identifying_on_chain(&network.alice, &needles(), &content_hash).await?;
	nothing_readable_on_disk(gatekeeper.data.path())?;
	Ok(())
}

/// A request with a bad signature, a replayed challenge or a document whose hash does not
/// match is refused with its status and a sentence.
async fn gatekeeper_refusals(gk: &str, genesis: &str, patient: &str) -> Result<()> {
	let http = reqwest::Client::new();
	let challenge = http.post(format!("{gk}/challenges")).send().await?.text().await?;
	let challenge: [u8; 32] = hex::decode(challenge.trim().trim_start_matches("0x"))?
		.try_into()
		.ok()
		.context("32 bytes")?;
	let signer = healthnet_client::keys::signer(HOSPITAL)?;
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
	let path = format!("/documents/{}?record={record:?}&type=Observation", hex::encode([9u8; 32]));
	let challenge = http.post(format!("{gk}/challenges")).send().await?.text().await?;
	let challenge: [u8; 32] = hex::decode(challenge.trim().trim_start_matches("0x"))?
		.try_into()
		.ok()
		.context("32 bytes")?;
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
