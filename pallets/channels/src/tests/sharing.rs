//! Sharing documents: who shares, once per hash, and a member's daily bound that no other
//! member can use up.

use super::*;
use crate::{DocumentHashes, Documents};

#[test]
fn a_member_with_a_sharing_role_shares_a_hash_once() {
	new_test_ext().execute_with(|| {
		outbreak();
		assert_noop!(share(account(INSTITUTE), 0, 1), Error::<Test>::NotAChannelMember);
		assert_noop!(share(LAB_STOCK_KEEPER, 0, 1), Error::<Test>::CannotShare);
		assert_noop!(share(LAB_REVIEWER, 0, 1), Error::<Test>::CannotShare);
		assert_noop!(share(account(LAB), 1, 1), Error::<Test>::UnknownChannel);
		assert_ok!(share(account(LAB), 0, 1));
		System::assert_last_event(
			Event::DocumentShared {
				channel: 0,
				index: 0,
				kind: DocumentKind::LineList,
				author: LAB,
				hash: [1; 32],
			}
			.into(),
		);
		assert_noop!(share(account(CLINIC), 0, 1), Error::<Test>::DuplicateDocument);
		assert_ok!(share(account(CLINIC), 0, 2));
		let document = Documents::<Test>::get(0, 1).unwrap();
		assert_eq!(
			(document.author, document.shared_by, document.hash),
			(CLINIC, account(CLINIC), [2; 32])
		);
		assert_eq!(DocumentHashes::<Test>::get(0, [2; 32]), Some(1));
		// The same hash may be shared in another channel: each channel knows its own.
		assert_ok!(create(account(KERALA)));
		assert_ok!(share(account(KERALA), 1, 1));
	});
}

#[test]
fn a_member_sharing_its_most_a_day_leaves_the_others_theirs() {
	new_test_ext().execute_with(|| {
		outbreak();
		for byte in 1..=3 {
			assert_ok!(share(account(LAB), 0, byte));
		}
		assert_noop!(share(account(LAB), 0, 4), Error::<Test>::TooManySharesToday);
		assert_ok!(share(account(CLINIC), 0, 4));
		testing_set_now(NOW + DAY);
		assert_ok!(share(account(LAB), 0, 5));
	});
}

#[test]
fn a_removed_or_suspended_member_shares_nothing() {
	new_test_ext().execute_with(|| {
		outbreak();
		assert_ok!(remove(account(KARNATAKA), 0, LAB));
		assert_noop!(share(account(LAB), 0, 1), Error::<Test>::NotAChannelMember);
		healthnet_testing::update(CLINIC, |org| org.active = false);
		assert_noop!(share(account(CLINIC), 0, 1), Error::<Test>::OrganisationNotActive);
		testing_set_now(NOW + 10 * DAY);
		assert_noop!(share(account(KARNATAKA), 0, 1), Error::<Test>::ChannelEnded);
	});
}
