//! A test runtime with system and certificates, the stand-in registry of a few issuers and
//! authorities, a clock the tests set, and a supply chain's lots the tests set.

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types};
use frame_system::EnsureRoot;
use healthnet_primitives::{supply::ProductKind, Capabilities, Capability};
use healthnet_testing::{self as testing, TestOrg, TestRegistry};
use sp_runtime::BuildStorage;

use crate::{self as pallet_certificates, *};

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
	pub type Certificates = pallet_certificates;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	static LOTS: RefCell<BTreeMap<LotId, (ProductKind, Option<u64>)>> = const { RefCell::new(BTreeMap::new()) };
}

/// The supply chain's lots, which the tests set with [`add_lot`] and [`recall`].
pub struct TestLots;
impl LotRecalls<u64> for TestLots {
	fn product_kind(lot: LotId) -> Option<ProductKind> {
		LOTS.with(|l| l.borrow().get(&lot).map(|(kind, _)| *kind))
	}
	fn recalled_at(lot: LotId) -> Option<u64> {
		LOTS.with(|l| l.borrow().get(&lot).and_then(|(_, at)| *at))
	}
}

/// Adds lot `lot` of a product of `kind`.
pub fn add_lot(lot: LotId, kind: ProductKind) {
	LOTS.with(|l| l.borrow_mut().insert(lot, (kind, None)));
}

/// Recalls lot `lot` at the current block.
pub fn recall(lot: LotId) {
	let now = System::block_number();
	LOTS.with(|l| l.borrow_mut().get_mut(&lot).expect("a test lot").1 = Some(now));
}

parameter_types! {
	pub const MaxKeysPerIssuer: u32 = 3;
	pub const MaxVersions: u32 = 4;
	pub const RegionLimits: (u32, u32) = (16, 3);
}

impl pallet_certificates::Config for Test {
	type Registry = TestRegistry<RegionLimits>;
	type CouncilOrigin = EnsureRoot<u64>;
	type UnixTime = testing::Clock;
	type Lots = TestLots;
	type MaxKeysPerIssuer = MaxKeysPerIssuer;
	type MaxVersions = MaxVersions;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Chain;
}

/// India's national authority.
pub const INDIA: OrgId = 0;
/// Karnataka's authority.
pub const KARNATAKA: OrgId = 1;
/// A laboratory in Bengaluru that issues certificates.
pub const LAB: OrgId = 2;
/// A clinic in Bengaluru that issues certificates.
pub const CLINIC: OrgId = 3;
/// A clinic that may not issue certificates.
pub const PLAIN_CLINIC: OrgId = 4;
/// Maharashtra's authority, which is not over Karnataka.
pub const MAHARASHTRA: OrgId = 5;
/// The organisations above, in order.
pub const ORGS: [OrgId; 6] = [INDIA, KARNATAKA, LAB, CLINIC, PLAIN_CLINIC, MAHARASHTRA];

/// The member account of an organisation above.
pub fn account(org: OrgId) -> u64 {
	10 * (u64::from(org) + 1)
}

/// A vaccine lot.
pub const VACCINE_LOT: LotId = 1;
/// A lot of test kits.
pub const KIT_LOT: LotId = 2;

/// The tests' time: 2026-11-24 12:00 UTC, in Unix seconds.
pub const NOW: u64 = 1_795_521_600;
/// A day, in seconds.
pub const DAY: u64 = 86_400;

/// The chain above, the clock at [`NOW`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let org = |region: &str, capabilities: &[Capability], authority| TestOrg {
		region: region.as_bytes().to_vec(),
		cluster: None,
		capabilities: Capabilities::of(capabilities),
		authority,
		active: true,
	};
	let issue = [Capability::IssueCertificates];
	testing::reset(
		[
			(account(INDIA), org("IN", &[], true)),
			(account(KARNATAKA), org("IN-KA", &[], true)),
			(account(LAB), org("IN-KA-BLR", &issue, false)),
			(account(CLINIC), org("IN-KA-BLR", &issue, false)),
			(account(PLAIN_CLINIC), org("IN-KA-BLR", &[Capability::ReportCases], false)),
			(account(MAHARASHTRA), org("IN-MH", &[], true)),
		],
		[],
	);
	LOTS.with(|l| l.borrow_mut().clear());
	add_lot(VACCINE_LOT, ProductKind::Vaccine);
	add_lot(KIT_LOT, ProductKind::TestKit);
	testing::set_now(NOW * 1_000);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// The benchmarks, run as tests, generate their issuer keys in a keystore.
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The benchmarks' issuer, authority and lot in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct Chain;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Chain {
	fn issuer_and_authority() -> (u64, u64) {
		(account(LAB), account(INDIA))
	}
	fn vaccine_lot() -> LotId {
		VACCINE_LOT
	}
}
