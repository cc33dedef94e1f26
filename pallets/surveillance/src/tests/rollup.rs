//! The aggregates rolled up once per block: a report, an amendment, a rejection or a void only
//! adds to the block's pending changes, and the end of the block moves the cluster's and every
//! region level's totals and settles their alerts, once, and then the alert windows of the
//! thresholds the block set. The first change of the block to touch a place pays for its
//! roll-up; later ones do not.

use frame_support::traits::Hooks;
use frame_system::Phase;
use healthnet_primitives::surveillance::Totals;
use proptest::prelude::*;

use super::{
	decisions::{reject, void},
	*,
};
use crate::{
	ClusterLineages, FacilityTotals, PendingAlerts, PendingLineages, PendingTotals, RegionLineages,
	TotalsDelta,
};

const JN1: &[u8] = b"JN.1";
const XBB: &[u8] = b"XBB.1.5";
/// Every level Bengaluru's reports are counted in.
const BENGALURU_LEVELS: [&[u8]; 4] = [b"IN-KA-BLR", b"IN-KA", b"IN", b""];

/// `account` reports `confirmed` COVID-19 cases for `period`.
fn report(account: u64, period: u32, confirmed: u32) -> DispatchResultWithPostInfo {
	Surveillance::submit_report(
		RuntimeOrigin::signed(account),
		code(COVID),
		period,
		counts(confirmed),
		Default::default(),
	)
}

/// The weight a submission without variants used.
fn used(result: DispatchResultWithPostInfo) -> Weight {
	result.expect("the report is taken").actual_weight.expect("it says what it used")
}

/// What the block has pending for yesterday's COVID-19 cases of Bengaluru's cluster.
fn pending_in_bengaluru() -> Option<TotalsDelta> {
	PendingTotals::<Test>::get((Some(CLUSTER), region(b"IN-KA-BLR"), code(COVID), TODAY - 1))
}

/// The totals of `region` for yesterday's COVID-19 cases.
fn region_totals(region: &[u8]) -> Totals {
	RegionAggregates::<Test>::get((self::region(region), code(COVID), TODAY - 1))
}

/// Totals holding exactly one report of `confirmed` cases.
fn one_report(confirmed: u32) -> Totals {
	let mut totals = Totals::default();
	totals.apply(None, Some(&counts(confirmed)));
	totals
}

fn in_region(region: &[u8], name: &[u8]) -> Option<u64> {
	RegionLineages::<Test>::try_get((self::region(region), code(COVID), TODAY - 1, lineage(name)))
		.ok()
}

/// The alert events of the block so far, outbreaks and clearances.
fn alert_records() -> Vec<frame_system::EventRecord<RuntimeEvent, sp_core::H256>> {
	System::events()
		.into_iter()
		.filter(|record| {
			matches!(
				record.event,
				RuntimeEvent::Surveillance(
					Event::OutbreakAlert { .. } | Event::AlertCleared { .. }
				)
			)
		})
		.collect()
}

fn karnataka_alert() -> Option<(u64, u32)> {
	OpenAlerts::<Test>::get((
		region(b"IN-KA"),
		code(COVID),
		None::<crate::Lineage<Test>>,
		TODAY - 1,
	))
}

#[test]
fn totals_move_at_the_end_of_the_block_not_before() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 5));
		for level in BENGALURU_LEVELS {
			assert_eq!(region_totals(level), Totals::default(), "{level:?}");
		}
		assert_eq!(cluster_confirmed(), 0);
		assert_eq!(pending_in_bengaluru(), Some(TotalsDelta::between(None, Some(&counts(5)))));
		// The facility's own totals move at once: the next report's deaths are checked on them.
		assert_eq!(FacilityTotals::<Test>::get(FACILITIES[0], code(COVID)), (5, 0));

		next_block();
		for level in BENGALURU_LEVELS {
			assert_eq!(region_totals(level), one_report(5), "{level:?}");
		}
		assert_eq!(cluster_confirmed(), 5);
		assert_eq!(pending_in_bengaluru(), None);
	});
}

