//! Adding entries: who may write, document bases and pointers, corrections and the limits.

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
	Records::add_entry(RuntimeOrigin::signed(account(who)), record, t, hash(n), supersedes)
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
			until(),
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

fn set_base(who: u64, base: &[u8]) -> DispatchResult {
	Records::set_document_base(
		RuntimeOrigin::signed(who),
		DocumentBase::<Test>::truncate_from(base.to_vec()),
	)
}

/// The attack: a pointer had ~190 free bytes before its hash, room for a patient's name.
#[test]
fn an_entry_points_to_its_authors_registered_base_and_nothing_else() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		assert_ok!(add(CLINIC, record, ResourceType::Observation, 1, None));
		let view = &Records::entries(record, 0, 1)[0];
		assert_eq!(view.pointer, pointer_of(&base_of(CLINIC), &hash(1)));
		// A new base moves every pointer with it: entries hold no address of their own.
		assert_ok!(set_base(account(CLINIC), b"https://records.clinic.example/d"));
		System::assert_last_event(Event::DocumentBaseSet { org: CLINIC }.into());
		let view = &Records::entries(record, 0, 1)[0];
		assert_eq!(
			String::from_utf8(view.pointer.clone()).unwrap(),
			format!("https://records.clinic.example/d/{}", "01".repeat(32))
		);
	});
}

#[test]
fn a_document_base_is_set_by_an_admin_of_a_care_provider_and_is_an_address_only() {
	new_test_ext().execute_with(|| {
		let before = root();
		testing::add_operator(21, CLINIC);
		assert_noop!(set_base(21, b"https://gk.example/d"), Error::<Test>::NotAnAdmin);
		assert_noop!(
			set_base(account(LAB), b"https://gk.example/d"),
			Error::<Test>::CannotProvideCare
		);
		for bad in [
			b"https://gk.example/d?patient=asha-rao".as_slice(),
			b"https://gk.example/asha rao",
			b"gk.example/d",
			b"https://gk.example/d/",
		] {
			assert_noop!(set_base(account(CLINIC), bad), Error::<Test>::BadDocumentBase);
		}
		let longest = format!("https://{}", "g".repeat(MaxPointerLength::get() as usize - 65 - 8));
		assert_noop!(
			set_base(account(CLINIC), format!("{longest}g").as_bytes()),
			Error::<Test>::BadDocumentBase
		);
		assert_eq!(root(), before);
		assert_ok!(set_base(account(CLINIC), longest.as_bytes()));
	});
}

#[test]
fn a_provider_without_a_document_base_cannot_add() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		DocumentBases::<Test>::remove(CLINIC);
		assert_noop!(
			add(CLINIC, record, ResourceType::Observation, 1, None),
			Error::<Test>::NoDocumentBase
		);
	});
}

#[test]
fn an_oversized_document_base_is_refused_when_the_call_is_decoded() {
	use codec::Decode;
	let long = vec![b'a'; MaxPointerLength::get() as usize + 1];
	assert!(DocumentBase::<Test>::decode(&mut &codec::Encode::encode(&long)[..]).is_err());
}

/// The attack: a provider with write consent marked another organisation's entry superseded.
#[test]
fn only_the_author_of_an_entry_corrects_it() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		assert_ok!(add(CLINIC, record, ResourceType::Observation, 1, None));
		assert_ok!(Records::grant_consent(
			RuntimeOrigin::signed(account(HOSPITAL)),
			record,
			super::consents::treatment(HOSPITAL, Access::ReadWrite, None),
			1,
			until(),
			signed(
				0,
				&record,
				1,
				PatientStatement::GrantConsent(super::consents::treatment(
					HOSPITAL,
					Access::ReadWrite,
					None
				))
			),
		));
		assert_noop!(
			add(HOSPITAL, record, ResourceType::Observation, 2, Some(0)),
			Error::<Test>::NotEntryAuthor
		);
		// It adds its own entry instead.
		assert_ok!(add(HOSPITAL, record, ResourceType::Observation, 2, None));
		assert_eq!(Entries::<Test>::get(record, 0).unwrap().superseded_by, None);
	});
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
