//! `record_readings`: who may relay, what a reading may say, and where it rolls up.

use super::*;
use healthnet_primitives::instruments::InstrumentKind;

#[test]
fn a_reading_rolls_up_to_its_cluster_and_every_region_above() {
	new_test_ext().execute_with(|| {
		assert_ok!(record(CLINIC_REPORTER, PROBE, vec![gamma(DAY, 95, 130)]));
		assert_ok!(record(account(LAB), LAB_PROBE, vec![gamma(DAY, 105, 180)]));
		assert_ok!(record(account(MYSURU_CLINIC), MYSURU_PROBE, vec![gamma(DAY, 80, 90)]));

		let both = AreaLevel {
			monitors: 2,
			sum_of_means: 200,
			highest_mean: 105,
			highest_mean_at: LAB,
			highest_max: 180,
			highest_max_at: LAB,
		};
		assert_eq!(level(Area::Cluster(CLUSTER), Measure::GammaDoseRate, DAY), both);
		assert_eq!(level(Area::Region("IN-KA-BLR"), Measure::GammaDoseRate, DAY), both);
		let three = AreaLevel { monitors: 3, sum_of_means: 280, ..both };
		for code in ["IN-KA", "IN", ""] {
			assert_eq!(level(Area::Region(code), Measure::GammaDoseRate, DAY), three);
		}
		assert_eq!(three.mean(), Some(93));
		assert_eq!(level(Area::Region("IN-KA-MYS"), Measure::GammaDoseRate, DAY).monitors, 1);
		assert_eq!(level(Area::Region("IN-KL"), Measure::GammaDoseRate, DAY).monitors, 0);
		assert_eq!(level(Area::Region("IN"), Measure::Pm25, DAY).monitors, 0);
		assert_eq!(
			Readings::<Test>::get((PROBE, Measure::GammaDoseRate, DAY)),
			Some(ReadingValues { mean: 95, max: 130, hours: 24 })
		);
		System::assert_last_event(
			Event::ReadingsRecorded { monitor: MYSURU_PROBE, holder: MYSURU_CLINIC, readings: 1 }
				.into(),
		);
	});
}

#[test]
fn a_day_of_a_monitor_is_taken_once_so_a_replay_changes_nothing() {
	new_test_ext().execute_with(|| {
		let (batch, signature) = signed(PROBE, vec![gamma(DAY, 95, 130)]);
		assert_ok!(Environment::record_readings(
			RuntimeOrigin::signed(CLINIC_REPORTER),
			batch.clone(),
			signature.clone()
		));
		assert_noop!(
			Environment::record_readings(RuntimeOrigin::signed(CLINIC_REPORTER), batch, signature),
			Error::<Test>::ReadingExists
		);
		assert_noop!(
			record(CLINIC_REPORTER, PROBE, vec![gamma(DAY, 10, 10)]),
			Error::<Test>::ReadingExists
		);
		assert_noop!(
			record(CLINIC_REPORTER, PROBE, vec![gamma(DAY - 1, 90, 99), gamma(DAY - 1, 1, 1)]),
			Error::<Test>::ReadingExists
		);
		// Another measure of the same day is another reading.
		assert_ok!(record(CLINIC_REPORTER, AIR, vec![pm25(DAY, 12_400, 30_000)]));
	});
}

#[test]
fn only_a_reporter_of_the_monitors_active_holder_relays() {
	new_test_ext().execute_with(|| {
		let readings = || vec![gamma(DAY, 95, 130)];
		assert_noop!(record(999, PROBE, readings()), Error::<Test>::NotAMember);
		assert_noop!(record(account(LAB), PROBE, readings()), Error::<Test>::NotAReporter);
		assert_noop!(record(account(KARNATAKA), PROBE, readings()), Error::<Test>::NotAReporter);
		testing::add_with_roles(42, CLINIC, Roles::of(&[Role::KeyOfficer]));
		assert_noop!(record(42, PROBE, readings()), Error::<Test>::NotAReporter);
		// An organisation whose authority withdrew its right to report relays nothing.
		testing::update(CLINIC, |org| org.capabilities = Default::default());
		assert_noop!(record(CLINIC_REPORTER, PROBE, readings()), Error::<Test>::CannotReportCases);
		testing::update(CLINIC, |org| org.active = false);
		assert_noop!(
			record(CLINIC_REPORTER, PROBE, readings()),
			Error::<Test>::OrganisationNotActive
		);
	});
}

