//! Access decisions and the audit trail: a read is allowed by a consent that covers it at that
//! block or by an emergency access, is audited, and a refused read writes nothing.

use super::{consents::*, *};

fn read(
	org: OrgId,
	record: RecordId,
	target: AccessTarget,
	purpose: Purpose,
) -> frame_support::dispatch::DispatchResult {
	Records::record_access(RuntimeOrigin::signed(account(org)), record, target, purpose)
}

/// A record with an Observation (entry 0) and an Immunization (entry 1) from the clinic.
fn with_entries() -> RecordId {
	let record = enrolled(0);
	for (n, t) in [(1u8, ResourceType::Observation), (2, ResourceType::Immunization)] {
		let hash = H256::repeat_byte(n);
		assert_ok!(Records::add_entry(
			RuntimeOrigin::signed(account(CLINIC)),
			record,
			t,
			hash,
			pointer_to(&hash),
			None
		));
	}
	record
}

#[test]
fn a_consented_read_is_audited_where_the_patient_reads_it() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_ok!(grant(0, record, treatment(HOSPITAL, Access::Read, None), 1));
		System::set_block_number(4);
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment));
		System::assert_last_event(
			Event::RecordAccessed {
				record,
				audit: 2,
				org: HOSPITAL,
				purpose: Purpose::Treatment,
				emergency: false,
			}
			.into(),
		);
		let trail = Records::audit_trail(record, 0, 100);
		assert_eq!(trail.len(), 3);
		assert_eq!(
			trail[2],
			AuditEntry {
				org: HOSPITAL,
				account: account(HOSPITAL),
				action: AuditAction::ReadEntry(0),
				purpose: Purpose::Treatment,
				grant: Grant::Consent(1),
				block: 4,
				at: NOON,
			}
		);
		assert_eq!(Records::audit_trail(record, 2, 1), trail[2..].to_vec());
	});
}

#[test]
fn a_read_without_consent_is_refused_and_writes_nothing() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		let before = root();
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment),
			Error::<Test>::NoConsent
		);
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(9), Purpose::Treatment),
			Error::<Test>::UnknownEntry
		);
		assert_noop!(
			Records::record_access(
				RuntimeOrigin::signed(999),
				record,
				AccessTarget::Entry(0),
				Purpose::Treatment
			),
			Error::<Test>::NotAMember
		);
		assert_eq!(root(), before);
		assert_eq!(
			Records::can_access(999, record, ResourceType::Observation, Purpose::Treatment),
			AccessDecision::Refused(Refusal::NotAMember)
		);
		assert_eq!(
			Records::can_access(
				account(HOSPITAL),
				H256::zero(),
				ResourceType::Observation,
				Purpose::Treatment
			),
			AccessDecision::Refused(Refusal::UnknownRecord)
		);
	});
}

#[test]
fn a_consent_opens_only_its_scope_and_purpose_until_it_expires() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		let only_immunizations = ConsentTerms {
			scope: Scope::Only(ResourceTypes::of(&[ResourceType::Immunization])),
			..treatment(HOSPITAL, Access::Read, Some(NOON + 1_000))
		};
		assert_ok!(grant(0, record, only_immunizations, 1));
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment),
			Error::<Test>::ScopeDoesNotCover
		);
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(1), Purpose::Research),
			Error::<Test>::PurposeNotConsented
		);
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(1), Purpose::Treatment));
		assert_ok!(read(
			HOSPITAL,
			record,
			AccessTarget::Type(ResourceType::Immunization),
			Purpose::Treatment
		));
		set_now(NOON + 1_000);
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(1), Purpose::Treatment),
			Error::<Test>::ConsentExpired
		);
		assert_eq!(
			Records::can_access(
				account(HOSPITAL),
				record,
				ResourceType::Immunization,
				Purpose::Treatment
			),
			AccessDecision::Refused(Refusal::ConsentExpired)
		);
	});
}

#[test]
fn a_revocation_closes_access_from_its_block() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_ok!(grant(0, record, treatment(HOSPITAL, Access::Read, None), 1));
		assert_eq!(
			Records::can_access(
				account(HOSPITAL),
				record,
				ResourceType::Observation,
				Purpose::Treatment
			),
			AccessDecision::Allowed(Grant::Consent(1))
		);
		assert_ok!(Records::revoke_consent(
			RuntimeOrigin::signed(account(CLINIC)),
			record,
			1,
			2,
			signed(0, &record, 2, PatientStatement::RevokeConsent { consent: 1 }),
		));
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment),
			Error::<Test>::ConsentWasRevoked
		);
	});
}

#[test]
fn emergency_access_is_flagged_counted_and_ends() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_noop!(
			Records::declare_emergency(
				RuntimeOrigin::signed(account(LAB)),
				record,
				EmergencyReason::PatientUnconscious
			),
			Error::<Test>::CannotProvideCare
		);
		assert_ok!(Records::declare_emergency(
			RuntimeOrigin::signed(account(HOSPITAL)),
			record,
			EmergencyReason::PatientUnconscious
		));
		let until = 1 + EmergencyAccessDuration::get();
		System::assert_last_event(
			Event::EmergencyAccessDeclared {
				record,
				org: HOSPITAL,
				reason: EmergencyReason::PatientUnconscious,
				until,
			}
			.into(),
		);
		assert_eq!(Records::emergency_accesses(HOSPITAL), 1);
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::EmergencyTreatment));
		System::assert_last_event(
			Event::RecordAccessed {
				record,
				audit: 3,
				org: HOSPITAL,
				purpose: Purpose::EmergencyTreatment,
				emergency: true,
			}
			.into(),
		);
		let trail = Records::audit_trail(record, 0, 100);
		assert_eq!(
			trail[2].action,
			AuditAction::DeclaredEmergency(EmergencyReason::PatientUnconscious)
		);
		assert_eq!(trail[3].grant, Grant::Emergency { until });
		// Not for research, and not after it ends.
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Research),
			Error::<Test>::NoConsent
		);
		System::set_block_number(until + 1);
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::EmergencyTreatment),
			Error::<Test>::NoConsent
		);
	});
}

#[test]
fn a_full_audit_trail_refuses_further_access() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		while Records::record(record).unwrap().audits < MaxAuditEntriesPerRecord::get() {
			assert_ok!(read(CLINIC, record, AccessTarget::Entry(0), Purpose::Treatment));
		}
		assert_noop!(
			read(CLINIC, record, AccessTarget::Entry(0), Purpose::Treatment),
			Error::<Test>::AuditTrailFull
		);
		assert_noop!(
			Records::declare_emergency(
				RuntimeOrigin::signed(account(HOSPITAL)),
				record,
				EmergencyReason::LifeThreatening
			),
			Error::<Test>::AuditTrailFull
		);
	});
}
