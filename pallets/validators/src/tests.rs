//! Unit tests: origins, the minimum and maximum, keys required, queueing at session
//! boundaries, and events.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use crate::{mock::*, Error, Event, SetChanged, Validators as DecidedSet};

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
