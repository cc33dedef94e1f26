//! The connection to a node: connecting and checking its runtime, submitting a transaction
//! and following it to finality, and the two ways of reading that every domain module uses
//! (the node's JSON-RPC methods and the runtime's view functions).

use healthnet_primitives::{Page, MAX_PAGE};
use subxt::{
	ext::codec::{Decode, Encode},
	ext::scale_value::Composite,
	tx::Payload,
	utils::H256,
	OnlineClient, PolkadotConfig,
};
use subxt_rpcs::{rpc_params, RpcClient};
use subxt_signer::sr25519::Keypair;

use crate::{
	api,
	events::{readable_composite, EventRecord, Included, Progress},
	Error,
};

/// Facts about the chain a node follows.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChainInfo {
	/// The chain's name from its spec.
	pub chain: String,
	/// The genesis block's hash.
	pub genesis: H256,
	/// The runtime's spec version.
	pub spec_version: u32,
	/// The best block's number.
	pub best: u64,
	/// The last finalized block's number.
	pub finalized: u64,
	/// Whether this client was built for the node's runtime.
	pub metadata_matches: bool,
}

/// A connection to one Healthnet node.
#[derive(Clone)]
pub struct Client {
	chain: OnlineClient<PolkadotConfig>,
	rpc: RpcClient,
	url: String,
}

impl Client {
	/// Connects to the node at `url` and checks that its runtime matches this client.
	pub async fn connect(url: &str) -> Result<Client, Error> {
		let client = Self::connect_unchecked(url).await?;
		let at = client.at_finalized().await?;
		check_metadata(url, at.spec_version(), at.metadata_ref())?;
		Ok(client)
	}

	/// Connects to the node at `url` without checking its runtime: for reading what any
	/// Substrate node can say about itself ([`Client::chain_info`]).
	pub async fn connect_unchecked(url: &str) -> Result<Client, Error> {
		// The transport nests its errors ("RPC error: client error: ... refused"): keep the cause.
		let unreachable = |reason: String| Error::Unreachable {
			url: url.to_string(),
			reason: reason.rsplit("error: ").next().unwrap_or_default().to_string(),
		};
		if !(url.starts_with("ws://") || url.starts_with("wss://")) {
			return Err(unreachable("the URL must start with ws:// or wss://".into()));
		}
		let rpc =
			RpcClient::from_insecure_url(url).await.map_err(|e| unreachable(e.to_string()))?;
		let chain = OnlineClient::<PolkadotConfig>::from_rpc_client(rpc.clone())
			.await
			.map_err(|e| unreachable(e.to_string()))?;
		Ok(Client { chain, rpc, url: url.to_string() })
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The subxt client underneath, for what this library does not cover.
	pub fn subxt(&self) -> &OnlineClient<PolkadotConfig> {
		&self.chain
	}

	pub(crate) async fn at_finalized(
		&self,
	) -> Result<
		subxt::client::ClientAtBlock<
			PolkadotConfig,
			subxt::client::OnlineClientAtBlockImpl<PolkadotConfig>,
		>,
		Error,
	> {
		self.chain.at_current_block().await.map_err(|e| Error::node("could not read the chain", e))
	}

	/// The chain's name, genesis, runtime version, best and finalized blocks.
	pub async fn chain_info(&self) -> Result<ChainInfo, Error> {
		let at = self.at_finalized().await?;
		let chain: String = self.request("system_chain", rpc_params![]).await?;
		let best: serde_json::Value = self.request("chain_getHeader", rpc_params![]).await?;
		let best = best["number"]
			.as_str()
			.and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok())
			.ok_or_else(|| Error::Node("the node's best header has no number".into()))?;
		Ok(ChainInfo {
			chain,
			genesis: self.chain.genesis_hash(),
			spec_version: at.spec_version(),
			best,
			finalized: at.block_number(),
			metadata_matches: api::is_codegen_valid_for(at.metadata_ref()),
		})
	}

	/// The hash and number of the finalized head.
	pub async fn finalized_head(&self) -> Result<(H256, u32), Error> {
		let hash: H256 = self.request("chain_getFinalizedHead", rpc_params![]).await?;
		let header: serde_json::Value = self.request("chain_getHeader", rpc_params![hash]).await?;
		let number = header["number"]
			.as_str()
			.and_then(|n| u32::from_str_radix(n.trim_start_matches("0x"), 16).ok())
			.ok_or_else(|| Error::Node("the finalized header has no number".into()))?;
		Ok((hash, number))
	}

