//! Times each signal over a year of daily counts for one region and disease (Farrington over
//! a year of weeks, each against the five years before it), as the client computes it after
//! reading the series: `cargo run --release -p healthnet-analysis --example
//! year`. Each method runs `ROUNDS` times over the same 366 days (a seasonal curve with an
//! outbreak and lineage counts, made up and fixed); the baseline, measured in the same run, is
//! one pass that only sums the series, so the figures read as multiples of touching every day
//! once. docs/PERFORMANCE.md quotes a run.

use std::{hint::black_box, time::Instant};

use healthnet_analysis::{ears, farrington, growth, lineage, rate, rt};

const ROUNDS: u32 = 200;

fn time(what: &str, baseline: Option<f64>, mut run: impl FnMut()) -> f64 {
	run();
	let start = Instant::now();
	for _ in 0..ROUNDS {
		run();
	}
	let micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);
	match baseline {
		Some(base) => {
			println!("{what:<40} {micros:>10.1} µs   {:>8.0}× the baseline", micros / base)
		},
		None => println!("{what:<40} {micros:>10.3} µs   (baseline)"),
	}
	micros
}

fn main() {
	let days: Vec<f64> = (0..366)
		.map(|d| {
			let season = 40.0 + 25.0 * (d as f64 * std::f64::consts::TAU / 365.0).sin();
			let outbreak = if (200..230).contains(&d) { 3.0 * (d - 199) as f64 } else { 0.0 };
			(season + outbreak + (d % 7) as f64).round()
		})
		.collect();
	let share: Vec<f64> =
		(0..366).map(|d| (days[d] / (1.0 + (6.0 - 0.03 * d as f64).exp())).round()).collect();
	println!("one region and disease, 366 days, {ROUNDS} rounds each:");
	let base = time("sum the series (the baseline)", None, || {
		black_box(black_box(&days).iter().sum::<f64>());
	});
	for method in [ears::Method::C1, ears::Method::C2, ears::Method::C3] {
		time(method.name(), Some(base), || {
			black_box(ears::evaluate(black_box(&days), method, ears::Options::default()).unwrap());
		});
	}
	let serial = rt::SerialInterval::Parametric { mean: 4.7, sd: 2.9 };
	time("Rt (Cori), weekly windows", Some(base), || {
		black_box(rt::cori(black_box(&days), &serial, &rt::Options::default()).unwrap());
	});
	time("growth rate over the last 14 days", Some(base), || {
		black_box(growth::growth(black_box(&days[352..]), 0.95).unwrap());
	});
	time("lineage advantage and flag", Some(base), || {
		black_box(lineage::advantage(black_box(&share), &days, 0.95).unwrap());
		black_box(lineage::flagged(&share, &days, &lineage::Flagging::default()).unwrap());
	});
	time("incidence per 100,000 over the year", Some(base), || {
		let cases = black_box(&days).iter().sum::<f64>() as u64;
		black_box(rate::incidence(cases, 61_095_297, rate::PER_100_000, 0.95).unwrap());
	});
	// Farrington reads weeks with five years and three weeks of history: six years and three
	// weeks of weeks (the same curve, a week being 7 days of it), the last 52 evaluated with
	// Noufaily's settings.
	let options = farrington::Options::noufaily();
	let weeks: Vec<f64> = (0..options.history() + 52)
		.map(|w| (0..7).map(|d| days[(w * 7 + d) % 366]).sum())
		.collect();
	time("Farrington flexible, the last 52 of 315 weeks", Some(base), || {
		let range = weeks.len() - 52..weeks.len();
		black_box(farrington::evaluate(black_box(&weeks), range, &options).unwrap());
	});
}
