//! Healthnet's own Prometheus metrics, served beside Substrate's on the node's metrics port
//! (`--prometheus-port`, 127.0.0.1:9615 unless told otherwise). docs/OPERATIONS.md lists them
//! and the alert rules in `ops/prometheus/` that use them.
//!
//! Counts of what the chain did are taken from finalized blocks only, so that a fork never
//! counts twice; what the node is doing now (its best block's reports, the pool, the finality
//! lag, whether its keys are among the authorities) from every new best block. Reading the
//! chain's events and storage here uses the runtime's types as this node was built with them:
//! after a runtime upgrade that changes them, the node logs once that it cannot read them and
//! those metrics stand still until the node is upgraded too.

mod pool;

use std::{path::PathBuf, sync::Arc};

use codec::Decode;
use futures::StreamExt;
use healthnet_primitives::network::NetworkApi;
use healthnet_runtime::{opaque::Block, Runtime, RuntimeEvent};
use sc_client_api::{BlockchainEvents, HeaderBackend, StorageProvider};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_consensus_aura::AuraApi;
use sp_core::{crypto::ByteArray, storage::StorageKey};
use sp_keystore::KeystorePtr;
use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Gauge, Opts, PrometheusError, Registry, U64,
};

pub use pool::CountingPool;

use crate::service::FullClient;

type Hash = <Block as sp_runtime::traits::Block>::Hash;

/// The metrics, registered once per node.
#[derive(Clone)]
pub struct Metrics {
	disease_reports: Counter<U64>,
	report_transactions: Counter<U64>,
	best_block_disease_reports: Gauge<U64>,
	open_alerts: Gauge<U64>,
	allowed_nodes: Gauge<U64>,
	authorities: Gauge<U64>,
	authoring: Gauge<U64>,
	finality_lag: Gauge<U64>,
	pool_ready: Gauge<U64>,
	pool_future: Gauge<U64>,
	disk_available: Gauge<U64>,
	disk_total: Gauge<U64>,
	/// Transactions the membership gate refused at this node's pool.
	pub gate_refusals: Counter<U64>,
	/// `healthnet_verifyCertificate` answers, by verdict.
	pub certificate_verifications: CounterVec<U64>,
}

fn gauge(registry: &Registry, name: &str, help: &str) -> Result<Gauge<U64>, PrometheusError> {
	register(Gauge::new(name, help)?, registry)
}

fn counter(registry: &Registry, name: &str, help: &str) -> Result<Counter<U64>, PrometheusError> {
	register(Counter::new(name, help)?, registry)
}

impl Metrics {
	/// Registers every metric in `registry`.
	pub fn register(registry: &Registry) -> Result<Metrics, PrometheusError> {
		Ok(Metrics {
			disease_reports: counter(
				registry,
				"healthnet_disease_reports_total",
				"Disease reports (one disease of one facility and period, first versions) in finalized blocks",
			)?,
			report_transactions: counter(
				registry,
				"healthnet_report_transactions_total",
				"Transactions in finalized blocks that carried at least one disease report",
			)?,
			best_block_disease_reports: gauge(
				registry,
				"healthnet_best_block_disease_reports",
				"Disease reports in the node's latest best block",
			)?,
			open_alerts: gauge(
				registry,
				"healthnet_open_alerts",
				"Outbreak alerts open at the finalized block",
			)?,
			allowed_nodes: gauge(
				registry,
				"healthnet_allowed_nodes",
				"Nodes on the council's allow list at the finalized block (0: the network is open)",
			)?,
			authorities: gauge(
				registry,
				"healthnet_authorities",
				"Validators authoring and voting in the best block's session",
			)?,
			authoring: gauge(
				registry,
				"healthnet_validator_authoring",
				"1 when this node's keystore holds the Aura key of one of the best block's authorities",
			)?,
			finality_lag: gauge(
				registry,
				"healthnet_finality_lag_blocks",
				"Blocks between the node's best block and its finalized block",
			)?,
			pool_ready: gauge(
				registry,
				"healthnet_pool_ready_transactions",
				"Transactions ready in the node's pool",
			)?,
			pool_future: gauge(
				registry,
				"healthnet_pool_future_transactions",
				"Transactions waiting in the node's pool for an earlier nonce",
			)?,
			disk_available: gauge(
				registry,
				"healthnet_disk_available_bytes",
				"Bytes available to the node on the file system of its base path",
			)?,
			disk_total: gauge(
				registry,
				"healthnet_disk_total_bytes",
				"Size in bytes of the file system of the node's base path",
			)?,
			gate_refusals: counter(
				registry,
				"healthnet_gate_refusals_total",
				"Transactions this node's pool refused because their signer is no member, device, validator or council member",
			)?,
			certificate_verifications: register(
				CounterVec::new(
					Opts::new(
						"healthnet_certificate_verifications_total",
						"Certificates verified through this node's healthnet_verifyCertificate, by verdict",
					),
					&["verdict"],
				)?,
				registry,
			)?,
		})
	}
}

