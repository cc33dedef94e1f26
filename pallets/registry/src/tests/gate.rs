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

/// The storage `reads` reads from `chain`'s committed state: the trie nodes that prove it.
fn nodes_read<R>(
	chain: &mut sp_io::TestExternalities,
	reads: impl FnOnce() -> R,
) -> std::collections::BTreeSet<Vec<u8>> {
	chain.execute_and_prove(reads).1.into_nodes()
}

/// Fails unless `read` and `claimed` are the same trie nodes, saying how many of each.
fn assert_same_reads(
	read: std::collections::BTreeSet<Vec<u8>>,
	claimed: std::collections::BTreeSet<Vec<u8>>,
) {
	assert!(
		read == claimed,
		"read {} trie nodes, {} of them not in the {} the claimed keys prove",
		read.len(),
		read.difference(&claimed).count(),
		claimed.len()
	);
}

#[test]
fn a_members_transaction_is_answered_by_its_membership_and_its_organisation_alone() {
	let mut chain = with_hierarchy();
	chain.execute_with(|| {
		assert_ok!(join(40, 41, OPERATOR));
	});
	// Into the backend, where every read leaves its trace in a proof.
	chain.commit_all().unwrap();
	let gate_read = nodes_read(&mut chain, || assert_eq!(gate(41, remark()), Ok(())));
	let claimed = nodes_read(&mut chain, || {
		Members::<Test>::get(41);
		Organisations::<Test>::get(HOSPITAL);
	});
	assert_same_reads(gate_read, claimed);
	// A known account that is no member is looked up as a member first, and that only (the
	// mock's known account is a constant).
	let gate_read = nodes_read(&mut chain, || assert_eq!(gate(COUNCILLOR, remark()), Ok(())));
	assert_same_reads(gate_read, nodes_read(&mut chain, || Members::<Test>::get(COUNCILLOR)));
}

#[test]
fn the_gate_names_the_source_that_admits_each_signer() {
	use crate::Admission;
	with_hierarchy().execute_with(|| {
		let accept = RuntimeCall::Registry(crate::Call::accept_membership { org: HOSPITAL });
		let open = RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] });
		let device = RuntimeCall::Registry(crate::Call::decline_invitation { org: HOSPITAL });
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, OPERATOR));
		let admission = |who, call: &RuntimeCall| Registry::admission(&who, call);
		assert_eq!(admission(999, &open), Some(Admission::OpenCall));
		assert_eq!(admission(40, &remark()), Some(Admission::Member));
		assert_eq!(admission(77, &device), Some(Admission::Device));
		assert_eq!(admission(COUNCILLOR, &remark()), Some(Admission::KnownAccount));
		assert_eq!(admission(41, &accept), Some(Admission::Invited));
		assert_eq!(admission(999, &remark()), None);
	});
}

#[test]
fn the_gate_gives_back_the_known_accounts_reads_to_members_only() {
	use crate::WeightInfo;
	with_hierarchy().execute_with(|| {
		// What a transaction's checks are charged after its dispatch: the gate's weight, less
		// what it gives back.
		let charged = |signer: u64, call: RuntimeCall| {
			let gate = CheckMembership::<Test>::new();
			let info = DispatchInfo { extension_weight: gate.weight(&call), ..Default::default() };
			let dispatched = gate
				.test_run(RuntimeOrigin::signed(signer), &call, &info, 0, 0, |_| Ok(().into()))
				.expect("the gate admits the signer");
			dispatched.expect("the stand-in dispatch succeeds").actual_weight
		};
		let asked_everything = <() as WeightInfo>::check_membership();
		let before_known = asked_everything - KnownAccountsReads::get();
		let device = RuntimeCall::Registry(crate::Call::decline_invitation { org: HOSPITAL });
		assert_eq!(charged(40, remark()), Some(before_known), "a member");
		// A device's own look-ups (its logger entry, its holder) are not in the benchmark's
		// path: it keeps the whole charge.
		assert_eq!(charged(77, device), Some(asked_everything), "a device");
		assert_eq!(charged(COUNCILLOR, remark()), Some(asked_everything), "a known account");
		assert_ok!(Registry::invite_member(RuntimeOrigin::signed(40), 41, OPERATOR));
		let accept = RuntimeCall::Registry(crate::Call::accept_membership { org: HOSPITAL });
		assert_eq!(charged(41, accept), Some(asked_everything), "an invited account");
	});
}
