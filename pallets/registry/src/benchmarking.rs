//! Benchmarks of every call, each in its worst case: the deepest and longest region code the
//! runtime allows, and clusters and organisations one short of full; and of the membership
//! gate, for a signer it admits only after asking every source.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	dispatch::{DispatchInfo, PostDispatchInfo},
	traits::{EnsureOrigin, Get, IsSubType},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{
	AsSystemOriginSigner, AsTransactionAuthorizedOrigin, DispatchTransaction, Dispatchable,
};

/// The country the benchmarks register in: not one of the demonstration registry's, so that
/// its national authority is new on a `dev` chain too.
const COUNTRY: &[u8] = b"FR";

/// The deepest, longest region code allowed, in [`COUNTRY`].
fn deepest_region<T: Config>() -> RegionCode<T> {
	bounded(healthnet_primitives::registry::deepest_region_code(
		COUNTRY,
		T::MaxRegionCodeLength::get(),
		T::MaxRegionDepth::get(),
	))
}

/// `bytes` as a bounded call argument; the benchmarks stay within every bound.
fn bounded<S: Get<u32>>(bytes: Vec<u8>) -> BoundedVec<u8, S> {
	bytes.try_into().expect("within the bound")
}

/// Registers the national authority of [`COUNTRY`] through the council; returns its admin
/// account, which has accepted.
fn national_authority<T: Config>() -> Result<T::AccountId, BenchmarkError> {
	let admin: T::AccountId = account("national", 0, 0);
	let origin =
		T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let org = NextOrgId::<T>::get();
	Pallet::<T>::register_authority(
		origin,
		OrgKind::NationalAuthority,
		bounded(b"National authority".to_vec()),
		bounded(COUNTRY.to_vec()),
		admin.clone(),
	)?;
	Pallet::<T>::accept_membership(RawOrigin::Signed(admin.clone()).into(), org)?;
	Ok(admin)
}

/// `count` invitations of the organisation `admin` governs, to fresh accounts.
fn invitations<T: Config>(admin: &T::AccountId, count: u32) -> Result<(), BenchmarkError> {
	for index in 0..count {
		Pallet::<T>::invite_member(
			RawOrigin::Signed(admin.clone()).into(),
			account("member", index, 0),
			Roles::of(&[Role::Reporter]),
		)?;
	}
	Ok(())
}

/// A name of the longest length allowed, different for each `index`.
fn longest_name<T: Config>(index: u32) -> Name<T> {
	let mut name = vec![b'N'; T::MaxNameLength::get() as usize];
	name[..8].copy_from_slice(&hex_digits(index));
	bounded(name)
}

/// The eight hexadecimal digits of `index`.
fn hex_digits(index: u32) -> [u8; 8] {
	let mut digits = [0u8; 8];
	for (position, digit) in digits.iter_mut().enumerate() {
		let nibble = (index >> (28 - 4 * position)) & 0xf;
		*digit = b"0123456789ABCDEF"[nibble as usize];
	}
	digits
}

/// A facility in the deepest region, registered by the national authority; returns its id.
fn facility<T: Config>(authority: &T::AccountId, index: u32) -> Result<OrgId, BenchmarkError> {
	let org = NextOrgId::<T>::get();
	let admin: T::AccountId = account("facility", index, 0);
	Pallet::<T>::register_organisation(
		RawOrigin::Signed(authority.clone()).into(),
		OrgKind::Hospital,
		longest_name::<T>(index),
		deepest_region::<T>(),
		Capabilities::of(&[Capability::ReportCases]),
		admin.clone(),
		None,
	)?;
	Pallet::<T>::accept_membership(RawOrigin::Signed(admin).into(), org)?;
	Ok(org)
}