#[test]
fn the_blocks_changes_never_outlive_it() {
	new_test_ext().execute_with(|| {
		assert_ok!(threshold(20, b"IN-KA", 100));
		assert_ok!(submit_with(40, 5, &[(JN1, 3)]));
		assert_ok!(submit_with(70, 2, &[(JN1, 2)]));
		assert_eq!(PendingTotals::<Test>::iter().count(), 2, "Bengaluru's cluster and Mysuru");
		assert_eq!(PendingLineages::<Test>::iter().count(), 2);
		assert_eq!(PendingAlerts::<Test>::iter().count(), 1, "Karnataka's threshold, once");
		assert!(!Surveillance::nothing_pending());

		next_block();
		assert_eq!(PendingTotals::<Test>::iter().count(), 0);
		assert_eq!(PendingLineages::<Test>::iter().count(), 0);
		assert_eq!(PendingAlerts::<Test>::iter().count(), 0);
		assert!(Surveillance::nothing_pending());
		assert_eq!(region_confirmed(b"IN-KA"), 7);
	});
}

#[test]
fn reports_counted_in_one_place_are_rolled_up_once() {
	new_test_ext().execute_with(|| {
		// Two facilities of Bengaluru's cluster: the same cluster, region, disease and period.
		let first = used(submit(40, 5));
		assert_eq!(first, <() as WeightInfo>::submit_report(0) + roll_up_share(1, 0, 0));
		let second = used(submit(50, 7));
		assert_eq!(second, <() as WeightInfo>::submit_report(0), "no share of the roll-up");
		assert_eq!(PendingTotals::<Test>::iter().count(), 1);

		next_block();
		assert_eq!(cluster_confirmed(), 12);
		for level in BENGALURU_LEVELS {
			let totals = region_totals(level);
			assert_eq!((totals.confirmed, totals.reports), (12, 2), "{level:?}");
		}
	});
}

#[test]
fn an_amendment_in_the_block_of_its_submission_counts_only_its_last_version() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit_with(40, 5, &[(JN1, 3)]));
		assert_ok!(amend_with(40, FACILITIES[0], 9, &[(XBB, 2)]));
		next_block();
		for level in BENGALURU_LEVELS {
			assert_eq!(region_totals(level), one_report(9), "{level:?}");
			assert_eq!((in_region(level, JN1), in_region(level, XBB)), (None, Some(2)));
		}
		assert_eq!(
			ClusterAggregates::<Test>::get((CLUSTER, code(COVID), TODAY - 1)),
			one_report(9)
		);
		let in_cluster = |name| {
			ClusterLineages::<Test>::try_get((CLUSTER, code(COVID), TODAY - 1, lineage(name))).ok()
		};
		assert_eq!((in_cluster(JN1), in_cluster(XBB)), (None, Some(2)));
		// Both versions stay in the report's history.
		assert!(Surveillance::report_version(FACILITIES[0], &code(COVID), TODAY - 1, 1).is_some());
	});
}

#[test]
fn a_report_submitted_and_rejected_in_one_block_never_moves_the_totals() {
	new_test_ext().execute_with(|| {
		assert_ok!(threshold(20, b"IN-KA", 5));
		assert_ok!(submit(FACILITY, 7));
		assert_ok!(reject(20, FACILITIES[0]));
		next_block();
		for level in BENGALURU_LEVELS {
			let key = (region(level), code(COVID), TODAY - 1);
			assert!(!RegionAggregates::<Test>::contains_key(key), "{level:?}");
		}
		assert!(!ClusterAggregates::<Test>::contains_key((CLUSTER, code(COVID), TODAY - 1)));
		assert_eq!(FacilityTotals::<Test>::get(FACILITIES[0], code(COVID)), (0, 0));
		assert_eq!(karnataka_alert(), None);
		assert_eq!(alert_records(), vec![], "no alert opened, so none cleared");
	});
}

