//! One test per rule of the trust list and of certificates, every refusal with its own error
//! and no change of state, and a property test over random call sequences.

use frame_support::{assert_noop, assert_ok, traits::Hooks};
use healthnet_primitives::testing;
use sp_runtime::DispatchError;

use crate::{
	mock::{Certificates, *},
	*,
};

type Error = crate::Error<Test>;

fn signed(org: OrgId) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(org))
}

/// The public key of test key `seed`.
fn public(seed: u8) -> IssuerPublic {
	[seed; 32]
}

/// Registers key `seed` of `org` for `kinds`, valid for a year around now.
fn add_key(org: OrgId, seed: u8, kinds: &[CertificateKind]) -> KeyId {
	assert_ok!(Certificates::add_issuer_key(
		signed(org),
		public(seed),
		Kinds::of(kinds),
		NOW - DAY,
		NOW + 365 * DAY
	));
	key_id(&public(seed))
}

/// The laboratory's key for every kind.
fn lab_key() -> KeyId {
	add_key(LAB, 1, &CertificateKind::ALL)
}

fn payload(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Issues certificate `[n; 16]` of `kind` from the laboratory with `key`, valid for a week.
fn issue(key: KeyId, n: u8, kind: CertificateKind, lot: Option<LotId>) -> CertificateId {
	let id = [n; 16];
	assert_ok!(Certificates::issue_certificate(
		signed(LAB),
		id,
		kind,
		H256::repeat_byte(0xAA),
		key,
		payload(n),
		NOW,
		NOW + 7 * DAY,
		lot
	));
	id
}

fn infectivity(key: KeyId, n: u8) -> CertificateId {
	issue(key, n, CertificateKind::Infectivity, None)
}

fn update(id: CertificateId, key: KeyId, n: u8) -> DispatchResult {
	Certificates::update_certificate(signed(LAB), id, key, payload(n), NOW, NOW + 7 * DAY)
}

fn key_status(key: KeyId) -> KeyStatus<u64> {
	IssuerKeys::<Test>::get(key).expect("a key").status
}

fn state(id: CertificateId) -> CertificateState<u64> {
	crate::Certificates::<Test>::get(id).expect("a certificate").state
}

fn advance_to(block: u64) {
	System::set_block_number(block);
}

mod trust_list {
	use super::*;

	#[test]
	fn an_issuer_registers_a_key_for_its_kinds() {
		new_test_ext().execute_with(|| {
			let key = add_key(LAB, 1, &[CertificateKind::Infectivity]);
			let record = IssuerKeys::<Test>::get(key).unwrap();
			assert_eq!(record.org, LAB);
			assert_eq!(record.public, public(1));
			assert_eq!(record.status, KeyStatus::Active);
			assert_eq!(KeyCount::<Test>::get(LAB), 1);
			System::assert_last_event(
				Event::IssuerKeyAdded {
					key,
					org: LAB,
					kinds: Kinds::of(&[CertificateKind::Infectivity]),
				}
				.into(),
			);
			assert_eq!(Certificates::trust_list().keys, vec![ListedKey { id: key, key: record }]);
		});
	}

	#[test]
	fn only_an_active_issuer_registers_keys() {
		new_test_ext().execute_with(|| {
			let add = |org| {
				Certificates::add_issuer_key(
					signed(org),
					public(1),
					Kinds::of(&CertificateKind::ALL),
					NOW,
					NOW + DAY,
				)
			};
			assert_noop!(add(PLAIN_CLINIC), Error::NotAnIssuer);
			assert_noop!(add(KARNATAKA), Error::NotAnIssuer);
			assert_noop!(
				Certificates::add_issuer_key(
					RuntimeOrigin::signed(999),
					public(1),
					Kinds(1),
					NOW,
					NOW + DAY
				),
				Error::NotAMember
			);
			testing::update(LAB, |org| org.active = false);
			assert_noop!(add(LAB), Error::OrganisationNotActive);
		});
	}

	#[test]
	fn a_key_needs_known_kinds_an_open_window_and_a_free_slot() {
		new_test_ext().execute_with(|| {
			let add = |seed, kinds, from, until| {
				Certificates::add_issuer_key(signed(LAB), public(seed), Kinds(kinds), from, until)
			};
			assert_noop!(add(1, 0, NOW, NOW + DAY), Error::BadKinds);
			assert_noop!(add(1, 1 << 5, NOW, NOW + DAY), Error::BadKinds);
			assert_noop!(add(1, 1, NOW + DAY, NOW + DAY), Error::WindowInverted);
			assert_noop!(add(1, 1, NOW - 2 * DAY, NOW - DAY), Error::WindowEnded);
			lab_key();
			assert_noop!(add(1, 1, NOW, NOW + DAY), Error::KeyTaken);
			add_key(LAB, 2, &[CertificateKind::Recovery]);
			add_key(LAB, 3, &[CertificateKind::Recovery]);
			assert_noop!(add(4, 1, NOW, NOW + DAY), Error::TooManyKeys);
			// Another issuer has its own slots, but not another's key.
			add_key(CLINIC, 4, &[CertificateKind::Vaccination]);
		});
	}

	#[test]
	fn a_removed_key_keeps_its_slot_and_cannot_come_back() {
		new_test_ext().execute_with(|| {
			let key = lab_key();
			assert_ok!(Certificates::remove_issuer_key(signed(LAB), key));
			assert_eq!(KeyCount::<Test>::get(LAB), 1);
			assert_noop!(
				Certificates::add_issuer_key(signed(LAB), public(1), Kinds(1), NOW, NOW + DAY),
				Error::KeyTaken
			);
			assert_noop!(Certificates::reinstate_issuer_key(signed(LAB), key), Error::KeyRemoved);
			assert_noop!(
				Certificates::remove_issuer_key(RuntimeOrigin::root(), key),
				Error::KeyRemoved
			);
		});
	}

	#[test]
	fn the_owner_an_authority_over_it_or_the_council_suspend_a_key() {
		new_test_ext().execute_with(|| {
			let key = lab_key();
			assert_noop!(
				Certificates::suspend_issuer_key(signed(CLINIC), key),
				Error::NotKeyOwnerOrAuthority
			);
			assert_noop!(
				Certificates::suspend_issuer_key(signed(MAHARASHTRA), key),
				Error::NotKeyOwnerOrAuthority
			);
			assert_noop!(
				Certificates::suspend_issuer_key(RuntimeOrigin::none(), key),
				DispatchError::BadOrigin
			);
			assert_noop!(Certificates::suspend_issuer_key(signed(LAB), [9; 8]), Error::UnknownKey);

			assert_ok!(Certificates::suspend_issuer_key(signed(LAB), key));
			System::assert_last_event(
				Event::IssuerKeySuspended { key, by_authority: false }.into(),
			);
			assert_noop!(Certificates::suspend_issuer_key(signed(LAB), key), Error::KeySuspended);
			assert_ok!(Certificates::reinstate_issuer_key(signed(LAB), key));
			assert_eq!(key_status(key), KeyStatus::Active);
			assert_noop!(
				Certificates::reinstate_issuer_key(signed(LAB), key),
				Error::KeyNotSuspended
			);

			advance_to(5);
			assert_ok!(Certificates::suspend_issuer_key(signed(KARNATAKA), key));
			assert_eq!(key_status(key), KeyStatus::Suspended { at: 5, by_authority: true });
			assert_ok!(Certificates::reinstate_issuer_key(RuntimeOrigin::root(), key));
			assert_ok!(Certificates::suspend_issuer_key(RuntimeOrigin::root(), key));
			assert_ok!(Certificates::reinstate_issuer_key(signed(INDIA), key));
		});
	}

	#[test]
	fn a_key_an_authority_suspended_is_reinstated_only_by_an_authority() {
		new_test_ext().execute_with(|| {
			let key = lab_key();
			assert_ok!(Certificates::suspend_issuer_key(signed(KARNATAKA), key));
			assert_noop!(
				Certificates::reinstate_issuer_key(signed(LAB), key),
				Error::SuspendedByAuthority
			);
			assert_ok!(Certificates::reinstate_issuer_key(signed(KARNATAKA), key));
		});
	}

	#[test]
	fn an_authority_over_the_issuer_or_the_council_suspends_an_issuer() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				Certificates::suspend_issuer(signed(KARNATAKA), LAB),
				Error::UnknownIssuer
			);
			lab_key();
			assert_noop!(
				Certificates::suspend_issuer(signed(LAB), LAB),
				Error::NotAuthorityOverIssuer
			);
			assert_noop!(
				Certificates::suspend_issuer(signed(MAHARASHTRA), LAB),
				Error::NotAuthorityOverIssuer
			);
			assert_noop!(
				Certificates::reinstate_issuer(signed(KARNATAKA), LAB),
				Error::IssuerNotSuspended
			);

			advance_to(3);
			assert_ok!(Certificates::suspend_issuer(signed(KARNATAKA), LAB));
			System::assert_last_event(Event::IssuerSuspended { org: LAB }.into());
			assert_eq!(Certificates::trust_list().suspended_issuers, vec![(LAB, 3)]);
			assert_noop!(
				Certificates::suspend_issuer(RuntimeOrigin::root(), LAB),
				Error::IssuerIsSuspended
			);
			assert_ok!(Certificates::reinstate_issuer(RuntimeOrigin::root(), LAB));
			assert!(Certificates::trust_list().suspended_issuers.is_empty());
		});
	}
}

