//! The permissioned validators and the closed network: builders of the validators pallet's
//! calls (each council only, proposed through [`crate::council::propose`]), of session key
//! registration, the reads of the validator set and of the nodes allowed, and the peer ids
//! that name nodes.

use healthnet_primitives::network::{self, NodeKey};
use subxt::utils::{AccountId32, H256};

use crate::{
	api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec, healthnet_runtime::RuntimeCall,
		},
	},
	Client, Error,
};

/// Adds a validator (its operator must have set its session keys).
pub fn add_validator(validator: AccountId32) -> RuntimeCall {
	RuntimeCall::Validators(api::runtime_types::pallet_validators::pallet::Call::add_validator {
		validator,
	})
}

/// Removes a validator.
pub fn remove_validator(validator: AccountId32) -> RuntimeCall {
	RuntimeCall::Validators(api::runtime_types::pallet_validators::pallet::Call::remove_validator {
		validator,
	})
}

/// Authorizes a runtime upgrade to the code whose hash is `code_hash`.
pub fn authorize_upgrade(code_hash: H256) -> RuntimeCall {
	RuntimeCall::Validators(
		api::runtime_types::pallet_validators::pallet::Call::authorize_upgrade { code_hash },
	)
}

/// Allows the nodes `nodes` (network keys, see [`node_key`]) to connect and sync; the first
/// listing closes the network.
pub fn allow_nodes(nodes: Vec<NodeKey>) -> RuntimeCall {
	RuntimeCall::Validators(api::runtime_types::pallet_validators::pallet::Call::allow_nodes {
		nodes: BoundedVec(nodes),
	})
}

/// Takes the nodes `nodes` off the allow list.
pub fn disallow_nodes(nodes: Vec<NodeKey>) -> RuntimeCall {
	RuntimeCall::Validators(api::runtime_types::pallet_validators::pallet::Call::disallow_nodes {
		nodes: BoundedVec(nodes),
	})
}

/// The network key inside a peer id as nodes print it (`12D3KooW...`, base58), or a sentence
/// saying why it is not one.
pub fn node_key(peer_id: &str) -> Result<NodeKey, Error> {
	let bytes = bs58::decode(peer_id.trim()).into_vec().map_err(|_| {
		Error::BadInput(format!("{peer_id} is not a peer id: peer ids are base58 text"))
	})?;
	network::node_key_of(&bytes).ok_or_else(|| {
		Error::BadInput(format!(
			"{peer_id} is not the peer id of a node: a node's peer id is made from its Ed25519 \
			 network key and starts with 12D3KooW (the node prints it at start as 'Local node \
			 identity')"
		))
	})
}

/// The peer id, as nodes print it, of the node whose network key is `node`.
pub fn peer_id(node: &NodeKey) -> String {
	bs58::encode(network::peer_id_bytes(node)).into_string()
}

/// A validator's operator sets its session keys: `keys` and `proof` as
/// `author_rotateKeysWithOwner` returned them for the validator's account.
pub fn set_keys(keys: &[u8], proof: Vec<u8>) -> Result<impl subxt::tx::Payload, Error> {
	use codec::Decode;
	let keys = api::runtime_types::healthnet_runtime::SessionKeys::decode(&mut &keys[..])
		.ok()
		.filter(|_| keys.len() == 64)
		.ok_or_else(|| {
			Error::BadInput(
				"the session keys are not an Aura and a GRANDPA key (64 bytes, as \
				 author_rotateKeysWithOwner returns them)"
					.into(),
			)
		})?;
	Ok(api::tx().session().set_keys(keys, proof))
}

impl Client {
	/// The validators the council decided on (they take effect at a session boundary).
	pub async fn validators(&self) -> Result<Vec<AccountId32>, Error> {
		let at = self.at_finalized().await?;
		let value = at
			.storage()
			.try_fetch(api::storage().validators().validators(), ())
			.await
			.map_err(|e| Error::node("could not read the validators", e))?;
		match value {
			Some(value) => value
				.decode()
				.map(|validators| validators.0)
				.map_err(|e| Error::node("could not decode the validators", e)),
			None => Ok(Vec::new()),
		}
	}

	/// The nodes allowed to connect and sync, with the block that listed each; empty while the
	/// network is open.
	pub async fn allowed_nodes(&self) -> Result<Vec<(NodeKey, u32)>, Error> {
		let at = self.at_finalized().await?;
		let mut entries = at
			.storage()
			.iter(api::storage().validators().allowed_nodes(), ())
			.await
			.map_err(|e| Error::node("could not read the allowed nodes", e))?;
		let mut nodes = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(|e| Error::node("could not read the allowed nodes", e))?;
			let key = entry.key().map_err(|e| Error::node("could not decode a node key", e))?;
			let (node,) =
				key.decode().map_err(|e| Error::node("could not decode a node key", e))?;
			let listed =
				entry.value().decode().map_err(|e| Error::node("could not decode a node", e))?;
			nodes.push((node, listed));
		}
		nodes.sort();
		Ok(nodes)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_peer_id_names_a_node_key_and_back() {
		// The peer id of the node key 0x01...01, as a node would print it.
		let id = peer_id(&[1; 32]);
		assert!(id.starts_with("12D3KooW"), "{id}");
		assert_eq!(node_key(&id).ok(), Some([1; 32]));
		assert!(node_key("12D3KooW0OIl").is_err(), "0, O, I and l are not base58");
		// A base58 text that is not an Ed25519 peer id (a secp256k1 one starts with 16Uiu2).
		assert!(node_key("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N").is_err());
	}
}
