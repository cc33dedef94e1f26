//! Diagnostic instruments: the instruments pallet's limits, with surveillance's disease codes,
//! lineage names and report age, so that what instruments attest and what facilities report
//! are compared over the same days and codes.

use frame_support::parameter_types;

use super::health::{MaxDiseaseCodeLength, MaxLineageLength, MaxReportAge};
use crate::{Registry, Runtime, Timestamp};

parameter_types! {
	/// A model name or a serial number: GS1 serials are at most 20 characters; room for
	/// makers' own.
	pub const MaxInstrumentTextLength: u32 = 64;
	/// Instruments of one laboratory: a large reference laboratory's analysers, readers and
	/// sequencers.
	pub const MaxInstrumentsPerHolder: u32 = 256;
	/// Results in one batch: a PCR run of a 384-well plate fits in two.
	pub const MaxResultsPerBatch: u32 = 256;
	/// Distinct lineages of a disease on one day at one laboratory: genomic surveillance
	/// reports a few dozen at most.
	pub const MaxLineagesPerDay: u32 = 64;
}

impl pallet_instruments::Config for Runtime {
	type Registry = Registry;
	type UnixTime = Timestamp;
	type InstrumentSignature = crate::Signature;
	type InstrumentSigner = <crate::Signature as sp_runtime::traits::Verify>::Signer;
	type MaxTextLength = MaxInstrumentTextLength;
	type MaxInstrumentsPerHolder = MaxInstrumentsPerHolder;
	type MaxResultsPerBatch = MaxResultsPerBatch;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxLineageLength = MaxLineageLength;
	type MaxResultAge = MaxReportAge;
	type MaxLineagesPerDay = MaxLineagesPerDay;
	type WeightInfo = pallet_instruments::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::InstrumentsBenchmarks;
}
