//! The surveillance records and their small pure methods. Every count here is an aggregate of
//! cases, never a person.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{ClusterId, OrgId};
use scale_info::TypeInfo;

pub use healthnet_primitives::surveillance::*;

/// One version of a report: what the facility said, when, who signed it, and who relayed it
/// if it was signed offline.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxVariants, MaxLineage))]
pub struct ReportVersion<AccountId, BlockNumber, MaxVariants: Get<u32>, MaxLineage: Get<u32>> {
	/// The counts.
	pub counts: Counts,
	/// Confirmed cases per variant or lineage (`XBB.1.5`), each lineage once.
	pub variants: BoundedVec<(BoundedVec<u8, MaxLineage>, u32), MaxVariants>,
	/// The member account that signed it.
	pub submitted_by: AccountId,
	/// The member account that relayed it, when the facility signed it offline.
	pub relayed_by: Option<AccountId>,
	/// The block it was written in.
	pub at: BlockNumber,
}

/// A report as the chain keeps it, by (organisation, disease, period): its state and its
/// current version in one item, so that a first submission adds one item to the state and an
/// amendment, a review or a withdrawal finds the counts it needs in the item it reads anyway.
/// The versions an amendment superseded are in `ReportVersions`.
///
/// A report written before this layout was stored as its state alone, with its current
/// version in `ReportVersions` too: it decodes with `latest` `None`, and its first amendment
/// writes it in this layout. No migration has to visit the year of reports a chain holds.
#[derive(Clone, Debug, PartialEq, Eq, Encode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxVariants, MaxLineage))]
pub struct StoredReport<AccountId, BlockNumber, MaxVariants: Get<u32>, MaxLineage: Get<u32>> {
	/// Its state: version, status, timeliness, re-openings, the cluster it was counted in.
	pub state: Report<BlockNumber>,
	/// Its current version, `state.version`; `None` for a report stored before this layout,
	/// whose current version is in `ReportVersions`.
	pub latest: Option<ReportVersion<AccountId, BlockNumber, MaxVariants, MaxLineage>>,
}

impl<AccountId, BlockNumber, MaxVariants, MaxLineage> Decode
	for StoredReport<AccountId, BlockNumber, MaxVariants, MaxLineage>
where
	AccountId: Decode,
	BlockNumber: Decode,
	MaxVariants: Get<u32>,
	MaxLineage: Get<u32>,
{
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let state = Report::decode(input)?;
		// The earlier layout ends with the state; this one always holds a version after it.
		let latest = match input.remaining_len()? {
			Some(0) => None,
			_ => Option::decode(input)?,
		};
		Ok(Self { state, latest })
	}
}

/// A report a facility member signed offline, for any member account to relay: the counts of
/// a submission (`version` 1) or an amendment (the report's next version), bound to one chain
/// by its genesis hash. The member signs [`offline_report_message`] of its encoding.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxDisease, MaxVariants, MaxLineage))]
pub struct OfflineReport<
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxDisease: Get<u32>,
	MaxVariants: Get<u32>,
	MaxLineage: Get<u32>,
> {
	/// The genesis hash of the chain the report is for.
	pub genesis: Hash,
	/// The reporting facility.
	pub org: OrgId,
	/// The disease code.
	pub disease: BoundedVec<u8, MaxDisease>,
	/// The period.
	pub period: Period,
	/// The counts.
	pub counts: Counts,
	/// Confirmed cases per variant or lineage.
	pub variants: BoundedVec<(BoundedVec<u8, MaxLineage>, u32), MaxVariants>,
	/// The version it writes: 1 for the first, the report's next version for an amendment.
	pub version: u32,
	/// When it stops being valid, in milliseconds since 1970-01-01: a relayer that held it
	/// back longer finds it refused.
	pub valid_until: u64,
}

/// One disease of a facility's form ([`crate::Pallet::submit_reports`]): its counts and its
/// confirmed cases per variant or lineage.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxDisease, MaxVariants, MaxLineage))]
pub struct FormEntry<MaxDisease: Get<u32>, MaxVariants: Get<u32>, MaxLineage: Get<u32>> {
	/// The disease code.
	pub disease: BoundedVec<u8, MaxDisease>,
	/// The counts.
	pub counts: Counts,
	/// Confirmed cases per variant or lineage.
	pub variants: BoundedVec<(BoundedVec<u8, MaxLineage>, u32), MaxVariants>,
}

