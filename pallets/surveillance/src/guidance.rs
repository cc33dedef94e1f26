//! Guidance from authorities to the facilities of a region or cluster, and the facilities'
//! acknowledgements of it.

use super::*;

impl<T: Config> Pallet<T> {
	/// [`Pallet::publish_guidance`] for the signed caller `who`.
	pub(crate) fn publish(
		who: T::AccountId,
		content_hash: T::Hash,
		uri: BoundedVec<u8, T::MaxUriLength>,
		target: GuidanceTarget<T::MaxRegionCodeLength>,
		disease: Option<DiseaseCode<T>>,
		severity: Severity,
	) -> DispatchResult {
		let region = match &target {
			GuidanceTarget::Region(region) => Self::checked_region(region.clone())?,
			GuidanceTarget::Cluster(cluster) => T::Registry::cluster_region(*cluster)
				.and_then(|region| RegionCode::<T>::try_from(region).ok())
				.ok_or(Error::<T>::UnknownCluster)?,
		};
		let author = Self::reviewer(&who, &region, Error::<T>::NotAuthorityForRegion)?;
		ensure!(!uri.is_empty(), Error::<T>::EmptyUri);
		let disease = disease.map(Self::checked_disease).transpose()?;
		let guidance = NextGuidanceId::<T>::get();
		let next = guidance.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		Guidances::<T>::insert(
			guidance,
			Guidance {
				author,
				content_hash,
				uri,
				target,
				disease,
				severity,
				published_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextGuidanceId::<T>::put(next);
		Self::deposit_event(Event::GuidancePublished { guidance, author, severity });
		Ok(())
	}

	/// [`Pallet::acknowledge_guidance`] for the signed caller `who`.
	pub(crate) fn acknowledge(who: T::AccountId, guidance: GuidanceId) -> DispatchResult {
		let reporter = Self::reporter(&who)?;
		let record = Guidances::<T>::get(guidance).ok_or(Error::<T>::UnknownGuidance)?;
		ensure!(Self::addresses(&record.target, reporter.org), Error::<T>::NotAddressed);
		ensure!(
			!Acknowledgements::<T>::contains_key(guidance, reporter.org),
			Error::<T>::AlreadyAcknowledged
		);
		Acknowledgements::<T>::insert(
			guidance,
			reporter.org,
			frame_system::Pallet::<T>::block_number(),
		);
		Self::deposit_event(Event::GuidanceAcknowledged { guidance, org: reporter.org });
		Ok(())
	}
}
