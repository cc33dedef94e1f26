//! Adding entries: who may write, pointers, corrections and the limits.

use super::*;

fn hash(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn add(
	who: OrgId,
	record: RecordId,
	t: ResourceType,
	n: u8,
	supersedes: Option<EntryIndex>,
) -> DispatchResult {
	Records::add_entry(
		RuntimeOrigin::signed(account(who)),
		record,
		t,
		hash(n),
		pointer_to(&hash(n)),
		supersedes,
	)
}

use frame_support::dispatch::DispatchResult;

#[test]
fn the_enrolling_provider_adds_an_entry_and_the_write_is_audited() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		assert_ok!(add(CLINIC, record, ResourceType::Observation, 1, None));
		System::assert_last_event(
			Event::EntryAdded {
				record,
				entry: 0,
				resource_type: ResourceType::Observation,
				author: CLINIC,
				supersedes: None,
			}
			.into(),
		);
		let entry = Entries::<Test>::get(record, 0).unwrap();
		assert_eq!((entry.content_hash, entry.author, entry.at), (hash(1), CLINIC, NOON));
		let audit = AuditTrail::<Test>::get(record, 0).unwrap();
		assert_eq!(audit.action, AuditAction::AddedEntry(0));
		assert_eq!(
			(audit.org, audit.account, audit.grant),
			(CLINIC, account(CLINIC), Grant::Consent(0))
		);
		let info = Records::record(record).unwrap();
		assert_eq!((info.entries, info.audits), (1, 1));
	});
}

#[test]
fn a_provider_without_write_consent_cannot_add() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let before = root();
		assert_noop!(
			add(HOSPITAL, record, ResourceType::Observation, 1, None),
			Error::<Test>::NoConsent
		);
		assert_noop!(
			add(LAB, record, ResourceType::Observation, 1, None),
			Error::<Test>::CannotProvideCare
		);
		// A read consent does not let the hospital write.
		let terms = ConsentTerms {
			grantee: HOSPITAL,
			scope: Scope::All,
			purpose: Purpose::Treatment,
			access: Access::Read,
			expires: None,
		};
		assert_ok!(Records::grant_consent(
			RuntimeOrigin::signed(account(HOSPITAL)),
			record,
			terms,
			1,
			signed(0, &record, 1, PatientStatement::GrantConsent(terms)),
		));
		let granted = root();
		assert_noop!(
			add(HOSPITAL, record, ResourceType::Observation, 1, None),
			Error::<Test>::ConsentReadOnly
		);
		assert_eq!(root(), granted);
		assert_ne!(root(), before);
	});
}

#[test]
fn a_pointer_must_name_the_document_by_its_hash() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		let clinic = RuntimeOrigin::signed(account(CLINIC));
		let wrong = pointer_to(&hash(2));
		assert_noop!(
			Records::add_entry(
				clinic.clone(),
				record,
				ResourceType::Observation,
				hash(1),
				wrong,
				None
			),
			Error::<Test>::PointerNotContentAddressed
		);
		let named: Pointer<Test> = format!("https://gk.example/asha-rao/{}", "01".repeat(32))
			.into_bytes()
			.try_into()
			.unwrap();
		assert_ok!(Records::add_entry(
			clinic.clone(),
			record,
			ResourceType::Observation,
			hash(1),
			named,
			None
		));
		let with_query: Pointer<Test> =
			format!("https://gk.example/d?name=asha/{}", "01".repeat(32))
				.into_bytes()
				.try_into()
				.unwrap();
		assert_noop!(
			Records::add_entry(
				clinic,
				record,
				ResourceType::Observation,
				hash(1),
				with_query,
				None
			),
			Error::<Test>::PointerNotContentAddressed
		);
	});
}

#[test]
fn an_oversized_pointer_is_refused_when_the_call_is_decoded() {
	use codec::Decode;
	let long = vec![b'a'; MaxPointerLength::get() as usize + 1];
	assert!(Pointer::<Test>::decode(&mut &codec::Encode::encode(&long)[..]).is_err());
}

#[test]
fn a_correction_supersedes_an_entry_of_the_same_type_once() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		assert_ok!(add(CLINIC, record, ResourceType::Observation, 1, None));
		assert_ok!(add(CLINIC, record, ResourceType::Condition, 2, None));
		assert_noop!(
			add(CLINIC, record, ResourceType::Condition, 3, Some(0)),
			Error::<Test>::SupersedesOtherType
		);
		assert_noop!(
			add(CLINIC, record, ResourceType::Observation, 3, Some(5)),
			Error::<Test>::UnknownEntry
		);
		assert_ok!(add(CLINIC, record, ResourceType::Observation, 3, Some(0)));
		assert_eq!(Entries::<Test>::get(record, 0).unwrap().superseded_by, Some(2));
		assert_eq!(Entries::<Test>::get(record, 2).unwrap().supersedes, Some(0));
		assert_noop!(
			add(CLINIC, record, ResourceType::Observation, 4, Some(0)),
			Error::<Test>::AlreadySuperseded
		);
		// The superseded entry stays readable.
		assert_eq!(Records::entries(record, 0, 10).len(), 3);
	});
}

#[test]
fn a_record_holds_at_most_its_entries() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		for n in 0..MaxEntriesPerRecord::get() as u8 {
			assert_ok!(add(CLINIC, record, ResourceType::Encounter, n, None));
		}
		assert_noop!(
			add(CLINIC, record, ResourceType::Encounter, 99, None),
			Error::<Test>::TooManyEntries
		);
	});
}
