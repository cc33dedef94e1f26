//! `healthnet signals` against a node: a hospital of cluster 0 reports 25 days of daily
//! COVID-19 cases — 12 quiet days, one sudden day, 2 quiet days, then 10 days of growth — and
//! the command, reading the cluster's series at the finalized head, flags the
//! sudden day (EARS C2) and no other in the quiet weeks, estimates Rt above 1 during the
//! growth, and a positive growth rate with a doubling time; a range too short for a baseline
//! is refused with how much history it needs. The region's authority publishes the C2 signal
//! as guidance to the cluster in the same command. Every case is sequenced, JN.1 taking over
//! from XBB: JN.1 is flagged with a positive advantage, XBB is not. Karnataka records its
//! population, and `healthnet compare` shows its incidence per 100,000 beside Maharashtra,
//! which has none and says so, and cluster 0.

mod common;

use anyhow::{ensure, Context, Result};
use common::{failure, json};
use healthnet_e2e::{
	chain::{counts, yesterday, Chain, Wait},
	Node, NodeConfig,
};
use subxt::dynamic::Value;
use subxt_signer::sr25519::dev;

const COVID: &str = "RA01";

/// Confirmed cases a day: 12 quiet days, a sudden day, 2 quiet days, 10 days of growth.
const QUIET: [u32; 12] = [3, 4, 2, 5, 3, 4, 3, 2, 4, 3, 5, 3];
const SUDDEN: u32 = 25;
const AFTER: [u32; 2] = [3, 4];
const GROWTH: [u32; 10] = [3, 4, 5, 7, 9, 12, 15, 20, 26, 33];

/// `healthnet signals` of RA01 for `place` (`--cluster 0`, `--region IN-KA-BLR`) and `rest`.
fn signals<'a>(kind: &'a str, place: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
	let mut args = vec!["signals", kind, place, "--disease", COVID];
	args.extend_from_slice(rest);
	args
}

