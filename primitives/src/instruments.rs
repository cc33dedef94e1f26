//! What the instruments pallet, the client and the HL7 gateway share: instrument kinds, test
//! kinds and outcomes, the messages behind an instrument's signatures (its proof of
//! possession, a batch of results), and the counts the chain keeps per (facility, disease,
//! day).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::OrgId;

shared_enum! {
	/// What an instrument is.
	pub enum InstrumentKind {
		/// A real-time PCR analyser.
		PcrAnalyser,
		/// A reader of rapid (lateral flow) tests.
		RapidTestReader,
		/// An immunoassay analyser (antigen, antibody).
		ImmunoassayAnalyser,
		/// A genome sequencer.
		Sequencer,
	}
}

impl InstrumentKind {
	/// Whether an instrument of this kind runs tests of kind `test`: a batch with a result of
	/// a test its kind does not run is refused.
	pub fn runs(self, test: TestKind) -> bool {
		matches!(
			(self, test),
			(InstrumentKind::PcrAnalyser, TestKind::Pcr)
				| (
					InstrumentKind::RapidTestReader | InstrumentKind::ImmunoassayAnalyser,
					TestKind::Antigen | TestKind::Antibody
				) | (InstrumentKind::Sequencer, TestKind::Sequencing)
		)
	}
}

shared_enum! {
	/// What kind of test a result is of.
	pub enum TestKind {
		/// Nucleic acid amplification (PCR and the like).
		Pcr,
		/// An antigen test.
		Antigen,
		/// An antibody test.
		Antibody,
		/// Sequencing, which names a lineage.
		Sequencing,
	}
}

shared_enum! {
	/// A test's outcome.
	pub enum Outcome {
		/// The pathogen was found.
		Positive,
		/// It was not.
		Negative,
		/// The test gave no answer (a failed control, an error).
		Invalid,
	}
}

/// What an instrument signs to consent to report for a holder: this tag, the chain's genesis
/// hash, the holder's organisation id and the device it is (kind, model, serial),
/// SCALE-encoded. A registration's kind, model and serial are thus the instrument's own word.
pub const INSTRUMENT_PROOF_TAG: &[u8] = b"healthnet/instruments/proof/v1";

/// What an instrument signs over a batch of results: this tag and the batch's encoding.
pub const RESULT_BATCH_TAG: &[u8] = b"healthnet/instruments/results/v1";

/// The message an instrument of `kind`, `model` and `serial` signs for `holder` on the chain
/// whose genesis is `genesis`.
pub fn instrument_proof_message<Hash: Encode>(
	genesis: &Hash,
	holder: OrgId,
	kind: InstrumentKind,
	model: &[u8],
	serial: &[u8],
) -> Vec<u8> {
	(INSTRUMENT_PROOF_TAG, genesis, holder, kind, model, serial).encode()
}

/// The message an instrument signs over `batch` (its SCALE encoding).
pub fn result_batch_message<Batch: Encode>(batch: &Batch) -> Vec<u8> {
	(RESULT_BATCH_TAG, batch).encode()
}

/// The tests a facility's instruments attested for one disease and day.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct AttestedCounts {
	/// Every result.
	pub tests: u32,
	/// The positive ones.
	pub positives: u32,
	/// The invalid ones.
	pub invalid: u32,
}
