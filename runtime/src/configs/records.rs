//! Medical records access control: the records pallet's limits and the patient's keys.

use frame_support::parameter_types;

use crate::{AccountId, BlockNumber, Registry, Runtime, Signature, Timestamp, DAYS};

parameter_types! {
	/// A gatekeeper's address and the document's hash in hex, with room to spare.
	pub const MaxPointerLength: u32 = 256;
	/// A lifetime of visits, results and letters.
	pub const MaxEntriesPerRecord: u32 = 100_000;
	/// A lifetime of consents, revoked and expired ones included.
	pub const MaxConsentsPerRecord: u32 = 1_000;
	/// Consents one organisation holds on one record at once (treatment, research, ...);
	/// every access check reads them.
	pub const MaxLiveConsentsPerGrantee: u32 = 8;
	/// A lifetime of audited accesses.
	pub const MaxAuditEntriesPerRecord: u32 = 1_000_000;
	/// A day: long enough for an admission, short enough that a forgotten one ends.
	pub const EmergencyAccessDuration: BlockNumber = DAYS;
}

impl pallet_records::Config for Runtime {
	type Registry = Registry;
	type UnixTime = Timestamp;
	// A patient's key is a key of one of the chain's signature schemes, in the form of an
	// account, so that the same tools make and read it; it never signs a transaction.
	type PatientKey = AccountId;
	type PatientSignature = Signature;
	type MaxPointerLength = MaxPointerLength;
	type MaxEntriesPerRecord = MaxEntriesPerRecord;
	type MaxConsentsPerRecord = MaxConsentsPerRecord;
	type MaxLiveConsentsPerGrantee = MaxLiveConsentsPerGrantee;
	type MaxAuditEntriesPerRecord = MaxAuditEntriesPerRecord;
	type EmergencyAccessDuration = EmergencyAccessDuration;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::RecordsBenchmarks;
}
