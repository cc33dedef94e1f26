//! Roles inside an organisation: a clerk without the reporter role cannot report, relay a
//! report it signed or acknowledge guidance; an authority's member without the reviewer role
//! cannot decide reports, set thresholds or publish guidance. Each refusal changes nothing.

use super::*;
use healthnet_primitives::{Role, Roles};
use healthnet_testing as testing;

/// A member of the first facility who keeps its stock, and one of Karnataka who administers.
const STOCK_KEEPER: u64 = 41;
const KARNATAKA_ADMIN: u64 = 21;

fn staff() {
	testing::add_with_roles(STOCK_KEEPER, FACILITIES[0], Roles::only(Role::StockKeeper));
	testing::add_with_roles(KARNATAKA_ADMIN, KARNATAKA, Roles::only(Role::Admin));
}

#[test]
fn only_a_reporter_reports_amends_relays_its_signature_and_acknowledges() {
	new_test_ext().execute_with(|| {
		staff();
		assert_noop!(submit(STOCK_KEEPER, 3), Error::<Test>::NotAReporter);
		assert_ok!(submit(FACILITY, 3));
		assert_noop!(amend(STOCK_KEEPER, FACILITIES[0], 4), Error::<Test>::NotAReporter);
		// A report the stock keeper signed offline is refused when relayed, as its own
		// submission would be.
		let report =
			offline_report(FACILITIES[0], COVID, TODAY - 1, counts(5), Default::default(), 2);
		let signature = sign(STOCK_KEEPER, &report);
		assert_noop!(
			Surveillance::relay_report(RuntimeOrigin::signed(70), report, STOCK_KEEPER, signature),
			Error::<Test>::NotAReporter
		);
		assert_ok!(Surveillance::publish_guidance(
			RuntimeOrigin::signed(20),
			H256::repeat_byte(7),
			b"https://guidance.example/1".to_vec().try_into().unwrap(),
			GuidanceTarget::Cluster(CLUSTER),
			None,
			Severity::Advisory,
		));
		assert_noop!(
			Surveillance::acknowledge_guidance(RuntimeOrigin::signed(STOCK_KEEPER), 0),
			Error::<Test>::NotAReporter
		);
		// Granted the role, the same account reports.
		testing::set_roles(STOCK_KEEPER, Roles::of(&[Role::StockKeeper, Role::Reporter]));
		assert_ok!(amend(STOCK_KEEPER, FACILITIES[0], 4));
	});
}

#[test]
fn only_a_reviewer_of_the_authority_decides_sets_thresholds_and_publishes() {
	new_test_ext().execute_with(|| {
		staff();
		assert_ok!(submit(FACILITY, 3));
		assert_noop!(
			Surveillance::approve_report(
				RuntimeOrigin::signed(KARNATAKA_ADMIN),
				FACILITIES[0],
				code(COVID),
				TODAY - 1
			),
			Error::<Test>::NotAReviewer
		);
		assert_noop!(
			Surveillance::void_report(
				RuntimeOrigin::signed(KARNATAKA_ADMIN),
				FACILITIES[0],
				code(COVID),
				TODAY - 1,
				crate::VoidReason::Duplicate
			),
			Error::<Test>::NotAReviewer
		);
		assert_noop!(threshold(KARNATAKA_ADMIN, b"IN-KA", 5), Error::<Test>::NotAReviewer);
		assert_noop!(
			Surveillance::publish_guidance(
				RuntimeOrigin::signed(KARNATAKA_ADMIN),
				H256::repeat_byte(7),
				b"https://guidance.example/1".to_vec().try_into().unwrap(),
				GuidanceTarget::Cluster(CLUSTER),
				None,
				Severity::Advisory,
			),
			Error::<Test>::NotAReviewer
		);
		testing::set_roles(KARNATAKA_ADMIN, Roles::only(Role::Reviewer));
		assert_ok!(Surveillance::approve_report(
			RuntimeOrigin::signed(KARNATAKA_ADMIN),
			FACILITIES[0],
			code(COVID),
			TODAY - 1
		));
	});
}

#[test]
fn a_capability_taken_away_stops_the_next_report() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 3));
		set_capabilities(FACILITIES[0], Capabilities::default());
		assert_noop!(amend(FACILITY, FACILITIES[0], 4), Error::<Test>::CannotReportCases);
	});
}
