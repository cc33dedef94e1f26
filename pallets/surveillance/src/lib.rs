//! # Surveillance
//!
//! Disease surveillance for Healthnet: facilities report case counts per disease and period,
//! and every level up to the global authority sees the same numbers as soon as they are in a
//! block, with under-reporting exposed and nothing silently changed.
//!
//! ## Overview
//!
//! A report is keyed by (organisation, disease code, period). The disease code is an ICD-11
//! style code (`1D6Z`, `RA01.0`); the period is one day (see [`Period`]). Every amendment
//! writes a new version and keeps the earlier ones readable. Each submission and amendment
//! moves the aggregates of the facility's cluster and of its region and every region above it
//! (up to the whole world, the empty code) by the difference, one write per level; nothing is
//! ever recomputed by iteration. A cluster's completeness for a disease and period is read,
//! not kept: of the facilities that are members of the cluster now and may report cases, those
//! whose report is counted (pending or approved) reported, on time when its first version came
//! within [`Config::ReportingDeadline`] after the period ended; a rejected report (until it is
//! amended) and a voided one leave their facility missing, and a facility that changes cluster
//! takes its reports' completeness along (its reports' case totals stay with the cluster they
//! were first counted in). Confirmed cases per variant (lineage) are added up per cluster and
//! region level the same way as the totals. An authority sets thresholds on confirmed cases for its regions, of a
//! disease or of one lineage of it (a variant of concern); an aggregate that crosses one
//! raises [`Event::OutbreakAlert`] once per crossing.
//!
//! A facility that is offline when its report is due signs the report with a member's key
//! ([`OfflineReport`], bound to this chain by its genesis hash and to the report's next
//! version, so that it is taken once), and any member account relays it later: the relay pays
//! the fee, the report counts as the signer's.
//!
//! ## Calls
//!
//! - [`Pallet::submit_report`], [`Pallet::amend_report`]: a member account holding the
//!   `Reporter` role in an active organisation with the report-cases capability, for its own
//!   organisation. A report can be amended while it is pending or rejected, not once approved.
//! - [`Pallet::relay_report`]: any member account of an active organisation, with a report
//!   that a reporter of the reporting facility signed; the same rules as a submission or
//!   amendment by the signer.
//! - [`Pallet::approve_report`], [`Pallet::reject_report`], [`Pallet::reopen_report`],
//!   [`Pallet::void_report`], [`Pallet::set_threshold`], [`Pallet::publish_guidance`]: a
//!   member holding the `Reviewer` role in an active authority whose region contains the
//!   facility's (or the threshold's or guidance's region).
//! - [`Pallet::acknowledge_guidance`]: a reporter of a reporting facility the guidance
//!   addresses.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod aggregates;
mod alerts;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
mod events;
mod forms;
mod guidance;
#[cfg(test)]
mod mock;
mod relay;
mod reports;
mod rollup;
mod rules;
mod series;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::pallet_macros::{import_section, pallet_section};
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo},
	ensure,
	traits::{Get, UnixTime},
	BoundedVec,
};
use healthnet_primitives::{
	registry::{region_and_ancestors, region_contains, validate_region_code},
	Capability, ClusterId, OrgId, OrgRegistry, Page, Role, MAX_PAGE,
};
use rollup::Pended;
pub use rollup::RolledUp;
use rules::Reporter;
pub use series::{bucket_of, Bucket, BUCKET_DAYS};
use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	SaturatedConversion,
};

