//! The parameters of every pallet, one file per concern.

mod certificates;
mod channels;
mod consensus;
mod environment;
mod extensions;
mod fees;
mod governance;
mod health;
mod instruments;
mod records;
mod supply;
mod system;

pub use consensus::{MAX_AUTHORITIES, SESSION_LENGTH};
pub use extensions::BeyondTheBase;
pub use governance::{
	CouncilCollective, CouncilMotionDuration, TwoThirdsOfCouncil, MAX_COUNCIL_MEMBERS,
};
pub use health::{
	BootstrapCalls, CouncilAndValidators, CouncilAndValidatorsReads, MaxNameLength,
	MaxRegionCodeLength, MaxRegionDepth, ValidatorsKeepTheirKeys,
};

pub use system::{OnlyHealthData, RuntimeBlockLength, RuntimeBlockWeights};
