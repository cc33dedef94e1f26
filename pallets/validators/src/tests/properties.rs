//! Random sequences of every call from the council and from others, with sessions passing: no
//! call half-applies, the set stays within its bounds, and the allow list of nodes never
//! empties once the network is closed.

use super::*;
use crate::AllowedNodes;
use healthnet_primitives::network::NodeKey;
use healthnet_testing as testing;
use proptest::prelude::*;

/// One call or one session of a random sequence.
#[derive(Clone, Debug)]
enum Step {
	Add { council: bool, validator: u64 },
	Remove { council: bool, validator: u64 },
	Recover { council: bool, remove: Vec<u64>, delay: u64, best_finalized: u64 },
	Allow { council: bool, nodes: Vec<u8> },
	Disallow { council: bool, nodes: Vec<u8> },
	Session,
}

/// The network key of node `n` of the random sequences.
fn node(n: u8) -> NodeKey {
	[n; 32]
}

fn nodes(nodes: &[u8]) -> BoundedVec<NodeKey, MaxAllowedNodes> {
	BoundedVec::truncate_from(nodes.iter().copied().map(node).collect())
}

fn origin(council: bool) -> RuntimeOrigin {
	if council {
		RuntimeOrigin::root()
	} else {
		RuntimeOrigin::signed(1)
	}
}

fn step() -> impl Strategy<Value = Step> {
	let council = prop_oneof![4 => Just(true), 1 => Just(false)];
	prop_oneof![
		3 => (council.clone(), 1..8u64)
			.prop_map(|(council, validator)| Step::Add { council, validator }),
		2 => (council.clone(), 1..8u64)
			.prop_map(|(council, validator)| Step::Remove { council, validator }),
		2 => (council.clone(), proptest::collection::vec(1..8u64, 0..3), 0..3u64, 0..40u64).prop_map(
			|(council, remove, delay, best_finalized)| Step::Recover {
				council,
				remove,
				delay,
				best_finalized
			}
		),
		2 => (council.clone(), proptest::collection::vec(0..5u8, 0..4))
			.prop_map(|(council, nodes)| Step::Allow { council, nodes }),
		1 => (council, proptest::collection::vec(0..5u8, 0..3))
			.prop_map(|(council, nodes)| Step::Disallow { council, nodes }),
		3 => Just(Step::Session),
	]
}

fn run(step: &Step) -> DispatchResult {
	match step.clone() {
		Step::Add { council, validator } => Validators::add_validator(origin(council), validator),
		Step::Remove { council, validator } => {
			Validators::remove_validator(origin(council), validator)
		},
		Step::Recover { council, remove, delay, best_finalized } => Validators::recover_finality(
			origin(council),
			BoundedVec::truncate_from(remove),
			delay,
			best_finalized,
		),
		Step::Allow { council, nodes: listed } => {
			Validators::allow_nodes(origin(council), nodes(&listed))
		},
		Step::Disallow { council, nodes: listed } => {
			Validators::disallow_nodes(origin(council), nodes(&listed))
		},
		Step::Session => {
			run_to_session(Session::current_index() + 1);
			Ok(())
		},
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn no_call_half_applies_and_the_set_stays_within_its_bounds(
		steps in proptest::collection::vec(step(), 1..40)
	) {
		new_test_ext().execute_with(|| {
			// Accounts 3 to 6 have session keys; 7 has none.
			for account in 3..7 {
				set_keys(account);
			}
			let mut accepted_recoveries = 0;
			let mut closed = false;
			for step in &steps {
				let result = testing::refusal_changes_nothing(step, || run(step))
					.map_err(TestCaseError::fail)?;
				if result.is_ok() && matches!(step, Step::Recover { .. }) {
					accepted_recoveries += 1;
				}
				let listed = AllowedNodes::<Test>::iter_keys().count() as u32;
				prop_assert_eq!(AllowedNodes::<Test>::count(), listed, "the list's counter");
				prop_assert!(listed <= MaxAllowedNodes::get());
				closed |= listed > 0;
				prop_assert!(!closed || listed > 0, "a closed network opened by {:?}", step);
				let set = decided();
				prop_assert!(set.len() as u32 >= MinValidators::get());
				prop_assert!(set.len() as u32 <= MaxValidators::get());
				let mut unique = set.clone();
				unique.sort();
				unique.dedup();
				prop_assert_eq!(unique.len(), set.len(), "a validator twice in {:?}", set);
				prop_assert!(!set.contains(&7), "a validator without keys");
				if let Some((session, ..)) = PendingRecovery::<Test>::get() {
					prop_assert!(session > Session::current_index(), "a recovery in the past");
				}
				prop_assert!(stalls().len() <= accepted_recoveries, "a stall noted unasked");
			}
			Ok(())
		})?;
	}
}
