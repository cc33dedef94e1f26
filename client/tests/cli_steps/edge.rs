//! Data from the edge and for research, on the CLI test's network: Jayanagar's clinic
//! (//Alice//stash, organisation 5) signs today's report with no node in reach, the general
//! hospital (//Ferdie) relays it, the aggregates move, a replay is refused (and the same for
//! a whole form of two diseases), Karnataka's
//! threshold on the JN.1 lineage fires, and the CSV and FHIR exports hold what the RPC gives
//! at the block they name.

use anyhow::{ensure, Context, Result};
use healthnet_e2e::Node;
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value;

use crate::common::{failure, healthnet_at, json};

const COVID: &str = "RA01";

pub async fn offline_reports_lineages_and_exports(alice: &Node, info: &Value) -> Result<()> {
	let port = alice.rpc_port;
	let genesis = info["genesis"].as_str().context("no genesis hash")?;
	let today = healthnet_client::period::date(healthnet_client::period::today());
	let dir = tempfile::tempdir()?;
	let signed = dir.path().join("report.json");
	let signed = signed.to_str().context("a temporary path is text")?;

	// Signed on a device with no node in reach (nothing listens on port 1).
	let sign = healthnet_at(
		"ws://127.0.0.1:1",
		&[
			"--suri",
			"//Alice//stash",
			"report",
			"sign",
			"--org",
			"5",
			"--disease",
			COVID,
			"--period",
			&today,
			"--confirmed",
			"9",
			"--tests-performed",
			"30",
			"--tests-positive",
			"9",
			"--variant",
			"JN.1=6",
			"--genesis",
			genesis,
			"--out",
			signed,
		],
	)?;
	ensure!(sign.code == 0, "signing offline failed: {}", sign.stderr);
	ensure!(sign.stdout.contains('█'), "no QR code printed: {}", sign.stdout);

	// Karnataka watches the JN.1 lineage: 5 confirmed cases a day in the state.
	let threshold = [
		"--suri",
		"//Dave",
		"alert",
		"threshold",
		"--region",
		"IN-KA",
		"--disease",
		COVID,
		"--lineage",
		"JN.1",
		"--confirmed",
		"5",
	];
	json(port, &threshold)?;
	let before = region_confirmed(alice, "IN-KA", &today, None).await?;

	// The hospital relays it; it counts as the clinic's, and the lineage alert opens.
	let relayed = json(port, &["--suri", "//Ferdie", "report", "relay", signed])?;
	let events: Vec<&str> = ["events", "block_end"]
		.iter()
		.flat_map(|key| relayed[*key].as_array().into_iter().flatten())
		.filter_map(|event| event["name"].as_str())
		.collect();
	for expected in ["ReportSubmitted", "ReportRelayed", "OutbreakAlert"] {
		ensure!(events.contains(&expected), "no {expected} in {events:?}");
	}
	ensure!(
		region_confirmed(alice, "IN-KA", &today, None).await? == before + 9,
		"IN-KA moved by 9"
	);
	let history =
		json(port, &["report", "history", "--org", "5", "--disease", COVID, "--period", &today])?;
	let version = &history["versions"][0];
	let clinic = healthnet_client::keys::account("//Alice//stash")?.to_string();
	let hospital = healthnet_client::keys::account("//Ferdie")?.to_string();
	ensure!(version["submitted_by"] == clinic.as_str(), "signed by the clinic: {history}");
	ensure!(version["relayed_by"] == hospital.as_str(), "relayed by the hospital: {history}");

	// The same file again is a replay.
	let refused = failure(port, &["--suri", "//Ferdie", "report", "relay", signed])?;
	ensure!(refused.contains("relayed already"), "the replay is refused in a sentence: {refused}");

	// The clinic's whole form of two more diseases, signed with no node in reach and relayed
	// by the hospital: each disease is its own first version, relayed; a replay is refused.
	let csv = dir.path().join("form.csv");
	std::fs::write(
		&csv,
		"disease,confirmed,tests_performed,tests_positive\n1F40,2,3,2\n1A00,1,1,1\n",
	)?;
	let csv = csv.to_str().context("a temporary path is text")?;
	let form = dir.path().join("form.json");
	let form = form.to_str().context("a temporary path is text")?;
	let sign_form = healthnet_at(
		"ws://127.0.0.1:1",
		&[
			"--suri",
			"//Alice//stash",
			"report",
			"sign-form",
			"--org",
			"5",
			"--period",
			&today,
			"--genesis",
			genesis,
			"--out",
			form,
			csv,
		],
	)?;
	ensure!(sign_form.code == 0, "signing a form offline failed: {}", sign_form.stderr);
	let relayed = json(port, &["--suri", "//Ferdie", "report", "relay", form])?;
	let names: Vec<&str> = relayed["events"]
		.as_array()
		.context("no events")?
		.iter()
		.filter_map(|event| event["name"].as_str())
		.collect();
	for expected in ["ReportSubmitted", "ReportRelayed"] {
		let count = names.iter().filter(|name| **name == expected).count();
		ensure!(count == 2, "{expected} once per disease of the form: {names:?}");
	}
	for disease in ["1F40", "1A00"] {
		let history = json(
			port,
			&["report", "history", "--org", "5", "--disease", disease, "--period", &today],
		)?;
		let version = &history["versions"][0];
		ensure!(version["submitted_by"] == clinic.as_str(), "signed by the clinic: {history}");
		ensure!(version["relayed_by"] == hospital.as_str(), "relayed by the hospital: {history}");
	}
	let refused = failure(port, &["--suri", "//Ferdie", "report", "relay", form])?;
	ensure!(refused.contains("relayed already"), "a form's replay is refused: {refused}");

	let alerts = json(port, &["alert", "list", "--region", "IN"])?;
	let lineage_alert = alerts
		.as_array()
		.context("no alerts")?
		.iter()
		.find(|alert| alert["lineage"] == "JN.1")
		.with_context(|| format!("no JN.1 alert in {alerts}"))?;
	ensure!(lineage_alert["region"] == "IN-KA" && lineage_alert["confirmed"] == 6, "{alerts}");
	let variants = json(
		port,
		&["report", "variants", "--region", "IN", "--disease", COVID, "--from", &today],
	)?;
	ensure!(
		variants[0]["lineages"] == serde_json::json!([{ "lineage": "JN.1", "confirmed": 6 }]),
		"{variants}"
	);

	// An unknown region and a backwards range are refused in a sentence.
	let export = ["report", "export", "--disease", COVID, "--from", &today];
	let unknown = failure(port, &[&export[..], &["--region", "ZZ-XX"]].concat())?;
	ensure!(unknown.contains("no authority or organisation"), "{unknown}");
	let backwards =
		failure(port, &[&export[..], &["--region", "IN-KA", "--to", "2020-01-01"]].concat())?;
	ensure!(backwards.contains("an export covers 1 to 366 days"), "{backwards}");

	// The exports hold, row by row, what the RPC gives at the block each was read at (the
	// finalized head may move between the two).
	let csv_file = dir.path().join("export.csv");
	let fhir_file = dir.path().join("export.json");
	let mut blocks = Vec::new();
	for (format, file) in [("csv", &csv_file), ("fhir", &fhir_file)] {
		let file = file.to_str().context("a temporary path is text")?;
		let export = [
			"report",
			"export",
			"--region",
			"IN-KA",
			"--disease",
			COVID,
			"--from",
			&today,
			"--format",
			format,
			"--out",
			file,
		];
		let written = json(port, &export)?;
		blocks.push(written["block"].as_str().context("no block")?.to_string());
	}
	let [csv_block, fhir_block] = &blocks[..] else { anyhow::bail!("two exports expected") };
	let csv = std::fs::read_to_string(&csv_file)?;
	let header: Vec<&str> = csv.lines().next().context("no header")?.split(',').collect();
	let column = |name: &str| header.iter().position(|c| *c == name).context("no such column");
	let (level, code, confirmed) = (column("level")?, column("code")?, column("confirmed")?);
	let fhir: Value = serde_json::from_str(&std::fs::read_to_string(&fhir_file)?)?;
	ensure!(fhir["identifier"]["value"] == fhir_block.as_str(), "the bundle names the block");
	let mut checked = 0;
	for line in csv.lines().skip(1) {
		let fields = csv_fields(line);
		let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
		ensure!(fields[0] == csv_block, "each row names the block: {line}");
		let confirmed_at = async |block: &str| -> Result<u64> {
			match fields[level] {
				"region" => region_confirmed(alice, fields[code], &today, Some(block)).await,
				"cluster" => cluster_confirmed(alice, fields[code].parse()?, &today, block).await,
				other => anyhow::bail!("a row of level {other} inside IN-KA"),
			}
		};
		let id = format!("{}-{}-{COVID}-{today}", fields[level], fields[code]);
		let rpc = confirmed_at(csv_block).await?;
		ensure!(fields[confirmed] == rpc.to_string(), "CSV {line} against the RPC's {rpc}");
		let rpc = confirmed_at(fhir_block).await?;
		let entry = fhir["entry"]
			.as_array()
			.context("no entries")?
			.iter()
			.find(|entry| entry["resource"]["id"] == id.as_str())
			.with_context(|| format!("no MeasureReport {id}"))?;
		let group = entry["resource"]["group"]
			.as_array()
			.context("no groups")?
			.iter()
			.find(|group| group["code"]["coding"][0]["code"] == "confirmed")
			.context("no confirmed group")?;
		ensure!(group["population"][0]["count"] == rpc, "FHIR {id} against the RPC's {rpc}");
		checked += 1;
	}
	// Karnataka, Bengaluru and the two clusters there, at least.
	ensure!(checked >= 4, "the export of IN-KA has {checked} rows: {csv}");
	Ok(())
}

