//! `healthnet signals`: EARS C1, C2, C3, Rt or the growth rate over a region's or a cluster's
//! daily confirmed cases, read at the finalized head and naming that block.

use clap::{Args, ValueEnum};
use healthnet_analysis::{ears, farrington, lineage, rt};
use std::path::PathBuf;

use healthnet_client::{
	period,
	signals::{self, Place, Series},
	surveillance, Error,
};
use healthnet_primitives::registry::ClusterId;
use serde_json::json;
use subxt::utils::H256;

use super::{
	output::{created, Output},
	session::Session,
};

#[derive(Clone, Copy, ValueEnum)]
pub enum Method {
	/// EARS C1: the last 7 days as baseline.
	C1,
	/// EARS C2: 7 days ending 3 days before.
	C2,
	/// EARS C3: C2 cumulated over three days.
	C3,
	/// The reproduction number by Cori et al., over sliding windows.
	Rt,
	/// The growth rate and doubling time over the whole range.
	Growth,
	/// Each lineage's share and growth advantage over the others, flagged when it stays
	/// above zero through the last week (14-day windows).
	Lineages,
	/// Farrington flexible (Noufaily et al.) on weekly counts: needs --years of history
	/// before each week it evaluates.
	Farrington,
}

#[derive(Args)]
pub struct SignalsArgs {
	/// A region code (the empty code is the world).
	#[arg(long, required_unless_present = "cluster", conflicts_with = "cluster")]
	region: Option<String>,
	/// A cluster, by id.
	#[arg(long)]
	cluster: Option<ClusterId>,
	/// The disease code, such as RA01.
	#[arg(long)]
	disease: String,
	/// One lineage of the disease (JN.1): the method runs on that lineage's confirmed cases
	/// alone, as reports and sequencing typed them.
	#[arg(long)]
	lineage: Option<String>,
	#[arg(long, value_enum)]
	method: Method,
	/// The first day: YYYY-MM-DD, a day number, today or yesterday.
	#[arg(long)]
	from: String,
	/// The last day (default: yesterday, the last complete day).
	#[arg(long, default_value = "yesterday")]
	to: String,
	/// Rt: the serial interval's mean in days (above 1).
	#[arg(long)]
	si_mean: Option<f64>,
	/// Rt: the serial interval's standard deviation in days.
	#[arg(long)]
	si_sd: Option<f64>,
	/// Rt: the serial interval as a discrete distribution instead, the probability of 0, 1,
	/// 2, ... days, comma-separated (the first 0, the sum 1), as EpiEstim's `si_distr`.
	#[arg(long, conflicts_with_all = ["si_mean", "si_sd"])]
	si_distr: Option<String>,
	/// Rt: the days of each sliding window.
	#[arg(long, default_value_t = 7)]
	window: usize,
	/// Lineages: the days of each window the advantage is fitted over.
	#[arg(long, default_value_t = 14)]
	lineage_window: usize,
	/// Lineages: the last days whose windows must all show the advantage.
	#[arg(long, default_value_t = 7)]
	lineage_persistence: usize,
	/// Lineages: the advantage per day the interval's lower end must exceed to flag.
	#[arg(long, default_value_t = 0.0)]
	lineage_threshold: f64,
	/// Farrington: the years of history each week is compared with (1 to 10).
	#[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u8).range(1..=10))]
	years: u8,
	/// Also publish the figures as guidance to the region's or cluster's facilities (an
	/// authority over them): the figures, their method and the block they were read at are
	/// written to this file, whose hash the guidance carries.
	#[arg(long, requires = "uri")]
	publish_guidance: Option<PathBuf>,
	/// Where the guidance document will be, off chain (with --publish-guidance).
	#[arg(long)]
	uri: Option<String>,
	/// The guidance's severity: information, advisory, warning or emergency.
	#[arg(long, default_value = "advisory")]
	severity: String,
}

