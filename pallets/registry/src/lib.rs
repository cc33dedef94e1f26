//! # Registry
//!
//! Who is this account, and what may it do? The registry of Healthnet's organisations, their
//! regions and clusters, their member accounts and their capabilities, which every other
//! pallet asks through [`healthnet_primitives::OrgRegistry`].
//!
//! ## Overview
//!
//! Regions are hierarchical codes (`IN`, `IN-KA`, `IN-KA-BLR`): a two-letter country, then
//! subdivisions, each inside the ones it extends. An authority governs its region and every
//! region inside it; the global authority governs the whole world (the empty code).
//!
//! ## Calls
//!
//! - [`Pallet::register_authority`]: the council ([`Config::CouncilOrigin`]) registers a
//!   global or national authority.
//! - [`Pallet::register_organisation`], [`Pallet::suspend_organisation`],
//!   [`Pallet::reinstate_organisation`], [`Pallet::create_cluster`],
//!   [`Pallet::add_to_cluster`], [`Pallet::remove_from_cluster`]: an admin of an active
//!   authority, inside the authority's region only (the council may suspend and reinstate any
//!   organisation).
//! - [`Pallet::invite_member`], [`Pallet::cancel_invitation`], [`Pallet::remove_member`]: an
//!   admin of an active organisation, for its own organisation. An account belongs to at most
//!   one organisation, and an organisation's own admins never remove its last admin.
//! - [`Pallet::accept_membership`], [`Pallet::decline_invitation`]: the invited account
//!   itself. Nobody becomes a member, not even the first admin of a newly registered
//!   organisation, without signing the acceptance.
//! - [`Pallet::replace_admin`]: the authority above an organisation (the council, for any
//!   organisation) removes an admin account that was lost or stolen and invites a new one.
//! - [`Pallet::set_population`], [`Pallet::clear_population`]: an admin of an active
//!   authority over a region or a cluster sets the population its rates divide by, with the
//!   year and source of the figure (`population.rs`).
//!
//! A suspended organisation's accounts lose every right in every pallet at once, because
//! [`healthnet_primitives::OrgRegistry`] answers only for active organisations.
//!
//! ## The membership gate
//!
//! [`CheckMembership`] is the transaction extension the runtime puts in front of every
//! signed transaction: a signer that is neither one of [`Config::KnownAccounts`] (the council
//! and the validators) nor a member account of an active organisation is refused with
//! `InvalidTransaction::Custom(`[`healthnet_primitives::UNKNOWN_SIGNER`]`)`, unless the call
//! is one of [`Config::OpenCalls`], the bootstrap steps of accounts not known yet. It asks
//! the signer's organisation first (two keyed look-ups), so that a member's transaction never
//! reads the council's or the validators' lists, and is charged for them only when it asks.
//!
//! ## Genesis
//!
//! A chain spec may start the registry with organisations, their member accounts and clusters
//! ([`GenesisConfig`]); they are checked against the same rules as the calls.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
mod genesis;
#[cfg(test)]
mod mock;
mod org_registry;
mod population;
mod records;
mod rules;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
pub use extension::{Admission, CheckMembership};
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::{Contains, ContainsPair, EnsureOrigin, Get},
};
use frame_system::pallet_prelude::OriginFor;
use healthnet_primitives::{
	registry::{region_contains, validate_region_code, Membership, RegionCodeError},
	Capabilities, Capability, ClusterId, OrgId, OrgRegistry, Page, MAX_PAGE,
};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who registers global and national authorities: in Healthnet, the council.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The longest region code, in bytes.
		#[pallet::constant]
		type MaxRegionCodeLength: Get<u32>;

		/// The most segments of a region code (`IN-KA-BLR` has three).
		#[pallet::constant]
		type MaxRegionDepth: Get<u32>;

		/// The longest organisation or cluster name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The most member accounts of one organisation.
		#[pallet::constant]
		type MaxMembersPerOrganisation: Get<u32>;

		/// The most facilities in one cluster.
		#[pallet::constant]
		type MaxClusterSize: Get<u32>;

		/// Accounts the membership gate admits besides the member accounts of active
		/// organisations: in Healthnet, the council members and the validators.
		type KnownAccounts: Contains<Self::AccountId>;

		/// What asking [`Config::KnownAccounts`] costs in database reads: the gate asks it
		/// after the signer's organisation and its devices, and gives this back to a member
		/// (`check_membership` charges the path that asks every source).
		type KnownAccountsReads: Get<Weight>;

		/// Calls the membership gate lets any account sign: the bootstrap steps of an account
		/// the chain does not know yet, such as a new validator registering its session keys.
		type OpenCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// Devices the gate admits for particular calls only: in Healthnet, a registered
		/// temperature logger, for reporting an excursion while its holder is active.
		type DeviceCalls: ContainsPair<Self::AccountId, <Self as frame_system::Config>::RuntimeCall>;

		/// Calls the membership gate refuses from particular signers, whoever else may sign
		/// them: in Healthnet, a validator withdrawing the session keys it authors with.
		type RefusedCalls: ContainsPair<
			Self::AccountId,
			<Self as frame_system::Config>::RuntimeCall,
		>;

		/// Sets up, for the benchmarks' worst cases, what lies outside this pallet.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;

		/// Weights of the calls, generated by `scripts/bench`.
		type WeightInfo: WeightInfo;
	}

	/// The organisations, by id. Ids are handed out in sequence, so a fast hasher is safe.
	#[pallet::storage]
	pub type Organisations<T: Config> = StorageMap<_, Twox64Concat, OrgId, OrganisationOf<T>>;

	/// The id the next organisation gets.
	#[pallet::storage]
	pub type NextOrgId<T: Config> = StorageValue<_, OrgId, ValueQuery>;

	/// The organisation and role of each member account. Accounts are chosen by users, so the
	/// key is hashed with a cryptographic hasher.
	#[pallet::storage]
	pub type Members<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, (OrgId, Roles)>;

	/// The member accounts of each organisation, for listing them.
	#[pallet::storage]
	pub type OrganisationMembers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OrgId, Blake2_128Concat, T::AccountId, Roles>;

	/// How many members, and how many of them admins, each organisation has.
	#[pallet::storage]
	pub type MemberCounts<T: Config> = StorageMap<_, Twox64Concat, OrgId, (u32, u32), ValueQuery>;

	/// The organisations registered in each region (exactly that code), for listing them.
	#[pallet::storage]
	pub type OrganisationsInRegion<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, RegionCode<T>, Twox64Concat, OrgId, ()>;

	/// The authority that governs each region code: at most one per region (the empty code is
	/// the global authority's). Region codes are chosen by callers, hence the hasher.
	#[pallet::storage]
	pub type AuthorityOfRegion<T: Config> = StorageMap<_, Blake2_128Concat, RegionCode<T>, OrgId>;

	/// Each organisation by its region code and name, so that none is registered twice.
	#[pallet::storage]
	pub type OrganisationByName<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, RegionCode<T>, Blake2_128Concat, Name<T>, OrgId>;

	/// The clusters, by id, handed out in sequence.
	#[pallet::storage]
	pub type Clusters<T: Config> = StorageMap<_, Twox64Concat, ClusterId, ClusterOf<T>>;

	/// The id the next cluster gets.
	#[pallet::storage]
	pub type NextClusterId<T: Config> = StorageValue<_, ClusterId, ValueQuery>;

	/// The facilities of each cluster, for listing them.
	#[pallet::storage]
	pub type ClusterMembers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ClusterId, Twox64Concat, OrgId, ()>;

	/// The invitations waiting for their account's acceptance, by organisation and account,
	/// with the roles offered: an organisation's are listed (and cancelled together) by prefix.
	#[pallet::storage]
	pub type Invitations<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OrgId, Blake2_128Concat, T::AccountId, Roles>;

	/// How many invitations of each organisation are waiting; with its members, at most
	/// [`Config::MaxMembersPerOrganisation`].
	#[pallet::storage]
	pub type PendingInvitations<T: Config> = StorageMap<_, Twox64Concat, OrgId, u32, ValueQuery>;

	/// The population of each region and cluster that has a figure: the denominator of its
	/// rates. Only places the chain knows have one (see `population.rs`); region codes are
	/// chosen by callers, hence the hasher.
	#[pallet::storage]
	pub type Populations<T: Config> = StorageMap<_, Blake2_128Concat, PlaceOf<T>, PopulationOf<T>>;

	/// The organisations, member accounts and clusters the chain starts with.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The organisations, which get the ids 0, 1, 2, ... in this order.
		pub organisations: Vec<GenesisOrganisation<T::AccountId>>,
		/// The clusters, which get the ids 0, 1, 2, ... in this order.
		pub clusters: Vec<GenesisCluster>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::build_genesis(&self.organisations, &self.clusters);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An organisation was registered; `parent` is `None` when the council registered it.
		OrganisationRegistered { org: OrgId, kind: OrgKind, parent: Option<OrgId> },
		/// An organisation was suspended: its accounts have no rights until reinstated.
		OrganisationSuspended { org: OrgId },
		/// A suspended organisation was reinstated.
		OrganisationReinstated { org: OrgId },
		/// An organisation invited an account; it becomes a member when it accepts.
		MemberInvited { org: OrgId, account: T::AccountId, roles: Roles },
		/// An organisation withdrew an invitation before the account accepted it.
		InvitationCancelled { org: OrgId, account: T::AccountId },
		/// An invited account turned an invitation down.
		InvitationDeclined { org: OrgId, account: T::AccountId },
		/// An account accepted an invitation and became a member of an organisation.
		MemberAdded { org: OrgId, account: T::AccountId, roles: Roles },
		/// An admin changed a member's roles.
		RolesChanged { org: OrgId, account: T::AccountId, roles: Roles },
		/// The authority above an organisation (`by`; `None`: the council) granted it a
		/// capability.
		CapabilityGranted { org: OrgId, capability: Capability, by: Option<OrgId> },
		/// The authority above an organisation (`by`; `None`: the council) took a capability
		/// away: every call that needs it is refused from the next transaction on.
		CapabilityRevoked { org: OrgId, capability: Capability, by: Option<OrgId> },
		/// An account stopped being a member of an organisation.
		MemberRemoved { org: OrgId, account: T::AccountId },
		/// The authority above an organisation (`by`; `None`: the council) replaced an admin
		/// account: `removed` is no longer a member, `invited` becomes an admin on acceptance,
		/// and the organisation's `cancelled` other pending invitations (which a stolen key may
		/// have issued) are withdrawn.
		AdminReplaced {
			org: OrgId,
			removed: Option<T::AccountId>,
			invited: T::AccountId,
			by: Option<OrgId>,
			cancelled: u32,
		},
		/// A cluster was formed.
		ClusterCreated { cluster: ClusterId, coordinator: OrgId },
		/// A facility joined a cluster.
		AddedToCluster { cluster: ClusterId, org: OrgId },
		/// A facility left a cluster.
		RemovedFromCluster { cluster: ClusterId, org: OrgId },
		/// An authority (`by`) set the population of a place: `people` counted in `year`.
		PopulationSet { place: PlaceOf<T>, people: u64, year: u16, by: OrgId },
		/// An authority (`by`) cleared the population of a place: its rates have no
		/// denominator until one is set again.
		PopulationCleared { place: PlaceOf<T>, by: OrgId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a member account of any organisation.
		NotAMember,
		/// The caller's organisation is suspended.
		OrganisationNotActive,
		/// The caller is not an admin of its organisation.
		NotAdmin,
		/// The caller's organisation is not an authority.
		NotAnAuthority,
		/// The region lies outside the region the caller's authority governs.
		NotAuthorityForRegion,
		/// An authority cannot suspend or reinstate itself.
		CannotGovernItself,
		/// A region code must be uppercase letters and digits in `-`-separated segments.
		MalformedRegionCode,
		/// A region code must start with a two-letter ISO 3166-1 country code.
		RegionNotACountry,
		/// The region code has more segments than allowed.
		RegionTooDeep,
		/// The region code is longer than allowed.
		RegionCodeTooLong,
		/// A name may not be empty.
		EmptyName,
		/// The name is longer than allowed.
		NameTooLong,
		/// The capabilities hold a bit that is no known capability.
		UnknownCapability,
		/// Only the council registers global and national authorities, and it registers
		/// nothing else.
		WrongKindForCaller,
		/// A global authority governs the whole world and has no region code; a national one
		/// governs exactly one country.
		RegionDoesNotFitKind,
		/// No organisation has this id.
		UnknownOrganisation,
		/// No cluster has this id.
		UnknownCluster,
		/// The account already belongs to an organisation.
		AlreadyAMember,
		/// The account is not a member of the caller's organisation.
		NotMemberOfOrganisation,
		/// The organisation would be left without an admin.
		LastAdmin,
		/// The account is not an admin of the organisation.
		AccountNotAdmin,
		/// The account has no invitation from this organisation.
		NoInvitation,
		/// The organisation already has the most member accounts (and pending invitations)
		/// allowed.
		TooManyMembers,
		/// The cluster already has the most facilities allowed.
		ClusterFull,
		/// The organisation already belongs to a cluster.
		AlreadyInCluster,
		/// The organisation does not belong to a cluster.
		NotInCluster,
		/// The organisation's region lies outside the cluster's region.
		OutsideCluster,
		/// Only healthcare facilities and laboratories belong to clusters.
		NotAFacility,
		/// The organisation is already suspended.
		AlreadySuspended,
		/// The organisation is not suspended.
		NotSuspended,
		/// The organisation ids are exhausted.
		IdsExhausted,
		/// An organisation of this name is already registered in this region.
		AlreadyRegistered,
		/// The region already has an authority.
		RegionHasAuthority,
		/// Only the council governs a global or national authority: it registered them.
		OnlyTheCouncil,
		/// A member holds at least one role.
		NoRoles,
		/// The roles hold a bit that is no known role.
		UnknownRole,
		/// The organisation already has this capability.
		AlreadyHasCapability,
		/// The organisation does not have this capability.
		LacksCapability,
		/// No authority or organisation is registered with this region code, so the chain keeps
		/// no population for it.
		NobodyInRegion,
		/// A population counts at least one person and at most twenty billion.
		PopulationOutOfRange,
		/// A population figure is of a year from 1950 to 2100.
		YearOutOfRange,
		/// A population figure names its source.
		EmptySource,
		/// The place has no population figure.
		NoPopulation,
		/// An authority above the caller's set this population figure: only it, or one above
		/// it, changes it.
		PopulationOwnedAbove,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a global or national authority and invites `admin` to be its first admin
		/// account.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_authority())]
		pub fn register_authority(
			origin: OriginFor<T>,
			kind: OrgKind,
			name: Name<T>,
			region: RegionCode<T>,
			admin: T::AccountId,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			let region = Self::top_level_region(kind, region.into_inner())?;
			let name = Self::checked_name(name.into_inner())?;
			ensure!(!Members::<T>::contains_key(&admin), Error::<T>::AlreadyAMember);
			let org = Self::insert_organisation(kind, name, region, None, Capabilities::default())?;
			Self::invite(org, admin, Roles::of(&[Role::Admin]))
		}

		/// Registers an organisation inside the region of the caller's authority, inviting
		/// `admin` to be its first admin account and, for a facility, optionally in `cluster`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::register_organisation())]
		pub fn register_organisation(
			origin: OriginFor<T>,
			kind: OrgKind,
			name: Name<T>,
			region: RegionCode<T>,
			capabilities: Capabilities,
			admin: T::AccountId,
			cluster: Option<ClusterId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!kind.is_top_level(), Error::<T>::WrongKindForCaller);
			let region = Self::checked_region(region.into_inner())?;
			let (authority, _) = Self::ensure_authority_over(&who, &region)?;
			let name = Self::checked_name(name.into_inner())?;
			ensure!(capabilities.is_known(), Error::<T>::UnknownCapability);
			if let Some(cluster) = cluster {
				Self::check_cluster_admits(cluster, kind, &region)?;
			}
			ensure!(!Members::<T>::contains_key(&admin), Error::<T>::AlreadyAMember);
			let org = Self::insert_organisation(kind, name, region, Some(authority), capabilities)?;
			if let Some(cluster) = cluster {
				Self::join_cluster(cluster, org)?;
			}
			Self::invite(org, admin, Roles::of(&[Role::Admin]))
		}

		/// Suspends an organisation: its accounts lose every right at once. The council, or an
		/// authority whose region contains the organisation's.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::suspend_organisation())]
		pub fn suspend_organisation(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			Self::set_status(origin, org, OrgStatus::Suspended)
		}

		/// Reinstates a suspended organisation. The council, or an authority whose region
		/// contains the organisation's.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::reinstate_organisation())]
		pub fn reinstate_organisation(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			Self::set_status(origin, org, OrgStatus::Active)
		}

		/// Invites `account` into the caller's organisation with `roles`; it becomes a member
		/// when it accepts. Inviting it again changes the roles offered. Caller: an admin.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::invite_member())]
		pub fn invite_member(
			origin: OriginFor<T>,
			account: T::AccountId,
			roles: Roles,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (org, _) = Self::ensure_active_admin(&who)?;
			let roles = Self::checked_roles(roles)?;
			ensure!(!Members::<T>::contains_key(&account), Error::<T>::AlreadyAMember);
			Self::invite(org, account, roles)
		}

		/// Gives `account`, a member of the caller's organisation, exactly `roles`. Caller: an
		/// admin. The last admin keeps `Admin`.
		#[pallet::call_index(13)]
		#[pallet::weight(<T as Config>::WeightInfo::set_roles())]
		pub fn set_roles(
			origin: OriginFor<T>,
			account: T::AccountId,
			roles: Roles,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (org, _) = Self::ensure_active_admin(&who)?;
			let roles = Self::checked_roles(roles)?;
			Self::change_roles(org, account, roles)
		}

		/// Grants organisation `org` a capability. Caller: the council, or an admin of an
		/// authority above `org` (only the council, for a global or national authority).
		#[pallet::call_index(14)]
		#[pallet::weight(<T as Config>::WeightInfo::grant_capability())]
		pub fn grant_capability(
			origin: OriginFor<T>,
			org: OrgId,
			capability: Capability,
		) -> DispatchResult {
			let by = Self::ensure_governs(origin, org)?;
			Self::change_capability(org, capability, true, by)
		}

		/// Takes a capability away from organisation `org`, at once for every call that needs
		/// it. Caller: as for [`Pallet::grant_capability`].
		#[pallet::call_index(15)]
		#[pallet::weight(<T as Config>::WeightInfo::revoke_capability())]
		pub fn revoke_capability(
			origin: OriginFor<T>,
			org: OrgId,
			capability: Capability,
		) -> DispatchResult {
			let by = Self::ensure_governs(origin, org)?;
			Self::change_capability(org, capability, false, by)
		}

		/// Removes `account` from the caller's organisation. Caller: an admin. The last admin
		/// cannot be removed.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_member())]
		pub fn remove_member(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (org, _) = Self::ensure_active_admin(&who)?;
			let roles = OrganisationMembers::<T>::get(org, &account)
				.ok_or(Error::<T>::NotMemberOfOrganisation)?;
			let (_, admins) = MemberCounts::<T>::get(org);
			ensure!(!roles.has(Role::Admin) || admins > 1, Error::<T>::LastAdmin);
			Self::take_member(org, &account, roles);
			Ok(())
		}

		/// Accepts the invitation of organisation `org`: the caller becomes its member with
		/// the role offered. Caller: the invited account, which the membership gate admits for
		/// this call alone while it is invited.
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::accept_membership())]
		pub fn accept_membership(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let roles = Invitations::<T>::get(org, &who).ok_or(Error::<T>::NoInvitation)?;
			let record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
			ensure!(record.status == OrgStatus::Active, Error::<T>::OrganisationNotActive);
			ensure!(!Members::<T>::contains_key(&who), Error::<T>::AlreadyAMember);
			Self::take_invitation(&who, org);
			Self::insert_member(org, who, roles)
		}

		/// Turns down organisation `org`'s invitation. Caller: the invited account, which the
		/// membership gate admits for this call too while it is invited.
		#[pallet::call_index(12)]
		#[pallet::weight(<T as Config>::WeightInfo::decline_invitation())]
		pub fn decline_invitation(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Invitations::<T>::contains_key(org, &who), Error::<T>::NoInvitation);
			Self::take_invitation(&who, org);
			Self::deposit_event(Event::InvitationDeclined { org, account: who });
			Ok(())
		}

		/// Withdraws the caller's organisation's invitation of `account`. Caller: an admin.
		#[pallet::call_index(10)]
		#[pallet::weight(<T as Config>::WeightInfo::cancel_invitation())]
		pub fn cancel_invitation(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (org, _) = Self::ensure_active_admin(&who)?;
			ensure!(Invitations::<T>::contains_key(org, &account), Error::<T>::NoInvitation);
			Self::take_invitation(&account, org);
			Self::deposit_event(Event::InvitationCancelled { org, account });
			Ok(())
		}

		/// Recovers an organisation whose admin key was lost or stolen: removes the admin
		/// account `removed` (if given) at once, withdraws every invitation the organisation
		/// has pending (a stolen key may have invited an accomplice) and invites `invited` as
		/// an admin. Caller: the council, or an admin of an authority above the organisation
		/// (not the organisation itself; only the council for a global or national authority).
		#[pallet::call_index(11)]
		#[pallet::weight(<T as Config>::WeightInfo::replace_admin())]
		pub fn replace_admin(
			origin: OriginFor<T>,
			org: OrgId,
			removed: Option<T::AccountId>,
			invited: T::AccountId,
		) -> DispatchResult {
			let by = Self::ensure_governs(origin, org)?;
			ensure!(!Members::<T>::contains_key(&invited), Error::<T>::AlreadyAMember);
			if let Some(account) = &removed {
				let roles = OrganisationMembers::<T>::get(org, account)
					.ok_or(Error::<T>::NotMemberOfOrganisation)?;
				ensure!(roles.has(Role::Admin), Error::<T>::AccountNotAdmin);
				Self::take_member(org, account, roles);
			}
			let cancelled = Self::cancel_invitations(org);
			Self::invite(org, invited.clone(), Roles::of(&[Role::Admin]))?;
			Self::deposit_event(Event::AdminReplaced { org, removed, invited, by, cancelled });
			Ok(())
		}

		/// Forms a cluster of facilities in `region`, coordinated by `coordinator`. Caller: an
		/// admin of an authority whose region contains `region`.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::create_cluster())]
		pub fn create_cluster(
			origin: OriginFor<T>,
			name: Name<T>,
			region: RegionCode<T>,
			coordinator: OrgId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let region = Self::checked_region(region.into_inner())?;
			Self::ensure_authority_over(&who, &region)?;
			let name = Self::checked_name(name.into_inner())?;
			Self::insert_cluster(name, region, coordinator)?;
			Ok(())
		}

		/// Adds a facility to a cluster. Caller: an admin of an authority whose region contains
		/// the cluster's.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::add_to_cluster())]
		pub fn add_to_cluster(
			origin: OriginFor<T>,
			cluster: ClusterId,
			org: OrgId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let grouping = Clusters::<T>::get(cluster).ok_or(Error::<T>::UnknownCluster)?;
			Self::ensure_authority_over(&who, &grouping.region)?;
			let facility = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
			ensure!(facility.cluster.is_none(), Error::<T>::AlreadyInCluster);
			Self::check_cluster_admits(cluster, facility.kind, &facility.region)?;
			Self::join_cluster(cluster, org)
		}

		/// Takes a facility out of its cluster. Caller: an admin of an authority whose region
		/// contains the cluster's.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_from_cluster())]
		pub fn remove_from_cluster(origin: OriginFor<T>, org: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut facility =
				Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
			let cluster = facility.cluster.ok_or(Error::<T>::NotInCluster)?;
			let mut grouping = Clusters::<T>::get(cluster).ok_or(Error::<T>::UnknownCluster)?;
			Self::ensure_authority_over(&who, &grouping.region)?;
			facility.cluster = None;
			grouping.size = grouping.size.saturating_sub(1);
			Organisations::<T>::insert(org, facility);
			Clusters::<T>::insert(cluster, grouping);
			ClusterMembers::<T>::remove(cluster, org);
			Self::deposit_event(Event::RemovedFromCluster { cluster, org });
			Ok(())
		}

		/// Sets the population of a region or a cluster: `people` counted in `year` by
		/// `source`. Caller: an admin of an authority whose region contains the place's, unless
		/// an authority above it set the figure.
		#[pallet::call_index(16)]
		#[pallet::weight(<T as Config>::WeightInfo::set_population())]
		pub fn set_population(
			origin: OriginFor<T>,
			place: PlaceOf<T>,
			people: u64,
			year: u16,
			source: Name<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::change_population(&who, place, Some((people, year, source)))
		}

		/// Clears the population of a region or a cluster. Caller: as for
		/// [`Pallet::set_population`].
		#[pallet::call_index(17)]
		#[pallet::weight(<T as Config>::WeightInfo::clear_population())]
		pub fn clear_population(origin: OriginFor<T>, place: PlaceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::change_population(&who, place, None)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The organisation `account` belongs to, its id and its roles there.
		pub fn organisation_of(account: T::AccountId) -> Option<(OrgId, Roles, OrganisationOf<T>)> {
			let (org, role) = Members::<T>::get(&account)?;
			Organisations::<T>::get(org).map(|record| (org, role, record))
		}

		/// The organisations registered with exactly the region code `region`.
		pub fn organisations_in_region(region: Vec<u8>) -> Vec<OrgId> {
			RegionCode::<T>::try_from(region)
				.map(|region| OrganisationsInRegion::<T>::iter_key_prefix(region).collect())
				.unwrap_or_default()
		}

		/// The facilities of a cluster.
		pub fn cluster_members(cluster: ClusterId) -> Vec<OrgId> {
			ClusterMembers::<T>::iter_key_prefix(cluster).collect()
		}
	}
}
