//! The chain's frame: block size and weight limits, accounts, hashing and the database model.

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::ConstU32,
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;

use crate::{
	weights::{self, BlockExecutionWeight, ExtrinsicBaseWeight, ParityDbWeight},
	AccountId, Balance, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, VERSION,
};

/// A quarter of each block's weight is kept for operational extrinsics such as a council motion
/// that must get through when the block is full of reports.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// One second of computation in a 3-second block leaves the rest for import and propagation.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// 5 MiB: room for a runtime upgrade's code in one block.
const MAXIMUM_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const Version: sp_version::RuntimeVersion = VERSION;
	/// How far back a transaction's mortality may refer: about two hours of blocks.
	pub const BlockHashCount: BlockNumber = 2400;
	/// The block's limits, with the base weights of a block and of an extrinsic measured on a
	/// release build (`runtime/src/weights/`) rather than frame's defaults. The extrinsic's
	/// holds the computation of its transaction extensions (`extensions.rs`).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAXIMUM_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_LENGTH
		})
		.build();
	/// The generic Substrate address format; Healthnet has no registered prefix.
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDB: reads and writes are priced as measured on it.
	type DbWeight = ParityDbWeight;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	/// The checks every transaction passes (nonce, mortality, weight...), charged for what
	/// `ExtrinsicBaseWeight`, which measured them, leaves out: the signer's account.
	type ExtensionsWeightInfo = super::extensions::BeyondTheBase<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type BaseCallFilter = OnlyHealthData;
}

/// The calls the chain dispatches: all but `System::remark` and `remark_with_event`, so that
/// the chain holds only the data its pallets define. The membership gate refuses a filtered
/// call already in the pool, so it never takes space in a block.
///
/// The benchmarking runtime (`runtime-benchmarks`, which no network runs) takes remarks: the
/// node's `benchmark overhead` measures the base weight of an extrinsic with them.
pub struct OnlyHealthData;
impl frame_support::traits::Contains<RuntimeCall> for OnlyHealthData {
	fn contains(call: &RuntimeCall) -> bool {
		cfg!(feature = "runtime-benchmarks")
			|| !matches!(
				call,
				RuntimeCall::System(
					frame_system::Call::remark { .. }
						| frame_system::Call::remark_with_event { .. }
				)
			)
	}
}
