//! The slot length: the production one unless a test network's genesis chose a shorter one
//! within the bounds.

use frame_support::traits::Get;

use crate::{mock::*, GenesisSlotDuration, HalfSlotDurationOf, SlotDurationOf};

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
