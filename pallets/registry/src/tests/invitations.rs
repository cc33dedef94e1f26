//! Consent to membership: an account joins an organisation only by accepting an invitation,
//! the first admin of a new organisation included.

use super::*;
use crate::{Invitations, PendingInvitations};

#[test]
fn an_invited_account_becomes_a_member_only_when_it_accepts() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, OPERATOR));
		System::assert_last_event(
			Event::MemberInvited { org: HOSPITAL, account: 41, roles: OPERATOR }.into(),
		);
		assert_eq!(Members::<Test>::get(41), None, "an invitation is not membership");
		assert!(!<Registry as OrgRegistry<u64>>::has_capability(&41, Capability::ReportCases));

		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(41), HOSPITAL));
		System::assert_last_event(
			Event::MemberAdded { org: HOSPITAL, account: 41, roles: OPERATOR }.into(),
		);
		assert_eq!(Members::<Test>::get(41), Some((HOSPITAL, OPERATOR)));
		assert_eq!(Invitations::<Test>::get(HOSPITAL, 41), None);
		assert_eq!(PendingInvitations::<Test>::get(HOSPITAL), 0);
	});
}

#[test]
fn nobody_accepts_for_another_account_or_an_invitation_it_does_not_hold() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, ADMIN));
		assert_noop!(
			Registry::accept_membership(RuntimeOrigin::signed(42), HOSPITAL),
			Error::<Test>::NoInvitation
		);
		assert_noop!(
			Registry::accept_membership(RuntimeOrigin::signed(41), KARNATAKA),
			Error::<Test>::NoInvitation
		);
		// A member of one organisation cannot be invited into another.
		assert_noop!(
			Registry::invite_member(RuntimeOrigin::signed(40), 20, OPERATOR),
			Error::<Test>::AlreadyAMember
		);
	});
}

#[test]
fn a_new_organisations_admin_must_accept_before_it_acts() {
	with_hierarchy().execute_with(|| {
		let clinic = crate::NextOrgId::<Test>::get();
		assert_ok!(Registry::register_organisation(
			RuntimeOrigin::signed(20),
			OrgKind::Clinic,
			b"Koramangala Clinic".to_vec().try_into().unwrap(),
			b"IN-KA-BLR".to_vec().try_into().unwrap(),
			Capabilities::of(&[Capability::ReportCases]),
			50,
			None,
		));
		assert_eq!(Members::<Test>::get(50), None, "registration does not make 50 a member");
		assert_eq!(Invitations::<Test>::get(clinic, 50), Some(ADMIN));
		assert_noop!(
			Registry::invite_member(RuntimeOrigin::signed(50), 51, OPERATOR),
			Error::<Test>::NotAMember
		);
		assert_ok!(Registry::accept_membership(RuntimeOrigin::signed(50), clinic));
		assert_eq!(MemberCounts::<Test>::get(clinic), (1, 1));
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(50), 51, OPERATOR));
	});
}

#[test]
fn an_admin_cancels_an_invitation_and_it_can_no_longer_be_accepted() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, OPERATOR));
		assert_noop!(
			Registry::cancel_invitation(RuntimeOrigin::signed(20), 41),
			Error::<Test>::NoInvitation
		);
		assert_ok!(Registry::cancel_invitation(RuntimeOrigin::signed(40), 41));
		System::assert_last_event(Event::InvitationCancelled { org: HOSPITAL, account: 41 }.into());
		assert_noop!(
			Registry::accept_membership(RuntimeOrigin::signed(41), HOSPITAL),
			Error::<Test>::NoInvitation
		);
		assert_eq!(PendingInvitations::<Test>::get(HOSPITAL), 0);
	});
}

#[test]
fn invitations_count_against_the_members_allowed_and_suspension_stops_acceptance() {
	with_hierarchy().execute_with(|| {
		// Four places: the admin and three invitations.
		for account in 41..44 {
			assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), account, OPERATOR));
		}
		assert_noop!(
			Registry::invite_member(RuntimeOrigin::signed(40), 44, OPERATOR),
			Error::<Test>::TooManyMembers
		);
		// Inviting again changes the role offered and takes no second place.
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, ADMIN));
		assert_eq!(PendingInvitations::<Test>::get(HOSPITAL), 3);

		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(20), HOSPITAL));
		assert_noop!(
			Registry::accept_membership(RuntimeOrigin::signed(41), HOSPITAL),
			Error::<Test>::OrganisationNotActive
		);
	});
}

#[test]
fn an_invited_account_may_decline_and_then_cannot_accept() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, OPERATOR));
		assert_noop!(
			Registry::decline_invitation(RuntimeOrigin::signed(42), HOSPITAL),
			Error::<Test>::NoInvitation
		);
		assert_ok!(Registry::decline_invitation(RuntimeOrigin::signed(41), HOSPITAL));
		System::assert_last_event(Event::InvitationDeclined { org: HOSPITAL, account: 41 }.into());
		assert_noop!(
			Registry::accept_membership(RuntimeOrigin::signed(41), HOSPITAL),
			Error::<Test>::NoInvitation
		);
		assert_eq!(PendingInvitations::<Test>::get(HOSPITAL), 0);
	});
}
