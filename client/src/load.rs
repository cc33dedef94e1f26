//! Load generation on the `bench` chain: pre-signed disease reports or balance transfers from
//! the bench facilities' accounts, submitted at a target rate or as fast as the node's pool
//! takes them, each followed by its hash through the best and the finalized blocks; and the
//! latency of the reads a dashboard makes.
//!
//! The accounts are the facilities of [`healthnet_primitives::bench`]; every transaction is
//! signed before the first is sent, so that signing never limits the rate. Submission goes
//! through `author_submitExtrinsic`, which answers as soon as the pool has taken or refused the
//! transaction; inclusion and finality are read from the blocks themselves (their extrinsics
//! hashed), so that thousands of transactions need no subscription each.

use std::{
	collections::{BTreeMap, HashMap, HashSet},
	str::FromStr,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use futures::{stream, StreamExt};
use healthnet_primitives::{
	bench::{facility_uri, FACILITIES},
	surveillance::Period,
};
use subxt::{config::DefaultExtrinsicParamsBuilder, utils::H256, PolkadotConfig};
use subxt_rpcs::rpc_params;
use subxt_signer::{sr25519::Keypair, SecretUri};

use crate::{
	api::{self, runtime_types::healthnet_primitives::surveillance::Counts},
	period, surveillance, Client, Error,
};

/// The oldest period a bench report may have: a day inside the pallet's `MaxReportAge`.
const OLDEST_PERIOD: u32 = 364;

/// How many submissions may wait for the node's answer at once.
const CONCURRENT_SUBMISSIONS: usize = 64;

/// How long a run waits with none of its transactions entering a block before it asks the
/// node's pool whether the rest are still there.
const STALL: Duration = Duration::from_secs(15);

/// What the load consists of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Workload {
	/// `Surveillance.submit_report` of one disease, one new period per report.
	Reports,
	/// `Balances.transfer_keep_alive` of one unit to the next facility's account.
	Transfers,
	/// `Surveillance.submit_reports`: a facility's form of [`Plan::diseases`] diseases, one
	/// new period per form.
	Forms,
}

impl Workload {
	/// The disease reports one transaction of this workload carries with `diseases` a form.
	pub fn reports_per_transaction(self, diseases: u32) -> u32 {
		match self {
			Workload::Reports => 1,
			Workload::Forms => diseases,
			Workload::Transfers => 0,
		}
	}
}

/// What to send and how fast.
#[derive(Clone, Debug)]
pub struct Plan {
	/// Reports or transfers.
	pub workload: Workload,
	/// How many transactions to send.
	pub count: u32,
	/// How many facility accounts to sign with (the first ones), at most [`FACILITIES`].
	pub accounts: u32,
	/// Transactions a second, or `None` for as fast as the pool takes them.
	pub rate: Option<u32>,
	/// Without a rate, how many submitted transactions may wait for a block at once.
	pub max_pending: u32,
	/// The disease code of the reports (a form's first disease).
	pub disease: String,
	/// How many diseases a form reports (for [`Workload::Forms`]), at most
	/// [`surveillance::MAX_DISEASES_PER_FORM`].
	pub diseases: u32,
	/// When to stop waiting for finality, counted from the first submission.
	pub deadline: Duration,
	/// Whether each round visits the facilities in [`peak_order`] (as a peak comes) rather
	/// than in the registry's order (20 facilities of a cluster after one another).
	pub shuffled: bool,
}

