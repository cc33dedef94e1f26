//! Member accounts: who adds and removes them, and the limits.

use super::*;

#[test]
fn an_admin_adds_and_removes_members_of_its_organisation() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(40, 41, OPERATOR));
		System::assert_last_event(
			Event::MemberAdded { org: HOSPITAL, account: 41, roles: OPERATOR }.into(),
		);
		assert!(<Registry as OrgRegistry<u64>>::has_capability(&41, Capability::ReportCases));
		assert_ok!(Registry::remove_member(RuntimeOrigin::signed(40), 41));
		System::assert_last_event(Event::MemberRemoved { org: HOSPITAL, account: 41 }.into());
		assert_eq!(Members::<Test>::get(41), None);
	});
}

#[test]
fn the_last_admin_cannot_be_removed() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::remove_member(RuntimeOrigin::signed(40), 40),
			Error::<Test>::LastAdmin
		);
		assert_ok!(join(40, 41, ADMIN));
		assert_ok!(Registry::remove_member(RuntimeOrigin::signed(41), 40));
		assert_eq!(Members::<Test>::get(40), None);
	});
}

#[test]
fn an_admin_cannot_remove_members_of_another_organisation() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::remove_member(RuntimeOrigin::signed(20), 40),
			Error::<Test>::NotMemberOfOrganisation
		);
	});
}

#[test]
fn an_organisation_has_at_most_the_configured_members() {
	with_hierarchy().execute_with(|| {
		for account in 41..44 {
			assert_ok!(join(40, account, OPERATOR));
		}
		assert_noop!(join(40, 44, OPERATOR), Error::<Test>::TooManyMembers);
	});
}

#[test]
fn an_admin_sets_a_members_roles_and_the_registry_answers_with_them() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(40, 41, OPERATOR));
		let clerk_and_pharmacist = Roles::of(&[Role::Reporter, Role::StockKeeper]);
		assert_ok!(Registry::set_roles(RuntimeOrigin::signed(40), 41, clerk_and_pharmacist));
		System::assert_last_event(
			Event::RolesChanged { org: HOSPITAL, account: 41, roles: clerk_and_pharmacist }.into(),
		);
		let member = <Registry as OrgRegistry<u64>>::membership_of(&41).unwrap();
		assert!(member.may(Role::StockKeeper) && !member.may(Role::Clinician));
		// Made an admin, it counts as one; the first admin may then step down to reporter.
		assert_ok!(Registry::set_roles(RuntimeOrigin::signed(40), 41, Roles::all()));
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (2, 2));
		assert_ok!(Registry::set_roles(RuntimeOrigin::signed(41), 40, OPERATOR));
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (2, 1));
	});
}

#[test]
fn roles_are_set_by_an_admin_of_the_same_organisation_and_never_empty() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(40, 41, OPERATOR));
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::signed(41), 41, Roles::all()),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::signed(20), 41, ADMIN),
			Error::<Test>::NotMemberOfOrganisation
		);
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::signed(40), 41, Roles(0)),
			Error::<Test>::NoRoles
		);
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::signed(40), 41, Roles(1 << 12)),
			Error::<Test>::UnknownRole
		);
		assert_noop!(
			Registry::invite_member(RuntimeOrigin::signed(40), 42, Roles(0)),
			Error::<Test>::NoRoles
		);
		// The last admin cannot give up Admin.
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::signed(40), 40, OPERATOR),
			Error::<Test>::LastAdmin
		);
	});
}

#[test]
fn the_authority_above_grants_and_revokes_capabilities_at_once() {
	with_hierarchy().execute_with(|| {
		let has = |c| <Registry as OrgRegistry<u64>>::has_capability(&40, c);
		assert!(has(Capability::ReportCases));
		assert_ok!(Registry::revoke_capability(
			RuntimeOrigin::signed(20),
			HOSPITAL,
			Capability::ReportCases
		));
		System::assert_last_event(
			Event::CapabilityRevoked {
				org: HOSPITAL,
				capability: Capability::ReportCases,
				by: Some(KARNATAKA),
			}
			.into(),
		);
		assert!(!has(Capability::ReportCases), "gone for the next call");
		assert_ok!(Registry::grant_capability(
			RuntimeOrigin::root(),
			HOSPITAL,
			Capability::ReadResearchData
		));
		System::assert_last_event(
			Event::CapabilityGranted {
				org: HOSPITAL,
				capability: Capability::ReadResearchData,
				by: None,
			}
			.into(),
		);
		assert!(has(Capability::ReadResearchData));
		assert_noop!(
			Registry::grant_capability(
				RuntimeOrigin::signed(20),
				HOSPITAL,
				Capability::ReadResearchData
			),
			Error::<Test>::AlreadyHasCapability
		);
		assert_noop!(
			Registry::revoke_capability(
				RuntimeOrigin::signed(20),
				HOSPITAL,
				Capability::Manufacture
			),
			Error::<Test>::LacksCapability
		);
		// Not the organisation itself, not another region's authority, not a non-admin.
		assert_noop!(
			Registry::grant_capability(RuntimeOrigin::signed(40), HOSPITAL, Capability::HoldStock),
			Error::<Test>::NotAnAuthority
		);
		assert_noop!(
			Registry::grant_capability(RuntimeOrigin::signed(30), HOSPITAL, Capability::HoldStock),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_ok!(join(20, 21, Roles::only(Role::Reviewer)));
		assert_noop!(
			Registry::grant_capability(RuntimeOrigin::signed(21), HOSPITAL, Capability::HoldStock),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::grant_capability(RuntimeOrigin::signed(20), 99, Capability::HoldStock),
			Error::<Test>::UnknownOrganisation
		);
	});
}
