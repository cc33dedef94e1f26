//! The closed network: which nodes may connect to the network's nodes and sync its chain.
//!
//! The council keeps an allow list of node keys in the validators pallet. While the list is
//! empty the network is open, as every Substrate chain is by default; once it holds a node,
//! every Healthnet node reads it at its finalized block and talks the chain's protocols only to
//! the nodes listed (reserved-only peering), so an unlisted node gets no blocks.
//!
//! A node is named by its network key, the Ed25519 public key behind its peer id
//! (`--node-key`, `healthnet-node key inspect-node-key`). A peer id is that key as an identity
//! multihash of its protobuf encoding: the six bytes [`PEER_ID_PREFIX`] and the 32 key bytes.

use alloc::vec::Vec;

/// A node's network key: the Ed25519 public key its peer id is made from.
pub type NodeKey = [u8; 32];

/// What precedes the key in the bytes of an Ed25519 peer id: identity multihash (`0x00`) of 36
/// bytes (`0x24`), protobuf field 1 key type Ed25519 (`0x08 0x01`), field 2 of 32 bytes
/// (`0x12 0x20`).
pub const PEER_ID_PREFIX: [u8; 6] = [0x00, 0x24, 0x08, 0x01, 0x12, 0x20];

/// The bytes of the peer id of the node whose key is `node` (base58 of them is its text form).
pub fn peer_id_bytes(node: &NodeKey) -> [u8; 38] {
	let mut bytes = [0; 38];
	bytes[..6].copy_from_slice(&PEER_ID_PREFIX);
	bytes[6..].copy_from_slice(node);
	bytes
}

/// The node key inside the bytes of a peer id, or `None` when they are not an Ed25519 peer id
/// (Substrate nodes have no other kind).
pub fn node_key_of(peer_id: &[u8]) -> Option<NodeKey> {
	match peer_id.split_at_checked(PEER_ID_PREFIX.len()) {
		Some((prefix, key)) if prefix == PEER_ID_PREFIX => key.try_into().ok(),
		_ => None,
	}
}

sp_api::decl_runtime_apis! {
	/// What nodes read of the network's own governance.
	pub trait NetworkApi {
		/// The nodes allowed to connect and sync; empty while the network is open.
		fn allowed_nodes() -> Vec<NodeKey>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_peer_id_holds_its_node_key_and_nothing_else_is_read_as_one() {
		let node = [7; 32];
		assert_eq!(node_key_of(&peer_id_bytes(&node)), Some(node));
		// A secp256k1 key type (0x08 0x02), a short id, a longer one.
		let mut other = peer_id_bytes(&node);
		other[3] = 2;
		assert_eq!(node_key_of(&other), None);
		assert_eq!(node_key_of(&peer_id_bytes(&node)[..37]), None);
		assert_eq!(node_key_of(&[&peer_id_bytes(&node)[..], &[0]].concat()), None);
	}
}
