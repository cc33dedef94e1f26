//! The totals a report moves: the facility's own totals, the aggregates of its cluster and of
//! every region that contains it, and the alerts of those regions. Each moves by the
//! difference between a report's previous and new counts; nothing is recomputed by iteration.

use super::*;

impl<T: Config> Pallet<T> {
	/// Replaces a report's `old` counts by `new` in the facility's totals of the disease,
	/// refusing more deaths than confirmed cases over all its reports.
	pub(crate) fn add_to_facility_totals(
		org: OrgId,
		disease: &DiseaseCode<T>,
		old: Option<&Counts>,
		new: &Counts,
	) -> Result<(), Error<T>> {
		let (confirmed, deaths) = FacilityTotals::<T>::get(org, disease);
		let old = old.copied().unwrap_or_default();
		let confirmed =
			confirmed.saturating_sub(old.confirmed.into()).saturating_add(new.confirmed.into());
		let deaths = deaths.saturating_sub(old.deaths.into()).saturating_add(new.deaths.into());
		ensure!(deaths <= confirmed, Error::<T>::MoreDeathsThanConfirmed);
		FacilityTotals::<T>::insert(org, disease, (confirmed, deaths));
		Ok(())
	}

	/// Moves the aggregates of the facility's cluster and of every region that contains it
	/// by the difference between `old` and `new`, and raises or clears alerts on the way.
	pub(crate) fn move_aggregates(
		reporter: &Reporter,
		disease: &DiseaseCode<T>,
		period: Period,
		old: Option<&Counts>,
		new: &Counts,
	) {
		if let Some(cluster) = reporter.cluster {
			ClusterAggregates::<T>::mutate((cluster, disease, period), |totals| {
				totals.apply(old, new)
			});
		}
		for code in region_and_ancestors(&reporter.region) {
			// The registry's region codes fit: the runtime gives both pallets one limit.
			let Ok(region) = RegionCode::<T>::try_from(code.to_vec()) else { continue };
			let (before, after) =
				RegionAggregates::<T>::mutate((&region, disease, period), |totals| {
					let before = totals.confirmed;
					totals.apply(old, new);
					(before, totals.confirmed)
				});
			Self::update_alert(region, disease, period, before, after);
		}
	}

	/// Opens or closes the alert of `region`, `disease` and `period` as its confirmed cases move
	/// from `before` to `after` against the region's threshold, with the event of the change.
	pub(crate) fn update_alert(
		region: RegionCode<T>,
		disease: &DiseaseCode<T>,
		period: Period,
		before: u64,
		after: u64,
	) {
		let Some(threshold) = Thresholds::<T>::get(&region, disease) else { return };
		let limit = u64::from(threshold);
		let key = (region.clone(), disease.clone(), period);
		if after >= limit {
			OpenAlerts::<T>::insert(&key, (after, threshold));
			if before < limit {
				Self::deposit_event(Event::OutbreakAlert {
					region,
					disease: disease.clone(),
					period,
					confirmed: after,
					threshold,
				});
			}
		} else if before >= limit {
			OpenAlerts::<T>::remove(&key);
			Self::deposit_event(Event::AlertCleared {
				region,
				disease: disease.clone(),
				period,
				confirmed: after,
			});
		}
	}
}
