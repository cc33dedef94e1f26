//! Signed transactions, council motions and storage reads against a running node, through
//! subxt's dynamic API (the tests read the metadata from the node they talk to).

use anyhow::{anyhow, bail, Context, Result};
use subxt::{
	dynamic::{self, Value},
	ext::codec::{Decode, Encode},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// A subxt client of one node.
pub struct Chain {
	/// The subxt client; for what the helpers here do not cover.
	pub client: OnlineClient<PolkadotConfig>,
	rpc_port: u16,
}

/// What a finalized transaction emitted, then what its block's end emitted: `(pallet, event,
/// SCALE-encoded fields)`.
pub type Events = Vec<(String, String, Vec<u8>)>;

/// How long a submission waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
	/// Until its block is finalized: the usual.
	Finalized,
	/// Until it is in a block of the best chain: for when finality has stalled.
	InBlock,
}

impl Chain {
	/// Connects to the node's RPC port.
	pub async fn connect(rpc_port: u16) -> Result<Chain> {
		let url = format!("ws://127.0.0.1:{rpc_port}");
		let client = OnlineClient::<PolkadotConfig>::from_insecure_url(&url)
			.await
			.with_context(|| format!("could not connect subxt to {url}"))?;
		Ok(Chain { client, rpc_port })
	}

	/// Signs `pallet.call(args)` with `signer`, waits until it is finalized and succeeded,
	/// and returns its events. A dispatch error comes back as an error whose text names it.
	pub async fn submit(
		&self,
		signer: &Keypair,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
	) -> Result<Events> {
		self.submit_waiting(signer, pallet, call, args, Wait::Finalized).await
	}

	/// [`Chain::submit`], waiting as `wait` says.
	pub async fn submit_waiting(
		&self,
		signer: &Keypair,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
		wait: Wait,
	) -> Result<Events> {
		let payload = dynamic::transaction(pallet, call, args);
		// subxt signs at the finalized block (its nonce, its mortality); while finality stalls,
		// the best block's nonce is the one that counts.
		let at = match wait {
			Wait::Finalized => self.client.at_current_block().await?,
			Wait::InBlock => self.client.at_block(self.best_hash().await?).await?,
		};
		let progress = at
			.transactions()
			.sign_and_submit_then_watch_default(&payload, signer)
			.await
			.with_context(|| format!("{pallet}.{call} was not accepted"))?;
		let events = match wait {
			Wait::Finalized => progress
				.wait_for_finalized_success()
				.await
				.map_err(|e| anyhow!("{pallet}.{call} failed: {e}"))?,
			Wait::InBlock => in_block(progress)
				.await
				.with_context(|| format!("{pallet}.{call} was not included"))?
				.wait_for_success()
				.await
				.map_err(|e| anyhow!("{pallet}.{call} failed: {e}"))?,
		};
		let mut out = Vec::new();
		for event in events.iter() {
			let event = event?;
			out.push((
				event.pallet_name().to_string(),
				event.event_name().to_string(),
				event.field_bytes().to_vec(),
			));
		}
		// Then the block's end: the alerts its reports opened or closed, as the aggregates
		// roll up once per block.
		for event in events.all_events_in_block().iter() {
			let event = event?;
			if event.phase() == subxt::events::Phase::Finalization {
				out.push((
					event.pallet_name().to_string(),
					event.event_name().to_string(),
					event.field_bytes().to_vec(),
				));
			}
		}
		Ok(out)
	}

	/// The hash of the node's best block.
	async fn best_hash(&self) -> Result<subxt::config::substrate::H256> {
		use jsonrpsee::core::client::ClientT;
		let rpc = jsonrpsee::http_client::HttpClientBuilder::default()
			.build(format!("http://127.0.0.1:{}", self.rpc_port))?;
		let hash: String =
			rpc.request("chain_getBlockHash", jsonrpsee::core::params::ArrayParams::new()).await?;
		Ok(hash.parse().map_err(|e| anyhow!("the best block's hash {hash}: {e:?}"))?)
	}

