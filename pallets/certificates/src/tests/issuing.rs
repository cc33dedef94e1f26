//! Issuing: who may, with which key, for which kind, window and lot.

use super::*;

#[test]
fn an_issuer_issues_version_one_with_no_personal_data() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 7);
		let certificate = crate::Certificates::<Test>::get(id).unwrap();
		assert_eq!(certificate.issuer, LAB);
		assert_eq!(certificate.kind, CertificateKind::Infectivity);
		assert_eq!(certificate.holder, H256::repeat_byte(0xAA));
		assert_eq!(certificate.version, 1);
		assert_eq!(certificate.state, CertificateState::Active);
		let version = Versions::<Test>::get(id, 1).unwrap();
		assert_eq!(version.payload_hash, payload(7));
		assert_eq!(version.key, key);
		assert_eq!(version.superseded_at, None);
		System::assert_last_event(
			Event::CertificateIssued { id, issuer: LAB, kind: CertificateKind::Infectivity }.into(),
		);
		assert_eq!(
			Certificates::verify(id, 1, payload(7)),
			Verdict::Valid { until: NOW + 7 * DAY }
		);
	});
}

#[test]
fn the_issuer_must_hold_an_active_key_of_its_own_for_the_kind() {
	new_test_ext().execute_with(|| {
		let key = add_key(LAB, 1, &[CertificateKind::Infectivity]);
		let clinic_key = add_key(CLINIC, 2, &CertificateKind::ALL);
		let attempt = |org, key, kind| {
			Certificates::issue_certificate(
				signed(org),
				[1; 16],
				kind,
				H256::zero(),
				key,
				payload(1),
				NOW,
				NOW + DAY,
				None,
			)
		};
		assert_noop!(attempt(PLAIN_CLINIC, key, CertificateKind::Infectivity), Error::NotAnIssuer);
		assert_noop!(attempt(LAB, [9; 8], CertificateKind::Infectivity), Error::UnknownKey);
		assert_noop!(attempt(LAB, clinic_key, CertificateKind::Infectivity), Error::NotYourKey);
		assert_noop!(attempt(LAB, key, CertificateKind::Recovery), Error::KindNotTrusted);

		assert_ok!(Certificates::suspend_issuer_key(signed(LAB), key));
		assert_noop!(attempt(LAB, key, CertificateKind::Infectivity), Error::KeySuspended);
		assert_ok!(Certificates::reinstate_issuer_key(signed(LAB), key));

		assert_ok!(Certificates::suspend_issuer(signed(KARNATAKA), LAB));
		assert_noop!(attempt(LAB, key, CertificateKind::Infectivity), Error::IssuerIsSuspended);
		assert_ok!(Certificates::reinstate_issuer(signed(KARNATAKA), LAB));

		testing::set_now((NOW + 400 * DAY) * 1_000);
		assert_noop!(
			Certificates::issue_certificate(
				signed(LAB),
				[1; 16],
				CertificateKind::Infectivity,
				H256::zero(),
				key,
				payload(1),
				NOW,
				NOW + 500 * DAY,
				None
			),
			Error::KeyOutsideWindow
		);
		testing::set_now(NOW * 1_000);

		assert_ok!(Certificates::remove_issuer_key(signed(LAB), key));
		assert_noop!(attempt(LAB, key, CertificateKind::Infectivity), Error::KeyRemoved);
	});
}

#[test]
fn a_certificate_needs_a_free_id_and_an_open_window() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let attempt = |id, from, until| {
			Certificates::issue_certificate(
				signed(LAB),
				id,
				CertificateKind::TestResult,
				H256::zero(),
				key,
				payload(1),
				from,
				until,
				None,
			)
		};
		assert_noop!(attempt([1; 16], NOW, NOW), Error::WindowInverted);
		assert_noop!(attempt([1; 16], NOW - 2 * DAY, NOW - DAY), Error::WindowEnded);
		infectivity(key, 1);
		assert_noop!(attempt([1; 16], NOW, NOW + DAY), Error::CertificateIdTaken);
	});
}

#[test]
fn a_vaccination_cites_a_vaccine_lot_not_recalled_and_nothing_else_cites_a_lot() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let attempt = |kind, lot| {
			Certificates::issue_certificate(
				signed(LAB),
				[1; 16],
				kind,
				H256::zero(),
				key,
				payload(1),
				NOW,
				NOW + DAY,
				lot,
			)
		};
		assert_noop!(attempt(CertificateKind::Vaccination, None), Error::LotOnlyForVaccinations);
		assert_noop!(
			attempt(CertificateKind::Recovery, Some(VACCINE_LOT)),
			Error::LotOnlyForVaccinations
		);
		assert_noop!(attempt(CertificateKind::Vaccination, Some(99)), Error::UnknownLot);
		assert_noop!(attempt(CertificateKind::Vaccination, Some(KIT_LOT)), Error::NotAVaccineLot);
		add_lot(3, healthnet_primitives::supply::ProductKind::Vaccine);
		recall(3);
		assert_noop!(attempt(CertificateKind::Vaccination, Some(3)), Error::LotWasRecalled);
		assert_ok!(attempt(CertificateKind::Vaccination, Some(VACCINE_LOT)));
		assert_eq!(crate::Certificates::<Test>::get([1; 16]).unwrap().lot, Some(VACCINE_LOT));
	});
}
