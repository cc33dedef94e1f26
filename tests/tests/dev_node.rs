//! A single dev node: it produces and finalizes blocks, resumes after a restart, refuses an
//! unknown chain, and builds the chain specs that are checked in.

use std::time::Duration;

use anyhow::Context;
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

/// The `runtime_version` custom section of a (possibly compressed) runtime wasm.
fn runtime_version_section(code: &[u8]) -> anyhow::Result<Vec<u8>> {
	let wasm = sp_maybe_compressed_blob::decompress(code, 50 * 1024 * 1024)?;
	let leb = |bytes: &[u8], at: &mut usize| -> anyhow::Result<usize> {
		let (mut value, mut shift) = (0usize, 0);
		loop {
			let byte = *bytes.get(*at).context("truncated wasm")?;
			*at += 1;
			value |= ((byte & 0x7f) as usize) << shift;
			if byte < 0x80 {
				return Ok(value);
			}
			shift += 7;
		}
	};
	let mut at = 8; // magic and version
	while at < wasm.len() {
		let id = wasm[at];
		at += 1;
		let size = leb(&wasm, &mut at)?;
		let end = at + size;
		if id == 0 {
			let mut name_at = at;
			let name_len = leb(&wasm, &mut name_at)?;
			if wasm.get(name_at..name_at + name_len) == Some(b"runtime_version") {
				return Ok(wasm[name_at + name_len..end].to_vec());
			}
		}
		at = end;
	}
	anyhow::bail!("the runtime has no runtime_version section")
}