/// The fields of one CSV line, a quoted field's quotes removed (names may hold commas).
fn csv_fields(line: &str) -> Vec<String> {
	let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
	let mut chars = line.chars().peekable();
	while let Some(c) = chars.next() {
		match (c, quoted) {
			('"', true) if chars.peek() == Some(&'"') => {
				field.push('"');
				chars.next();
			},
			('"', _) => quoted = !quoted,
			(',', false) => fields.push(std::mem::take(&mut field)),
			(c, _) => field.push(c),
		}
	}
	fields.push(field);
	fields
}

/// `healthnet_regionSeries`'s confirmed cases of `region` on `day`, at `block` or the best.
async fn region_confirmed(
	node: &Node,
	region: &str,
	day: &str,
	block: Option<&str>,
) -> Result<u64> {
	let day = healthnet_client::period::parse(day)?;
	let mut params = ArrayParams::new();
	params.insert(region)?;
	params.insert(COVID)?;
	params.insert(day)?;
	params.insert(day)?;
	params.insert(block)?;
	let series: Value = node.rpc("healthnet_regionSeries", params).await?;
	Ok(series[0]["totals"]["confirmed"].as_u64().unwrap_or(0))
}

/// `healthnet_clusterSeries`'s confirmed cases of `cluster` on `day`, at `block`.
async fn cluster_confirmed(node: &Node, cluster: u32, day: &str, block: &str) -> Result<u64> {
	let day = healthnet_client::period::parse(day)?;
	let mut params = ArrayParams::new();
	params.insert(cluster)?;
	params.insert(COVID)?;
	params.insert(day)?;
	params.insert(day)?;
	params.insert(block)?;
	let series: Value = node.rpc("healthnet_clusterSeries", params).await?;
	Ok(series[0]["totals"]["confirmed"].as_u64().unwrap_or(0))
}