#[test]
fn a_rejection_and_a_void_go_through_the_blocks_changes() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 7));
		assert_ok!(submit(50, 3));
		next_block();

		assert_ok!(reject(20, FACILITIES[0]));
		let rejected = TotalsDelta::between(Some(&counts(7)), None);
		assert_eq!(pending_in_bengaluru(), Some(rejected));
		assert_ok!(void(20, FACILITIES[1]));
		let mut both = rejected;
		both.add(&TotalsDelta::between(Some(&counts(3)), None));
		assert_eq!(pending_in_bengaluru(), Some(both));
		assert_eq!((cluster_confirmed(), region_confirmed(b"IN")), (10, 10), "until the end");
		// The facilities' own totals leave at once.
		assert_eq!(FacilityTotals::<Test>::get(FACILITIES[1], code(COVID)), (0, 0));

		next_block();
		assert_eq!(cluster_confirmed(), 0);
		for level in BENGALURU_LEVELS {
			assert_eq!(region_totals(level), Totals::default(), "{level:?}");
		}
	});
}

#[test]
fn a_threshold_set_mid_block_is_settled_at_its_end_with_all_the_blocks_reports() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 7));
		assert_ok!(threshold(20, b"IN-KA", 5));
		// Written at once, but nothing is rolled up or settled before the block's end.
		assert_eq!(karnataka_alert(), None);
		assert_eq!(region_confirmed(b"IN-KA"), 0);
		assert!(pending_in_bengaluru().is_some());

		assert_ok!(submit(50, 1));
		System::note_finished_extrinsics();
		next_block();
		assert_eq!(karnataka_alert(), Some((8, 5)));
		let records = alert_records();
		assert_eq!(records.len(), 1, "one alert, over the block's 8 cases");
		assert_eq!(records[0].phase, Phase::Finalization);
		assert!(Surveillance::nothing_pending());

		// Removed mid-block, after a report that keeps the count above it: closed at the end.
		assert_ok!(submit(60, 2));
		assert_ok!(threshold(20, b"IN-KA", 0));
		next_block();
		assert_eq!(karnataka_alert(), None);
		assert_eq!(region_confirmed(b"IN-KA"), 10);
	});
}

#[test]
fn thresholds_set_mid_block_do_not_make_the_blocks_later_reports_pay_again() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 7));
		// A reviewer setting thresholds again and again in a block must not roll it up each
		// time: every report after it would pay its keys and levels once more.
		for confirmed in [5, 5, 6] {
			assert_ok!(threshold(20, b"IN-KA", confirmed));
		}
		let after = used(submit(50, 1));
		assert_eq!(after, <() as WeightInfo>::submit_report(0), "Bengaluru's key is paid");
		next_block();
		assert_eq!(karnataka_alert(), Some((8, 6)));
		assert_eq!(alert_records().len(), 1);
	});
}

#[test]
fn alerts_settle_once_a_block_with_the_final_count() {
	new_test_ext().execute_with(|| {
		assert_ok!(threshold(20, b"IN-KA", 5));
		next_block();
		// Each crosses the threshold; together they raise one alert, with their sum.
		assert_ok!(submit(40, 6));
		assert_ok!(submit(50, 4));
		assert_eq!(alert_records(), vec![]);
		System::note_finished_extrinsics();
		next_block();
		let records = alert_records();
		assert_eq!(records.len(), 1);
		assert_eq!(
			records[0].event,
			RuntimeEvent::Surveillance(Event::OutbreakAlert {
				region: region(b"IN-KA"),
				disease: code(COVID),
				lineage: None,
				period: TODAY - 1,
				confirmed: 10,
				threshold: 5,
			})
		);
		assert_eq!(records[0].phase, Phase::Finalization, "at the block's end, not in a report");
	});
}

#[test]
fn a_national_threshold_is_paid_once_a_block() {
	new_test_ext().execute_with(|| {
		assert_ok!(threshold(10, b"IN", 1));
		let submitted = <() as WeightInfo>::submit_report(0);
		// Bengaluru and Mysuru are counted in different places, both in India: each pays its
		// own key's roll-up, Mysuru only its district of the four levels (Karnataka, India and
		// the world are reached already), and only the first the settling of India's alert.
		assert_eq!(used(submit(40, 5)), submitted + roll_up_share(1, 0, 1));
		assert_eq!(used(submit(70, 3)), submitted + roll_up_share_reaching(1, 1, 0, 0));
		assert_eq!(used(submit(50, 2)), submitted);
		assert_eq!(PendingAlerts::<Test>::iter().count(), 1);

		next_block();
		let india = (region(b"IN"), code(COVID), None::<crate::Lineage<Test>>, TODAY - 1);
		assert_eq!(OpenAlerts::<Test>::get(india), Some((10, 1)));
		assert_eq!(alert_records().len(), 1);
	});
}

