//! A test runtime with system and records, the stand-in registry of a few organisations, a
//! clock the tests set, and patients whose keys really sign (sr25519, and ECDSA for the
//! benchmarks' worst case).

use frame_support::{derive_impl, parameter_types};
use healthnet_primitives::{Capabilities, Capability, OrgId};
use healthnet_testing::{self as testing, TestOrg, TestRegistry};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{traits::IdentifyAccount, AccountId32, BuildStorage, MultiSignature, MultiSigner};

use crate::{self as pallet_records, *};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Records = pallet_records;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Sets the clock.
pub fn set_now(millis: u64) {
	testing::set_now(millis);
}

/// The chain's time now, as the tests' clock says.
pub fn now() -> u64 {
	<testing::Clock as frame_support::traits::UnixTime>::now().as_millis() as u64
}

/// How long the tests' statements stay valid: an hour from the clock's time.
pub fn until() -> u64 {
	now() + 3_600_000
}

/// The address of a care provider's gatekeeper in the tests.
pub fn base_of(org: OrgId) -> Vec<u8> {
	format!("https://gk{org}.example/documents").into_bytes()
}

/// Noon of 2026-11-24, when the tests begin.
pub const NOON: u64 = 20_781 * 86_400_000 + 43_200_000;

parameter_types! {
	pub const MaxPointerLength: u32 = 128;
	pub const MaxEntriesPerRecord: u32 = 6;
	pub const MaxConsentsPerRecord: u32 = 8;
	pub const MaxLiveConsentsPerGrantee: u32 = 3;
	pub const AuditCoalescePeriod: u64 = 10;
	pub const MaxReadLinesPerDay: u32 = 6;
	pub const EmergencyAccessDuration: u64 = 5;
	pub const MaxEmergenciesPerDay: u32 = 3;
	pub const EmergencyReviewPeriod: u64 = 20;
	pub const RecoveryDelay: u64 = 10;
	pub const MaxStatementValidity: u64 = 6 * 3_600_000;
	pub const RegionLimits: (u32, u32) = (16, 3);
}

impl pallet_records::Config for Test {
	type Registry = TestRegistry<RegionLimits>;
	type UnixTime = testing::Clock;
	type PatientKey = AccountId32;
	type PatientSignature = MultiSignature;
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
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Patients;
}

/// Karnataka's authority; member account 10.
pub const KARNATAKA: OrgId = 0;
/// A clinic in Bengaluru; member account 20.
pub const CLINIC: OrgId = 1;
/// A hospital in Bengaluru; member account 30.
pub const HOSPITAL: OrgId = 2;
/// A research institute; member account 40.
pub const INSTITUTE: OrgId = 3;
/// A laboratory that provides no care; member account 50.
pub const LAB: OrgId = 4;
/// Kerala's authority; member account 60.
pub const KERALA: OrgId = 5;

/// The member account of each organisation above.
pub fn account(org: OrgId) -> u64 {
	10 * (u64::from(org) + 1)
}

/// The genesis hash the tests' chain pretends to have.
pub fn genesis() -> H256 {
	H256::repeat_byte(0x6e)
}

/// The `index`th patient's sr25519 key pair.
pub fn patient(index: u32) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//Patient//{index}"), None).expect("a valid URI")
}

/// The patient key (an account id) of a key pair.
pub fn key_of(pair: &sr25519::Pair) -> AccountId32 {
	MultiSigner::from(pair.public()).into_account()
}

/// `pair`'s signature of `statement` about `record` with `nonce`, on the tests' chain, valid
/// [`until`] an hour from now.
pub fn sign(
	pair: &sr25519::Pair,
	record: &RecordId,
	nonce: u64,
	statement: &PatientStatement<AccountId32>,
) -> MultiSignature {
	MultiSignature::from(pair.sign(&patient_payload(&genesis(), record, nonce, until(), statement)))
}

/// The hierarchy above, the clock at [`NOON`], block 1 with [`genesis`] as block 0's hash, and
/// the clinic's and the hospital's gatekeepers registered.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let care = Capabilities::of(&[Capability::ProvideCare]);
	let org = |region: &str, capabilities, authority| TestOrg {
		region: region.as_bytes().to_vec(),
		cluster: None,
		capabilities,
		authority,
		active: true,
	};
	testing::reset(
		[
			(account(KARNATAKA), org("IN-KA", Capabilities::default(), true)),
			(account(CLINIC), org("IN-KA-BLR", care, false)),
			(account(HOSPITAL), org("IN-KA-BLR", care, false)),
			(
				account(INSTITUTE),
				org("IN-KA", Capabilities::of(&[Capability::ReadResearchData]), false),
			),
			(account(LAB), org("IN-KA", Capabilities::of(&[Capability::ReportCases]), false)),
			(account(KERALA), org("IN-KL", Capabilities::default(), true)),
		],
		[],
	);
	set_now(NOON);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		frame_system::BlockHash::<Test>::insert(0, genesis());
		System::set_block_number(1);
		for provider in [CLINIC, HOSPITAL] {
			DocumentBases::<Test>::insert(
				provider,
				DocumentBase::<Test>::truncate_from(base_of(provider)),
			);
		}
	});
	ext
}

/// The benchmarks' organisations and patients in the mock: each care provider is a new
/// clinic in Bengaluru, under Karnataka's authority; patients sign with ECDSA.
#[cfg(feature = "runtime-benchmarks")]
pub struct Patients;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, AccountId32, MultiSignature> for Patients {
	fn care_provider(index: u32) -> (u64, u64) {
		let account = 1_000 + u64::from(index);
		testing::add_member(account, if index % 2 == 0 { CLINIC } else { HOSPITAL });
		(account, self::account(KARNATAKA))
	}
	fn patient_key(index: u32) -> AccountId32 {
		MultiSigner::from(ecdsa_patient(index).public()).into_account()
	}
	fn sign(index: u32, message: &[u8]) -> MultiSignature {
		MultiSignature::from(ecdsa_patient(index).sign(message))
	}
}

#[cfg(feature = "runtime-benchmarks")]
fn ecdsa_patient(index: u32) -> sp_core::ecdsa::Pair {
	sp_core::ecdsa::Pair::from_string(&format!("//Patient//{index}"), None).expect("a valid URI")
}
