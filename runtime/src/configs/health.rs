//! The Healthnet domain pallets: who is who (the registry), and later surveillance, records,
//! supply and certificates.

use frame_support::parameter_types;

use crate::{configs::TwoThirdsOfCouncil, Runtime, RuntimeEvent};

parameter_types! {
	/// Room for a country, a subdivision and three local levels (`IN-KA-BLR-...`).
	pub const MaxRegionCodeLength: u32 = 32;
	/// A country, a subdivision and up to three local levels.
	pub const MaxRegionDepth: u32 = 5;
	/// Enough for the official name of any organisation.
	pub const MaxNameLength: u32 = 128;
	/// A large hospital's staff accounts that sign reports and records.
	pub const MaxMembersPerOrganisation: u32 = 1_000;
	/// The facilities of one locality's cluster.
	pub const MaxClusterSize: u32 = 200;
}

impl pallet_registry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CouncilOrigin = TwoThirdsOfCouncil;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxNameLength = MaxNameLength;
	type MaxMembersPerOrganisation = MaxMembersPerOrganisation;
	type MaxClusterSize = MaxClusterSize;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
}
