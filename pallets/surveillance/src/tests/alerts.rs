//! Alerts follow thresholds as well as counts, thresholds have owners, and reading or expiring
//! alerts touches only the alerts concerned.

use super::*;
use crate::{AlertExpiryCursor, AlertsWithin};
use frame_support::traits::{Hooks, UnfilteredDispatchable};

fn report(account: u64, period: u32, confirmed: u32) -> DispatchResultWithPostInfo {
	Surveillance::submit_report(
		RuntimeOrigin::signed(account),
		code(COVID),
		period,
		counts(confirmed),
		Default::default(),
	)
}

/// The (region, period) of every open alert, in order.
fn open() -> Vec<(Vec<u8>, u32)> {
	let mut alerts: Vec<_> = OpenAlerts::<Test>::iter_keys()
		.map(|(region, _, _, period)| (region.into_inner(), period))
		.collect();
	alerts.sort();
	alerts
}

fn alert_events() -> (usize, usize, usize) {
	System::events().into_iter().fold((0, 0, 0), |(opened, cleared, expired), record| match record
		.event
	{
		RuntimeEvent::Surveillance(Event::OutbreakAlert { .. }) => (opened + 1, cleared, expired),
		RuntimeEvent::Surveillance(Event::AlertCleared { .. }) => (opened, cleared + 1, expired),
		RuntimeEvent::Surveillance(Event::AlertExpired { .. }) => (opened, cleared, expired + 1),
		_ => (opened, cleared, expired),
	})
}

#[test]
fn setting_raising_lowering_and_removing_a_threshold_settles_its_alerts() {
	new_test_ext().execute_with(|| {
		assert_ok!(report(40, TODAY - 1, 7));
		assert_ok!(report(40, TODAY - 3, 5));
		// A period outside the alert window opens no alert, whatever its count.
		assert_ok!(report(40, TODAY - 40, 50));
		assert_eq!(open(), vec![]);

		assert_ok!(threshold(20, b"IN-KA", 5));
		assert_eq!(open(), vec![], "settled at the block's end");
		next_block();
		let karnataka = b"IN-KA".to_vec();
		assert_eq!(open(), vec![(karnataka.clone(), TODAY - 3), (karnataka.clone(), TODAY - 1)]);
		System::assert_has_event(
			Event::OutbreakAlert {
				region: region(b"IN-KA"),
				disease: code(COVID),
				lineage: None,
				period: TODAY - 1,
				confirmed: 7,
				threshold: 5,
			}
			.into(),
		);
		assert_eq!(alert_events(), (2, 0, 0));

		assert_ok!(threshold(20, b"IN-KA", 6));
		next_block();
		assert_eq!(open(), vec![(karnataka.clone(), TODAY - 1)]);
		assert_eq!(
			OpenAlerts::<Test>::get((
				region(b"IN-KA"),
				code(COVID),
				None::<crate::Lineage<Test>>,
				TODAY - 1
			)),
			Some((7, 6))
		);
		assert_eq!(alert_events(), (2, 1, 0));

		assert_ok!(threshold(20, b"IN-KA", 5));
		next_block();
		assert_eq!(open().len(), 2);
		assert_ok!(threshold(20, b"IN-KA", 0));
		next_block();
		assert_eq!(open(), vec![]);
		assert_eq!(alert_events(), (3, 3, 0));
		assert_eq!(AlertsWithin::<Test>::iter().count(), 0, "no index entry outlives its alert");
	});
}

#[test]
fn a_threshold_is_changed_only_by_its_setter_or_an_authority_above_it() {
	new_test_ext().execute_with(|| {
		// India's national authority sets Karnataka's threshold; Karnataka cannot switch it off.
		assert_ok!(threshold(10, b"IN-KA", 20));
		assert_noop!(threshold(20, b"IN-KA", 0), Error::<Test>::ThresholdOwnedAbove);
		assert_noop!(threshold(20, b"IN-KA", 1000), Error::<Test>::ThresholdOwnedAbove);
		assert_ok!(threshold(10, b"IN-KA", 30));
		System::assert_last_event(
			Event::ThresholdSet {
				region: region(b"IN-KA"),
				disease: code(COVID),
				lineage: None,
				confirmed: 30,
				by: 0,
			}
			.into(),
		);
		// Karnataka's own threshold for Bengaluru: it changes it, and so may India above it.
		assert_ok!(threshold(20, b"IN-KA-BLR", 5));
		assert_ok!(threshold(20, b"IN-KA-BLR", 6));
		assert_ok!(threshold(10, b"IN-KA-BLR", 8));
		assert_noop!(threshold(20, b"IN-KA-BLR", 0), Error::<Test>::ThresholdOwnedAbove);
		assert_ok!(threshold(10, b"IN-KA-BLR", 0));
		// A removed threshold has no owner.
		assert_ok!(threshold(20, b"IN-KA-BLR", 5));
	});
}