/// What the node's metrics read from, besides the client.
pub struct Sources<P> {
	/// The node's transaction pool.
	pub pool: Arc<P>,
	/// The node's keystore, to tell whether it holds an authority's key.
	pub keystore: KeystorePtr,
	/// The node's base path, whose file system the disk metrics measure.
	pub base_path: PathBuf,
}

/// Updates the metrics at every new best block and every finality notification, for as long
/// as the node runs.
pub async fn follow_chain<P: TransactionPool>(
	client: Arc<FullClient>,
	sources: Sources<P>,
	metrics: Metrics,
) {
	enum Event {
		Best(Hash),
		Finalized(Vec<Hash>),
	}
	let imported = client
		.import_notification_stream()
		.filter_map(|n| futures::future::ready(n.is_new_best.then_some(Event::Best(n.hash))));
	let finalized = client.finality_notification_stream().map(|n| {
		let mut hashes = n.tree_route.to_vec();
		hashes.push(n.hash);
		Event::Finalized(hashes)
	});
	let mut events = futures::stream::select(imported, finalized);
	let mut reader = Reader { client, sources, metrics, warned: false, read: Default::default() };
	// The gauges hold from the start, before the first block arrives.
	let info = reader.client.info();
	reader.best(info.best_hash);
	reader.finalized_state(info.finalized_hash, true);
	while let Some(event) = events.next().await {
		match event {
			Event::Best(hash) => reader.best(hash),
			Event::Finalized(hashes) => {
				let mut alerts_changed = false;
				for hash in &hashes {
					// Read once as a best block, most likely; forks and blocks imported while
					// syncing are read here.
					let known = reader.read.remove(hash);
					if let Some(reports) = known.or_else(|| reader.reports(*hash)) {
						reader.metrics.disease_reports.inc_by(reports.diseases);
						reader.metrics.report_transactions.inc_by(reports.transactions);
						alerts_changed |= reports.alerts_changed;
					}
				}
				let last = *hashes.last().expect("the finalized block is pushed last");
				reader.finalized_state(last, alerts_changed);
				// What a fork read stays until its branch is pruned; a bound keeps it small.
				if reader.read.len() > MAX_READ {
					reader.read.clear();
				}
			},
		}
	}
}

/// How many best blocks' reports the node keeps until they are finalized.
const MAX_READ: usize = 256;

/// A block's disease reports, and whether it opened or closed an alert.
#[derive(Clone, Copy)]
struct Reports {
	/// `ReportSubmitted` events: one per disease of a form.
	diseases: u64,
	/// Distinct transactions among them.
	transactions: u64,
	/// Whether an alert opened, cleared or expired.
	alerts_changed: bool,
}

struct Reader<P> {
	client: Arc<FullClient>,
	sources: Sources<P>,
	metrics: Metrics,
	/// Whether the node has said it cannot read the chain's events with its runtime types.
	warned: bool,
	/// The reports of best blocks not finalized yet, so that finality does not decode their
	/// events a second time.
	read: std::collections::HashMap<Hash, Reports>,
}

