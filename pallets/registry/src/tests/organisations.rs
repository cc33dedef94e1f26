//! Registering authorities and organisations: who may register what, and where.

use super::*;

#[test]
fn the_council_registers_a_national_authority() {
	new_test_ext().execute_with(|| {
		assert_ok!(Registry::register_authority(
			RuntimeOrigin::root(),
			OrgKind::NationalAuthority,
			b"India".to_vec().try_into().unwrap(),
			b"IN".to_vec().try_into().unwrap(),
			10
		));
		System::assert_has_event(
			Event::OrganisationRegistered {
				org: 0,
				kind: OrgKind::NationalAuthority,
				parent: None,
			}
			.into(),
		);
		System::assert_last_event(
			Event::MemberInvited { org: 0, account: 10, roles: ADMIN }.into(),
		);
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(10), 0));
		assert_eq!(Members::<Test>::get(10), Some((0, ADMIN)));
		assert_eq!(Registry::organisations_in_region(b"IN".to_vec()), vec![0]);
	});
}

#[test]
fn the_council_registers_a_global_authority_over_the_whole_world() {
	new_test_ext().execute_with(|| {
		assert_ok!(Registry::register_authority(
			RuntimeOrigin::root(),
			OrgKind::GlobalAuthority,
			b"World Health".to_vec().try_into().unwrap(),
			Vec::new().try_into().unwrap(),
			1
		));
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(1), 0));
		assert!(<Registry as OrgRegistry<u64>>::authority_over(&1, b"FR-IDF").is_some());
	});
}

#[test]
fn only_the_council_registers_top_level_authorities() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::register_authority(
				RuntimeOrigin::signed(10),
				OrgKind::NationalAuthority,
				b"France".to_vec().try_into().unwrap(),
				b"FR".to_vec().try_into().unwrap(),
				50
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			register(10, OrgKind::NationalAuthority, "IN", 50),
			Error::<Test>::WrongKindForCaller
		);
		assert_noop!(
			Registry::register_authority(
				RuntimeOrigin::root(),
				OrgKind::Hospital,
				b"H".to_vec().try_into().unwrap(),
				b"FR".to_vec().try_into().unwrap(),
				50
			),
			Error::<Test>::WrongKindForCaller
		);
	});
}

#[test]
fn a_region_must_fit_the_authority_kind() {
	new_test_ext().execute_with(|| {
		let national = |region: &str| {
			Registry::register_authority(
				RuntimeOrigin::root(),
				OrgKind::NationalAuthority,
				b"N".to_vec().try_into().unwrap(),
				region.as_bytes().to_vec().try_into().unwrap(),
				10,
			)
		};
		assert_noop!(national("IN-KA"), Error::<Test>::RegionDoesNotFitKind);
		assert_noop!(
			Registry::register_authority(
				RuntimeOrigin::root(),
				OrgKind::GlobalAuthority,
				b"G".to_vec().try_into().unwrap(),
				b"IN".to_vec().try_into().unwrap(),
				10
			),
			Error::<Test>::RegionDoesNotFitKind
		);
	});
}

#[test]
fn an_authority_registers_organisations_inside_its_region() {
	with_hierarchy().execute_with(|| {
		assert_ok!(register(20, OrgKind::Laboratory, "IN-KA-MYS", 50));
		System::assert_has_event(
			Event::OrganisationRegistered {
				org: 4,
				kind: OrgKind::Laboratory,
				parent: Some(KARNATAKA),
			}
			.into(),
		);
		assert_eq!(<Registry as OrgRegistry<u64>>::active_org_of(&50), Some(4));
	});
}

#[test]
fn an_authority_cannot_register_outside_its_region() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			register(20, OrgKind::Hospital, "IN-KL-TVM", 50),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_noop!(
			register(20, OrgKind::Hospital, "IN", 50),
			Error::<Test>::NotAuthorityForRegion
		);
	});
}

#[test]
fn a_facility_cannot_register_organisations() {
	with_hierarchy().execute_with(|| {
		assert_noop!(register(40, OrgKind::Clinic, "IN-KA-BLR", 50), Error::<Test>::NotAnAuthority);
	});
}

#[test]
fn an_unknown_account_cannot_register() {
	with_hierarchy().execute_with(|| {
		assert_noop!(register(99, OrgKind::Clinic, "IN-KA", 50), Error::<Test>::NotAMember);
	});
}

#[test]
fn an_operator_cannot_act_as_admin() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(20, 21, OPERATOR));
		assert_noop!(register(21, OrgKind::Clinic, "IN-KA", 50), Error::<Test>::NotAdmin);
	});
}

#[test]
fn malformed_region_codes_are_refused() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			register(10, OrgKind::Clinic, "in-ka", 50),
			Error::<Test>::MalformedRegionCode
		);
		assert_noop!(
			register(10, OrgKind::Clinic, "IN--KA", 50),
			Error::<Test>::MalformedRegionCode
		);
		assert_noop!(register(10, OrgKind::Clinic, "IND-KA", 50), Error::<Test>::RegionNotACountry);
		assert_noop!(
			register(10, OrgKind::Clinic, "IN-KA-B-C-D", 50),
			Error::<Test>::RegionTooDeep
		);
	});
}

#[test]
fn names_must_be_present_and_short() {
	with_hierarchy().execute_with(|| {
		let named = |name: Vec<u8>| {
			Registry::register_organisation(
				RuntimeOrigin::signed(20),
				OrgKind::Clinic,
				name.try_into().unwrap(),
				b"IN-KA".to_vec().try_into().unwrap(),
				Capabilities::default(),
				50,
				None,
			)
		};
		assert_noop!(named(Vec::new()), Error::<Test>::EmptyName);
	});
}

#[test]
fn an_oversized_name_or_region_is_refused_when_the_call_is_decoded() {
	use codec::{Decode, Encode};
	// register_organisation (call 1 of the registry, pallet 1), from unbounded values.
	let decodes = |name: Vec<u8>, region: &[u8]| {
		let arguments =
			(OrgKind::Clinic, name, region.to_vec(), Capabilities::default(), 50u64, None::<u32>);
		let mut encoded = vec![1u8, 1];
		encoded.extend(arguments.encode());
		RuntimeCall::decode(&mut &encoded[..]).is_ok()
	};
	assert!(decodes(vec![b'x'; 32], b"IN-KA"), "a call within its bounds decodes");
	assert!(!decodes(vec![b'x'; 33], b"IN-KA"), "a name of 33 bytes, 32 allowed");
	assert!(
		!decodes(b"Clinic".to_vec(), b"IN-KARNATAKA-BENGALURU"),
		"a region of 22 bytes, 16 allowed"
	);
}

#[test]
fn unknown_capabilities_are_refused() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::register_organisation(
				RuntimeOrigin::signed(20),
				OrgKind::Clinic,
				b"C".to_vec().try_into().unwrap(),
				b"IN-KA".to_vec().try_into().unwrap(),
				Capabilities(1 << 15),
				50,
				None,
			),
			Error::<Test>::UnknownCapability
		);
	});
}

#[test]
fn an_account_belongs_to_one_organisation_only() {
	with_hierarchy().execute_with(|| {
		assert_noop!(register(20, OrgKind::Clinic, "IN-KA", 40), Error::<Test>::AlreadyAMember);
		assert_noop!(join(20, 30, OPERATOR), Error::<Test>::AlreadyAMember);
	});
}
