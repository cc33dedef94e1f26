//! What the other pallets ask the registry, through [`OrgRegistry`]. Every answer about an
//! account is for an active organisation only, so that a suspension takes every right away
//! at once.

use super::*;

impl<T: Config> OrgRegistry<T::AccountId> for Pallet<T> {
	fn membership_of(who: &T::AccountId) -> Option<Membership> {
		let (org, roles) = Members::<T>::get(who)?;
		let record = Organisations::<T>::get(org)?;
		Some(Membership {
			org,
			active: record.status == OrgStatus::Active,
			capabilities: record.capabilities,
			region: record.region.into_inner(),
			cluster: record.cluster,
			roles,
		})
	}

	fn region_limits() -> (u32, u32) {
		(T::MaxRegionCodeLength::get(), T::MaxRegionDepth::get())
	}

	fn active_org_of(who: &T::AccountId) -> Option<OrgId> {
		Self::active_record(who).map(|(org, _)| org)
	}

	fn has_capability(who: &T::AccountId, capability: Capability) -> bool {
		Self::active_record(who).is_some_and(|(_, record)| record.capabilities.has(capability))
	}

	fn authority_over(who: &T::AccountId, region: &[u8]) -> Option<Membership> {
		let (org, roles) = Members::<T>::get(who)?;
		let record = Organisations::<T>::get(org)?;
		(record.status == OrgStatus::Active
			&& record.kind.is_authority()
			&& region_contains(&record.region, region))
		.then(|| Membership {
			org,
			active: true,
			capabilities: record.capabilities,
			region: record.region.into_inner(),
			cluster: record.cluster,
			roles,
		})
	}

	fn region_of(org: OrgId) -> Option<Vec<u8>> {
		Organisations::<T>::get(org).map(|record| record.region.into_inner())
	}

	fn cluster_of(org: OrgId) -> Option<ClusterId> {
		Organisations::<T>::get(org).and_then(|record| record.cluster)
	}

	fn org_of(who: &T::AccountId) -> Option<OrgId> {
		Members::<T>::get(who).map(|(org, _)| org)
	}

	fn org_has_capability(org: OrgId, capability: Capability) -> bool {
		Organisations::<T>::get(org).is_some_and(|record| {
			record.status == OrgStatus::Active && record.capabilities.has(capability)
		})
	}

	fn org_is_active(org: OrgId) -> bool {
		Organisations::<T>::get(org).is_some_and(|record| record.status == OrgStatus::Active)
	}

	fn cluster_region(cluster: ClusterId) -> Option<Vec<u8>> {
		Clusters::<T>::get(cluster).map(|grouping| grouping.region.into_inner())
	}

	fn cluster_members(cluster: ClusterId) -> Vec<OrgId> {
		ClusterMembers::<T>::iter_key_prefix(cluster).collect()
	}

	fn organisations_within(region: &[u8], from: OrgId, limit: u32) -> Page<OrgId, OrgId> {
		let end = from.saturating_add(limit.min(MAX_PAGE)).min(NextOrgId::<T>::get());
		let items = (from..end)
			.filter(|org| {
				Organisations::<T>::get(org).is_some_and(|r| region_contains(region, &r.region))
			})
			.collect();
		Page { items, next: (end < NextOrgId::<T>::get()).then_some(end) }
	}
}
