//! Completeness and timeliness: a cluster's figures for a disease and period count the reports
//! of its current reporting members that are counted now (pending or approved), so that a
//! void, a rejection, a move to another cluster or a suspension takes a report out as surely
//! as a submission puts it in.

use healthnet_primitives::surveillance::CompletenessReport;

use super::{
	decisions::{reject, void},
	*,
};

/// The Bengaluru cluster's completeness of yesterday's COVID-19 reports.
fn yesterday() -> CompletenessReport {
	Surveillance::completeness(CLUSTER, COVID.to_vec(), TODAY - 1)
}

/// (expected, reported, on time) of [`yesterday`].
fn figures() -> (u32, u32, u32) {
	let report = yesterday();
	(report.expected, report.reported, report.on_time)
}

#[test]
fn a_voided_report_leaves_completeness_and_its_facility_is_missing() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_ok!(submit(50, 5));
		assert_eq!(figures(), (3, 2, 2));
		assert_ok!(void(20, FACILITIES[0]));
		assert_eq!(figures(), (3, 1, 1));
		assert_eq!(yesterday().missing, vec![FACILITIES[0], FACILITIES[2]]);
	});
}

#[test]
fn a_rejected_report_is_missing_until_it_is_amended() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_ok!(reject(20, FACILITIES[0]));
		assert_eq!(figures(), (3, 0, 0));
		assert!(yesterday().missing.contains(&FACILITIES[0]));
		// Corrected after the deadline: it counts again, on time as its first version was.
		set_now(TODAY + 2, 0);
		assert_ok!(amend(40, FACILITIES[0], 4));
		assert_eq!(figures(), (3, 1, 1));
		assert!(!yesterday().missing.contains(&FACILITIES[0]));
	});
}

#[test]
fn completeness_follows_the_clusters_current_members() {
	new_test_ext().execute_with(|| {
		for account in [40, 50, 60] {
			assert_ok!(submit(account, 5));
		}
		assert_eq!(figures(), (3, 3, 3));
		// A facility that leaves takes its report with it: never more reported than expected.
		set_cluster(FACILITIES[0], None);
		assert_eq!(figures(), (2, 2, 2));
		// One that joins brings the report it made outside any cluster.
		assert_ok!(submit(70, 1));
		set_cluster(MYSURU, Some(CLUSTER));
		assert_eq!(figures(), (3, 3, 3));
		assert_eq!(yesterday().missing, Vec::<u32>::new());
		// The cluster's case totals stay where the reports were first counted.
		next_block();
		assert_eq!(cluster_confirmed(), 15);
	});
}

#[test]
fn a_late_report_counts_as_reported_but_late() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(50, 5));
		// The mock's deadline is a day after the period ended: yesterday's closed at midnight.
		set_now(TODAY + 1, 1);
		assert_ok!(submit(40, 5));
		assert_eq!(figures(), (3, 2, 1));
		assert_eq!(yesterday().late, vec![FACILITIES[0]]);
		assert_eq!(yesterday().missing, vec![FACILITIES[2]]);
		// An amendment does not change when the report first came.
		assert_ok!(amend(40, FACILITIES[0], 6));
		assert_eq!((figures(), yesterday().late), ((3, 2, 1), vec![FACILITIES[0]]));
		// A voided late report is late no more: its facility is missing.
		assert_ok!(void(20, FACILITIES[0]));
		assert_eq!(figures(), (3, 1, 1));
		assert_eq!(yesterday().late, Vec::<u32>::new());
		assert_eq!(yesterday().missing, vec![FACILITIES[0], FACILITIES[2]]);
	});
}

#[test]
fn a_suspended_member_is_neither_expected_nor_reported() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		set_active(FACILITIES[0], false);
		assert_eq!(figures(), (2, 0, 0));
		assert_eq!(yesterday().missing, vec![FACILITIES[1], FACILITIES[2]]);
		set_active(FACILITIES[0], true);
		assert_eq!(figures(), (3, 1, 1));
	});
}