	/// Runs a council motion for `call` (a `RuntimeCall` value, see [`call`]): `proposer`
	/// proposes it with the given threshold, the proposer and each of `voters` vote aye (a
	/// proposal carries no vote of its own), and `proposer` closes it. Fails unless the motion
	/// executed and the call succeeded.
	pub async fn council_motion(
		&self,
		proposer: &Keypair,
		voters: &[&Keypair],
		threshold: u32,
		call: Value,
	) -> Result<()> {
		self.council_motion_waiting(proposer, voters, threshold, call, Wait::Finalized).await
	}

	/// [`Chain::council_motion`], each step waiting as `wait` says.
	pub async fn council_motion_waiting(
		&self,
		proposer: &Keypair,
		voters: &[&Keypair],
		threshold: u32,
		call: Value,
		wait: Wait,
	) -> Result<()> {
		// Generous bounds: the calls these tests propose are small and light.
		const LENGTH_BOUND: u32 = 10_000;
		let events = self
			.submit_waiting(
				proposer,
				"Council",
				"propose",
				vec![threshold.into(), call, LENGTH_BOUND.into()],
				wait,
			)
			.await?;
		if threshold <= 1 {
			return motion_result(&events);
		}
		let fields = find_event(&events, "Council", "Proposed")?;
		let (_account, index, hash, _threshold) =
			<([u8; 32], u32, [u8; 32], u32)>::decode(&mut &fields[..])?;
		for voter in std::iter::once(&proposer).chain(voters) {
			self.submit_waiting(
				voter,
				"Council",
				"vote",
				vec![Value::from_bytes(hash), index.into(), true.into()],
				wait,
			)
			.await?;
		}
		let weight_bound = Value::named_composite([
			("ref_time", 100_000_000_000u64.into()),
			("proof_size", 1_000_000u64.into()),
		]);
		let events = self
			.submit_waiting(
				proposer,
				"Council",
				"close",
				vec![Value::from_bytes(hash), index.into(), weight_bound, LENGTH_BOUND.into()],
				wait,
			)
			.await?;
		motion_result(&events)
	}

	/// The storage value `pallet.item` at the latest finalized block, SCALE-encoded, or
	/// `None` when it is not set.
	pub async fn storage_raw(&self, pallet: &str, item: &str) -> Result<Option<Vec<u8>>> {
		let at = self.client.at_current_block().await?;
		let address = dynamic::storage::<(), Value>(pallet, item);
		match at.storage().try_fetch(address, ()).await? {
			Some(value) => Ok(Some(value.bytes().to_vec())),
			None => Ok(None),
		}
	}

	/// Calls the view function `pallet.function` at the latest block with its SCALE-encoded
	/// arguments, and returns its SCALE-encoded answer.
	pub async fn view(&self, pallet: &str, function: &str, args: Vec<u8>) -> Result<Vec<u8>> {
		let at = self.client.at_current_block().await?;
		let query_id = *at
			.metadata_ref()
			.pallet_by_name(pallet)
			.and_then(|p| p.view_function_by_name(function))
			.with_context(|| format!("the runtime has no view function {pallet}.{function}"))?
			.query_id();
		// The runtime API takes the query id, then the arguments as one length-prefixed byte
		// string (subxt 0.50's own encoder leaves out the length, which the runtime refuses).
		let input = (query_id, args).encode();
		let answer = at.view_functions().call_raw(Some(&input)).await?;
		match answer.split_first() {
			Some((0, encoded)) => Ok(Vec::<u8>::decode(&mut &encoded[..])?),
			_ => bail!("the view function {pallet}.{function} failed: {answer:?}"),
		}
	}

	/// The accounts the validators pallet has decided on, at the latest finalized block.
	pub async fn decided_validators(&self) -> Result<Vec<[u8; 32]>> {
		let raw = self.storage_raw("Validators", "Validators").await?.unwrap_or_default();
		Ok(if raw.is_empty() { Vec::new() } else { Vec::<[u8; 32]>::decode(&mut &raw[..])? })
	}
}