mod issuing {
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
				Event::CertificateIssued { id, issuer: LAB, kind: CertificateKind::Infectivity }
					.into(),
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
			assert_noop!(
				attempt(PLAIN_CLINIC, key, CertificateKind::Infectivity),
				Error::NotAnIssuer
			);
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
			assert_noop!(
				attempt(CertificateKind::Vaccination, None),
				Error::LotOnlyForVaccinations
			);
			assert_noop!(
				attempt(CertificateKind::Recovery, Some(VACCINE_LOT)),
				Error::LotOnlyForVaccinations
			);
			assert_noop!(attempt(CertificateKind::Vaccination, Some(99)), Error::UnknownLot);
			assert_noop!(
				attempt(CertificateKind::Vaccination, Some(KIT_LOT)),
				Error::NotAVaccineLot
			);
			add_lot(3, healthnet_primitives::supply::ProductKind::Vaccine);
			recall(3);
			assert_noop!(attempt(CertificateKind::Vaccination, Some(3)), Error::LotWasRecalled);
			assert_ok!(attempt(CertificateKind::Vaccination, Some(VACCINE_LOT)));
			assert_eq!(crate::Certificates::<Test>::get([1; 16]).unwrap().lot, Some(VACCINE_LOT));
		});
	}
}

mod updating {
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
			assert_eq!(
				Certificates::verify(id, 1, payload(80)),
				Verdict::Superseded { by: 2, at: 4 }
			);
			assert!(Certificates::verify(id, 2, payload(10)).is_valid());
			assert_eq!(
				Certificates::verify(id, 3, payload(10)),
				Verdict::UnknownVersion { latest: 2 }
			);
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
}