#[test]
fn a_cluster_move_mid_block_leaves_each_report_where_it_was_counted() {
	new_test_ext().execute_with(|| {
		assert_ok!(report(40, TODAY - 1, 5));
		set_cluster(FACILITIES[0], None);
		// Its new report is in no cluster; its earlier one stays in the cluster it was in.
		assert_ok!(report(40, TODAY - 2, 3));
		assert_ok!(amend(40, FACILITIES[0], 9));
		// Mysuru joins and reports in the same block: counted in the cluster.
		set_cluster(MYSURU, Some(CLUSTER));
		assert_ok!(report(70, TODAY - 1, 2));

		next_block();
		let cluster = |period| ClusterAggregates::<Test>::get((CLUSTER, code(COVID), period));
		assert_eq!((cluster(TODAY - 1).confirmed, cluster(TODAY - 1).reports), (11, 2));
		assert!(!ClusterAggregates::<Test>::contains_key((CLUSTER, code(COVID), TODAY - 2)));
		let karnataka =
			|period| RegionAggregates::<Test>::get((region(b"IN-KA"), code(COVID), period));
		assert_eq!((karnataka(TODAY - 1).confirmed, karnataka(TODAY - 2).confirmed), (11, 3));
	});
}

#[test]
fn on_initialize_reserves_the_roll_ups_fixed_part() {
	new_test_ext().execute_with(|| {
		// Nothing to expire on the first block: what it reserves is the roll-up's, and the read
		// that finds no threshold set in the block.
		let reserved = Surveillance::on_initialize(1);
		let read = <Test as frame_system::Config>::DbWeight::get().reads(1);
		assert_eq!(
			reserved,
			<() as WeightInfo>::expire_alerts(0) + <() as WeightInfo>::roll_up(0, 0, 0) + read
		);
	});
}

/// Counts of any size, or none.
fn any_counts() -> impl Strategy<Value = Option<Counts>> {
	proptest::option::of(any::<[u32; 7]>().prop_map(
		|[suspected, confirmed, deaths, recovered, hospitalised, tests_performed, tests_positive]| {
			Counts {
				suspected,
				confirmed,
				deaths,
				recovered,
				hospitalised,
				tests_performed,
				tests_positive,
			}
		},
	))
}

proptest! {
	/// Totals that hold `old` (and `more` besides, small or up to the largest count) move by
	/// the delta between `old` and `new` exactly as by replacing one by the other.
	#[test]
	fn a_totals_delta_moves_totals_as_replacing_its_counts_would(
		old in any_counts(),
		new in any_counts(),
		more in proptest::array::uniform7(prop_oneof![0..100u64, any::<u64>()]),
		more_reports in prop_oneof![0..100u32, any::<u32>()],
	) {
		let held = old.unwrap_or_default();
		let holding = |count: u32, more: u64| u64::from(count).saturating_add(more);
		let totals = Totals {
			suspected: holding(held.suspected, more[0]),
			confirmed: holding(held.confirmed, more[1]),
			deaths: holding(held.deaths, more[2]),
			recovered: holding(held.recovered, more[3]),
			hospitalised: holding(held.hospitalised, more[4]),
			tests_performed: holding(held.tests_performed, more[5]),
			tests_positive: holding(held.tests_positive, more[6]),
			reports: u32::from(old.is_some()).saturating_add(more_reports),
		};
		let mut by_delta = totals;
		TotalsDelta::between(old.as_ref(), new.as_ref()).apply_to(&mut by_delta);
		let mut replaced = totals;
		replaced.apply(old.as_ref(), new.as_ref());
		prop_assert_eq!(by_delta, replaced);
	}
}
