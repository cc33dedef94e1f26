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
			None,
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
				count: 1,
				last_block: 4,
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
			until(),
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
				declaration: 0,
			}
			.into(),
		);
		assert_eq!(
			Records::emergency_accesses(HOSPITAL),
			EmergencyTally { declared: 1, justified: 0, abusive: 0 }
		);
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

fn declare(org: OrgId, record: RecordId) -> frame_support::dispatch::DispatchResult {
	Records::declare_emergency(
		RuntimeOrigin::signed(account(org)),
		record,
		EmergencyReason::PatientUnconscious,
	)
}

fn review(who: u64, declaration: DeclarationId, verdict: Verdict) -> DispatchResult {
	Records::review_emergency(RuntimeOrigin::signed(who), declaration, verdict)
}

use frame_support::dispatch::DispatchResult;

/// The attack: a reader with a consent loops `record_access` (the trail had a hard limit, and
/// a full trail refused every later access, write and emergency on the record for good).
#[test]
fn a_reader_looping_record_access_cannot_make_another_organisations_access_fail() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_ok!(grant(0, record, treatment(HOSPITAL, Access::Read, None), 1));
		for round in 0..200u64 {
			System::set_block_number(2 + round / 4);
			// Whatever it reads, over and over, it can only add to lines or be refused.
			let _ =
				read(HOSPITAL, record, AccessTarget::Entry((round % 2) as u32), Purpose::Treatment);
			let _ = read(
				HOSPITAL,
				record,
				AccessTarget::Type(ResourceType::ALL[(round % 9) as usize]),
				Purpose::Treatment,
			);
		}
		// The clinic still reads and writes, another provider still breaks the glass.
		assert_ok!(read(CLINIC, record, AccessTarget::Entry(0), Purpose::Treatment));
		assert_ok!(Records::add_entry(
			RuntimeOrigin::signed(account(CLINIC)),
			record,
			ResourceType::Condition,
			H256::repeat_byte(9),
			None,
		));
		testing::update(LAB, |o| o.capabilities = Capabilities::of(&[Capability::ProvideCare]));
		assert_ok!(declare(LAB, record));
		assert_ok!(read(LAB, record, AccessTarget::Entry(1), Purpose::EmergencyTreatment));
		// And the patient still signs.
		assert_ok!(grant(0, record, treatment(INSTITUTE, Access::Read, None).research(), 2));
		// The looping reader opened at most its daily lines.
		let hospital_lines =
			Records::audit_trail(record, 0, 100).iter().filter(|line| line.org == HOSPITAL).count()
				as u32;
		assert!(hospital_lines <= MaxReadLinesPerDay::get(), "{hospital_lines} lines");
	});
}

#[test]
fn repeated_reads_of_a_target_join_one_line_with_a_count() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_ok!(grant(0, record, treatment(HOSPITAL, Access::Read, None), 1));
		System::set_block_number(3);
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment));
		System::set_block_number(7);
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment));
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment));
		let trail = Records::audit_trail(record, 0, 100);
		assert_eq!(trail.len(), 3);
		assert_eq!((trail[2].block, trail[2].count, trail[2].last_block), (3, 3, 7));
		assert_eq!(
			Records::audited_access(
				record,
				account(HOSPITAL),
				AccessTarget::Entry(0),
				Purpose::Treatment
			),
			Some(AccessMark { line: 2, opened: 3, last: 7 })
		);
		// Another target, or the same after the period from the line's first block, is a line.
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(1), Purpose::Treatment));
		System::set_block_number(3 + AuditCoalescePeriod::get());
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment));
		let trail = Records::audit_trail(record, 0, 100);
		assert_eq!(trail.len(), 5);
		assert_eq!(trail[4].action, AuditAction::ReadEntry(0));
		assert_eq!(
			Records::audited_access(
				record,
				account(HOSPITAL),
				AccessTarget::Entry(0),
				Purpose::Treatment
			)
			.map(|mark| mark.line),
			Some(4)
		);
		// Under another grant (an emergency after the consent's revocation), a new line.
		assert_ok!(Records::revoke_consent(
			RuntimeOrigin::signed(account(CLINIC)),
			record,
			1,
			2,
			until(),
			signed(0, &record, 2, PatientStatement::RevokeConsent { consent: 1 }),
		));
		assert_ok!(declare(HOSPITAL, record));
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment));
		let trail = Records::audit_trail(record, 0, 100);
		assert!(matches!(trail.last().unwrap().grant, Grant::Emergency { .. }));
	});
}

