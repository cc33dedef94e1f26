//! The rules a call must pass before it changes anything: who the caller is and what its
//! organisation may govern, and whether the region codes, names and clusters it gives are
//! well formed.

use super::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn checked_region(region: Vec<u8>) -> Result<RegionCode<T>, Error<T>> {
		let region =
			RegionCode::<T>::try_from(region).map_err(|_| Error::<T>::RegionCodeTooLong)?;
		validate_region_code(&region, T::MaxRegionDepth::get()).map_err(|e| match e {
			RegionCodeError::Malformed => Error::<T>::MalformedRegionCode,
			RegionCodeError::NotACountry => Error::<T>::RegionNotACountry,
			RegionCodeError::TooDeep => Error::<T>::RegionTooDeep,
		})?;
		Ok(region)
	}

	/// The region of a global or national authority: none for the global authority, exactly
	/// one country for a national one.
	pub(crate) fn top_level_region(
		kind: OrgKind,
		region: Vec<u8>,
	) -> Result<RegionCode<T>, Error<T>> {
		match kind {
			OrgKind::GlobalAuthority => {
				ensure!(region.is_empty(), Error::<T>::RegionDoesNotFitKind);
				Ok(RegionCode::<T>::default())
			},
			OrgKind::NationalAuthority => {
				let region = Self::checked_region(region)?;
				ensure!(!region.contains(&b'-'), Error::<T>::RegionDoesNotFitKind);
				Ok(region)
			},
			_ => Err(Error::<T>::WrongKindForCaller),
		}
	}

	pub(crate) fn checked_name(name: Vec<u8>) -> Result<Name<T>, Error<T>> {
		if name.is_empty() {
			return Err(Error::<T>::EmptyName);
		}
		Name::<T>::try_from(name).map_err(|_| Error::<T>::NameTooLong)
	}

	/// The caller's organisation and its record, if the caller is an admin of an active one.
	pub(crate) fn ensure_active_admin(
		who: &T::AccountId,
	) -> Result<(OrgId, OrganisationOf<T>), Error<T>> {
		let (org, roles) = Members::<T>::get(who).ok_or(Error::<T>::NotAMember)?;
		let record = Organisations::<T>::get(org).ok_or(Error::<T>::NotAMember)?;
		if record.status != OrgStatus::Active {
			return Err(Error::<T>::OrganisationNotActive);
		}
		if !roles.has(Role::Admin) {
			return Err(Error::<T>::NotAdmin);
		}
		Ok((org, record))
	}

	/// The caller's authority, if the caller is an admin of an active authority whose region
	/// contains `region`.
	pub(crate) fn ensure_authority_over(
		who: &T::AccountId,
		region: &[u8],
	) -> Result<(OrgId, OrganisationOf<T>), Error<T>> {
		let (org, record) = Self::ensure_active_admin(who)?;
		if !record.kind.is_authority() {
			return Err(Error::<T>::NotAnAuthority);
		}
		if !region_contains(&record.region, region) {
			return Err(Error::<T>::NotAuthorityForRegion);
		}
		Ok((org, record))
	}

	pub(crate) fn check_cluster_admits(
		cluster: ClusterId,
		kind: OrgKind,
		region: &[u8],
	) -> DispatchResult {
		let grouping = Clusters::<T>::get(cluster).ok_or(Error::<T>::UnknownCluster)?;
		ensure!(
			matches!(
				kind,
				OrgKind::Hospital | OrgKind::Clinic | OrgKind::NursingHome | OrgKind::Laboratory
			),
			Error::<T>::NotAFacility
		);
		ensure!(region_contains(&grouping.region, region), Error::<T>::OutsideCluster);
		ensure!(grouping.size < T::MaxClusterSize::get(), Error::<T>::ClusterFull);
		Ok(())
	}

	/// A role set a member may be given: not empty, every bit a role.
	pub(crate) fn checked_roles(roles: Roles) -> Result<Roles, Error<T>> {
		ensure!(roles.is_known(), Error::<T>::UnknownRole);
		ensure!(!roles.is_empty(), Error::<T>::NoRoles);
		Ok(roles)
	}

	/// Who governs organisation `org` for this call: `None` for the council, the authority
	/// otherwise, which must be an admin's of an active authority above `org` (not `org`). A
	/// global or national authority, which the council registered, only the council governs.
	pub(crate) fn ensure_governs(
		origin: OriginFor<T>,
		org: OrgId,
	) -> Result<Option<OrgId>, sp_runtime::DispatchError> {
		let record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
		if T::CouncilOrigin::try_origin(origin.clone()).is_ok() {
			return Ok(None);
		}
		let who = frame_system::ensure_signed(origin)?;
		ensure!(!record.kind.is_top_level(), Error::<T>::OnlyTheCouncil);
		// A region has one authority, so an authority over an authority's region is the
		// authority itself or one above it.
		let (authority, _) = Self::ensure_authority_over(&who, &record.region)?;
		ensure!(authority != org, Error::<T>::CannotGovernItself);
		Ok(Some(authority))
	}

	/// The active organisation of `who` and its record.
	pub(crate) fn active_record(who: &T::AccountId) -> Option<(OrgId, OrganisationOf<T>)> {
		let (org, _) = Members::<T>::get(who)?;
		let record = Organisations::<T>::get(org)?;
		(record.status == OrgStatus::Active).then_some((org, record))
	}
}
