//! What the checks every signed transaction passes (the transaction extensions of
//! `TxExtension`) are charged on top of `ExtrinsicBaseWeight`, the base weight of every
//! extrinsic.
//!
//! frame charges an extrinsic its class's `base_extrinsic`, its call's weight and the weight of
//! each extension. `ExtrinsicBaseWeight` (`weights/extrinsic_weights.rs`) is what the node's
//! `benchmark overhead` measured a signed `System::remark` to cost, in blocks full of them: the
//! benchmark signs each remark with this runtime's whole `TxExtension`, so the measure already
//! holds the computation of every extension on that path, besides decoding and the signature's
//! check. Charged again as each extension's measured weight, that computation was counted
//! twice (polkadot-sdk issue 9981): 110 µs of the 140 µs base, in the weights of 2026-11-26.
//! The benchmark builds only such remarks, so the base cannot be measured without the
//! extensions; the runtime keeps the one measure that ran the whole path, and charges an
//! extension only what that measure leaves out:
//!
//! - the signer's account, which the nonce's check reads and writes: the benchmark signs every
//!   remark with one account, which stays in the block's storage overlay after its first
//!   transaction, while a block of many signers reads and writes one account for each. The
//!   fee is withdrawn from the same `System::Account` entry after the nonce's check has written
//!   it, so from the overlay: it is charged no second read and write;
//! - the membership gate (`pallet_registry::CheckMembership`, weighed by the registry's
//!   `check_membership`), whose look-ups depend on the signer, which the benchmark never
//!   varies.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// frame-system's checks as measured on this runtime (`scripts/bench runtime`).
type Measured<T> = crate::weights::frame_system_extensions::WeightInfo<T>;

/// frame-system's checks and the fee's, charged for what `ExtrinsicBaseWeight` leaves out.
pub struct BeyondTheBase<T>(PhantomData<T>);

impl<T: frame_system::Config> BeyondTheBase<T> {
	/// One read and one write of the signer's account, with the proof size `measured` gave
	/// them: the part of a measured check that the base, whose one signer's account is in
	/// memory, does not hold.
	fn account_access(measured: Weight) -> Weight {
		T::DbWeight::get().reads_writes(1, 1).set_proof_size(measured.proof_size())
	}
}

/// The checks that touch no storage (their measures read and write nothing and prove no
/// bytes; a runtime test keeps it so) are all in the base. The nonce's check reads and
/// writes `System::Account` once.
impl<T: frame_system::Config> frame_system::ExtensionsWeightInfo for BeyondTheBase<T> {
	fn check_genesis() -> Weight {
		Weight::zero()
	}
	fn check_mortality_mortal_transaction() -> Weight {
		Weight::zero()
	}
	fn check_mortality_immortal_transaction() -> Weight {
		Weight::zero()
	}
	fn check_non_zero_sender() -> Weight {
		Weight::zero()
	}
	fn check_nonce() -> Weight {
		Self::account_access(<Measured<T> as frame_system::ExtensionsWeightInfo>::check_nonce())
	}
	fn check_spec_version() -> Weight {
		Weight::zero()
	}
	fn check_tx_version() -> Weight {
		Weight::zero()
	}
	fn check_weight() -> Weight {
		Weight::zero()
	}
	fn weight_reclaim() -> Weight {
		Weight::zero()
	}
}

/// The fee's computation is in the base, and the one entry it reads and writes, the signer's
/// `System::Account` (balances keep their accounts in frame-system's), the nonce's check has
/// already paid for.
impl<T: frame_system::Config> pallet_transaction_payment::WeightInfo for BeyondTheBase<T> {
	fn charge_transaction_payment() -> Weight {
		Weight::zero()
	}
}