mod states {
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
				Certificates::revoke_certificate(
					signed(MAHARASHTRA),
					id,
					RevocationReason::Fraudulent
				),
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
				Certificates::revoke_certificate(
					signed(LAB),
					[9; 16],
					RevocationReason::Fraudulent
				),
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
}

mod verdicts {
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
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	/// One call of a random sequence.
	#[derive(Clone, Debug)]
	enum Step {
		AddKey { org: usize, seed: u8, kinds: u8 },
		SuspendKey { org: usize, seed: u8 },
		ReinstateKey { org: usize, seed: u8 },
		RemoveKey { org: usize, seed: u8 },
		SuspendIssuer { org: usize, issuer: usize },
		ReinstateIssuer { org: usize, issuer: usize },
		Issue { org: usize, cert: u8, kind: u8, seed: u8, lot: Option<LotId> },
		Update { org: usize, cert: u8, seed: u8, payload: u8 },
		Revoke { org: usize, cert: u8 },
		Suspend { org: usize, cert: u8 },
		Reinstate { org: usize, cert: u8 },
		Recall { lot: LotId },
		Tick,
	}

	fn step() -> impl Strategy<Value = Step> {
		// Anyone, the council included (the index past the end), for the checks of origins;
		// mostly the two issuers, so that keys and certificates exist for the later steps.
		let org = prop_oneof![1 => 0..ORGS.len() + 1, 3 => prop_oneof![Just(2usize), Just(3usize)]];
		let seed = 1..4u8;
		let cert = 1..5u8;
		prop_oneof![
			2 => (org.clone(), seed.clone(), prop_oneof![1 => 0..32u8, 3 => Just(15u8)])
				.prop_map(|(org, seed, kinds)| Step::AddKey { org, seed, kinds }),
			1 => (org.clone(), seed.clone()).prop_map(|(org, seed)| Step::SuspendKey { org, seed }),
			1 => (org.clone(), seed.clone()).prop_map(|(org, seed)| Step::ReinstateKey { org, seed }),
			1 => (org.clone(), seed.clone()).prop_map(|(org, seed)| Step::RemoveKey { org, seed }),
			1 => (0..ORGS.len() + 1, 0..ORGS.len())
				.prop_map(|(org, issuer)| Step::SuspendIssuer { org, issuer }),
			1 => (0..ORGS.len() + 1, 0..ORGS.len())
				.prop_map(|(org, issuer)| Step::ReinstateIssuer { org, issuer }),
			4 => (org.clone(), cert.clone(), 0..4u8, seed.clone(), proptest::option::of(1..4u32))
				.prop_map(|(org, cert, kind, seed, lot)| Step::Issue { org, cert, kind, seed, lot }),
			3 => (org.clone(), cert.clone(), seed, 0..4u8)
				.prop_map(|(org, cert, seed, payload)| Step::Update { org, cert, seed, payload }),
			1 => (0..ORGS.len() + 1, cert.clone()).prop_map(|(org, cert)| Step::Revoke { org, cert }),
			1 => (org.clone(), cert.clone()).prop_map(|(org, cert)| Step::Suspend { org, cert }),
			1 => (org, cert).prop_map(|(org, cert)| Step::Reinstate { org, cert }),
			1 => (1..4u32).prop_map(|lot| Step::Recall { lot }),
			1 => Just(Step::Tick),
		]
	}

