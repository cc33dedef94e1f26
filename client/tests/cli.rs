//! The `healthnet` tool end to end, on the four-validator local network with the
//! demonstration registry: Karnataka's authority registers a clinic into the Bengaluru cluster,
//! three facilities report, the aggregates are read back, an amendment moves them over
//! Karnataka's threshold and an alert opens, a void takes a report out of the totals and of
//! completeness, a late report is named late, a report signed offline is relayed and exported
//! (`cli_steps/edge.rs`), guidance is published and acknowledged, the new clinic's admin is
//! refused a report until it holds the reporter role and again once Karnataka takes the
//! clinic's report-cases capability away, and the
//! council (Alice, Bob, Charlie) passes a motion that registers a national authority, and
//! another that adds a validator whose operator registered its session keys.

mod common;
#[path = "cli_steps/edge.rs"]
mod edge;

use anyhow::{ensure, Context, Result};
use common::{failure, healthnet, json};
use healthnet_e2e::LocalNetwork;
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value;

const COVID: &str = "RA01";

/// The names of the events a transaction's JSON answer lists.
fn event_names(answer: &Value) -> Vec<&str> {
	let names = |key: &str| -> Vec<&str> {
		answer[key].as_array().map_or(Vec::new(), |events| {
			events.iter().filter_map(|event| event["name"].as_str()).collect()
		})
	};
	// The transaction's events, then its block's end: the alerts the aggregates' roll-up
	// opened or closed.
	[names("events"), names("block_end")].concat()
}

/// The confirmed cases of the one period of a `report series` answer.
fn confirmed(series: &Value) -> Result<u64> {
	let periods = series.as_array().context("a series is an array")?;
	ensure!(periods.len() == 1, "expected one period, got {series}");
	periods[0]["totals"]["confirmed"].as_u64().context("no confirmed count")
}

/// The council members `voters` vote aye on the motion `proposed` (what `council propose`
/// answered) and `closer` closes it; returns what the close answered.
fn vote_and_close(port: u16, proposed: &Value, voters: &[&str], closer: &str) -> Result<Value> {
	let hash = proposed["hash"].as_str().context("no motion hash")?;
	let index = proposed["index"].as_u64().context("no motion index")?.to_string();
	for voter in voters {
		json(port, &["--suri", voter, "council", "vote", "--hash", hash, "--index", &index])?;
	}
	json(port, &["--suri", closer, "council", "close", "--hash", hash, "--index", &index])
}