/// What a run measured.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Outcome {
	/// Reports or transfers.
	pub workload: Option<Workload>,
	/// Transactions sent to the node.
	pub submitted: u32,
	/// Transactions the pool refused, by the node's reason.
	pub rejected: BTreeMap<String, u32>,
	/// Transactions seen in a block of the best chain.
	pub included: u32,
	/// Transactions seen in a finalized block.
	pub finalized: u32,
	/// Finalized transactions whose call failed (their events hold `ExtrinsicFailed`).
	pub failed: u32,
	/// Transactions the pool accepted that then left it without entering a block: none of the
	/// run's transactions entered a block for a while and none of the rest was in the pool.
	pub lost: u32,
	/// Transactions the pool accepted that were neither finalized nor lost when the run
	/// stopped at its deadline (`--max-seconds`): still queued, not counted in the rates.
	pub unfinished: u32,
	/// Included transactions a second, from the first submission to the last inclusion.
	pub included_per_second: f64,
	/// Finalized transactions a second, from the first submission to the last finality.
	pub finalized_per_second: f64,
	/// Disease reports one transaction carries: 1 for reports, the form's diseases for forms,
	/// 0 for transfers.
	pub reports_per_transaction: u32,
	/// Disease reports finalized a second: `finalized_per_second` × `reports_per_transaction`.
	pub reports_finalized_per_second: f64,
	/// Seconds from submission to finality: the median, the 95th and the 99th percentile.
	pub finality_p50: f64,
	/// See [`Outcome::finality_p50`].
	pub finality_p95: f64,
	/// See [`Outcome::finality_p50`].
	pub finality_p99: f64,
	/// The blocks that finalized the run's transactions.
	pub blocks: u32,
	/// The most of the run's transactions one block held.
	pub most_in_a_block: u32,
	/// Seconds from the first submission to the end of the run.
	pub seconds: f64,
}

/// Where a run is, for a progress line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tick {
	/// Sent so far.
	pub submitted: u32,
	/// Refused by the pool so far.
	pub rejected: u32,
	/// In a best block so far.
	pub included: u32,
	/// In a finalized block so far.
	pub finalized: u32,
	/// Seconds since the first submission.
	pub seconds: f64,
}

/// The times of one transaction.
#[derive(Clone, Copy, Debug)]
struct Times {
	submitted: Instant,
	included: Option<Instant>,
	finalized: Option<Instant>,
	failed: bool,
}

/// The transactions of a run, by hash, shared between the submitter and the block followers.
#[derive(Default)]
struct Ledger {
	times: HashMap<H256, Times>,
	rejected: BTreeMap<String, u32>,
	submitted: u32,
	included: u32,
	finalized: u32,
	blocks: u32,
	most_in_a_block: u32,
	lost: u32,
}

impl Ledger {
	fn tick(&self, start: Instant) -> Tick {
		Tick {
			submitted: self.submitted,
			rejected: self.rejected.values().sum(),
			included: self.included,
			finalized: self.finalized,
			seconds: start.elapsed().as_secs_f64(),
		}
	}
}

/// The value at fraction `q` (0 to 1) of `sorted`, by the nearest-rank method; 0 when empty.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
	if sorted.is_empty() {
		return 0.0;
	}
	let rank = (q * sorted.len() as f64).ceil() as usize;
	sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Refuses a node that is not on this machine: a load run must never hit a shared network.
pub fn ensure_loopback(url: &str) -> Result<(), Error> {
	let rest = url.strip_prefix("ws://").or_else(|| url.strip_prefix("wss://")).unwrap_or("");
	let host = rest.split('/').next().unwrap_or_default();
	let host = match host.strip_prefix('[') {
		Some(v6) => v6.split(']').next().unwrap_or_default(),
		None => host.split(':').next().unwrap_or_default(),
	};
	if matches!(host, "127.0.0.1" | "localhost" | "::1") {
		Ok(())
	} else {
		Err(Error::BadInput(format!(
			"{url} is not on this machine: the load generator only drives a node on loopback \
			 (ws://127.0.0.1:PORT), such as one started with --chain bench"
		)))
	}
}

/// The bench facilities' keys, the first `accounts` of them.
fn facility_keys(accounts: u32) -> Result<Vec<Keypair>, Error> {
	(0..accounts)
		.map(|index| {
			let uri = SecretUri::from_str(&facility_uri(index))
				.map_err(|e| Error::BadKey(format!("{}: {e}", facility_uri(index))))?;
			Keypair::from_uri(&uri)
				.map_err(|e| Error::BadKey(format!("{}: {e}", facility_uri(index))))
		})
		.collect()
}

/// The counts of a bench report: small, varied, and consistent (positives within tests).
fn bench_counts(seed: u32) -> Counts {
	let confirmed = seed % 7;
	Counts {
		suspected: seed % 5,
		confirmed,
		deaths: 0,
		recovered: 0,
		hospitalised: seed % 2,
		tests_performed: 10 + seed % 30,
		tests_positive: confirmed,
	}
}

impl Client {
	/// The next nonce of `account`, counting the transactions in the node's pool.
	async fn next_nonce(&self, account: &Keypair) -> Result<u64, Error> {
		let id = account.public_key().to_account_id().to_string();
		self.request("system_accountNextIndex", rpc_params![id]).await
	}

