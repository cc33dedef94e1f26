//! What the surveillance pallet, its runtime API, the node's `healthnet_*` RPC and the client
//! share: reporting periods, case counts, totals, report states and the surveillance runtime
//! API. Every count here is an aggregate of cases, never a person.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::{ClusterId, OrgId};

/// A reporting period: one day, numbered from 1970-01-01 (UTC), the epoch of Unix time. Day
/// 20_000 is 2024-10-04. A period has ended once its day is over in UTC.
pub type Period = u32;

/// Milliseconds in one reporting period.
pub const PERIOD_MILLIS: u64 = 86_400_000;

/// Whether `name` has the form of a Pango lineage or Nextstrain clade (`JN.1`, `XBB.1.5`,
/// `23A`): uppercase letters and digits in `.`-separated parts, none of them empty. Reports
/// and instruments name lineages alike, so that their counts compare.
pub fn lineage_name_is_well_formed(name: &[u8]) -> bool {
	name.split(|b| *b == b'.').all(|part| {
		!part.is_empty() && part.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
	})
}

/// Whether `code` is a disease code as surveillance and the instruments take it: 2 or more
/// uppercase letters and digits with at most one `.` inside (ICD-11's `RA01`, `1F40.1`).
pub fn disease_code_is_well_formed(code: &[u8]) -> bool {
	let dots = code.iter().filter(|b| **b == b'.').count();
	code.len() >= 2
		&& code.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'.')
		&& dots <= 1
		&& code.first() != Some(&b'.')
		&& code.last() != Some(&b'.')
}

/// What a facility member's key signs when it signs a report offline for another member to
/// relay: this context, then the SCALE encoding of the report (the surveillance pallet's
/// `OfflineReport`). The context keeps such a signature from passing for any other message
/// the same key signs, a transaction included.
pub const OFFLINE_REPORT_CONTEXT: &[u8] = b"healthnet:offline-report:v2:";

/// The bytes a facility member signs for the SCALE-encoded offline report `encoded`.
pub fn offline_report_message(encoded: &[u8]) -> Vec<u8> {
	let mut message = Vec::with_capacity(OFFLINE_REPORT_CONTEXT.len() + encoded.len());
	message.extend_from_slice(OFFLINE_REPORT_CONTEXT);
	message.extend_from_slice(encoded);
	message
}

/// What a facility member's key signs when it signs a whole form offline (the reports of
/// several diseases for one period): this context, then the SCALE encoding of the form (the
/// surveillance pallet's `OfflineForm`). A different context from a single report's, so that
/// neither signature passes for the other.
pub const OFFLINE_FORM_CONTEXT: &[u8] = b"healthnet:offline-form:v1:";

/// The bytes a facility member signs for the SCALE-encoded offline form `encoded`.
pub fn offline_form_message(encoded: &[u8]) -> Vec<u8> {
	let mut message = Vec::with_capacity(OFFLINE_FORM_CONTEXT.len() + encoded.len());
	message.extend_from_slice(OFFLINE_FORM_CONTEXT);
	message.extend_from_slice(encoded);
	message
}

/// Numbers a guidance document.
pub type GuidanceId = u32;

/// Case counts of one facility, disease and period, as the facility reports them.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Counts {
	/// Cases suspected on clinical grounds, not (yet) confirmed.
	pub suspected: u32,
	/// Cases confirmed by a test or an epidemiological link.
	pub confirmed: u32,
	/// Deaths of confirmed cases.
	pub deaths: u32,
	/// Confirmed cases that recovered.
	pub recovered: u32,
	/// Cases admitted to hospital.
	pub hospitalised: u32,
	/// Diagnostic tests performed.
	pub tests_performed: u32,
	/// Diagnostic tests that were positive.
	pub tests_positive: u32,
}

/// Why a set of counts cannot be right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountsError {
	/// More positive tests than tests performed.
	MorePositiveThanPerformed,
}

