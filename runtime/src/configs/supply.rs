//! The medical supply chain: the supply pallet's limits, the temperature loggers the
//! membership gate admits, and surveillance's answer to the under-reporting check.

use frame_support::{parameter_types, traits::ContainsPair};
use healthnet_primitives::{
	supply::{ReportedTests, TestsReported},
	surveillance::Period,
	OrgId,
};

use super::health::MaxDiseaseCodeLength;
use crate::{AccountId, Registry, Runtime, RuntimeCall, Timestamp};

parameter_types! {
	/// A lot number as printed on a vial or box (GS1 allows 20 characters).
	pub const MaxLotNumberLength: u32 = 20;
	/// The lots of one consignment.
	pub const MaxItemsPerShipment: u32 = 16;
	/// A lot's custody steps, excursions and decisions over its life.
	pub const MaxTraceLength: u32 = 1_000;
	/// A holder's temperature loggers: a cold store's fridges and transport boxes.
	pub const MaxSensorsPerHolder: u32 = 100;
	/// GS1 company prefixes of one manufacturer: a company holds one, a group a few.
	pub const MaxPrefixesPerManufacturer: u32 = 16;
	/// A facility keeps at most this many requisitions open (or waiting for a quarantine
	/// decision): enough for every product it stocks, and a bound on what one decision reads.
	pub const MaxOpenRequisitions: u32 = 32;
}

impl pallet_supply::Config for Runtime {
	type Registry = Registry;
	type UnixTime = Timestamp;
	type TestsReported = SurveillanceTests;
	type TestsAttested = crate::Instruments;
	type MaxLotNumberLength = MaxLotNumberLength;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxItemsPerShipment = MaxItemsPerShipment;
	type MaxTraceLength = MaxTraceLength;
	type SensorSignature = crate::Signature;
	type SensorSigner = <crate::Signature as sp_runtime::traits::Verify>::Signer;
	type MaxSensorsPerHolder = MaxSensorsPerHolder;
	type MaxPrefixesPerManufacturer = MaxPrefixesPerManufacturer;
	// Uses are recorded as far back as surveillance takes reports, so that test kits used and
	// tests reported are compared over the same days.
	type MaxUseAge = super::health::MaxReportAge;
	type MaxOpenRequisitions = MaxOpenRequisitions;
	type WeightInfo = pallet_supply::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::SupplyBenchmarks;
}

/// The temperature loggers that holders registered: the membership gate admits one for
/// reporting an excursion, and nothing else, while its holder is active and holds stock.
pub struct LoggerCalls;
impl ContainsPair<AccountId, RuntimeCall> for LoggerCalls {
	fn contains(who: &AccountId, call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::Supply(pallet_supply::Call::report_excursion { .. }))
			&& pallet_supply::Pallet::<Runtime>::hears_sensor(who)
	}
}

/// The tests a facility reported for a disease and day: those of its current version, while
/// the report counts (pending or approved).
pub struct SurveillanceTests;
impl TestsReported for SurveillanceTests {
	fn tests_reported(org: OrgId, disease: &[u8], period: Period) -> Option<ReportedTests> {
		let disease =
			pallet_surveillance::DiseaseCode::<Runtime>::try_from(disease.to_vec()).ok()?;
		let (report, version) =
			pallet_surveillance::Pallet::<Runtime>::current_report(org, &disease, period)?;
		report.status.is_counted().then_some(ReportedTests {
			performed: version.counts.tests_performed,
			positive: version.counts.tests_positive,
		})
	}
}
