//! Unit tests of the records pallet, one file per part of it: enrolment and keys here,
//! entries, consents, access and emergencies, and the property test over random calls.

mod access;
mod consents;
mod entries;
mod properties;
mod roles;

use frame_support::{assert_noop, assert_ok};
use sp_core::{Pair, H256};
use sp_runtime::AccountId32;

use crate::{mock::*, *};
use healthnet_primitives::{Capabilities, Capability};
use healthnet_testing as testing;

/// The clinic enrols the `index`th patient, who signs the acceptance; returns the record.
pub(crate) fn enrolled(index: u32) -> RecordId {
	let pair = patient(index);
	let record = record_id(&genesis(), &key_of(&pair));
	let statement = PatientStatement::AcceptEnrolment { provider: CLINIC };
	assert_ok!(Records::enrol_patient(
		RuntimeOrigin::signed(account(CLINIC)),
		key_of(&pair),
		until(),
		sign(&pair, &record, 0, &statement),
	));
	record
}

/// The patient of `record` (the `index`th) signs `statement` with `nonce`.
pub(crate) fn signed(
	index: u32,
	record: &RecordId,
	nonce: u64,
	statement: PatientStatement<AccountId32>,
) -> sp_runtime::MultiSignature {
	sign(&patient(index), record, nonce, &statement)
}

/// The storage root, to show that a refused call changed nothing.
pub(crate) fn root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

#[test]
fn a_provider_enrols_a_patient_who_accepts() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let info = Records::record(record).unwrap();
		assert_eq!(info.key, key_of(&patient(0)));
		assert_eq!((info.enrolled_by, info.nonce, info.consents, info.entries), (CLINIC, 0, 1, 0));
		assert_eq!(Records::record_of_key(key_of(&patient(0))), Some(record));
		let consent = Consents::<Test>::get(record, 0).unwrap();
		assert_eq!(consent.terms.grantee, CLINIC);
		assert_eq!((consent.terms.scope, consent.terms.access), (Scope::All, Access::ReadWrite));
		System::assert_last_event(Event::PatientEnrolled { record, provider: CLINIC }.into());
	});
}

#[test]
fn the_record_id_names_neither_the_key_nor_anything_off_this_chain() {
	let key = key_of(&patient(0));
	let id = record_id(&genesis(), &key);
	assert_ne!(id.as_bytes(), key.as_ref() as &[u8]);
	assert_ne!(id, record_id(&H256::repeat_byte(1), &key));
}

#[test]
fn an_enrolled_key_is_not_enrolled_again() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let pair = patient(0);
		let statement = PatientStatement::AcceptEnrolment { provider: HOSPITAL };
		let before = root();
		assert_noop!(
			Records::enrol_patient(
				RuntimeOrigin::signed(account(HOSPITAL)),
				key_of(&pair),
				until(),
				sign(&pair, &record, 0, &statement),
			),
			Error::<Test>::KeyAlreadyEnrolled
		);
		assert_eq!(root(), before);
	});
}

#[test]
fn enrolment_needs_the_patients_signature_for_this_provider() {
	new_test_ext().execute_with(|| {
		let pair = patient(0);
		let key = key_of(&pair);
		let record = record_id(&genesis(), &key);
		let for_hospital = PatientStatement::AcceptEnrolment { provider: HOSPITAL };
		// Signed for another provider, by another key, for another chain.
		let refused = [
			sign(&pair, &record, 0, &for_hospital),
			signed(1, &record, 0, PatientStatement::AcceptEnrolment { provider: CLINIC }),
			sp_runtime::MultiSignature::from(pair.sign(&patient_payload(
				&H256::repeat_byte(1),
				&record,
				0,
				until(),
				&PatientStatement::<AccountId32>::AcceptEnrolment { provider: CLINIC },
			))),
		];
		for signature in refused {
			assert_noop!(
				Records::enrol_patient(
					RuntimeOrigin::signed(account(CLINIC)),
					key.clone(),
					until(),
					signature,
				),
				Error::<Test>::BadPatientSignature
			);
		}
	});
}