/// A facility's form a member signed offline, for any member account to relay: the first
/// version of each of its diseases' reports for one period, bound to one chain by its genesis
/// hash. The member signs [`offline_form_message`] of its encoding.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxDisease, MaxVariants, MaxLineage, MaxDiseases))]
pub struct OfflineForm<
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxDisease: Get<u32>,
	MaxVariants: Get<u32>,
	MaxLineage: Get<u32>,
	MaxDiseases: Get<u32>,
> {
	/// The genesis hash of the chain the form is for.
	pub genesis: Hash,
	/// The reporting facility.
	pub org: OrgId,
	/// The period.
	pub period: Period,
	/// The diseases it reports.
	pub reports: BoundedVec<FormEntry<MaxDisease, MaxVariants, MaxLineage>, MaxDiseases>,
	/// When it stops being valid, in milliseconds since 1970-01-01.
	pub valid_until: u64,
}

/// The confirmed cases per period at which a region's aggregate of a disease opens an alert,
/// and the organisation that set it: only it or an authority above it may change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Threshold {
	/// The confirmed cases, at least 1.
	pub confirmed: u32,
	/// The authority that set it.
	pub set_by: OrgId,
}

/// How urgent a guidance is.
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
)]
pub enum Severity {
	/// For information.
	Information,
	/// Facilities should act on it.
	Advisory,
	/// Facilities must act on it.
	Warning,
	/// Facilities must act on it at once.
	Emergency,
}

/// Whom a guidance addresses.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxRegion))]
pub enum GuidanceTarget<MaxRegion: Get<u32>> {
	/// Every facility whose region lies inside this one.
	Region(BoundedVec<u8, MaxRegion>),
	/// Every facility of this cluster.
	Cluster(ClusterId),
}

/// Guidance an authority published: the document stays off chain, its hash and address here.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxRegion, MaxUri, MaxDisease))]
pub struct Guidance<Hash, BlockNumber, MaxRegion: Get<u32>, MaxUri: Get<u32>, MaxDisease: Get<u32>>
{
	/// The authority that published it.
	pub author: OrgId,
	/// The hash of the document, so that a reader can check the copy it fetched.
	pub content_hash: Hash,
	/// Where the document can be fetched.
	pub uri: BoundedVec<u8, MaxUri>,
	/// Whom it addresses.
	pub target: GuidanceTarget<MaxRegion>,
	/// The disease it concerns, if one.
	pub disease: Option<BoundedVec<u8, MaxDisease>>,
	/// How urgent it is.
	pub severity: Severity,
	/// The block it was published in.
	pub published_at: BlockNumber,
}

/// A disease code such as `1D6Z`.
pub type DiseaseCode<T> = BoundedVec<u8, <T as crate::Config>::MaxDiseaseCodeLength>;

/// A region code such as `IN-KA-BLR`; empty for the whole world.
pub type RegionCode<T> = BoundedVec<u8, <T as crate::Config>::MaxRegionCodeLength>;

/// A variant or lineage name such as `XBB.1.5`.
pub type Lineage<T> = BoundedVec<u8, <T as crate::Config>::MaxLineageLength>;

/// A report's state as this runtime stores it.
pub type ReportOf<T> = Report<BlockNumberFor<T>>;

/// A report signed offline, as this runtime takes it.
pub type OfflineReportOf<T> = OfflineReport<
	<T as frame_system::Config>::Hash,
	<T as crate::Config>::MaxDiseaseCodeLength,
	<T as crate::Config>::MaxVariantsPerReport,
	<T as crate::Config>::MaxLineageLength,
>;

/// One disease of a form, as this runtime takes it.
pub type FormEntryOf<T> = FormEntry<
	<T as crate::Config>::MaxDiseaseCodeLength,
	<T as crate::Config>::MaxVariantsPerReport,
	<T as crate::Config>::MaxLineageLength,
>;

/// A facility's form: the diseases it reports for one period.
pub type FormOf<T> = BoundedVec<FormEntryOf<T>, <T as crate::Config>::MaxDiseasesPerForm>;

/// A form signed offline, as this runtime takes it.
pub type OfflineFormOf<T> = OfflineForm<
	<T as frame_system::Config>::Hash,
	<T as crate::Config>::MaxDiseaseCodeLength,
	<T as crate::Config>::MaxVariantsPerReport,
	<T as crate::Config>::MaxLineageLength,
	<T as crate::Config>::MaxDiseasesPerForm,