pub async fn run(session: &Session, mut args: SignalsArgs) -> Result<Output, Error> {
	let place = match (args.region.take(), args.cluster) {
		(_, Some(cluster)) => Place::Cluster(cluster),
		(region, None) => Place::Region(region.unwrap_or_default()),
	};
	let severity = surveillance::severity(&args.severity)?;
	let (path, uri) = (args.publish_guidance.take(), args.uri.take());
	let disease = args.disease.clone();
	let figures = figures(session, &place, args).await?;
	let (Some(path), Some(uri)) = (path, uri) else { return Ok(figures) };
	// The document: the figures as printed, then as JSON, naming method and block.
	let document = format!("{}\n\n{:#}\n", figures.text, figures.json);
	std::fs::write(&path, &document).map_err(|e| {
		Error::BadInput(format!("could not write the guidance document {}: {e}", path.display()))
	})?;
	let hash = H256(sp_crypto_hashing::blake2_256(document.as_bytes()));
	let target = match &place {
		Place::Region(code) => surveillance::target(Some(code), None)?,
		Place::Cluster(id) => surveillance::target(None, Some(*id))?,
	};
	let call = surveillance::publish_guidance(hash, &uri, target, Some(&disease), severity);
	let published =
		created(session.send(call).await?, "Surveillance", "GuidancePublished", |id| {
			format!("published guidance {id} to {place}: {} (hash {hash:?})", path.display())
		})?;
	let text = format!("{}\n{}", figures.text, published.text);
	let mut json = figures.json;
	json["guidance"] = published.json["id"].clone();
	json["document"] = path.display().to_string().into();
	json["contentHash"] = format!("{hash:?}").into();
	Ok(Output::new(text, json))
}