	/// Signs `call` with `signer`, submits it, reports each step to `progress`, and waits until
	/// it is finalized. Fails with the pool's reason if the node refuses it, and with the
	/// pallet's error if the runtime does.
	pub async fn submit<Call: Payload>(
		&self,
		call: &Call,
		signer: &Keypair,
		progress: impl FnMut(&Progress),
	) -> Result<Included, Error> {
		let mut tx =
			self.chain.tx().await.map_err(|e| Error::node("could not read the chain", e))?;
		let watch = tx
			.sign_and_submit_then_watch_default(call, signer)
			.await
			.map_err(|e| Error::refused(&e.to_string()))?;
		self.follow_transaction(watch, progress).await
	}

	/// Follows a submitted transaction: reports each step to `progress` and waits until it is
	/// finalized. Fails with the pool's reason if the node refuses it, and with the pallet's
	/// error if the runtime does.
	pub(crate) async fn follow_transaction(
		&self,
		mut watch: subxt::transactions::TransactionProgress<
			PolkadotConfig,
			subxt::client::OnlineClientAtBlockImpl<PolkadotConfig>,
		>,
		mut progress: impl FnMut(&Progress),
	) -> Result<Included, Error> {
		use subxt::transactions::TransactionStatus;
		progress(&Progress::Submitted { hash: watch.extrinsic_hash() });
		loop {
			let status = match watch.next().await {
				Some(status) => status.map_err(|e| Error::refused(&e.to_string()))?,
				None => {
					return Err(Error::Node("the node stopped reporting on the transaction".into()))
				},
			};
			match status {
				TransactionStatus::InBestBlock(in_block) => {
					progress(&Progress::InBlock { block: in_block.block_hash() });
				},
				TransactionStatus::InFinalizedBlock(in_block) => {
					let block = in_block.block_hash();
					progress(&Progress::Finalized { block });
					let events = in_block.wait_for_success().await.map_err(|e| match e {
						subxt::error::TransactionEventsError::ExtrinsicFailed(error) => {
							Error::dispatch(&error)
						},
						other => Error::node("could not read the transaction's events", other),
					})?;
					let block_number = self
						.chain
						.at_block(block)
						.await
						.map_err(|e| Error::node("could not read the block", e))?
						.block_number();
					let mut records = Vec::new();
					for event in events.iter() {
						records.push(record(
							event.map_err(|e| Error::node("could not decode an event", e))?,
						));
					}
					// What the block's end did: the alerts its reports opened or closed, as
					// the aggregates roll up once per block.
					let mut block_end = Vec::new();
					for event in events.all_events_in_block().iter() {
						let event =
							event.map_err(|e| Error::node("could not decode an event", e))?;
						if event.phase() == subxt::events::Phase::Finalization {
							block_end.push(record(event));
						}
					}
					return Ok(Included { block, block_number, events: records, block_end });
				},
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => return Err(Error::refused(&message)),
				TransactionStatus::Validated
				| TransactionStatus::Broadcasted
				| TransactionStatus::NoLongerInBestBlock => {},
			}
		}
	}

	/// The JSON-RPC connection, for subscriptions.
	pub(crate) fn rpc(&self) -> &RpcClient {
		&self.rpc
	}

