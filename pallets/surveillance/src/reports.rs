//! What a facility's own calls write: the first version of a report, and its amendments.
//! Both check who the caller is and what it reports before writing anything, then move every
//! total the report is counted in. A relayed report goes the same way, with its relay noted.

use super::*;
use frame_support::weights::Weight;

/// What a submission or an amendment moved, for the weight it is charged after the fact.
pub(crate) struct Moved {
	/// Whether it was an amendment.
	pub amended: bool,
	/// The lineages whose totals it changed.
	pub lineages: u32,
	/// What it added to the block's pending changes: the keys it was first to touch, with the
	/// thresholds it read and the alerts it marked.
	pub pended: Pended,
}

impl Moved {
	/// The weight of the call that moved this much: the call with its lineages, and its share
	/// of the block's roll-up.
	pub(crate) fn weight<T: Config>(&self) -> Weight {
		let call = if self.amended {
			<T as Config>::WeightInfo::amend_report(self.lineages)
		} else {
			<T as Config>::WeightInfo::submit_report(self.lineages)
		};
		call.saturating_add(self.pended.weight::<T>())
	}
}

impl<T: Config> Pallet<T> {
	/// [`Pallet::submit_report`] for the signed caller `who`, relayed by `relayed_by` if the
	/// facility signed it offline.
	pub(crate) fn submit(
		who: T::AccountId,
		relayed_by: Option<T::AccountId>,
		disease: DiseaseCode<T>,
		period: Period,
		counts: Counts,
		variants: VariantsOf<T>,
	) -> Result<Moved, sp_runtime::DispatchError> {
		let reporter = Self::reporter(&who)?;
		let disease = Self::checked_disease(disease)?;
		Self::ensure_open(period)?;
		let variants = Self::checked_counts(&counts, variants)?;
		let key = (reporter.org, disease.clone(), period);
		ensure!(!Reports::<T>::contains_key(&key), Error::<T>::ReportExists);
		Self::add_to_facility_totals(reporter.org, &disease, None, &counts)?;

		let now = frame_system::Pallet::<T>::block_number();
		let on_time = Self::within_deadline(period);
		let new = (&counts, &variants[..]);
		let (pended, lineages) = Self::record_change(&reporter, &disease, period, None, Some(new));
		let state = Report {
			version: 1,
			status: ReportStatus::Pending,
			submitted_at: now,
			on_time,
			reopened: 0,
			cluster: reporter.cluster,
		};
		let first = ReportVersion { counts, variants, submitted_by: who, relayed_by, at: now };
		Reports::<T>::insert(&key, StoredReport { state, latest: Some(first) });
		Self::deposit_event(Event::ReportSubmitted { org: reporter.org, disease, period, on_time });
		Ok(Moved { amended: false, lineages, pended })
	}