async fn figures(session: &Session, place: &Place, args: SignalsArgs) -> Result<Output, Error> {
	let place = place.clone();
	let (from, to) = (period::parse(&args.from)?, period::parse(&args.to)?);
	if let Method::Lineages = args.method {
		if args.lineage.is_some() {
			return Err(Error::BadInput(
				"--method lineages compares every lineage: leave out --lineage, or choose a \
				 method to run on that lineage's cases"
					.into(),
			));
		}
		return lineages_output(session, &place, &args, from, to).await;
	}
	if let Method::Farrington = args.method {
		// Refused before five years of days are read for nothing.
		let options =
			farrington::Options { b: usize::from(args.years), ..farrington::Options::noufaily() };
		signals::farrington_range(from, to, &options)?;
	}
	let series = match &args.lineage {
		None => session.client.daily_confirmed(&place, &args.disease, from, to).await?,
		Some(lineage) => session
			.client
			.daily_lineages(&place, &args.disease, from, to)
			.await?
			.series_of(lineage)
			.ok_or_else(|| {
				Error::NotFound(format!(
					"no confirmed case of {} lineage {lineage} in {place} from {} to {}",
					args.disease,
					period::date(from),
					period::date(to)
				))
			})?,
	};
	let what = match &args.lineage {
		Some(lineage) => format!("{} lineage {lineage}", args.disease),
		None => args.disease.clone(),
	};
	let heading = |method: &str| {
		format!(
			"{method} of {what} in {place} from {} to {}, read at finalized block #{} ({:?})",
			period::date(from),
			period::date(to),
			series.number,
			series.block
		)
	};
	let source = json!({
		"place": place.to_string(), "disease": args.disease, "lineage": args.lineage,
		"from": from, "to": to, "block": format!("{:?}", series.block), "number": series.number,
	});
	match args.method {
		Method::C1 => {
			ears_output(&series, ears::Method::C1, &heading(ears::Method::C1.name()), source)
		},
		Method::C2 => {
			ears_output(&series, ears::Method::C2, &heading(ears::Method::C2.name()), source)
		},
		Method::C3 => {
			ears_output(&series, ears::Method::C3, &heading(ears::Method::C3.name()), source)
		},
		Method::Rt => {
			let (serial, named) = match (args.si_mean, args.si_sd, &args.si_distr) {
				(Some(mean), Some(sd), None) => (
					rt::SerialInterval::Parametric { mean, sd },
					format!("serial interval {mean} ± {sd} days"),
				),
				(None, None, Some(text)) => {
					let distribution = discrete(text)?;
					let named = format!("serial interval of {} days as given", distribution.len());
					(rt::SerialInterval::Discrete(distribution), named)
				},
				_ => {
					return Err(Error::BadInput(
						"Rt needs the disease's serial interval: give --si-mean and --si-sd in \
						 days, or --si-distr"
							.into(),
					))
				},
			};
			let estimates = signals::rt(&series, &serial, args.window)?;
			let lines: Vec<String> = estimates
				.iter()
				.map(|e| {
					format!(
						"{} to {}  Rt {:.2}  95% {:.2} to {:.2}",
						period::date(series.day(e.start)),
						period::date(series.day(e.end)),
						e.mean,
						e.quantiles[0],
						e.quantiles[6]
					)
				})
				.collect();
			let rows: Vec<_> = estimates
				.iter()
				.map(|e| {
					json!({
						"from": series.day(e.start), "to": series.day(e.end), "mean": e.mean,
						"sd": e.sd, "lower": e.quantiles[0], "median": e.quantiles[3],
						"upper": e.quantiles[6],
					})
				})
				.collect();
			let title = heading(&format!("Rt (Cori; {named})"));
			let mut json = source;
			json["method"] = "rt".into();
			json["estimates"] = rows.into();
			Ok(Output::new(format!("{title}\n{}", lines.join("\n")), json))
		},
		Method::Lineages => unreachable!("lineages are read above"),
		Method::Farrington => {
			let options = farrington::Options {
				b: usize::from(args.years),
				..farrington::Options::noufaily()
			};
			let (weeks, points) = signals::farrington(&series, &options)?;
			let lines: Vec<String> = points
				.iter()
				.map(|p| {
					format!(
						"week to {}  {:>6}  expected {:>8.2}  upper bound {:>8.2}{}",
						period::date(weeks.end(p.index)),
						p.observed,
						p.expected,
						p.upperbound,
						if p.alarm { "  ALARM" } else { "" }
					)
				})
				.collect();
			let rows: Vec<_> = points
				.iter()
				.map(|p| {
					json!({
						"weekEnding": weeks.end(p.index), "observed": p.observed,
						"expected": p.expected, "upperbound": p.upperbound, "alarm": p.alarm,
						"trend": p.trend, "pValue": p.p_value,
					})
				})
				.collect();
			let title = heading(&format!("Farrington flexible ({} years of history)", args.years));
			let mut json = source;
			json["method"] = "farrington".into();
			json["points"] = rows.into();
			Ok(Output::new(format!("{title}\n{}", lines.join("\n")), json))
		},
		Method::Growth => {
			let g = signals::growth(&series)?;
			let doubling = match g.doubling {
				Some((days, short, long)) => {
					format!("doubling time {days:.1} days (95% {short:.1} to {long:.1})")
				},
				None => "no doubling time: the rate's interval reaches zero or below".into(),
			};
			let title = heading("The growth rate");
			let text = format!(
				"{title}\n{:+.4} a day (95% {:+.4} to {:+.4}); {doubling}",
				g.rate, g.lower, g.upper
			);
			let mut json = source;
			json["method"] = "growth".into();
			json["rate"] = g.rate.into();
			json["lower"] = g.lower.into();
			json["upper"] = g.upper.into();
			json["doublingDays"] = g.doubling.map(|d| json!([d.0, d.1, d.2])).into();
			Ok(Output::new(text, json))
		},
	}
}