#[tokio::test(flavor = "multi_thread")]
async fn a_health_network_is_run_from_the_command_line() -> Result<()> {
	let network = LocalNetwork::start(1).await?;
	let alice = &network.alice;
	let port = alice.rpc_port;
	let info = json(port, &["chain", "info"])?;
	assert_eq!(info["metadata_matches"], true, "{info}");

	// Karnataka's authority (//Dave) registers a clinic into the Bengaluru cluster (0).
	let registered = json(
		port,
		&[
			"--suri",
			"//Dave",
			"org",
			"register",
			"--kind",
			"clinic",
			"--name",
			"Koramangala Clinic",
			"--region",
			"IN-KA-BLR",
			"--admin",
			"//Ferdie//stash",
			"--capability",
			"report-cases",
			"--capability",
			"provide-care",
			"--cluster",
			"0",
		],
	)?;
	let clinic = registered["id"].as_u64().context("no organisation id")?;
	// Registration only invites the admin; it joins when it accepts with its own key.
	let said = healthnet(port, &["org", "of", "//Ferdie//stash"])?;
	ensure!(said.code != 0, "an invited account is not a member yet: {}", said.stdout);
	json(port, &["--suri", "//Ferdie//stash", "org", "accept", &clinic.to_string()])?;
	let shown = json(port, &["org", "show", &clinic.to_string()])?;
	assert_eq!(shown["name"], "Koramangala Clinic");
	assert_eq!(shown["cluster"], 0);
	assert_eq!(shown["capabilities"], serde_json::json!(["report-cases", "provide-care"]));
	let of = json(port, &["org", "of", "//Ferdie//stash"])?;
	assert_eq!(of["organisation"]["id"], clinic);
	assert_eq!(of["roles"], serde_json::json!(["admin"]));
	// An administrator is not a reporter: its report is refused until it holds the role, which
	// an admin (here itself) grants.
	let report = |suri: &'static str, cases: &'static str| {
		json(
			port,
			&[
				"--suri",
				suri,
				"report",
				"submit",
				"--disease",
				COVID,
				"--period",
				"yesterday",
				"--confirmed",
				cases,
				"--suspected",
				"2",
				"--tests-performed",
				"40",
				"--tests-positive",
				cases,
			],
		)
	};
	let said = report("//Ferdie//stash", "4").expect_err("a report from an admin alone");
	ensure!(
		said.to_string().contains("Surveillance.NotAReporter")
			&& said.to_string().contains("healthnet org role grant"),
		"{said}"
	);
	let granted = json(
		port,
		&["--suri", "//Ferdie//stash", "org", "role", "grant", "//Ferdie//stash", "reporter"],
	)?;
	assert_eq!(granted["roles"], serde_json::json!(["admin", "reporter"]), "{granted}");

	// Karnataka forms a second cluster in Bengaluru, coordinated by the general hospital (4).
	let formed = json(
		port,
		&[
			"--suri",
			"//Dave",
			"cluster",
			"create",
			"--name",
			"Bengaluru East",
			"--region",
			"IN-KA-BLR",
			"--coordinator",
			"4",
		],
	)?;
	let east = formed["id"].as_u64().context("no cluster id")?;
	assert_ne!(east, 0, "cluster 0 is the demonstration cluster");
	let shown = json(port, &["cluster", "show", &east.to_string()])?;
	assert_eq!(shown["name"], "Bengaluru East", "{shown}");
	assert_eq!(shown["coordinator"], 4, "{shown}");
	assert_eq!(shown["members"], serde_json::json!([]), "{shown}");

	// Karnataka watches for 20 confirmed cases a day.
	json(
		port,
		&[
			"--suri",
			"//Dave",
			"alert",
			"threshold",
			"--region",
			"IN-KA",
			"--disease",
			COVID,
			"--confirmed",
			"20",
		],
	)?;

	// Three facilities report yesterday's cases: 4 + 7 + 5 = 16.
	for (suri, cases) in [("//Ferdie//stash", "4"), ("//Alice//stash", "7"), ("//Ferdie", "5")] {
		let included = report(suri, cases)?;
		let events = event_names(&included);
		assert!(events.contains(&"ReportSubmitted"), "{events:?}");
	}
	for place in [
		&["--cluster", "0"][..],
		&["--region", "IN-KA-BLR"],
		&["--region", "IN-KA"],
		&["--region", "IN"],
	] {
		let mut args = vec!["report", "series", "--disease", COVID, "--from", "yesterday"];
		args.extend_from_slice(place);
		assert_eq!(confirmed(&json(port, &args)?)?, 16, "{place:?}");
	}
	// The cluster now has four facilities; Whitefield (6) has not reported.
	let completeness = json(
		port,
		&["report", "completeness", "--cluster", "0", "--disease", COVID, "--period", "yesterday"],
	)?;
	assert_eq!(completeness["expected"], 4, "{completeness}");
	assert_eq!(completeness["reported"], 3, "{completeness}");
	assert_eq!(completeness["missing"], serde_json::json!([6]), "{completeness}");
	let alerts = json(port, &["alert", "list", "--region", "IN"])?;
	assert_eq!(alerts, serde_json::json!([]), "16 is under the threshold");

	// Jayanagar (5) amends 7 to 12: every level moves by 5, to 21, over the threshold.
	let amended = json(
		port,
		&[
			"--suri",
			"//Alice//stash",
			"report",
			"amend",
			"--org",
			"5",
			"--disease",
			COVID,
			"--period",
			"yesterday",
			"--confirmed",
			"12",
			"--tests-performed",
			"40",
			"--tests-positive",
			"12",
			"--variant",
			"JN.1=9",
		],
	)?;
	let events = event_names(&amended);
	assert!(events.contains(&"OutbreakAlert"), "{events:?}");
	for region in ["IN-KA", "IN"] {
		let series = json(
			port,
			&["report", "series", "--region", region, "--disease", COVID, "--from", "yesterday"],
		)?;
		assert_eq!(confirmed(&series)?, 21, "{region}");
	}
	let alerts = json(port, &["alert", "list", "--region", "IN"])?;
	assert_eq!(alerts[0]["region"], "IN-KA", "{alerts}");
	assert_eq!(alerts[0]["confirmed"], 21, "{alerts}");
	let history = json(
		port,
		&["report", "history", "--org", "5", "--disease", COVID, "--period", "yesterday"],
	)?;
	let versions: Vec<&Value> =
		history["versions"].as_array().unwrap().iter().map(|v| &v["counts"]["confirmed"]).collect();
	assert_eq!(versions, [&Value::from(7), &Value::from(12)], "{history}");
	assert_eq!(history["versions"][1]["variants"], serde_json::json!([["JN.1", 9]]), "{history}");
	let text = healthnet(
		port,
		&["report", "history", "--org", "5", "--disease", COVID, "--period", "yesterday"],
	)?;
	ensure!(text.code == 0, "history failed: {}", text.stderr);
	ensure!(
		text.stdout.contains("confirmed 12, suspected 0, deaths 0; variants JN.1=9"),
		"the text history does not show the variant: {}",
		text.stdout
	);

	// Karnataka voids Jayanagar's report as a duplicate: its 12 cases leave every level, and
	// the alert closes.
	let voided = json(
		port,
		&[
			"--suri",
			"//Dave",
			"report",
			"void",
			"--org",
			"5",
			"--disease",
			COVID,
			"--period",
			"yesterday",
			"--reason",
			"duplicate",
		],
	)?;
	let events = event_names(&voided);
	assert!(events.contains(&"ReportVoided") && events.contains(&"AlertCleared"), "{events:?}");
	let series = json(
		port,
		&["report", "series", "--region", "IN-KA", "--disease", COVID, "--from", "yesterday"],
	)?;
	assert_eq!(confirmed(&series)?, 9, "21 less the voided 12");
	assert_eq!(json(port, &["alert", "list", "--region", "IN"])?, serde_json::json!([]));
	// The void takes the report out of completeness too: Jayanagar is missing again.
	let completeness = |day: &str| {
		json(
			port,
			&["report", "completeness", "--cluster", "0", "--disease", COVID, "--period", day],
		)
	};
	let after_void = completeness("yesterday")?;
	assert_eq!(after_void["expected"], 4, "{after_void}");
	assert_eq!(after_void["reported"], 2, "{after_void}");
	assert_eq!(after_void["missing"], serde_json::json!([5, 6]), "{after_void}");

	// Whitefield (6) reports three days ago, after that day's two-day deadline: it counts as
	// reported, not on time, and is named late, in JSON and in the text.
	let late_day = healthnet_client::period::date(healthnet_client::period::today() - 3);
	let included = json(
		port,
		&[
			"--suri",
			"//Bob//stash",
			"report",
			"submit",
			"--disease",
			COVID,
			"--period",
			&late_day,
			"--confirmed",
			"1",
			"--suspected",
			"0",
			"--tests-performed",
			"3",
			"--tests-positive",
			"1",
		],
	)?;
	let events = event_names(&included);
	assert!(events.contains(&"ReportSubmitted"), "{events:?}");
	let late = completeness(&late_day)?;
	assert_eq!(late["reported"], 1, "{late}");
	assert_eq!(late["on_time"], 0, "{late}");
	assert_eq!(late["late"], serde_json::json!([6]), "{late}");
	assert!(
		!late["missing"].as_array().context("missing is a list")?.contains(&6.into()),
		"{late}"
	);
	let text = healthnet(
		port,
		&["report", "completeness", "--cluster", "0", "--disease", COVID, "--period", &late_day],
	)?;
	ensure!(text.code == 0, "completeness failed: {}", text.stderr);
	ensure!(
		text.stdout.contains("1 of 4 facilities reported, 0 on time; late: 6;"),
		"the text does not name the late facility: {}",
		text.stdout
	);

	// Whitefield sends yesterday's form of two other diseases in one transaction: each is its
	// own report. A form naming one of them again is refused whole, the disease named.
	let form = tempfile::NamedTempFile::new()?;
	std::fs::write(
		form.path(),
		"disease,confirmed,tests_performed,tests_positive\n1F40,2,4,2\n1D6Z,1,1,1\n",
	)?;
	let path = form.path().to_str().context("a temporary path")?;
	let whitefield = ["--suri", "//Bob//stash", "report", "form", "--period", "yesterday"];
	let formed = json(port, &[&whitefield[..], &[path]].concat())?;
	let submitted = event_names(&formed).iter().filter(|e| **e == "ReportSubmitted").count();
	ensure!(submitted == 2, "a form of two diseases: {formed}");
	for disease in ["1F40", "1D6Z"] {
		let history = json(
			port,
			&["report", "history", "--org", "6", "--disease", disease, "--period", "yesterday"],
		)?;
		ensure!(history["versions"].as_array().is_some_and(|v| v.len() == 1), "{history}");
	}
	std::fs::write(form.path(), "disease,confirmed\n1A00,3\n1F40,5\n")?;
	let said = failure(port, &[&whitefield[..], &[path]].concat())?;
	ensure!(said.contains("Surveillance.ReportExists") && said.contains(": 1F40;"), "{said}");
	let untouched = failure(
		port,
		&["report", "history", "--org", "6", "--disease", "1A00", "--period", "yesterday"],
	)?;
	ensure!(untouched.contains("has no 1A00 report"), "a refused form took a disease: {untouched}");

	// A report signed offline and relayed, a lineage threshold, and the exports.
	edge::offline_reports_lineages_and_exports(alice, &info).await?;

	// Karnataka publishes guidance to the cluster; the new clinic acknowledges it.
	let document = tempfile::NamedTempFile::new()?;
	std::fs::write(document.path(), "Isolate suspected cases; report daily.")?;
	let published = json(
		port,
		&[
			"--suri",
			"//Dave",
			"guidance",
			"publish",
			"--cluster",
			"0",
			"--uri",
			"https://health.karnataka.example/guidance/1",
			"--document",
			document.path().to_str().unwrap(),
			"--severity",
			"advisory",
			"--disease",
			COVID,
		],
	)?;
	let guidance = published["id"].as_u64().context("no guidance id")?.to_string();
	let pending = json(port, &["guidance", "pending", &guidance])?;
	assert!(pending.as_array().unwrap().contains(&Value::from(clinic)), "{pending}");
	json(port, &["--suri", "//Ferdie//stash", "guidance", "acknowledge", &guidance])?;
	let pending = json(port, &["guidance", "pending", &guidance])?;
	assert!(!pending.as_array().unwrap().contains(&Value::from(clinic)), "{pending}");
	assert_eq!(pending.as_array().unwrap().len(), 3, "{pending}");

	// Karnataka takes the clinic's report-cases capability away: its next report is refused.
	json(
		port,
		&["--suri", "//Dave", "org", "capability", "revoke", &clinic.to_string(), "report-cases"],
	)?;
	let shown = json(port, &["org", "show", &clinic.to_string()])?;
	assert_eq!(shown["capabilities"], serde_json::json!(["provide-care"]), "{shown}");
	let said = failure(
		port,
		&[
			"--suri",
			"//Ferdie//stash",
			"report",
			"amend",
			"--org",
			&clinic.to_string(),
			"--disease",
			COVID,
			"--period",
			"yesterday",
			"--confirmed",
			"5",
			"--tests-performed",
			"40",
			"--tests-positive",
			"5",
		],
	)?;
	ensure!(said.contains("Surveillance.CannotReportCases"), "{said}");

	// The clinic's admin key is lost: Karnataka, the authority above, removes it and invites a
	// new admin account, which takes over when it accepts.
	let replaced = json(
		port,
		&[
			"--suri",
			"//Dave",
			"org",
			"replace-admin",
			&clinic.to_string(),
			"--remove",
			"//Ferdie//stash",
			"--invite",
			"//Koramangala",
		],
	)?;
	let events = event_names(&replaced);
	assert!(events.contains(&"AdminReplaced"), "{events:?}");
	let said = healthnet(port, &["org", "of", "//Ferdie//stash"])?;
	ensure!(said.code != 0, "the removed key is no member: {}", said.stdout);

	// Alice proposes registering Kenya's health ministry; two thirds of three is two ayes.
	let proposed = json(
		port,
		&[
			"--suri",
			"//Alice",
			"council",
			"propose",
			"register-authority",
			"--kind",
			"national-authority",
			"--name",
			"Ministry of Health, Kenya",
			"--region",
			"KE",
			"--admin",
			"//Kenya",
		],
	)?;
	let motions = json(port, &["council", "motions"])?;
	assert_eq!(motions[0]["threshold"], 2, "{motions}");
	let closed = vote_and_close(port, &proposed, &["//Alice", "//Bob"], "//Charlie")?;
	assert!(closed["summary"].as_str().unwrap().contains("executed"), "{closed}");
	let kenya = json(port, &["org", "list", "--region", "KE"])?;
	assert_eq!(kenya[0]["name"], "Ministry of Health, Kenya", "{kenya}");
	assert_eq!(json(port, &["council", "motions"])?, serde_json::json!([]));

	// An operator makes session keys on a node for its account and registers them; the
	// council then adds the account as a validator.
	let operator = healthnet_client::keys::account("//Ferdie//stash")?;
	let mut params = ArrayParams::new();
	params.insert(format!("0x{}", hex::encode(operator.0)))?;
	let generated: Value = alice.rpc("author_rotateKeysWithOwner", params).await?;
	let keys = generated["keys"].as_str().context("no keys")?;
	let proof = generated["proof"].as_str().context("no proof")?;
	json(
		port,
		&["--suri", "//Ferdie//stash", "validator", "set-keys", "--keys", keys, "--proof", proof],
	)?;
	let proposed =
		json(port, &["--suri", "//Bob", "council", "propose", "add-validator", "//Ferdie//stash"])?;
	vote_and_close(port, &proposed, &["//Bob", "//Charlie"], "//Bob")?;
	let validators = json(port, &["validator", "list"])?;
	assert!(
		validators.as_array().unwrap().contains(&Value::from(operator.to_string())),
		"{validators}"
	);

	// The council closes the network to the nodes it lists: the four validators' nodes.
	let open = healthnet(port, &["validator", "nodes"])?;
	assert!(open.stdout.contains("the network is open"), "{}", open.stdout);
	let refused =
		failure(port, &["--suri", "//Bob", "council", "propose", "allow-nodes", "12D3KooW"])?;
	assert!(refused.contains("is not the peer id of a node"), "{refused}");
	let mut peer_ids = Vec::new();
	for node in [&network.alice, &network.bob, &network.charlie, &network.dave] {
		peer_ids.push(node.rpc::<String>("system_localPeerId", ArrayParams::new()).await?);
	}
	let mut propose = vec!["--suri", "//Bob", "council", "propose", "allow-nodes"];
	propose.extend(peer_ids.iter().map(String::as_str));
	let proposed = json(port, &propose)?;
	vote_and_close(port, &proposed, &["//Bob", "//Charlie"], "//Bob")?;
	let nodes = json(port, &["validator", "nodes"])?;
	let mut listed: Vec<&str> =
		nodes.as_array().context("no list")?.iter().filter_map(|n| n["peerId"].as_str()).collect();
	listed.sort();
	peer_ids.sort();
	assert_eq!(listed, peer_ids, "{nodes}");

	// Text output reads as sentences too.
	let run = healthnet(
		port,
		&["report", "series", "--region", "IN", "--disease", COVID, "--from", "yesterday"],
	)?;
	assert!(run.stdout.contains("confirmed 9,"), "{}", run.stdout);
	Ok(())
}
