//! Environmental monitoring: the environment pallet's limits, with the registry's region codes
//! and surveillance's reading age, so that monitors' days and facilities' reports are kept
//! over the same year.

use frame_support::parameter_types;

use super::health::{MaxRegionCodeLength, MaxReportAge};
use crate::{Instruments, Registry, Runtime, Timestamp};

parameter_types! {
	/// Readings in one batch: a month of both measures of a station.
	pub const MaxReadingsPerBatch: u32 = 64;
	/// Days before today a new threshold judges at once: the week an authority looks at.
	pub const AlertLookback: u32 = 7;
	/// Hourly values a day's reading is made of at least: 75 % of 24, the coverage Directive
	/// 2008/50/EC asks of a daily mean (the gateway's `MIN_HOURS`).
	pub const MinHoursPerDay: u8 = 18;
}

impl pallet_environment::Config for Runtime {
	type Registry = Registry;
	type Instruments = Instruments;
	type UnixTime = Timestamp;
	type MonitorSignature = crate::Signature;
	type MonitorSigner = <crate::Signature as sp_runtime::traits::Verify>::Signer;
	type MaxReadingsPerBatch = MaxReadingsPerBatch;
	type MaxReadingAge = MaxReportAge;
	type MinHoursPerDay = MinHoursPerDay;
	type AlertLookback = AlertLookback;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type WeightInfo = pallet_environment::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::EnvironmentBenchmarks;
}
