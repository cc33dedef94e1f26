//! Disease surveillance: builders of the surveillance pallet's calls (reports, their review,
//! thresholds, guidance), the words for severities and rejection reasons, and the node's
//! `healthnet_*` JSON-RPC reads of aggregates, completeness, histories, alerts and guidance.

use healthnet_primitives::{
	surveillance::{
		AlertView, CompletenessReport, GuidanceId, LineagePeriod, Period, PeriodTotals,
		ReportHistory,
	},
	ClusterId, OrgId,
};
use subxt::utils::{AccountId32, H256};
use subxt_rpcs::rpc_params;

use crate::{
	api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			healthnet_primitives::surveillance::{Counts, RejectionReason, VoidReason},
			pallet_surveillance::types::{GuidanceTarget, Severity},
		},
	},
	words::choose,
	Client, Error,
};

mod form;
pub use form::{read_form, submit_reports, FormEntry, MAX_DISEASES_PER_FORM};

/// A guidance severity: `information`, `advisory`, `warning`, `emergency`.
pub fn severity(word: &str) -> Result<Severity, Error> {
	choose(
		"severity",
		word,
		&[
			("information", Severity::Information),
			("advisory", Severity::Advisory),
			("warning", Severity::Warning),
			("emergency", Severity::Emergency),
		],
	)
}

/// Why an authority rejects a report: `incomplete-counts`, `implausible-counts`,
/// `wrong-disease`, `wrong-period`, `duplicate`.
pub fn rejection_reason(word: &str) -> Result<RejectionReason, Error> {
	choose(
		"rejection reason",
		word,
		&[
			("incomplete-counts", RejectionReason::IncompleteCounts),
			("implausible-counts", RejectionReason::ImplausibleCounts),
			("wrong-disease", RejectionReason::WrongDisease),
			("wrong-period", RejectionReason::WrongPeriod),
			("duplicate", RejectionReason::Duplicate),
		],
	)
}

/// A void reason: `duplicate`, `fraudulent`, `wrong-facility`, `entered-in-error`.
pub fn void_reason(word: &str) -> Result<VoidReason, Error> {
	choose(
		"void reason",
		word,
		&[
			("duplicate", VoidReason::Duplicate),
			("fraudulent", VoidReason::Fraudulent),
			("wrong-facility", VoidReason::WrongFacility),
			("entered-in-error", VoidReason::EnteredInError),
		],
	)
}

/// Reads `NAME=COUNT` variant counts, such as `JN.1=4`.
pub fn variants(pairs: &[String]) -> Result<Vec<(Vec<u8>, u32)>, Error> {
	pairs
		.iter()
		.map(|pair| {
			let (name, count) = pair.split_once('=').ok_or_else(|| {
				Error::BadInput(format!("{pair} is not a variant count; write it as NAME=COUNT"))
			})?;
			let count = count.parse().map_err(|_| {
				Error::BadInput(format!("{count} in {pair} is not a whole number of cases"))
			})?;
			Ok((name.as_bytes().to_vec(), count))
		})
		.collect()
}

/// A facility's counts of one disease and period.
pub fn counts(
	suspected: u32,
	confirmed: u32,
	deaths: u32,
	recovered: u32,
	hospitalised: u32,
	tests_performed: u32,
	tests_positive: u32,
) -> Counts {
	Counts {
		suspected,
		confirmed,
		deaths,
		recovered,
		hospitalised,
		tests_performed,
		tests_positive,
	}
}

/// Variant counts as the call takes them. The chain bounds how many and how long; a call over
/// a bound is refused when the node decodes it.
fn bounded_variants(variants: Vec<(Vec<u8>, u32)>) -> BoundedVec<(BoundedVec<u8>, u32)> {
	BoundedVec(variants.into_iter().map(|(name, cases)| (BoundedVec(name), cases)).collect())
}

/// A facility reports its counts of `disease` for `period`.
pub fn submit_report(
	disease: &str,
	period: Period,
	counts: Counts,
	variants: Vec<(Vec<u8>, u32)>,
) -> impl subxt::tx::Payload {
	api::tx().surveillance().submit_report(
		BoundedVec(disease.as_bytes().to_vec()),
		period,
		counts,
		bounded_variants(variants),
	)
}

/// A facility replaces the counts of its report; the aggregates move by the difference.
pub fn amend_report(
	org: OrgId,
	disease: &str,
	period: Period,
	counts: Counts,
	variants: Vec<(Vec<u8>, u32)>,
) -> impl subxt::tx::Payload {
	api::tx().surveillance().amend_report(
		org,
		BoundedVec(disease.as_bytes().to_vec()),
		period,
		counts,
		bounded_variants(variants),
	)
}

/// The facility's authority approves its report.
pub fn approve_report(org: OrgId, disease: &str, period: Period) -> impl subxt::tx::Payload {
	api::tx().surveillance().approve_report(org, BoundedVec(disease.as_bytes().to_vec()), period)
}

/// The facility's authority rejects its report for `reason`.
pub fn reject_report(
	org: OrgId,
	disease: &str,
	period: Period,
	reason: RejectionReason,
) -> impl subxt::tx::Payload {
	api::tx().surveillance().reject_report(
		org,
		BoundedVec(disease.as_bytes().to_vec()),
		period,
		reason,
	)
}

/// The facility's authority voids a report for good: its counts leave every total.
pub fn void_report(
	org: OrgId,
	disease: &str,
	period: Period,
	reason: VoidReason,
) -> impl subxt::tx::Payload {
	api::tx().surveillance().void_report(
		org,
		BoundedVec(disease.as_bytes().to_vec()),
		period,
		reason,
	)
}