#[test]
fn a_reader_opens_at_most_its_daily_read_lines_and_only_it_is_refused() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_ok!(grant(0, record, treatment(HOSPITAL, Access::Read, None), 1));
		for t in ResourceType::ALL.iter().take(MaxReadLinesPerDay::get() as usize) {
			assert_ok!(read(HOSPITAL, record, AccessTarget::Type(*t), Purpose::Treatment));
		}
		let before = root();
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment),
			Error::<Test>::TooManyReads
		);
		assert_eq!(root(), before);
		// A read that joins a line still passes; the clinic is not limited by the hospital.
		assert_ok!(read(
			HOSPITAL,
			record,
			AccessTarget::Type(ResourceType::ALL[0]),
			Purpose::Treatment
		));
		assert_ok!(read(CLINIC, record, AccessTarget::Entry(0), Purpose::Treatment));
		// The next day it may open lines again.
		set_now(NOON + 86_400_000);
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::Treatment));
	});
}

/// The attack: break-glass wrote as well as read.
#[test]
fn an_emergency_reads_but_does_not_write() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_ok!(declare(HOSPITAL, record));
		assert_ok!(read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::EmergencyTreatment));
		assert_noop!(
			Records::add_entry(
				RuntimeOrigin::signed(account(HOSPITAL)),
				record,
				ResourceType::Observation,
				H256::repeat_byte(7),
				None,
			),
			Error::<Test>::EmergencyReadOnly
		);
		assert_noop!(
			Records::add_entry(
				RuntimeOrigin::signed(account(HOSPITAL)),
				record,
				ResourceType::Observation,
				H256::repeat_byte(7),
				Some(0),
			),
			Error::<Test>::EmergencyReadOnly
		);
	});
}

/// The attack: an emergency could be declared again and again to extend itself, without end.
#[test]
fn one_open_emergency_per_record_and_a_few_a_day() {
	new_test_ext().execute_with(|| {
		let records: Vec<RecordId> = (0..4).map(enrolled).collect();
		assert_ok!(declare(HOSPITAL, records[0]));
		let before = root();
		assert_noop!(declare(HOSPITAL, records[0]), Error::<Test>::EmergencyAlreadyOpen);
		assert_eq!(root(), before);
		for record in &records[1..MaxEmergenciesPerDay::get() as usize] {
			assert_ok!(declare(HOSPITAL, *record));
		}
		assert_noop!(
			declare(HOSPITAL, records[MaxEmergenciesPerDay::get() as usize]),
			Error::<Test>::TooManyEmergencies
		);
		// Once the first has ended, a new declaration on it is allowed the next day.
		System::set_block_number(2 + EmergencyAccessDuration::get());
		assert_noop!(declare(HOSPITAL, records[0]), Error::<Test>::TooManyEmergencies);
		set_now(NOON + 86_400_000);
		assert_ok!(declare(HOSPITAL, records[0]));
		assert_eq!(Records::emergency_accesses(HOSPITAL).declared, 4);
	});
}

#[test]
fn an_authority_admin_reviews_each_declaration_within_its_period() {
	new_test_ext().execute_with(|| {
		let record = with_entries();
		assert_ok!(declare(HOSPITAL, record));
		assert_ok!(declare(CLINIC, record));
		testing::add_operator(11, KARNATAKA);
		let before = root();
		// Not an operator of the authority, not another region's authority, not the hospital.
		for who in [11, account(KERALA), account(HOSPITAL)] {
			assert_noop!(review(who, 0, Verdict::Abusive), Error::<Test>::NotAuthorityOverDeclarer);
		}
		assert_noop!(
			review(account(KARNATAKA), 9, Verdict::Abusive),
			Error::<Test>::UnknownDeclaration
		);
		assert_eq!(root(), before);
		// Abusive: the access ends at once and counts against the hospital.
		assert_ok!(review(account(KARNATAKA), 0, Verdict::Abusive));
		System::assert_last_event(
			Event::EmergencyReviewed {
				declaration: 0,
				record,
				org: HOSPITAL,
				verdict: Verdict::Abusive,
				by: KARNATAKA,
			}
			.into(),
		);
		assert_noop!(
			read(HOSPITAL, record, AccessTarget::Entry(0), Purpose::EmergencyTreatment),
			Error::<Test>::NoConsent
		);
		assert_eq!(
			Records::emergency_accesses(HOSPITAL),
			EmergencyTally { declared: 1, justified: 0, abusive: 1 }
		);
		assert_eq!(Records::emergency_declaration(0).unwrap().verdict, Some(Verdict::Abusive));
		assert_noop!(
			review(account(KARNATAKA), 0, Verdict::Justified),
			Error::<Test>::AlreadyReviewed
		);
		// After its period, a declaration is no longer reviewed.
		System::set_block_number(2 + EmergencyReviewPeriod::get());
		assert_noop!(
			review(account(KARNATAKA), 1, Verdict::Justified),
			Error::<Test>::ReviewPeriodOver
		);
		System::set_block_number(1 + EmergencyReviewPeriod::get());
		assert_ok!(review(account(KARNATAKA), 1, Verdict::Justified));
		assert_eq!(Records::emergency_accesses(CLINIC).justified, 1);
	});
}