impl<P: TransactionPool> Reader<P> {
	/// The gauges of what the node is doing, at its new best block `at`.
	fn best(&mut self, at: Hash) {
		let read = self.reports(at);
		if let Some(reports) = read {
			self.read.insert(at, reports);
		}
		let reports = read.map(|r| r.diseases).unwrap_or(0);
		let metrics = &self.metrics;
		metrics.best_block_disease_reports.set(reports);
		let authorities = self.client.runtime_api().authorities(at).unwrap_or_default();
		metrics.authorities.set(authorities.len() as u64);
		let held = authorities.iter().any(|authority| {
			let key = (authority.to_raw_vec(), sp_core::crypto::key_types::AURA);
			self.sources.keystore.has_keys(&[key])
		});
		metrics.authoring.set(held as u64);
		let status = self.sources.pool.status();
		metrics.pool_ready.set(status.ready as u64);
		metrics.pool_future.set(status.future as u64);
		if let Ok(available) = fs2::available_space(&self.sources.base_path) {
			metrics.disk_available.set(available);
		}
		if let Ok(total) = fs2::total_space(&self.sources.base_path) {
			metrics.disk_total.set(total);
		}
		self.finality_lag();
	}

	/// The gauges of the chain's state at the finalized block `at`; the open alerts are
	/// counted again only when `alerts_changed` (a member's reports may open many, and the
	/// count reads every one of their keys).
	fn finalized_state(&self, at: Hash, alerts_changed: bool) {
		if let Some(open) = alerts_changed.then(|| self.open_alerts(at)).flatten() {
			self.metrics.open_alerts.set(open);
		}
		if let Ok(nodes) = self.client.runtime_api().allowed_nodes(at) {
			self.metrics.allowed_nodes.set(nodes.len() as u64);
		}
		self.finality_lag();
	}

	fn finality_lag(&self) {
		let info = self.client.info();
		let lag = info.best_number.saturating_sub(info.finalized_number);
		self.metrics.finality_lag.set(lag.into());
	}

	fn reports(&mut self, at: Hash) -> Option<Reports> {
		// frame-system keeps `Events` private (runtimes read them through `read_events`); its
		// key is the pallet's and the item's names hashed, as for any storage value.
		let key = StorageKey(frame_support::storage::storage_prefix(b"System", b"Events").to_vec());
		let data = self.client.storage(at, &key).ok()??;
		type Records = Vec<frame_system::EventRecord<RuntimeEvent, Hash>>;
		let records = match Records::decode(&mut &data.0[..]) {
			Ok(records) => records,
			Err(error) => {
				if !std::mem::replace(&mut self.warned, true) {
					log::warn!(
						target: "metrics",
						"this node cannot read the events of block {at} ({error}): the chain's \
						 runtime is newer than the node; healthnet_disease_reports_total stands \
						 still until the node is upgraded"
					);
				}
				return None;
			},
		};
		use pallet_surveillance::Event as Surveillance;
		let mut extrinsics = std::collections::BTreeSet::new();
		let (mut diseases, mut alerts_changed) = (0, false);
		for record in &records {
			let RuntimeEvent::Surveillance(event) = &record.event else { continue };
			match event {
				Surveillance::ReportSubmitted { .. } => {
					diseases += 1;
					if let frame_system::Phase::ApplyExtrinsic(index) = record.phase {
						extrinsics.insert(index);
					}
				},
				Surveillance::OutbreakAlert { .. }
				| Surveillance::AlertCleared { .. }
				| Surveillance::AlertExpired { .. } => alerts_changed = true,
				_ => {},
			}
		}
		Some(Reports { diseases, transactions: extrinsics.len() as u64, alerts_changed })
	}

	fn open_alerts(&self, at: Hash) -> Option<u64> {
		use frame_support::storage::StoragePrefixedMap;
		let prefix =
			StorageKey(pallet_surveillance::OpenAlerts::<Runtime>::final_prefix().to_vec());
		let keys = self.client.storage_keys(at, Some(&prefix), None).ok()?;
		Some(keys.count() as u64)
	}
}