impl Counts {
	/// Checks what one report's counts must satisfy on their own.
	pub fn check(&self) -> Result<(), CountsError> {
		if self.tests_positive > self.tests_performed {
			return Err(CountsError::MorePositiveThanPerformed);
		}
		Ok(())
	}
}

/// The sum of many facilities' counts, for a cluster or a region, one disease and period.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Totals {
	/// Suspected cases.
	pub suspected: u64,
	/// Confirmed cases.
	pub confirmed: u64,
	/// Deaths.
	pub deaths: u64,
	/// Recoveries.
	pub recovered: u64,
	/// Hospital admissions.
	pub hospitalised: u64,
	/// Tests performed.
	pub tests_performed: u64,
	/// Positive tests.
	pub tests_positive: u64,
	/// How many facilities' reports the totals hold.
	pub reports: u32,
}

impl Totals {
	/// Moves the totals by the difference between a report's `old` counts and its `new` ones,
	/// without recounting anything. `None` stands for a report the totals do not hold: `old`
	/// for one that starts to count (submitted, or amended after a rejection), `new` for one
	/// that stops (rejected or voided).
	pub fn apply(&mut self, old: Option<&Counts>, new: Option<&Counts>) {
		let before = old.copied().unwrap_or_default();
		let after = new.copied().unwrap_or_default();
		let shift = |total: &mut u64, before: u32, after: u32| {
			*total = total.saturating_sub(before.into()).saturating_add(after.into());
		};
		shift(&mut self.suspected, before.suspected, after.suspected);
		shift(&mut self.confirmed, before.confirmed, after.confirmed);
		shift(&mut self.deaths, before.deaths, after.deaths);
		shift(&mut self.recovered, before.recovered, after.recovered);
		shift(&mut self.hospitalised, before.hospitalised, after.hospitalised);
		shift(&mut self.tests_performed, before.tests_performed, after.tests_performed);
		shift(&mut self.tests_positive, before.tests_positive, after.tests_positive);
		match (old, new) {
			(None, Some(_)) => self.reports = self.reports.saturating_add(1),
			(Some(_), None) => self.reports = self.reports.saturating_sub(1),
			_ => {},
		}
	}
}

/// Where a report stands with the authority responsible for the facility.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum ReportStatus {
	/// Waiting for the authority; the facility may amend it.
	Pending,
	/// Accepted by the authority; only a re-opening lets the facility amend it.
	Approved,
	/// Sent back by the authority; its counts leave every total until the facility amends it,
	/// which makes it pending again.
	Rejected(RejectionReason),
	/// Struck out by the authority: its versions stay readable, its counts leave every total
	/// for good, and nobody can amend or revive it.
	Voided(VoidReason),
}

impl ReportStatus {
	/// Whether the report's current counts are in the totals: while it is pending or approved.
	pub fn is_counted(&self) -> bool {
		matches!(self, ReportStatus::Pending | ReportStatus::Approved)
	}

	/// Whether an authority voided the report.
	pub fn is_void(&self) -> bool {
		matches!(self, ReportStatus::Voided(_))
	}
}

/// Why an authority sent a report back. A closed list, so that no free text (and no personal
/// information) reaches the chain.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum RejectionReason {
	/// Some counts are missing or were left at zero.
	IncompleteCounts,
	/// The counts are not plausible for the facility.
	ImplausibleCounts,
	/// The cases belong to another disease code.
	WrongDisease,
	/// The cases belong to another period.
	WrongPeriod,
	/// The same cases were reported by another facility.
	Duplicate,
}

/// Why an authority voided a report. A closed list, like [`RejectionReason`].
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum VoidReason {
	/// The same cases are in another report.
	Duplicate,
	/// The report is not a true account of the facility's cases.
	Fraudulent,
	/// The report was filed under the wrong facility.
	WrongFacility,
	/// The report was filed by mistake and stands for no cases.
	EnteredInError,
}

