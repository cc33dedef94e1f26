//! `set_level_threshold` and the alerts thresholds raise.

use super::*;
use healthnet_primitives::environment::{LevelAlert, Statistic};

fn set(by: u64, code: &str, measure: Measure, statistic: Statistic, level: u32) -> DispatchResult {
	Environment::set_level_threshold(
		RuntimeOrigin::signed(by),
		region(code),
		measure,
		statistic,
		level,
	)
}

#[test]
fn a_monitor_reaching_a_regions_threshold_raises_its_alert_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(set(
			account(KARNATAKA),
			"IN-KA",
			Measure::GammaDoseRate,
			Statistic::DailyMax,
			300
		));
		assert_ok!(set(
			account(BENGALURU),
			"IN-KA-BLR",
			Measure::GammaDoseRate,
			Statistic::DailyMean,
			200
		));
		assert_ok!(record(CLINIC_REPORTER, PROBE, vec![gamma(DAY, 95, 299)]));
		assert_eq!(Alerts::<Test>::iter().count(), 0);

		assert_ok!(record(account(LAB), LAB_PROBE, vec![gamma(DAY, 110, 450)]));
		let threshold =
			LevelThreshold { statistic: Statistic::DailyMax, level: 300, set_by: KARNATAKA };
		assert_eq!(
			Alerts::<Test>::get((region("IN-KA"), Measure::GammaDoseRate, DAY)),
			Some(LevelAlert { value: 450, threshold, holder: LAB })
		);
		System::assert_has_event(
			Event::LevelAlertRaised {
				region: region("IN-KA"),
				measure: Measure::GammaDoseRate,
				day: DAY,
				value: 450,
				level: 300,
				holder: LAB,
			}
			.into(),
		);
		// Bengaluru's threshold is on the daily mean, which no monitor reached.
		assert_eq!(Alerts::<Test>::get((region("IN-KA-BLR"), Measure::GammaDoseRate, DAY)), None);
		assert_eq!(Alerts::<Test>::iter().count(), 1);

		// A higher value raises the alert's value, without a second alert.
		let events = System::events().len();
		assert_ok!(record(account(MYSURU_CLINIC), MYSURU_PROBE, vec![gamma(DAY, 90, 900)]));
		assert_eq!(
			Alerts::<Test>::get((region("IN-KA"), Measure::GammaDoseRate, DAY)),
			Some(LevelAlert { value: 900, threshold, holder: MYSURU_CLINIC })
		);
		assert_eq!(System::events().len(), events + 1, "only ReadingsRecorded");
	});
}

#[test]
fn a_new_threshold_judges_the_days_just_past() {
	new_test_ext().execute_with(|| {
		assert_ok!(record(CLINIC_REPORTER, AIR, vec![pm25(DAY - 7, 61_000, 90_000)]));
		assert_ok!(record(CLINIC_REPORTER, AIR, vec![pm25(DAY - 6, 38_000, 70_000)]));
		assert_ok!(record(CLINIC_REPORTER, AIR, vec![pm25(DAY - 2, 12_000, 20_000)]));
		assert_ok!(set(
			account(BENGALURU),
			"IN-KA-BLR",
			Measure::Pm25,
			Statistic::DailyMean,
			15_000
		));
		let alerts: Vec<_> =
			Alerts::<Test>::iter().map(|((_, _, day), alert)| (day, alert.value)).collect();
		// The seven days before today: the day before them is not looked at.
		assert_eq!(alerts, vec![(DAY - 6, 38_000)]);
	});
}

