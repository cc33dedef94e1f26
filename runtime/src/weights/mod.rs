//! The runtime's own weights, generated on a release build by `scripts/bench runtime`, never
//! edited by hand:
//!
//! - what executing an empty block and a no-op extrinsic cost (the node's `benchmark
//!   overhead`): `block_weights`, `extrinsic_weights`;
//! - the calls and transaction extensions of the frame pallets every transaction or block runs
//!   through (`benchmark pallet`): `frame_system`, `frame_system_extensions`,
//!   `pallet_balances`, `pallet_timestamp`, `pallet_transaction_payment`;
//! - a read and a write of the node's database, ParityDB, on a filled bench chain (`benchmark
//!   storage`): `paritydb_weights`.
//!
//! `configs/` takes every frame pallet's `WeightInfo` and the database's prices from here.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
// The generator documents each field of the weight it writes.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
