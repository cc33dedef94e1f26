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
				cancelled: 0,
			}
			.into(),
		);
		assert_eq!(Members::<Test>::get(40), None, "the lost key loses its rights at once");
		assert_eq!(Invitations::<Test>::get(HOSPITAL, 41), Some(ADMIN));
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(41), HOSPITAL));
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (1, 1));
		assert_ok!(join(41, 42, OPERATOR));
	});
}

#[test]
fn the_council_replaces_a_top_level_authoritys_admin() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::replace_admin(RuntimeOrigin::root(), INDIA, Some(10), 11));
		System::assert_last_event(
			Event::AdminReplaced {
				org: INDIA,
				removed: Some(10),
				invited: 11,
				by: None,
				cancelled: 0,
			}
			.into(),
		);
		// Nobody but the council may: not Karnataka below it, not India itself.
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(20), INDIA, None, 12),
			Error::<Test>::OnlyTheCouncil
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
		assert_ok!(join(40, 41, OPERATOR));
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
		assert_ok!(join(40, 41, OPERATOR));
		assert_ok!(Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, Some(40), 42));
		// The stolen key is out at once; until the successor accepts there is no admin, and
		// the operator stays a member.
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (1, 0));
		assert_eq!(Members::<Test>::get(41), Some((HOSPITAL, OPERATOR)));
		assert_noop!(
			Registry::invite_member(RuntimeOrigin::signed(41), 43, ADMIN),
			Error::<Test>::NotAdmin
		);
		// A successor who declines leaves the authority to invite another.
		assert_ok!(Registry::decline_invitation(RuntimeOrigin::signed(42), HOSPITAL));
		assert_ok!(Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, None, 43));
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(43), HOSPITAL));
		assert_eq!(MemberCounts::<Test>::get(HOSPITAL), (2, 1));
	});
}

#[test]
fn a_replaced_admin_leaves_no_invitation_behind() {
	with_hierarchy().execute_with(|| {
		// The thief holding admin key 40 invites an accomplice as admin before Karnataka acts.
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, ADMIN));
		assert_ok!(Registry::replace_admin(RuntimeOrigin::signed(20), HOSPITAL, Some(40), 42));
		assert_eq!(crate::Invitations::<Test>::get(HOSPITAL, 41), None);
		assert_eq!(crate::PendingInvitations::<Test>::get(HOSPITAL), 1, "only the successor's");
		// The accomplice's acceptance afterwards finds nothing.
		assert_noop!(
			Registry::accept_membership(RuntimeOrigin::signed(41), HOSPITAL),
			Error::<Test>::NoInvitation
		);
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(42), HOSPITAL));
	});
}

#[test]
fn only_the_council_governs_a_global_or_national_authority() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::register_authority(
			RuntimeOrigin::root(),
			OrgKind::GlobalAuthority,
			b"World Health".to_vec().try_into().unwrap(),
			Default::default(),
			5,
		));
		let global = crate::NextOrgId::<Test>::get() - 1;
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(5), global));
		// The global authority's admin governs the whole world's region, yet not the national
		// authority the council registered.
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::signed(5), INDIA),
			Error::<Test>::OnlyTheCouncil
		);
		assert_noop!(
			Registry::replace_admin(RuntimeOrigin::signed(5), INDIA, Some(10), 6),
			Error::<Test>::OnlyTheCouncil
		);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INDIA));
		// Below the national level it governs as any authority above.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(5), KARNATAKA));
	});
}
