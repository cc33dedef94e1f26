//! Population denominators: how many people live in a region or a cluster's catchment, the
//! figure every rate divides by, set by an authority over the place with the year and source it
//! comes from.
//!
//! A figure is kept only for a place the chain knows: a cluster, or a region with an authority
//! or an organisation registered in exactly that code. Region codes are chosen by callers, so
//! without that rule one authority could fill storage with figures of made-up regions; with
//! it, there are at most as many figures as clusters and regions where organisations were
//! registered. A figure belongs to the authority that set it: that authority and the
//! authorities above it may replace or clear it, one below may not (as with thresholds).

use super::*;
use frame_support::dispatch::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Sets (`figure` given) or clears the population of `place` for the authority of `who`.
	pub(crate) fn change_population(
		who: &T::AccountId,
		place: PlaceOf<T>,
		figure: Option<(u64, u16, Name<T>)>,
	) -> DispatchResult {
		// Who may, before what the figure says, as every registry call checks.
		let region = Self::population_region(&place)?;
		let (by, authority) = Self::ensure_authority_over(who, &region)?;
		if let Place::Region(code) = &place {
			ensure!(
				AuthorityOfRegion::<T>::contains_key(code)
					|| OrganisationsInRegion::<T>::iter_key_prefix(code).next().is_some(),
				Error::<T>::NobodyInRegion
			);
		}
		if let Some((people, year, source)) = &figure {
			ensure!(POPULATION_RANGE.contains(people), Error::<T>::PopulationOutOfRange);
			ensure!(POPULATION_YEARS.contains(year), Error::<T>::YearOutOfRange);
			ensure!(!source.is_empty(), Error::<T>::EmptySource);
		}
		let current = Populations::<T>::get(&place);
		if let Some(current) = &current {
			if current.set_by != by {
				let owner_region =
					Organisations::<T>::get(current.set_by).map(|owner| owner.region);
				ensure!(
					owner_region.is_some_and(|owner| region_contains(&authority.region, &owner)),
					Error::<T>::PopulationOwnedAbove
				);
			}
		}
		match figure {
			Some((people, year, source)) => {
				Populations::<T>::insert(
					&place,
					PopulationOf::<T> { people, year, source, set_by: by },
				);
				Self::deposit_event(Event::PopulationSet { place, people, year, by });
			},
			None => {
				ensure!(current.is_some(), Error::<T>::NoPopulation);
				Populations::<T>::remove(&place);
				Self::deposit_event(Event::PopulationCleared { place, by });
			},
		}
		Ok(())
	}

	/// The region whose authorities govern `place`'s figure: the region itself (well formed)
	/// or the cluster's.
	fn population_region(place: &PlaceOf<T>) -> Result<RegionCode<T>, Error<T>> {
		match place {
			Place::Region(code) if code.is_empty() => Ok(code.clone()),
			Place::Region(code) => Self::checked_region(code.to_vec()),
			Place::Cluster(id) => {
				Ok(Clusters::<T>::get(id).ok_or(Error::<T>::UnknownCluster)?.region)
			},
		}
	}
}
