//! Rules that hold over any sequence of readings and thresholds: every area's level is what
//! its monitors' readings make it, and a region has an alert on exactly the days on which a
//! monitor in it reached its threshold (thresholds set before the readings).

use std::collections::BTreeMap;

use super::*;
use healthnet_primitives::environment::Statistic;
use proptest::prelude::*;

/// The monitors the sequences use, with their holders' areas: (monitor, relayer, holder,
/// areas).
fn monitors() -> [(u64, u64, OrgId, Vec<Area<&'static str>>); 3] {
	let blr = vec![
		Area::Cluster(CLUSTER),
		Area::Region("IN-KA-BLR"),
		Area::Region("IN-KA"),
		Area::Region("IN"),
		Area::Region(""),
	];
	let mys = vec![
		Area::Region("IN-KA-MYS"),
		Area::Region("IN-KA"),
		Area::Region("IN"),
		Area::Region(""),
	];
	[
		(PROBE, CLINIC_REPORTER, CLINIC, blr.clone()),
		(LAB_PROBE, account(LAB), LAB, blr),
		(MYSURU_PROBE, account(MYSURU_CLINIC), MYSURU_CLINIC, mys),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn levels_equal_their_readings_and_alerts_match_thresholds(
		calls in prop::collection::vec((0usize..3, 0u32..5, 0u32..500, 0u32..500), 1..40),
		ka_max in 100u32..600,
		blr_mean in 50u32..300,
	) {
		new_test_ext().execute_with(|| {
			assert_ok!(Environment::set_level_threshold(RuntimeOrigin::signed(account(KARNATAKA)), region("IN-KA"), Measure::GammaDoseRate, Statistic::DailyMax, ka_max));
			assert_ok!(Environment::set_level_threshold(RuntimeOrigin::signed(account(BENGALURU)), region("IN-KA-BLR"), Measure::GammaDoseRate, Statistic::DailyMean, blr_mean));
			let monitors = monitors();
			let mut taken = BTreeMap::new();
			for (which, back, a, b) in calls {
				let (monitor, relayer, holder, _) = &monitors[which];
				let (mean, max) = (a.min(b), a.max(b));
				let result = record(*relayer, *monitor, vec![gamma(DAY - back, mean, max)]);
				if taken.contains_key(&(which, back)) {
					prop_assert_eq!(result, Err(Error::<Test>::ReadingExists.into()));
				} else {
					prop_assert_eq!(result, Ok(()));
					taken.insert((which, back), (mean, max, *holder));
				}
			}
			for back in 0..5 {
				let day = DAY - back;
				let mut expected = BTreeMap::<Area<&str>, AreaLevel>::new();
				for ((which, _), (mean, max, holder)) in taken.iter().filter(|((_, b), _)| *b == back) {
					for area in &monitors[*which].3 {
						let reading = gamma(day, *mean, *max);
						expected.entry(area.clone()).or_default().add(&reading, *holder);
					}
				}
				for area in [Area::Cluster(CLUSTER), Area::Region("IN-KA-BLR"), Area::Region("IN-KA-MYS"), Area::Region("IN-KA"), Area::Region("IN"), Area::Region("")] {
					let want = expected.get(&area).copied().unwrap_or_default();
					let got = level(area.clone(), Measure::GammaDoseRate, day);
					// The holder named is the first to reach the highest value: the same
					// whatever order the areas were filled in, since readings arrive in one order.
					prop_assert_eq!((got.monitors, got.sum_of_means, got.highest_mean, got.highest_max), (want.monitors, want.sum_of_means, want.highest_mean, want.highest_max));
				}
				let ka = expected.get(&Area::Region("IN-KA")).map(|l| l.highest_max).unwrap_or(0);
				let ka_alert = Alerts::<Test>::get((region("IN-KA"), Measure::GammaDoseRate, day));
				prop_assert_eq!(ka_alert.map(|a| a.value), (ka >= ka_max).then_some(ka));
				let blr = expected.get(&Area::Region("IN-KA-BLR")).map(|l| l.highest_mean).unwrap_or(0);
				let blr_alert = Alerts::<Test>::get((region("IN-KA-BLR"), Measure::GammaDoseRate, day));
				prop_assert_eq!(blr_alert.map(|a| a.value), (blr >= blr_mean).then_some(blr));
				prop_assert!(Alerts::<Test>::get((region("IN"), Measure::GammaDoseRate, day)).is_none());
			}
			Ok(())
		})?;
	}
}
