//! The runtime's own weights, generated on a release build by `scripts/bench overhead` (the
//! node's `benchmark overhead`): what executing an empty block and a no-op extrinsic cost on
//! the build machine. `configs/system.rs` builds the block weight limits from them. Never
//! edited by hand.

pub mod block_weights;
pub mod extrinsic_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
