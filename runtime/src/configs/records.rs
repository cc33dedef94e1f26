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
	type BenchmarkHelper = RecordsBenchmarks;
}

/// Registers care providers through the registry's own calls, and makes patients whose keys
/// sign with ECDSA, the scheme whose verification (a public key recovery) costs most.
#[cfg(feature = "runtime-benchmarks")]
pub struct RecordsBenchmarks;

#[cfg(feature = "runtime-benchmarks")]
impl RecordsBenchmarks {
	const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"pati");

	fn ecdsa_key(index: u32) -> sp_core::ecdsa::Public {
		let uri = alloc::format!("//Patient//{index}");
		sp_io::crypto::ecdsa_generate(Self::KEY_TYPE, Some(uri.into_bytes()))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_records::BenchmarkHelper<AccountId, AccountId, Signature> for RecordsBenchmarks {
	fn care_provider(index: u32) -> (AccountId, AccountId) {
		use healthnet_primitives::{Capabilities, Capability};
		let (member, authority, _) = super::health::benchmark_organisation(
			index,
			Capabilities::of(&[Capability::ProvideCare]),
		);
		(member, authority)
	}

	fn patient_key(index: u32) -> AccountId {
		use sp_runtime::traits::IdentifyAccount;
		sp_runtime::MultiSigner::from(Self::ecdsa_key(index)).into_account()
	}

	fn sign(index: u32, message: &[u8]) -> Signature {
		let key = Self::ecdsa_key(index);
		sp_io::crypto::ecdsa_sign(Self::KEY_TYPE, &key, message)
			.expect("the benchmark's keystore holds the key it generated")
			.into()
	}
}
