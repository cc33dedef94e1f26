//! The `healthnet_*` methods that read the supply chain: stock, lots and their traces, a
//! region's stock of a product, open requisitions, recalls and quarantines, and the
//! under-reporting check.

use healthnet_primitives::{
	supply::{
		Holding, LotHolding, LotId, LotView, OpenRequisition, ProductId, ReportingGap, SupplyApi,
		TraceEntry, Withheld,
	},
	surveillance::Period,
	OrgId,
};
use healthnet_runtime::{opaque::Block, BlockNumber};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use super::Healthnet;

fn holdings(list: Vec<(u32, Holding)>) -> Vec<LotHolding> {
	list.into_iter()
		.map(|(id, h)| LotHolding { id, available: h.available, quarantined: h.quarantined })
		.collect()
}

/// What apps read of the supply chain, served from the runtime's [`SupplyApi`] at the best
/// block (or at `at`).
#[rpc(client, server, namespace = "healthnet")]
pub trait SupplyRpc<BlockHash> {
	/// An organisation's stock, per lot (`id` is the lot).
	#[method(name = "stock")]
	fn stock(&self, org: OrgId, at: Option<BlockHash>) -> RpcResult<Vec<LotHolding>>;

	/// A lot: product, number, expiry, where its units are, its recall; `null` when none.
	#[method(name = "lot")]
	fn lot(&self, lot: LotId, at: Option<BlockHash>) -> RpcResult<Option<LotView<BlockNumber>>>;

	/// Every custody step, excursion, quarantine decision and recall of a lot, in order.
	#[method(name = "lotTrace")]
	fn lot_trace(
		&self,
		lot: LotId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<TraceEntry<BlockNumber>>>;

	/// The stock of a product held in a region and the regions inside it (`id` is the holder).
	#[method(name = "regionStock")]
	fn region_stock(
		&self,
		product: ProductId,
		region: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LotHolding>>;

	/// The requisitions still open or partly fulfilled.
	#[method(name = "openRequisitions")]
	fn open_requisitions(&self, at: Option<BlockHash>) -> RpcResult<Vec<OpenRequisition>>;

	/// The recalled lots and the holdings quarantined after an excursion.
	#[method(name = "withheldStock")]
	fn withheld_stock(&self, at: Option<BlockHash>) -> RpcResult<Withheld>;

	/// The facilities of a region whose test kits used for a disease on a day differ from the
	/// tests they reported by more than `tolerancePercent` of the larger.
	#[method(name = "reportingGaps")]
	fn reporting_gaps(
		&self,
		region: String,
		disease: String,
		period: Period,
		tolerance_percent: u8,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<ReportingGap>>;
}

impl<C> SupplyRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: SupplyApi<Block, BlockNumber>,
{
	fn stock(&self, org: OrgId, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Vec<LotHolding>> {
		Ok(holdings(self.ask(at, |api, at| api.stock_of(at, org))?))
	}

	fn lot(
		&self,
		lot: LotId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<LotView<BlockNumber>>> {
		self.ask(at, |api, at| api.lot(at, lot))
	}

	fn lot_trace(
		&self,
		lot: LotId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<TraceEntry<BlockNumber>>> {
		self.ask(at, |api, at| api.trace(at, lot))
	}

	fn region_stock(
		&self,
		product: ProductId,
		region: String,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LotHolding>> {
		Ok(holdings(self.ask(at, |api, at| api.region_stock(at, product, region.into_bytes()))?))
	}

	fn open_requisitions(
		&self,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<OpenRequisition>> {
		let open = self.ask(at, |api, at| api.open_requisitions(at))?;
		Ok(open
			.into_iter()
			.map(|(id, requester, product, requested, received)| OpenRequisition {
				id,
				requester,
				product,
				requested,
				received,
			})
			.collect())
	}

	fn withheld_stock(&self, at: Option<<Block as BlockT>::Hash>) -> RpcResult<Withheld> {
		let (recalled, quarantined) = self.ask(at, |api, at| api.recalled_and_quarantined(at))?;
		Ok(Withheld { recalled, quarantined })
	}

	fn reporting_gaps(
		&self,
		region: String,
		disease: String,
		period: Period,
		tolerance_percent: u8,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<ReportingGap>> {
		self.ask(at, |api, at| {
			api.reporting_gaps(
				at,
				region.into_bytes(),
				disease.into_bytes(),
				period,
				tolerance_percent,
			)
		})
	}
}
