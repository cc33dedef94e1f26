//! Unit tests: one per rule of the channels pallet, each attack first.

use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult};
use healthnet_primitives::{
	channels::{ChannelPurpose, DocumentKind},
	surveillance::PERIOD_MILLIS,
	OrgId,
};

use crate::{mock::*, Channels as ChannelRecords, Error, Event, Members, OpenChannels, Reads};

mod properties;
mod reading;
mod sharing;

/// A day, in milliseconds.
const DAY: u64 = PERIOD_MILLIS;

fn name(text: &str) -> crate::NameOf<Test> {
	text.as_bytes().to_vec().try_into().unwrap()
}

/// `by` creates an outbreak investigation named "Dengue BLR" for ten days.
fn create(by: u64) -> DispatchResult {
	create_for(by, ChannelPurpose::OutbreakInvestigation)
}

fn create_for(by: u64, purpose: ChannelPurpose) -> DispatchResult {
	Channels::create_channel(RuntimeOrigin::signed(by), name("Dengue BLR"), purpose, NOW + 10 * DAY)
}

fn add(by: u64, channel: u32, org: OrgId) -> DispatchResult {
	Channels::add_member(RuntimeOrigin::signed(by), channel, org)
}

fn remove(by: u64, channel: u32, org: OrgId) -> DispatchResult {
	Channels::remove_member(RuntimeOrigin::signed(by), channel, org)
}

fn share(by: u64, channel: u32, byte: u8) -> DispatchResult {
	Channels::share_document(RuntimeOrigin::signed(by), channel, DocumentKind::LineList, [byte; 32])
}

fn read(by: u64, channel: u32, index: u32) -> DispatchResult {
	Channels::record_read(RuntimeOrigin::signed(by), channel, index)
}

/// Karnataka's channel 0 with the laboratory and the clinic.
fn outbreak() {
	assert_ok!(create(account(KARNATAKA)));
	assert_ok!(add(account(KARNATAKA), 0, LAB));
	assert_ok!(add(account(KARNATAKA), 0, CLINIC));
}

#[test]
fn only_an_administrator_of_an_active_authority_creates_a_channel() {
	new_test_ext().execute_with(|| {
		assert_noop!(create(999), Error::<Test>::NotAMember);
		assert_noop!(create(account(LAB)), Error::<Test>::NotAnAuthority);
		assert_noop!(create(LAB_REVIEWER), Error::<Test>::NotAnAdmin);
		let created = |name_text: &str, expires| {
			Channels::create_channel(
				RuntimeOrigin::signed(account(KARNATAKA)),
				name(name_text),
				ChannelPurpose::GenomicSurveillance,
				expires,
			)
		};
		assert_noop!(created("", NOW + DAY), Error::<Test>::BadName);
		assert_noop!(created("  ", NOW + DAY), Error::<Test>::BadName);
		assert_noop!(created("a\u{7}b", NOW + DAY), Error::<Test>::BadName);
		assert_noop!(created("Dengue", NOW), Error::<Test>::BadExpiry);
		assert_noop!(created("Dengue", NOW + 30 * DAY + 1), Error::<Test>::BadExpiry);
		assert_ok!(created("Dengue", NOW + 30 * DAY));
		System::assert_last_event(
			Event::ChannelCreated {
				channel: 0,
				creator: KARNATAKA,
				purpose: ChannelPurpose::GenomicSurveillance,
				expires: NOW + 30 * DAY,
			}
			.into(),
		);
		assert!(Members::<Test>::contains_key(0, KARNATAKA), "the creator is its first member");
		// Two open at most; closing one frees its place.
		assert_ok!(create(account(KARNATAKA)));
		assert_noop!(create(account(KARNATAKA)), Error::<Test>::TooManyOpenChannels);
		assert_ok!(create(account(KERALA)));
		assert_ok!(Channels::close_channel(RuntimeOrigin::signed(account(KARNATAKA)), 0));
		assert_eq!(OpenChannels::<Test>::get(KARNATAKA), 1);
		assert_ok!(create(account(KARNATAKA)));
	});
}

