//! The totals a report moves: the facility's own totals at once, and the aggregates of its
//! cluster and of every region that contains it, with the alerts of those regions, at the end
//! of the block (see [`crate::rollup`]). Each moves by the difference between a report's
//! previous and new counts; nothing is recomputed by iteration.
//! Confirmed cases per lineage move the same way, lineage by lineage.
//! Only a counted report (pending or approved) is in the totals: a rejection or a void takes
//! its counts out, an amendment of a rejected report puts them back.

use super::*;

/// Confirmed cases per lineage: part of the pallet's storage.
#[pallet_section]
mod lineage_storage {
	/// Confirmed cases per lineage of each region (the empty code: the world), disease and
	/// period; a lineage with none is not stored. The lineage last, so that one prefix reads a
	/// period's breakdown.
	#[pallet::storage]
	pub type RegionLineages<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, RegionCode<T>>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Period>,
			NMapKey<Blake2_128Concat, Lineage<T>>,
		),
		u64,
		ValueQuery,
	>;

	/// Confirmed cases per lineage of each cluster, disease and period.
	#[pallet::storage]
	pub type ClusterLineages<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, ClusterId>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Period>,
			NMapKey<Blake2_128Concat, Lineage<T>>,
		),
		u64,
		ValueQuery,
	>;
}

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
	/// facility's at once, its cluster's and each region level's (and the alerts they open)
	/// at the end of the block; returns what it added to the block's pending changes and how
	/// many lineages left.
	pub(crate) fn withdraw(
		org: OrgId,
		disease: &DiseaseCode<T>,
		period: Period,
		report: StoredReportOf<T>,
	) -> Result<(Pended, u32), Error<T>> {
		let (report, version) = Self::with_current_version(org, disease, period, report)
			.ok_or(Error::<T>::UnknownReport)?;
		let totals = Self::shifted_facility_totals(org, disease, Some(&version.counts), None);
		FacilityTotals::<T>::insert(org, disease, totals);
		let region = T::Registry::region_of(org).ok_or(Error::<T>::UnknownReport)?;
		let counted_in = Reporter { org, region, cluster: report.cluster };
		let old = (&version.counts, &version.variants[..]);
		Ok(Self::record_change(&counted_in, disease, period, Some(old), None))
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

	/// The lineages whose confirmed cases differ between `old` and `new`, with the cases
	/// before and after.
	pub(crate) fn lineage_shifts<'a>(
		old: Option<Entry<'a, T>>,
		new: Option<Entry<'a, T>>,
	) -> Vec<(&'a Lineage<T>, u64, u64)> {
		let old = old.map_or(&[][..], |(_, variants)| variants);
		let new = new.map_or(&[][..], |(_, variants)| variants);
		let cases_in = |variants: &[(Lineage<T>, u32)], lineage: &Lineage<T>| {
			variants.iter().find(|(name, _)| name == lineage).map_or(0, |(_, cases)| *cases)
		};
		let dropped =
			old.iter().filter(|(lineage, _)| !new.iter().any(|(name, _)| name == lineage));
		dropped
			.chain(new)
			.map(|(lineage, _)| {
				(lineage, u64::from(cases_in(old, lineage)), cases_in(new, lineage))
			})
			.filter(|(_, before, after)| *before != u64::from(*after))
			.map(|(lineage, before, after)| (lineage, before, u64::from(after)))
			.collect()
	}
}

/// A report version's counts and confirmed cases per lineage, as the totals take them.
pub(crate) type Entry<'a, T> = (&'a Counts, &'a [(Lineage<T>, u32)]);
