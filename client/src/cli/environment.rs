//! `healthnet environment`: the gateway that turns a monitor network's CSV export into daily
//! readings the monitor signs, their relay, authorities' thresholds, and the days of regions,
//! clusters and monitors.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use healthnet_client::{
	environment::{self, csv, SignedReadings},
	instruments, keys, period, Error,
};
use healthnet_primitives::{
	environment::{Area, LevelDay, Measure},
	instruments::{InstrumentKind, InstrumentStatus},
	surveillance::Period,
	ClusterId,
};
use serde_json::json;
use subxt::utils::H256;

use super::{
	output::{done, listing, parse_hash, parse_period, Output},
	session::Session,
};

/// How many days back the runtime takes a reading (its `MaxReadingAge`, surveillance's report
/// age).
const MAX_READING_AGE: Period = 366;

#[derive(Subcommand)]
pub enum EnvironmentCommand {
	/// The monitor gateway: read a network's CSV export of hourly values (`eea`: the EEA's
	/// air-quality e-Reporting time series, PM2.5; `dose-rate`: hourly gamma dose rates with
	/// EURDEP's field names), make one reading per UTC day with at least 18 valid hours (mean
	/// and maximum), sign them with the monitor's key and write the batches for `environment
	/// relay`.
	Read(ReadArgs),
	/// Relay batches a monitor signed (a reporter of its holder).
	Relay {
		/// The batch files `environment read` wrote.
		#[arg(required = true)]
		files: Vec<PathBuf>,
	},
	/// Set a region's threshold on a measure (a reviewer of an authority over it): an alert is
	/// raised for a day on which any monitor in the region reaches it.
	Threshold {
		/// The region code; "" for the world.
		#[arg(long)]
		region: String,
		/// gamma (µSv/h) or pm25 (µg/m³).
		#[arg(long)]
		measure: String,
		/// mean (the day's mean) or max (the day's highest hourly value).
		#[arg(long = "on")]
		statistic: String,
		/// The level in the measure's unit (0.3, 15); 0 removes the threshold.
		#[arg(long)]
		level: String,
	},
	/// A region's thresholds.
	Thresholds {
		#[arg(long)]
		region: String,
	},
	/// A region's or cluster's days of a measure: monitors, their mean, the highest mean and
	/// maximum, and alerts.
	Levels {
		#[command(flatten)]
		area: AreaArgs,
		#[arg(long)]
		measure: String,
		#[command(flatten)]
		days: Days,
	},
	/// A monitor's daily readings of a measure.
	Readings {
		/// The monitor's account.
		monitor: String,
		#[arg(long)]
		measure: String,
		#[command(flatten)]
		days: Days,
	},
}

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct AreaArgs {
	/// A region code ("" for the world).
	#[arg(long)]
	region: Option<String>,
	/// A cluster id.
	#[arg(long)]
	cluster: Option<ClusterId>,
}

#[derive(Args)]
pub struct Days {
	/// The first day (YYYY-MM-DD, today, yesterday or a day number); 30 days back when not
	/// given.
	#[arg(long, value_parser = parse_period)]
	from: Option<Period>,
	/// The last day; today when not given.
	#[arg(long, value_parser = parse_period)]
	to: Option<Period>,
}

impl Days {
	fn range(&self) -> (Period, Period) {
		let to = self.to.unwrap_or_else(period::today);
		(self.from.unwrap_or(to.saturating_sub(29)), to)
	}
}

#[derive(Args)]
pub struct ReadArgs {
	/// The CSV file as the network exports it.
	file: PathBuf,
	/// eea (PM2.5, the EEA's e-Reporting CSV) or dose-rate (gamma, EURDEP field names).
	#[arg(long)]
	format: String,
	/// The station whose values this monitor measured (AirQualityStation or LOCALITY_CODE).
	#[arg(long)]
	station: String,
	/// The monitor's secret key (or the file holding it).
	#[arg(long)]
	monitor_suri: String,
	/// The directory to write the signed batches to.
	#[arg(long)]
	out: PathBuf,
	/// The chain's genesis hash, to sign with no node (nothing is then checked against the
	/// chain: the monitor's kind, status and the days already taken).
	#[arg(long)]
	genesis: Option<String>,
}

/// Whether `command` runs without a node: the gateway given the chain's genesis.
pub fn runs_without_session(command: &EnvironmentCommand) -> bool {
	matches!(command, EnvironmentCommand::Read(args) if args.genesis.is_some())
}

/// Runs the gateway offline.
pub fn run_without_session(command: EnvironmentCommand) -> Result<Output, Error> {
	let EnvironmentCommand::Read(args) = command else {
		unreachable!("only the gateway runs without a node")
	};
	let genesis = parse_hash(args.genesis.as_deref().unwrap_or_default())?;
	gateway(&args, genesis, None)
}

