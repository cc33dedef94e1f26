//! The registry's records and their small pure methods.

use alloc::{string::String, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use healthnet_primitives::{Capabilities, Capability, ClusterId, OrgId};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// What kind of organisation this is; authorities govern a region, the others act in one.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum OrgKind {
	/// Governs every region (the whole world), e.g. an international health body.
	GlobalAuthority,
	/// Governs a country.
	NationalAuthority,
	/// Governs a subdivision of a country.
	RegionalAuthority,
	/// Governs a district or city.
	LocalAuthority,
	/// A hospital.
	Hospital,
	/// A clinic or health centre.
	Clinic,
	/// A nursing home.
	NursingHome,
	/// A testing laboratory.
	Laboratory,
	/// A manufacturer of medical supplies.
	Manufacturer,
	/// A distributor of medical supplies.
	Distributor,
	/// A warehouse of medical supplies.
	Warehouse,
	/// A research institute.
	ResearchInstitute,
}

impl OrgKind {
	/// Whether organisations of this kind govern a region.
	pub fn is_authority(&self) -> bool {
		matches!(
			self,
			Self::GlobalAuthority
				| Self::NationalAuthority
				| Self::RegionalAuthority
				| Self::LocalAuthority
		)
	}

	/// Whether the council, rather than another authority, registers this kind.
	pub fn is_top_level(&self) -> bool {
		matches!(self, Self::GlobalAuthority | Self::NationalAuthority)
	}
}

/// Whether an organisation may act.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum OrgStatus {
	/// Its accounts act with its capabilities.
	Active,
	/// Its accounts have no rights anywhere until an authority reinstates it.
	Suspended,
}

pub use healthnet_primitives::{Role, Roles};

/// An organisation as this runtime stores it.
pub type OrganisationOf<T> =
	Organisation<<T as crate::Config>::MaxNameLength, <T as crate::Config>::MaxRegionCodeLength>;

/// A cluster as this runtime stores it.
pub type ClusterOf<T> =
	Cluster<<T as crate::Config>::MaxNameLength, <T as crate::Config>::MaxRegionCodeLength>;

/// A region code such as `IN-KA-BLR`; empty for the whole world.
pub type RegionCode<T> = BoundedVec<u8, <T as crate::Config>::MaxRegionCodeLength>;

/// A human-readable name, in UTF-8.
pub type Name<T> = BoundedVec<u8, <T as crate::Config>::MaxNameLength>;

/// An organisation of the network.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxName, MaxRegion))]
pub struct Organisation<MaxName: Get<u32>, MaxRegion: Get<u32>> {
	/// What it is.
	pub kind: OrgKind,
	/// Its name.
	pub name: BoundedVec<u8, MaxName>,
	/// Where it is, or for an authority what it governs.
	pub region: BoundedVec<u8, MaxRegion>,
	/// The authority that registered it; `None` for those the council registered.
	pub parent: Option<OrgId>,
	/// The cluster of facilities it belongs to.
	pub cluster: Option<ClusterId>,
	/// Whether it may act.
	pub status: OrgStatus,
	/// What it may do.
	pub capabilities: Capabilities,
}

/// A named group of facilities in one locality, with a coordinating organisation.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxName, MaxRegion))]
pub struct Cluster<MaxName: Get<u32>, MaxRegion: Get<u32>> {
	/// Its name.
	pub name: BoundedVec<u8, MaxName>,
	/// The locality it covers.
	pub region: BoundedVec<u8, MaxRegion>,
	/// The organisation that coordinates it.
	pub coordinator: OrgId,
	/// How many facilities belong to it.
	pub size: u32,
}

/// An organisation of the genesis block, in the form a chain spec spells it. Genesis
/// organisations get the ids 0, 1, 2, ... in the order they are listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenesisOrganisation<AccountId> {
	/// What it is.
	pub kind: OrgKind,
	/// Its name.
	pub name: String,
	/// Its region code; empty for the global authority.
	pub region: String,
	/// The id of the authority that registers it, listed before it; `None` for a global or
	/// national authority, which the council registers.
	pub parent: Option<OrgId>,
	/// What it may do.
	#[serde(default)]
	pub capabilities: Vec<Capability>,
	/// The id of the genesis cluster it belongs to.
	#[serde(default)]
	pub cluster: Option<ClusterId>,
	/// Its member accounts and their roles; the first holds `Admin`.
	pub members: Vec<(AccountId, Roles)>,
}

/// A cluster of the genesis block. Genesis clusters get the ids 0, 1, 2, ... in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenesisCluster {
	/// Its name.
	pub name: String,
	/// The locality it covers.
	pub region: String,
	/// The id of the organisation that coordinates it.
	pub coordinator: OrgId,
}

/// Whose population a figure counts: a region (the empty code is the whole world) or the
/// catchment of a cluster.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxRegion))]
pub enum Place<MaxRegion: Get<u32>> {
	/// A region by code.
	Region(BoundedVec<u8, MaxRegion>),
	/// A cluster of facilities.
	Cluster(ClusterId),
}

/// A place as this runtime names it.
pub type PlaceOf<T> = Place<<T as crate::Config>::MaxRegionCodeLength>;

/// The fewest and most people a population figure may count: the world's population fits
/// with room, and a figure of nobody would make every rate a division by zero.
pub const POPULATION_RANGE: core::ops::RangeInclusive<u64> = 1..=20_000_000_000;

/// The years a population figure may be of: censuses and their projections.
pub const POPULATION_YEARS: core::ops::RangeInclusive<u16> = 1950..=2100;

/// The people living in a place, the denominator of its rates, as an authority over the place
/// set it: how many, of which year, and from which source (a census, a projection).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxSource))]
pub struct Population<MaxSource: Get<u32>> {
	/// How many people.
	pub people: u64,
	/// The year the figure is of.
	pub year: u16,
	/// Where it comes from, in UTF-8.
	pub source: BoundedVec<u8, MaxSource>,
	/// The authority that set it: it, and the authorities above it, may change it.
	pub set_by: OrgId,
}

/// A population figure as this runtime stores it; its source is as long as a name may be.
pub type PopulationOf<T> = Population<<T as crate::Config>::MaxNameLength>;
