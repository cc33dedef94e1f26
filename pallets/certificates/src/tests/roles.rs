//! Roles inside an issuer: only a key officer adds or changes the issuer's signing keys, only
//! a certificate officer issues, updates and revokes; an authority's member acts on the trust
//! list only as key officer. Each refusal changes nothing.

use super::*;
use healthnet_primitives::{Role, Roles};

/// A clerk of the laboratory who reports cases and nothing else.
const LAB_CLERK: u64 = 301;
/// Karnataka's administrator, without the key-officer role.
const KARNATAKA_ADMIN: u64 = 201;

#[test]
fn only_a_key_officer_adds_a_signing_key_and_only_a_certificate_officer_issues() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		testing::add_with_roles(LAB_CLERK, LAB, Roles::only(Role::Reporter));
		let clerk = RuntimeOrigin::signed(LAB_CLERK);
		assert_noop!(
			Certificates::add_issuer_key(
				clerk.clone(),
				public(9),
				Kinds::of(&CertificateKind::ALL),
				NOW - DAY,
				NOW + DAY,
				proof(9, LAB)
			),
			Error::NotAKeyOfficer
		);
		assert_noop!(Certificates::suspend_issuer_key(clerk.clone(), key), Error::NotAKeyOfficer);
		assert_noop!(
			Certificates::issue_certificate(
				clerk.clone(),
				[9; 16],
				CertificateKind::TestResult,
				H256::repeat_byte(0xAA),
				key,
				payload(9),
				NOW,
				NOW + DAY,
				None
			),
			Error::NotACertificateOfficer
		);
		let id = issue(key, 1, CertificateKind::TestResult, None);
		assert_noop!(
			Certificates::revoke_certificate(clerk, id, RevocationReason::ResultWithdrawn),
			Error::NotACertificateOfficer
		);
		testing::set_roles(LAB_CLERK, Roles::only(Role::CertificateOfficer));
		assert_ok!(Certificates::revoke_certificate(
			RuntimeOrigin::signed(LAB_CLERK),
			id,
			RevocationReason::ResultWithdrawn
		));
	});
}

#[test]
fn an_authority_acts_on_the_trust_list_through_its_key_officer() {
	new_test_ext().execute_with(|| {
		let key = lab_key();
		testing::add_with_roles(KARNATAKA_ADMIN, KARNATAKA, Roles::only(Role::Admin));
		assert_noop!(
			Certificates::suspend_issuer_key(RuntimeOrigin::signed(KARNATAKA_ADMIN), key),
			Error::NotAKeyOfficer
		);
		assert_noop!(
			Certificates::suspend_issuer(RuntimeOrigin::signed(KARNATAKA_ADMIN), LAB),
			Error::NotAKeyOfficer
		);
		testing::set_roles(KARNATAKA_ADMIN, Roles::only(Role::KeyOfficer));
		assert_ok!(Certificates::suspend_issuer(RuntimeOrigin::signed(KARNATAKA_ADMIN), LAB));
	});
}