	/// Signs the run's transactions: round-robin over the accounts (in [`peak_order`] when
	/// the plan is shuffled), each with its next nonce. A report's period is `OLDEST_PERIOD` days at most before today and unique to its nonce,
	/// so that an account's reports never collide across runs on the same chain.
	async fn presign(&self, plan: &Plan) -> Result<Vec<(H256, Vec<u8>)>, Error> {
		let keys = facility_keys(plan.accounts)?;
		let nonces = stream::iter(keys.iter().map(|key| self.next_nonce(key)))
			.buffered(CONCURRENT_SUBMISSIONS)
			.collect::<Vec<_>>()
			.await
			.into_iter()
			.collect::<Result<Vec<u64>, Error>>()?;
		let rounds = plan.count.div_ceil(plan.accounts) as u64;
		let oldest = nonces.iter().max().copied().unwrap_or_default() + rounds;
		if plan.workload != Workload::Transfers && oldest > OLDEST_PERIOD as u64 {
			return Err(Error::BadInput(format!(
				"the bench accounts have sent up to {oldest} transactions with this run, and each \
				 report needs a day of its own within {OLDEST_PERIOD} days: use more --accounts, \
				 fewer reports, or a new bench chain"
			)));
		}
		let today: Period = period::today();
		let tx = self.subxt().tx().await.map_err(|e| Error::node("could not read the chain", e))?;
		let order = match plan.shuffled {
			true => peak_order(plan.accounts),
			false => (0..plan.accounts).collect(),
		};
		let mut signed = Vec::with_capacity(plan.count as usize);
		for n in 0..plan.count {
			let account = order[(n % plan.accounts) as usize] as usize;
			let nonce = nonces[account] + (n / plan.accounts) as u64;
			let params =
				DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
			let signable = match plan.workload {
				Workload::Reports => {
					let period = today.saturating_sub(1 + nonce as u32);
					let call = surveillance::submit_report(
						&plan.disease,
						period,
						bench_counts(n),
						Vec::new(),
					);
					tx.create_signable_offline(&call, params)
						.and_then(|mut t| t.sign(&keys[account]))
						.map(|t| t.into_encoded())
				},
				Workload::Forms => {
					let period = today.saturating_sub(1 + nonce as u32);
					let entries = form_diseases(&plan.disease, plan.diseases)
						.into_iter()
						.enumerate()
						.map(|(i, disease)| surveillance::FormEntry {
							disease,
							counts: bench_counts(
								n.wrapping_mul(plan.diseases).wrapping_add(i as u32),
							),
							variants: Vec::new(),
						})
						.collect();
					let call = surveillance::submit_reports(period, entries);
					tx.create_signable_offline(&call, params)
						.and_then(|mut t| t.sign(&keys[account]))
						.map(|t| t.into_encoded())
				},
				Workload::Transfers => {
					let next = &keys[(account + 1) % keys.len()];
					let call = api::tx()
						.balances()
						.transfer_keep_alive(next.public_key().to_account_id().into(), TRANSFER);
					tx.create_signable_offline(&call, params)
						.and_then(|mut t| t.sign(&keys[account]))
						.map(|t| t.into_encoded())
				},
			}
			.map_err(|e| Error::node("could not sign a load transaction", e))?;
			signed.push((H256(sp_crypto_hashing::blake2_256(&signable)), signable));
		}
		Ok(signed)
	}