/// The facility's authority re-opens an approved report for amendment.
pub fn reopen_report(org: OrgId, disease: &str, period: Period) -> impl subxt::tx::Payload {
	api::tx().surveillance().reopen_report(org, BoundedVec(disease.as_bytes().to_vec()), period)
}

/// An authority sets (0: removes) the daily confirmed cases of `disease` in `region` (or of
/// its `lineage`, a variant of concern) that raise an outbreak alert.
pub fn set_threshold(
	region: &str,
	disease: &str,
	lineage: Option<&str>,
	confirmed: u32,
) -> impl subxt::tx::Payload {
	api::tx().surveillance().set_threshold(
		BoundedVec(region.as_bytes().to_vec()),
		BoundedVec(disease.as_bytes().to_vec()),
		lineage.map(|lineage| BoundedVec(lineage.as_bytes().to_vec())),
		confirmed,
	)
}

/// Whom guidance addresses: the facilities of a region, or of a cluster.
pub fn target(region: Option<&str>, cluster: Option<ClusterId>) -> Result<GuidanceTarget, Error> {
	match (region, cluster) {
		(Some(region), None) => Ok(GuidanceTarget::Region(BoundedVec(region.as_bytes().to_vec()))),
		(None, Some(cluster)) => Ok(GuidanceTarget::Cluster(cluster)),
		_ => Err(Error::BadInput(
			"guidance addresses either a region or a cluster: give exactly one of them".into(),
		)),
	}
}

/// An authority publishes guidance: the document stays off chain at `uri`, its hash here.
pub fn publish_guidance(
	content_hash: H256,
	uri: &str,
	target: GuidanceTarget,
	disease: Option<&str>,
	severity: Severity,
) -> impl subxt::tx::Payload {
	api::tx().surveillance().publish_guidance(
		content_hash,
		BoundedVec(uri.as_bytes().to_vec()),
		target,
		disease.map(|d| BoundedVec(d.as_bytes().to_vec())),
		severity,
	)
}

/// A facility the guidance addresses acknowledges it.
pub fn acknowledge_guidance(guidance: u32) -> impl subxt::tx::Payload {
	api::tx().surveillance().acknowledge_guidance(guidance)
}

impl Client {
	/// The facilities that have not acknowledged `guidance`: every page of
	/// `healthnet_unacknowledgedGuidance`, at the finalized block.
	pub async fn unacknowledged_guidance(&self, guidance: GuidanceId) -> Result<Vec<OrgId>, Error> {
		self.every_page("healthnet_unacknowledgedGuidance", &[guidance.into()]).await
	}

	/// `healthnet_regionSeries`: a region's totals of `disease` per period from `from` to `to`
	/// (the empty region is the world); periods without reports are left out.
	pub async fn region_series(
		&self,
		region: &str,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Vec<PeriodTotals>, Error> {
		self.request("healthnet_regionSeries", rpc_params![region, disease, from, to]).await
	}

	/// `healthnet_clusterSeries`: a cluster's totals of `disease` per period.
	pub async fn cluster_series(
		&self,
		cluster: ClusterId,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Vec<PeriodTotals>, Error> {
		self.request("healthnet_clusterSeries", rpc_params![cluster, disease, from, to]).await
	}

	/// `healthnet_regionLineages`: a region's confirmed cases of `disease` per lineage, for
	/// each day from `from` to `to` that has any.
	pub async fn region_lineages(
		&self,
		region: &str,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Vec<LineagePeriod>, Error> {
		self.request("healthnet_regionLineages", rpc_params![region, disease, from, to]).await
	}

	/// `healthnet_clusterLineages`: a cluster's confirmed cases of `disease` per lineage.
	pub async fn cluster_lineages(
		&self,
		cluster: ClusterId,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Vec<LineagePeriod>, Error> {
		self.request("healthnet_clusterLineages", rpc_params![cluster, disease, from, to]).await
	}

	/// `healthnet_completeness`: who of `cluster`'s current members reported `disease` for
	/// `period`, and in time; the late and the missing facilities by id.
	pub async fn completeness(
		&self,
		cluster: ClusterId,
		disease: &str,
		period: Period,
	) -> Result<CompletenessReport, Error> {
		self.request("healthnet_completeness", rpc_params![cluster, disease, period]).await
	}

	/// `healthnet_reportHistory`: a report and each of its versions.
	pub async fn report_history(
		&self,
		org: OrgId,
		disease: &str,
		period: Period,
	) -> Result<Option<ReportHistory<AccountId32>>, Error> {
		// The node writes accounts as SS58 addresses, which `AccountId32` reads.
		self.request("healthnet_reportHistory", rpc_params![org, disease, period]).await
	}

	/// The alerts above their thresholds in `region` and inside it: every page of
	/// `healthnet_openAlerts`, at the finalized block.
	pub async fn open_alerts(&self, region: &str) -> Result<Vec<AlertView>, Error> {
		self.every_page("healthnet_openAlerts", &[region.into()]).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn words_are_read_without_regard_to_case_or_dashes() {
		assert_eq!(severity("warning").unwrap(), Severity::Warning);
		assert_eq!(rejection_reason("Wrong_Period").unwrap(), RejectionReason::WrongPeriod);
		assert_eq!(variants(&["JN.1=4".into()]).unwrap(), vec![(b"JN.1".to_vec(), 4)]);
	}

	#[test]
	fn malformed_arguments_are_refused_before_sending() {
		assert!(variants(&["JN.1:4".into()]).is_err());
		assert!(variants(&["JN.1=four".into()]).is_err());
		assert!(target(Some("IN"), Some(0)).is_err());
		assert!(target(None, None).is_err());
	}
}
