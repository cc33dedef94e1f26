//! `healthnet compare`: regions and clusters side by side on the same figures (population,
//! cases, incidence per 100,000, Rt, growth, completeness), read at one finalized block.

use clap::Args;
use healthnet_analysis::rt;
use healthnet_client::{
	period,
	signals::{
		compare::{Comparison, Figures},
		Place,
	},
	Error,
};
use serde_json::json;

use super::{output::Output, session::Session};

#[derive(Args)]
pub struct CompareArgs {
	/// A place: a region code, `cluster:ID`, or `world`; repeat it for each place, in the
	/// order to show them.
	#[arg(long = "place", required = true)]
	places: Vec<String>,
	/// The disease code, such as RA01.
	#[arg(long)]
	disease: String,
	/// The first day: YYYY-MM-DD, a day number, today or yesterday.
	#[arg(long)]
	from: String,
	/// The last day (default: yesterday, the last complete day).
	#[arg(long, default_value = "yesterday")]
	to: String,
	/// The serial interval's mean in days, for Rt (with --si-sd).
	#[arg(long, requires = "si_sd")]
	si_mean: Option<f64>,
	/// The serial interval's standard deviation in days.
	#[arg(long, requires = "si_mean")]
	si_sd: Option<f64>,
	/// Rt: the days of each sliding window.
	#[arg(long, default_value_t = 7)]
	window: usize,
}

pub async fn run(session: &Session, args: CompareArgs) -> Result<Output, Error> {
	let places = args.places.iter().map(|w| w.parse()).collect::<Result<Vec<Place>, _>>()?;
	let (from, to) = (period::parse(&args.from)?, period::parse(&args.to)?);
	let serial = match (args.si_mean, args.si_sd) {
		(Some(mean), Some(sd)) => Some(rt::SerialInterval::Parametric { mean, sd }),
		_ => None,
	};
	let comparison = session
		.client
		.compare(&places, &args.disease, (from, to), serial.as_ref(), args.window)
		.await?;
	Ok(output(&comparison))
}

fn output(c: &Comparison) -> Output {
	let mut lines = vec![format!(
		"{} from {} to {}, read at finalized block #{} ({:?})",
		c.disease,
		period::date(c.from),
		period::date(c.to),
		c.number,
		c.block
	)];
	for f in &c.places {
		lines.extend(place_lines(f, c.completeness_day));
	}
	let places: Vec<_> = c.places.iter().map(|f| place_json(f, c.from)).collect();
	let json = json!({
		"disease": c.disease, "from": c.from, "to": c.to,
		"block": format!("{:?}", c.block), "number": c.number, "places": places,
	});
	Output::new(lines.join("\n"), json)
}

fn place_lines(f: &Figures, day: u32) -> Vec<String> {
	let population = match &f.population {
		Some(p) => format!("population {} ({}, {})", p.people, p.year, p.source),
		None => "no population on chain".into(),
	};
	let rate = match &f.rate {
		Ok(r) => format!("{:.2} per 100,000 (95% {:.2} to {:.2})", r.rate, r.lower, r.upper),
		Err(why) => format!("no rate: {why}"),
	};
	let mut lines = vec![
		format!("{}: {} confirmed; {population}", f.place, f.cases),
		format!("  incidence {rate}"),
	];
	match &f.rt {
		Some(Ok(e)) => lines.push(format!(
			"  Rt {:.2} (95% {:.2} to {:.2}) over the last window",
			e.mean, e.quantiles[0], e.quantiles[6]
		)),
		Some(Err(why)) => lines.push(format!("  no Rt: {why}")),
		None => {},
	}
	lines.push(match &f.growth {
		Ok(g) => format!("  growth {:+.4} a day (95% {:+.4} to {:+.4})", g.rate, g.lower, g.upper),
		Err(why) => format!("  no growth rate: {why}"),
	});
	lines.push(match &f.completeness {
		Ok(k) => format!(
			"  completeness on {}: {} of {} facilities reported ({} on time), {} clusters",
			period::date(day),
			k.reported,
			k.expected,
			k.on_time,
			k.clusters
		),
		Err(why) => format!("  no completeness: {why}"),
	});
	lines
}

fn place_json(f: &Figures, from: u32) -> serde_json::Value {
	let why = |e: &String| json!({ "unavailable": e });
	json!({
		"place": f.place.to_string(),
		"population": f.population,
		"cases": f.cases,
		"rate": match &f.rate {
			Ok(r) => json!({ "per": r.per, "rate": r.rate, "lower": r.lower, "upper": r.upper }),
			Err(e) => why(e),
		},
		"rt": match &f.rt {
			Some(Ok(e)) => json!({ "from": from + e.start as u32, "to": from + e.end as u32, "mean": e.mean,
				"lower": e.quantiles[0], "upper": e.quantiles[6] }),
			Some(Err(e)) => why(e),
			None => serde_json::Value::Null,
		},
		"growth": match &f.growth {
			Ok(g) => json!({ "rate": g.rate, "lower": g.lower, "upper": g.upper }),
			Err(e) => why(e),
		},
		"completeness": match &f.completeness {
			Ok(k) => json!(k),
			Err(e) => why(e),
		},
	})
}