#[test]
fn reading_a_regions_alerts_reads_only_that_region_and_the_regions_inside_it() {
	new_test_ext().execute_with(|| {
		assert_ok!(threshold(20, b"IN-KA-BLR", 1));
		assert_ok!(threshold(20, b"IN-KA-MYS", 1));
		assert_ok!(report(40, TODAY - 1, 3));
		assert_ok!(report(70, TODAY - 1, 3));
		next_block();
		let regions = |code: &[u8]| -> Vec<Vec<u8>> {
			Surveillance::open_alerts(code.to_vec(), None, 100)
				.items
				.into_iter()
				.map(|a| a.region)
				.collect()
		};
		assert_eq!(regions(b"IN-KA-BLR"), vec![b"IN-KA-BLR".to_vec()]);
		assert_eq!(regions(b"IN-KA").len(), 2);
		assert_eq!(regions(b"").len(), 2);
		assert_eq!(regions(b"IN-KL"), Vec::<Vec<u8>>::new());
		// Bengaluru's index holds its own alert and nothing of Mysuru's.
		assert_eq!(AlertsWithin::<Test>::iter_prefix(region(b"IN-KA-BLR")).count(), 1);
		assert_eq!(AlertsWithin::<Test>::iter_prefix(region(b"IN-KL")).count(), 0);
	});
}

#[test]
fn alerts_of_periods_that_leave_the_window_close_by_themselves_a_few_per_block() {
	new_test_ext().execute_with(|| {
		Surveillance::on_initialize(1);
		assert_ok!(threshold(20, b"IN-KA", 1));
		assert_ok!(threshold(20, b"IN-KA-BLR", 1));
		for period in [TODAY - 2, TODAY - 1, TODAY] {
			assert_ok!(report(40, period, 2));
		}
		assert_eq!(open(), vec![], "the block's reports open alerts at its end");
		next_block();
		assert_eq!(open().len(), 6);
		Surveillance::on_initialize(2);
		assert_eq!(open().len(), 6, "nothing has expired yet");

		// 28 days on, the window (28 days) starts at TODAY: the alerts of TODAY - 2 and
		// TODAY - 1 expire. Each block takes at most four steps (the mock's limit), an alert
		// closed or a period found empty, from where the expiry stood (TODAY - 28).
		set_now(TODAY + 28, 0);
		Surveillance::on_initialize(3);
		assert_eq!(AlertExpiryCursor::<Test>::get(), Some(TODAY - 28 + 4));
		for block in 4..20 {
			Surveillance::on_initialize(block);
		}
		assert_eq!(open(), vec![(b"IN-KA".to_vec(), TODAY), (b"IN-KA-BLR".to_vec(), TODAY)]);
		assert_eq!(alert_events().2, 4);
		assert_eq!(AlertExpiryCursor::<Test>::get(), Some(TODAY));
		assert_eq!(AlertsWithin::<Test>::iter().count(), 3 + 4, "an entry per level of each alert");
		// An amendment of an expired period opens nothing again.
		assert_ok!(amend_period(40, TODAY - 1, 5));
		next_block();
		assert_eq!(open().len(), 2);
	});
}

fn amend_period(account: u64, period: u32, confirmed: u32) -> DispatchResultWithPostInfo {
	Surveillance::amend_report(
		RuntimeOrigin::signed(account),
		FACILITIES[0],
		code(COVID),
		period,
		counts(confirmed),
		Default::default(),
	)
}

/// The weight of a submission without variants, its share of the roll-up aside.
fn submitted() -> frame_support::weights::Weight {
	<() as WeightInfo>::submit_report(0)
}

