//! Diagnostic instruments end to end, with the `healthnet` tool against a dev node: the
//! Jayanagar clinic (organisation 5, `//Alice//stash`) registers a PCR analyser with its key on
//! the same machine, and a rapid-test reader with a proof made offline where the reader's key
//! is; the laboratory (7, `//Charlie//stash`) registers a sequencer. The HL7 v2 gateway reads
//! `ORU^R01` fixtures as analysers write them (dates moved to the last days), refuses what it
//! cannot count with the message, segment and reason, signs the rest in batches, and the
//! holders' reporters relay them: the chain's counts per day equal the batches', a batch
//! counts once, and an instrument suspended by Karnataka counts nothing until reinstated. The
//! clinic's report with fewer positives than its analyser attested is listed by
//! `reportingGaps`; amended, it is not. No patient's name, record number or birth date from
//! the messages is anywhere on the chain.

mod common;

use std::{collections::BTreeMap, path::Path};

use anyhow::{ensure, Context, Result};
use common::{failure, json};
use healthnet_client::period;
use healthnet_e2e::{privacy, Node, NodeConfig};
use serde_json::Value;

const CLINIC: &str = "//Alice//stash";
const LAB: &str = "//Charlie//stash";
const KARNATAKA: &str = "//Dave";

/// What the fixtures name a patient by, in every form the scan looks for.
/// (Long enough that no hash holds one by chance.)
const IDENTIFYING: [&str; 5] = ["DOE^JANE", "4815162342", "19840229", "2718281828", "ROE^RICHARD"];

/// The fixture `name`, its days (2026-12-05 to 2026-12-07, as the analysers dated them) moved
/// to the three days before today, written to `dir`.
fn fixture(dir: &Path, name: &str) -> Result<String> {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hl7").join(name);
	let mut text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
	let today = period::today();
	for (from, back) in [("20261205", 3), ("20261206", 2), ("20261207", 1)] {
		text = text.replace(from, &period::date(today - back).replace('-', ""));
	}
	let moved = dir.join(name);
	std::fs::write(&moved, text)?;
	Ok(moved.display().to_string())
}

/// An instrument's account, from its secret URI.
fn account(suri: &str) -> Result<String> {
	Ok(healthnet_client::keys::signer(suri)?.public_key().to_account_id().to_string())
}

/// The results of the batch files `written`: (disease, day) → (tests, positives, sequenced).
fn tally(written: &Value) -> Result<BTreeMap<(String, u64), (u64, u64, u64)>> {
	let mut counts = BTreeMap::new();
	for file in written.as_array().context("batches")? {
		let batch: Value =
			serde_json::from_str(&std::fs::read_to_string(file.as_str().context("a path")?)?)?;
		for result in batch["results"].as_array().context("results")? {
			let key = (
				result["disease"].as_str().context("disease")?.to_string(),
				result["day"].as_u64().context("day")?,
			);
			let entry: &mut (u64, u64, u64) = counts.entry(key).or_default();
			if result["test"] == "Sequencing" {
				entry.2 += 1;
			} else {
				entry.0 += 1;
				entry.1 += u64::from(result["outcome"] == "Positive");
			}
		}
	}
	Ok(counts)
}

