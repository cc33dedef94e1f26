//! The `healthnet_*` methods that read the supply chain: stock, lots and their traces, a
//! region's stock, open requisitions, recalls and quarantines, and the under-reporting check.
//! Every listing answers a page of at most `limit` items (100 when not given, and never more)
//! after a cursor: pass the page's `next` to read the following one, at the same block.

use healthnet_primitives::{
	supply::{
		LotHolding, LotId, LotView, OpenRequisition, ProductId, ReportingGap, RequisitionId,
		StockLine, SupplyApi, TraceEntry,
	},
	surveillance::Period,
	OrgId, Page, MAX_PAGE,
};
use healthnet_runtime::{opaque::Block, BlockNumber};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use super::Healthnet;

/// What apps read of the supply chain, served from the runtime's [`SupplyApi`] at the best
/// block (or at `at`).
#[rpc(client, server, namespace = "healthnet")]
pub trait SupplyRpc<BlockHash> {
	/// An organisation's stock per lot after lot `after`: available, quarantined, recalled
	/// and expired units.
	#[method(name = "stock")]
	fn stock(
		&self,
		org: OrgId,
		after: Option<LotId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<LotHolding, LotId>>;

	/// A lot: product, number, expiry, where its units are, its recall; `null` when none.
	#[method(name = "lot")]
	fn lot(&self, lot: LotId, at: Option<BlockHash>) -> RpcResult<Option<LotView<BlockNumber>>>;

	/// Every custody step, excursion, count, quarantine decision and recall of a lot, in order.
	#[method(name = "lotTrace")]
	fn lot_trace(
		&self,
		lot: LotId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<TraceEntry<BlockNumber>>>;

	/// The holdings in a region and the regions inside it, of one product (or of all when
	/// `product` is `null`): of a page of the chain's holdings after `after`, those that match.
	#[method(name = "regionStock")]
	fn region_stock(
		&self,
		product: Option<ProductId>,
		region: String,
		after: Option<(OrgId, LotId)>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<StockLine, (OrgId, LotId)>>;

	/// The requisitions still open or partly fulfilled, after requisition `after`.
	#[method(name = "openRequisitions")]
	fn open_requisitions(
		&self,
		after: Option<RequisitionId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<OpenRequisition, RequisitionId>>;

	/// The recalled lots among lots `from`, `from + 1`, ...
	#[method(name = "recalledLots")]
	fn recalled_lots(
		&self,
		from: Option<LotId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<LotId, LotId>>;

	/// The (holder, lot, units) quarantined after an excursion: of a page of the chain's
	/// holdings after `after`, those with quarantined units.
	#[method(name = "quarantinedStock")]
	fn quarantined_stock(
		&self,
		after: Option<(OrgId, LotId)>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(OrgId, LotId, u32), (OrgId, LotId)>>;

	/// The facilities of a region, among organisations `from`, `from + 1`, ..., whose test
	/// kits used for a disease on a day differ from the tests they reported by more than
	/// `tolerancePercent` of the larger.
	#[method(name = "reportingGaps")]
	fn reporting_gaps(
		&self,
		region: String,
		disease: String,
		period: Period,
		tolerance_percent: u8,
		from: Option<OrgId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ReportingGap, OrgId>>;
}

impl<C> SupplyRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: SupplyApi<Block, BlockNumber>,
{
	fn stock(
		&self,
		org: OrgId,
		after: Option<LotId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<LotHolding, LotId>> {
		let page = self.ask(at, |api, at| api.stock_of(at, org, after, page_limit(limit)))?;
		let items = page.items.into_iter().map(|(lot, figures)| LotHolding { lot, figures });
		Ok(Page { items: items.collect(), next: page.next })
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
		product: Option<ProductId>,
		region: String,
		after: Option<(OrgId, LotId)>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<StockLine, (OrgId, LotId)>> {
		self.ask(at, |api, at| {
			api.region_stock(at, product, region.into_bytes(), after, page_limit(limit))
		})
	}

	fn open_requisitions(
		&self,
		after: Option<RequisitionId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<OpenRequisition, RequisitionId>> {
		self.ask(at, |api, at| api.open_requisitions(at, after, page_limit(limit)))
	}

	fn recalled_lots(
		&self,
		from: Option<LotId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<LotId, LotId>> {
		self.ask(at, |api, at| api.recalled_lots(at, from.unwrap_or(0), page_limit(limit)))
	}

	fn quarantined_stock(
		&self,
		after: Option<(OrgId, LotId)>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<(OrgId, LotId, u32), (OrgId, LotId)>> {
		self.ask(at, |api, at| api.quarantined_stock(at, after, page_limit(limit)))
	}

	fn reporting_gaps(
		&self,
		region: String,
		disease: String,
		period: Period,
		tolerance_percent: u8,
		from: Option<OrgId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<ReportingGap, OrgId>> {
		self.ask(at, |api, at| {
			api.reporting_gaps(
				at,
				region.into_bytes(),
				disease.into_bytes(),
				period,
				tolerance_percent,
				from.unwrap_or(0),
				page_limit(limit),
			)
		})
	}
}

/// A page's limit as an app gives it: [`MAX_PAGE`] when not given; the runtime cuts a larger
/// one to [`MAX_PAGE`].
pub(crate) fn page_limit(limit: Option<u32>) -> u32 {
	limit.unwrap_or(MAX_PAGE)
}
