//! Revocation, suspension and reinstatement.

use super::*;

#[test]
fn a_revocation_is_final_and_carries_its_reason() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 1);
		advance_to(6);
		assert_ok!(Certificates::revoke_certificate(
			signed(LAB),
			id,
			RevocationReason::ResultWithdrawn
		));
		System::assert_last_event(
			Event::CertificateRevoked { id, reason: RevocationReason::ResultWithdrawn }.into(),
		);
		assert_eq!(
			Certificates::verify(id, 1, payload(1)),
			Verdict::Revoked { reason: RevocationReason::ResultWithdrawn, at: 6 }
		);
		for attempt in [
			Certificates::revoke_certificate(signed(LAB), id, RevocationReason::Fraudulent),
			Certificates::suspend_certificate(signed(LAB), id),
			Certificates::reinstate_certificate(signed(LAB), id),
		] {
			assert_eq!(attempt, Err(Error::CertificateIsRevoked.into()));
		}
	});
}

#[test]
fn an_authority_over_the_issuer_revokes_but_does_not_suspend() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 1);
		assert_noop!(
			Certificates::revoke_certificate(signed(MAHARASHTRA), id, RevocationReason::Fraudulent),
			Error::CannotRevoke
		);
		assert_noop!(
			Certificates::revoke_certificate(signed(CLINIC), id, RevocationReason::Fraudulent),
			Error::CannotRevoke
		);
		assert_noop!(
			Certificates::suspend_certificate(signed(KARNATAKA), id),
			Error::NotYourCertificate
		);
		assert_noop!(
			Certificates::revoke_certificate(
				RuntimeOrigin::signed(999),
				id,
				RevocationReason::Fraudulent
			),
			Error::NotAMember
		);
		assert_noop!(
			Certificates::revoke_certificate(signed(LAB), [9; 16], RevocationReason::Fraudulent),
			Error::UnknownCertificate
		);
		assert_ok!(Certificates::revoke_certificate(
			signed(KARNATAKA),
			id,
			RevocationReason::Fraudulent
		));
	});
}

#[test]
fn a_suspension_holds_until_the_issuer_reinstates() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 1);
		assert_noop!(
			Certificates::reinstate_certificate(signed(LAB), id),
			Error::CertificateNotSuspended
		);
		advance_to(2);
		assert_ok!(Certificates::suspend_certificate(signed(LAB), id));
		assert_eq!(state(id), CertificateState::Suspended { at: 2 });
		assert_eq!(Certificates::verify(id, 1, payload(1)), Verdict::Suspended { at: 2 });
		assert_noop!(
			Certificates::suspend_certificate(signed(LAB), id),
			Error::CertificateIsSuspended
		);
		assert_ok!(Certificates::reinstate_certificate(signed(LAB), id));
		System::assert_last_event(Event::CertificateReinstated { id }.into());
		assert!(Certificates::verify(id, 1, payload(1)).is_valid());
	});
}

#[test]
fn a_suspended_organisation_changes_none_of_its_certificates() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		let id = infectivity(key, 1);
		testing::update(LAB, |org| org.active = false);
		assert_noop!(
			Certificates::suspend_certificate(signed(LAB), id),
			Error::OrganisationNotActive
		);
		assert_noop!(update(id, key, 2), Error::OrganisationNotActive);
	});
}
