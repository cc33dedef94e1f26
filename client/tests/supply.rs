//! The medical supply chain end to end, with the `healthnet` tool on the four-validator local
//! network and the demonstration registry: Pune Vaccine Works (organisation 8, `//Dave//stash`)
//! registers a vaccine and a COVID-19 test kit and makes a lot of each; it ships them to Deccan
//! Medical Distributors (9, `//Eve//stash`), which accepts and ships on to Jayanagar Health
//! Centre (5, `//Alice//stash`) in two shipments; the clinic administers doses; an excursion
//! in transit quarantines the vaccine of the third shipment, which arrives quarantined for the
//! clinic's requisition and fulfils it only when Karnataka releases it; the manufacturer recalls
//! the vaccine lot, the clinic can no longer use it and its stock shows the units recalled, not
//! available; the distributor cannot count into its stock units it never lost; the trace shows
//! every step and the numbers add up; the clinic used 40 test kits today but reported 10 tests,
//! and the under-reporting check lists it, while yesterday's kits, recorded today for
//! yesterday, match yesterday's report; open requisitions come in pages. A temperature logger's consent, made offline for the
//! distributor, does not let the manufacturer register it; the distributor does. A GTIN
//! outside the manufacturer's GS1 company prefixes is refused until its authority records
//! the prefix.

mod common;

use anyhow::{ensure, Context, Result};
use common::{failure, json};
use healthnet_e2e::LocalNetwork;
use serde_json::Value;

const MAKER: &str = "//Dave//stash";
const DISTRIBUTOR: &str = "//Eve//stash";
const CLINIC: &str = "//Alice//stash";

/// `healthnet --json --suri <suri> supply <args>`.
fn supply(port: u16, suri: &str, args: &[&str]) -> Result<Value> {
	let mut all = vec!["--suri", suri, "supply"];
	all.extend_from_slice(args);
	json(port, &all)
}

/// The clinic reports `tests` COVID-19 tests performed on `period`.
fn clinic_reports_tests(port: u16, period: &str, tests: &str) -> Result<Value> {
	let report = ["report", "submit", "--disease", "RA01", "--period", period];
	json(port, &[&["--suri", CLINIC][..], &report, &["--tests-performed", tests]].concat())
}