/// A cluster over the deepest region holding `size` facilities; returns its id.
fn cluster_of_size<T: Config>(
	authority: &T::AccountId,
	size: u32,
) -> Result<ClusterId, BenchmarkError> {
	let coordinator = facility::<T>(authority, 1_000_000)?;
	let cluster = NextClusterId::<T>::get();
	Pallet::<T>::create_cluster(
		RawOrigin::Signed(authority.clone()).into(),
		bounded(b"Cluster".to_vec()),
		deepest_region::<T>(),
		coordinator,
	)?;
	for index in 0..size {
		let org = facility::<T>(authority, index)?;
		Pallet::<T>::add_to_cluster(RawOrigin::Signed(authority.clone()).into(), cluster, org)?;
	}
	Ok(cluster)
}

/// The national authority's admin and the deepest region, whose population a facility of it
/// set (as no facility may: the worst case reads the owner's record).
fn population_set_by_another<T: Config>() -> Result<(T::AccountId, PlaceOf<T>), BenchmarkError> {
	let authority = national_authority::<T>()?;
	let owner = facility::<T>(&authority, 0)?;
	let place = Place::Region(deepest_region::<T>());
	Populations::<T>::insert(
		&place,
		PopulationOf::<T> {
			people: 1,
			year: 2020,
			source: bounded(vec![b'S'; T::MaxNameLength::get() as usize]),
			set_by: owner,
		},
	);
	Ok((authority, place))
}

/// What the registry's benchmarks need set up outside this pallet.
pub trait BenchmarkHelper {
	/// Fills [`Config::KnownAccounts`] to its largest with accounts other than the
	/// benchmarks' own (in Healthnet a full council and a full validator set), so that the
	/// membership gate's look-up of a signer it does not know costs the most.
	fn fill_known_accounts();
}

/// For a runtime whose known accounts cost the same whatever they hold.
impl BenchmarkHelper for () {
	fn fill_known_accounts() {}
}