>;

/// Confirmed cases per lineage, as a report version holds them.
pub type VariantsOf<T> = BoundedVec<(Lineage<T>, u32), <T as crate::Config>::MaxVariantsPerReport>;

/// A report as this runtime stores it.
pub type StoredReportOf<T> = StoredReport<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as crate::Config>::MaxVariantsPerReport,
	<T as crate::Config>::MaxLineageLength,
>;

/// A report version as this runtime stores it.
pub type ReportVersionOf<T> = ReportVersion<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as crate::Config>::MaxVariantsPerReport,
	<T as crate::Config>::MaxLineageLength,
>;

/// A guidance as this runtime stores it.
pub type GuidanceOf<T> = Guidance<
	<T as frame_system::Config>::Hash,
	BlockNumberFor<T>,
	<T as crate::Config>::MaxRegionCodeLength,
	<T as crate::Config>::MaxUriLength,
	<T as crate::Config>::MaxDiseaseCodeLength,
>;

/// `cases` moved by `change`, never below zero nor above the largest count.
pub(crate) fn shifted(cases: u64, change: i64) -> u64 {
	if change < 0 {
		cases.saturating_sub(change.unsigned_abs())
	} else {
		cases.saturating_add(change as u64)
	}
}

/// A report's change to a region's or cluster's totals: each count's difference, and the
/// difference in reports counted. Signed, since an amendment may lower counts; a block holds
/// too few reports for any sum of them to overflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct TotalsDelta {
	/// Suspected cases.
	pub suspected: i64,
	/// Confirmed cases.
	pub confirmed: i64,
	/// Deaths.
	pub deaths: i64,
	/// Recoveries.
	pub recovered: i64,
	/// Hospital admissions.
	pub hospitalised: i64,
	/// Tests performed.
	pub tests_performed: i64,
	/// Positive tests.
	pub tests_positive: i64,
	/// Reports counted.
	pub reports: i32,
}

impl TotalsDelta {
	/// The change from a report's `old` counts to its `new` ones (`None`: not counted).
	pub fn between(old: Option<&Counts>, new: Option<&Counts>) -> Self {
		let before = old.copied().unwrap_or_default();
		let after = new.copied().unwrap_or_default();
		let d = |before: u32, after: u32| i64::from(after) - i64::from(before);
		TotalsDelta {
			suspected: d(before.suspected, after.suspected),
			confirmed: d(before.confirmed, after.confirmed),
			deaths: d(before.deaths, after.deaths),
			recovered: d(before.recovered, after.recovered),
			hospitalised: d(before.hospitalised, after.hospitalised),
			tests_performed: d(before.tests_performed, after.tests_performed),
			tests_positive: d(before.tests_positive, after.tests_positive),
			reports: i32::from(new.is_some()) - i32::from(old.is_some()),
		}
	}

	/// Adds `other`'s change to this one.
	pub fn add(&mut self, other: &Self) {
		self.suspected = self.suspected.saturating_add(other.suspected);
		self.confirmed = self.confirmed.saturating_add(other.confirmed);
		self.deaths = self.deaths.saturating_add(other.deaths);
		self.recovered = self.recovered.saturating_add(other.recovered);
		self.hospitalised = self.hospitalised.saturating_add(other.hospitalised);
		self.tests_performed = self.tests_performed.saturating_add(other.tests_performed);
		self.tests_positive = self.tests_positive.saturating_add(other.tests_positive);
		self.reports = self.reports.saturating_add(other.reports);
	}

	/// Whether it changes nothing.
	pub fn is_zero(&self) -> bool {
		*self == Self::default()
	}

	/// Moves `totals` by this change, never below zero.
	pub fn apply_to(&self, totals: &mut Totals) {
		totals.suspected = shifted(totals.suspected, self.suspected);
		totals.confirmed = shifted(totals.confirmed, self.confirmed);
		totals.deaths = shifted(totals.deaths, self.deaths);
		totals.recovered = shifted(totals.recovered, self.recovered);
		totals.hospitalised = shifted(totals.hospitalised, self.hospitalised);
		totals.tests_performed = shifted(totals.tests_performed, self.tests_performed);
		totals.tests_positive = shifted(totals.tests_positive, self.tests_positive);
		totals.reports = match self.reports {
			r if r < 0 => totals.reports.saturating_sub(r.unsigned_abs()),
			r => totals.reports.saturating_add(r as u32),
		};
	}
}