#[tokio::test(flavor = "multi_thread")]
async fn instruments_sign_what_they_found_and_the_chain_counts_it() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	let port = node.rpc_port;
	let dir = tempfile::tempdir()?;
	let (analyser, reader, sequencer) =
		(account("//Analyser")?, account("//Reader")?, account("//Sequencer")?);

	// Registration: with the key here, with a proof made offline, and refused without.
	let device = |kind, serial| ["--kind", kind, "--model", "GeneXpert IV", "--serial", serial];
	let register = [&["--suri", CLINIC, "instrument", "register", &analyser][..]].concat();
	let refused = failure(port, &[&register[..], &device("pcr-analyser", "807722")].concat())?;
	ensure!(refused.contains("--instrument-suri"), "{refused}");
	json(
		port,
		&[&register[..], &device("pcr-analyser", "807722"), &["--instrument-suri", "//Analyser"]]
			.concat(),
	)?;
	let genesis =
		json(port, &["chain", "info"])?["genesis"].as_str().context("genesis")?.to_string();
	let reader_device =
		["--kind", "rapid-test-reader", "--model", "BD Veritor Plus", "--serial", "VP-2231"];
	let proof = json(
		port,
		&[
			&[
				"instrument",
				"proof",
				"--instrument-suri",
				"//Reader",
				"--holder",
				"5",
				"--genesis",
				&genesis,
			][..],
			&reader_device,
		]
		.concat(),
	)?;
	let proof = proof["proof"].as_str().context("proof")?;
	// The laboratory cannot use the clinic's reader's proof: it names the clinic.
	let by_lab =
		[&["--suri", LAB, "instrument", "register", &reader, "--proof", proof][..], &reader_device]
			.concat();
	let refused = failure(port, &by_lab)?;
	ensure!(refused.contains("BadInstrumentProof"), "{refused}");
	json(
		port,
		&[
			&["--suri", CLINIC, "instrument", "register", &reader, "--proof", proof][..],
			&reader_device,
		]
		.concat(),
	)?;
	json(
		port,
		&[
			&[
				"--suri",
				LAB,
				"instrument",
				"register",
				&sequencer,
				"--instrument-suri",
				"//Sequencer",
			][..],
			&["--kind", "sequencer", "--model", "MiSeq", "--serial", "M04512"],
		]
		.concat(),
	)?;
	let listed = json(port, &["instrument", "list", "--org", "5"])?;
	ensure!(listed.as_array().map(Vec::len) == Some(2), "{listed}");

	// The gateway: messages read, what cannot count refused with where and why, the rest
	// signed. The patient segments are never read.
	let out = dir.path().join("pcr");
	let pcr = fixture(dir.path(), "genexpert_pcr.hl7")?;
	let problems = fixture(dir.path(), "problems.hl7")?;
	let gateway = json(
		port,
		&[
			"--suri",
			CLINIC,
			"instrument",
			"hl7",
			&pcr,
			&problems,
			"--instrument-suri",
			"//Analyser",
			"--out",
			&out.display().to_string(),
		],
	)?;
	let never_read = gateway["never_read"].to_string();
	ensure!(never_read.contains("PID") && never_read.contains("NK1"), "{gateway}");
	let refusals = gateway["refused"].as_array().context("refused")?;
	ensure!(!refusals.is_empty(), "the problem messages were refused: {gateway}");
	for refusal in refusals {
		ensure!(
			refusal["segment"].as_str().is_some_and(|s| !s.is_empty())
				&& refusal["reason"].as_str().is_some_and(|r| r.len() > 10),
			"a refusal says where and why: {refusal}"
		);
	}
	ensure!(
		refusals.iter().any(|r| r["reason"].to_string().contains("preliminary")),
		"the preliminary result was refused: {gateway}"
	);
	let pcr_batches = gateway["batches"].clone();
	let expected = tally(&pcr_batches)?;
	ensure!(expected.values().any(|(_, positives, _)| *positives > 0), "{expected:?}");

	// A batch relayed twice counts once; the chain's days equal the batches'.
	let files: Vec<String> = pcr_batches
		.as_array()
		.context("batches")?
		.iter()
		.filter_map(|f| f.as_str().map(String::from))
		.collect();
	let relay = |suri: &str, files: &[String]| {
		let mut args = vec!["--suri", suri, "instrument", "relay"];
		args.extend(files.iter().map(String::as_str));
		json(port, &args)
	};
	relay(CLINIC, &files)?;
	let again = failure(
		port,
		&[&["--suri", CLINIC, "instrument", "relay"][..], &[files[0].as_str()]].concat(),
	)?;
	ensure!(again.contains("WrongBatchNumber"), "{again}");
	let today = period::today();
	for ((disease, day), (tests, positives, _)) in &expected {
		let from = (*day).to_string();
		let days = json(
			port,
			&[
				"instrument",
				"attested",
				"--org",
				"5",
				"--disease",
				disease,
				"--from",
				&from,
				"--to",
				&from,
			],
		)?;
		let counts = &days[0]["counts"];
		ensure!(
			counts["tests"] == *tests && counts["positives"] == *positives,
			"{disease} on {day}: the chain has {days}, the batches {tests} tests, {positives} positive"
		);
	}

	// The reader's antigen results; a sequencer's lineages, counted apart from tests.
	let antigen = fixture(dir.path(), "veritor_antigen.hl7")?;
	let out_reader = dir.path().join("reader").display().to_string();
	let read = json(
		port,
		&[
			"--suri",
			CLINIC,
			"instrument",
			"hl7",
			&antigen,
			"--instrument-suri",
			"//Reader",
			"--out",
			&out_reader,
		],
	)?;
	let reader_files: Vec<String> = read["batches"]
		.as_array()
		.context("batches")?
		.iter()
		.filter_map(|f| f.as_str().map(String::from))
		.collect();
	// Suspended by Karnataka, the reader counts nothing; reinstated, it does.
	json(port, &["--suri", KARNATAKA, "instrument", "suspend", &reader])?;
	let refused = failure(
		port,
		&[&["--suri", CLINIC, "instrument", "relay"][..], &[reader_files[0].as_str()]].concat(),
	)?;
	ensure!(refused.contains("InstrumentNotActive"), "{refused}");
	let refused = failure(port, &["--suri", CLINIC, "instrument", "reinstate", &reader])?;
	ensure!(
		refused.contains("NotAuthorityOverHolder") || refused.contains("SuspendedAbove"),
		"{refused}"
	);
	json(port, &["--suri", KARNATAKA, "instrument", "reinstate", &reader])?;
	let shown = json(port, &["instrument", "show", &reader])?;
	ensure!(shown["status"] == "Active" && shown["counts_from"] == today, "{shown}");
	// What it signed before today never counts now: it may have been signed while suspended.
	let refused = failure(
		port,
		&[&["--suri", CLINIC, "instrument", "relay"][..], &[reader_files[0].as_str()]].concat(),
	)?;
	ensure!(refused.contains("DayTooOld"), "{refused}");

	let sequenced = fixture(dir.path(), "sequencing_lineages.hl7")?;
	let out_sequencer = dir.path().join("sequencer").display().to_string();
	let sequencing = json(
		port,
		&[
			"--suri",
			LAB,
			"instrument",
			"hl7",
			&sequenced,
			"--instrument-suri",
			"//Sequencer",
			"--out",
			&out_sequencer,
		],
	)?;
	let lineage_files: Vec<String> = sequencing["batches"]
		.as_array()
		.context("batches")?
		.iter()
		.filter_map(|f| f.as_str().map(String::from))
		.collect();
	relay(LAB, &lineage_files)?;
	let lineages = tally(&sequencing["batches"])?;
	let ((disease, day), (_, _, sequenced_count)) =
		lineages.iter().next().context("a sequenced day")?;
	let day_text = day.to_string();
	let days = json(
		port,
		&[
			"instrument",
			"attested",
			"--org",
			"7",
			"--disease",
			disease,
			"--from",
			&day_text,
			"--to",
			&day_text,
		],
	)?;
	ensure!(
		days[0]["counts"]["sequenced"] == *sequenced_count && days[0]["counts"]["tests"] == 0,
		"sequencing is counted apart: {days}"
	);
	ensure!(days[0]["lineages"].as_array().is_some_and(|l| !l.is_empty()), "{days}");

	// The clinic reports fewer positives than its analyser attested on the day with most.
	let ((disease, day), (tests, positives, _)) = expected
		.iter()
		.filter(|((disease, _), _)| disease == "RA01")
		.max_by_key(|(_, (_, positives, _))| *positives)
		.context("an RA01 day")?;
	ensure!(*positives > 0, "the fixture has an RA01 positive");
	let (day_text, tests_text) = (day.to_string(), tests.to_string());
	let report = |verb: &str, positive: &str| {
		let mut args = vec!["--suri", CLINIC, "report", verb];
		if verb == "amend" {
			args.extend(["--org", "5"]);
		}
		args.extend([
			"--disease",
			disease,
			"--period",
			&day_text,
			"--tests-performed",
			&tests_text,
		]);
		args.extend(["--tests-positive", positive, "--confirmed", positive]);
		json(port, &args)
	};
	report("submit", "0")?;
	let gaps = json(
		port,
		&["supply", "gaps", "--region", "IN-KA", "--disease", disease, "--period", &day_text],
	)?;
	let clinic = gaps
		.as_array()
		.and_then(|g| g.iter().find(|g| g["org"] == 5))
		.context("the clinic is listed")?;
	ensure!(
		clinic["found"]["attested_positives"] == true && clinic["positives_attested"] == *positives,
		"{clinic}"
	);
	report("amend", &positives.to_string())?;
	let gaps = json(
		port,
		&["supply", "gaps", "--region", "IN-KA", "--disease", disease, "--period", &day_text],
	)?;
	let still = gaps.as_array().and_then(|g| g.iter().find(|g| g["org"] == 5).cloned());
	ensure!(
		still
			.is_none_or(|g| g["found"]["attested_positives"] == false
				&& g["found"]["attested_tests"] == false),
		"{gaps}"
	);

	// Nothing that names a patient reached the chain; the scan sees the counts it guards.
	let needles = privacy::needles(&IDENTIFYING);
	privacy::nothing_identifying_on_chain(&node, &needles, b"GeneXpert IV").await?;
	Ok(())
}
