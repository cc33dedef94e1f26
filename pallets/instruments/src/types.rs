//! The instruments' records: an instrument as the chain keeps it, and a test result and a
//! batch of them as an instrument signs them. A result holds a test, a disease, an outcome, a
//! lineage when sequenced and a day: there is no field a patient could be named in.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
pub use healthnet_primitives::instruments::InstrumentStatus;
use healthnet_primitives::{
	instruments::{InstrumentKind, Outcome, TestKind},
	surveillance::Period,
	OrgId,
};
use scale_info::TypeInfo;

/// A registered instrument.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxText))]
pub struct Instrument<MaxText: Get<u32>> {
	/// The facility or laboratory it reports for.
	pub holder: OrgId,
	/// What it is.
	pub kind: InstrumentKind,
	/// Its maker's model name.
	pub model: BoundedVec<u8, MaxText>,
	/// Its serial number.
	pub serial: BoundedVec<u8, MaxText>,
	/// Whether its results count.
	pub status: InstrumentStatus,
	/// The first day its results may be dated: the day an authority last reinstated it, so
	/// that nothing signed while it was suspended counts.
	pub counts_from: Period,
	/// The lowest number its next batch may carry.
	pub next_batch: u32,
}

/// An instrument as this runtime stores it.
pub type InstrumentOf<T> = Instrument<<T as crate::Config>::MaxTextLength>;

/// One result as an instrument signs it.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxDisease, MaxLineage))]
pub struct TestResult<MaxDisease: Get<u32>, MaxLineage: Get<u32>> {
	/// The day the test was run.
	pub day: Period,
	/// The disease tested for, as surveillance codes it (ICD-11, such as RA01).
	pub disease: BoundedVec<u8, MaxDisease>,
	/// The kind of test.
	pub test: TestKind,
	/// Its outcome.
	pub outcome: Outcome,
	/// The lineage a sequencing found, named as surveillance names lineages; only on a
	/// positive sequencing result.
	pub lineage: Option<BoundedVec<u8, MaxLineage>>,
}

/// A result as this runtime takes it.
pub type TestResultOf<T> =
	TestResult<<T as crate::Config>::MaxDiseaseCodeLength, <T as crate::Config>::MaxLineageLength>;

/// A batch of results an instrument signed for one chain, which its holder relays; its number
/// makes it count once (an instrument's key registers once, so numbers never start again).
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
#[scale_info(skip_type_params(MaxDisease, MaxLineage, MaxResults))]
pub struct ResultBatch<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxDisease: Get<u32>,
	MaxLineage: Get<u32>,
	MaxResults: Get<u32>,
> {
	/// The genesis hash of the chain the batch is for.
	pub genesis: Hash,
	/// The instrument that signed it.
	pub instrument: AccountId,
	/// The instrument's batch number, from 0, each higher than the last counted.
	pub number: u32,
	/// The results.
	pub results: BoundedVec<TestResult<MaxDisease, MaxLineage>, MaxResults>,
}

/// A batch as this runtime takes it.
pub type ResultBatchOf<T> = ResultBatch<
	<T as frame_system::Config>::AccountId,
	<T as frame_system::Config>::Hash,
	<T as crate::Config>::MaxDiseaseCodeLength,
	<T as crate::Config>::MaxLineageLength,
	<T as crate::Config>::MaxResultsPerBatch,
>;