#[test]
fn a_report_pays_its_keys_roll_up_once_and_the_alerts_of_the_levels_with_a_threshold() {
	use frame_support::dispatch::{GetDispatchInfo, Pays, PostDispatchInfo};
	new_test_ext().execute_with(|| {
		let call = |period, confirmed| crate::Call::<Test>::submit_report {
			disease: code(COVID),
			period,
			counts: counts(confirmed),
			variants: Default::default(),
		};
		let send = |account: u64, period, confirmed| -> PostDispatchInfo {
			call(period, confirmed).dispatch_bypass_filter(RuntimeOrigin::signed(account)).unwrap()
		};
		// Charged up front as the first of the block to touch its key, with an alert to settle
		// at every level: the world and three below.
		let declared = call(TODAY, 5).get_dispatch_info().call_weight;
		assert_eq!(declared, submitted() + roll_up_share(1, 0, LEVELS));

		// The first report of Bengaluru's cases of today pays for their roll-up; another
		// facility's, counted in the same place, adds to it for nothing more.
		let first = send(40, TODAY, 5);
		assert_eq!(first.actual_weight, Some(submitted() + roll_up_share(1, 0, 0)));
		assert_eq!(first.pays_fee, Pays::Yes);
		assert_eq!(send(50, TODAY, 5).actual_weight, Some(submitted()));

		// Yesterday Karnataka had no cases: the first report to reach its level pays for
		// settling that alert, and only that one; the next pays for neither.
		assert_ok!(threshold(20, b"IN-KA", 1));
		let opening = send(50, TODAY - 1, 5).actual_weight.unwrap();
		assert_eq!(opening, submitted() + roll_up_share(1, 0, 1));
		let quiet = submitted() + roll_up_share(1, 0, 0);
		assert!(opening.any_gt(quiet), "settling an alert costs more: {opening:?} {quiet:?}");
		assert_eq!(send(60, TODAY - 1, 5).actual_weight, Some(submitted()));

		// Under Karnataka's threshold no alert opens, but the level is settled and paid for.
		let under = send(50, TODAY - 2, 0);
		assert_eq!(under.actual_weight, Some(submitted() + roll_up_share(1, 0, 1)));
		next_block();
		let alert = |period| {
			OpenAlerts::<Test>::get((
				region(b"IN-KA"),
				code(COVID),
				None::<crate::Lineage<Test>>,
				period,
			))
		};
		assert_eq!((alert(TODAY - 1), alert(TODAY - 2)), (Some((10, 1)), None));
	});
}

// Thresholds and alerts.

#[test]
fn crossing_a_threshold_raises_one_alert_per_crossing() {
	new_test_ext().execute_with(|| {
		assert_ok!(Surveillance::set_threshold(
			RuntimeOrigin::signed(20),
			region(b"IN-KA"),
			code(COVID),
			None,
			10
		));
		let alerts = || {
			System::events()
				.into_iter()
				.filter(|record| {
					matches!(record.event, RuntimeEvent::Surveillance(Event::OutbreakAlert { .. }))
				})
				.count()
		};
		assert_ok!(submit(40, 6));
		next_block();
		assert_eq!(alerts(), 0);
		assert_ok!(submit(50, 4));
		assert_eq!(alerts(), 0, "the block's reports are judged at its end");
		next_block();
		System::assert_has_event(
			Event::OutbreakAlert {
				region: b"IN-KA".to_vec().try_into().unwrap(),
				disease: code(COVID).try_into().unwrap(),
				lineage: None,
				period: TODAY - 1,
				confirmed: 10,
				threshold: 10,
			}
			.into(),
		);
		assert_ok!(submit(60, 3));
		next_block();
		assert_eq!(alerts(), 1, "still above: no second alert");
		assert_eq!(Surveillance::open_alerts(b"IN".to_vec(), None, 100).items.len(), 1);
		assert_eq!(Surveillance::open_alerts(b"IN-KL".to_vec(), None, 100).items.len(), 0);
		// An amendment takes it under, another over again: a second crossing.
		assert_ok!(amend(60, FACILITIES[2], 0));
		next_block();
		assert_eq!(OpenAlerts::<Test>::iter().count(), 1, "at 10, still at the threshold");
		assert_ok!(amend(50, FACILITIES[1], 0));
		next_block();
		assert!(OpenAlerts::<Test>::iter().next().is_none());
		assert_ok!(amend(50, FACILITIES[1], 4));
		next_block();
		assert_eq!(alerts(), 2);
	});
}

#[test]
fn thresholds_are_set_only_inside_the_authoritys_region() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Surveillance::set_threshold(
				RuntimeOrigin::signed(30),
				region(b"IN-KA"),
				code(COVID),
				None,
				1
			),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_noop!(
			Surveillance::set_threshold(
				RuntimeOrigin::signed(40),
				region(b"IN-KA-BLR"),
				code(COVID),
				None,
				1
			),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_noop!(
			Surveillance::set_threshold(
				RuntimeOrigin::signed(10),
				region(b"in"),
				code(COVID),
				None,
				1
			),
			Error::<Test>::MalformedRegionCode
		);
		assert_noop!(
			Surveillance::set_threshold(
				RuntimeOrigin::signed(10),
				region(b""),
				code(COVID),
				None,
				1
			),
			Error::<Test>::NotAuthorityForRegion
		);
	});
}
