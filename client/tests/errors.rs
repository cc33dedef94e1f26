//! Against a dev node: the checked-in metadata is the node's, and every kind of bad input to
//! `healthnet` ends in a sentence that says what to do and a non-zero exit, never a backtrace.

mod common;

use anyhow::{Context, Result};
use common::{failure, healthnet, healthnet_at, json};
use healthnet_e2e::{Node, NodeConfig};
use jsonrpsee::core::params::ArrayParams;

/// The metadata (version 16) the node serves, as `scripts/metadata` reads it.
async fn node_metadata(node: &Node) -> Result<Vec<u8>> {
	let mut params = ArrayParams::new();
	params.insert("Metadata_metadata_at_version")?;
	params.insert("0x10000000")?;
	let answer: String = node.rpc("state_call", params).await?;
	let bytes = hex::decode(answer.trim_start_matches("0x"))?;
	// Option<OpaqueMetadata>: Some, then a compact length, then the metadata.
	use codec::{Compact, Decode};
	let mut input = &bytes[..];
	let present = u8::decode(&mut input)?;
	anyhow::ensure!(present == 1, "the node has no metadata version 16");
	let Compact(length) = Compact::<u32>::decode(&mut input)?;
	anyhow::ensure!(input.len() == length as usize, "the metadata's length is wrong");
	Ok(input.to_vec())
}

#[tokio::test(flavor = "multi_thread")]
async fn checked_in_metadata_matches_the_node() -> Result<()> {
	// The metadata states the slot (Aura's and the timestamp's constants); `scripts/metadata`
	// reads it from a dev chain at the production block time.
	let node = Node::start(NodeConfig::new("dev").production_slot()).await?;
	let served = node_metadata(&node).await?;
	let checked_in = include_bytes!("../metadata/healthnet.scale");
	assert!(
		served == checked_in,
		"client/metadata/healthnet.scale is not the runtime's metadata: run scripts/metadata \
		 and rebuild the client"
	);
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_network_is_named_rather_than_waited_for_forever() -> Result<()> {
	// A dev node without a validator key produces no blocks.
	let node = Node::start(NodeConfig::new("dev")).await?;
	let said = failure(
		node.rpc_port,
		&[
			"--suri",
			"//Dave",
			"--timeout",
			"5",
			"alert",
			"threshold",
			"--region",
			"IN-KA",
			"--disease",
			"RA01",
			"--confirmed",
			"5",
		],
	)?;
	assert!(said.contains("was not finalized within 5 seconds"), "{said}");
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_failure_is_a_sentence_and_a_non_zero_exit() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	let port = node.rpc_port;
	let yesterday = ["--disease", "RA01", "--period", "yesterday", "--confirmed", "3"];

	// Nobody at the URL.
	let closed_port = healthnet_e2e::free_port()?;
	let said = failure(closed_port, &["org", "show", "1"])?;
	assert!(said.contains("could not reach a Healthnet node at ws://127.0.0.1:"), "{said}");
	assert!(said.contains("scripts/run"), "{said}");
	let run = healthnet_at("http://127.0.0.1:9", &["chain", "info"])?;
	assert!(run.stderr.contains("must start with ws:// or wss://"), "{}", run.stderr);
	assert_ne!(run.code, 0);

	// A key that is no key, and no key at all.
	let said = failure(port, &["--suri", "not a real key", "guidance", "acknowledge", "0"])?;
	assert!(said.contains("the key gives no sr25519 key"), "{said}");
	let said = failure(port, &["--suri", "/no/such/key-file", "guidance", "acknowledge", "0"])?;
	assert!(said.contains("there is no key file at /no/such/key-file"), "{said}");
	let said = failure(port, &["guidance", "acknowledge", "0"])?;
	assert!(said.contains("give the signing key with --suri"), "{said}");

	// Arguments the tool cannot read: clap's usage error, exit code 2.
	let run = healthnet(port, &["report", "submit", "--disease", "RA01"])?;
	assert_eq!(run.code, 2, "{}", run.stderr);
	assert!(run.stderr.contains("--period"), "{}", run.stderr);
	let said = failure(
		port,
		&["report", "series", "--region", "IN", "--disease", "RA01", "--from", "2024-02-30"],
	)?;
	assert!(said.contains("is not a period"), "{said}");
	let said = failure(
		port,
		&[
			"org", "register", "--kind", "hospitl", "--name", "X", "--region", "IN-KA", "--admin",
			"//X",
		],
	)?;
	assert!(said.contains("hospitl is not a kind of organisation"), "{said}");
	let said = failure(port, &["org", "show", "99"])?;
	assert!(said.contains("there is no organisation 99"), "{said}");

	// The runtime's refusals come back as the pallet's rule, and change nothing.
	let mut submit = vec!["--suri", "//Alice//stash", "report", "submit"];
	submit.extend_from_slice(&yesterday);
	json(port, &submit)?;
	let said = failure(port, &submit)?;
	assert!(
		said.contains("Surveillance.ReportExists: The organisation already reported"),
		"{said}"
	);
	let said = failure(port, &["--suri", "//Alice//stash", "org", "suspend", "6"])?;
	assert!(said.contains("Registry."), "{said}");
	let series = json(
		port,
		&["report", "series", "--region", "IN", "--disease", "RA01", "--from", "yesterday"],
	)?;
	assert_eq!(series[0]["totals"]["confirmed"], 3, "the refused report changed nothing");

	// The membership gate: an account nobody registered.
	let mut unknown = vec!["--suri", "//Ferdie//stash", "report", "submit"];
	unknown.extend_from_slice(&yesterday);
	let said = failure(port, &unknown)?;
	assert!(said.contains("not a member account of an active organisation"), "{said}");
	Ok(())
}

#[test]
fn help_names_every_domain() -> Result<()> {
	let run = healthnet(1, &["--help"])?;
	for domain in ["org", "cluster", "report", "alert", "guidance", "council", "validator", "chain"]
	{
		assert!(run.stdout.contains(&format!("\n  {domain} ")), "no {domain} in:\n{}", run.stdout);
	}
	let run = healthnet(1, &["--version"]).context("version")?;
	assert!(run.stdout.starts_with("healthnet "), "{}", run.stdout);
	Ok(())
}
