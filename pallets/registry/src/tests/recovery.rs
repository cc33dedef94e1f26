//! A lost or stolen admin key: the authority above the organisation (the council for any)
//! removes it and invites a new admin, with an event naming who did it.

use super::*;
use crate::Invitations;

#[test]
fn the_authority_above_replaces_a_lost_admin_key() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, Some(40), 41));
		System::assert_last_event(
			Event::AdminReplaced {
				org: HOSPITAL,
				removed: Some(40),
				invited: 41,
				by: Some(KARNATAKA),
			}
			.into(),
		);
		assert_eq!(Members::<Test>::get(40), None, "the lost key loses its rights at once");
		assert_eq!(Invitations::<Test>::get(41, HOSPITAL), Some(Role::Admin));
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(41), HOSPITAL));
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (1, 1));
		assert_ok!(join(41, 42, Role::Operator));
	});
}

#[test]
fn the_council_replaces_a_top_level_authoritys_admin() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::replace_admin(RuntimeOrigin::root(), INDIA, Some(10), 11));
		System::assert_last_event(
			Event::AdminReplaced { org: INDIA, removed: Some(10), invited: 11, by: None }.into(),
		);
		// Nobody below India may: Karnataka is not above it, India not above itself.
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(20), INDIA, None, 12),
			Error::<Test>::NotAuthorityForRegion
		);
	});
}

#[test]
fn only_an_authority_above_replaces_admins_and_only_admins_are_replaced() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(40), HOSPITAL, Some(40), 41),
			Error::<Test>::NotAnAuthority
		);
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(30), HOSPITAL, Some(40), 41),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(20), KARNATAKA, Some(20), 21),
			Error::<Test>::CannotGovernItself
		);
		assert_ok!(join(40, 41, Role::Operator));
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, Some(41), 42),
			Error::<Test>::AccountNotAdmin
		);
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, Some(30), 42),
			Error::<Test>::NotMemberOfOrganisation
		);
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, None, 30),
			Error::<Test>::AlreadyAMember
		);
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(20), 99, None, 42),
			Error::<Test>::UnknownOrganisation
		);
	});
}

#[test]
fn operators_keep_working_while_a_replaced_sole_admin_awaits_its_successor() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(40, 41, Role::Operator));
		assert_ok!(Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, Some(40), 42));
		// The stolen key is out at once; until the successor accepts there is no admin, and
		// the operator stays a member.
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (1, 0));
		assert_eq!(Members::<Test>::get(41), Some((HOSPITAL, Role::Operator)));
		assert_noop!(
			Registry::invite_member(RuntimeOrigin::signed(41), 43, Role::Admin),
			Error::<Test>::NotAdmin
		);
		// A successor who declines leaves the authority to invite another.
		assert_ok!(Registry::decline_invitation(RuntimeOrigin::signed(42), HOSPITAL));
		assert_ok!(Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, None, 43));
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(43), HOSPITAL));
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (2, 1));
	});
}