/// Waits until a transaction is in a block of the best chain (or a finalized one).
async fn in_block<C: subxt::client::OnlineClientAtBlockT<PolkadotConfig>>(
	mut progress: subxt::transactions::TransactionProgress<PolkadotConfig, C>,
) -> Result<subxt::transactions::TransactionInBlock<PolkadotConfig, C>> {
	use subxt::transactions::TransactionStatus;
	while let Some(status) = progress.next().await {
		match status? {
			TransactionStatus::InBestBlock(block) | TransactionStatus::InFinalizedBlock(block) => {
				return Ok(block)
			},
			TransactionStatus::Error { message }
			| TransactionStatus::Invalid { message }
			| TransactionStatus::Dropped { message } => bail!("{message}"),
			_ => continue,
		}
	}
	bail!("the node stopped reporting on the transaction")
}

/// A `RuntimeCall` value: `pallet.call(fields)`, for a council motion.
pub fn call(pallet: &str, call: &str, fields: Vec<(&str, Value)>) -> Value {
	Value::unnamed_variant(pallet, [Value::named_variant(call, fields)])
}

/// The fields of the first `pallet.name` event in `events`.
pub fn find_event<'a>(events: &'a Events, pallet: &str, name: &str) -> Result<&'a [u8]> {
	events
		.iter()
		.find(|(p, n, _)| p == pallet && n == name)
		.map(|(_, _, fields)| fields.as_slice())
		.ok_or_else(|| anyhow!("no {pallet}.{name} event among {:?}", event_names(events)))
}

fn event_names(events: &Events) -> Vec<String> {
	events.iter().map(|(p, n, _)| format!("{p}.{n}")).collect()
}

/// Checks that a council motion's events show it executed and its call succeeded:
/// `Council.Executed { proposal_hash, result }` with `result` = `Ok(())`.
fn motion_result(events: &Events) -> Result<()> {
	let fields = find_event(events, "Council", "Executed")?;
	match fields.get(32) {
		Some(0) => Ok(()),
		Some(_) => bail!("the motion executed but its call failed: {:?}", &fields[33..]),
		None => bail!("Council.Executed has no result"),
	}
}

/// The account id of `keypair`, as the chain stores it.
pub fn account_bytes(keypair: &Keypair) -> [u8; 32] {
	keypair.public_key().0
}

/// The development key at `uri`, such as `//Alice//stash`.
pub fn dev_account(uri: &str) -> Result<Keypair> {
	let secret: SecretUri = uri.parse().with_context(|| format!("{uri} is not a secret URI"))?;
	Keypair::from_uri(&secret).with_context(|| format!("no key at {uri}"))
}

/// Whether the node refused a transaction because the membership gate does not know its
/// signer: an invalid transaction with the gate's custom code.
pub fn is_refused_by_gate(error: &anyhow::Error) -> bool {
	// Subxt words it "Invalid transaction with custom error: 1" when the pool drops it while
	// watched, the node "Invalid Transaction ... Custom error: 1" when it refuses the submission.
	let text = format!("{error:#}").to_lowercase();
	text.contains("invalid transaction")
		&& text.contains(&format!("custom error: {}", healthnet_primitives::UNKNOWN_SIGNER))
}

/// Yesterday, as a reporting period (days since 1970-01-01): over, so never in the future.
pub fn yesterday() -> u32 {
	let now = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.expect("the clock is after 1970");
	(now.as_secs() / 86_400) as u32 - 1
}

/// A report's counts: `confirmed` cases, 3 suspected, 1 hospitalised, 20 more tests than
/// positives.
pub fn counts(confirmed: u32) -> Value {
	Value::named_composite([
		("suspected", 3u32.into()),
		("confirmed", confirmed.into()),
		("deaths", 0u32.into()),
		("recovered", 0u32.into()),
		("hospitalised", 1u32.into()),
		("tests_performed", (confirmed + 20).into()),
		("tests_positive", confirmed.into()),
	])
}

/// `facility` reports `confirmed` cases of `disease` for `period`, waiting as `wait` says.
pub async fn report(
	chain: &Chain,
	facility: &Keypair,
	disease: &str,
	period: u32,
	confirmed: u32,
	wait: Wait,
) -> Result<Events> {
	chain
		.submit_waiting(
			facility,
			"Surveillance",
			"submit_report",
			vec![
				Value::from_bytes(disease),
				period.into(),
				counts(confirmed),
				Value::unnamed_composite([]),
			],
			wait,
		)
		.await
}
