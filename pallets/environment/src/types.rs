//! The environment pallet's records: a monitor's day as the chain keeps it, and a batch of
//! daily readings as a monitor signs it.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use healthnet_primitives::environment::Reading;
use scale_info::TypeInfo;

/// A monitor's day of a measure, under its (monitor, measure, day) key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ReadingValues {
	/// The mean of the day's hourly values, in thousandths of the unit.
	pub mean: u32,
	/// The day's highest hourly value.
	pub max: u32,
	/// How many hourly values the day had.
	pub hours: u8,
}

impl From<&Reading> for ReadingValues {
	fn from(reading: &Reading) -> Self {
		ReadingValues { mean: reading.mean, max: reading.max, hours: reading.hours }
	}
}

/// A batch of daily readings a monitor signed for one chain, which its holder relays. It
/// needs no number: each (monitor, measure, day) is taken once, so a replay is refused.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxReadings))]
pub struct ReadingBatch<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxReadings: Get<u32>,
> {
	/// The genesis hash of the chain the batch is for.
	pub genesis: Hash,
	/// The monitor that signed it.
	pub monitor: AccountId,
	/// Its readings.
	pub readings: BoundedVec<Reading, MaxReadings>,
}

/// A batch as this runtime takes it.
pub type ReadingBatchOf<T> = ReadingBatch<
	<T as frame_system::Config>::AccountId,
	<T as frame_system::Config>::Hash,
	<T as crate::Config>::MaxReadingsPerBatch,
>;
