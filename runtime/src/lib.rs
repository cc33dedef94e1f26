//! # Healthnet runtime
//!
//! The state-transition function of Healthnet, the permissioned public-health chain. This file
//! is the table of contents: the chain's basic types, the transaction extensions and the list
//! of pallets. Each pallet's parameters live in `configs/`, named for their concern; the
//! runtime APIs the node and apps call are in `apis.rs`; the `dev` and `local` genesis presets
//! are in `genesis_config_presets.rs`.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` expands to deeply nested types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Declared first: it defines the `list_benchmarks!` and `add_benchmarks!` macros `apis` uses.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod permissions;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::RuntimeVersion;

pub use healthnet_primitives::{
	AccountId, Balance, BlockNumber, Hash, Nonce, Signature, MILLISECS_PER_BLOCK,
};
#[cfg(feature = "std")]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// The block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// A block whose extrinsics are opaque bytes.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The keys a validator registers for each session: Aura to author, GRANDPA to finalize.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The version of this runtime. Raise `spec_version` with every change of behaviour, so that a
/// runtime upgrade takes effect.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("healthnet"),
	impl_name: Cow::Borrowed("healthnet"),
	authoring_version: 1,
	spec_version: 109,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// Aura slot length: one block per slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks in one minute, for expressing periods in time.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks in one hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks in one day.
pub const DAYS: BlockNumber = HOURS * 24;

/// One unit of the fee token, with 12 decimals.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a unit.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// How an extrinsic names the account it is about.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// A block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks every transaction goes through, in order, before it is dispatched. The
/// membership gate comes before the nonce and the fee, so that an account the chain does not
/// know is told so, whatever its balance.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	pallet_registry::CheckMembership<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it travels on the wire.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run at the next runtime upgrade.
type Migrations = ();

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

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
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;

	// The validator set and the session come before Aura and GRANDPA, so that a new session's
	// authorities are in place before the consensus pallets read them in a block.
	#[runtime::pallet_index(4)]
	pub type Validators = pallet_validators;

	#[runtime::pallet_index(5)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(6)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(7)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(8)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(9)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(10)]
	pub type Registry = pallet_registry;

	#[runtime::pallet_index(11)]
	pub type Surveillance = pallet_surveillance;

	#[runtime::pallet_index(12)]
	pub type Records = pallet_records;

	#[runtime::pallet_index(13)]
	pub type Supply = pallet_supply;

	#[runtime::pallet_index(14)]
	pub type Certificates = pallet_certificates;

	#[runtime::pallet_index(15)]
	pub type Instruments = pallet_instruments;
	#[runtime::pallet_index(16)]
	pub type Channels = pallet_channels;
	#[runtime::pallet_index(17)]
	pub type Environment = pallet_environment;
}
