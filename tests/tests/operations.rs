//! docs/OPERATIONS.md followed as written: four operators make their validators' keys on their
//! hosts and their accounts on their own machines (the document's `account` and
//! `validator-keys` blocks), a network file of four organisations is written from what they
//! send, the spec is built (`build-spec`) and holds no development key, the four validators
//! start with `start-validator` at the production block time, a hospital reports and the
//! report is finalized, the council closes the network to the four nodes, one validator is
//! backed up (`backup`), destroyed and restored on a new base path (`restore`), and it votes
//! again: with another validator stopped, finality advances only with its votes.

use std::{path::Path, str::FromStr, time::Duration};

use anyhow::{anyhow, ensure, Context, Result};
use healthnet_e2e::{
	chain::{call, report, yesterday, Chain, Wait},
	free_port, run_node_command,
	runbook::Runbook,
	Node, NodeConfig,
};
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value as Json;
use subxt::dynamic::Value;
use subxt_signer::{sr25519::Keypair, SecretUri};
use tempfile::TempDir;

const COVID: &str = "RA01";

/// The blocks of docs/OPERATIONS.md this test runs; every other block is marked as prose.
const FOLLOWED: [&str; 6] =
	["account", "backup", "build-spec", "restore", "start-validator", "validator-keys"];

/// An account made with the runbook's `account` block in a directory of its own (the
/// operator's machine), and its key pair for the test to sign with.
fn account(runbook: &Runbook) -> Result<(String, Keypair)> {
	let machine = TempDir::new()?;
	let address = runbook.run("account", machine.path(), &[])?.trim().to_owned();
	let saved: Json = serde_json::from_slice(&std::fs::read(machine.path().join("account.json"))?)?;
	let phrase = saved["secretPhrase"].as_str().context("account.json has no secretPhrase")?;
	let uri = SecretUri::from_str(phrase).map_err(|e| anyhow!("the phrase: {e:?}"))?;
	let pair = Keypair::from_uri(&uri).map_err(|e| anyhow!("the phrase's key: {e:?}"))?;
	ensure!(address.starts_with('5') && address.len() == 48, "`account` printed {address:?}");
	Ok((address, pair))
}

/// A validator's host: its data directory (the base path is `base` inside) and p2p port.
struct Host {
	data: TempDir,
	p2p_port: u16,
}

impl Host {
	fn base(&self) -> String {
		self.data.path().join("base").to_string_lossy().into_owned()
	}

	fn env(&self) -> Vec<(&'static str, String)> {
		vec![("HEALTHNET_BASE", self.base())]
	}
}

/// The runbook's `start-validator` on `host`, for the network whose raw spec is `chain`.
async fn start(
	runbook: &Runbook,
	chain: &Path,
	name: &str,
	host: TempDir,
	port: u16,
) -> Result<Node> {
	let env = vec![
		("HEALTHNET_CHAIN".to_owned(), chain.to_string_lossy().into_owned()),
		("HEALTHNET_NAME".to_owned(), name.to_owned()),
	];
	Node::start_in(NodeConfig::shell(runbook.step("start-validator")?, env), host, port).await
}

/// The public keys, as hex and SS58, of every well-known development key (`//Alice` … and
/// their `//stash`), sr25519 and ed25519, as `healthnet-node key inspect` derives them.
fn development_keys() -> Result<Vec<String>> {
	let mut found = Vec::new();
	for name in ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie", "One", "Two"] {
		for uri in [format!("//{name}"), format!("//{name}//stash")] {
			for scheme in ["sr25519", "ed25519"] {
				let inspected = run_node_command(&[
					"key",
					"inspect",
					"--scheme",
					scheme,
					"--output-type",
					"json",
					&uri,
				])?;
				let key: Json = serde_json::from_str(&inspected)?;
				let hex = key["publicKey"].as_str().context("no publicKey")?;
				found.push(hex.trim_start_matches("0x").to_owned());
				found.push(key["ss58PublicKey"].as_str().context("no ss58PublicKey")?.to_owned());
			}
		}
	}
	Ok(found)
}

