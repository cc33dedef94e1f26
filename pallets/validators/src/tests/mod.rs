//! Unit tests: origins, the minimum and maximum, keys required, queueing at session
//! boundaries, events, and the recovery of a stalled finality.

use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult, BoundedVec};
use sp_runtime::DispatchError;

use crate::{mock::*, Error, Event, PendingRecovery, SetChanged, Validators as DecidedSet};

fn decided() -> Vec<u64> {
	DecidedSet::<Test>::get().into_inner()
}

fn active() -> Vec<u64> {
	Session::validators()
}

#[test]
fn genesis_validators_are_active_and_decided() {
	new_test_ext().execute_with(|| {
		assert_eq!(decided(), vec![1, 2]);
		assert_eq!(active(), vec![1, 2]);
	});
}

#[test]
fn added_validator_becomes_active_at_the_second_session_boundary() {
	new_test_ext().execute_with(|| {
		set_keys(3);
		assert_ok!(Validators::add_validator(RuntimeOrigin::root(), 3));
		System::assert_last_event(Event::ValidatorAdded { validator: 3 }.into());
		assert_eq!(decided(), vec![1, 2, 3]);
		assert_eq!(active(), vec![1, 2]);

		run_to_session(1);
		System::assert_has_event(Event::ValidatorSetQueued { session: 2, validators: 3 }.into());
		assert_eq!(
			Session::queued_keys().iter().map(|(v, _)| *v).collect::<Vec<_>>(),
			vec![1, 2, 3]
		);
		assert_eq!(active(), vec![1, 2], "queued, not yet active");

		run_to_session(2);
		assert_eq!(active(), vec![1, 2, 3]);
	});
}

#[test]
fn removed_validator_leaves_at_the_second_session_boundary() {
	new_test_ext().execute_with(|| {
		set_keys(3);
		assert_ok!(Validators::add_validator(RuntimeOrigin::root(), 3));
		run_to_session(2);

		assert_ok!(Validators::remove_validator(RuntimeOrigin::root(), 1));
		System::assert_last_event(Event::ValidatorRemoved { validator: 1 }.into());
		assert_eq!(decided(), vec![2, 3]);
		run_to_session(3);
		assert_eq!(active(), vec![1, 2, 3]);
		run_to_session(4);
		assert_eq!(active(), vec![2, 3]);
	});
}

#[test]
fn an_unchanged_set_is_not_queued_again() {
	new_test_ext().execute_with(|| {
		run_to_session(3);
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Validators(Event::ValidatorSetQueued { .. })
		)));
		assert_eq!(active(), vec![1, 2]);
	});
}

#[test]
fn only_the_governance_origin_changes_the_set() {
	new_test_ext().execute_with(|| {
		set_keys(3);
		assert_noop!(
			Validators::add_validator(RuntimeOrigin::signed(1), 3),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Validators::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_eq!(decided(), vec![1, 2]);
		assert!(!SetChanged::<Test>::get());
	});
}

#[test]
fn adding_an_account_without_session_keys_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Validators::add_validator(RuntimeOrigin::root(), 3),
			Error::<Test>::NoSessionKeys
		);
	});
}

#[test]
fn adding_a_validator_twice_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Validators::add_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn adding_beyond_the_maximum_fails() {
	new_test_ext().execute_with(|| {
		for account in [3, 4, 5] {
			set_keys(account);
		}
		assert_ok!(Validators::add_validator(RuntimeOrigin::root(), 3));
		assert_ok!(Validators::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			Validators::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn removing_an_unknown_validator_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Validators::remove_validator(RuntimeOrigin::root(), 7),
			Error::<Test>::NotValidator
		);
	});
}

#[test]
fn removing_below_the_minimum_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Validators::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(decided(), vec![1, 2]);
	});
}

#[test]
fn the_governance_origin_authorizes_a_runtime_upgrade() {
	new_test_ext().execute_with(|| {
		let code_hash = sp_core::H256::repeat_byte(7);
		assert_ok!(Validators::authorize_upgrade(RuntimeOrigin::root(), code_hash));
		System::assert_last_event(
			frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into(),
		);
		assert_eq!(System::authorized_upgrade().map(|a| a.code_hash().clone()), Some(code_hash));
	});
}

#[test]
fn only_the_governance_origin_authorizes_a_runtime_upgrade() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Validators::authorize_upgrade(RuntimeOrigin::signed(1), sp_core::H256::zero()),
			DispatchError::BadOrigin
		);
		assert!(System::authorized_upgrade().is_none());
	});
}

fn recover(remove: Vec<u64>, delay: u64, best_finalized: u64) -> DispatchResult {
	Validators::recover_finality(
		RuntimeOrigin::root(),
		BoundedVec::truncate_from(remove),
		delay,
		best_finalized,
	)
}

#[test]
fn a_recovery_notes_the_stall_when_the_set_without_the_lost_validators_is_active() {
	new_test_ext().execute_with(|| {
		for account in [3, 4] {
			set_keys(account);
			assert_ok!(Validators::add_validator(RuntimeOrigin::root(), account));
		}
		run_to_session(2);
		assert_eq!(active(), vec![1, 2, 3, 4]);

		// Validators 3 and 4 are gone for good; finality stalled after block 8.
		assert_ok!(recover(vec![3, 4], 5, 8));
		assert_eq!(decided(), vec![1, 2]);
		System::assert_last_event(
			Event::FinalityRecoveryScheduled { session: 4, removed: 2 }.into(),
		);
		run_to_session(3);
		assert!(stalls().is_empty(), "noted while the lost validators were still active");
		run_to_session(4);
		assert_eq!(stalls(), vec![(5, 8, vec![1, 2])]);
		System::assert_has_event(Event::FinalityStallNoted { session: 4, delay: 5 }.into());
		assert!(PendingRecovery::<Test>::get().is_none());
		run_to_session(6);
		assert_eq!(stalls().len(), 1, "a stall is noted once");
	});
}

#[test]
fn a_recovery_without_removals_notes_the_stall_at_the_next_session() {
	new_test_ext().execute_with(|| {
		assert_ok!(recover(vec![], 3, 0));
		run_to_session(1);
		assert_eq!(stalls(), vec![(3, 0, vec![1, 2])]);
	});
}

#[test]
fn a_recovery_is_refused_with_its_reason_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		set_keys(3);
		assert_ok!(Validators::add_validator(RuntimeOrigin::root(), 3));
		assert_noop!(
			Validators::recover_finality(
				RuntimeOrigin::signed(1),
				BoundedVec::truncate_from(vec![3]),
				5,
				0
			),
			DispatchError::BadOrigin
		);
		assert_noop!(recover(vec![3], 0, 0), Error::<Test>::ZeroDelay);
		assert_noop!(recover(vec![3], 5, 99), Error::<Test>::FinalizedInFuture);
		assert_noop!(recover(vec![7], 5, 0), Error::<Test>::NotValidator);
		assert_noop!(recover(vec![3, 3], 5, 0), Error::<Test>::DuplicateValidator);
		assert_noop!(recover(vec![2, 3], 5, 0), Error::<Test>::TooFewValidators);
		assert_ok!(recover(vec![3], 5, 0));
		assert_noop!(recover(vec![], 5, 0), Error::<Test>::RecoveryPending);
	});
}

mod nodes;
mod properties;
mod slot;
