//! The totals a report moves: the facility's own totals, the aggregates of its cluster and of
//! every region that contains it, and the alerts of those regions. Each moves by the
//! difference between a report's previous and new counts; nothing is recomputed by iteration.
//! Only a counted report (pending or approved) is in the totals: a rejection or a void takes
//! its counts out, an amendment of a rejected report puts them back.

use super::*;

impl<T: Config> Pallet<T> {
	/// Replaces a report's `old` counts (`None`: it was not counted) by `new` in the facility's
	/// totals of the disease, refusing more deaths than confirmed cases over all its reports.
	pub(crate) fn add_to_facility_totals(
		org: OrgId,
		disease: &DiseaseCode<T>,
		old: Option<&Counts>,
		new: &Counts,
	) -> Result<(), Error<T>> {
		let (confirmed, deaths) = Self::shifted_facility_totals(org, disease, old, Some(new));
		ensure!(deaths <= confirmed, Error::<T>::MoreDeathsThanConfirmed);
		FacilityTotals::<T>::insert(org, disease, (confirmed, deaths));
		Ok(())
	}

	/// Takes a counted report's current counts out of every total that holds them: the
	/// facility's, its cluster's, each region level's, and the alerts they open.
	pub(crate) fn withdraw(
		org: OrgId,
		disease: &DiseaseCode<T>,
		period: Period,
		report: &ReportOf<T>,
	) -> Result<(), Error<T>> {
		let counts = ReportVersions::<T>::get((org, disease, period, report.version))
			.ok_or(Error::<T>::UnknownReport)?
			.counts;
		let totals = Self::shifted_facility_totals(org, disease, Some(&counts), None);
		FacilityTotals::<T>::insert(org, disease, totals);
		let region = T::Registry::region_of(org).ok_or(Error::<T>::UnknownReport)?;
		let counted_in = Reporter { org, region, cluster: report.cluster };
		let _ = Self::move_aggregates(&counted_in, disease, period, Some(&counts), None);
		Ok(())
	}

	fn shifted_facility_totals(
		org: OrgId,
		disease: &DiseaseCode<T>,
		old: Option<&Counts>,
		new: Option<&Counts>,
	) -> (u64, u64) {
		let (confirmed, deaths) = FacilityTotals::<T>::get(org, disease);
		let old = old.copied().unwrap_or_default();
		let new = new.copied().unwrap_or_default();
		(
			confirmed.saturating_sub(old.confirmed.into()).saturating_add(new.confirmed.into()),
			deaths.saturating_sub(old.deaths.into()).saturating_add(new.deaths.into()),
		)
	}

	/// Moves the aggregates of the facility's cluster and of every region that contains it
	/// by the difference between `old` and `new` (`None`: not counted), and settles the
	/// alerts of those regions; returns at how many levels it settled an alert (those with a
	/// threshold).
	pub(crate) fn move_aggregates(
		reporter: &Reporter,
		disease: &DiseaseCode<T>,
		period: Period,
		old: Option<&Counts>,
		new: Option<&Counts>,
	) -> u32 {
		if let Some(cluster) = reporter.cluster {
			ClusterAggregates::<T>::mutate((cluster, disease, period), |totals| {
				totals.apply(old, new)
			});
		}
		let mut changed = 0;
		for code in region_and_ancestors(&reporter.region) {
			// The registry's region codes fit: the runtime gives both pallets one limit.
			let Ok(region) = RegionCode::<T>::try_from(code.to_vec()) else { continue };
			let confirmed = RegionAggregates::<T>::mutate((&region, disease, period), |totals| {
				totals.apply(old, new);
				totals.confirmed
			});
			changed += u32::from(Self::settle_alert(&region, disease, period, confirmed));
		}
		changed
	}
}