/// The spec at `path` as text, without the runtime's code (at `genesis` in the spec's tree):
/// the runtime carries the development keys of its demonstration presets among its constants,
/// and every spec carries the runtime; what must hold none of them is the genesis state.
fn without_code(path: &Path, genesis: &str) -> Result<String> {
	let mut spec: Json = serde_json::from_slice(&std::fs::read(path)?)?;
	let state = spec
		.pointer_mut(genesis)
		.and_then(Json::as_object_mut)
		.with_context(|| format!("{} has no {genesis}", path.display()))?;
	// `code` in a plain spec; the storage key `:code` in a raw one.
	let code = state.remove("code").or_else(|| state.remove("0x3a636f6465"));
	ensure!(code.is_some(), "{} has no runtime code at {genesis}", path.display());
	Ok(spec.to_string())
}

async fn confirmed(node: &Node, region: &str, period: u32) -> Result<u64> {
	let mut params = ArrayParams::new();
	params.insert(region)?;
	params.insert(COVID)?;
	params.insert(period)?;
	params.insert(period)?;
	let series: Json = node.rpc("healthnet_regionSeries", params).await?;
	series[0]["totals"]["confirmed"].as_u64().context("no confirmed count")
}

async fn finalized_beyond(node: &Node, number: u32, what: &str) -> Result<()> {
	node.wait_until(what, Duration::from_secs(240), async |n| {
		Ok(n.finalized_number().await? > number)
	})
	.await
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_from_a_network_file_with_fresh_keys_are_run_and_restored_as_documented(
) -> Result<()> {
	let runbook = Runbook::read()?;
	let mut named: Vec<&str> = runbook.names().collect();
	named.sort();
	ensure!(
		named == FOLLOWED,
		"docs/OPERATIONS.md's tested blocks are {named:?}, this test follows {FOLLOWED:?}"
	);

	// Each operator: the validator's keys on its host, its account on the operator's machine.
	let mut hosts = Vec::new();
	let mut validators = String::new();
	let mut bootnodes = Vec::new();
	for _ in 0..4 {
		let host = Host { data: Node::data_dir()?, p2p_port: free_port()? };
		let keys = runbook.run("validator-keys", host.data.path(), &host.env())?;
		let peer_id = keys
			.lines()
			.find_map(|l| l.strip_prefix("peer_id = \""))
			.and_then(|l| l.strip_suffix('"'))
			.with_context(|| format!("`validator-keys` printed no peer id: {keys}"))?;
		bootnodes.push(format!("\"/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}\"", host.p2p_port));
		let (operator, _) = account(&runbook)?;
		validators.push_str(&format!("\n[[validator]]\naccount = \"{operator}\"\n{keys}"));
		hosts.push(host);
	}
	let council = [account(&runbook)?, account(&runbook)?, account(&runbook)?];
	let members = [account(&runbook)?, account(&runbook)?, account(&runbook)?, account(&runbook)?];
	let quoted = |accounts: &[(String, Keypair)]| {
		accounts.iter().map(|(a, _)| format!("\"{a}\"")).collect::<Vec<_>>().join(", ")
	};
	let network = format!(
		r#"council = [{council}]

[network]
id = "healthnet_operations"
name = "Operations test network"
token_symbol = "HNT"
endowment = 1000
bootnodes = [{bootnodes}]

[[organisation]]
name = "Ministry of Health"
kind = "NationalAuthority"
region = "KE"
members = [{{ account = "{m0}", roles = ["Admin", "Reviewer"] }}]

[[organisation]]
name = "Kisumu County Department of Health"
kind = "RegionalAuthority"
region = "KE-42"
parent = "Ministry of Health"
members = [{{ account = "{m1}", roles = ["Admin", "Reviewer"] }}]

[[organisation]]
name = "Kisumu East Health Centre"
kind = "Clinic"
region = "KE-42"
parent = "Kisumu County Department of Health"
capabilities = ["ReportCases", "HoldStock", "ProvideCare"]
cluster = "Kisumu Central"
members = [{{ account = "{m2}", roles = ["Admin", "Reporter"] }}]

[[organisation]]
name = "Kisumu County Public Health Laboratory"
kind = "Laboratory"
region = "KE-42"
parent = "Kisumu County Department of Health"
capabilities = ["ReportCases", "IssueCertificates"]
members = [{{ account = "{m3}", roles = ["Admin", "CertificateOfficer"] }}]

[[cluster]]
name = "Kisumu Central"
region = "KE-42"
coordinator = "Kisumu East Health Centre"
{validators}"#,
		council = quoted(&council),
		bootnodes = bootnodes.join(", "),
		m0 = members[0].0,
		m1 = members[1].0,
		m2 = members[2].0,
		m3 = members[3].0,
	);

	// The spec, plain and raw, from the file; no development key anywhere in either.
	let author = TempDir::new()?;
	std::fs::write(author.path().join("network.toml"), network)?;
	runbook.run("build-spec", author.path(), &[])?;
	let spec = author.path().join("network-raw.json");
	let plain = without_code(&author.path().join("network.json"), "/genesis/runtimeGenesis")?;
	let raw = without_code(&spec, "/genesis/raw/top")?;
	for key in development_keys()? {
		ensure!(!plain.contains(&key) && !raw.contains(&key), "the spec holds the dev key {key}");
	}

	let names = ["ministry", "county", "clinic", "laboratory"];
	let mut nodes = Vec::new();
	for (host, name) in hosts.into_iter().zip(names) {
		nodes.push(start(&runbook, &spec, name, host.data, host.p2p_port).await?);
	}
	finalized_beyond(&nodes[0], 2, "the four validators finalize block 3").await?;

	// A clinic's report, finalized; the council closes the network to the four nodes.
	let chain = Chain::connect(nodes[0].rpc_port).await?;
	let period = yesterday();
	report(&chain, &members[2].1, COVID, period, 7, Wait::Finalized).await?;
	ensure!(confirmed(&nodes[0], "KE-42", period).await? == 7, "the report is not counted");
	let mut keys = Vec::new();
	for node in &nodes {
		keys.push(Value::from_bytes(node.node_key().await?));
	}
	let allow = call("Validators", "allow_nodes", vec![("nodes", Value::unnamed_composite(keys))]);
	chain.council_motion(&council[0].1, &[&council[1].1], 2, allow).await?;
	let closed_at = nodes[0].finalized_number().await?;
	let closed_hash = nodes[0].block_hash(closed_at).await?;

	// The laboratory's validator is stopped, backed up and started again; later its host is
	// destroyed, and it is restored on a new one with the same p2p port.
	let backups = TempDir::new()?;
	let backup = backups.path().join("validator.tar.gz").to_string_lossy().into_owned();
	let lab = nodes.pop().context("four nodes")?;
	let lab_port = lab.p2p_port;
	let mut lab = lab;
	lab.stop().await?;
	let mut env = vec![("HEALTHNET_BASE", lab.base_path().to_string_lossy().into_owned())];
	env.push(("HEALTHNET_BACKUP", backup.clone()));
	runbook.run("backup", backups.path(), &env)?;
	lab.restart().await?;
	let running = nodes[0].finalized_number().await?;
	finalized_beyond(&lab, running, "the backed-up validator catches up").await?;
	drop(lab);

	let new_host = Host { data: Node::data_dir()?, p2p_port: lab_port };
	let mut env = new_host.env();
	env.push(("HEALTHNET_BACKUP", backup));
	runbook.run("restore", new_host.data.path(), &env)?;
	let restored = start(&runbook, &spec, "laboratory", new_host.data, new_host.p2p_port).await?;
	let now = nodes[0].finalized_number().await?;
	finalized_beyond(&restored, now, "the restored validator catches up").await?;
	ensure!(
		restored.block_hash(closed_at).await? == closed_hash,
		"the restored validator has another block at #{closed_at}"
	);
	ensure!(confirmed(&restored, "KE-42", period).await? == 7, "the restored node lost the report");

	// With the county's validator stopped, three of four remain: finality needs all three,
	// the restored one among them.
	let mut county = nodes.pop().context("three nodes")?;
	county.stop().await?;
	let best = nodes[0].best_number().await?;
	finalized_beyond(&nodes[0], best, "finality goes on with the restored validator's votes")
		.await?;
	finalized_beyond(&restored, best, "the restored validator finalizes too").await
}
