//! The membership gate: which signed transactions the pool admits.

use frame_support::{
	dispatch::DispatchInfo, pallet_prelude::TransactionSource, traits::OriginTrait,
};
use healthnet_primitives::UNKNOWN_SIGNER;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

use super::*;
use crate::CheckMembership;

/// What the transaction pool makes of `call` signed by `signer`, as far as the gate decides.
fn gate(signer: u64, call: RuntimeCall) -> Result<(), TransactionValidityError> {
	CheckMembership::<Test>::new()
		.validate_only(
			RuntimeOrigin::signed(signer),
			&call,
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

const REFUSED: TransactionValidityError =
	TransactionValidityError::Invalid(InvalidTransaction::Custom(UNKNOWN_SIGNER));

#[test]
fn the_gate_refuses_an_unknown_signer_with_its_code() {
	with_hierarchy().execute_with(|| {
		assert_eq!(gate(999, remark()), Err(REFUSED));
		// It refuses again when a block includes the transaction, not only in the pool.
		let included = CheckMembership::<Test>::new().test_run(
			RuntimeOrigin::signed(999),
			&remark(),
			&DispatchInfo::default(),
			0,
			0,
			|_| Ok(().into()),
		);
		assert_eq!(included.err(), Some(REFUSED));
	});
}

#[test]
fn the_gate_admits_known_accounts_and_members_of_active_organisations() {
	with_hierarchy().execute_with(|| {
		assert_eq!(gate(COUNCILLOR, remark()), Ok(()));
		assert_eq!(gate(40, remark()), Ok(()));
		assert_ok!(join(40, 41, OPERATOR));
		assert_eq!(gate(41, remark()), Ok(()));
	});
}

#[test]
fn the_gate_refuses_every_account_of_a_suspended_organisation_until_reinstated() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(40, 41, OPERATOR));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(20), HOSPITAL));
		assert_eq!(gate(40, remark()), Err(REFUSED));
		assert_eq!(gate(41, remark()), Err(REFUSED));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::signed(20), HOSPITAL));
		assert_eq!(gate(41, remark()), Ok(()));
	});
}

#[test]
fn the_gate_refuses_a_removed_member() {
	with_hierarchy().execute_with(|| {
		assert_ok!(join(40, 41, OPERATOR));
		assert_ok!(Registry::remove_member(RuntimeOrigin::signed(40), 41));
		assert_eq!(gate(41, remark()), Err(REFUSED));
	});
}

#[test]
fn the_gate_lets_anyone_sign_an_open_call_and_only_that() {
	with_hierarchy().execute_with(|| {
		let open = RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] });
		assert_eq!(gate(999, open), Ok(()));
		assert_eq!(gate(999, remark()), Err(REFUSED));
	});
}

#[test]
fn the_gate_leaves_unsigned_transactions_to_their_own_checks() {
	with_hierarchy().execute_with(|| {
		// Called directly: the full pipeline refuses an origin that no extension authorized.
		let passed = CheckMembership::<Test>::new().validate(
			RuntimeOrigin::none(),
			&remark(),
			&DispatchInfo::default(),
			0,
			(),
			&TxBaseImplication(()),
			TransactionSource::External,
		);
		assert!(passed.is_ok_and(|(_, _, origin)| origin.as_signer().is_none()));
	});
}

#[test]
fn the_gate_refuses_a_call_the_runtimes_filter_refuses_even_from_a_known_account() {
	with_hierarchy().execute_with(|| {
		let filtered = RuntimeCall::System(frame_system::Call::set_heap_pages { pages: 1 });
		let refused = TransactionValidityError::Invalid(InvalidTransaction::Call);
		assert_eq!(gate(COUNCILLOR, filtered.clone()), Err(refused));
		assert_eq!(gate(40, filtered), Err(refused));
	});
}

#[test]
fn the_gate_lets_an_invited_account_accept_or_decline_and_nothing_else() {
	with_hierarchy().execute_with(|| {
		let accept = |org| RuntimeCall::Registry(crate::Call::accept_membership { org });
		assert_eq!(gate(41, accept(HOSPITAL)), Err(REFUSED), "not invited yet");
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, OPERATOR));
		assert_eq!(gate(41, accept(HOSPITAL)), Ok(()));
		let decline = RuntimeCall::Registry(crate::Call::decline_invitation { org: HOSPITAL });
		assert_eq!(gate(41, decline), Ok(()));
		assert_eq!(gate(41, accept(KARNATAKA)), Err(REFUSED), "invited by another");
		assert_eq!(gate(41, remark()), Err(REFUSED));
	});
}

#[test]
fn the_gate_admits_a_device_for_its_calls_only() {
	with_hierarchy().execute_with(|| {
		let its_call = RuntimeCall::Registry(crate::Call::decline_invitation { org: 3 });
		let other = RuntimeCall::Registry(crate::Call::decline_invitation { org: 2 });
		assert_eq!(gate(77, its_call.clone()), Ok(()));
		assert_eq!(gate(77, other), Err(REFUSED));
		assert_eq!(gate(77, remark()), Err(REFUSED));
		assert_eq!(gate(78, its_call), Err(REFUSED), "only the device");
	});
}