fn ears_output(
	series: &Series,
	method: ears::Method,
	title: &str,
	mut json: serde_json::Value,
) -> Result<Output, Error> {
	let points = signals::ears(series, method)?;
	let lines: Vec<String> = points
		.iter()
		.map(|p| {
			format!(
				"{}  {:>6}  upper bound {:>8.2}{}",
				period::date(series.day(p.index)),
				p.observed,
				p.upperbound,
				if p.alarm { "  ALARM" } else { "" }
			)
		})
		.collect();
	let rows: Vec<_> = points
		.iter()
		.map(|p| {
			json!({
				"day": series.day(p.index), "observed": p.observed, "expected": p.expected,
				"upperbound": p.upperbound, "alarm": p.alarm,
			})
		})
		.collect();
	json["method"] = method.name().into();
	json["points"] = rows.into();
	Ok(Output::new(format!("{title}\n{}", lines.join("\n")), json))
}

async fn lineages_output(
	session: &Session,
	place: &Place,
	args: &SignalsArgs,
	from: u32,
	to: u32,
) -> Result<Output, Error> {
	let series = session.client.daily_lineages(&place, &args.disease, from, to).await?;
	let flagging = lineage::Flagging {
		window: args.lineage_window,
		persistence: args.lineage_persistence,
		threshold: args.lineage_threshold,
	};
	if flagging.window < 2 || flagging.persistence < 1 || !flagging.threshold.is_finite() {
		return Err(Error::BadInput(
			"a lineage window is 2 days or more, its persistence 1 day or more, its threshold a \
			 number"
				.into(),
		));
	}
	let found = signals::lineages(&series, &flagging)?;
	let heading = format!(
		"Lineages of {} in {place} from {} to {}, read at finalized block #{} ({:?}): \
		 share in the first and last week, advantage over the others per day",
		args.disease,
		period::date(from),
		period::date(to),
		series.number,
		series.block
	);
	let line = |l: &signals::LineageSignal| {
		let advantage = match &l.advantage {
			Ok(a) => format!("{:+.3} (95% {:+.3} to {:+.3})", a.slope, a.lower, a.upper),
			Err(why) => format!("no estimate: {why}"),
		};
		format!(
			"{}  {:.0}% -> {:.0}%  {advantage}{}",
			l.lineage,
			l.shares.0 * 100.0,
			l.shares.1 * 100.0,
			if l.flagged { "  FLAGGED" } else { "" }
		)
	};
	let rows: Vec<_> = found
		.iter()
		.map(|l| {
			json!({
				"lineage": l.lineage, "firstShare": l.shares.0, "lastShare": l.shares.1,
				"advantage": l.advantage.as_ref().ok().map(|a| a.slope),
				"lower": l.advantage.as_ref().ok().map(|a| a.lower),
				"upper": l.advantage.as_ref().ok().map(|a| a.upper),
				"flagged": l.flagged,
			})
		})
		.collect();
	let mut json = json!({
		"place": place.to_string(), "disease": args.disease, "from": from, "to": to,
	});
	json["block"] = format!("{:?}", series.block).into();
	json["number"] = series.number.into();
	json["method"] = "lineages".into();
	json["lineages"] = rows.into();
	let lines: Vec<String> = found.iter().map(line).collect();
	let body = if lines.is_empty() {
		"no lineage reported in this range".into()
	} else {
		lines.join("\n")
	};
	Ok(Output::new(format!("{heading}\n{body}"), json))
}

/// A discrete serial interval as `--si-distr` gives it: probabilities of 0, 1, 2, ... days.
fn discrete(text: &str) -> Result<Vec<f64>, Error> {
	let values: Result<Vec<f64>, _> = text.split(',').map(|v| v.trim().parse::<f64>()).collect();
	let values = values.map_err(|_| {
		Error::BadInput(format!(
			"--si-distr is numbers separated by commas (0,0.25,0.5,0.25), not {text:?}"
		))
	})?;
	let sum: f64 = values.iter().sum();
	if values.len() < 2
		|| values[0] != 0.0
		|| values.iter().any(|v| !(*v >= 0.0))
		|| (sum - 1.0).abs() > 1e-6
	{
		return Err(Error::BadInput(format!(
			"--si-distr gives the probability of 0, 1, 2, ... days: the first 0, none negative, \
			 summing to 1 (these sum to {sum})"
		)));
	}
	Ok(values)
}