	/// Runs `plan`: signs, submits, follows the blocks until every accepted transaction is
	/// finalized or the deadline passes, and calls `progress` about once a second.
	pub async fn load(
		&self,
		plan: &Plan,
		mut progress: impl FnMut(Tick),
	) -> Result<Outcome, Error> {
		ensure_loopback(self.url())?;
		if plan.accounts == 0 || plan.accounts > FACILITIES {
			return Err(Error::BadInput(format!(
				"--accounts must be 1 to {FACILITIES}, the bench chain's facilities"
			)));
		}
		let signed = self.presign(plan).await?;
		let ledger = Arc::new(Mutex::new(Ledger::default()));
		let start = Instant::now();
		let followers = [false, true].map(|finalized| {
			let (client, ledger) = (self.clone(), ledger.clone());
			tokio::spawn(async move { client.follow(finalized, ledger).await })
		});

		let submitting = self.submit_all(plan, signed, &ledger, start);
		tokio::pin!(submitting);
		let mut every_second = tokio::time::interval(Duration::from_secs(1));
		loop {
			tokio::select! {
				done = &mut submitting => { done?; break; },
				_ = every_second.tick() => progress(lock(&ledger).tick(start)),
			}
		}
		let mut last_inclusion = (0, Instant::now());
		loop {
			let tick = lock(&ledger).tick(start);
			progress(tick);
			let accepted = tick.submitted.saturating_sub(tick.rejected);
			if tick.finalized >= accepted || start.elapsed() > plan.deadline {
				break;
			}
			if followers.iter().any(|follower| follower.is_finished()) {
				return Err(Error::Node("the node stopped sending blocks during the run".into()));
			}
			if tick.included != last_inclusion.0 {
				last_inclusion = (tick.included, Instant::now());
			} else if tick.included < accepted && last_inclusion.1.elapsed() > STALL {
				if self.lost_from_the_pool(&ledger).await? {
					break;
				}
				last_inclusion.1 = Instant::now();
			}
			every_second.tick().await;
		}
		for follower in &followers {
			follower.abort();
		}
		let per_transaction = plan.workload.reports_per_transaction(plan.diseases);
		let outcome = outcome(plan.workload, per_transaction, &lock(&ledger), start);
		Ok(outcome)
	}

	/// Whether every transaction of the run that is in no block has also left the node's pool,
	/// which a transaction does without an answer to `author_submitExtrinsic` when the pool
	/// drops it. If so, counts them as lost.
	async fn lost_from_the_pool(&self, ledger: &Arc<Mutex<Ledger>>) -> Result<bool, Error> {
		let pending: Vec<String> = self.request("author_pendingExtrinsics", rpc_params![]).await?;
		let in_pool: HashSet<H256> = pending
			.iter()
			.filter_map(|bytes| hex::decode(bytes.trim_start_matches("0x")).ok())
			.map(|bytes| H256(sp_crypto_hashing::blake2_256(&bytes)))
			.collect();
		let mut ledger = lock(ledger);
		let waiting: Vec<&H256> = ledger
			.times
			.iter()
			.filter(|(_, times)| times.included.is_none())
			.map(|(hash, _)| hash)
			.collect();
		if waiting.iter().any(|hash| in_pool.contains(*hash)) {
			return Ok(false);
		}
		ledger.lost = waiting.len() as u32;
		Ok(true)
	}

	/// Submits every transaction, `CONCURRENT_SUBMISSIONS` at a time, paced by the plan's
	/// rate or by the number still waiting for a block.
	async fn submit_all(
		&self,
		plan: &Plan,
		signed: Vec<(H256, Vec<u8>)>,
		ledger: &Arc<Mutex<Ledger>>,
		start: Instant,
	) -> Result<(), Error> {
		let paced = stream::iter(signed.into_iter().enumerate()).then(|(n, tx)| async move {
			match plan.rate {
				Some(rate) => {
					let due = start + Duration::from_secs_f64(n as f64 / rate.max(1) as f64);
					tokio::time::sleep_until(due.into()).await;
				},
				None => loop {
					let waiting = {
						let ledger = lock(ledger);
						ledger
							.submitted
							.saturating_sub(ledger.rejected.values().sum::<u32>())
							.saturating_sub(ledger.included.max(ledger.finalized))
					};
					if waiting < plan.max_pending {
						break;
					}
					tokio::time::sleep(Duration::from_millis(20)).await;
				},
			}
			tx
		});
		paced
			.map(|(hash, bytes)| async move {
				{
					let mut ledger = lock(ledger);
					ledger.submitted += 1;
					let times = Times {
						submitted: Instant::now(),
						included: None,
						finalized: None,
						failed: false,
					};
					ledger.times.insert(hash, times);
				}
				let hex = format!("0x{}", hex::encode(&bytes));
				let answer: Result<H256, Error> =
					self.request("author_submitExtrinsic", rpc_params![hex]).await;
				if let Err(error) = answer {
					let mut ledger = lock(ledger);
					ledger.times.remove(&hash);
					*ledger.rejected.entry(pool_reason(&error.to_string())).or_default() += 1;
				}
			})
			.buffer_unordered(CONCURRENT_SUBMISSIONS)
			.collect::<()>()
			.await;
		Ok(())
	}