	/// The origin of organisation `ORGS[index]`, or the council for the index past the end.
	fn origin(index: usize) -> RuntimeOrigin {
		ORGS.get(index).map_or_else(RuntimeOrigin::root, |org| signed(*org))
	}

	fn run(step: &Step) -> DispatchResult {
		let kind = |k: u8| CertificateKind::ALL[k as usize % 4];
		match step.clone() {
			Step::AddKey { org, seed, kinds } => Certificates::add_issuer_key(
				origin(org),
				public(seed),
				Kinds(kinds),
				NOW - DAY,
				NOW + DAY,
			),
			Step::SuspendKey { org, seed } => {
				Certificates::suspend_issuer_key(origin(org), key_id(&public(seed)))
			},
			Step::ReinstateKey { org, seed } => {
				Certificates::reinstate_issuer_key(origin(org), key_id(&public(seed)))
			},
			Step::RemoveKey { org, seed } => {
				Certificates::remove_issuer_key(origin(org), key_id(&public(seed)))
			},
			Step::SuspendIssuer { org, issuer } => {
				Certificates::suspend_issuer(origin(org), ORGS[issuer])
			},
			Step::ReinstateIssuer { org, issuer } => {
				Certificates::reinstate_issuer(origin(org), ORGS[issuer])
			},
			Step::Issue { org, cert, kind: k, seed, lot } => Certificates::issue_certificate(
				origin(org),
				[cert; 16],
				kind(k),
				H256::repeat_byte(cert),
				key_id(&public(seed)),
				payload(0),
				NOW - DAY,
				NOW + DAY,
				lot,
			),
			Step::Update { org, cert, seed, payload: p } => Certificates::update_certificate(
				origin(org),
				[cert; 16],
				key_id(&public(seed)),
				payload(p),
				NOW - DAY,
				NOW + DAY,
			),
			Step::Revoke { org, cert } => Certificates::revoke_certificate(
				origin(org),
				[cert; 16],
				RevocationReason::Fraudulent,
			),
			Step::Suspend { org, cert } => {
				Certificates::suspend_certificate(origin(org), [cert; 16])
			},
			Step::Reinstate { org, cert } => {
				Certificates::reinstate_certificate(origin(org), [cert; 16])
			},
			Step::Recall { lot } => {
				if TestLots::recalled_at(lot).is_none() {
					recall(lot);
				}
				Ok(())
			},
			Step::Tick => {
				advance_to(System::block_number() + 1);
				Ok(())
			},
		}
	}

