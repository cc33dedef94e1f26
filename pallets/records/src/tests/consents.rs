//! Consents the patient signs offline and a member relays: grants, revocations, and what is
//! refused (another key, another chain, a replay, bad terms, someone else's consent).

use super::*;

pub(crate) fn treatment(grantee: OrgId, access: Access, expires: Option<Moment>) -> ConsentTerms {
	ConsentTerms { grantee, scope: Scope::All, purpose: Purpose::Treatment, access, expires }
}

/// The same terms, for research.
pub(crate) trait ForResearch {
	fn research(self) -> Self;
}
impl ForResearch for ConsentTerms {
	fn research(self) -> Self {
		ConsentTerms { purpose: Purpose::Research, ..self }
	}
}

/// The patient (the `index`th) grants `terms` with `nonce`, relayed by the clinic.
pub(crate) fn grant(
	index: u32,
	record: RecordId,
	terms: ConsentTerms,
	nonce: u64,
) -> frame_support::dispatch::DispatchResult {
	Records::grant_consent(
		RuntimeOrigin::signed(account(CLINIC)),
		record,
		terms,
		nonce,
		until(),
		signed(index, &record, nonce, PatientStatement::GrantConsent(terms)),
	)
}

#[test]
fn a_consent_signed_offline_is_granted_when_any_member_relays_it() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let terms = treatment(HOSPITAL, Access::Read, Some(NOON + 3_600_000));
		assert_ok!(Records::grant_consent(
			RuntimeOrigin::signed(account(LAB)),
			record,
			terms,
			1,
			until(),
			signed(0, &record, 1, PatientStatement::GrantConsent(terms)),
		));
		System::assert_last_event(
			Event::ConsentGranted {
				record,
				consent: 1,
				grantee: HOSPITAL,
				purpose: Purpose::Treatment,
				access: Access::Read,
			}
			.into(),
		);
		assert_eq!(Records::record(record).unwrap().nonce, 1);
		assert_eq!(LiveConsents::<Test>::get(record, HOSPITAL).into_inner(), vec![1]);
		let views = Records::consents(record, 0);
		assert_eq!(
			views.iter().map(|c| c.terms.grantee).collect::<Vec<_>>(),
			vec![CLINIC, HOSPITAL]
		);
	});
}

#[test]
fn a_statement_signed_by_another_key_or_for_another_chain_is_refused() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		enrolled(1);
		let terms = treatment(HOSPITAL, Access::Read, None);
		let statement = PatientStatement::GrantConsent(terms);
		let other_chain = sp_runtime::MultiSignature::from(patient(0).sign(&patient_payload(
			&H256::repeat_byte(1),
			&record,
			1,
			until(),
			&statement,
		)));
		let other_record =
			signed(0, &record_id(&genesis(), &key_of(&patient(1))), 1, statement.clone());
		for signature in [signed(1, &record, 1, statement.clone()), other_chain, other_record] {
			assert_noop!(
				Records::grant_consent(
					RuntimeOrigin::signed(account(CLINIC)),
					record,
					terms,
					1,
					until(),
					signature,
				),
				Error::<Test>::BadPatientSignature
			);
		}
		// Terms changed after signing.
		let wider = treatment(HOSPITAL, Access::ReadWrite, None);
		assert_noop!(
			Records::grant_consent(
				RuntimeOrigin::signed(account(CLINIC)),
				record,
				wider,
				1,
				until(),
				signed(0, &record, 1, statement),
			),
			Error::<Test>::BadPatientSignature
		);
	});
}

#[test]
fn a_replayed_or_outdated_statement_is_refused() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let terms = treatment(HOSPITAL, Access::Read, None);
		assert_ok!(grant(0, record, terms, 5));
		assert_noop!(grant(0, record, terms, 5), Error::<Test>::StaleNonce);
		assert_noop!(grant(0, record, terms, 4), Error::<Test>::StaleNonce);
		assert_ok!(grant(0, record, terms, 6));
	});
}

#[test]
fn only_a_member_relays_a_patients_statement() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let terms = treatment(HOSPITAL, Access::Read, None);
		assert_noop!(
			Records::grant_consent(
				RuntimeOrigin::signed(999),
				record,
				terms,
				1,
				until(),
				signed(0, &record, 1, PatientStatement::GrantConsent(terms)),
			),
			Error::<Test>::NotAMember
		);
	});
}

#[test]
fn consent_terms_are_checked() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let mut terms = treatment(HOSPITAL, Access::Read, Some(NOON));
		assert_noop!(grant(0, record, terms, 1), Error::<Test>::ExpiryInPast);
		terms.expires = None;
		terms.scope = Scope::Only(ResourceTypes(0));
		assert_noop!(grant(0, record, terms, 1), Error::<Test>::EmptyScope);
		terms.scope = Scope::Only(ResourceTypes(1 << 13));
		assert_noop!(grant(0, record, terms, 1), Error::<Test>::EmptyScope);
		// Treatment needs a care provider, research a research reader, writing a care provider.
		assert_noop!(
			grant(0, record, treatment(INSTITUTE, Access::Read, None), 1),
			Error::<Test>::GranteeNotEligible
		);
		let research =
			ConsentTerms { purpose: Purpose::Research, ..treatment(INSTITUTE, Access::Read, None) };
		assert_ok!(grant(0, record, research, 1));
		let writing = ConsentTerms { access: Access::ReadWrite, ..research };
		assert_noop!(grant(0, record, writing, 2), Error::<Test>::GranteeNotEligible);
		let public_health = ConsentTerms {
			purpose: Purpose::PublicHealth,
			..treatment(KARNATAKA, Access::Read, None)
		};
		assert_ok!(grant(0, record, public_health, 2));
		assert_noop!(
			grant(0, record, treatment(77, Access::Read, None), 3),
			Error::<Test>::GranteeNotEligible
		);
	});
}