/// A report's current state; its counts live in its versions.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Report<BlockNumber> {
	/// The latest version, from 1.
	pub version: u32,
	/// Where it stands with the authority.
	pub status: ReportStatus,
	/// The block of the first version.
	pub submitted_at: BlockNumber,
	/// Whether the first version came within the deadline after the period ended.
	pub on_time: bool,
	/// How many times an authority re-opened it after approving it.
	pub reopened: u32,
	/// The cluster the facility belonged to when it first reported: amendments move that
	/// cluster's aggregates, even if the facility has changed cluster since.
	pub cluster: Option<ClusterId>,
}

/// A cluster's reporting for one disease and period, computed from its current members: a
/// facility counts as reported when it is a member of the cluster now, active with the
/// report-cases capability, and its report is counted (pending or approved, not rejected or
/// voided); on time when the report's first version came within the deadline.
#[derive(
	Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize,
)]
pub struct CompletenessReport {
	/// How many of its facilities report cases.
	pub expected: u32,
	/// How many of them have a counted report.
	pub reported: u32,
	/// How many of those reported within the deadline.
	pub on_time: u32,
	/// The reporting facilities with no counted report (none, a rejected or a voided one), by
	/// organisation id.
	pub missing: Vec<OrgId>,
	/// The reporting facilities whose counted report came after the deadline, by organisation
	/// id: `on_time + late.len() == reported`.
	#[serde(default)]
	pub late: Vec<OrgId>,
}

/// One version of a report, as apps read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct VersionView<AccountId> {
	/// The counts.
	pub counts: Counts,
	/// Confirmed cases per variant or lineage.
	pub variants: Vec<(Vec<u8>, u32)>,
	/// The member account that signed it.
	pub submitted_by: AccountId,
	/// The member account that relayed it, when it was signed offline.
	pub relayed_by: Option<AccountId>,
	/// The block it was written in.
	pub at: u32,
}

/// A report and every version of it, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ReportHistory<AccountId> {
	/// Its current state.
	pub report: Report<u32>,
	/// Its versions, from 1.
	pub versions: Vec<VersionView<AccountId>>,
}

/// An alert still above its threshold.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct OpenAlert {
	/// The region; empty for the whole world.
	pub region: Vec<u8>,
	/// The disease code.
	pub disease: Vec<u8>,
	/// The lineage, for an alert on one variant; `None` for the disease's confirmed cases.
	pub lineage: Option<Vec<u8>>,
	/// The period.
	pub period: Period,
	/// The confirmed cases now (of the lineage, for a variant alert).
	pub confirmed: u64,
	/// The threshold it crossed.
	pub threshold: u32,
}

/// One period's totals, as the `healthnet_regionSeries` and `healthnet_clusterSeries` RPC
/// methods answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodTotals {
	/// The period: days since 1970-01-01.
	pub period: Period,
	/// The totals.
	pub totals: Totals,
}

/// An open alert with its codes as text, as the `healthnet_openAlerts` RPC method answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertView {
	/// The region; empty for the whole world.
	pub region: alloc::string::String,
	/// The disease code.
	pub disease: alloc::string::String,
	/// The lineage, for an alert on one variant.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub lineage: Option<alloc::string::String>,
	/// The period.
	pub period: Period,
	/// The confirmed cases now (of the lineage, for a variant alert).
	pub confirmed: u64,
	/// The threshold they crossed.
	pub threshold: u32,
}

/// The most lineages a breakdown lists for one period; the rest are summed in
/// [`LineageBreakdown::others`].
pub const MAX_LINEAGES_PER_PERIOD: u32 = 256;

/// A region's or cluster's confirmed cases of a disease per lineage in one period, as the
/// `healthnet_regionLineages` and `healthnet_clusterLineages` RPC methods answer.
#[derive(
	Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize,
)]
pub struct LineageBreakdown {
	/// The period: days since 1970-01-01.
	pub period: Period,
	/// Confirmed cases per lineage, by lineage name; at most [`MAX_LINEAGES_PER_PERIOD`].
	pub lineages: Vec<(Vec<u8>, u64)>,
	/// Confirmed cases of the lineages beyond the first [`MAX_LINEAGES_PER_PERIOD`] by name.
	pub others: u64,
}

