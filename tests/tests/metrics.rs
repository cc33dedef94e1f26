//! Healthnet's Prometheus metrics and alert rules: `promtool` checks the rules and runs their
//! tests (`ops/prometheus/`), and a real Prometheus server, loopback only, scrapes a dev node
//! with the rules loaded while a hospital reports, an authority's threshold opens an alert, a
//! stranger's transaction is refused by the gate and a verifier asks about a certificate; each
//! metric moves by what happened.

use std::{path::PathBuf, process::Command, time::Duration};

use anyhow::{ensure, Context, Result};
use healthnet_e2e::{
	chain::{dev_account, is_refused_by_gate, report, yesterday, Chain, Wait},
	prometheus::{sample, scrape, PrometheusServer},
	Node, NodeConfig,
};
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value as Json;
use subxt::dynamic::Value;
use subxt_signer::sr25519::dev;

const COVID: &str = "RA01";

fn rules() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ops/prometheus")
}

#[test]
fn the_alert_rules_pass_promtool_and_their_tests() -> Result<()> {
	let dir = rules();
	for args in [
		vec!["check", "rules", "healthnet-alerts.yml"],
		vec!["test", "rules", "healthnet-alerts.test.yml"],
	] {
		let output = Command::new("promtool")
			.args(&args)
			.current_dir(&dir)
			.output()
			.context("could not run promtool (scripts/setup installs Debian's prometheus)")?;
		ensure!(
			output.status.success(),
			"promtool {} failed: {}{}",
			args.join(" "),
			String::from_utf8_lossy(&output.stdout),
			String::from_utf8_lossy(&output.stderr)
		);
	}
	Ok(())
}

/// Waits until Prometheus's value of `expression` satisfies `done`.
async fn until(
	prometheus: &PrometheusServer,
	expression: &str,
	done: impl Fn(f64) -> bool,
) -> Result<f64> {
	let deadline = std::time::Instant::now() + Duration::from_secs(120);
	loop {
		let value = prometheus.query(expression)?;
		if let Some(value) = value.filter(|v| done(*v)) {
			return Ok(value);
		}
		ensure!(
			std::time::Instant::now() < deadline,
			"Prometheus never saw `{expression}` as expected (last {value:?}); its targets: {}",
			prometheus.targets()?
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn prometheus_scrapes_the_node_and_the_metrics_move_with_the_chain() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice").with_metrics()).await?;
	let port = node.metrics_port.context("the node serves metrics")?;
	let prometheus = PrometheusServer::start(&[port], &[&rules().join("healthnet-alerts.yml")])?;
	// A dev chain's one validator is this node, holding Alice's keys.
	until(&prometheus, "healthnet_authorities", |v| v == 1.0).await?;
	until(&prometheus, "healthnet_validator_authoring", |v| v == 1.0).await?;
	let before = until(&prometheus, "healthnet_disease_reports_total", |_| true).await?;

	// Karnataka's authority watches for 5 confirmed cases; a hospital reports 7 of COVID and
	// 1 of measles in two transactions: two disease reports, two transactions, an alert.
	let chain = Chain::connect(node.rpc_port).await?;
	let threshold = vec![
		Value::from_bytes("IN-KA"),
		Value::from_bytes(COVID),
		Value::unnamed_variant("None", []),
		5u32.into(),
	];
	chain.submit(&dev::dave(), "Surveillance", "set_threshold", threshold).await?;
	let period = yesterday();
	report(&chain, &dev::ferdie(), COVID, period, 7, Wait::Finalized).await?;
	report(&chain, &dev::ferdie(), "1F03", period, 1, Wait::Finalized).await?;
	until(&prometheus, "healthnet_disease_reports_total", |v| v == before + 2.0).await?;
	until(&prometheus, "healthnet_report_transactions_total", |v| v >= 2.0).await?;
	until(&prometheus, "healthnet_open_alerts", |v| v == 1.0).await?;

	// A stranger's transaction is refused at the pool; a verifier asks about a certificate.
	let stranger = dev_account("//Ferdie//stash")?; // funded, in no organisation
	let to_alice = vec![
		Value::unnamed_variant("Id", [Value::from_bytes(dev::alice().public_key().0)]),
		Value::u128(1_000_000_000_000),
	];
	let refused =
		chain.submit(&stranger, "Balances", "transfer_keep_alive", to_alice).await.unwrap_err();
	ensure!(is_refused_by_gate(&refused), "not refused by the gate: {refused:?}");
	let mut params = ArrayParams::new();
	params.insert(format!("0x{}", "ab".repeat(16)))?;
	params.insert(1)?;
	params.insert(format!("0x{}", "00".repeat(32)))?;
	let verdict: Json = node.rpc("healthnet_verifyCertificate", params).await?;
	ensure!(verdict.to_string().contains("nknown"), "an unknown certificate: {verdict}");

	let page = scrape(port)?;
	let value = |name: &str, labels: &str| {
		sample(&page, name, labels).with_context(|| format!("no {name}{{{labels}}} in {page}"))
	};
	ensure!(value("healthnet_gate_refusals_total", "")? == 1.0, "one gate refusal");
	ensure!(
		value("healthnet_certificate_verifications_total", "verdict=\"Unknown\"")? == 1.0,
		"one verification of an unknown certificate"
	);
	ensure!(value("healthnet_allowed_nodes", "")? == 0.0, "a dev chain is open");
	ensure!(value("healthnet_disk_available_bytes", "")? > 0.0, "the disk has room");
	ensure!(
		value("healthnet_disk_total_bytes", "")? >= value("healthnet_disk_available_bytes", "")?,
		"available exceeds the total"
	);
	for name in [
		"healthnet_finality_lag_blocks",
		"healthnet_pool_ready_transactions",
		"healthnet_pool_future_transactions",
		"healthnet_best_block_disease_reports",
	] {
		value(name, "")?;
	}
	// The series the alert rules read exist under the names the rules use.
	for name in [
		"substrate_block_height",
		"substrate_sync_peers",
		"substrate_finality_grandpa_precommits_total",
		"substrate_proposer_block_constructed_count",
	] {
		value(name, "")?;
	}
	// A healthy dev node fires none of the rules that hold for one node alone.
	let firing = prometheus.firing_alerts()?;
	ensure!(
		firing.iter().all(|a| a == "HealthnetNoPeers" || a == "HealthnetTooFewValidatorsVoting"),
		"alerts firing on a healthy node: {firing:?}"
	);
	Ok(())
}
