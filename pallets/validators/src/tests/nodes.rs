//! The allow list of a closed network: only the council lists and withdraws nodes, the first
//! listing closes the network, and the list never empties again.

use super::*;
use crate::AllowedNodes;
use healthnet_primitives::network::NodeKey;

fn nodes(keys: &[u8]) -> BoundedVec<NodeKey, MaxAllowedNodes> {
	BoundedVec::truncate_from(keys.iter().map(|&n| [n; 32]).collect())
}

fn allowed() -> Vec<NodeKey> {
	let mut listed = Validators::allowed_nodes();
	listed.sort();
	listed
}

#[test]
fn the_first_listing_closes_the_network_and_later_ones_add_to_it() {
	new_test_ext().execute_with(|| {
		assert!(allowed().is_empty(), "a new network is open");
		assert_ok!(Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[1, 2])));
		System::assert_has_event(Event::NodeAllowed { node: [1; 32] }.into());
		System::assert_has_event(Event::NodeAllowed { node: [2; 32] }.into());
		System::assert_last_event(Event::NetworkClosed { nodes: 2 }.into());
		assert_eq!(AllowedNodes::<Test>::get([1; 32]), Some(1), "listed at block 1");

		System::reset_events();
		assert_ok!(Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[3])));
		assert_eq!(System::events().len(), 1, "only NodeAllowed: the network was closed");
		assert_eq!(allowed(), vec![[1; 32], [2; 32], [3; 32]]);
	});
}

#[test]
fn a_withdrawn_node_leaves_the_list_but_the_last_one_stays() {
	new_test_ext().execute_with(|| {
		assert_ok!(Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[1, 2, 3])));
		assert_ok!(Validators::disallow_nodes(RuntimeOrigin::root(), nodes(&[3, 1])));
		System::assert_last_event(Event::NodeDisallowed { node: [1; 32] }.into());
		assert_eq!(allowed(), vec![[2; 32]]);
		assert_noop!(
			Validators::disallow_nodes(RuntimeOrigin::root(), nodes(&[2])),
			Error::<Test>::WouldOpenNetwork
		);
		// Withdrawn nodes may be listed again.
		assert_ok!(Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[1])));
	});
}

#[test]
fn bad_node_lists_are_refused_and_change_nothing() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Validators::allow_nodes(RuntimeOrigin::signed(1), nodes(&[1])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[])),
			Error::<Test>::NoNodes
		);
		assert_noop!(
			Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[1, 1])),
			Error::<Test>::DuplicateNode
		);
		assert_noop!(
			Validators::disallow_nodes(RuntimeOrigin::root(), nodes(&[1])),
			Error::<Test>::NodeNotAllowed
		);
		assert_ok!(Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[1, 2])));
		assert_noop!(
			Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[3, 2])),
			Error::<Test>::NodeAlreadyAllowed
		);
		// The mock holds three nodes at most.
		assert_noop!(
			Validators::allow_nodes(RuntimeOrigin::root(), nodes(&[3, 4])),
			Error::<Test>::TooManyNodes
		);
		assert_noop!(
			Validators::disallow_nodes(RuntimeOrigin::signed(1), nodes(&[1])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Validators::disallow_nodes(RuntimeOrigin::root(), nodes(&[2, 2])),
			Error::<Test>::DuplicateNode
		);
		assert_noop!(
			Validators::disallow_nodes(RuntimeOrigin::root(), nodes(&[1, 2])),
			Error::<Test>::WouldOpenNetwork
		);
		assert_eq!(allowed(), vec![[1; 32], [2; 32]]);
	});
}

#[test]
fn a_network_can_start_closed_from_its_genesis() {
	new_test_ext_closed(None, None, vec![[1; 32], [2; 32]]).execute_with(|| {
		assert_eq!(allowed(), vec![[1; 32], [2; 32]], "closed from the first block");
		assert_eq!(AllowedNodes::<Test>::get([2; 32]), Some(0), "listed at genesis");
		// The council goes on from there: the list never empties.
		assert_ok!(Validators::disallow_nodes(RuntimeOrigin::root(), nodes(&[1])));
		assert_noop!(
			Validators::disallow_nodes(RuntimeOrigin::root(), nodes(&[2])),
			Error::<Test>::WouldOpenNetwork
		);
	});
}

#[test]
#[should_panic(expected = "genesis allows a node twice")]
fn a_genesis_that_allows_a_node_twice_is_refused() {
	new_test_ext_closed(None, None, vec![[1; 32], [1; 32]]);
}
