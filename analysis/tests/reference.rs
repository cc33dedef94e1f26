//! Every point of the Rust signals against R's reference implementations on the packages' own
//! data sets, as `scripts/signals-reference` wrote them into `tests/fixtures/` (the versions
//! in `versions.csv`). Tolerances: 1e-9 relative for EARS and Rt's mean and sd (the same
//! arithmetic in double precision), 1e-7 for the growth rate and the lineage advantage (R's
//! `glm` stops its iterations at a relative deviance change of 1e-8), 1e-12 relative for Rt's quantiles (R's qgamma and
//! `quantile.rs`, both refined to the last digits), 1e-12 relative for
//! Farrington's expected counts, bounds, scores and dispersions (R's `glm` step for step, its
//! QR decomposition rewritten) and 1e-10 for its p-values (statrs' normal distribution function
//! is not R's), with its alarms and trends exact.

use healthnet_analysis::{ears, farrington, growth, lineage, rt};

/// The rows of fixture `name` as numbers, by column, without the header.
fn fixture(name: &str) -> (Vec<String>, Vec<Vec<f64>>) {
	let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
	let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
	let mut lines = text.lines();
	let header = lines.next().unwrap().split(',').map(str::to_owned).collect();
	let rows = lines
		.map(|l| {
			// R writes NA where it has no figure.
			l.split(',')
				.map(|v| match v {
					"NA" => f64::NAN,
					v => v.parse().unwrap_or_else(|_| panic!("{name}: {v}")),
				})
				.collect()
		})
		.collect();
	(header, rows)
}

fn column(name: &str) -> Vec<f64> {
	fixture(name).1.into_iter().map(|row| row[0]).collect()
}

fn close(ours: f64, theirs: f64, relative: f64, what: &str) {
	let scale = theirs.abs().max(1e-12);
	assert!(
		(ours - theirs).abs() <= relative * scale.max(1.0),
		"{what}: ours {ours}, R's {theirs}"
	);
}

#[test]
fn ears_matches_surveillance_on_salm_newport() {
	let series = column("salmNewport.csv");
	for (method, file) in [
		(ears::Method::C1, "ears-C1.csv"),
		(ears::Method::C2, "ears-C2.csv"),
		(ears::Method::C3, "ears-C3.csv"),
	] {
		let (_, rows) = fixture(file);
		let ours = ears::evaluate(&series, method, ears::Options::default()).unwrap();
		assert_eq!(ours.len(), rows.len(), "{file}: points");
		for (point, row) in ours.iter().zip(&rows) {
			let what = format!("{file} at {}", point.index);
			assert_eq!(point.index, row[0] as usize, "{what}");
			assert_eq!(point.observed, row[1], "{what}");
			close(point.upperbound, row[2], 1e-9, &what);
			assert_eq!(point.alarm, row[3] == 1.0, "{what}: alarm");
		}
		assert!(rows.iter().any(|r| r[3] == 1.0), "{file} has no alarm to compare");
	}
}

fn rt_matches(serial: rt::SerialInterval, file: &str) {
	let incidence = column("flu2009.csv");
	let (_, rows) = fixture(file);
	let ours = rt::cori(&incidence, &serial, &rt::Options::default()).unwrap();
	assert_eq!(ours.len(), rows.len(), "{file}: windows");
	for (estimate, row) in ours.iter().zip(&rows) {
		let what = format!("{file} window {}..{}", estimate.start, estimate.end);
		// EpiEstim counts days from 1.
		assert_eq!((estimate.start + 1, estimate.end + 1), (row[0] as usize, row[1] as usize));
		close(estimate.mean, row[2], 1e-9, &format!("{what}: mean"));
		close(estimate.sd, row[3], 1e-9, &format!("{what}: sd"));
		for (q, (ours, theirs)) in estimate.quantiles.iter().zip(&row[4..]).enumerate() {
			close(*ours, *theirs, 1e-12, &format!("{what}: quantile {}", rt::QUANTILES[q]));
		}
	}
}

#[test]
fn rt_matches_epiestim_with_a_parametric_serial_interval() {
	rt_matches(rt::SerialInterval::Parametric { mean: 2.6, sd: 1.5 }, "rt-parametric.csv");
}

#[test]
fn rt_matches_epiestim_with_a_discrete_serial_interval() {
	rt_matches(rt::SerialInterval::Discrete(column("flu2009-si.csv")), "rt-discrete.csv");
}

