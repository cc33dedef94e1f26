//! A single dev node: it produces and finalizes blocks, resumes after a restart, refuses an
//! unknown chain, and builds the chain specs that are checked in.

use std::time::Duration;

use healthnet_e2e::{run_node_command, Node, NodeConfig};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_produces_and_finalizes_blocks() -> anyhow::Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	node.wait_until("block 3 is finalized", Duration::from_secs(120), async |n| {
		Ok(n.finalized_number().await? >= 3)
	})
	.await?;
	assert!(node.best_number().await? >= node.finalized_number().await?);
	let health: Value = node.rpc("system_health", Default::default()).await?;
	assert_eq!(health["isSyncing"], Value::Bool(false));
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn restarted_node_resumes_from_its_best_block() -> anyhow::Result<()> {
	let mut node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	node.wait_until("block 4 is imported", Duration::from_secs(120), async |n| {
		Ok(n.best_number().await? >= 4)
	})
	.await?;
	let seen = node.best_number().await?;
	let seen_hash = node.block_hash(seen).await?;
	let seen_root = node.header(Some(&seen_hash)).await?.state_root;
	node.stop().await?;

	// Without its validator key the node cannot author, so its best block is exactly the one
	// it stopped at: the one seen above, or one more authored just before the stop.
	node.config_mut().validator = None;
	node.restart().await?;
	let stopped_at = node.header(None).await?;
	assert!(
		stopped_at.number == seen || stopped_at.number == seen + 1,
		"restarted at block {} after stopping at {seen}",
		stopped_at.number
	);
	assert_eq!(node.block_hash(seen).await?, seen_hash, "block {seen} changed across the restart");
	let header = node.header(Some(&seen_hash)).await?;
	assert_eq!(header.state_root, seen_root, "the state root changed across the restart");

	// As a validator again it builds on that block.
	let stopped_hash = node.block_hash(stopped_at.number).await?;
	node.config_mut().validator = Some("alice".into());
	node.restart().await?;
	node.wait_until("the chain grows after the restart", Duration::from_secs(60), async |n| {
		Ok(n.best_number().await? > stopped_at.number)
	})
	.await?;
	assert_eq!(node.block_hash(stopped_at.number).await?, stopped_hash);
	assert_eq!(node.header(Some(&stopped_hash)).await?.state_root, stopped_at.state_root);
	Ok(())
}

#[test]
fn unknown_chain_is_refused_with_a_sentence() {
	let error = run_node_command(&["build-spec", "--chain", "atlantis"]).unwrap_err().to_string();
	assert!(error.contains("unknown chain 'atlantis'"), "unexpected error: {error}");
	assert!(error.contains("dev, local"), "the error does not list the known chains: {error}");
	assert!(!error.contains("panicked"), "the node panicked: {error}");
}

/// The chain specs in `chain-specs/` are what the node builds now; `scripts/chain-specs`
/// regenerates them.
#[test]
fn checked_in_chain_specs_match_the_node() -> anyhow::Result<()> {
	let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
	for (file, raw) in [("local.json", false), ("local-raw.json", true)] {
		let mut args = vec!["build-spec", "--chain", "local", "--disable-default-bootnode"];
		if raw {
			args.push("--raw");
		}
		let built: Value = serde_json::from_str(&run_node_command(&args)?)?;
		let path = root.join("chain-specs").join(file);
		let checked_in: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
		assert!(
			built == checked_in,
			"chain-specs/{file} differs from what the node builds; run scripts/chain-specs"
		);
	}
	Ok(())
}
