//! Roles inside a holder: only a stock keeper moves stock, only a key officer registers
//! loggers and recalls, only an authority's reviewer decides quarantined stock. Each refusal
//! changes nothing.

use super::*;
use healthnet_primitives::{Role, Roles};
use healthnet_testing as testing;

/// A clinician of the clinic, and the manufacturer's reporter.
const CLINICIAN: u64 = 401;
const MAKER_CLERK: u64 = 201;
/// An administrator of Karnataka without the reviewer role.
const KARNATAKA_ADMIN: u64 = 101;

#[test]
fn only_a_stock_keeper_moves_stock_and_only_a_key_officer_recalls() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L1", 100);
		let shipment = shipped(MAKER, CLINIC, &[(lot, 10)]);
		testing::add_with_roles(CLINICIAN, CLINIC, Roles::only(Role::Clinician));
		testing::add_with_roles(MAKER_CLERK, MAKER, Roles::only(Role::Reporter));
		let before = root();
		assert_noop!(
			Supply::accept_shipment(RuntimeOrigin::signed(CLINICIAN), shipment, Default::default()),
			Error::<Test>::NotAStockKeeper
		);
		assert_noop!(
			Supply::register_sensor(
				RuntimeOrigin::signed(MAKER_CLERK),
				999,
				sensor_proof(999, MAKER)
			),
			Error::<Test>::NotAKeyOfficer
		);
		assert_noop!(
			Supply::recall_lot(
				RuntimeOrigin::signed(MAKER_CLERK),
				lot,
				RecallReason::QualityDefect
			),
			Error::<Test>::NotAKeyOfficer
		);
		assert_eq!(root(), before);
		testing::set_roles(CLINICIAN, Roles::of(&[Role::Clinician, Role::StockKeeper]));
		assert_ok!(Supply::accept_shipment(
			RuntimeOrigin::signed(CLINICIAN),
			shipment,
			Default::default()
		));
	});
}

#[test]
fn only_a_reviewer_of_the_authority_decides_quarantined_stock() {
	new_test_ext().execute_with(|| {
		testing::add_with_roles(KARNATAKA_ADMIN, KARNATAKA, Roles::only(Role::Admin));
		assert_noop!(
			Supply::release_quarantine(RuntimeOrigin::signed(KARNATAKA_ADMIN), CLINIC, 0),
			Error::<Test>::NotAReviewer
		);
	});
}
