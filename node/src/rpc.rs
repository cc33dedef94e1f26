//! The node's JSON-RPC methods beyond the ones every Substrate node serves: account nonces
//! (`system_accountNextIndex`), fee estimates (`payment_*`), and Healthnet's own reads of
//! surveillance (`healthnet_*`).

use std::sync::Arc;

use healthnet_primitives::{
	surveillance::{
		AlertView, CompletenessReport, GuidanceId, Period, PeriodTotals, ReportHistory,
		SurveillanceApi,
	},
	ClusterId, OrgId,
};
use healthnet_runtime::{opaque::Block, AccountId, Balance, Nonce};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
	RpcModule,
};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_runtime::traits::Block as BlockT;

/// What the RPC methods read from.
pub struct FullDeps<C, P> {
	/// The client, for runtime API calls and block headers.
	pub client: Arc<C>,
	/// The transaction pool, for the next nonce of an account.
	pub pool: Arc<P>,
}

/// Builds the RPC methods of a full node.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: SurveillanceApi<Block, AccountId>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Healthnet::new(client).into_rpc())?;
	Ok(module)
}

/// The `healthnet_*` methods: what apps read of surveillance, served from the runtime's
/// [`SurveillanceApi`] at the best block (or at `at`). Region and disease codes are plain
/// strings (`"IN-KA"`, `"RA01"`; `""` is the whole world).
#[rpc(client, server, namespace = "healthnet")]
pub trait HealthnetApi<BlockHash> {
	/// A region's totals of a disease per period from `from` to `to` (days since 1970-01-01),
	/// at most 366 periods; periods without reports are left out.
	#[method(name = "regionSeries")]
	fn region_series(
		&self,
		region: String,
		disease: String,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<PeriodTotals>>;

	/// A cluster's totals of a disease per period from `from` to `to`.
	#[method(name = "clusterSeries")]
	fn cluster_series(
		&self,
		cluster: ClusterId,
		disease: String,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<PeriodTotals>>;

	/// A cluster's reporting for a disease and period: expected, reported, on time, missing.
	#[method(name = "completeness")]
	fn completeness(
		&self,
		cluster: ClusterId,
		disease: String,
		period: Period,
		at: Option<BlockHash>,
	) -> RpcResult<CompletenessReport>;

	/// A report and every version of it, oldest first; `null` when there is none.
	#[method(name = "reportHistory")]
	fn report_history(
		&self,
		org: OrgId,
		disease: String,
		period: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Option<ReportHistory<AccountId>>>;

	/// The alerts still above their thresholds in a region and every region inside it.
	#[method(name = "openAlerts")]
	fn open_alerts(&self, region: String, at: Option<BlockHash>) -> RpcResult<Vec<AlertView>>;

	/// The reporting facilities a guidance addresses that have not acknowledged it.
	#[method(name = "unacknowledgedGuidance")]
	fn unacknowledged_guidance(
		&self,
		guidance: GuidanceId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<OrgId>>;
}

/// Serves [`HealthnetApiServer`] from a client's runtime API.
pub struct Healthnet<C> {
	client: Arc<C>,
}

impl<C> Healthnet<C> {
	/// Serves the methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// The error every `healthnet_*` method returns when the runtime cannot answer.
fn runtime_error(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(
		RUNTIME_ERROR,
		"the runtime could not answer; is the node synced to a block with surveillance?",
		Some(error.to_string()),
	)
}

/// The JSON-RPC error code of a failed runtime API call.
const RUNTIME_ERROR: i32 = 1;

impl<C> Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: SurveillanceApi<Block, AccountId>,
{
	fn ask<R>(
		&self,
		at: Option<<Block as BlockT>::Hash>,
		question: impl FnOnce(
			&<C as ProvideRuntimeApi<Block>>::Api,
			<Block as BlockT>::Hash,
		) -> Result<R, sp_api::ApiError>,
	) -> RpcResult<R> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		question(&self.client.runtime_api(), at).map_err(runtime_error)
	}
}

impl<C> HealthnetApiServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: SurveillanceApi<Block, AccountId>,
{
	fn region_series(
		&self,
		region: String,
		disease: String,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<PeriodTotals>> {
		let series = self.ask(at, |api, at| {
			api.region_series(at, region.into_bytes(), disease.into_bytes(), from, to)
		})?;
		Ok(series.into_iter().map(|(period, totals)| PeriodTotals { period, totals }).collect())
	}

	fn cluster_series(
		&self,
		cluster: ClusterId,
		disease: String,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<PeriodTotals>> {
		let series = self
			.ask(at, |api, at| api.cluster_series(at, cluster, disease.into_bytes(), from, to))?;
		Ok(series.into_iter().map(|(period, totals)| PeriodTotals { period, totals }).collect())
	}

	fn completeness(
		&self,
		cluster: ClusterId,
		disease: String,
		period: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<CompletenessReport> {
		self.ask(at, |api, at| api.completeness(at, cluster, disease.into_bytes(), period))
	}

	fn report_history(
		&self,
		org: OrgId,
		disease: String,
		period: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<ReportHistory<AccountId>>> {
		self.ask(at, |api, at| api.report_history(at, org, disease.into_bytes(), period))
	}

	fn open_alerts(
		&self,
		region: String,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<AlertView>> {
		let alerts = self.ask(at, |api, at| api.open_alerts(at, region.into_bytes()))?;
		Ok(alerts
			.into_iter()
			.map(|alert| AlertView {
				region: String::from_utf8_lossy(&alert.region).into_owned(),
				disease: String::from_utf8_lossy(&alert.disease).into_owned(),
				period: alert.period,
				confirmed: alert.confirmed,
				threshold: alert.threshold,
			})
			.collect())
	}

	fn unacknowledged_guidance(
		&self,
		guidance: GuidanceId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<OrgId>> {
		self.ask(at, |api, at| api.unacknowledged_guidance(at, guidance))
	}
}