#[tokio::test(flavor = "multi_thread")]
async fn signals_flag_the_sudden_day_and_the_growth() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	let port = node.rpc_port;
	let chain = Chain::connect(port).await?;
	let days: Vec<u32> =
		QUIET.iter().chain([&SUDDEN]).chain(&AFTER).chain(&GROWTH).copied().collect();
	let first = yesterday() - days.len() as u32 + 1;
	// Bengaluru General Hospital (cluster 0) reports each day, late but within the year, every
	// case sequenced: JN.1 takes over from XBB (its share a logistic curve, +0.25 a day).
	for (i, confirmed) in days.iter().enumerate() {
		let share = 1.0 / (1.0 + (3.5 - 0.25 * i as f64).exp());
		let jn1 = (f64::from(*confirmed) * share).round() as u32;
		let variants = [("JN.1", jn1), ("XBB", confirmed - jn1)]
			.into_iter()
			.filter(|(_, n)| *n > 0)
			.map(|(name, n)| Value::unnamed_composite([Value::from_bytes(name), n.into()]));
		let args = vec![
			Value::from_bytes(COVID),
			(first + i as u32).into(),
			counts(*confirmed),
			Value::unnamed_composite(variants),
		];
		chain
			.submit_waiting(&dev::ferdie(), "Surveillance", "submit_report", args, Wait::Finalized)
			.await?;
	}
	let day = |i: usize| (first + i as u32).to_string();
	let sudden = QUIET.len();
	let quiet_end = sudden + AFTER.len();

	// EARS C2 over the quiet weeks flags the sudden day alone; the figures name their block.
	let (from, quiet_to) = (day(0), day(quiet_end));
	let c2_args = ["--method", "c2", "--from", from.as_str(), "--to", quiet_to.as_str()];
	let c2 = json(port, &signals("--cluster", "0", &c2_args))?;
	let alarms: Vec<u64> = c2["points"]
		.as_array()
		.context("no points")?
		.iter()
		.filter(|p| p["alarm"] == true)
		.filter_map(|p| p["day"].as_u64())
		.collect();
	ensure!(alarms == [u64::from(first) + sudden as u64], "C2 flagged {alarms:?}: {c2}");
	ensure!(c2["number"].as_u64().is_some_and(|n| n > 0) && c2["block"].is_string(), "{c2}");

	// Karnataka's authority turns the signal into guidance to the cluster in one step: the
	// document names the method and the block, and the guidance carries its hash.
	let dir = tempfile::tempdir()?;
	let document = dir.path().join("c2.txt");
	let path = document.to_string_lossy().into_owned();
	let publish = ["--suri", "//Dave", "--publish-guidance", &path, "--uri", "guidance/c2.txt"];
	let with_guidance = [&c2_args[..], &publish[..], &["--severity", "warning"]].concat();
	let published = json(port, &signals("--cluster", "0", &with_guidance))?;
	let written = std::fs::read(&document)?;
	let text = String::from_utf8_lossy(&written);
	let block = published["number"].as_u64().context("no block number")?;
	ensure!(text.contains("EARS C2") && text.contains(&format!("block #{block}")), "{text}");
	let hash = format!("0x{}", hex::encode(sp_crypto_hashing::blake2_256(&written)));
	ensure!(published["contentHash"] == hash.as_str(), "{published} against {hash}");
	let id = published["guidance"].as_u64().context("no guidance id")?.to_string();
	let pending = json(port, &["guidance", "pending", &id])?;
	ensure!(pending == serde_json::json!([4, 5, 6]), "cluster 0's facilities: {pending}");

	// Rt (a COVID-19 serial interval, mean 4.7 days, sd 2.9) above 1 in the growth.
	let growth_from = day(quiet_end + 1);
	let rt = json(
		port,
		&signals(
			"--cluster",
			"0",
			&["--method", "rt", "--from", &growth_from, "--si-mean", "4.7", "--si-sd", "2.9"],
		),
	)?;
	let last = rt["estimates"].as_array().and_then(|e| e.last()).context("no Rt estimate")?;
	let (mean, lower) =
		(last["mean"].as_f64().unwrap_or(0.0), last["lower"].as_f64().unwrap_or(0.0));
	ensure!(mean > 1.0 && lower > 1.0, "Rt during the growth: {last}");

	// The growth rate over the growth's days: positive, doubling within days.
	let growth = json(
		port,
		&signals("--region", "IN-KA-BLR", &["--method", "growth", "--from", &growth_from]),
	)?;
	ensure!(growth["lower"].as_f64().is_some_and(|r| r > 0.0), "{growth}");
	let doubling = growth["doublingDays"][0].as_f64().context("no doubling time")?;
	ensure!((1.0..10.0).contains(&doubling), "doubling in {doubling} days: {growth}");

	// JN.1's advantage over the rest stays above zero through the last week: flagged; XBB's
	// does not.
	let found =
		json(port, &signals("--cluster", "0", &["--method", "lineages", "--from", &day(0)]))?;
	let of = |name: &str| {
		found["lineages"].as_array().and_then(|l| l.iter().find(|x| x["lineage"] == name)).cloned()
	};
	let (jn1, xbb) = (of("JN.1").context("no JN.1")?, of("XBB").context("no XBB")?);
	ensure!(jn1["flagged"] == true && jn1["lower"].as_f64().is_some_and(|l| l > 0.0), "{jn1}");
	ensure!(jn1["lastShare"].as_f64() > jn1["firstShare"].as_f64(), "{jn1}");
	ensure!(xbb["flagged"] == false && xbb["advantage"].as_f64().is_some_and(|a| a < 0.0), "{xbb}");
	// A threshold no advantage reaches flags nothing.
	let strict = ["--method", "lineages", "--from", &day(0), "--lineage-threshold", "5"];
	let strict = json(port, &signals("--cluster", "0", &strict))?;
	ensure!(
		strict.to_string().contains("\"flagged\":false")
			&& !strict.to_string().contains("\"flagged\":true"),
		"{strict}"
	);

	// A lineage's own cases: JN.1 grows faster than the disease, XBB slower; its Rt with a
	// discrete serial interval names the lineage it is of.
	let rate = |lineage: Option<&str>| -> Result<f64> {
		let mut args = vec!["--method", "growth", "--from", &growth_from];
		args.extend(lineage.map(|l| ["--lineage", l]).into_iter().flatten());
		json(port, &signals("--cluster", "0", &args))?["rate"].as_f64().context("a rate")
	};
	let (all, jn1_rate, xbb_rate) = (rate(None)?, rate(Some("JN.1"))?, rate(Some("XBB"))?);
	ensure!(jn1_rate > all && all > xbb_rate, "JN.1 {jn1_rate}, all {all}, XBB {xbb_rate}");
	let discrete = ["--method", "rt", "--from", &growth_from, "--lineage", "JN.1", "--si-distr"];
	let lineage_rt = json(
		port,
		&signals("--cluster", "0", &[&discrete[..], &["0,0.1,0.2,0.3,0.2,0.1,0.1"]].concat()),
	)?;
	ensure!(
		lineage_rt["lineage"] == "JN.1"
			&& lineage_rt["estimates"].as_array().is_some_and(|e| !e.is_empty()),
		"{lineage_rt}"
	);
	let unknown = failure(
		port,
		&signals("--cluster", "0", &["--method", "c2", "--from", &day(0), "--lineage", "BA.2"]),
	)?;
	ensure!(unknown.contains("no confirmed case of RA01 lineage BA.2"), "{unknown}");

	// Karnataka's authority records its population; a hospital may not, nor may anyone for a
	// region where nobody is registered.
	let census = ["--people", "61095297", "--year", "2011", "--source", "Census of India 2011"];
	let set = |suri: &'static str, region: &'static str| {
		[&["population", "set", "--suri", suri, "--region", region][..], &census[..]].concat()
	};
	json(port, &set("//Dave", "IN-KA"))?;
	let shown = json(port, &["population", "show", "--region", "IN-KA"])?;
	ensure!(shown["people"] == 61_095_297 && shown["year"] == 2011, "{shown}");
	let hospital = failure(port, &set("//Ferdie", "IN-KA-BLR"))?;
	ensure!(hospital.contains("Registry.NotAnAuthority"), "{hospital}");
	let made_up = failure(port, &set("//Dave", "IN-KA-XYZ"))?;
	ensure!(made_up.contains("Registry.NobodyInRegion"), "{made_up}");

	// Karnataka, Maharashtra (no population, no cluster) and cluster 0 side by side.
	let compare = json(
		port,
		&[
			"compare",
			"--disease",
			COVID,
			"--from",
			&day(0),
			"--place",
			"IN-KA",
			"--place",
			"IN-MH",
			"--place",
			"cluster:0",
			"--si-mean",
			"4.7",
			"--si-sd",
			"2.9",
		],
	)?;
	let [karnataka, maharashtra, cluster] = [0, 1, 2].map(|i| compare["places"][i].clone());
	let total: u32 = days.iter().sum();
	ensure!(karnataka["cases"] == total && cluster["cases"] == total, "{compare}");
	let rate = &karnataka["rate"];
	let expected = f64::from(total) * 100_000.0 / 61_095_297.0;
	let ours = rate["rate"].as_f64().context("no rate")?;
	ensure!((ours - expected).abs() < 1e-9 * expected, "rate {ours}, expected {expected}");
	ensure!(rate["lower"].as_f64() < Some(ours) && rate["upper"].as_f64() > Some(ours), "{rate}");
	let missing = maharashtra["rate"]["unavailable"].as_str().unwrap_or_default();
	ensure!(missing.contains("no population on chain for IN-MH"), "{maharashtra}");
	ensure!(maharashtra["cases"] == 0, "{maharashtra}");
	let nobody = maharashtra["completeness"]["unavailable"].as_str().unwrap_or_default();
	ensure!(nobody.contains("no cluster lies in IN-MH"), "{maharashtra}");
	let reported = &cluster["completeness"];
	ensure!(reported["expected"] == 3 && reported["reported"] == 1, "{reported}");
	ensure!(karnataka["completeness"] == *reported, "one cluster in Karnataka: {compare}");
	ensure!(cluster["rt"]["mean"].as_f64().is_some_and(|r| r > 1.0), "{cluster}");
	ensure!(cluster["growth"]["rate"].as_f64().is_some(), "{cluster}");
	let compare_of = |places: &[&'static str]| {
		let mut args = vec!["compare", "--disease", COVID, "--from", "yesterday"];
		for place in places {
			args.extend(["--place", place]);
		}
		args
	};
	let twice = failure(port, &compare_of(&["IN-KA", "cluster:0", "IN-KA"]))?;
	ensure!(twice.contains("IN-KA is named twice"), "{twice}");
	let nowhere = failure(port, &compare_of(&["cluster:999"]))?;
	ensure!(nowhere.contains("there is no cluster 999"), "{nowhere}");
	// A serial interval so narrow that its gamma would take the client days: refused at once.
	let first_day = day(0);
	let narrow = [
		"compare",
		"--disease",
		COVID,
		"--from",
		&first_day,
		"--place",
		"cluster:0",
		"--si-mean",
		"10",
		"--si-sd",
		"1e-8",
	];
	let narrow = json(port, &narrow)?;
	let why = narrow["places"][0]["rt"]["unavailable"].as_str().unwrap_or_default();
	ensure!(why.contains("standard deviation of at least"), "{narrow}");

	// Too short a range for C1's week of baseline: a sentence, not a number.
	let short = failure(
		port,
		&signals("--cluster", "0", &["--method", "c1", "--from", &day(0), "--to", &day(4)]),
	)?;
	ensure!(short.contains("needs at least 8 points") && short.contains("has 5"), "{short}");
	let no_serial =
		failure(port, &signals("--cluster", "0", &["--method", "rt", "--from", &day(0)]))?;
	ensure!(no_serial.contains("--si-mean"), "{no_serial}");
	let backwards = failure(
		port,
		&signals("--cluster", "0", &["--method", "c1", "--from", &day(4), "--to", &day(0)]),
	)?;
	ensure!(backwards.contains("before it starts"), "{backwards}");
	// Farrington compares each week with five years before it; the chain holds weeks.
	let farrington =
		failure(port, &signals("--cluster", "0", &["--method", "farrington", "--from", &day(0)]))?;
	ensure!(farrington.contains("needs 263 weeks of history"), "{farrington}");
	Ok(())
}
