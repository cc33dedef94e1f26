//! `healthnet load` end to end on a one-validator `bench` chain: a few hundred reports and as
//! many transfers from 100 of the bench facilities, every one finalized and successful, the
//! reports counted in Karnataka's aggregates, forms of ten diseases counted disease by disease,
//! the dashboard's reads timed, and the figures printed as parseable JSON. The figures
//! themselves are measured on a release build (docs/PERFORMANCE.md), not here.

mod common;

use anyhow::{ensure, Context, Result};
use common::{healthnet_at, json};
use healthnet_client::period;
use healthnet_e2e::{Node, NodeConfig};
use serde_json::Value;

const COUNT: u64 = 300;

fn figure(run: &Value, name: &str) -> Result<f64> {
	run[name].as_f64().with_context(|| format!("no {name} in {run}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_load_run_finalizes_every_report_and_transfer_it_sends() -> Result<()> {
	let node = Node::start(NodeConfig::new("bench").validator("alice")).await?;
	let port = node.rpc_port;
	let count = COUNT.to_string();
	let answer =
		json(port, &["load", "--count", &count, "--accounts", "100", "--max-seconds", "240"])?;
	let runs = answer["runs"].as_array().context("no runs")?;
	ensure!(runs.len() == 2, "expected reports and transfers: {answer}");
	for (run, workload) in runs.iter().zip(["reports", "transfers"]) {
		ensure!(run["workload"] == workload, "{run}");
		ensure!(run["submitted"] == COUNT, "{run}");
		ensure!(run["rejected"].as_object().is_some_and(|r| r.is_empty()), "{run}");
		ensure!(run["finalized"] == COUNT && run["included"] == COUNT, "{run}");
		ensure!(run["failed"] == 0, "a transaction's call failed: {run}");
		ensure!(run["lost"] == 0, "the pool dropped transactions it had accepted: {run}");
		ensure!(run["unfinished"] == 0, "every accepted transaction was finalized: {run}");
		ensure!(figure(run, "finalized_per_second")? > 0.0, "{run}");
		let (p50, p95, p99) = (
			figure(run, "finality_p50")?,
			figure(run, "finality_p95")?,
			figure(run, "finality_p99")?,
		);
		ensure!(0.0 < p50 && p50 <= p95 && p95 <= p99, "{run}");
		ensure!(run["blocks"].as_u64().is_some_and(|b| b >= 1), "{run}");
	}
	ensure!(figure(&answer, "reports_per_transfer")? > 0.0, "{answer}");

	// Each of the 100 accounts reported the three days before today, once each.
	let today = period::today();
	let (from, to) = (period::date(today - 3), period::date(today - 1));
	let series = json(
		port,
		&[
			"report",
			"series",
			"--region",
			"IN-KA",
			"--disease",
			"RA01",
			"--from",
			&from,
			"--to",
			&to,
		],
	)?;
	let reports: u64 = series
		.as_array()
		.context("a series is an array")?
		.iter()
		.filter_map(|day| day["totals"]["reports"].as_u64())
		.sum();
	ensure!(reports == COUNT, "Karnataka counts {reports} reports, not {COUNT}: {series}");

	// Forms of ten diseases, one transaction each: every one of the 100 is finalized, and each
	// of its diseases counted.
	let answer = json(
		port,
		&["load", "--workload", "forms", "--diseases", "10", "--count", "100", "--accounts", "100"],
	)?;
	let run = &answer["runs"][0];
	ensure!(run["workload"] == "forms" && run["reports_per_transaction"] == 10, "{run}");
	ensure!(run["finalized"] == 100 && run["failed"] == 0 && run["lost"] == 0, "{run}");
	let (forms, reports) =
		(figure(run, "finalized_per_second")?, figure(run, "reports_finalized_per_second")?);
	ensure!(forms > 0.0 && (reports - 10.0 * forms).abs() < 1e-6, "{run}");
	// After six transactions each, the forms' period is seven days back.
	let day = period::date(today - 7);
	let last = healthnet_client::load::form_diseases("RA01", 10).pop().context("ten diseases")?;
	let series = json(
		port,
		&[
			"report",
			"series",
			"--region",
			"IN-KA",
			"--disease",
			&last,
			"--from",
			&day,
			"--to",
			&day,
		],
	)?;
	ensure!(series[0]["totals"]["reports"] == 100, "{last} on {day}: {series}");

	// The reads a dashboard makes, timed.
	let answer = json(port, &["load", "--workload", "reads", "--count", "20"])?;
	let reads = answer["reads"].as_array().context("no reads")?;
	ensure!(reads.len() == 3, "{answer}");
	for read in reads {
		ensure!(read["calls"] == 20, "{read}");
		let (p50, p99) = (figure(read, "p50_ms")?, figure(read, "p99_ms")?);
		ensure!(0.0 < p50 && p50 <= p99, "{read}");
	}

	// Only a node on this machine is loaded, refused before anything connects.
	let refused = healthnet_at("ws://192.0.2.1:9944", &["load", "--count", "1"])?;
	ensure!(refused.code != 0 && refused.stderr.contains("loopback"), "{}", refused.stderr);
	Ok(())
}
