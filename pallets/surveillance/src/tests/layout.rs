//! How a report is stored: its state and its current version in one item, the versions an
//! amendment superseded in the history; and a report stored in the earlier layout (its state
//! alone, its current version in the history too) read, amended and withdrawn as before.

use super::*;
use crate::{FacilityTotals, ReportVersions, StoredReport};
use codec::Encode;
use frame_support::storage::unhashed;
use healthnet_primitives::OrgId;

/// Rewrites the report of `org` for yesterday's COVID-19 as the earlier layout stored it.
fn to_the_earlier_layout(org: OrgId) {
	let StoredReport { state, latest } = Reports::<Test>::get(key(org)).unwrap();
	ReportVersions::<Test>::insert((org, code(COVID), TODAY - 1, state.version), latest.unwrap());
	unhashed::put_raw(&Reports::<Test>::hashed_key_for(key(org)), &state.encode());
}

/// The confirmed cases of each version of the report of `org`, oldest first.
fn history(org: OrgId) -> Vec<u32> {
	let history = Surveillance::report_history(org, COVID.to_vec(), TODAY - 1).unwrap();
	history.versions.iter().map(|version| version.counts.confirmed).collect()
}

#[test]
fn a_first_version_is_one_item_and_an_amendment_moves_it_to_the_history() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_eq!(ReportVersions::<Test>::iter().count(), 0, "no item beside the report");
		let stored = Reports::<Test>::get(key(FACILITIES[0])).unwrap();
		assert_eq!(stored.latest.map(|v| v.counts.confirmed), Some(5));

		assert_ok!(amend(40, FACILITIES[0], 9));
		let (org, disease, period) = key(FACILITIES[0]);
		let superseded: Vec<_> = ReportVersions::<Test>::iter().collect();
		assert_eq!(superseded.len(), 1);
		assert_eq!(superseded[0].0, (org, disease, period, 1));
		assert_eq!(superseded[0].1.counts.confirmed, 5);
		let stored = Reports::<Test>::get(key(FACILITIES[0])).unwrap();
		assert_eq!(stored.state.version, 2);
		assert_eq!(stored.latest.map(|v| v.counts.confirmed), Some(9));
		assert_eq!(history(FACILITIES[0]), vec![5, 9]);
		let confirmed = |n| Surveillance::report_version(org, &code(COVID), period, n).unwrap();
		assert_eq!((confirmed(1).counts.confirmed, confirmed(2).counts.confirmed), (5, 9));
	});
}

#[test]
fn a_report_of_the_earlier_layout_approved_reopened_and_voided_keeps_its_versions() {
	new_test_ext().execute_with(|| {
		let (org, disease, period) = key(FACILITIES[0]);
		assert_ok!(submit(40, 5));
		next_block();
		to_the_earlier_layout(org);
		let version = |n| Surveillance::report_version(org, &disease, period, n);
		assert_eq!(version(1).map(|v| v.counts.confirmed), Some(5), "read from the history");
		assert!(version(2).is_none());

		// A decision rewrites the report's state and leaves its current version in the
		// history; an amendment after it moves the totals by the difference from that one.
		let authority = || RuntimeOrigin::signed(10);
		assert_ok!(Surveillance::approve_report(authority(), org, code(COVID), period));
		assert_ok!(Surveillance::reopen_report(authority(), org, code(COVID), period));
		assert!(Reports::<Test>::get(key(org)).unwrap().latest.is_none());
		assert_ok!(amend(40, org, 9));
		next_block();
		assert_eq!((cluster_confirmed(), FacilityTotals::<Test>::get(org, code(COVID)).0), (9, 9));
		assert_eq!(history(org), vec![5, 9]);

		// A void takes out the current version's counts, wherever it is kept.
		assert_ok!(Surveillance::void_report(
			authority(),
			org,
			code(COVID),
			period,
			crate::VoidReason::Duplicate
		));
		next_block();
		assert_eq!((cluster_confirmed(), region_confirmed(b"")), (0, 0));
		assert_eq!(history(org), vec![5, 9], "a voided report keeps its versions");
	});
}

#[test]
fn a_report_stored_in_the_earlier_layout_is_read_amended_and_withdrawn_as_before() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_ok!(submit(50, 7));
		next_block();
		to_the_earlier_layout(FACILITIES[0]);
		to_the_earlier_layout(FACILITIES[1]);

		let stored = Reports::<Test>::get(key(FACILITIES[0])).expect("the earlier layout decodes");
		assert_eq!((stored.state.version, stored.latest.is_none()), (1, true));
		assert_eq!(history(FACILITIES[0]), vec![5]);
		let (_, current) = Surveillance::current_report(FACILITIES[0], &code(COVID), TODAY - 1)
			.expect("its current version is in the history");
		assert_eq!(current.counts.confirmed, 5);
		assert_eq!(Surveillance::completeness(CLUSTER, COVID.to_vec(), TODAY - 1).reported, 2);

		// An amendment moves the totals by the difference from the version in the history,
		// leaves that version where it is, and stores the report in the present layout.
		assert_ok!(amend(40, FACILITIES[0], 9));
		next_block();
		assert_eq!((cluster_confirmed(), region_confirmed(b"")), (16, 16));
		assert_eq!(history(FACILITIES[0]), vec![5, 9]);
		assert_eq!(ReportVersions::<Test>::iter_prefix((FACILITIES[0],)).count(), 1);
		let stored = Reports::<Test>::get(key(FACILITIES[0])).unwrap();
		assert_eq!(stored.latest.map(|v| v.counts.confirmed), Some(9));

		// A rejection takes out the counts of the version in the history.
		assert_ok!(Surveillance::reject_report(
			RuntimeOrigin::signed(20),
			FACILITIES[1],
			code(COVID),
			TODAY - 1,
			RejectionReason::ImplausibleCounts
		));
		next_block();
		assert_eq!((cluster_confirmed(), region_confirmed(b"")), (9, 9));
		assert_eq!(FacilityTotals::<Test>::get(FACILITIES[1], code(COVID)), (0, 0));
		assert_eq!(history(FACILITIES[1]), vec![7], "a rejected report keeps its versions");
	});
}
