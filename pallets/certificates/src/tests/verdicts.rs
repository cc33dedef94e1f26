//! What verifiers are told.

use super::*;

#[test]
fn a_vaccination_verifies_as_lot_recalled_from_the_block_of_the_recall() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = issue(key, 1, CertificateKind::Vaccination, Some(VACCINE_LOT));
		assert!(Certificates::verify(id, 1, payload(1)).is_valid());
		advance_to(9);
		recall(VACCINE_LOT);
		assert_eq!(
			Certificates::verify(id, 1, payload(1)),
			Verdict::LotRecalled { lot: VACCINE_LOT, at: 9 }
		);
	});
}

#[test]
fn the_window_is_checked_against_the_chains_clock() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		assert_ok!(Certificates::issue_certificate(
			signed(LAB),
			[1; 16],
			CertificateKind::Recovery,
			H256::zero(),
			key,
			payload(1),
			NOW + DAY,
			NOW + 2 * DAY,
			None
		));
		assert_eq!(
			Certificates::verify([1; 16], 1, payload(1)),
			Verdict::NotYetValid { from: NOW + DAY }
		);
		testing::set_now((NOW + DAY) * 1_000);
		assert!(Certificates::verify([1; 16], 1, payload(1)).is_valid());
		testing::set_now((NOW + 2 * DAY) * 1_000);
		assert_eq!(
			Certificates::verify([1; 16], 1, payload(1)),
			Verdict::Expired { at: NOW + 2 * DAY }
		);
	});
}

#[test]
fn a_suspended_issuer_or_key_stops_its_certificates_verifying() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 1);
		advance_to(2);
		assert_ok!(Certificates::suspend_issuer(signed(KARNATAKA), LAB));
		assert_eq!(Certificates::verify(id, 1, payload(1)), Verdict::IssuerSuspended { at: 2 });
		assert_ok!(Certificates::reinstate_issuer(signed(KARNATAKA), LAB));
		assert_ok!(Certificates::suspend_issuer_key(signed(LAB), key));
		assert_eq!(Certificates::verify(id, 1, payload(1)), Verdict::KeySuspended { at: 2 });
		assert_eq!(Certificates::verify([9; 16], 1, payload(1)), Verdict::Unknown);
	});
}

#[test]
fn the_limits_are_sane() {
	new_test_ext().execute_with(|| Certificates::integrity_test());
}
