//! Environmental monitors end to end, with the `healthnet` tool against a dev node: the
//! Jayanagar clinic (organisation 5, `//Alice//stash`) registers a gamma dose-rate probe and a
//! PM2.5 monitor, Whitefield (6, `//Bob//stash`) a second probe, both in Bengaluru's cluster 0
//! (IN-KA-BLR). The gateway reads the fixtures as the networks export them (a dose-rate CSV with
//! EURDEP's field names, the EEA's air-quality e-Reporting CSV; days moved to the three before
//! today), signs a reading per complete day, and the holders' reporters relay them: every
//! area's days equal what the batch files say, a day is taken once, a suspended probe's batch
//! is refused, Karnataka's (`//Dave`) thresholds raise alerts on the days a monitor reached
//! them — the spike at once, the smoky day when a threshold set afterwards looks back.

mod common;

use std::{collections::BTreeMap, path::Path};

use anyhow::{ensure, Context, Result};
use common::{failure, json};
use healthnet_client::period;
use healthnet_e2e::{Node, NodeConfig};
use serde_json::Value;

const CLINIC: &str = "//Alice//stash";
const WHITEFIELD: &str = "//Bob//stash";
const KARNATAKA: &str = "//Dave";

/// The fixture `name`, its days (2026-12-05 to 2026-12-07) moved to the three days before
/// today (and the day after them, which a +01:00 offset reaches), written to `dir`.
fn fixture(dir: &Path, name: &str) -> Result<String> {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/environment").join(name);
	let mut text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
	let today = period::today();
	for (from, back) in [
		("2026-12-04", 4),
		("2026-12-05", 3),
		("2026-12-06", 2),
		("2026-12-07", 1),
		("2026-12-08", 0),
	] {
		text = text.replace(from, &period::date(today - back));
	}
	let moved = dir.join(name);
	std::fs::write(&moved, text)?;
	Ok(moved.display().to_string())
}

/// An account, from its secret URI.
fn account(suri: &str) -> Result<String> {
	Ok(healthnet_client::keys::signer(suri)?.public_key().to_account_id().to_string())
}

/// The readings in the batch files `written`: day → (mean, max).
fn readings(written: &Value) -> Result<BTreeMap<u64, (u64, u64)>> {
	let mut days = BTreeMap::new();
	for file in written.as_array().context("batches")? {
		let batch: Value =
			serde_json::from_str(&std::fs::read_to_string(file.as_str().context("a path")?)?)?;
		for reading in batch["readings"].as_array().context("readings")? {
			days.insert(
				reading["day"].as_u64().context("day")?,
				(
					reading["mean"].as_u64().context("mean")?,
					reading["max"].as_u64().context("max")?,
				),
			);
		}
	}
	Ok(days)
}