	/// Follows the best (`finalized` false) or the finalized blocks and marks the run's
	/// transactions in them; every finalized block is read, also those a notification skips.
	async fn follow(&self, finalized: bool, ledger: Arc<Mutex<Ledger>>) -> Result<(), Error> {
		let (subscribe, unsubscribe) = if finalized {
			("chain_subscribeFinalizedHeads", "chain_unsubscribeFinalizedHeads")
		} else {
			("chain_subscribeNewHeads", "chain_unsubscribeNewHeads")
		};
		let mut heads = self
			.rpc()
			.subscribe::<serde_json::Value>(subscribe, rpc_params![], unsubscribe)
			.await
			.map_err(|e| Error::node(subscribe, e))?;
		let mut last: Option<u64> = None;
		while let Some(head) = heads.next().await {
			let head = head.map_err(|e| Error::node(subscribe, e))?;
			let number = head["number"]
				.as_str()
				.and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok())
				.ok_or_else(|| Error::Node("a block header without a number".into()))?;
			let numbers = match (finalized, last) {
				(true, Some(last)) => (last + 1)..=number,
				_ => number..=number,
			};
			for number in numbers {
				let hash: H256 = self.request("chain_getBlockHash", rpc_params![number]).await?;
				self.mark_block(hash, finalized, &ledger).await?;
			}
			last = Some(number);
		}
		Err(Error::Node(format!("the node ended {subscribe}")))
	}

	/// Marks the run's transactions in block `hash` as included or finalized; for a finalized
	/// block, reads its events to mark the transactions whose call failed.
	async fn mark_block(
		&self,
		hash: H256,
		finalized: bool,
		ledger: &Arc<Mutex<Ledger>>,
	) -> Result<(), Error> {
		let block: serde_json::Value = self.request("chain_getBlock", rpc_params![hash]).await?;
		let hashes: Vec<H256> = block["block"]["extrinsics"]
			.as_array()
			.map(|all| {
				all.iter()
					.filter_map(|x| hex::decode(x.as_str()?.trim_start_matches("0x")).ok())
					.map(|bytes| H256(sp_crypto_hashing::blake2_256(&bytes)))
					.collect()
			})
			.unwrap_or_default();
		let failed = if finalized { self.failed_extrinsics(hash).await? } else { Vec::new() };
		let now = Instant::now();
		let mut guard = lock(ledger);
		let ledger = &mut *guard;
		let mut ours = 0;
		for (index, tx) in hashes.iter().enumerate() {
			let Some(times) = ledger.times.get_mut(tx) else { continue };
			ours += 1;
			if !finalized {
				if times.included.is_none() {
					times.included = Some(now);
					ledger.included += 1;
				}
				continue;
			}
			if times.finalized.is_some() {
				continue;
			}
			times.finalized = Some(now);
			times.failed = failed.contains(&(index as u32));
			ledger.finalized += 1;
			// A block may be finalized before this follower read it as a best block.
			if times.included.is_none() {
				times.included = Some(now);
				ledger.included += 1;
			}
		}
		if finalized && ours > 0 {
			ledger.blocks += 1;
			ledger.most_in_a_block = ledger.most_in_a_block.max(ours);
		}
		Ok(())
	}

	/// The indexes of the extrinsics of block `hash` whose call failed.
	async fn failed_extrinsics(&self, hash: H256) -> Result<Vec<u32>, Error> {
		let at = self
			.subxt()
			.at_block(hash)
			.await
			.map_err(|e| Error::node("could not read a block", e))?;
		let events =
			at.events().fetch().await.map_err(|e| Error::node("could not read events", e))?;
		let mut failed = Vec::new();
		for event in events.iter() {
			let event = event.map_err(|e| Error::node("could not decode an event", e))?;
			if event.pallet_name() == "System" && event.event_name() == "ExtrinsicFailed" {
				if let subxt::events::Phase::ApplyExtrinsic(index) = event.phase() {
					failed.push(index);
				}
			}
		}
		Ok(failed)
	}
}

mod order;
mod reads;
pub use order::peak_order;
pub use reads::Latency;

/// The amount of each bench transfer: one unit.
pub const TRANSFER: u128 = 1_000_000_000_000;

