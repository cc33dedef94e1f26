//! The medical supply chain: the supply pallet's limits, the temperature loggers the
//! membership gate admits, and surveillance's answer to the under-reporting check.

use frame_support::{parameter_types, traits::Contains};
use healthnet_primitives::{supply::TestsReported, surveillance::Period, OrgId};

use super::health::MaxDiseaseCodeLength;
use crate::{AccountId, Registry, Runtime, Timestamp};

parameter_types! {
	/// A lot number as printed on a vial or box (GS1 allows 20 characters).
	pub const MaxLotNumberLength: u32 = 20;
	/// The lots of one consignment.
	pub const MaxItemsPerShipment: u32 = 16;
	/// A lot's custody steps, excursions and decisions over its life.
	pub const MaxTraceLength: u32 = 1_000;
}

impl pallet_supply::Config for Runtime {
	type Registry = Registry;
	type UnixTime = Timestamp;
	type TestsReported = SurveillanceTests;
	type MaxLotNumberLength = MaxLotNumberLength;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxItemsPerShipment = MaxItemsPerShipment;
	type MaxTraceLength = MaxTraceLength;
	type WeightInfo = pallet_supply::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::SupplyBenchmarks;
}

/// The temperature loggers that holders registered: the membership gate admits them, and the
/// supply pallet lets them report excursions and nothing else.
pub struct SupplySensors;
impl Contains<AccountId> for SupplySensors {
	fn contains(who: &AccountId) -> bool {
		pallet_supply::Sensors::<Runtime>::contains_key(who)
	}
}

/// The tests a facility reported for a disease and day: those of its current version, while
/// the report counts (pending or approved).
pub struct SurveillanceTests;
impl TestsReported for SurveillanceTests {
	fn tests_performed(org: OrgId, disease: &[u8], period: Period) -> Option<u32> {
		let disease =
			pallet_surveillance::DiseaseCode::<Runtime>::try_from(disease.to_vec()).ok()?;
		let report = pallet_surveillance::Reports::<Runtime>::get((org, &disease, period))?;
		if !report.status.is_counted() {
			return None;
		}
		pallet_surveillance::ReportVersions::<Runtime>::get((org, &disease, period, report.version))
			.map(|version| version.counts.tests_performed)
	}
}
