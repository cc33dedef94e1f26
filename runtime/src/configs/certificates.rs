//! Health certificates: the certificates pallet's limits, its council, and the supply chain's
//! lots it asks about.

use frame_support::parameter_types;

use super::TwoThirdsOfCouncil;
use crate::{Registry, Runtime, Supply, Timestamp};

parameter_types! {
	/// Keys an issuer registers over its life: a yearly rotation for decades, and spares.
	pub const MaxKeysPerIssuer: u32 = 64;
	/// Versions of one certificate: an infectivity certificate updated after every result of
	/// a daily test for two months.
	pub const MaxVersions: u32 = 64;
}

impl pallet_certificates::Config for Runtime {
	type Registry = Registry;
	type CouncilOrigin = TwoThirdsOfCouncil;
	type UnixTime = Timestamp;
	type Lots = Supply;
	type MaxKeysPerIssuer = MaxKeysPerIssuer;
	type MaxVersions = MaxVersions;
	type WeightInfo = pallet_certificates::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::CertificatesBenchmarks;
}
