//! The `healthnet_*` methods that read surveillance: series of totals and of lineages,
//! completeness, report histories, open alerts and unacknowledged guidance.

use healthnet_primitives::{
	surveillance::{
		AlertView, CompletenessReport, GuidanceId, LineagePeriod, Period, PeriodTotals,
		ReportHistory, SurveillanceApi,
	},
	ClusterId, OrgId, Page,
};
use healthnet_runtime::{opaque::Block, AccountId};

use super::supply::page_limit;

/// Where an alert stands in a region's list, as apps pass it back: (region, disease,
/// lineage, period).
pub type AlertCursor = (String, String, Option<String>, Period);
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use super::Healthnet;

/// The `healthnet_*` methods: what apps read of surveillance, served from the runtime's
/// [`SurveillanceApi`] at the best block (or at `at`). Region and disease codes are plain
/// strings (`"IN-KA"`, `"RA01"`; `""` is the whole world).
#[rpc(client, server, namespace = "healthnet")]
pub trait SurveillanceRpc<BlockHash> {
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

	/// A region's confirmed cases of a disease per lineage, for each period from `from` to `to`
	/// (at most 366) that has any.
	#[method(name = "regionLineages")]
	fn region_lineages(
		&self,
		region: String,
		disease: String,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LineagePeriod>>;

	/// A cluster's confirmed cases of a disease per lineage, for each period that has any.
	#[method(name = "clusterLineages")]
	fn cluster_lineages(
		&self,
		cluster: ClusterId,
		disease: String,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LineagePeriod>>;

	/// A cluster's reporting for a disease and period, from its current members: expected,
	/// reported, on time, missing and late (facilities by id; a rejected or voided report's
	/// facility is missing).
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
	fn open_alerts(
		&self,
		region: String,
		after: Option<AlertCursor>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<AlertView, AlertCursor>>;

	/// The reporting facilities a guidance addresses that have not acknowledged it, among
	/// organisations `from`, `from + 1`, ... (a page of at most `limit`, and 100, read).
	#[method(name = "unacknowledgedGuidance")]
	fn unacknowledged_guidance(
		&self,
		guidance: GuidanceId,
		from: Option<OrgId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<OrgId, OrgId>>;
}

impl<C> SurveillanceRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
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

	fn region_lineages(
		&self,
		region: String,
		disease: String,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LineagePeriod>> {
		let series = self.ask(at, |api, at| {
			api.region_lineages(at, region.into_bytes(), disease.into_bytes(), from, to)
		})?;
		Ok(series.into_iter().map(LineagePeriod::from).collect())
	}

	fn cluster_lineages(
		&self,
		cluster: ClusterId,
		disease: String,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LineagePeriod>> {
		let series = self
			.ask(at, |api, at| api.cluster_lineages(at, cluster, disease.into_bytes(), from, to))?;
		Ok(series.into_iter().map(LineagePeriod::from).collect())
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
		after: Option<AlertCursor>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<AlertView, AlertCursor>> {
		let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
		let after = after.map(|(region, disease, lineage, period)| {
			(region.into_bytes(), disease.into_bytes(), lineage.map(String::into_bytes), period)
		});
		let page = self.ask(at, |api, at| {
			api.open_alerts(at, region.into_bytes(), after, page_limit(limit))
		})?;
		let next = page.next.map(|(region, disease, lineage, period)| {
			(text(region), text(disease), lineage.map(text), period)
		});
		let items = page
			.items
			.into_iter()
			.map(|alert| AlertView {
				region: String::from_utf8_lossy(&alert.region).into_owned(),
				disease: String::from_utf8_lossy(&alert.disease).into_owned(),
				lineage: alert
					.lineage
					.map(|lineage| String::from_utf8_lossy(&lineage).into_owned()),
				period: alert.period,
				confirmed: alert.confirmed,
				threshold: alert.threshold,
			})
			.collect();
		Ok(Page { items, next })
	}

	fn unacknowledged_guidance(
		&self,
		guidance: GuidanceId,
		from: Option<OrgId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<OrgId, OrgId>> {
		self.ask(at, |api, at| {
			api.unacknowledged_guidance(at, guidance, from.unwrap_or(0), page_limit(limit))
		})
	}
}