#[test]
fn only_an_active_care_provider_enrols() {
	new_test_ext().execute_with(|| {
		let pair = patient(0);
		let record = record_id(&genesis(), &key_of(&pair));
		let enrol = |org: OrgId, who: u64| {
			let statement = PatientStatement::AcceptEnrolment { provider: org };
			Records::enrol_patient(
				RuntimeOrigin::signed(who),
				key_of(&pair),
				until(),
				sign(&pair, &record, 0, &statement),
			)
		};
		assert_noop!(enrol(LAB, account(LAB)), Error::<Test>::CannotProvideCare);
		assert_noop!(enrol(CLINIC, 999), Error::<Test>::NotAMember);
		testing::update(CLINIC, |o| o.active = false);
		assert_noop!(enrol(CLINIC, account(CLINIC)), Error::<Test>::OrganisationNotActive);
		assert_noop!(
			Records::enrol_patient(
				RuntimeOrigin::root(),
				key_of(&pair),
				until(),
				sign(&pair, &record, 0, &PatientStatement::AcceptEnrolment { provider: CLINIC }),
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_patient_moves_the_record_to_a_new_key_and_the_old_one_is_retired() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let new_key = key_of(&patient(9));
		let statement = PatientStatement::MoveKey { new_key: new_key.clone() };
		assert_ok!(Records::move_key(
			RuntimeOrigin::signed(account(HOSPITAL)),
			record,
			new_key.clone(),
			1,
			until(),
			signed(0, &record, 1, statement),
		));
		System::assert_last_event(Event::KeyMoved { record }.into());
		assert_eq!(Records::record(record).unwrap().key, new_key);
		// The old key can neither sign for the record nor be enrolled again.
		let grant = PatientStatement::RevokeConsent { consent: 0 };
		assert_noop!(
			Records::revoke_consent(
				RuntimeOrigin::signed(account(CLINIC)),
				record,
				0,
				2,
				until(),
				signed(0, &record, 2, grant.clone()),
			),
			Error::<Test>::BadPatientSignature
		);
		assert_ok!(Records::revoke_consent(
			RuntimeOrigin::signed(account(CLINIC)),
			record,
			0,
			2,
			until(),
			signed(9, &record, 2, grant),
		));
		let old = patient(0);
		let fresh = record_id(&genesis(), &key_of(&old));
		let accept = PatientStatement::AcceptEnrolment { provider: CLINIC };
		assert_noop!(
			Records::enrol_patient(
				RuntimeOrigin::signed(account(CLINIC)),
				key_of(&old),
				until(),
				sign(&old, &fresh, 0, &accept),
			),
			Error::<Test>::KeyRetired
		);
	});
}

#[test]
fn a_move_to_a_key_in_use_is_refused() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		enrolled(1);
		let taken = key_of(&patient(1));
		let statement = PatientStatement::MoveKey { new_key: taken.clone() };
		assert_noop!(
			Records::move_key(
				RuntimeOrigin::signed(account(CLINIC)),
				record,
				taken,
				1,
				until(),
				signed(0, &record, 1, statement),
			),
			Error::<Test>::KeyAlreadyEnrolled
		);
	});
}

/// The new key's proof that it is held: its signature of [`PatientStatement::AcceptRecovery`]
/// for `provider`, with the record's next nonce.
fn proof(new: u32, record: &RecordId, provider: OrgId) -> sp_runtime::MultiSignature {
	let nonce = Records::record(*record).unwrap().nonce + 1;
	signed(new, record, nonce, PatientStatement::AcceptRecovery { provider })
}

fn request(who: OrgId, record: RecordId, new: u32) -> frame_support::dispatch::DispatchResult {
	Records::request_key_recovery(
		RuntimeOrigin::signed(account(who)),
		record,
		key_of(&patient(new)),
		until(),
		proof(new, &record, who),
	)
}

#[test]
fn a_lost_key_is_recovered_by_the_enrolling_provider_and_its_authority_after_the_delay() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let new_key = key_of(&patient(7));
		assert_noop!(request(HOSPITAL, record, 7), Error::<Test>::NotEnrollingProvider);
		assert_noop!(
			Records::approve_key_recovery(RuntimeOrigin::signed(account(KARNATAKA)), record),
			Error::<Test>::NoRecoveryPending
		);
		assert_ok!(request(CLINIC, record, 7));
		let due = 1 + RecoveryDelay::get();
		System::assert_last_event(
			Event::KeyRecoveryRequested { record, provider: CLINIC, due }.into(),
		);
		assert_eq!(
			Records::pending_recovery(record),
			Some(RecoveryView { new_key: new_key.clone(), requested_at: 1, due })
		);
		assert_noop!(request(CLINIC, record, 7), Error::<Test>::RecoveryPending);
		// Not before its delay, in which the patient may refuse it.
		assert_noop!(
			Records::approve_key_recovery(RuntimeOrigin::signed(account(KARNATAKA)), record),
			Error::<Test>::RecoveryNotDue
		);
		System::set_block_number(due);
		// The provider cannot approve its own request, nor can another region's authority, nor
		// an operator (not an administrator) of the authority.
		for org in [CLINIC, KERALA] {
			assert_noop!(
				Records::approve_key_recovery(RuntimeOrigin::signed(account(org)), record),
				Error::<Test>::NotAuthorityOverProvider
			);
		}
		testing::add_operator(11, KARNATAKA);
		assert_noop!(
			Records::approve_key_recovery(RuntimeOrigin::signed(11), record),
			Error::<Test>::NotAnAdmin
		);
		assert_ok!(Records::approve_key_recovery(
			RuntimeOrigin::signed(account(KARNATAKA)),
			record
		));
		System::assert_last_event(Event::KeyRecovered { record, approved_by: KARNATAKA }.into());
		assert_eq!(Records::record(record).unwrap().key, new_key);
		assert_eq!(Keys::<Test>::get(key_of(&patient(0))).unwrap().retired, true);
		assert!(Recoveries::<Test>::get(record).is_none());
	});
}

