//! The closed network, node side: the node follows the council's allow list of nodes (the
//! validators pallet's `AllowedNodes`, read through `NetworkApi` at every finalized block) and,
//! once the list holds a node, speaks the chain's sync protocol only with the nodes listed, so
//! that a node off the list gets no blocks. While the list is empty the network is open.
//!
//! Reserved-only peering is Substrate's own mechanism: the same calls serve
//! `pallet-node-authorization`'s offchain worker. Reading the list at the finalized block, not
//! the best one, means no node acts on a listing that a fork could still undo.

use std::{collections::HashSet, sync::Arc};

use futures::StreamExt;
use healthnet_primitives::network::{NetworkApi, NodeKey};
use healthnet_runtime::opaque::Block;
use sc_client_api::{BlockchainEvents, HeaderBackend};
use sc_network::{service::traits::NetworkService, PeerId};
use sp_api::{ApiExt, ProvideRuntimeApi};

use crate::service::FullClient;

/// Applies the allow list at the finalized block now and after every finality notification,
/// for as long as the node runs.
pub async fn follow_allow_list(client: Arc<FullClient>, network: Arc<dyn NetworkService>) {
	let mut gate = Gate { network, applied: Vec::new() };
	let mut finalized = client.finality_notification_stream();
	gate.apply(&client, client.info().finalized_hash);
	while let Some(notification) = finalized.next().await {
		gate.apply(&client, notification.hash);
	}
}

struct Gate {
	network: Arc<dyn NetworkService>,
	/// The list last applied, sorted; empty while the network is open.
	applied: Vec<NodeKey>,
}

impl Gate {
	fn apply(&mut self, client: &FullClient, at: <Block as sp_runtime::traits::Block>::Hash) {
		let api = client.runtime_api();
		// A runtime from before the closed network has no list: the network stays open.
		if !api.has_api::<dyn NetworkApi<Block>>(at).unwrap_or(false) {
			return;
		}
		let mut nodes = match api.allowed_nodes(at) {
			Ok(nodes) => nodes,
			Err(error) => {
				log::warn!(target: "closed-network", "could not read the allowed nodes at {at}: {error}");
				return;
			},
		};
		nodes.sort();
		if nodes == self.applied {
			return;
		}
		let own = self.network.local_peer_id();
		let peers: HashSet<PeerId> = nodes.iter().filter_map(PeerId::from_ed25519).collect();
		let listed = peers.contains(&own);
		if nodes.is_empty() {
			// The pallet never empties a closed list; a runtime that did would open the network.
			self.network.set_authorized_only(false);
			self.network.set_authorized_peers(HashSet::new());
			log::info!(target: "closed-network", "the network is open: no node list on chain");
		} else {
			self.network.set_authorized_peers(peers.into_iter().filter(|p| *p != own).collect());
			self.network.set_authorized_only(true);
			log::info!(
				target: "closed-network",
				"closed network: {} nodes allowed{}",
				nodes.len(),
				if listed { "" } else { "; this node is not one of them, so no other node syncs with it" }
			);
		}
		self.applied = nodes;
	}
}