// Storage kept beside the code that writes it: lineage totals, thresholds and alerts; and the
// events, in a file of their own.
#[import_section(events::events)]
#[import_section(aggregates::lineage_storage)]
#[import_section(alerts::alert_storage)]
#[import_section(rollup::pending_storage)]
#[import_section(rollup::hooks)]
#[import_section(series::series_storage)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who is who: organisations, their regions, clusters and capabilities.
		type Registry: OrgRegistry<Self::AccountId>;

		/// The time now, to refuse periods that have not begun and to judge timeliness.
		type UnixTime: UnixTime;

		/// The longest disease code, in bytes.
		#[pallet::constant]
		type MaxDiseaseCodeLength: Get<u32>;

		/// The longest variant or lineage name, in bytes.
		#[pallet::constant]
		type MaxLineageLength: Get<u32>;

		/// The most variants or lineages one report may break its confirmed cases into.
		#[pallet::constant]
		type MaxVariantsPerReport: Get<u32>;

		/// The most versions of one report: the first and its amendments.
		#[pallet::constant]
		type MaxVersionsPerReport: Get<u32>;

		/// The longest region code, in bytes; the registry's limit.
		#[pallet::constant]
		type MaxRegionCodeLength: Get<u32>;

		/// The most segments of a region code; the registry's limit. A report moves the
		/// aggregates, and may open or close an alert, at this many levels and the world's.
		#[pallet::constant]
		type MaxRegionDepth: Get<u32>;

		/// The most diseases one facility's form ([`Pallet::submit_reports`]) reports.
		#[pallet::constant]
		type MaxDiseasesPerForm: Get<u32>;

		/// The most lineages a form breaks its confirmed cases into, over all its diseases, so
		/// that the largest form's weight fits one transaction.
		#[pallet::constant]
		type MaxLineagesPerForm: Get<u32>;

		/// The longest address of a guidance document, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// How many days before today a report's period may lie; the record of an older period
		/// is closed to submissions and amendments.
		#[pallet::constant]
		type MaxReportAge: Get<u32>;

		/// How many days back an alert's period may lie: an alert of an older period closes by
		/// itself, and an old period opens none.
		#[pallet::constant]
		type AlertWindow: Get<u32>;

		/// The most expired alerts closed, or empty periods passed, at the start of one block.
		#[pallet::constant]
		type MaxAlertExpiriesPerBlock: Get<u32>;

		/// How many blocks after its period ends a report still counts as on time.
		#[pallet::constant]
		type ReportingDeadline: Get<u32>;

		/// The target time between blocks, in milliseconds, to turn the deadline into time.
		#[pallet::constant]
		type MillisecsPerBlock: Get<u64>;

		/// The signature a facility member puts on a report it signs offline.
		type OfflineSignature: Verify<Signer = Self::OfflineSigner> + Parameter;

		/// The key behind an [`Config::OfflineSignature`], which names the signing account.
		type OfflineSigner: IdentifyAccount<AccountId = Self::AccountId>;

		/// How far ahead of now (milliseconds) a report signed offline may be valid.
		#[pallet::constant]
		type MaxOfflineValidity: Get<u64>;

		/// Weights of the calls, generated by `scripts/bench`.
		type WeightInfo: WeightInfo;

		/// Sets up the organisations the benchmarks need in the runtime's registry.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::OfflineSignature>;
	}

	/// Each report's current state and current version, by (organisation, disease, period).
	/// Disease codes and periods are chosen by callers, so they are hashed with a
	/// cryptographic hasher.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, OrgId>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Period>,
		),
		StoredReportOf<T>,
	>;

	/// The versions of each report that a later version superseded, by (organisation,
	/// disease, period, version from 1); the current one is in [`Reports`] (for a report
	/// stored before that layout, here too: see [`StoredReport`]).
	#[pallet::storage]
	pub type ReportVersions<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, OrgId>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Period>,
			NMapKey<Twox64Concat, u32>,
		),
		ReportVersionOf<T>,
	>;

	/// The totals of each region (the empty code: the whole world), disease and period.
	#[pallet::storage]
	pub type RegionAggregates<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, RegionCode<T>>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Period>,
		),
		Totals,
		ValueQuery,
	>;

	/// The totals of each cluster, disease and period.
	#[pallet::storage]
	pub type ClusterAggregates<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, ClusterId>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Period>,
		),
		Totals,
		ValueQuery,
	>;

	/// Each facility's confirmed cases and deaths of a disease over all its reports, so that
	/// it never reports more deaths than cases.
	#[pallet::storage]
	pub type FacilityTotals<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OrgId,
		Blake2_128Concat,
		DiseaseCode<T>,
		(u64, u64),
		ValueQuery,
	>;

	/// The guidance published, by id; ids are handed out in sequence.
	#[pallet::storage]
	pub type Guidances<T: Config> = StorageMap<_, Twox64Concat, GuidanceId, GuidanceOf<T>>;

	/// The id the next guidance gets.
	#[pallet::storage]
	pub type NextGuidanceId<T: Config> = StorageValue<_, GuidanceId, ValueQuery>;

	/// The block in which each addressed facility acknowledged a guidance.
	#[pallet::storage]
	pub type Acknowledgements<T: Config> =
		StorageDoubleMap<_, Twox64Concat, GuidanceId, Twox64Concat, OrgId, BlockNumberFor<T>>;

	#[pallet::error]
	pub enum Error<T> {
		/// The caller does not hold the reporter role in its organisation: an administrator
		/// grants it (`healthnet org role grant`).
		NotAReporter,
		/// The caller does not hold the reviewer role in its authority: an administrator
		/// grants it.
		NotAReviewer,
		/// The caller is not a member account of any organisation.
		NotAMember,
		/// The caller's organisation is suspended.
		OrganisationNotActive,
		/// The caller's organisation may not report cases.
		CannotReportCases,
		/// A disease code is 2 or more uppercase letters and digits with at most one `.`
		/// inside (`1D6Z`, `RA01.0`).
		MalformedDiseaseCode,
		/// A form reports at least one disease.
		EmptyForm,
		/// The same disease appears twice in a form.
		DiseaseTwiceInForm,
		/// A form's diseases break their confirmed cases into more lineages than the runtime's
		/// `MaxLineagesPerForm`: send the rest in another form or as single reports.
		TooManyLineagesInForm,
		/// The period has not begun yet.
		FuturePeriod,
		/// The period lies further back than reports are taken; its record is closed.
		PeriodTooOld,
		/// More positive tests than tests performed.
		MorePositiveThanPerformed,
		/// The facility would have reported more deaths than confirmed cases of the disease.
		MoreDeathsThanConfirmed,
		/// The variant counts add up to more than the confirmed cases.
		VariantsExceedConfirmed,
		/// A variant name is a Pango lineage or Nextstrain clade: uppercase letters and digits
		/// in `.`-separated parts (`JN.1`, `XBB.1.5`).
		MalformedLineage,
		/// The same variant appears twice.
		DuplicateLineage,
		/// The organisation already reported this disease for this period; amend it instead.
		ReportExists,
		/// No report has this organisation, disease and period.
		UnknownReport,
		/// Only the organisation that reported may amend its report.
		NotReportingOrganisation,
		/// The report is approved; its authority must re-open it first.
		ReportAlreadyApproved,
		/// The report is void: its history stays, and nobody amends, decides on or revives it.
		ReportIsVoid,
		/// The report has had the most versions allowed.
		TooManyVersions,
		/// The caller is not an authority over the facility's region.
		NotAuthorityForFacility,
		/// No organisation approves, rejects, voids or re-opens its own report.
		CannotReviewOwnReport,
		/// The report is not waiting for a decision.
		NotPending,
		/// Only an approved report can be re-opened.
		NotApproved,
		/// The caller is not an authority over the region.
		NotAuthorityForRegion,
		/// An authority above the caller set this threshold; only it, or one above it, may
		/// change or remove it.
		ThresholdOwnedAbove,
		/// The region code is malformed.
		MalformedRegionCode,
		/// No cluster has this id.
		UnknownCluster,
		/// A guidance needs the address of its document.
		EmptyUri,
		/// No guidance has this id.
		UnknownGuidance,
		/// The guidance does not address the caller's organisation.
		NotAddressed,
		/// The organisation already acknowledged this guidance.
		AlreadyAcknowledged,
		/// The guidance ids are exhausted.
		IdsExhausted,
		/// The offline report was signed for another chain.
		WrongChain,
		/// The offline report's signature is not the signer's over this report.
		BadOfflineSignature,
		/// The offline report's version is not the report's next one (a form signed offline:
		/// one of its diseases is reported already): it was relayed already, or the report
		/// changed since it was signed.
		NotNextVersion,
		/// The offline report is no longer valid: its `valid_until` has passed.
		OfflineReportExpired,
		/// An offline report may be valid for at most the runtime's `MaxOfflineValidity` ahead.
		OfflineValidityTooLong,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submits the first version of the caller's organisation's report for `disease` and
		/// `period`, with confirmed cases per variant if known.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::submit_weight(variants.len() as u32))]
		pub fn submit_report(
			origin: OriginFor<T>,
			disease: DiseaseCode<T>,
			period: Period,
			counts: Counts,
			variants: BoundedVec<(Lineage<T>, u32), T::MaxVariantsPerReport>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			// Charged as if an alert opened at every level for the total and each lineage;
			// those without a threshold, where settling the alert was one read, are refunded.
			let moved = Self::submit(who, None, disease, period, counts, variants)?;
			Ok(Some(moved.weight::<T>()).into())
		}

		/// Submits the first version of the caller's organisation's reports of several diseases
		/// for one `period`: a facility's form, at most `MaxDiseasesPerForm` diseases and
		/// `MaxLineagesPerForm` lineages in all. Each disease is taken by the rules of
		/// [`Pallet::submit_report`], with the same version and event; if one is refused, none
		/// is taken.
		#[pallet::call_index(10)]
		#[pallet::weight(Pallet::<T>::form_weight(reports))]
		pub fn submit_reports(
			origin: OriginFor<T>,
			period: Period,
			reports: FormOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::submit_form(who, None, period, reports)?;
			Ok(Some(used).into())
		}

		/// Writes the next version of the caller's organisation's report `org`, `disease`,
		/// `period`; the aggregates move by the difference from the previous version.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::amend_weight(variants.len() as u32))]
		pub fn amend_report(
			origin: OriginFor<T>,
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
			counts: Counts,
			variants: BoundedVec<(Lineage<T>, u32), T::MaxVariantsPerReport>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let moved = Self::amend(who, None, org, disease, period, counts, variants)?;
			Ok(Some(moved.weight::<T>()).into())
		}

		/// Relays a report that a member account of the reporting facility (`signer`) signed
		/// offline: taken exactly as a submission (version 1) or an amendment (the next
		/// version) by `signer`, with the caller recorded as its relay. The caller pays the
		/// fee. Caller: any member account of an active organisation.
		#[pallet::call_index(9)]
		#[pallet::weight(Pallet::<T>::relay_weight(report.variants.len() as u32))]
		pub fn relay_report(
			origin: OriginFor<T>,
			report: OfflineReportOf<T>,
			signer: T::AccountId,
			signature: T::OfflineSignature,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let moved = Self::relay(who, report, signer, signature)?;
			Ok(Some(moved).into())
		}

		/// Relays a form that a member account of the reporting facility (`signer`) signed
		/// offline: taken exactly as [`Pallet::submit_reports`] by `signer`, each disease's
		/// first version recording the caller as its relay. The caller pays the fee. Caller:
		/// any member account of an active organisation.
		#[pallet::call_index(11)]
		#[pallet::weight(Pallet::<T>::relay_form_weight(form))]
		pub fn relay_reports(
			origin: OriginFor<T>,
			form: OfflineFormOf<T>,
			signer: T::AccountId,
			signature: T::OfflineSignature,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let used = Self::relay_form(who, form, signer, signature)?;
			Ok(Some(used).into())
		}

		/// Approves a pending report. Caller: an authority over the facility's region.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::approve_report())]
		pub fn approve_report(
			origin: OriginFor<T>,
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (by, disease, _) = Self::decide(&who, org, disease, period, |report| {
				ensure!(report.status == ReportStatus::Pending, Error::<T>::NotPending);
				report.status = ReportStatus::Approved;
				Ok(())
			})?;
			Self::deposit_event(Event::ReportApproved { org, disease, period, by });
			Ok(())
		}

		/// Sends a pending report back with a reason: its counts leave every total until the
		/// facility amends it. Caller: an authority over the facility's region.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::withdraw_weight(false))]
		pub fn reject_report(
			origin: OriginFor<T>,
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
			reason: RejectionReason,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (by, disease, before) = Self::decide(&who, org, disease, period, |report| {
				ensure!(report.status == ReportStatus::Pending, Error::<T>::NotPending);
				report.status = ReportStatus::Rejected(reason);
				Ok(())
			})?;
			let (pended, lineages) = Self::withdraw(org, &disease, period, before)?;
			Self::deposit_event(Event::ReportRejected { org, disease, period, by, reason });
			Ok(Some(Self::withdraw_weight_of(false, lineages, pended)).into())
		}

		/// Re-opens an approved report so that the facility can amend it; the re-opening is
		/// counted in the report. Caller: an authority over the facility's region.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::reopen_report())]
		pub fn reopen_report(
			origin: OriginFor<T>,
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (by, disease, _) = Self::decide(&who, org, disease, period, |report| {
				ensure!(report.status == ReportStatus::Approved, Error::<T>::NotApproved);
				report.status = ReportStatus::Pending;
				report.reopened = report.reopened.saturating_add(1);
				Ok(())
			})?;
			Self::deposit_event(Event::ReportReopened { org, disease, period, by });
			Ok(())
		}

		/// Voids a report that should never have counted (a duplicate, a fraud) with a reason:
		/// its versions stay readable, its counts leave every total for good, and nobody can
		/// amend or revive it. Caller: an authority over the facility's region.
		#[pallet::call_index(8)]
		#[pallet::weight(Pallet::<T>::withdraw_weight(true))]
		pub fn void_report(
			origin: OriginFor<T>,
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
			reason: VoidReason,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (by, disease, before) = Self::decide(&who, org, disease, period, |report| {
				report.status = ReportStatus::Voided(reason);
				Ok(())
			})?;
			let (pended, lineages) = match before.state.status.is_counted() {
				true => Self::withdraw(org, &disease, period, before)?,
				false => (Pended::default(), 0),
			};
			Self::deposit_event(Event::ReportVoided { org, disease, period, by, reason });
			Ok(Some(Self::withdraw_weight_of(true, lineages, pended)).into())
		}

		/// Sets the confirmed cases per period at which `region`'s aggregate of `disease` (or,
		/// with a `lineage`, of that lineage: a variant of concern) raises an alert; 0 removes
		/// the threshold. The alerts of the window's periods open or close to match at the
		/// block's end, against the block's totals.
		/// Caller: an authority over `region` (the empty code, the whole world, for the global
		/// authority); a threshold already set only by the organisation that set it or an
		/// authority above that one.
		#[pallet::call_index(5)]
		#[pallet::weight(match lineage {
			None => <T as Config>::WeightInfo::set_threshold(),
			Some(_) => <T as Config>::WeightInfo::set_lineage_threshold(),
		})]
		pub fn set_threshold(
			origin: OriginFor<T>,
			region: RegionCode<T>,
			disease: DiseaseCode<T>,
			lineage: Option<Lineage<T>>,
			confirmed: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::change_threshold(who, region, disease, lineage, confirmed)
		}

		/// Publishes guidance: the hash and address of a document kept off chain, whom it
		/// addresses, the disease it concerns and how urgent it is. Caller: an authority over
		/// the target region or the cluster's region.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::publish_guidance())]
		pub fn publish_guidance(
			origin: OriginFor<T>,
			content_hash: T::Hash,
			uri: BoundedVec<u8, T::MaxUriLength>,
			target: GuidanceTarget<T::MaxRegionCodeLength>,
			disease: Option<DiseaseCode<T>>,
			severity: Severity,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::publish(who, content_hash, uri, target, disease, severity)
		}

		/// Records that the caller's facility has read and acted on a guidance it is addressed
		/// by. Caller: a member account of an active reporting facility.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::acknowledge_guidance())]
		pub fn acknowledge_guidance(origin: OriginFor<T>, guidance: GuidanceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::acknowledge(who, guidance)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A region's (the empty code: the world's) totals of `disease` for each period from
		/// `from` to `to`, at most 366 of them; periods without reports are left out.
		pub fn region_series(
			region: Vec<u8>,
			disease: Vec<u8>,
			from: Period,
			to: Period,
		) -> Vec<(Period, Totals)> {
			Self::region_totals(region, disease, from, to)
		}

		/// A cluster's totals of `disease` for each period from `from` to `to`, at most 366 of
		/// them; periods without reports are left out.
		pub fn cluster_series(
			cluster: ClusterId,
			disease: Vec<u8>,
			from: Period,
			to: Period,
		) -> Vec<(Period, Totals)> {
			Self::cluster_totals(cluster, disease, from, to)
		}

		/// A cluster's reporting for `disease` and `period`: its current reporting facilities,
		/// how many have a counted report, how many on time, which reported late and which did
		/// not report (or had their report rejected or voided).
		pub fn completeness(
			cluster: ClusterId,
			disease: Vec<u8>,
			period: Period,
		) -> CompletenessReport {
			Self::completeness_of(cluster, disease, period)
		}

		/// A report's state and every version of it, oldest first.
		pub fn report_history(
			org: OrgId,
			disease: Vec<u8>,
			period: Period,
		) -> Option<ReportHistory<T::AccountId>> {
			Self::history_of(org, disease, period)
		}

		/// A region's (the empty code: the world's) confirmed cases of `disease` per lineage,
		/// for each period from `from` to `to` (at most 366) that has any.
		pub fn region_lineages(
			region: Vec<u8>,
			disease: Vec<u8>,
			from: Period,
			to: Period,
		) -> Vec<LineageBreakdown> {
			Self::region_lineage_series(region, disease, from, to)
		}

		/// A cluster's confirmed cases of `disease` per lineage, for each period from `from` to
		/// `to` (at most 366) that has any.
		pub fn cluster_lineages(
			cluster: ClusterId,
			disease: Vec<u8>,
			from: Period,
			to: Period,
		) -> Vec<LineageBreakdown> {
			Self::cluster_lineage_series(cluster, disease, from, to)
		}

		/// The open alerts of `region` and of the regions inside it, a page after `after`.
		pub fn open_alerts(
			region: Vec<u8>,
			after: Option<AlertKey>,
			limit: u32,
		) -> Page<OpenAlert, AlertKey> {
			Self::alerts_within(region, after, limit)
		}

		/// The reporting facilities a guidance addresses that have not acknowledged it, among
		/// organisations from `from`.
		pub fn unacknowledged_guidance(
			guidance: GuidanceId,
			from: OrgId,
			limit: u32,
		) -> Page<OrgId, OrgId> {
			Self::unacknowledged_by(guidance, from, limit)
		}
	}
}