	/// [`Pallet::amend_report`] for the signed caller `who`, relayed by `relayed_by` if the
	/// facility signed it offline.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn amend(
		who: T::AccountId,
		relayed_by: Option<T::AccountId>,
		org: OrgId,
		disease: DiseaseCode<T>,
		period: Period,
		counts: Counts,
		variants: VariantsOf<T>,
	) -> Result<Moved, sp_runtime::DispatchError> {
		let reporter = Self::reporter(&who)?;
		ensure!(reporter.org == org, Error::<T>::NotReportingOrganisation);
		let disease = Self::checked_disease(disease)?;
		Self::ensure_open(period)?;
		let variants = Self::checked_counts(&counts, variants)?;
		let key = (org, disease.clone(), period);
		let stored = Reports::<T>::get(&key).ok_or(Error::<T>::UnknownReport)?;
		let status = stored.state.status;
		ensure!(status != ReportStatus::Approved, Error::<T>::ReportAlreadyApproved);
		ensure!(!status.is_void(), Error::<T>::ReportIsVoid);
		ensure!(stored.state.version < T::MaxVersionsPerReport::get(), Error::<T>::TooManyVersions);
		// A report stored in the earlier layout has its current version in the history already.
		let in_history = stored.latest.is_none();
		let (mut report, previous) = Self::with_current_version(org, &disease, period, stored)
			.ok_or(Error::<T>::UnknownReport)?;
		// A rejected report's counts are in no total; the amendment puts the new ones in.
		let counted =
			report.status.is_counted().then_some((&previous.counts, &previous.variants[..]));
		Self::add_to_facility_totals(org, &disease, counted.map(|(counts, _)| counts), &counts)?;

		// The aggregates the report was counted in, whatever cluster the facility is in now.
		let counted_in = Reporter { cluster: report.cluster, ..reporter };
		let new = (&counts, &variants[..]);
		let (pended, lineages) =
			Self::record_change(&counted_in, &disease, period, counted, Some(new));
		// The superseded version joins the history.
		if !in_history {
			ReportVersions::<T>::insert((org, &disease, period, report.version), &previous);
		}
		report.version += 1;
		report.status = ReportStatus::Pending;
		let version = report.version;
		let now = frame_system::Pallet::<T>::block_number();
		let latest = ReportVersion { counts, variants, submitted_by: who, relayed_by, at: now };
		Reports::<T>::insert(&key, StoredReport { state: report, latest: Some(latest) });
		Self::deposit_event(Event::ReportAmended { org, disease, period, version });
		Ok(Moved { amended: true, lineages, pended })
	}

	/// The report `stored`, by (`org`, `disease`, `period`), as its state and its current
	/// version: held in it, or for a report stored in the earlier layout, in the history.
	pub(crate) fn with_current_version(
		org: OrgId,
		disease: &DiseaseCode<T>,
		period: Period,
		stored: StoredReportOf<T>,
	) -> Option<(ReportOf<T>, ReportVersionOf<T>)> {
		let StoredReport { state, latest } = stored;
		let current = match latest {
			Some(latest) => latest,
			None => ReportVersions::<T>::get((org, disease, period, state.version))?,
		};
		Some((state, current))
	}

	/// The report `org`, `disease`, `period`: its state and its current version.
	pub fn current_report(
		org: OrgId,
		disease: &DiseaseCode<T>,
		period: Period,
	) -> Option<(ReportOf<T>, ReportVersionOf<T>)> {
		let stored = Reports::<T>::get((org, disease, period))?;
		Self::with_current_version(org, disease, period, stored)
	}

	/// Version `version` (from 1) of the report `org`, `disease`, `period`, if it has one.
	pub fn report_version(
		org: OrgId,
		disease: &DiseaseCode<T>,
		period: Period,
		version: u32,
	) -> Option<ReportVersionOf<T>> {
		let stored = Reports::<T>::get((org, disease, period))?;
		match stored.latest {
			Some(latest) if version == stored.state.version => Some(latest),
			_ if version > stored.state.version => None,
			_ => ReportVersions::<T>::get((org, disease, period, version)),
		}
	}

	/// The weight [`Pallet::submit_report`] is charged before it runs, with `variants`
	/// lineages: as if it were the first of the block to touch each of its keys, and an alert
	/// opened at every level for the totals and every lineage.
	pub(crate) fn submit_weight(variants: u32) -> Weight {
		let lineages = variants.min(T::MaxVariantsPerReport::get());
		Moved { amended: false, lineages, pended: Pended::worst::<T>(lineages) }.weight::<T>()
	}

	/// The weight [`Pallet::amend_report`] is charged before it runs, with `variants`
	/// lineages: the previous version's lineages may all leave the totals too.
	pub(crate) fn amend_weight(variants: u32) -> Weight {
		let lineages =
			variants.min(T::MaxVariantsPerReport::get()) + T::MaxVariantsPerReport::get();
		Moved { amended: true, lineages, pended: Pended::worst::<T>(lineages) }.weight::<T>()
	}

	/// The weight a rejection or a void is charged before it runs: the report may hold the
	/// most lineages, each a new pending key with an alert at every level.
	pub(crate) fn withdraw_weight(void: bool) -> Weight {
		let lineages = T::MaxVariantsPerReport::get();
		Self::withdraw_weight_of(void, lineages, Pended::worst::<T>(lineages))
	}

	/// The weight of a rejection (or, with `void`, a void) that took `lineages` lineages out
	/// and added `pended` to the block's pending changes. The benchmarks measure a report
	/// that holds its current version; one stored in the earlier layout reads it from the
	/// history, a read every withdrawal is charged rather than told apart.
	pub(crate) fn withdraw_weight_of(void: bool, lineages: u32, pended: Pended) -> Weight {
		let call = if void {
			<T as Config>::WeightInfo::void_report(lineages)
		} else {
			<T as Config>::WeightInfo::reject_report(lineages)
		};
		let history = T::DbWeight::get().reads(1);
		call.saturating_add(history).saturating_add(pended.weight::<T>())
	}

	/// The most alerts a report moving `lineages` lineages settles: one per region level for
	/// its totals and for each lineage.
	pub(crate) fn alert_slots(lineages: u32) -> u32 {
		Self::alert_levels().saturating_mul(lineages.saturating_add(1))
	}
}
