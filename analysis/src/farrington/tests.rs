use super::*;

/// Five years and a quarter of a steady seasonal series, never zero.
fn seasonal(weeks: usize) -> Vec<f64> {
	(0..weeks)
		.map(|t| {
			let season = (t as f64 * std::f64::consts::TAU / 52.0).sin();
			(8.0 + 4.0 * season + (t % 3) as f64).round()
		})
		.collect()
}

#[test]
fn a_series_too_short_for_b_years_says_how_many_weeks_it_needs() {
	let series = vec![3.0; 200];
	let error = evaluate(&series, 198..200, &Options::default()).unwrap_err();
	// 5 years of 52 weeks and a window of 3, then the 2 weeks evaluated.
	assert_eq!(error, Error::TooShort { method: "Farrington flexible", needs: 265, has: 200 });
	assert!(error.to_string().contains("needs at least 265 points"), "{error}");
	let shorter = Options { b: 3, ..Options::default() };
	assert_eq!(shorter.history(), 159);
	assert_eq!(evaluate(&series, 159..200, &shorter).unwrap().len(), 41);
}

#[test]
fn parameters_outside_what_the_method_accepts_are_refused_with_a_sentence() {
	let series = seasonal(300);
	let refused = |options: Options, words: &str| match evaluate(&series, 290..300, &options) {
		Err(Error::BadParameter(sentence)) => {
			assert!(sentence.contains(words), "{sentence} lacks {words}")
		},
		other => panic!("{options:?} gave {other:?}"),
	};
	for alpha in [0.0, 1.0, -0.1, f64::NAN] {
		refused(Options { alpha, ..Options::default() }, "α is a probability");
	}
	refused(Options { b: 0, ..Options::default() }, "at least 1 year");
	// A window wider than a year indexed past the end of its labels before it was refused.
	for w in [26, 60, usize::MAX] {
		refused(Options { w, ..Options::default() }, "w is at most 25");
	}
	refused(Options { no_periods: 0, ..Options::default() }, "at least 1 period");
	// Windows of 7 weeks leave 45 weeks a year: 47 periods would need 46 blocks.
	refused(Options { no_periods: 47, ..Options::default() }, "46 blocks");
	refused(Options { limit54: (5.0, 0), ..Options::default() }, "limit54");
	refused(Options { p_threshold_trend: 2.0, ..Options::default() }, "significance");
	refused(Options { past_weeks_not_included: Some(257), ..Options::default() }, "fewer than 257");
	assert!(evaluate(&series, 290..301, &Options::default()).is_err());
	let mut negative = series.clone();
	negative[10] = -1.0;
	assert!(matches!(
		evaluate(&negative, 290..300, &Options::default()),
		Err(Error::BadParameter(_))
	));
	assert!(evaluate(&series, 290..300, &Options { no_periods: 46, ..Options::default() }).is_ok());
}

#[test]
fn an_all_zero_history_alarms_at_any_count_once_the_recent_weeks_hold_enough_as_in_r() {
	let mut series = vec![0.0; 270];
	series[267..].copy_from_slice(&[3.0, 5.0, 7.0]);
	let points = evaluate(&series, 267..270, &Options::default()).unwrap();
	// R 4.2.2, surveillance 1.20.3: farringtonFlexible(sts(observed = matrix(x)),
	// control = list(range = 268:270)).
	let close = |ours: f64, theirs: f64| (ours - theirs).abs() <= 1e-9 * theirs.abs();
	let first = &points[0];
	assert!(first.converged && !first.alarm);
	assert!(first.upperbound.is_nan() && first.expected.is_nan(), "3 cases in 4 weeks: NA");
	assert!(close(first.score, 1859.2065386681923), "{first:?}");
	for (point, score) in points[1..].iter().zip([3098.677564448547, 4338.148590228901]) {
		assert!(point.alarm && !point.trend, "{point:?}");
		assert!(close(point.upperbound, 0.0016135915750188645), "{point:?}");
		assert!(close(point.expected, 3.775134544279456e-12), "{point:?}");
		assert!(close(point.score, score), "{point:?}");
		assert_eq!(point.dispersion, 1.0);
	}
	// With a seasonal factor the regression does not converge, in R neither: no figures.
	for point in evaluate(&series, 267..270, &Options::noufaily()).unwrap() {
		assert!(!point.converged && !point.alarm && point.upperbound.is_nan(), "{point:?}");
	}
}

#[test]
fn an_outbreak_above_the_season_alarms_and_ordinary_weeks_do_not() {
	let mut series = seasonal(300);
	let usual = series[290];
	series[290] = usual + 40.0;
	for options in [Options::default(), Options::farrington(), Options::noufaily()] {
		let points = evaluate(&series, 280..300, &options).unwrap();
		let alarms: Vec<usize> = points.iter().filter(|p| p.alarm).map(|p| p.index).collect();
		assert_eq!(alarms, [290], "{options:?}");
		let outbreak = &points[10];
		assert!(outbreak.observed > outbreak.upperbound && outbreak.p_value < 0.05);
		assert!(outbreak.expected < usual + 5.0, "{outbreak:?}");
	}
}