#[benchmarks(where
	T: Send + Sync,
	<T as frame_system::Config>::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>
		+ IsSubType<Call<T>>
		+ From<Call<T>>,
	<T as frame_system::Config>::RuntimeOrigin:
		AsSystemOriginSigner<T::AccountId> + AsTransactionAuthorizedOrigin + Clone,
)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_authority() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let admin: T::AccountId = account("national", 0, 0);
		let org = NextOrgId::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			OrgKind::NationalAuthority,
			longest_name::<T>(0),
			bounded(COUNTRY.to_vec()),
			admin.clone(),
		);

		assert!(Invitations::<T>::contains_key(org, &admin));
		Ok(())
	}

	#[benchmark]
	fn register_organisation() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let cluster = cluster_of_size::<T>(&authority, T::MaxClusterSize::get() - 1)?;
		let admin: T::AccountId = account("newcomer", 0, 0);
		let org = NextOrgId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(authority),
			OrgKind::Hospital,
			longest_name::<T>(u32::MAX),
			deepest_region::<T>(),
			Capabilities::of(&Capability::ALL),
			admin.clone(),
			Some(cluster),
		);

		assert!(Invitations::<T>::contains_key(org, &admin));
		Ok(())
	}

	#[benchmark]
	fn suspend_organisation() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let org = facility::<T>(&authority, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org);

		assert_eq!(Organisations::<T>::get(org).map(|o| o.status), Some(OrgStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate_organisation() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let org = facility::<T>(&authority, 0)?;
		Pallet::<T>::suspend_organisation(RawOrigin::Signed(authority.clone()).into(), org)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org);

		assert_eq!(Organisations::<T>::get(org).map(|o| o.status), Some(OrgStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn invite_member() -> Result<(), BenchmarkError> {
		let admin = national_authority::<T>()?;
		// One place left: the admin and the invitations fill all the others.
		invitations::<T>(&admin, T::MaxMembersPerOrganisation::get() - 2)?;
		let newcomer: T::AccountId = account("newcomer", 0, 0);

		let (org, _) = Members::<T>::get(&admin).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), newcomer.clone(), Roles::all());

		assert!(Invitations::<T>::contains_key(org, &newcomer));
		Ok(())
	}

	#[benchmark]
	fn accept_membership() -> Result<(), BenchmarkError> {
		let admin = national_authority::<T>()?;
		invitations::<T>(&admin, T::MaxMembersPerOrganisation::get() - 1)?;
		let newcomer: T::AccountId = account("member", 0, 0);
		let (org, _) = Members::<T>::get(&admin).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(newcomer.clone()), org);

		assert_eq!(Members::<T>::get(&newcomer), Some((org, Roles::of(&[Role::Reporter]))));
		Ok(())
	}

	#[benchmark]
	fn cancel_invitation() -> Result<(), BenchmarkError> {
		let admin = national_authority::<T>()?;
		invitations::<T>(&admin, 1)?;
		let invited: T::AccountId = account("member", 0, 0);
		let (org, _) = Members::<T>::get(&admin).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), invited.clone());

		assert!(!Invitations::<T>::contains_key(org, &invited));
		Ok(())
	}

	#[benchmark]
	fn decline_invitation() -> Result<(), BenchmarkError> {
		let admin = national_authority::<T>()?;
		invitations::<T>(&admin, 1)?;
		let invited: T::AccountId = account("member", 0, 0);
		let (org, _) = Members::<T>::get(&admin).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(invited.clone()), org);

		assert!(!Invitations::<T>::contains_key(org, &invited));
		Ok(())
	}

	#[benchmark]
	fn replace_admin() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let org = facility::<T>(&authority, 0)?;
		let lost: T::AccountId = account("facility", 0, 0);
		// The most invitations to withdraw: every place but the lost admin's.
		let pending = T::MaxMembersPerOrganisation::get() - 1;
		invitations::<T>(&lost, pending)?;
		let invited: T::AccountId = account("newcomer", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, Some(lost.clone()), invited.clone());

		assert!(!Members::<T>::contains_key(&lost));
		assert_eq!(Invitations::<T>::get(org, &invited), Some(Roles::of(&[Role::Admin])));
		assert_eq!(PendingInvitations::<T>::get(org), 1);
		Ok(())
	}

	#[benchmark]
	fn set_roles() -> Result<(), BenchmarkError> {
		let admin = national_authority::<T>()?;
		let member: T::AccountId = account("member", 0, 0);
		invitations::<T>(&admin, 1)?;
		let (org, _) = Members::<T>::get(&admin).ok_or(BenchmarkError::Weightless)?;
		Pallet::<T>::accept_membership(RawOrigin::Signed(member.clone()).into(), org)?;

		// Becoming an admin too: the organisation's admin count changes as well.
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), member.clone(), Roles::all());

		assert_eq!(Members::<T>::get(&member), Some((org, Roles::all())));
		assert_eq!(MemberCounts::<T>::get(org), (2, 2));
		Ok(())
	}

	#[benchmark]
	fn grant_capability() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let org = facility::<T>(&authority, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, Capability::ReadResearchData);

		let record = Organisations::<T>::get(org).ok_or(BenchmarkError::Weightless)?;
		assert!(record.capabilities.has(Capability::ReadResearchData));
		Ok(())
	}

	#[benchmark]
	fn revoke_capability() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let org = facility::<T>(&authority, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, Capability::ReportCases);

		let record = Organisations::<T>::get(org).ok_or(BenchmarkError::Weightless)?;
		assert!(!record.capabilities.has(Capability::ReportCases));
		Ok(())
	}

	#[benchmark]
	fn remove_member() -> Result<(), BenchmarkError> {
		let admin = national_authority::<T>()?;
		let leaving: T::AccountId = account("member", 0, 0);
		invitations::<T>(&admin, 1)?;
		let (org, _) = Members::<T>::get(&admin).ok_or(BenchmarkError::Weightless)?;
		Pallet::<T>::accept_membership(RawOrigin::Signed(leaving.clone()).into(), org)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), leaving.clone());

		assert!(!Members::<T>::contains_key(&leaving));
		Ok(())
	}

	#[benchmark]
	fn create_cluster() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let coordinator = facility::<T>(&authority, 0)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(authority),
			bounded(vec![b'C'; T::MaxNameLength::get() as usize]),
			deepest_region::<T>(),
			coordinator,
		);

		assert!(Clusters::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn add_to_cluster() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let cluster = cluster_of_size::<T>(&authority, T::MaxClusterSize::get() - 1)?;
		let org = facility::<T>(&authority, 2_000_000)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), cluster, org);

		assert_eq!(Organisations::<T>::get(org).and_then(|o| o.cluster), Some(cluster));
		Ok(())
	}

	#[benchmark]
	fn remove_from_cluster() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let cluster = cluster_of_size::<T>(&authority, T::MaxClusterSize::get())?;
		let org = ClusterMembers::<T>::iter_key_prefix(cluster)
			.next()
			.ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org);

		assert_eq!(Organisations::<T>::get(org).and_then(|o| o.cluster), None);
		Ok(())
	}

	// The slowest path: a region (not a cluster) whose authority is not registered in it, so
	// its organisations are looked up, with a figure set by another organisation, whose record
	// is read to see that the caller governs it.
	#[benchmark]
	fn set_population() -> Result<(), BenchmarkError> {
		let (authority, place) = population_set_by_another::<T>()?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(authority),
			place.clone(),
			1_400_000_000,
			2026,
			bounded(vec![b'S'; T::MaxNameLength::get() as usize]),
		);

		assert_eq!(Populations::<T>::get(&place).map(|p| p.people), Some(1_400_000_000));
		Ok(())
	}

	#[benchmark]
	fn clear_population() -> Result<(), BenchmarkError> {
		let (authority, place) = population_set_by_another::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), place.clone());

		assert!(!Populations::<T>::contains_key(&place));
		Ok(())
	}

	// The gate's slowest admission: it asks every source in turn (see `Admission`). The signer
	// is a member of a suspended organisation (its membership and its organisation are read),
	// signs no open call and no device's call, is not a known account (of which there are the
	// most the runtime allows, read whole) and is admitted last, for the acceptance of an
	// invitation it holds. An account invited before it joined another organisation holds one.
	#[benchmark]
	fn check_membership() -> Result<(), BenchmarkError> {
		let authority = national_authority::<T>()?;
		let (national, _) = Members::<T>::get(&authority).ok_or(BenchmarkError::Weightless)?;
		let facility = NextOrgId::<T>::get();
		let signer: T::AccountId = account("facility", 0, 0);
		Pallet::<T>::register_organisation(
			RawOrigin::Signed(authority.clone()).into(),
			OrgKind::Hospital,
			longest_name::<T>(0),
			deepest_region::<T>(),
			Capabilities::of(&[Capability::ReportCases]),
			signer.clone(),
			None,
		)?;
		let reporter = Roles::of(&[Role::Reporter]);
		Pallet::<T>::invite_member(
			RawOrigin::Signed(authority.clone()).into(),
			signer.clone(),
			reporter,
		)?;
		Pallet::<T>::accept_membership(RawOrigin::Signed(signer.clone()).into(), facility)?;
		Pallet::<T>::suspend_organisation(RawOrigin::Signed(authority).into(), facility)?;
		T::BenchmarkHelper::fill_known_accounts();
		let call: <T as frame_system::Config>::RuntimeCall =
			Call::<T>::accept_membership { org: national }.into();
		let info = DispatchInfo::default();
		// The acceptance the gate admits reads this invitation again and is charged for it.
		frame_benchmarking::benchmarking::add_to_whitelist(
			Invitations::<T>::hashed_key_for(national, &signer).into(),
		);

		#[block]
		{
			CheckMembership::<T>::new()
				.test_run(RawOrigin::Signed(signer.clone()).into(), &call, &info, 0, 0, |_| {
					Ok(().into())
				})
				.map_err(|_| BenchmarkError::Stop("the gate refused an invited account"))?
				.map_err(|_| BenchmarkError::Stop("the acceptance failed"))?;
		}

		assert_eq!(Pallet::<T>::admission(&signer, &call), Some(Admission::Invited));
		assert_eq!(Members::<T>::get(&signer).map(|(org, _)| org), Some(facility));
		assert_eq!(Organisations::<T>::get(facility).map(|o| o.status), Some(OrgStatus::Suspended));
		assert!(!T::DeviceCalls::contains(&signer, &call));
		assert!(!T::KnownAccounts::contains(&signer));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
