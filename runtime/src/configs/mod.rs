//! The parameters of every pallet, one file per concern.

mod consensus;
mod fees;
mod system;

pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
