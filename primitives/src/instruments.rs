//! What the instruments pallet, the client and the HL7 gateway share: instrument kinds, test
//! kinds and outcomes, the messages behind an instrument's signatures (its proof of
//! possession, a batch of results), and the counts the chain keeps per (facility, disease,
//! day).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::{surveillance::Period, OrgId, Page};

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
		/// An ambient gamma dose-rate probe (the environment pallet takes its readings).
		GammaDoseRateMonitor,
		/// A particulate (PM2.5) air-quality monitor (the environment pallet takes its
		/// readings).
		AirQualityMonitor,
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

	/// Whether an instrument of this kind measures `measure`: a reading of a measure its kind
	/// does not take is refused, and an environmental monitor runs no test.
	pub fn measures(self, measure: crate::environment::Measure) -> bool {
		use crate::environment::Measure;
		matches!(
			(self, measure),
			(InstrumentKind::GammaDoseRateMonitor, Measure::GammaDoseRate)
				| (InstrumentKind::AirQualityMonitor, Measure::Pm25)
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
	/// Diagnostic tests (PCR, antigen, antibody): every result.
	pub tests: u32,
	/// The positive ones.
	pub positives: u32,
	/// The invalid ones.
	pub invalid: u32,
	/// Sequencing results, apart: a sequenced sample was most often tested before, so it is
	/// not another test of the same person.
	pub sequenced: u32,
	/// The distinct lineages its positive sequencing results named.
	pub lineages: u32,
}

/// Whether an instrument's results count. A removed instrument's record stays, so that its
/// key never registers again.
#[derive(
	Clone,
	Copy,
	Debug,
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
pub enum InstrumentStatus {
	/// Its results count.
	Active,
	/// An authority over its holder (`by`) suspended it: nothing it signs counts until that
	/// authority, or one above it, reinstates it, and then only results dated from that day.
	Suspended {
		/// The authority.
		by: OrgId,
	},
	/// Removed by its holder (`by` the holder) or by an authority: it counts nothing again.
	Removed {
		/// Who removed it.
		by: OrgId,
	},
}

/// An instrument as apps read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct InstrumentView<AccountId> {
	/// Its account, the key it signs with.
	pub account: AccountId,
	/// The facility or laboratory it reports for.
	pub holder: OrgId,
	/// What it is.
	pub kind: InstrumentKind,
	/// Its maker's model name.
	pub model: Vec<u8>,
	/// Its serial number.
	pub serial: Vec<u8>,
	/// Whether its results count.
	pub status: InstrumentStatus,
	/// The first day its results may be dated.
	pub counts_from: Period,
	/// The lowest number its next batch may carry.
	pub next_batch: u32,
}

/// What a holder's instruments attested for a disease on a day.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct AttestedDay {
	/// The day.
	pub period: Period,
	/// Its tests, positives and invalid results.
	pub counts: AttestedCounts,
	/// The lineages of its positive sequencing results, with their counts, by name.
	pub lineages: Vec<(Vec<u8>, u32)>,
}

/// The most days one call of [`InstrumentsApi::attested`] reads: a year.
pub const MAX_ATTESTED_DAYS: u32 = 366;

/// What other pallets may know of the tests instruments attested: the supply pallet's
/// under-reporting check compares them with what a facility reported.
pub trait TestsAttested {
	/// What `org`'s instruments attested for `disease` on `period`.
	fn attested(org: OrgId, disease: &[u8], period: Period) -> AttestedCounts;
}

impl TestsAttested for () {
	fn attested(_: OrgId, _: &[u8], _: Period) -> AttestedCounts {
		AttestedCounts::default()
	}
}

/// What other pallets may know of a registered instrument: the environment pallet takes the
/// readings of monitors registered here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstrumentInfo {
	/// The facility or laboratory it reports for.
	pub holder: OrgId,
	/// What it is.
	pub kind: InstrumentKind,
	/// Whether what it signs counts (neither suspended nor removed).
	pub active: bool,
	/// The first day what it signs may be dated.
	pub counts_from: Period,
}

/// Looks up registered instruments for other pallets.
pub trait InstrumentLookup<AccountId> {
	/// `account`'s instrument, `None` when the key never registered.
	fn instrument_info(account: &AccountId) -> Option<InstrumentInfo>;
}

sp_api::decl_runtime_apis! {
	/// What apps read of diagnostic instruments.
	pub trait InstrumentsApi<AccountId> where AccountId: codec::Codec {
		/// An instrument, removed ones included; `None` when the key never registered.
		fn instrument(account: AccountId) -> Option<InstrumentView<AccountId>>;
		/// A holder's instruments (removed ones included), after `after` in the chain's order
		/// (that of its storage keys), at most `limit`.
		fn instruments_of(holder: OrgId, after: Option<AccountId>, limit: u32) -> Page<InstrumentView<AccountId>, AccountId>;
		/// What a holder's instruments attested for a disease from `from` to `to` (at most
		/// [`MAX_ATTESTED_DAYS`], cut there), the days with results only, in order.
		fn attested(holder: OrgId, disease: Vec<u8>, from: Period, to: Period) -> Vec<AttestedDay>;
	}
}