#[test]
fn only_a_reviewer_of_an_authority_over_the_region_sets_its_threshold() {
	new_test_ext().execute_with(|| {
		let gamma_max = |by, code| set(by, code, Measure::GammaDoseRate, Statistic::DailyMax, 300);
		assert_noop!(gamma_max(account(KERALA), "IN-KA"), Error::<Test>::NotAuthorityForRegion);
		assert_noop!(gamma_max(account(CLINIC), "IN-KA-BLR"), Error::<Test>::NotAuthorityForRegion);
		assert_noop!(gamma_max(account(INDIA), ""), Error::<Test>::NotAuthorityForRegion);
		assert_noop!(gamma_max(KARNATAKA_OFFICER, "IN-KA"), Error::<Test>::NotAReviewer);
		assert_noop!(gamma_max(account(INDIA), "in-ka"), Error::<Test>::MalformedRegionCode);
		// Deeper than the registry's regions go: no monitor could ever reach it.
		assert_noop!(
			gamma_max(account(INDIA), "IN-KA-BLR-A-B"),
			Error::<Test>::MalformedRegionCode
		);
		assert_noop!(
			set(account(INDIA), "IN-KA", Measure::Pm25, Statistic::DailyMean, 0),
			Error::<Test>::NoThreshold
		);
		assert_ok!(gamma_max(account(WORLD), ""));
		testing::update(KARNATAKA, |org| org.active = false);
		assert_noop!(gamma_max(account(KARNATAKA), "IN-KA"), Error::<Test>::NotAuthorityForRegion);
	});
}

#[test]
fn a_threshold_set_above_is_changed_only_from_above() {
	new_test_ext().execute_with(|| {
		let blr =
			|by, level| set(by, "IN-KA-BLR", Measure::GammaDoseRate, Statistic::DailyMax, level);
		assert_ok!(blr(account(BENGALURU), 300));
		assert_ok!(blr(account(KARNATAKA), 250));
		assert_eq!(
			Thresholds::<Test>::get(region("IN-KA-BLR"), Measure::GammaDoseRate).map(|t| t.set_by),
			Some(KARNATAKA)
		);
		assert_noop!(blr(account(BENGALURU), 900), Error::<Test>::ThresholdOwnedAbove);
		assert_noop!(blr(account(BENGALURU), 0), Error::<Test>::ThresholdOwnedAbove);
		assert_ok!(blr(account(INDIA), 0));
		assert_eq!(Thresholds::<Test>::get(region("IN-KA-BLR"), Measure::GammaDoseRate), None);
		System::assert_last_event(
			Event::LevelThresholdSet {
				region: region("IN-KA-BLR"),
				measure: Measure::GammaDoseRate,
				statistic: Statistic::DailyMax,
				level: 0,
				by: INDIA,
			}
			.into(),
		);
	});
}

#[test]
fn apps_read_an_areas_days_with_their_alerts() {
	new_test_ext().execute_with(|| {
		assert_ok!(set(
			account(BENGALURU),
			"IN-KA-BLR",
			Measure::GammaDoseRate,
			Statistic::DailyMax,
			300
		));
		assert_ok!(record(
			CLINIC_REPORTER,
			PROBE,
			vec![gamma(DAY - 3, 95, 130), gamma(DAY, 95, 400)]
		));
		let days = Environment::levels_of(
			Area::Region(b"IN-KA-BLR".to_vec()),
			Measure::GammaDoseRate,
			DAY - 10,
			DAY,
		);
		assert_eq!(days.iter().map(|d| d.day).collect::<Vec<_>>(), vec![DAY - 3, DAY]);
		assert_eq!(days[0].alert, None);
		assert_eq!(days[1].alert.map(|a| a.value), Some(400));
		let cluster =
			Environment::levels_of(Area::Cluster(CLUSTER), Measure::GammaDoseRate, 0, u32::MAX);
		assert!(cluster.is_empty(), "a year at most from `from`");
		assert_eq!(Environment::readings_of(PROBE, Measure::GammaDoseRate, DAY - 3, DAY).len(), 2);
		assert_eq!(Environment::thresholds_of(b"IN-KA-BLR".to_vec()).len(), 1);
		assert!(
			Environment::levels_of(Area::Region(vec![b'A'; 40]), Measure::Pm25, 0, 1).is_empty()
		);
	});
}