	/// What holds after every step: versions are whole and only the newest is live; every
	/// certificate's versions name keys of its issuer; the verdict of every version follows
	/// from the state; key counts equal the keys held.
	fn check_invariants() {
		for (id, certificate) in crate::Certificates::<Test>::iter() {
			for version in 1..=certificate.version {
				let stored = Versions::<Test>::get(id, version).expect("every version is stored");
				assert_eq!(stored.superseded_at.is_none(), version == certificate.version);
				let key = IssuerKeys::<Test>::get(stored.key).expect("keys are never deleted");
				assert_eq!(key.org, certificate.issuer);
				let verdict = Certificates::verify(id, version, stored.payload_hash);
				let expected_live = matches!(certificate.state, CertificateState::Active)
					&& version == certificate.version
					&& !SuspendedIssuers::<Test>::contains_key(certificate.issuer)
					&& key.status == KeyStatus::Active
					&& certificate.lot.is_none_or(|lot| TestLots::recalled_at(lot).is_none());
				assert_eq!(verdict.is_valid(), expected_live, "{verdict:?} of {certificate:?}");
				if let CertificateState::Revoked { reason, at } = certificate.state {
					assert_eq!(verdict, Verdict::Revoked { reason, at });
				}
			}
			assert!(!Versions::<Test>::contains_key(id, certificate.version + 1));
			assert!(certificate.version <= MaxVersions::get());
		}
		for org in ORGS {
			let held = IssuerKeys::<Test>::iter_values().filter(|key| key.org == org).count();
			assert_eq!(KeyCount::<Test>::get(org) as usize, held);
			assert!(held as u32 <= MaxKeysPerIssuer::get());
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]

		#[test]
		fn no_call_half_applies_and_verdicts_follow_the_state(
			steps in proptest::collection::vec(step(), 1..60)
		) {
			new_test_ext().execute_with(|| {
				// Both issuers hold a key, and the laboratory has issued two certificates, so
				// that the random steps find something to change.
				add_lot(3, healthnet_primitives::supply::ProductKind::Vaccine);
				let key = add_key(LAB, 1, &CertificateKind::ALL);
				add_key(CLINIC, 2, &CertificateKind::ALL);
				infectivity(key, 1);
				issue(key, 2, CertificateKind::Vaccination, Some(VACCINE_LOT));
				for step in &steps {
					let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
					let result = run(step);
					if result.is_err() {
						let after = sp_io::storage::root(sp_runtime::StateVersion::V1);
						prop_assert_eq!(before, after, "{:?} failed with {:?} but changed storage", step, result);
					}
					check_invariants();
				}
				Ok(())
			})?;
		}
	}
}
