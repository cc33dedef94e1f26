//! A test runtime: system, balances (for session key deposits), session and this pallet, with
//! sessions of five blocks and Root standing in for the council.

use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use sp_runtime::{testing::UintAuthorityId, traits::ConvertInto, BuildStorage};

use crate as pallet_validators;

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
	pub type Balances = pallet_balances;
	// Before the session pallet, whose genesis asks it for the first validators.
	#[runtime::pallet_index(2)]
	pub type Validators = pallet_validators;
	#[runtime::pallet_index(3)]
	pub type Session = pallet_session;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// Blocks per session in the tests.
pub const SESSION_LENGTH: u64 = 5;

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession =
		pallet_session::PeriodicSessions<pallet_validators::SessionLengthOf<Test>, ConstU64<0>>;
	type NextSessionRotation =
		pallet_session::PeriodicSessions<pallet_validators::SessionLengthOf<Test>, ConstU64<0>>;
	type SessionManager = Validators;
	type SessionHandler = pallet_session::TestSessionHandler;
	type Keys = UintAuthorityId;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU64<0>;
}

parameter_types! {
	pub const MinValidators: u32 = 2;
	pub const MaxValidators: u32 = 4;
	pub const MaxAllowedNodes: u32 = 3;
	pub const SlotDuration: u64 = 3_000;
	pub const MinSlotDuration: u64 = 500;
}

impl pallet_validators::Config for Test {
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type MinValidators = MinValidators;
	type MaxValidators = MaxValidators;
	type MaxAllowedNodes = MaxAllowedNodes;
	type SlotDuration = SlotDuration;
	type MinSlotDuration = MinSlotDuration;
	type SessionLength = ConstU64<SESSION_LENGTH>;
	type FinalityRecovery = StallNotes;
	type WeightInfo = ();
}

thread_local! {
	static STALLS: core::cell::RefCell<Vec<(u64, u64, Vec<u64>)>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Stands in for GRANDPA: records each noted stall with the active set at that moment.
pub struct StallNotes;
impl pallet_validators::NoteStalled<u64> for StallNotes {
	fn note_stalled(delay: u64, best_finalized: u64) {
		STALLS.with(|s| s.borrow_mut().push((delay, best_finalized, Session::validators())));
	}
}

/// The stalls noted so far: (delay, last finalized block, the active validators then).
pub fn stalls() -> Vec<(u64, u64, Vec<u64>)> {
	STALLS.with(|s| s.borrow().clone())
}

/// The genesis validators.
pub const GENESIS_VALIDATORS: [u64; 2] = [1, 2];

/// Accounts 1 to 9 exist; 1 and 2 are validators with keys.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with_slot(None)
}

/// [`new_test_ext`] with the genesis `slot_duration` given.
pub fn new_test_ext_with_slot(slot_duration: Option<u64>) -> sp_io::TestExternalities {
	new_test_ext_with(slot_duration, None)
}

/// [`new_test_ext`] with the genesis `slot_duration` and `session_length` given.
pub fn new_test_ext_with(
	slot_duration: Option<u64>,
	session_length: Option<u64>,
) -> sp_io::TestExternalities {
	new_test_ext_closed(slot_duration, session_length, Vec::new())
}

/// [`new_test_ext_with`] of a network that starts closed to all but `allowed_nodes`.
pub fn new_test_ext_closed(
	slot_duration: Option<u64>,
	session_length: Option<u64>,
	allowed_nodes: Vec<healthnet_primitives::network::NodeKey>,
) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..10).map(|account| (account, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: GENESIS_VALIDATORS.iter().map(|&v| (v, v, UintAuthorityId(v))).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_validators::GenesisConfig::<Test> {
		validators: GENESIS_VALIDATORS.to_vec(),
		slot_duration,
		session_length,
		allowed_nodes,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	STALLS.with(|s| s.borrow_mut().clear());
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Sets the session keys of `account` through the session pallet's own call.
pub fn set_keys(account: u64) {
	Session::set_keys(RuntimeOrigin::signed(account), UintAuthorityId(account), Vec::new())
		.unwrap();
}

/// Runs blocks up to and including the first block of session `index`.
pub fn run_to_session(index: u32) {
	while Session::current_index() < index {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<Session as frame_support::traits::Hooks<u64>>::on_initialize(next);
	}
}
