//! The node's transaction pool as the RPC and the network see it: the same pool, counting the
//! transactions the membership gate refuses (`healthnet_gate_refusals_total`). A refusal
//! leaves nothing on chain, so the pool's answer is the only place to count it.
//!
//! It also keeps submissions out of the pool's maintenance. The fork-aware pool builds a view
//! for each new best block from a copy of its waiting transactions, while submissions go on
//! to the views that exist; one submitted during the build reaches only the previous view, and
//! if that view holds it as future (its account's previous nonce arrived during an earlier
//! build), finalizing the new block removes the previous view and drops the transaction
//! without a word (`sc-transaction-pool` 48: `view_store.rs` `handle_finalized` keeps no view
//! below the finalized block; `dropped_watcher.rs` drops a future transaction left in no
//! view). GRANDPA finalizing the best block at once made that a loss of up to 7 % of a busy
//! run's transactions (docs/PERFORMANCE.md). Submissions therefore wait while the pool is
//! maintained (the chain's notifications reach the pool through this wrapper), and a
//! maintenance waits for the submissions under way.

use std::{collections::HashMap, pin::Pin, sync::Arc};

use async_trait::async_trait;
use healthnet_primitives::UNKNOWN_SIGNER;
use healthnet_runtime::opaque::Block;
use sc_transaction_pool::{ChainApi, FullChainApi, TransactionPoolHandle};
use sc_transaction_pool_api::{
	error::Error as PoolError, ChainEvent, ImportNotificationStream, MaintainedTransactionPool,
	PoolStatus, ReadyTransactions, TransactionFor, TransactionPool, TransactionSource,
	TransactionStatusStreamFor, TxHash, TxInvalidityReportMap,
};
use sp_runtime::{traits::Block as BlockT, transaction_validity::InvalidTransaction};
use substrate_prometheus_endpoint::{Counter, U64};
use tokio::sync::RwLock;

use crate::service::FullClient;

type Inner = TransactionPoolHandle<Block, FullClient>;
type InnerError = <FullChainApi<FullClient, Block> as ChainApi>::Error;
type Ready =
	Box<dyn ReadyTransactions<Item = Arc<<Inner as TransactionPool>::InPoolTransaction>> + Send>;

/// The node's pool, counting the gate's refusals when there are metrics.
pub struct CountingPool {
	inner: Arc<Inner>,
	refusals: Option<Counter<U64>>,
	/// Read by every submission, written by every maintenance.
	maintenance: RwLock<()>,
}

impl CountingPool {
	/// Wraps `inner`; `refusals` counts the gate's refusals.
	pub fn new(inner: Arc<Inner>, refusals: Option<Counter<U64>>) -> Self {
		CountingPool { inner, refusals, maintenance: RwLock::new(()) }
	}

	fn count<T>(&self, result: &Result<T, InnerError>) {
		if let (Err(error), Some(refusals)) = (result, &self.refusals) {
			if is_gate_refusal(error) {
				refusals.inc();
			}
		}
	}
}

/// Whether the pool refused a transaction because the membership gate did.
fn is_gate_refusal(error: &InnerError) -> bool {
	matches!(
		error,
		InnerError::Pool(PoolError::InvalidTransaction(InvalidTransaction::Custom(code)))
			if *code == UNKNOWN_SIGNER
	)
}

#[async_trait]
impl TransactionPool for CountingPool {
	type Block = Block;
	type Hash = <Inner as TransactionPool>::Hash;
	type InPoolTransaction = <Inner as TransactionPool>::InPoolTransaction;
	type Error = InnerError;

	async fn submit_at(
		&self,
		at: <Block as BlockT>::Hash,
		source: TransactionSource,
		xts: Vec<TransactionFor<Self>>,
	) -> Result<Vec<Result<TxHash<Self>, Self::Error>>, Self::Error> {
		let _submitting = self.maintenance.read().await;
		let results = self.inner.submit_at(at, source, xts).await?;
		results.iter().for_each(|result| self.count(result));
		Ok(results)
	}

	async fn submit_one(
		&self,
		at: <Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<TxHash<Self>, Self::Error> {
		let _submitting = self.maintenance.read().await;
		let result = self.inner.submit_one(at, source, xt).await;
		self.count(&result);
		result
	}

	async fn submit_and_watch(
		&self,
		at: <Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<Pin<Box<TransactionStatusStreamFor<Self>>>, Self::Error> {
		let _submitting = self.maintenance.read().await;
		let result = self.inner.submit_and_watch(at, source, xt).await;
		self.count(&result);
		result
	}

	async fn ready_at(&self, at: <Block as BlockT>::Hash) -> Ready {
		self.inner.ready_at(at).await
	}

	fn ready(&self) -> Ready {
		self.inner.ready()
	}

	async fn report_invalid(
		&self,
		at: Option<<Block as BlockT>::Hash>,
		invalid_tx_errors: TxInvalidityReportMap<TxHash<Self>>,
	) -> Vec<Arc<Self::InPoolTransaction>> {
		self.inner.report_invalid(at, invalid_tx_errors).await
	}

	fn futures(&self) -> Vec<Self::InPoolTransaction> {
		self.inner.futures()
	}

	fn status(&self) -> PoolStatus {
		self.inner.status()
	}

	fn import_notification_stream(&self) -> ImportNotificationStream<TxHash<Self>> {
		self.inner.import_notification_stream()
	}

	fn on_broadcasted(&self, propagations: HashMap<TxHash<Self>, Vec<String>>) {
		self.inner.on_broadcasted(propagations)
	}

	fn hash_of(&self, xt: &TransactionFor<Self>) -> TxHash<Self> {
		self.inner.hash_of(xt)
	}

	fn ready_transaction(&self, hash: &TxHash<Self>) -> Option<Arc<Self::InPoolTransaction>> {
		self.inner.ready_transaction(hash)
	}

	async fn ready_at_with_timeout(
		&self,
		at: <Block as BlockT>::Hash,
		timeout: std::time::Duration,
	) -> Ready {
		self.inner.ready_at_with_timeout(at, timeout).await
	}
}

#[async_trait]
impl MaintainedTransactionPool for CountingPool {
	async fn maintain(&self, event: ChainEvent<Block>) {
		let _maintaining = self.maintenance.write().await;
		self.inner.maintain(event).await
	}
}
