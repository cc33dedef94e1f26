//! Medical records access control: the records pallet's limits and the patient's keys.

use frame_support::parameter_types;

use crate::{AccountId, BlockNumber, Registry, Runtime, Signature, Timestamp, DAYS, HOURS};

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
	/// An hour: a clinician who opens the same document again and again during a visit is one
	/// line of the trail, with a count.
	pub const AuditCoalescePeriod: BlockNumber = HOURS;
	/// New lines of reading one organisation may open in one record's trail in a day: a ward
	/// round reads a few dozen targets; a loop is refused to its reader only.
	pub const MaxReadLinesPerDay: u32 = 200;
	/// A day: long enough for an admission, short enough that a forgotten one ends.
	pub const EmergencyAccessDuration: BlockNumber = DAYS;
	/// Break-glass declarations one care provider may make in a day, all records together: a
	/// busy emergency department's, not a crawler's.
	pub const MaxEmergenciesPerDay: u32 = 50;
	/// A month for the authority to review each declaration.
	pub const EmergencyReviewPeriod: BlockNumber = 30 * DAYS;
	/// Three days in which a patient's app sees a key recovery and may refuse it.
	pub const RecoveryDelay: BlockNumber = 3 * DAYS;
	/// The longest a patient's statement may stay valid: a day (in milliseconds). The CLI
	/// signs for an hour unless told otherwise.
	pub const MaxStatementValidity: u64 = 24 * 60 * 60 * 1_000;
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
	type AuditCoalescePeriod = AuditCoalescePeriod;
	type MaxReadLinesPerDay = MaxReadLinesPerDay;
	type EmergencyAccessDuration = EmergencyAccessDuration;
	type MaxEmergenciesPerDay = MaxEmergenciesPerDay;
	type EmergencyReviewPeriod = EmergencyReviewPeriod;
	type RecoveryDelay = RecoveryDelay;
	type MaxStatementValidity = MaxStatementValidity;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::RecordsBenchmarks;
}
