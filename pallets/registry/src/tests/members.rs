//! Member accounts: who adds and removes them, and the limits.

use super::*;

#[test]
fn an_admin_adds_and_removes_members_of_its_organisation() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(40, 41, Role::Operator));
		System::assert_last_event(
			Event::MemberAdded { org: HOSPITAL, account: 41, role: Role::Operator }.into(),
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
		assert_ok!(join(40, 41, Role::Admin));
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
			assert_ok!(join(40, account, Role::Operator));
		}
		assert_noop!(join(40, 44, Role::Operator), Error::<Test>::TooManyMembers);
	});
}
