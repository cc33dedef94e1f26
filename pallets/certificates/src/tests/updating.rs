//! Updates: the next version supersedes the current one.

use super::*;

#[test]
fn an_update_writes_the_next_version_and_supersedes_the_current_one() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 80);
		advance_to(4);
		assert_ok!(update(id, key, 10));
		System::assert_last_event(Event::CertificateUpdated { id, version: 2 }.into());
		assert_eq!(crate::Certificates::<Test>::get(id).unwrap().version, 2);
		assert_eq!(Versions::<Test>::get(id, 1).unwrap().superseded_at, Some(4));
		assert_eq!(Certificates::verify(id, 1, payload(80)), Verdict::Superseded { by: 2, at: 4 });
		assert!(Certificates::verify(id, 2, payload(10)).is_valid());
		assert_eq!(Certificates::verify(id, 3, payload(10)), Verdict::UnknownVersion { latest: 2 });
		assert_eq!(Certificates::verify(id, 2, payload(80)), Verdict::PayloadMismatch);
		let view = Certificates::certificate_view(id).unwrap();
		assert_eq!(view.versions.len(), 2);
		assert_eq!(view.versions[1].payload_hash, payload(10));
	});
}

#[test]
fn only_the_issuer_updates_a_live_certificate_with_a_new_payload() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let clinic_key = add_key(CLINIC, 2, &CertificateKind::ALL);
		let id = infectivity(key, 80);
		assert_noop!(
			Certificates::update_certificate(
				signed(CLINIC),
				id,
				clinic_key,
				payload(1),
				NOW,
				NOW + DAY
			),
			Error::NotYourCertificate
		);
		assert_noop!(update([9; 16], key, 1), Error::UnknownCertificate);
		assert_noop!(update(id, key, 80), Error::PayloadUnchanged);
		assert_noop!(update(id, clinic_key, 1), Error::NotYourKey);
		assert_noop!(
			Certificates::update_certificate(signed(LAB), id, key, payload(1), NOW, NOW),
			Error::WindowInverted
		);

		assert_ok!(Certificates::suspend_certificate(signed(LAB), id));
		assert_noop!(update(id, key, 1), Error::CertificateIsSuspended);
		assert_ok!(Certificates::reinstate_certificate(signed(LAB), id));
		assert_ok!(Certificates::revoke_certificate(
			signed(LAB),
			id,
			RevocationReason::IssuedInError
		));
		assert_noop!(update(id, key, 1), Error::CertificateIsRevoked);
	});
}

#[test]
fn a_certificate_has_at_most_the_versions_allowed() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 1);
		for n in 2..=4 {
			assert_ok!(update(id, key, n));
		}
		assert_noop!(update(id, key, 5), Error::TooManyVersions);
	});
}

#[test]
fn an_update_may_be_signed_with_a_newer_key_of_the_issuer() {
	new_test_ext().execute_with(|| {
		let old = lab_key();
		let id = infectivity(old, 1);
		let new = add_key(LAB, 2, &[CertificateKind::Infectivity]);
		assert_ok!(Certificates::remove_issuer_key(signed(LAB), old));
		assert!(matches!(Certificates::verify(id, 1, payload(1)), Verdict::KeyRemoved { .. }));
		assert_ok!(update(id, new, 2));
		assert!(Certificates::verify(id, 2, payload(2)).is_valid());
	});
}
