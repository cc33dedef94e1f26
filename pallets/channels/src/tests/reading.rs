//! Reading: who may, the audit line each account's reads join, and what apps read.

use super::*;
use healthnet_primitives::channels::ReadMark;

#[test]
fn a_member_with_a_reading_role_reads_and_every_read_is_audited() {
	new_test_ext().execute_with(|| {
		outbreak();
		assert_ok!(share(account(CLINIC), 0, 1));
		assert_noop!(read(account(INSTITUTE), 0, 0), Error::<Test>::NotAChannelMember);
		assert_noop!(read(LAB_STOCK_KEEPER, 0, 0), Error::<Test>::CannotRead);
		assert_noop!(read(LAB_REVIEWER, 0, 1), Error::<Test>::UnknownDocument);
		assert_ok!(read(LAB_REVIEWER, 0, 0));
		System::assert_last_event(
			Event::DocumentRead { channel: 0, index: 0, org: LAB, reader: LAB_REVIEWER }.into(),
		);
		System::set_block_number(5);
		assert_ok!(read(LAB_REVIEWER, 0, 0));
		assert_eq!(
			Reads::<Test>::get((0, 0, LAB_REVIEWER)),
			Some(ReadMark { first: 1, last: 5, count: 2 })
		);
		assert_eq!(Channels::read_mark(0, 0, LAB_REVIEWER).map(|m| m.count), Some(2));
		assert_ok!(read(account(LAB), 0, 0));
		let lines = Channels::reads_of(0, 0, None, 1);
		assert_eq!(lines.items.len(), 1);
		let rest = Channels::reads_of(0, 0, lines.next.clone(), 1);
		assert_eq!((rest.items.len(), rest.next), (1, None));
		assert!(Channels::may_read(0, LAB_REVIEWER) && !Channels::may_read(0, LAB_STOCK_KEEPER));
	});
}

#[test]
fn a_removed_member_reads_nothing_old_or_new() {
	new_test_ext().execute_with(|| {
		outbreak();
		assert_ok!(share(account(CLINIC), 0, 1));
		assert_ok!(read(account(LAB), 0, 0));
		assert_ok!(remove(account(KARNATAKA), 0, LAB));
		assert_noop!(read(account(LAB), 0, 0), Error::<Test>::NotAChannelMember);
		assert!(!Channels::may_read(0, account(LAB)));
		assert_ok!(share(account(CLINIC), 0, 2));
		assert_noop!(read(account(LAB), 0, 1), Error::<Test>::NotAChannelMember);
		// Nor after the channel's expiry, for anyone.
		testing_set_now(NOW + 10 * DAY);
		assert_noop!(read(account(CLINIC), 0, 0), Error::<Test>::ChannelEnded);
	});
}

#[test]
fn apps_read_a_channel_its_documents_and_an_organisations_channels() {
	new_test_ext().execute_with(|| {
		outbreak();
		for byte in 1..=3 {
			assert_ok!(share(account(LAB), 0, byte));
		}
		let view = Channels::channel_view(0).unwrap();
		assert_eq!(
			(&view.name[..], view.creator, view.documents),
			(&b"Dengue BLR"[..], KARNATAKA, 3)
		);
		let first = Channels::documents_of(0, 0, 2);
		assert_eq!((first.items.len(), first.next), (2, Some(2)));
		let rest = Channels::documents_of(0, 2, 2);
		assert_eq!((rest.items[0].hash, rest.next), ([3; 32], None));
		assert_ok!(create(account(KARNATAKA)));
		assert_ok!(add(account(KARNATAKA), 1, LAB));
		let page = Channels::channels_of(LAB, None, 1);
		assert_eq!((page.items.len(), page.next), (1, page.items.first().copied()));
		let rest = Channels::channels_of(LAB, page.next, 1);
		assert_eq!(rest.next, None);
		let mut both = [page.items[0], rest.items[0]];
		both.sort();
		assert_eq!(both, [0, 1]);
		assert_eq!(Channels::channel_view(7), None);
	});
}

#[test]
fn a_research_member_that_loses_the_capability_reads_and_shares_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(create_for(account(KARNATAKA), ChannelPurpose::ResearchAgreement));
		assert_ok!(add(account(KARNATAKA), 0, INSTITUTE));
		assert_ok!(share(account(INSTITUTE), 0, 1));
		assert_ok!(read(account(INSTITUTE), 0, 0));
		healthnet_testing::update(INSTITUTE, |org| org.capabilities = Default::default());
		assert_noop!(read(account(INSTITUTE), 0, 0), Error::<Test>::CannotReadResearchData);
		assert_noop!(share(account(INSTITUTE), 0, 2), Error::<Test>::CannotReadResearchData);
		assert!(!Channels::may_read(0, account(INSTITUTE)));
		// The creator reads its own agreement without the capability.
		assert_ok!(read(account(KARNATAKA), 0, 0));
	});
}

#[test]
fn a_suspended_creators_channels_share_and_release_nothing() {
	new_test_ext().execute_with(|| {
		outbreak();
		assert_ok!(share(account(LAB), 0, 1));
		healthnet_testing::update(KARNATAKA, |org| org.active = false);
		assert_noop!(share(account(LAB), 0, 2), Error::<Test>::ChannelEnded);
		assert_noop!(read(account(CLINIC), 0, 0), Error::<Test>::ChannelEnded);
		assert!(!Channels::may_read(0, account(CLINIC)));
		healthnet_testing::update(KARNATAKA, |org| org.active = true);
		assert_ok!(read(account(CLINIC), 0, 0));
	});
}
