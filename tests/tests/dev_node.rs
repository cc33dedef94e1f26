//! A single dev node: it produces and finalizes blocks at the test network's slot, resumes
//! after a restart, refuses an unknown chain and a live chain with a shortened slot, and builds
//! the chain specs that are checked in.

use std::time::Duration;

use anyhow::Context;
use healthnet_e2e::{
	run_node_command, runtime_code::runtime_version_section, Node, NodeConfig, TEST_SLOT,
};
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
	// The test network runs the slot its genesis chose, not the production one.
	let mut params = jsonrpsee::core::params::ArrayParams::new();
	params.insert("AuraApi_slot_duration")?;
	params.insert("0x")?;
	let slot: String = node.rpc("state_call", params).await?;
	let slot = u64::from_str_radix(slot.trim_start_matches("0x"), 16)?.swap_bytes();
	assert_eq!(u128::from(slot), TEST_SLOT.as_millis());
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_live_chain_with_a_shortened_slot_is_refused() -> anyhow::Result<()> {
	let spec = run_node_command(&["build-spec", "--chain", "local", "--disable-default-bootnode"])?;
	let mut spec: Value = serde_json::from_str(&spec)?;
	spec["chainType"] = "Live".into();
	spec["genesis"]["runtimeGenesis"]["patch"]["validators"]["slotDuration"] = 1_000.into();
	let dir = tempfile::tempdir()?;
	let path = dir.path().join("live.json");
	std::fs::write(&path, serde_json::to_vec(&spec)?)?;
	let Err(refused) = Node::start(NodeConfig::new(&path.to_string_lossy())).await else {
		anyhow::bail!("a live chain with 1-second slots started");
	};
	assert!(
		refused.to_string().contains("this live chain's genesis sets 1000 ms slots"),
		"unexpected error: {refused:#}"
	);
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn restarted_node_resumes_from_its_best_block() -> anyhow::Result<()> {
	let mut node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	node.wait_until("block 4 is imported", Duration::from_secs(120), async |n| {
		Ok(n.best_number().await? >= 4)
	})
	.await?;
	let stopping = std::time::Instant::now();
	let seen = node.best_number().await?;
	let seen_hash = node.block_hash(seen).await?;
	let seen_root = node.header(Some(&seen_hash)).await?.state_root;
	node.stop().await?;
	// The slots that began while the node was being read and stopped.
	let slots = 1 + (stopping.elapsed().as_millis() / TEST_SLOT.as_millis()) as u32;

	// Without its validator key the node cannot author, so its best block is exactly the one
	// it stopped at: the one seen above, or one authored in a slot before the stop.
	node.config_mut().validator = None;
	node.restart().await?;
	let stopped_at = node.header(None).await?;
	assert!(
		(seen..=seen + slots).contains(&stopped_at.number),
		"restarted at block {} after stopping at {seen} within {slots} slots",
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
///
/// The runtime wasm's bytes depend on where the source is checked out (cargo names the
/// symbols of path crates after their location), so a clone elsewhere builds different bytes
/// for the same runtime. The test therefore compares every genesis entry exactly, except the
/// code, which it compares by the version the runtime declares (`runtime_version` section):
/// name, spec, implementation and transaction versions, and its runtime APIs. Nodes of a
/// shared network must start from the checked-in raw spec, never from `--chain local` built
/// on their own machine.
#[test]
fn checked_in_chain_specs_match_the_node() -> anyhow::Result<()> {
	let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
	for (file, raw) in [("local.json", false), ("local-raw.json", true)] {
		let mut args = vec!["build-spec", "--chain", "local", "--disable-default-bootnode"];
		if raw {
			args.push("--raw");
		}
		let mut built: Value = serde_json::from_str(&run_node_command(&args)?)?;
		let path = root.join("chain-specs").join(file);
		let text = std::fs::read_to_string(&path)
			.with_context(|| format!("could not read {}", path.display()))?;
		let mut checked_in: Value = serde_json::from_str(&text)?;
		let built_code = take_code(&mut built, raw)?;
		let checked_in_code = take_code(&mut checked_in, raw)?;
		assert!(
			built == checked_in,
			"chain-specs/{file}: the genesis differs from what the node builds; run scripts/chain-specs"
		);
		assert_eq!(
			runtime_version_section(&built_code)?,
			runtime_version_section(&checked_in_code)?,
			"chain-specs/{file}: the runtime differs from what the node builds; run scripts/chain-specs"
		);
	}
	Ok(())
}

/// Removes the runtime code from a chain spec and returns it, decoded from hex.
fn take_code(spec: &mut Value, raw: bool) -> anyhow::Result<Vec<u8>> {
	let slot = if raw {
		spec["genesis"]["raw"]["top"].as_object_mut().and_then(|top| top.remove("0x3a636f6465"))
	} else {
		spec["genesis"]["runtimeGenesis"].as_object_mut().and_then(|g| g.remove("code"))
	};
	let hex = slot.and_then(|v| v.as_str().map(str::to_owned)).context("a spec without code")?;
	let hex = hex.trim_start_matches("0x");
	(0..hex.len()).step_by(2).map(|i| Ok(u8::from_str_radix(&hex[i..i + 2], 16)?)).collect()
}