fn id(answer: &Value) -> Result<String> {
	Ok(answer["id"].as_u64().context("no id")?.to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn supplies_move_by_acceptance_stay_cold_or_are_held_back_and_add_up() -> Result<()> {
	let network = LocalNetwork::start(1).await?;
	let port = network.alice.rpc_port;

	let vaccine = id(&supply(
		port,
		MAKER,
		&[
			"product",
			"--gtin",
			"8901234567890",
			"--kind",
			"vaccine",
			"--unit",
			"dose",
			"--min-celsius",
			"2",
			"--max-celsius",
			"8",
			"--tolerance-minutes",
			"60",
		],
	)?)?;
	let kit = id(&supply(
		port,
		MAKER,
		&[
			"product",
			"--gtin",
			"8909876543210",
			"--kind",
			"test-kit",
			"--unit",
			"test",
			"--min-celsius",
			"2",
			"--max-celsius",
			"30",
			"--tolerance-minutes",
			"600",
			"--disease",
			"RA01",
		],
	)?)?;
	// A malformed GTIN is refused before anything is sent.
	let said = failure(
		port,
		&[
			"--suri",
			MAKER,
			"supply",
			"product",
			"--gtin",
			"8901234567891",
			"--kind",
			"vaccine",
			"--unit",
			"dose",
			"--min-celsius",
			"2",
			"--max-celsius",
			"8",
			"--tolerance-minutes",
			"60",
		],
	)?;
	ensure!(said.contains("check digit"), "{said}");

	let expiry = "2099-12-31";
	let lot = id(&supply(
		port,
		MAKER,
		&[
			"lot",
			"--product",
			&vaccine,
			"--number",
			"PVW-24-001",
			"--expiry",
			expiry,
			"--quantity",
			"500",
		],
	)?)?;
	let kits = id(&supply(
		port,
		MAKER,
		&[
			"lot",
			"--product",
			&kit,
			"--number",
			"KIT-24-001",
			"--expiry",
			expiry,
			"--quantity",
			"200",
		],
	)?)?;

	// Custody passes on acceptance only: the manufacturer ships to the distributor.
	let first = id(&supply(
		port,
		MAKER,
		&["ship", "--to", "9", "--lot", &format!("{lot}=300"), "--lot", &format!("{kits}=100")],
	)?)?;
	let stock = supply(port, DISTRIBUTOR, &["stock", "--org", "9"])?;
	ensure!(stock.as_array().is_some_and(|s| s.is_empty()), "stock before acceptance: {stock}");
	// Shipping more than is held is refused.
	let said = failure(
		port,
		&["--suri", DISTRIBUTOR, "supply", "ship", "--to", "5", "--lot", &format!("{lot}=1")],
	)?;
	ensure!(said.contains("Supply.InsufficientStock"), "{said}");
	supply(port, DISTRIBUTOR, &["accept", &first])?;
	// Accepting twice is refused.
	let said = failure(port, &["--suri", DISTRIBUTOR, "supply", "accept", &first])?;
	ensure!(said.contains("Supply.ShipmentClosed"), "{said}");

	// The distributor ships to the clinic; it accepts and administers doses.
	let second = id(&supply(
		port,
		DISTRIBUTOR,
		&["ship", "--to", "5", "--lot", &format!("{lot}=100"), "--lot", &format!("{kits}=60")],
	)?)?;
	supply(port, CLINIC, &["accept", &second])?;
	supply(port, CLINIC, &["use", "--lot", &lot, "--quantity", "25", "--kind", "administered"])?;
	supply(port, CLINIC, &["use", "--lot", &kits, "--quantity", "40", "--kind", "tests-used"])?;

	// The clinic asks for 50 doses. In the shipment that brings them the vaccine spends 90
	// minutes out of range: it arrives quarantined, and does not fulfil the requisition; the
	// test kits that follow are not held back.
	let requisition =
		id(&supply(port, CLINIC, &["requisition", "--product", &vaccine, "--quantity", "50"])?)?;
	let third = id(&supply(
		port,
		DISTRIBUTOR,
		&["ship", "--to", "5", "--lot", &format!("{lot}=50"), "--requisition", &requisition],
	)?)?;
	supply(port, CLINIC, &["excursion", "--lot", &lot, "--minutes", "90", "--shipment", &third])?;
	supply(port, CLINIC, &["accept", &third])?;
	let kits_shipment =
		id(&supply(port, DISTRIBUTOR, &["ship", "--to", "5", "--lot", &format!("{kits}=20")])?)?;
	supply(port, CLINIC, &["accept", &kits_shipment])?;
	let holding = |stock: &Value, of: &str| -> Result<Value> {
		stock
			.as_array()
			.and_then(|s| s.iter().find(|h| h["lot"].to_string() == of))
			.cloned()
			.with_context(|| format!("the clinic holds lot {of}: {stock}"))
	};
	let stock = supply(port, CLINIC, &["stock", "--org", "5"])?;
	let vaccine_stock = holding(&stock, &lot)?;
	assert_eq!(vaccine_stock["available"], 75, "{stock}");
	assert_eq!(vaccine_stock["quarantined"], 50, "{stock}");
	let kit_stock = holding(&stock, &kits)?;
	assert_eq!(kit_stock["available"], 40, "{stock}");
	assert_eq!(kit_stock["quarantined"], 0, "{stock}");
	let open = supply(port, CLINIC, &["requisition", "--open"])?;
	let waiting = open
		.as_array()
		.and_then(|o| o.iter().find(|r| r["id"].to_string() == requisition))
		.with_context(|| format!("the requisition is open: {open}"))?;
	assert_eq!(waiting["received"], 0, "{open}");
	assert_eq!(waiting["awaiting_release"], 50, "{open}");
	// Karnataka's authority (//Dave) releases the doses: now they fulfil the requisition, which
	// is no longer open.
	supply(port, "//Dave", &["quarantine", "--holder", "5", "--lot", &lot])?;
	let open = supply(port, CLINIC, &["requisition", "--open"])?;
	ensure!(
		open.as_array().is_some_and(|o| o.iter().all(|r| r["id"].to_string() != requisition)),
		"the released doses fulfilled the requisition: {open}"
	);

	// Yesterday's 30 test kits, recorded this morning for yesterday, match yesterday's report:
	// no gap on either day beyond today's own.
	supply(
		port,
		CLINIC,
		&["use", "--lot", &kits, "--quantity", "30", "--kind", "tests-used", "--day", "yesterday"],
	)?;
	clinic_reports_tests(port, "yesterday", "30")?;
	let gaps = supply(
		port,
		CLINIC,
		&["gaps", "--region", "IN-KA", "--disease", "RA01", "--period", "yesterday"],
	)?;
	ensure!(
		gaps.as_array().is_some_and(|g| g.iter().all(|g| g["org"] != 5)),
		"yesterday's kits recorded today opened a gap: {gaps}"
	);

	// The manufacturer recalls the lot: the clinic can no longer use it.
	supply(port, MAKER, &["recall", "--lot", &lot, "--reason", "quality-defect"])?;
	let said = failure(
		port,
		&[
			"--suri",
			CLINIC,
			"supply",
			"use",
			"--lot",
			&lot,
			"--quantity",
			"1",
			"--kind",
			"administered",
		],
	)?;
	ensure!(said.contains("Supply.LotIsRecalled"), "{said}");
	let withheld = supply(port, CLINIC, &["stock", "--withheld"])?;
	ensure!(
		withheld["recalled"].as_array().is_some_and(|r| r.iter().any(|l| l.to_string() == lot)),
		"{withheld}"
	);
	// The clinic's recalled doses are shown as recalled, none as available.
	let stock = supply(port, CLINIC, &["stock", "--org", "5"])?;
	let recalled = holding(&stock, &lot)?;
	assert_eq!(recalled["available"], 0, "{stock}");
	assert_eq!(recalled["recalled"], 125, "{stock}");
	let region = supply(port, CLINIC, &["stock", "--region", "IN-KA", "--product", &vaccine])?;
	ensure!(
		region.as_array().is_some_and(|r| r.iter().all(|l| l["figures"]["available"] == 0)),
		"recalled doses counted available in Karnataka: {region}"
	);
	// The distributor, which lost none of the lot, cannot count units into its stock.
	let said = failure(
		port,
		&["--suri", DISTRIBUTOR, "supply", "count", "--lot", &lot, "--counted", "160"],
	)?;
	ensure!(said.contains("Supply.CountExceedsRecordedLosses"), "{said}");

	// The trace shows every step, and the numbers add up.
	let traced = supply(port, CLINIC, &["trace", &lot])?;
	let steps: Vec<String> = traced["trace"]
		.as_array()
		.context("a trace")?
		.iter()
		.map(|e| e["step"].as_object().and_then(|o| o.keys().next().cloned()).unwrap_or_default())
		.collect();
	assert_eq!(
		steps,
		[
			"Made",
			"Shipped",
			"Received",
			"Shipped",
			"Received",
			"Shipped",
			"Excursion",
			"Received",
			"Released",
			"Recalled"
		]
	);
	let t = &traced["lot"]["totals"];
	let sum = |k: &str| t[k].as_u64().unwrap_or(0);
	assert_eq!(sum("produced"), 500);
	assert_eq!(sum("used"), 25);
	assert_eq!(
		sum("held") + sum("in_transit") + sum("used") + sum("wasted"),
		sum("produced"),
		"{t}"
	);

	// The clinic used 40 test kits today but reports 10 tests: the check lists it.
	clinic_reports_tests(port, "today", "10")?;
	let gaps = supply(
		port,
		CLINIC,
		&["gaps", "--region", "IN-KA", "--disease", "RA01", "--period", "today"],
	)?;
	let listed = gaps.as_array().context("gaps")?;
	ensure!(
		listed.iter().any(|g| g["org"] == 5 && g["tests_used"] == 40 && g["tests_reported"] == 10),
		"the clinic is not listed: {gaps}"
	);

	// Open requisitions come in pages: three, two at a time.
	for _ in 0..3 {
		supply(port, CLINIC, &["requisition", "--product", &kit, "--quantity", "5"])?;
	}
	let first = supply(port, CLINIC, &["requisition", "--open", "--limit", "2"])?;
	let first_items = first["items"].as_array().context("a page")?;
	ensure!(first_items.len() == 2 && first["next"].is_u64(), "{first}");
	let next = first["next"].to_string();
	let rest = supply(port, CLINIC, &["requisition", "--open", "--limit", "2", "--after", &next])?;
	ensure!(
		rest["items"].as_array().is_some_and(|r| r.len() == 1) && rest["next"].is_null(),
		"{rest}"
	);
	let huge = supply(port, CLINIC, &["requisition", "--open", "--limit", "100000"])?;
	ensure!(huge["items"].as_array().is_some_and(|r| r.len() == 3), "{huge}");

	// A GTIN outside the manufacturer's GS1 prefixes is refused until Maharashtra's authority
	// (//Eve, over Pune) records the prefix for it.
	let product = |gtin: &str| {
		vec![
			"product",
			"--gtin",
			gtin,
			"--kind",
			"device",
			"--unit",
			"vial",
			"--min-celsius",
			"15",
			"--max-celsius",
			"25",
			"--tolerance-minutes",
			"600",
		]
		.into_iter()
		.map(String::from)
		.collect::<Vec<_>>()
	};
	let mut args = vec!["--suri".to_string(), MAKER.into(), "supply".into()];
	args.extend(product("4006381333931"));
	let args: Vec<&str> = args.iter().map(String::as_str).collect();
	let said = failure(port, &args)?;
	ensure!(said.contains("Supply.GtinNotYours"), "{said}");
	supply(port, "//Eve", &["prefix", "assign", "8", "4006381"])?;
	let product_args = product("4006381333931");
	let product_args: Vec<&str> = product_args.iter().map(String::as_str).collect();
	supply(port, MAKER, &product_args)?;

	// A logger is registered only with its own consent to this holder: another key's proof,
	// or the logger's consent to another holder, is refused; its own key's is taken.
	let info = json(port, &["chain", "info"])?;
	let genesis = info["genesis"].as_str().context("no genesis")?;
	let logger = "//Logger//Deccan";
	let account = healthnet_client::keys::signer(logger)?.public_key().to_account_id().to_string();
	let squat = supply(
		port,
		MAKER,
		&["sensor-proof", "--sensor-suri", logger, "--holder", "9", "--genesis", genesis],
	)?;
	let proof = squat["proof"].as_str().context("no proof")?;
	let said = failure(port, &["--suri", MAKER, "supply", "sensor", &account, "--proof", proof])?;
	ensure!(said.contains("Supply.BadSensorProof"), "{said}");
	let said = failure(port, &["--suri", DISTRIBUTOR, "supply", "sensor", &account])?;
	ensure!(said.contains("--sensor-suri"), "{said}");
	supply(port, DISTRIBUTOR, &["sensor", &account, "--proof", proof])?;
	supply(port, DISTRIBUTOR, &["sensor", &account, "--remove"])?;
	Ok(())
}
