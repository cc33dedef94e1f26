//! Secured channels end to end, with the `healthnet` tool and the document gatekeeper against a
//! dev node: Karnataka (organisation 2, `//Dave`) creates an outbreak channel with the state
//! laboratory (7, `//Charlie//stash`) and the Jayanagar clinic (5, `//Alice//stash`). The
//! laboratory shares a line list, sealed on its machine, its key wrapped for every account that
//! may read the channel and none other; the clinic fetches it after recording its read. The
//! hospital (4, `//Ferdie`), no member, is refused by the chain and by the gatekeeper. Removed,
//! the clinic gets no key for the next document, cannot have one slipped to it, and opens
//! neither that one nor the line list it read before. Every read is in the channel's audit, and
//! nothing of the line list's content is on chain.

mod common;
#[allow(dead_code)]
#[path = "records_steps/gatekeeper.rs"]
mod gatekeeper_steps;

use anyhow::{ensure, Context, Result};
use common::{failure, json};
use gatekeeper_steps::Gatekeeper;
use healthnet_client::{documents, keys, period};
use healthnet_e2e::{privacy, Node, NodeConfig};
use serde_json::Value;

const KARNATAKA: &str = "//Dave";
const LAB: &str = "//Charlie//stash";
const CLINIC: &str = "//Alice//stash";
const HOSPITAL: &str = "//Ferdie";

/// A line list as an investigation keeps one: people, so it must never reach the chain.
const LINE_LIST: &str = "case_id,name,age,ward,onset,result\n\
	BLR-0412,Ravindra Gowda,34,Jayanagar 4th Block,2026-11-28,NS1 positive\n\
	BLR-0413,Lakshmi Narayan,29,Jayanagar 9th Block,2026-11-30,NS1 positive\n";

/// `healthnet --suri <suri> channel <args> --gatekeeper … --gatekeeper-ca …`, as JSON.
fn channel(port: u16, suri: &str, gk: &Gatekeeper, args: &[&str]) -> Result<Value> {
	let mut all = vec!["--suri", suri, "channel"];
	all.extend_from_slice(args);
	all.extend_from_slice(&["--gatekeeper", &gk.url, "--gatekeeper-ca", gk.ca()]);
	json(port, &all)
}

/// The same, required to fail; returns the sentence.
fn refused(port: u16, suri: &str, gk: &Gatekeeper, args: &[&str]) -> Result<String> {
	let mut all = vec!["--suri", suri, "channel"];
	all.extend_from_slice(args);
	all.extend_from_slice(&["--gatekeeper", &gk.url, "--gatekeeper-ca", gk.ca()]);
	failure(port, &all)
}

