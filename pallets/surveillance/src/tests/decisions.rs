//! Rejected and voided reports: their counts leave every total, a rejected report's come back
//! when it is amended, a voided report's never do.

use super::*;
use crate::{FacilityTotals, VoidReason};

/// `account`'s authority rejects `org`'s report of yesterday as implausible.
pub(super) fn reject(account: u64, org: u32) -> DispatchResultWithPostInfo {
	Surveillance::reject_report(
		RuntimeOrigin::signed(account),
		org,
		code(COVID),
		TODAY - 1,
		RejectionReason::ImplausibleCounts,
	)
}

/// `account`'s authority voids `org`'s report of yesterday as a duplicate.
pub(super) fn void(account: u64, org: u32) -> DispatchResultWithPostInfo {
	Surveillance::void_report(
		RuntimeOrigin::signed(account),
		org,
		code(COVID),
		TODAY - 1,
		VoidReason::Duplicate,
	)
}

/// What every total says about the first facility's report: the cluster, each region level,
/// the world, the facility's own, and how many reports the world's totals hold.
fn everywhere() -> (u64, u64, u64, u64, u64, u64, u32) {
	let world = RegionAggregates::<Test>::get((region(b""), code(COVID), TODAY - 1));
	(
		cluster_confirmed(),
		region_confirmed(b"IN-KA-BLR"),
		region_confirmed(b"IN-KA"),
		region_confirmed(b"IN"),
		world.confirmed,
		FacilityTotals::<Test>::get(FACILITIES[0], code(COVID)).0,
		world.reports,
	)
}

#[test]
fn a_rejected_reports_counts_leave_every_total_and_return_when_it_is_amended() {
	new_test_ext().execute_with(|| {
		assert_ok!(threshold(20, b"IN-KA", 5));
		assert_ok!(submit(FACILITY, 7));
		next_block();
		assert_eq!(everywhere(), (7, 7, 7, 7, 7, 7, 1));
		assert_eq!(OpenAlerts::<Test>::iter().count(), 1);

		assert_ok!(reject(20, FACILITIES[0]));
		// The facility's own totals move at once, the others when the block ends.
		assert_eq!(everywhere(), (7, 7, 7, 7, 7, 0, 1));
		next_block();
		assert_eq!(everywhere(), (0, 0, 0, 0, 0, 0, 0));
		let series = Surveillance::region_series(b"IN".to_vec(), COVID.to_vec(), TODAY - 5, TODAY);
		assert_eq!(series, vec![], "a period with no counted report is left out");
		assert_eq!(OpenAlerts::<Test>::iter().count(), 0, "the alert closes with its cases");
		System::assert_has_event(
			Event::AlertCleared {
				region: region(b"IN-KA"),
				disease: code(COVID),
				lineage: None,
				period: TODAY - 1,
				confirmed: 0,
			}
			.into(),
		);

		// The facility corrects it: the new counts, not the rejected ones, count again.
		assert_ok!(amend(FACILITY, FACILITIES[0], 6));
		next_block();
		assert_eq!(everywhere(), (6, 6, 6, 6, 6, 6, 1));
		assert_eq!(OpenAlerts::<Test>::iter().count(), 1);
		assert_eq!(
			Reports::<Test>::get(key(FACILITIES[0])).unwrap().state.status,
			ReportStatus::Pending
		);
	});
}

#[test]
fn a_voided_report_leaves_the_totals_for_good_and_keeps_its_history() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 7));
		assert_ok!(submit(50, 2));
		assert_ok!(void(20, FACILITIES[0]));
		System::assert_last_event(
			Event::ReportVoided {
				org: FACILITIES[0],
				disease: code(COVID),
				period: TODAY - 1,
				by: KARNATAKA,
				reason: VoidReason::Duplicate,
			}
			.into(),
		);
		next_block();
		assert_eq!(cluster_confirmed(), 2);
		assert_eq!(region_confirmed(b""), 2);
		assert_eq!(FacilityTotals::<Test>::get(FACILITIES[0], code(COVID)), (0, 0));
		let history = Surveillance::report_history(FACILITIES[0], COVID.to_vec(), TODAY - 1);
		let history = history.expect("a voided report stays readable");
		assert_eq!(history.report.status, ReportStatus::Voided(VoidReason::Duplicate));
		assert_eq!(history.versions.len(), 1);

		// Nobody revives it: not the facility, not an authority.
		assert_noop!(amend(FACILITY, FACILITIES[0], 7), Error::<Test>::ReportIsVoid);
		assert_noop!(submit(FACILITY, 7), Error::<Test>::ReportExists);
		assert_noop!(void(10, FACILITIES[0]), Error::<Test>::ReportIsVoid);
		assert_noop!(reject(10, FACILITIES[0]), Error::<Test>::ReportIsVoid);
		assert_noop!(
			Surveillance::reopen_report(
				RuntimeOrigin::signed(10),
				FACILITIES[0],
				code(COVID),
				TODAY - 1
			),
			Error::<Test>::ReportIsVoid
		);
	});
}

#[test]
fn approved_and_rejected_reports_can_be_voided_and_rejected_counts_leave_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 7));
		assert_ok!(submit(50, 3));
		assert_ok!(Surveillance::approve_report(
			RuntimeOrigin::signed(20),
			FACILITIES[0],
			code(COVID),
			TODAY - 1
		));
		assert_ok!(reject(20, FACILITIES[1]));
		next_block();
		assert_eq!(cluster_confirmed(), 7);
		assert_ok!(void(20, FACILITIES[0]));
		assert_ok!(void(10, FACILITIES[1]));
		next_block();
		assert_eq!(cluster_confirmed(), 0);
		assert_eq!(region_confirmed(b"IN"), 0);
		assert_eq!(
			RegionAggregates::<Test>::get((region(b"IN"), code(COVID), TODAY - 1)).reports,
			0
		);
	});
}

#[test]
fn only_an_authority_over_the_facility_voids_and_never_its_own_report() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 7));
		assert_noop!(void(30, FACILITIES[0]), Error::<Test>::NotAuthorityForFacility);
		assert_noop!(void(FACILITY, FACILITIES[0]), Error::<Test>::NotAuthorityForFacility);
		assert_noop!(void(20, MYSURU), Error::<Test>::UnknownReport);

		set_capabilities(KARNATAKA, Capabilities::of(&[Capability::ReportCases]));
		assert_ok!(submit(20, 3));
		assert_noop!(void(20, KARNATAKA), Error::<Test>::CannotReviewOwnReport);
		assert_ok!(void(10, KARNATAKA));
	});
}