#[test]
fn the_patient_revokes_a_consent_from_the_block_that_includes_it() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		assert_ok!(grant(0, record, treatment(HOSPITAL, Access::Read, None), 1));
		assert_ok!(Records::revoke_consent(
			RuntimeOrigin::signed(account(HOSPITAL)),
			record,
			1,
			2,
			until(),
			signed(0, &record, 2, PatientStatement::RevokeConsent { consent: 1 }),
		));
		System::assert_last_event(
			Event::ConsentRevoked { record, consent: 1, grantee: HOSPITAL }.into(),
		);
		assert_eq!(Consents::<Test>::get(record, 1).unwrap().revoked_at, Some(1));
		assert_eq!(
			Records::can_access(
				account(HOSPITAL),
				record,
				ResourceType::Observation,
				Purpose::Treatment
			),
			AccessDecision::Refused(Refusal::ConsentWasRevoked)
		);
		assert_noop!(
			Records::revoke_consent(
				RuntimeOrigin::signed(account(HOSPITAL)),
				record,
				1,
				3,
				until(),
				signed(0, &record, 3, PatientStatement::RevokeConsent { consent: 1 }),
			),
			Error::<Test>::AlreadyRevoked
		);
	});
}

#[test]
fn a_patient_cannot_revoke_someone_elses_consent() {
	new_test_ext().execute_with(|| {
		let mine = enrolled(0);
		let theirs = enrolled(1);
		assert_ok!(grant(1, theirs, treatment(HOSPITAL, Access::Read, None), 1));
		// Patient 0 signs for their own record: the other record's consent 1 is not in it.
		assert_noop!(
			Records::revoke_consent(
				RuntimeOrigin::signed(account(CLINIC)),
				mine,
				1,
				1,
				until(),
				signed(0, &mine, 1, PatientStatement::RevokeConsent { consent: 1 }),
			),
			Error::<Test>::UnknownConsent
		);
		// Nor can patient 0's key sign for the other record.
		assert_noop!(
			Records::revoke_consent(
				RuntimeOrigin::signed(account(CLINIC)),
				theirs,
				1,
				2,
				until(),
				signed(0, &theirs, 2, PatientStatement::RevokeConsent { consent: 1 }),
			),
			Error::<Test>::BadPatientSignature
		);
		assert!(Consents::<Test>::get(theirs, 1).unwrap().revoked_at.is_none());
	});
}

#[test]
fn dead_consents_leave_the_live_list_and_the_limits_hold() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let hour = 3_600_000;
		let live = MaxLiveConsentsPerGrantee::get() as u64;
		for nonce in 1..=live {
			assert_ok!(grant(
				0,
				record,
				treatment(HOSPITAL, Access::Read, Some(NOON + nonce * hour)),
				nonce
			));
		}
		assert_noop!(
			grant(0, record, treatment(HOSPITAL, Access::Read, None), live + 1),
			Error::<Test>::TooManyLiveConsents
		);
		// Once the first has expired, it makes room.
		set_now(NOON + hour);
		assert_ok!(grant(0, record, treatment(HOSPITAL, Access::Read, None), live + 1));
		assert_eq!(LiveConsents::<Test>::get(record, HOSPITAL).len() as u64, live);
		// The record's consents are bounded over its lifetime too.
		let mut nonce = live + 2;
		while Records::record(record).unwrap().consents < MaxConsentsPerRecord::get() {
			let research = ConsentTerms {
				purpose: Purpose::Research,
				..treatment(INSTITUTE, Access::Read, None)
			};
			assert_ok!(grant(0, record, research, nonce));
			assert_ok!(Records::revoke_consent(
				RuntimeOrigin::signed(account(CLINIC)),
				record,
				Records::record(record).unwrap().consents - 1,
				nonce + 1,
				until(),
				signed(
					0,
					&record,
					nonce + 1,
					PatientStatement::RevokeConsent {
						consent: Records::record(record).unwrap().consents - 1
					}
				),
			));
			nonce += 2;
		}
		assert_noop!(
			grant(0, record, treatment(HOSPITAL, Access::Read, None), nonce),
			Error::<Test>::TooManyConsents
		);
	});
}

/// The attack: a relayer held a signed consent back and sent it months later.
#[test]
fn a_statement_is_refused_after_its_validity_and_may_not_be_valid_for_long() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let terms = treatment(HOSPITAL, Access::Read, None);
		let statement = PatientStatement::GrantConsent(terms);
		let valid_until = until();
		let signature = signed(0, &record, 1, statement.clone());
		let relay = |valid_until, signature| {
			Records::grant_consent(
				RuntimeOrigin::signed(account(LAB)),
				record,
				terms,
				1,
				valid_until,
				signature,
			)
		};
		set_now(valid_until + 1);
		assert_noop!(relay(valid_until, signature.clone()), Error::<Test>::StatementExpired);
		// A later moment than the patient signed does not verify.
		assert_noop!(relay(until(), signature), Error::<Test>::BadPatientSignature);
		// Nor may a patient sign a statement that stays valid for months.
		let months = now() + 90 * 86_400_000;
		let long = sp_runtime::MultiSignature::from(patient(0).sign(&patient_payload(
			&genesis(),
			&record,
			1,
			months,
			&statement,
		)));
		assert_noop!(relay(months, long), Error::<Test>::ValidityTooLong);
		set_now(NOON);
	});
}