pub async fn run(session: &Session, command: EnvironmentCommand) -> Result<Output, Error> {
	Ok(match command {
		EnvironmentCommand::Read(args) => {
			let key = keys::signer(&args.monitor_suri)?;
			let account = key.public_key().to_account_id();
			let view = session.client.instrument(&account).await?.ok_or_else(|| {
				Error::NotFound(format!(
					"no instrument has the account {account}: register the monitor first"
				))
			})?;
			if view.status != InstrumentStatus::Active {
				return Err(Error::BadInput(format!(
					"monitor {account} is not active: nothing it signs would count"
				)));
			}
			let measure = match view.kind {
				InstrumentKind::GammaDoseRateMonitor => Measure::GammaDoseRate,
				InstrumentKind::AirQualityMonitor => Measure::Pm25,
				other => {
					return Err(Error::BadInput(format!(
						"{account} is a {}, not an environmental monitor",
						instruments::kind_word(other)
					)))
				},
			};
			// The days that are over, a year of them: what one read of the chain returns.
			// The chain takes one day more, the oldest, which is left out rather than read
			// twice.
			let today = period::today();
			let (first, last) = (
				view.counts_from.max(today.saturating_sub(MAX_READING_AGE)),
				today.saturating_sub(1),
			);
			let taken: Vec<Period> = session
				.client
				.monitor_readings(&account, measure, first, last)
				.await?
				.into_iter()
				.map(|r| r.day)
				.collect();
			let genesis = session.client.subxt().genesis_hash();
			gateway(&args, genesis, Some(Chain { measure, first, last, taken }))?
		},
		EnvironmentCommand::Relay { files } => {
			let mut lines = Vec::new();
			let mut relayed = Vec::new();
			for file in &files {
				let batch = SignedReadings::from_json(&read(file)?)
					.map_err(|e| Error::BadInput(format!("{}: {e}", file.display())))?;
				let included =
					session.send(environment::record_readings(&batch)?).await.map_err(|e| {
						if lines.is_empty() {
							e
						} else {
							Error::BadInput(format!(
								"{} refused ({e}) after these were taken:\n{}",
								file.display(),
								lines.join("\n")
							))
						}
					})?;
				lines.push(format!(
					"{}: {} readings of {} (block #{})",
					file.display(),
					batch.readings.len(),
					batch.monitor,
					included.block_number
				));
				relayed.push(json!({
					"file": file.display().to_string(),
					"readings": batch.readings.len(),
					"block_number": included.block_number,
				}));
			}
			Output::new(lines.join("\n"), json!({ "relayed": relayed }))
		},
		EnvironmentCommand::Threshold { region, measure, statistic, level } => {
			let measure = environment::measure(&measure)?;
			let statistic = environment::statistic(&statistic)?;
			let level = environment::parse_value(&level)?;
			let call = environment::set_level_threshold(&region, measure, statistic, level)?;
			let summary = if level == 0 {
				format!(
					"removed the {} threshold of region {region:?}",
					environment::measure_word(measure)
				)
			} else {
				format!(
					"region {region:?}: an alert when a monitor's daily {} of {} reaches {} {}",
					environment::statistic_word(statistic),
					environment::measure_word(measure),
					environment::value_text(level),
					measure.unit()
				)
			};
			done(session.send(call).await?, summary)
		},
		EnvironmentCommand::Thresholds { region } => listing(
			&session.client.level_thresholds(&region).await?,
			|(measure, threshold)| {
				format!(
					"{}: daily {} at {} {} (set by organisation {})",
					environment::measure_word(*measure),
					environment::statistic_word(threshold.statistic),
					environment::value_text(threshold.level),
					measure.unit(),
					threshold.set_by
				)
			},
			format!("region {region:?} has no threshold"),
		),
		EnvironmentCommand::Levels { area, measure, days } => {
			let measure = environment::measure(&measure)?;
			let area = match (area.region, area.cluster) {
				(Some(region), _) => Area::Region(region),
				(None, Some(cluster)) => Area::Cluster(cluster),
				(None, None) => unreachable!("clap requires one"),
			};
			let (from, to) = days.range();
			let levels = session.client.levels(&area, measure, from, to).await?;
			listing(&levels, |day| level_line(day, measure), "no monitor read these days".into())
		},
		EnvironmentCommand::Readings { monitor, measure, days } => {
			let measure = environment::measure(&measure)?;
			let (from, to) = days.range();
			let readings = session
				.client
				.monitor_readings(&keys::account(&monitor)?, measure, from, to)
				.await?;
			listing(
				&readings,
				|r| {
					format!(
						"{}: mean {}, max {} {} over {} hours",
						period::date(r.day),
						environment::value_text(r.mean),
						environment::value_text(r.max),
						measure.unit(),
						r.hours
					)
				},
				format!("monitor {monitor} has no reading of these days"),
			)
		},
	})
}

/// What the chain says of the monitor, when online: its measure, the days it takes, and the
/// days it has taken already.
struct Chain {
	measure: Measure,
	first: Period,
	last: Period,
	taken: Vec<Period>,
}