fn files(written: &Value) -> Vec<String> {
	written.as_array().into_iter().flatten().filter_map(|f| f.as_str().map(String::from)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn monitors_sign_their_days_and_regions_see_levels_and_alerts() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	let port = node.rpc_port;
	let dir = tempfile::tempdir()?;
	let (probe, air, probe2) =
		(account("//Probe")?, account("//AirMonitor")?, account("//Probe2")?);
	let register = |holder: &str, monitor: &str, suri: &str, kind: &str, serial: &str| {
		let args = ["--suri", holder, "instrument", "register", monitor, "--kind", kind];
		let device = ["--model", "GammaTRACER XL2", "--serial", serial, "--instrument-suri", suri];
		json(port, &[&args[..], &device].concat())
	};
	register(CLINIC, &probe, "//Probe", "gamma-dose-rate-monitor", "GT-1")?;
	register(CLINIC, &air, "//AirMonitor", "air-quality-monitor", "AQ-1")?;
	register(WHITEFIELD, &probe2, "//Probe2", "gamma-dose-rate-monitor", "GT-2")?;
	// Karnataka's alert level for gamma: 0.3 µSv/h in any hour.
	let threshold = ["--suri", KARNATAKA, "environment", "threshold", "--region", "IN-KA"];
	json(
		port,
		&[&threshold[..], &["--measure", "gamma", "--on", "max", "--level", "0.3"]].concat(),
	)?;
	let refused = failure(
		port,
		&[
			"--suri",
			CLINIC,
			"environment",
			"threshold",
			"--region",
			"IN-KA",
			"--measure",
			"gamma",
			"--on",
			"max",
			"--level",
			"0.1",
		],
	)?;
	ensure!(refused.contains("NotAuthorityForRegion"), "{refused}");

	// The gateway: a day per station with enough valid hours, each signed.
	let gamma = fixture(dir.path(), "dose-rate.csv")?;
	// The gateway beside a monitor: `before` and `after` the command are where it signs for
	// (online, as a holder's member) or what it signs with (offline, the genesis).
	let gateway = |before: &[&str],
	               after: &[&str],
	               suri: &str,
	               file: &str,
	               format: &str,
	               station: &str,
	               out: &str| {
		let out = dir.path().join(out).display().to_string();
		let command = ["environment", "read", file, "--format", format, "--station", station];
		json(
			port,
			&[before, &command[..], &["--monitor-suri", suri, "--out", &out], after].concat(),
		)
	};
	let read = |suri: &str, holder: &str, file: &str, format: &str, station: &str, out: &str| {
		gateway(&["--suri", holder], &[], suri, file, format, station, out)
	};
	let first = read("//Probe", CLINIC, &gamma, "dose-rate", "IN0001", "probe")?;
	let second = read("//Probe2", WHITEFIELD, &gamma, "dose-rate", "IN0002", "probe2")?;
	ensure!(
		first["not_signed"].to_string().contains("10M"),
		"the 10-minute row is refused: {first}"
	);
	// A probe does not take PM2.5: the air-quality file gives it nothing to sign.
	let eea = fixture(dir.path(), "eea-pm25.csv")?;
	let refused = failure(
		port,
		&[
			"--suri",
			CLINIC,
			"environment",
			"read",
			&eea,
			"--format",
			"eea",
			"--station",
			"STA-IN-KA-BLR-0001",
			"--monitor-suri",
			"//Probe",
			"--out",
			&dir.path().join("x").display().to_string(),
		],
	)?;
	ensure!(refused.contains("does not take pm25"), "{refused}");

	let relay = |holder: &str, files: &[String]| {
		let mut args = vec!["--suri", holder, "environment", "relay"];
		args.extend(files.iter().map(String::as_str));
		json(port, &args)
	};
	relay(CLINIC, &files(&first["batches"]))?;
	// The probe's days are taken once, and only its holder relays them.
	let again = failure(
		port,
		&[&["--suri", CLINIC, "environment", "relay"][..], &[files(&first["batches"])[0].as_str()]]
			.concat(),
	)?;
	ensure!(again.contains("ReadingExists"), "{again}");
	let wrong = failure(
		port,
		&[
			&["--suri", CLINIC, "environment", "relay"][..],
			&[files(&second["batches"])[0].as_str()],
		]
		.concat(),
	)?;
	ensure!(wrong.contains("NotAReporter"), "{wrong}");
	relay(WHITEFIELD, &files(&second["batches"]))?;

	// Every area up to the world holds what the two probes signed; the spike raised
	// Karnataka's alert, naming the holder whose probe measured it.
	let (mine, theirs) = (readings(&first["batches"])?, readings(&second["batches"])?);
	ensure!(mine.len() >= 2 && theirs.len() >= 2, "{mine:?} {theirs:?}");
	let today = period::today();
	let window = ["--from", &period::date(today - 5), "--to", &period::date(today)];
	for area in [
		&["--cluster", "0"][..],
		&["--region", "IN-KA-BLR"],
		&["--region", "IN-KA"],
		&["--region", ""],
	] {
		let levels = json(
			port,
			&[&["environment", "levels", "--measure", "gamma"][..], area, &window].concat(),
		)?;
		let levels = levels.as_array().context("days")?;
		ensure!(levels.len() == mine.len().max(theirs.len()), "{area:?}: {levels:?}");
		for day in levels {
			let number = day["day"].as_u64().context("day")?;
			let signed: Vec<(u64, u64, u64)> = [(5, &mine), (6, &theirs)]
				.iter()
				.filter_map(|(org, days)| days.get(&number).map(|(mean, max)| (*org, *mean, *max)))
				.collect();
			let level = &day["level"];
			let highest = signed.iter().max_by_key(|(_, _, max)| *max).context("a reading")?;
			ensure!(
				level["monitors"] == signed.len()
					&& level["sum_of_means"] == signed.iter().map(|(_, mean, _)| mean).sum::<u64>()
					&& level["highest_max"] == highest.2
					&& level["highest_max_at"] == highest.0,
				"{area:?} on {number}: the chain has {level}, the batches {signed:?}"
			);
			let alert = &day["alert"];
			if area == ["--region", "IN-KA"] && highest.2 >= 300 {
				ensure!(alert["value"] == highest.2 && alert["holder"] == highest.0, "{day}");
			} else {
				ensure!(alert.is_null(), "no alert where no threshold was reached: {area:?} {day}");
			}
		}
	}
	let spikes =
		[&mine, &theirs].iter().flat_map(|d| d.values()).filter(|(_, max)| *max >= 300).count();
	ensure!(spikes == 1, "the fixture has one spike day: {mine:?} {theirs:?}");

	// PM2.5: the incomplete day is not signed; the threshold, set after the readings, looks
	// back over the week and raises the smoky day's alert.
	let smoke = read("//AirMonitor", CLINIC, &eea, "eea", "STA-IN-KA-BLR-0001", "air")?;
	ensure!(smoke["days"].as_array().map(Vec::len) == Some(3), "{smoke}");
	let genesis =
		json(port, &["chain", "info"])?["genesis"].as_str().context("genesis")?.to_string();
	let offline = |station: &str, suri: &str, file: &str, format: &str, out: &str| {
		gateway(&[], &["--genesis", &genesis], suri, file, format, station, out)
	};
	let other = offline("STA-IN-KA-BLR-0002", "//AirMonitor", &eea, "eea", "air-other")?;
	ensure!(other["not_signed"].to_string().contains("only 12 valid hours"), "{other}");
	relay(CLINIC, &files(&smoke["batches"]))?;
	json(
		port,
		&[&threshold[..], &["--measure", "pm25", "--on", "mean", "--level", "35"]].concat(),
	)?;
	let levels = json(
		port,
		&[&["environment", "levels", "--measure", "pm25", "--region", "IN-KA"][..], &window]
			.concat(),
	)?;
	let air_days = readings(&smoke["batches"])?;
	let alerted: Vec<u64> = levels
		.as_array()
		.context("days")?
		.iter()
		.filter(|d| !d["alert"].is_null())
		.filter_map(|d| d["day"].as_u64())
		.collect();
	let smoky: Vec<u64> =
		air_days.iter().filter(|(_, (mean, _))| *mean >= 35_000).map(|(day, _)| *day).collect();
	ensure!(!smoky.is_empty() && alerted == smoky, "alerts on {alerted:?}, smoky days {smoky:?}");
	let thresholds = json(port, &["environment", "thresholds", "--region", "IN-KA"])?;
	ensure!(thresholds.as_array().map(Vec::len) == Some(2), "{thresholds}");

	// Suspended by Karnataka, a probe's batch is refused: one signed offline, where the
	// gateway cannot know which days the chain has.
	let later = offline("IN0001", "//Probe2", &gamma, "dose-rate", "offline")?;
	json(port, &["--suri", KARNATAKA, "instrument", "suspend", &probe2])?;
	let refused = failure(
		port,
		&[
			&["--suri", WHITEFIELD, "environment", "relay"][..],
			&[files(&later["batches"])[0].as_str()],
		]
		.concat(),
	)?;
	ensure!(refused.contains("MonitorNotActive"), "{refused}");
	let shown = json(
		port,
		&[
			"environment",
			"readings",
			&probe,
			"--measure",
			"gamma",
			"--from",
			&period::date(today - 5),
		],
	)?;
	ensure!(shown.as_array().map(Vec::len) == Some(mine.len()), "{shown}");
	Ok(())
}
