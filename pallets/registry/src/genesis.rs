//! The registry a chain spec starts with, written through the same rules as the calls.

use super::*;

impl<T: Config> Pallet<T> {
	/// Writes the genesis organisations and clusters through the rules the calls follow, and
	/// stops the chain from starting, naming the entry, when one breaks a rule.
	pub(crate) fn build_genesis(
		organisations: &[GenesisOrganisation<T::AccountId>],
		clusters: &[GenesisCluster],
	) {
		for (index, organisation) in organisations.iter().enumerate() {
			if let Err(error) = Self::insert_genesis_organisation(organisation) {
				panic!("genesis organisation {index} ({}): {error:?}", organisation.name);
			}
		}
		for (index, cluster) in clusters.iter().enumerate() {
			let inserted =
				Self::checked_region(cluster.region.as_bytes().to_vec()).and_then(|region| {
					let name = Self::checked_name(cluster.name.as_bytes().to_vec())?;
					Self::insert_cluster(name, region, cluster.coordinator)
				});
			if let Err(error) = inserted {
				panic!("genesis cluster {index} ({}): {error:?}", cluster.name);
			}
		}
		for (org, organisation) in organisations.iter().enumerate() {
			let Some(cluster) = organisation.cluster else { continue };
			let joined = Organisations::<T>::get(org as OrgId)
				.ok_or(sp_runtime::DispatchError::from(Error::<T>::UnknownOrganisation))
				.and_then(|record| {
					Self::check_cluster_admits(cluster, record.kind, &record.region)?;
					Self::join_cluster(cluster, org as OrgId)
				});
			if let Err(error) = joined {
				panic!(
					"genesis organisation {org} ({}) in cluster {cluster}: {error:?}",
					organisation.name
				);
			}
		}
	}

	pub(crate) fn insert_genesis_organisation(
		organisation: &GenesisOrganisation<T::AccountId>,
	) -> DispatchResult {
		let region = organisation.region.as_bytes().to_vec();
		let region = match organisation.parent {
			None => Self::top_level_region(organisation.kind, region)?,
			Some(parent) => {
				ensure!(!organisation.kind.is_top_level(), Error::<T>::WrongKindForCaller);
				let region = Self::checked_region(region)?;
				let authority =
					Organisations::<T>::get(parent).ok_or(Error::<T>::UnknownOrganisation)?;
				ensure!(authority.kind.is_authority(), Error::<T>::NotAnAuthority);
				ensure!(
					region_contains(&authority.region, &region),
					Error::<T>::NotAuthorityForRegion
				);
				region
			},
		};
		let name = Self::checked_name(organisation.name.as_bytes().to_vec())?;
		let ((admin, roles), others) =
			organisation.members.split_first().ok_or(Error::<T>::LastAdmin)?;
		ensure!(roles.has(Role::Admin), Error::<T>::LastAdmin);
		for (_, roles) in &organisation.members {
			Self::checked_roles(*roles)?;
		}
		ensure!(!Members::<T>::contains_key(admin), Error::<T>::AlreadyAMember);
		let org = Self::insert_organisation(
			organisation.kind,
			name,
			region,
			organisation.parent,
			Capabilities::of(&organisation.capabilities),
		)?;
		// The chain spec's authors vouch for genesis members: no invitation to accept.
		Self::insert_member(org, admin.clone(), *roles)?;
		for (account, roles) in others {
			Self::insert_member(org, account.clone(), *roles)?;
		}
		Ok(())
	}
}