/// Parses the file, keeps the station's complete days the chain would take, signs them and
/// writes the batches under `args.out`.
fn gateway(args: &ReadArgs, genesis: H256, chain: Option<Chain>) -> Result<Output, Error> {
	let key = keys::signer(&args.monitor_suri)?;
	let format = match args.format.to_lowercase().as_str() {
		"eea" => csv::Format::Eea,
		"dose-rate" | "eurdep" => csv::Format::DoseRate,
		other => {
			return Err(Error::BadInput(format!("{other} is not a format; give eea or dose-rate")))
		},
	};
	let file = std::fs::File::open(&args.file)
		.map_err(|e| Error::BadInput(format!("cannot read {}: {e}", args.file.display())))?;
	let parsed = csv::parse(format, file)
		.map_err(|e| Error::BadInput(format!("{}: {e}", args.file.display())))?;
	let mut notes: Vec<String> =
		parsed.refused.iter().map(|r| format!("line {}: {}", r.line, r.reason)).collect();
	for day in parsed.incomplete.iter().filter(|d| d.station == args.station) {
		notes.push(format!(
			"{}: only {} valid hours (at least {} make a day)",
			period::date(day.day),
			day.hours,
			csv::MIN_HOURS
		));
	}
	let mut readings = Vec::new();
	for day in parsed.days.into_iter().filter(|d| d.station == args.station) {
		let reading = day.reading;
		// The chain takes a day once it is over, so that a reading is the whole day's.
		if reading.day >= period::today() {
			notes.push(format!("{}: the day is not over", period::date(reading.day)));
			continue;
		}
		if let Some(chain) = &chain {
			if reading.measure != chain.measure {
				notes.push(format!(
					"{}: this monitor does not take {}",
					period::date(reading.day),
					environment::measure_word(reading.measure)
				));
				continue;
			}
			if reading.day < chain.first || reading.day > chain.last {
				notes.push(format!(
					"{}: outside the days the chain takes for this monitor",
					period::date(reading.day)
				));
				continue;
			}
			if chain.taken.contains(&reading.day) {
				notes.push(format!(
					"{}: the chain has this day of the monitor already",
					period::date(reading.day)
				));
				continue;
			}
		}
		readings.push(reading);
	}
	if readings.is_empty() {
		return Err(Error::BadInput(format!(
			"station {} has no day to sign in {}{}",
			args.station,
			args.file.display(),
			if notes.is_empty() { String::new() } else { format!(": {}", notes.join("; ")) }
		)));
	}
	let batches = environment::sign_readings(&key, genesis, readings)?;
	std::fs::create_dir_all(&args.out)
		.map_err(|e| Error::BadInput(format!("cannot create {}: {e}", args.out.display())))?;
	// Named by monitor and first day: never written over, and none written unless all can be.
	let paths: Vec<PathBuf> = batches
		.iter()
		.map(|b| {
			let first = b.readings.iter().map(|r| r.day).min().unwrap_or_default();
			args.out.join(format!("readings-{}-{}.json", b.monitor, period::date(first)))
		})
		.collect();
	if let Some(path) = paths.iter().find(|path| path.exists()) {
		return Err(Error::BadInput(format!("{} exists: relay it, or remove it", path.display())));
	}
	let mut written = Vec::new();
	for (batch, path) in batches.iter().zip(&paths) {
		std::fs::write(path, batch.to_json())
			.map_err(|e| Error::BadInput(format!("cannot write {}: {e}", path.display())))?;
		written.push(path.display().to_string());
	}
	let days: Vec<_> = batches.iter().flat_map(|b| b.readings.iter()).map(|r| {
		json!({ "day": period::date(r.day), "measure": environment::measure_word(r.measure), "mean": r.mean, "max": r.max, "hours": r.hours })
	}).collect();
	let mut text = format!(
		"station {}: {} days signed ({}); {} rows of other measures, {} invalid hours",
		args.station,
		days.len(),
		written.join(", "),
		parsed.skipped,
		parsed.invalid_hours
	);
	for note in &notes {
		text.push_str(&format!("\n  not signed: {note}"));
	}
	Ok(Output::new(text, json!({ "days": days, "batches": written, "not_signed": notes })))
}

fn read(path: &Path) -> Result<String, Error> {
	std::fs::read_to_string(path)
		.map_err(|e| Error::BadInput(format!("cannot read {}: {e}", path.display())))
}

fn level_line(day: &LevelDay, measure: Measure) -> String {
	let level = &day.level;
	let unit = measure.unit();
	let mut line = format!(
		"{}: {} monitors, mean {} {unit}; highest mean {} (organisation {}), highest hour {} (organisation {})",
		period::date(day.day),
		level.monitors,
		level.mean().map(environment::value_text).unwrap_or_else(|| "-".into()),
		environment::value_text(level.highest_mean),
		level.highest_mean_at,
		environment::value_text(level.highest_max),
		level.highest_max_at
	);
	if let Some(alert) = &day.alert {
		line.push_str(&format!(
			"; ALERT: {} reached {} (daily {}, set by organisation {}), at organisation {}",
			environment::value_text(alert.value),
			environment::value_text(alert.threshold.level),
			environment::statistic_word(alert.threshold.statistic),
			alert.threshold.set_by,
			alert.holder
		));
	}
	line
}