/// The attack: a provider asked to move a record to a key it made up (or that it holds), with
/// no proof that anyone holds it.
#[test]
fn a_recovery_needs_the_new_keys_proof_for_this_record_and_provider() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let other = enrolled(1);
		let request_with = |signature| {
			Records::request_key_recovery(
				RuntimeOrigin::signed(account(CLINIC)),
				record,
				key_of(&patient(7)),
				until(),
				signature,
			)
		};
		let before = root();
		for signature in [
			proof(8, &record, CLINIC),   // signed by another key
			proof(7, &other, CLINIC),    // for another record
			proof(7, &record, HOSPITAL), // for another provider
			signed(7, &record, 5, PatientStatement::AcceptRecovery { provider: CLINIC }),
		] {
			assert_noop!(request_with(signature), Error::<Test>::BadPatientSignature);
		}
		assert_eq!(root(), before);
	});
}

/// The attack: a provider and one authority member moved a record the patient still held;
/// the patient had no way to object.
#[test]
fn the_patients_current_key_refuses_a_recovery_and_its_proof_cannot_be_replayed() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let held = proof(7, &record, CLINIC);
		assert_ok!(request(CLINIC, record, 7));
		let refuse = |signer: u32, nonce: u64| {
			Records::refuse_key_recovery(
				RuntimeOrigin::signed(account(HOSPITAL)),
				record,
				nonce,
				until(),
				signed(signer, &record, nonce, PatientStatement::RefuseRecovery),
			)
		};
		// Only the current key refuses; the new key cannot.
		assert_noop!(refuse(7, 1), Error::<Test>::BadPatientSignature);
		assert_ok!(refuse(0, 1));
		System::assert_last_event(Event::KeyRecoveryRefused { record }.into());
		assert_eq!(Records::pending_recovery(record), None);
		assert_noop!(refuse(0, 2), Error::<Test>::NoRecoveryPending);
		// The proof the provider held is stale now: the refusal raised the record's nonce.
		assert_noop!(
			Records::request_key_recovery(
				RuntimeOrigin::signed(account(CLINIC)),
				record,
				key_of(&patient(7)),
				until(),
				held,
			),
			Error::<Test>::BadPatientSignature
		);
		System::set_block_number(1 + RecoveryDelay::get());
		assert_noop!(
			Records::approve_key_recovery(RuntimeOrigin::signed(account(KARNATAKA)), record),
			Error::<Test>::NoRecoveryPending
		);
		assert_eq!(Records::record(record).unwrap().key, key_of(&patient(0)));
	});
}

#[test]
fn a_recovery_is_cancelled_by_the_provider_or_its_authority_only() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		assert_ok!(request(CLINIC, record, 7));
		assert_noop!(
			Records::cancel_key_recovery(RuntimeOrigin::signed(account(HOSPITAL)), record),
			Error::<Test>::NotEnrollingProvider
		);
		assert_ok!(Records::cancel_key_recovery(RuntimeOrigin::signed(account(KARNATAKA)), record));
		System::assert_last_event(Event::KeyRecoveryCancelled { record, by: KARNATAKA }.into());
		assert_noop!(
			Records::approve_key_recovery(RuntimeOrigin::signed(account(KARNATAKA)), record),
			Error::<Test>::NoRecoveryPending
		);
	});
}

#[test]
fn unknown_records_are_refused_everywhere() {
	new_test_ext().execute_with(|| {
		let nowhere = H256::repeat_byte(3);
		let clinic = RuntimeOrigin::signed(account(CLINIC));
		assert_noop!(
			Records::record_access(
				clinic.clone(),
				nowhere,
				AccessTarget::Entry(0),
				Purpose::Treatment
			),
			Error::<Test>::UnknownRecord
		);
		assert_noop!(
			Records::declare_emergency(clinic.clone(), nowhere, EmergencyReason::LifeThreatening),
			Error::<Test>::UnknownRecord
		);
		assert_noop!(
			Records::revoke_consent(
				clinic,
				nowhere,
				0,
				1,
				until(),
				signed(0, &nowhere, 1, PatientStatement::RevokeConsent { consent: 0 }),
			),
			Error::<Test>::UnknownRecord
		);
	});
}
