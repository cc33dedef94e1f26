//! The slot and session lengths: the production ones unless a test network's genesis chose
//! shorter ones within the bounds.

use frame_support::traits::Get;

use crate::{
	mock::*, GenesisSessionLength, GenesisSlotDuration, HalfSlotDurationOf, SessionLengthOf,
	SlotDurationOf,
};

#[test]
fn without_a_genesis_choice_the_slot_is_the_production_one() {
	new_test_ext().execute_with(|| {
		assert_eq!(GenesisSlotDuration::<Test>::get(), None);
		assert_eq!(SlotDurationOf::<Test>::get(), SlotDuration::get());
		assert_eq!(HalfSlotDurationOf::<Test>::get(), SlotDuration::get() / 2);
	});
}

#[test]
fn a_test_network_chooses_a_shorter_slot_at_genesis() {
	new_test_ext_with_slot(Some(1_000)).execute_with(|| {
		assert_eq!(SlotDurationOf::<Test>::get(), 1_000);
		assert_eq!(HalfSlotDurationOf::<Test>::get(), 500);
	});
}

#[test]
#[should_panic(expected = "between MinSlotDuration and SlotDuration")]
fn a_slot_below_the_minimum_is_refused_at_genesis() {
	new_test_ext_with_slot(Some(MinSlotDuration::get() - 2));
}

#[test]
#[should_panic(expected = "between MinSlotDuration and SlotDuration")]
fn a_slot_longer_than_the_production_one_is_refused_at_genesis() {
	new_test_ext_with_slot(Some(SlotDuration::get() + 2));
}

#[test]
#[should_panic(expected = "an even number of ms")]
fn an_odd_slot_is_refused_at_genesis() {
	new_test_ext_with_slot(Some(1_001));
}

#[test]
fn without_a_genesis_choice_sessions_are_the_production_length() {
	new_test_ext().execute_with(|| {
		assert_eq!(GenesisSessionLength::<Test>::get(), None);
		assert_eq!(SessionLengthOf::<Test>::get(), SESSION_LENGTH);
	});
}

#[test]
fn a_test_networks_shorter_sessions_rotate_at_their_length() {
	new_test_ext_with(None, Some(2)).execute_with(|| {
		assert_eq!(SessionLengthOf::<Test>::get(), 2);
		use pallet_session::ShouldEndSession;
		let ends: Vec<u64> = (1..=6).filter(|n| PeriodicEnds::should_end_session(*n)).collect();
		assert_eq!(ends, vec![2, 4, 6]);
	});
}

#[test]
#[should_panic(expected = "between 1 and SessionLength")]
fn a_session_longer_than_the_production_one_is_refused_at_genesis() {
	new_test_ext_with(None, Some(SESSION_LENGTH + 1));
}

#[test]
#[should_panic(expected = "between 1 and SessionLength")]
fn an_empty_session_is_refused_at_genesis() {
	new_test_ext_with(None, Some(0));
}

/// The sessions the mock's session pallet runs.
type PeriodicEnds = <Test as pallet_session::Config>::ShouldEndSession;