/// A lineage's confirmed cases, its name as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineageCases {
	/// The lineage (`JN.1`).
	pub lineage: alloc::string::String,
	/// Its confirmed cases.
	pub confirmed: u64,
}

/// One period's confirmed cases per lineage, as the `healthnet_regionLineages` and
/// `healthnet_clusterLineages` RPC methods answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineagePeriod {
	/// The period: days since 1970-01-01.
	pub period: Period,
	/// Confirmed cases per lineage, by lineage name.
	pub lineages: Vec<LineageCases>,
	/// Confirmed cases of the lineages beyond the first [`MAX_LINEAGES_PER_PERIOD`].
	pub others: u64,
}

impl From<LineageBreakdown> for LineagePeriod {
	fn from(breakdown: LineageBreakdown) -> Self {
		let lineages = breakdown
			.lineages
			.into_iter()
			.map(|(lineage, confirmed)| LineageCases {
				lineage: alloc::string::String::from_utf8_lossy(&lineage).into_owned(),
				confirmed,
			})
			.collect();
		LineagePeriod { period: breakdown.period, lineages, others: breakdown.others }
	}
}

/// Where an open alert stands in the list of a region's alerts: (region, disease, lineage,
/// period), the cursor of [`SurveillanceApi::open_alerts`]'s pages.
pub type AlertKey = (Vec<u8>, Vec<u8>, Option<Vec<u8>>, Period);

sp_api::decl_runtime_apis! {
	/// What apps read of surveillance; the node serves each method as `healthnet_*` JSON-RPC.
	pub trait SurveillanceApi<AccountId> where AccountId: codec::Codec {
		/// A region's (the empty code: the world's) totals of a disease per period from `from`
		/// to `to` (at most 366 periods); periods without reports are left out.
		fn region_series(region: Vec<u8>, disease: Vec<u8>, from: Period, to: Period) -> Vec<(Period, Totals)>;
		/// A cluster's totals of a disease per period from `from` to `to`.
		fn cluster_series(cluster: ClusterId, disease: Vec<u8>, from: Period, to: Period) -> Vec<(Period, Totals)>;
		/// A cluster's reporting for a disease and period, from its current members (see
		/// [`CompletenessReport`]).
		fn completeness(cluster: ClusterId, disease: Vec<u8>, period: Period) -> CompletenessReport;
		/// A report and its version history.
		fn report_history(org: OrgId, disease: Vec<u8>, period: Period) -> Option<ReportHistory<AccountId>>;
		/// A region's confirmed cases of a disease per lineage, for each period from `from` to
		/// `to` (at most 366) that has any.
		fn region_lineages(region: Vec<u8>, disease: Vec<u8>, from: Period, to: Period) -> Vec<LineageBreakdown>;
		/// A cluster's confirmed cases of a disease per lineage, for each period from `from` to
		/// `to` that has any.
		fn cluster_lineages(cluster: ClusterId, disease: Vec<u8>, from: Period, to: Period) -> Vec<LineageBreakdown>;
		/// The alerts still above their thresholds in a region and the regions inside it: a page
		/// of at most `limit` (and [`crate::MAX_PAGE`]) after the alert `after`.
		fn open_alerts(region: Vec<u8>, after: Option<AlertKey>, limit: u32) -> crate::Page<OpenAlert, AlertKey>;
		/// The reporting facilities a guidance addresses that have not acknowledged it, among
		/// organisations `from`, `from + 1`, ... (at most `limit`, and [`crate::MAX_PAGE`], read).
		fn unacknowledged_guidance(guidance: GuidanceId, from: OrgId, limit: u32) -> crate::Page<OrgId, OrgId>;
	}
}