	/// Calls the node's JSON-RPC method `method`. Every `healthnet_*` method takes, after its
	/// own parameters, the hash of the block to read at (the best block when left out): apps
	/// that show several figures side by side pass one finalized hash to all of them.
	pub async fn request<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: subxt_rpcs::client::RpcParams,
	) -> Result<T, Error> {
		self.rpc.request(method, params).await.map_err(|e| Error::node(method, e))
	}

	/// Every page of the listing method `method`, read at the finalized block: `leading` are
	/// the method's own parameters; each page's cursor, the largest page and the block follow
	/// them, and each page's `next` is the following page's cursor.
	pub async fn every_page<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		leading: &[serde_json::Value],
	) -> Result<Vec<T>, Error> {
		let (hash, _) = self.finalized_head().await?;
		self.every_page_at(method, leading, hash).await
	}

	/// As [`Client::every_page`], at the block `hash`.
	pub async fn every_page_at<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		leading: &[serde_json::Value],
		hash: H256,
	) -> Result<Vec<T>, Error> {
		Ok(self.pages_at(method, leading, hash, usize::MAX).await?.0)
	}

	/// At most `pages` pages of the listing `method` at the block `hash`, and whether more
	/// follow.
	pub async fn pages_at<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		leading: &[serde_json::Value],
		hash: H256,
		pages: usize,
	) -> Result<(Vec<T>, bool), Error> {
		let mut items = Vec::new();
		let mut cursor = serde_json::Value::Null;
		for _ in 0..pages {
			let mut params = subxt_rpcs::client::RpcParams::new();
			for value in leading.iter().chain([&cursor, &MAX_PAGE.into()]) {
				params.push(value).map_err(|e| Error::BadInput(e.to_string()))?;
			}
			params.push(hash).map_err(|e| Error::BadInput(e.to_string()))?;
			let page: Page<T, serde_json::Value> = self.request(method, params).await?;
			items.extend(page.items);
			match page.next {
				Some(next) => cursor = next,
				None => return Ok((items, false)),
			}
		}
		Ok((items, true))
	}

	/// Calls the view function `pallet.function` at the finalized block with its SCALE-encoded
	/// arguments and decodes its answer.
	pub(crate) async fn view<T: Decode>(
		&self,
		pallet: &str,
		function: &str,
		args: Vec<u8>,
	) -> Result<T, Error> {
		let at = self.at_finalized().await?;
		let query_id = *at
			.metadata_ref()
			.pallet_by_name(pallet)
			.and_then(|p| p.view_function_by_name(function))
			.ok_or_else(|| {
				Error::Node(format!("the runtime has no view function {pallet}.{function}"))
			})?
			.query_id();
		// The runtime API takes the query id, then the arguments as one length-prefixed byte
		// string (subxt 0.50's own encoder leaves the length out, which the runtime refuses).
		let input = (query_id, args).encode();
		let answer = at
			.view_functions()
			.call_raw(Some(&input))
			.await
			.map_err(|e| Error::node(&format!("{pallet}.{function}"), e))?;
		let decoded = match answer.split_first() {
			Some((0, encoded)) => Vec::<u8>::decode(&mut &encoded[..])
				.ok()
				.and_then(|bytes| T::decode(&mut &bytes[..]).ok()),
			_ => None,
		};
		decoded.ok_or_else(|| Error::Node(format!("the view function {pallet}.{function} failed")))
	}
}

/// Checks that the runtime with `metadata` (spec version `spec_version`, at `url`) has the
/// calls, storage, events and APIs this client was generated for.
pub fn check_metadata(
	url: &str,
	spec_version: u32,
	metadata: &subxt::Metadata,
) -> Result<(), Error> {
	if api::is_codegen_valid_for(metadata) {
		Ok(())
	} else {
		Err(Error::MetadataMismatch { url: url.to_string(), spec_version })
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::DEFAULT_URL;

	const METADATA: &[u8] = include_bytes!("../metadata/healthnet.scale");

	#[test]
	fn the_checked_in_metadata_is_what_the_client_was_generated_from() {
		let metadata = subxt::Metadata::decode_from(METADATA).expect("metadata decodes");
		assert!(check_metadata(DEFAULT_URL, 100, &metadata).is_ok());
	}

	#[test]
	fn a_runtime_with_other_pallets_is_refused_with_what_to_do() {
		// The same runtime with its `Registry` pallet renamed, as a runtime whose calls moved
		// would look to this client: every length-prefixed "Registry" becomes "Registrz".
		let mut changed = METADATA.to_vec();
		let mut renamed = 0;
		for at in 0..changed.len() - 9 {
			if &changed[at..at + 9] == b"\x20Registry" {
				changed[at + 8] = b'z';
				renamed += 1;
			}
		}
		assert!(renamed > 0, "the metadata names the Registry pallet");
		let metadata = subxt::Metadata::decode_from(&changed).expect("still metadata");
		let error = check_metadata("ws://node:9944", 101, &metadata).unwrap_err().to_string();
		assert!(error.contains("ws://node:9944 runs a runtime (spec version 101)"), "{error}");
		assert!(error.contains("scripts/metadata"), "{error}");
	}
}

/// An event in readable form.
fn record<T: subxt::config::Config>(event: subxt::events::Event<'_, T>) -> EventRecord {
	let fields = event
		.decode_fields_unchecked_as::<Composite<()>>()
		.map(|fields| readable_composite(fields).to_string())
		.unwrap_or_default();
	EventRecord {
		pallet: event.pallet_name().to_string(),
		name: event.event_name().to_string(),
		fields,
		bytes: event.field_bytes().to_vec(),
	}
}
