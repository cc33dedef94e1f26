//! The trust list: registering, suspending, reinstating and removing keys and issuers.

use super::*;
use healthnet_primitives::Page;

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
		assert_eq!(
			Certificates::issuer_keys(None, 100),
			Page { items: vec![ListedKey { id: key, key: record }], next: None }
		);
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
				proof(1, org),
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
				NOW + DAY,
				proof(1, LAB)
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
			Certificates::add_issuer_key(
				signed(LAB),
				public(seed),
				Kinds(kinds),
				from,
				until,
				proof(seed, LAB),
			)
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
			Certificates::add_issuer_key(
				signed(LAB),
				public(1),
				Kinds(1),
				NOW,
				NOW + DAY,
				proof(1, LAB)
			),
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
		System::assert_last_event(Event::IssuerKeySuspended { key, by_authority: false }.into());
		assert_noop!(Certificates::suspend_issuer_key(signed(LAB), key), Error::KeySuspended);
		assert_ok!(Certificates::reinstate_issuer_key(signed(LAB), key));
		assert_eq!(key_status(key), KeyStatus::Active);
		assert_noop!(Certificates::reinstate_issuer_key(signed(LAB), key), Error::KeyNotSuspended);

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
		assert_noop!(Certificates::suspend_issuer(signed(KARNATAKA), LAB), Error::UnknownIssuer);
		lab_key();
		assert_noop!(Certificates::suspend_issuer(signed(LAB), LAB), Error::NotAuthorityOverIssuer);
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
		assert_eq!(Certificates::suspended_issuers(None, 100).items, vec![(LAB, 3)]);
		assert_noop!(
			Certificates::suspend_issuer(RuntimeOrigin::root(), LAB),
			Error::IssuerIsSuspended
		);
		assert_ok!(Certificates::reinstate_issuer(RuntimeOrigin::root(), LAB));
		assert!(Certificates::suspended_issuers(None, 100).items.is_empty());
	});
}

#[test]
fn a_key_is_registered_only_with_its_own_proof_for_this_issuer() {
	new_test_ext().execute_with(|| {
		// The laboratory's key is public; the clinic tries to register it as its own (a
		// squatter), with the laboratory's proof or one it made with another key.
		let lab = lab_key();
		let _ = lab;
		let squat = |proof| {
			Certificates::add_issuer_key(signed(CLINIC), public(2), Kinds(1), NOW, NOW + DAY, proof)
		};
		assert_noop!(squat(proof(2, LAB)), Error::BadKeyProof);
		assert_noop!(squat(proof(3, CLINIC)), Error::BadKeyProof);
		assert_noop!(squat([0; 64]), Error::BadKeyProof);
		assert_ok!(squat(proof(2, CLINIC)));
	});
}

#[test]
fn the_trust_list_comes_in_pages() {
	new_test_ext().execute_with(|| {
		let keys: Vec<KeyId> =
			(1..=3).map(|seed| add_key(LAB, seed, &[CertificateKind::Infectivity])).collect();
		let first = Certificates::issuer_keys(None, 2);
		assert_eq!(first.items.len(), 2);
		let rest = Certificates::issuer_keys(first.next, 2);
		assert_eq!((rest.items.len(), rest.next), (1, None));
		let mut paged: Vec<KeyId> = first.items.iter().chain(&rest.items).map(|k| k.id).collect();
		paged.sort();
		let mut expected = keys.clone();
		expected.sort();
		assert_eq!(paged, expected);
		assert_eq!(Certificates::issuer_keys(None, u32::MAX).items.len(), 3);
	});
}