fn lock(ledger: &Arc<Mutex<Ledger>>) -> std::sync::MutexGuard<'_, Ledger> {
	ledger.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The pool's reason in a refusal, without the transport's wrapping: "Priority is too low",
/// "Transaction is outdated", "Immediately Dropped" and the like.
fn pool_reason(error: &str) -> String {
	error.rsplit(": ").next().unwrap_or(error).trim().to_string()
}

/// The diseases of a load form: `first`, then well-formed codes of the load's own (`LD01`,
/// `LD02`, ...), `diseases` in all.
pub fn form_diseases(first: &str, diseases: u32) -> Vec<String> {
	core::iter::once(first.to_string())
		.chain((1..diseases).map(|n| format!("LD{n:02}")))
		.take(diseases as usize)
		.collect()
}

fn outcome(
	workload: Workload,
	reports_per_transaction: u32,
	ledger: &Ledger,
	start: Instant,
) -> Outcome {
	let seconds_since = |t: Instant| t.duration_since(start).as_secs_f64();
	let last_included = ledger.times.values().filter_map(|t| t.included).max();
	let last_finalized = ledger.times.values().filter_map(|t| t.finalized).max();
	let rate = |count: u32, last: Option<Instant>| match last {
		Some(last) if seconds_since(last) > 0.0 => count as f64 / seconds_since(last),
		_ => 0.0,
	};
	let mut latencies: Vec<f64> = ledger
		.times
		.values()
		.filter_map(|t| Some(t.finalized?.duration_since(t.submitted).as_secs_f64()))
		.collect();
	latencies.sort_by(f64::total_cmp);
	Outcome {
		workload: Some(workload),
		submitted: ledger.submitted,
		rejected: ledger.rejected.clone(),
		included: ledger.included,
		finalized: ledger.finalized,
		failed: ledger.times.values().filter(|t| t.finalized.is_some() && t.failed).count() as u32,
		lost: ledger.lost,
		unfinished: ledger
			.submitted
			.saturating_sub(ledger.rejected.values().sum::<u32>())
			.saturating_sub(ledger.finalized)
			.saturating_sub(ledger.lost),
		included_per_second: rate(ledger.included, last_included),
		finalized_per_second: rate(ledger.finalized, last_finalized),
		reports_per_transaction,
		reports_finalized_per_second: rate(ledger.finalized, last_finalized)
			* f64::from(reports_per_transaction),
		finality_p50: percentile(&latencies, 0.50),
		finality_p95: percentile(&latencies, 0.95),
		finality_p99: percentile(&latencies, 0.99),
		blocks: ledger.blocks,
		most_in_a_block: ledger.most_in_a_block,
		seconds: start.elapsed().as_secs_f64(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn percentiles_are_nearest_rank() {
		let values: Vec<f64> = (1..=100).map(f64::from).collect();
		assert_eq!(percentile(&values, 0.50), 50.0);
		assert_eq!(percentile(&values, 0.95), 95.0);
		assert_eq!(percentile(&values, 0.99), 99.0);
		assert_eq!(percentile(&[3.0], 0.99), 3.0);
		assert_eq!(percentile(&[], 0.5), 0.0);
	}

	#[test]
	fn transactions_still_queued_at_the_deadline_are_unfinished() {
		let ledger = Ledger {
			rejected: BTreeMap::from([("Priority is too low".to_string(), 2)]),
			submitted: 20,
			included: 16,
			finalized: 15,
			lost: 1,
			..Default::default()
		};
		let outcome = outcome(Workload::Forms, 10, &ledger, Instant::now());
		assert_eq!((outcome.finalized, outcome.lost, outcome.unfinished), (15, 1, 2));
	}

	#[test]
	fn only_loopback_nodes_are_loaded() {
		for url in ["ws://127.0.0.1:9944", "ws://localhost:9944", "ws://[::1]:9944/"] {
			assert!(ensure_loopback(url).is_ok(), "{url}");
		}
		for url in ["ws://10.0.0.7:9944", "wss://node.example.org", "ws://127.0.0.1.evil:1", ""] {
			assert!(ensure_loopback(url).is_err(), "{url}");
		}
	}

	#[test]
	fn pool_reasons_lose_the_transport_wrapping() {
		assert_eq!(
			pool_reason("author_submitExtrinsic: RPC error: 1014: Priority is too low"),
			"Priority is too low"
		);
	}
}
