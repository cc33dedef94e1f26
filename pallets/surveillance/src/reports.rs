//! What a facility's own calls write: the first version of a report, and its amendments.
//! Both check who the caller is and what it reports before writing anything, then move every
//! total the report is counted in.

use super::*;

impl<T: Config> Pallet<T> {
	/// [`Pallet::submit_report`] for the signed caller `who`; returns at how many levels it
	/// settled an alert.
	pub(crate) fn submit(
		who: T::AccountId,
		disease: DiseaseCode<T>,
		period: Period,
		counts: Counts,
		variants: BoundedVec<(Lineage<T>, u32), T::MaxVariantsPerReport>,
	) -> Result<u32, sp_runtime::DispatchError> {
		let reporter = Self::reporter(&who)?;
		let disease = Self::checked_disease(disease)?;
		Self::ensure_open(period)?;
		let variants = Self::checked_counts(&counts, variants)?;
		let key = (reporter.org, disease.clone(), period);
		ensure!(!Reports::<T>::contains_key(&key), Error::<T>::ReportExists);
		Self::add_to_facility_totals(reporter.org, &disease, None, &counts)?;

		let now = frame_system::Pallet::<T>::block_number();
		let on_time = Self::within_deadline(period);
		Reports::<T>::insert(
			&key,
			Report {
				version: 1,
				status: ReportStatus::Pending,
				submitted_at: now,
				on_time,
				reopened: 0,
				cluster: reporter.cluster,
			},
		);
		ReportVersions::<T>::insert(
			(reporter.org, &disease, period, 1),
			ReportVersion { counts, variants, submitted_by: who, at: now },
		);
		if let Some(cluster) = reporter.cluster {
			Completeness::<T>::mutate((cluster, &disease, period), |(reported, in_time)| {
				*reported = reported.saturating_add(1);
				*in_time = in_time.saturating_add(on_time.into());
			});
		}
		let alerts = Self::move_aggregates(&reporter, &disease, period, None, Some(&counts));
		Self::deposit_event(Event::ReportSubmitted { org: reporter.org, disease, period, on_time });
		Ok(alerts)
	}

	/// [`Pallet::amend_report`] for the signed caller `who`; returns at how many levels it
	/// settled an alert.
	pub(crate) fn amend(
		who: T::AccountId,
		org: OrgId,
		disease: DiseaseCode<T>,
		period: Period,
		counts: Counts,
		variants: BoundedVec<(Lineage<T>, u32), T::MaxVariantsPerReport>,
	) -> Result<u32, sp_runtime::DispatchError> {
		let reporter = Self::reporter(&who)?;
		ensure!(reporter.org == org, Error::<T>::NotReportingOrganisation);
		let disease = Self::checked_disease(disease)?;
		Self::ensure_open(period)?;
		let variants = Self::checked_counts(&counts, variants)?;
		let key = (org, disease.clone(), period);
		let mut report = Reports::<T>::get(&key).ok_or(Error::<T>::UnknownReport)?;
		ensure!(report.status != ReportStatus::Approved, Error::<T>::ReportAlreadyApproved);
		ensure!(!report.status.is_void(), Error::<T>::ReportIsVoid);
		ensure!(report.version < T::MaxVersionsPerReport::get(), Error::<T>::TooManyVersions);
		let previous = ReportVersions::<T>::get((org, &disease, period, report.version))
			.ok_or(Error::<T>::UnknownReport)?
			.counts;
		// A rejected report's counts are in no total; the amendment puts the new ones in.
		let previous = report.status.is_counted().then_some(previous);
		Self::add_to_facility_totals(org, &disease, previous.as_ref(), &counts)?;

		// The aggregates the report was counted in, whatever cluster the facility is in now.
		let counted_in = Reporter { cluster: report.cluster, ..reporter };
		report.version += 1;
		report.status = ReportStatus::Pending;
		let version = report.version;
		let now = frame_system::Pallet::<T>::block_number();
		Reports::<T>::insert(&key, report);
		ReportVersions::<T>::insert(
			(org, &disease, period, version),
			ReportVersion { counts, variants, submitted_by: who, at: now },
		);
		let alerts =
			Self::move_aggregates(&counted_in, &disease, period, previous.as_ref(), Some(&counts));
		Self::deposit_event(Event::ReportAmended { org, disease, period, version });
		Ok(alerts)
	}
}