#[test]
fn the_growth_rate_matches_glm() {
	let incidence = column("flu2009.csv");
	let (_, rows) = fixture("growth.csv");
	let row = &rows[0];
	let (first, last) = (row[0] as usize, row[1] as usize);
	let ours = growth::growth(&incidence[first..=last], 0.95).unwrap();
	close(ours.rate, row[2], 1e-7, "rate");
	close(ours.se, row[3], 1e-7, "se");
	close(ours.lower, row[4], 1e-7, "lower");
	close(ours.upper, row[5], 1e-7, "upper");
	let (doubling, shortest, longest) = ours.doubling.expect("a rate above zero doubles");
	assert!(shortest < doubling && doubling < longest);
	close(doubling, std::f64::consts::LN_2 / row[2], 1e-7, "doubling");
}

#[test]
fn the_lineage_advantage_matches_glm() {
	let (_, counts) = fixture("lineage-counts.csv");
	let cases: Vec<f64> = counts.iter().map(|r| r[0]).collect();
	let totals: Vec<f64> = counts.iter().map(|r| r[1]).collect();
	let (_, rows) = fixture("lineage.csv");
	let ours = lineage::advantage(&cases, &totals, 0.95).unwrap();
	close(ours.slope, rows[0][0], 1e-7, "slope");
	close(ours.se, rows[0][1], 1e-7, "se");
	close(ours.lower, rows[0][2], 1e-7, "lower");
	close(ours.upper, rows[0][3], 1e-7, "upper");
}

/// The relative difference of ours from R's, below 1 in absolute terms; 0 when both are NA.
fn difference(ours: f64, theirs: f64, what: &str) -> f64 {
	assert_eq!(ours.is_nan(), theirs.is_nan(), "{what}: ours {ours}, R's {theirs}");
	if theirs.is_nan() {
		return 0.0;
	}
	(ours - theirs).abs() / theirs.abs().max(1.0)
}

#[test]
fn farrington_flexible_matches_surveillance_on_salm_newport() {
	use farrington::{Options, PowerTransform, ThresholdMethod};
	let series = column("salmNewport.csv");
	let original = Options::farrington();
	let half = Options {
		threshold_method: ThresholdMethod::Delta,
		powertrans: PowerTransform::Half,
		..Options::noufaily()
	};
	let none = Options { powertrans: PowerTransform::None, ..original };
	let muan = Options { threshold_method: ThresholdMethod::Muan, ..Options::noufaily() };
	// The largest relative difference of the model's figures, and of the p-values.
	let (mut model, mut p_values) = (0.0f64, 0.0f64);
	for (options, file) in [
		(Options::noufaily(), "farrington-noufaily.csv"),
		(muan, "farrington-noufaily-muan.csv"),
		(half, "farrington-noufaily-delta-half.csv"),
		(original, "farrington-original.csv"),
		(none, "farrington-original-none.csv"),
	] {
		let (header, rows) = fixture(file);
		assert_eq!(
			header.join(","),
			"index,observed,expected,upperbound,alarm,trend,score,pvalue,phi"
		);
		let first = rows[0][0] as usize;
		let ours = farrington::evaluate(&series, first..series.len(), &options).unwrap();
		assert_eq!(ours.len(), rows.len(), "{file}: points");
		for (point, row) in ours.iter().zip(&rows) {
			let what = format!("{file} at {}", point.index);
			assert_eq!((point.index, point.observed), (row[0] as usize, row[1]), "{what}");
			assert!(point.converged, "{what}");
			for (ours, theirs, figure) in [
				(point.expected, row[2], "expected"),
				(point.upperbound, row[3], "upperbound"),
				(point.score, row[6], "score"),
				(point.dispersion, row[8], "φ"),
			] {
				let difference = difference(ours, theirs, &format!("{what}: {figure}"));
				assert!(difference <= 1e-12, "{what}: {figure} ours {ours}, R's {theirs}");
				model = model.max(difference);
			}
			let difference = difference(point.p_value, row[7], &format!("{what}: p-value"));
			assert!(difference <= 1e-10, "{what}: p-value ours {}, R's {}", point.p_value, row[7]);
			p_values = p_values.max(difference);
			assert_eq!(point.alarm, row[4] == 1.0, "{what}: alarm");
			assert_eq!(point.trend, row[5] == 1.0, "{what}: trend");
		}
		assert!(rows.iter().any(|r| r[4] == 1.0), "{file} has no alarm to compare");
		assert!(rows.iter().any(|r| r[5] == 1.0), "{file} has no trend to compare");
		assert!(rows.iter().any(|r| r[3].is_nan()), "{file} has no week with too few cases");
	}
	println!("Farrington flexible, the largest relative differences from R: {model:e}, {p_values:e} for p-values");
}