#[test]
fn only_the_creator_adds_active_organisations_up_to_the_bound() {
	new_test_ext().execute_with(|| {
		assert_ok!(create(account(KARNATAKA)));
		assert_noop!(add(account(KERALA), 0, LAB), Error::<Test>::NotTheCreator);
		assert_noop!(add(account(LAB), 0, LAB), Error::<Test>::NotTheCreator);
		assert_noop!(add(account(KARNATAKA), 1, LAB), Error::<Test>::UnknownChannel);
		assert_noop!(add(account(KARNATAKA), 0, HOSPITAL), Error::<Test>::OrganisationUnavailable);
		assert_noop!(add(account(KARNATAKA), 0, 99), Error::<Test>::OrganisationUnavailable);
		assert_ok!(add(account(KARNATAKA), 0, LAB));
		System::assert_last_event(Event::MemberAdded { channel: 0, org: LAB }.into());
		assert_noop!(add(account(KARNATAKA), 0, LAB), Error::<Test>::AlreadyAMember);
		assert_ok!(add(account(KARNATAKA), 0, CLINIC));
		assert_ok!(add(account(KARNATAKA), 0, INSTITUTE));
		// Four members, the creator among them: the bound.
		assert_noop!(add(account(KARNATAKA), 0, MORE), Error::<Test>::TooManyMembers);
		assert_eq!(
			Channels::channel_view(0).unwrap().members,
			vec![KARNATAKA, LAB, INSTITUTE, CLINIC]
		);
		// After its expiry nobody joins.
		testing_set_now(NOW + 10 * DAY);
		assert_ok!(remove(account(KARNATAKA), 0, CLINIC));
		assert_noop!(add(account(KARNATAKA), 0, CLINIC), Error::<Test>::ChannelEnded);
	});
}

#[test]
fn a_research_agreement_admits_only_who_may_read_research_data() {
	new_test_ext().execute_with(|| {
		assert_ok!(create_for(account(KARNATAKA), ChannelPurpose::ResearchAgreement));
		assert_noop!(add(account(KARNATAKA), 0, LAB), Error::<Test>::CannotReadResearchData);
		assert_ok!(add(account(KARNATAKA), 0, INSTITUTE));
	});
}

#[test]
fn the_creator_removes_a_member_and_a_member_leaves_but_no_one_else_decides() {
	new_test_ext().execute_with(|| {
		outbreak();
		assert_noop!(remove(account(CLINIC), 0, LAB), Error::<Test>::NotTheCreator);
		assert_noop!(remove(account(KERALA), 0, LAB), Error::<Test>::NotTheCreator);
		assert_noop!(remove(account(KARNATAKA), 0, KARNATAKA), Error::<Test>::CreatorStays);
		assert_noop!(remove(account(KARNATAKA), 0, INSTITUTE), Error::<Test>::NotAChannelMember);
		assert_noop!(remove(LAB_REVIEWER, 0, LAB), Error::<Test>::NotAnAdmin);
		assert_ok!(remove(account(KARNATAKA), 0, LAB));
		System::assert_last_event(
			Event::MemberRemoved { channel: 0, org: LAB, by: KARNATAKA }.into(),
		);
		assert_ok!(remove(account(CLINIC), 0, CLINIC));
		System::assert_last_event(
			Event::MemberRemoved { channel: 0, org: CLINIC, by: CLINIC }.into(),
		);
		assert_eq!(ChannelRecords::<Test>::get(0).unwrap().members, 1);
		assert_eq!(Channels::channels_of(LAB, None, 10).items, Vec::<u32>::new());
	});
}

#[test]
fn closing_ends_every_membership_and_only_the_creator_closes() {
	new_test_ext().execute_with(|| {
		outbreak();
		assert_ok!(share(account(LAB), 0, 1));
		let close = |by| Channels::close_channel(RuntimeOrigin::signed(by), 0);
		assert_noop!(close(account(LAB)), Error::<Test>::NotTheCreator);
		assert_ok!(close(account(KARNATAKA)));
		assert_noop!(close(account(KARNATAKA)), Error::<Test>::ChannelEnded);
		assert_eq!(Members::<Test>::iter_prefix(0).count(), 0);
		assert_eq!(Channels::channels_of(CLINIC, None, 10).items, Vec::<u32>::new());
		assert_noop!(read(account(CLINIC), 0, 0), Error::<Test>::ChannelEnded);
		assert_noop!(share(account(LAB), 0, 2), Error::<Test>::ChannelEnded);
		assert!(!Channels::may_read(0, account(KARNATAKA)));
		// What was shared stays known, by hash.
		assert_eq!(Channels::documents_of(0, 0, 10).items.len(), 1);
	});
}

/// Sets the clock to `millis`.
fn testing_set_now(millis: u64) {
	healthnet_testing::set_now(millis);
}