fn account(suri: &str) -> Result<String> {
	Ok(keys::signer(suri)?.public_key().to_account_id().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_channel_shares_with_its_members_only_and_audits_every_read() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	let port = node.rpc_port;
	let gk = Gatekeeper::start(port).await?;
	let dir = tempfile::tempdir()?;
	for suri in [KARNATAKA, LAB, CLINIC, HOSPITAL] {
		let args = ["--suri", suri, "records", "publish-key", "--gatekeeper", &gk.url];
		json(port, &[&args[..], &["--gatekeeper-ca", gk.ca()]].concat())?;
	}

	// Karnataka creates the channel and chooses its members; nobody else does.
	let until = period::date(period::today() + 30);
	let create = [
		"create",
		"--name",
		"Dengue, Bengaluru Urban",
		"--purpose",
		"outbreak-investigation",
		"--until",
		&until,
	];
	let said = failure(port, &[&["--suri", LAB, "channel"][..], &create].concat())?;
	ensure!(said.contains("NotAnAuthority"), "{said}");
	let created = json(port, &[&["--suri", KARNATAKA, "channel"][..], &create].concat())?;
	ensure!(created["id"] == 0, "{created}");
	for org in ["7", "5"] {
		json(port, &["--suri", KARNATAKA, "channel", "add", "0", "--org", org])?;
	}
	let said = failure(port, &["--suri", HOSPITAL, "channel", "add", "0", "--org", "4"])?;
	ensure!(said.contains("NotTheCreator"), "{said}");

	// The laboratory shares a line list: its key is wrapped for the members' readers only.
	let file = dir.path().join("line-list.csv");
	std::fs::write(&file, LINE_LIST)?;
	let shared =
		channel(port, LAB, &gk, &["share", "0", file.to_str().unwrap(), "--kind", "line-list"])?;
	ensure!(shared["index"] == 0, "{shared}");
	let wrapped_for = shared["wrapped_for"].to_string();
	for member in [KARNATAKA, LAB, CLINIC] {
		ensure!(wrapped_for.contains(&account(member)?), "{member} gets no key: {shared}");
	}
	ensure!(!wrapped_for.contains(&account(HOSPITAL)?), "the hospital got a key: {shared}");

	// The clinic records its read and opens it; the hospital is refused by both.
	let out = dir.path().join("read.csv");
	channel(port, CLINIC, &gk, &["fetch", "0", "0", "--out", out.to_str().unwrap()])?;
	ensure!(std::fs::read_to_string(&out)? == LINE_LIST, "the line list came back changed");
	let said = refused(port, HOSPITAL, &gk, &["fetch", "0", "0", "--out", out.to_str().unwrap()])?;
	ensure!(said.contains("NotAChannelMember"), "{said}");
	let remote = gk.remote()?;
	let hospital = keys::signer(HOSPITAL)?;
	let said = remote.channel_download(&hospital, 0, 0).await.expect_err("the hospital read");
	ensure!(said.to_string().contains("may not read channel 0"), "{said}");

	// Removed, the clinic gets no key for the next document, and none can be slipped to it.
	json(port, &["--suri", KARNATAKA, "channel", "remove", "0", "--org", "5"])?;
	let sequences = dir.path().join("sequences.fasta");
	std::fs::write(&sequences, ">BLR-0412 DENV-2\nACGTTGCAAGGCTTACCGATGCA\n")?;
	let second = channel(
		port,
		LAB,
		&gk,
		&["share", "0", sequences.to_str().unwrap(), "--kind", "sequences"],
	)?;
	ensure!(!second["wrapped_for"].to_string().contains(&account(CLINIC)?), "{second}");
	let clinic = keys::signer(CLINIC)?;
	let clinic_account = clinic.public_key().to_account_id();
	let their_key = remote.encryption_key(&clinic_account).await?.context("the clinic's key")?;
	let hash = subxt::utils::H256(
		hex::decode(second["hash"].as_str().context("hash")?.trim_start_matches("0x"))?
			.try_into()
			.map_err(|_| anyhow::anyhow!("a 32-byte hash"))?,
	);
	let slipped = documents::wrap(&[7; 32], hash, &their_key);
	let said = remote
		.channel_share(&keys::signer(LAB)?, 0, 1, &clinic_account, slipped)
		.await
		.expect_err("a key for a removed member was stored");
	ensure!(said.to_string().contains("may not read channel 0"), "{said}");
	let said = refused(port, CLINIC, &gk, &["fetch", "0", "1", "--out", out.to_str().unwrap()])?;
	ensure!(said.contains("NotAChannelMember"), "{said}");
	// Its read of the line list is on chain, but the gatekeeper releases it no longer.
	let said = remote.channel_download(&clinic, 0, 0).await.expect_err("a removed member read");
	ensure!(said.to_string().contains("may not read channel 0"), "{said}");
	// Nor through a record of its own whose entry names the line list's hash: the gatekeeper
	// releases a document only for what it was stored for.
	json(port, &["--suri", CLINIC, "records", "document-base", &format!("{}/documents", gk.url)])?;
	let enrolled =
		json(port, &["--suri", CLINIC, "records", "enrol", "--patient-suri", "//Squatter"])?;
	let record: subxt::utils::H256 =
		serde_json::from_value(enrolled["record"].clone()).context("a record id")?;
	let line_list_hash: subxt::utils::H256 =
		serde_json::from_value(shared["hash"].clone()).context("the line list's hash")?;
	let chain = healthnet_client::Client::connect(&format!("ws://127.0.0.1:{port}")).await?;
	let entry = healthnet_client::records::add_entry(
		record,
		healthnet_primitives::records::ResourceType::Observation,
		line_list_hash,
		None,
	)?;
	chain.submit(&entry, &clinic, |_| {}).await?;
	let out_record = dir.path().join("squatted.csv");
	let args =
		["get", "--record", &format!("{record:?}"), "0", "--out", out_record.to_str().unwrap()];
	let mut all = vec!["--suri", CLINIC, "records"];
	all.extend_from_slice(&args);
	all.extend_from_slice(&["--gatekeeper", &gk.url, "--gatekeeper-ca", gk.ca()]);
	let said = failure(port, &all)?;
	ensure!(said.contains("stored for another record's entry or a channel"), "{said}");
	ensure!(!out_record.exists(), "the line list was released through a record");

	// Every read is in the audit; the channel shows its members and documents.
	let audit = json(port, &["channel", "audit", "0", "0"])?;
	let line = audit
		.as_array()
		.and_then(|lines| lines.iter().find(|l| l["reader"] == account(CLINIC).unwrap_or_default()))
		.context("the clinic's read is audited")?;
	ensure!(line["mark"]["count"] == 1, "{audit}");
	let shown = json(port, &["channel", "show", "0"])?;
	ensure!(shown["channel"]["members"] == serde_json::json!([2, 7]), "{shown}");
	ensure!(shown["documents"].as_array().map(Vec::len) == Some(2), "{shown}");
	let listed = json(port, &["channel", "list", "--org", "7"])?;
	ensure!(listed[0]["id"] == 0, "{listed}");

	// Nothing of the line list is on chain; the scan sees the channel's name, which is.
	let needles =
		privacy::needles(&["Ravindra Gowda", "Lakshmi Narayan", "BLR-0412", "ACGTTGCAAGG"]);
	privacy::nothing_identifying_on_chain(&node, &needles, b"Dengue, Bengaluru Urban").await?;
	Ok(())
}