#[test]
fn only_an_active_monitor_of_the_measure_signs_for_this_chain() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			record(CLINIC_REPORTER, 777, vec![gamma(DAY, 1, 1)]),
			Error::<Test>::UnknownMonitor
		);
		assert_noop!(
			record(CLINIC_REPORTER, AIR, vec![gamma(DAY, 1, 1)]),
			Error::<Test>::MeasureNotOfMonitorKind
		);
		assert_noop!(
			record(CLINIC_REPORTER, ANALYSER, vec![gamma(DAY, 1, 1)]),
			Error::<Test>::MeasureNotOfMonitorKind
		);
		let (mut batch, signature) = signed(PROBE, vec![gamma(DAY, 95, 130)]);
		batch.readings[0].max = 131;
		assert_noop!(
			Environment::record_readings(RuntimeOrigin::signed(CLINIC_REPORTER), batch, signature),
			Error::<Test>::BadSignature
		);
		let (mut batch, _) = signed(PROBE, vec![gamma(DAY, 95, 130)]);
		batch.genesis = Default::default();
		batch.genesis.0[0] = 1;
		let signature = TestSignature(PROBE, reading_batch_message(&batch));
		assert_noop!(
			Environment::record_readings(RuntimeOrigin::signed(CLINIC_REPORTER), batch, signature),
			Error::<Test>::WrongChain
		);
		update_instrument(PROBE, |info| info.active = false);
		assert_noop!(
			record(CLINIC_REPORTER, PROBE, vec![gamma(DAY, 95, 130)]),
			Error::<Test>::MonitorNotActive
		);
		// Reinstated yesterday: nothing dated while it was suspended counts.
		update_instrument(PROBE, |info| (info.active, info.counts_from) = (true, DAY));
		assert_noop!(
			record(CLINIC_REPORTER, PROBE, vec![gamma(DAY - 1, 95, 130)]),
			Error::<Test>::DayTooOld
		);
		assert_ok!(record(CLINIC_REPORTER, PROBE, vec![gamma(DAY, 95, 130)]));
	});
}

#[test]
fn a_reading_says_something_possible() {
	new_test_ext().execute_with(|| {
		let refused = |reading, error: Error<Test>| {
			assert_noop!(record(CLINIC_REPORTER, PROBE, vec![reading]), error);
		};
		refused(gamma(TODAY, 95, 130), Error::<Test>::DayNotOver);
		refused(gamma(TODAY + 1, 95, 130), Error::<Test>::DayNotOver);
		refused(gamma(TODAY - 31, 95, 130), Error::<Test>::DayTooOld);
		refused(gamma(DAY, 131, 130), Error::<Test>::MeanAboveMax);
		refused(Reading { hours: 17, ..gamma(DAY, 95, 130) }, Error::<Test>::BadHourCount);
		refused(Reading { hours: 25, ..gamma(DAY, 95, 130) }, Error::<Test>::BadHourCount);
		assert_noop!(record(CLINIC_REPORTER, PROBE, vec![]), Error::<Test>::EmptyBatch);
		// One bad reading refuses its whole batch.
		assert_noop!(
			record(CLINIC_REPORTER, PROBE, vec![gamma(DAY - 1, 95, 130), gamma(TODAY, 1, 1)]),
			Error::<Test>::DayNotOver
		);
		assert_ok!(record(CLINIC_REPORTER, PROBE, vec![gamma(TODAY - 30, 95, 130)]));
		assert_ok!(record(
			CLINIC_REPORTER,
			PROBE,
			vec![Reading { hours: 18, ..gamma(DAY, 95, 130) }]
		));
	});
}

#[test]
fn a_holder_without_a_region_has_nowhere_to_roll_up() {
	new_test_ext().execute_with(|| {
		testing::update(CLINIC, |org| org.region = b"in-ka".to_vec());
		register(960, CLINIC, InstrumentKind::GammaDoseRateMonitor);
		// The stand-in registry keeps any code; one too long for the pallet's bound is none.
		testing::update(CLINIC, |org| org.region = vec![b'A'; 17]);
		assert_noop!(
			record(CLINIC_REPORTER, 960, vec![gamma(DAY, 1, 1)]),
			Error::<Test>::HolderWithoutRegion
		);
	});
}
