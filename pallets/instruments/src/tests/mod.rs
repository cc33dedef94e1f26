//! Unit tests: one per rule of the instruments pallet, each attack first.

use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult};
use healthnet_primitives::instruments::{
	instrument_proof_message, result_batch_message, AttestedCounts, InstrumentKind, Outcome,
	TestKind,
};
use sp_runtime::testing::TestSignature;

use crate::{
	mock::*, Attested, AttestedLineages, Error, Event, InstrumentCounts, InstrumentStatus,
	ResultBatchOf, TestResultOf,
};

mod properties;
mod registration;
mod results;
mod views;

/// The instruments' accounts.
const PCR: u64 = 900;
const SEQUENCER: u64 = 901;
const READER: u64 = 903;

fn text(bytes: &str) -> crate::TextOf<Test> {
	bytes.as_bytes().to_vec().try_into().unwrap()
}

fn genesis() -> sp_core::H256 {
	crate::Pallet::<Test>::genesis()
}

/// What instrument `instrument` is: a sequencer, a rapid-test reader or a PCR analyser, with
/// a serial of its own.
fn device(instrument: u64) -> (InstrumentKind, &'static str, String) {
	match instrument {
		SEQUENCER => (InstrumentKind::Sequencer, "MiSeq", format!("M{instrument}")),
		READER => (InstrumentKind::RapidTestReader, "BD Veritor", format!("V{instrument}")),
		_ => (InstrumentKind::PcrAnalyser, "QuantStudio 5", format!("Q{instrument}")),
	}
}

/// `instrument`'s proof of possession for `holder`.
fn proof(instrument: u64, holder: u32) -> TestSignature {
	let (kind, model, serial) = device(instrument);
	let message =
		instrument_proof_message(&genesis(), holder, kind, model.as_bytes(), serial.as_bytes());
	TestSignature(instrument, message)
}

/// `by` registers `instrument` for its organisation, with the instrument's proof for `holder`.
fn register_for(by: u64, instrument: u64, holder: u32) -> DispatchResult {
	let (kind, model, serial) = device(instrument);
	Instruments::register_instrument(
		RuntimeOrigin::signed(by),
		instrument,
		kind,
		text(model),
		text(&serial),
		proof(instrument, holder),
	)
}

/// The laboratory registers `instrument`.
fn register(instrument: u64) {
	assert_ok!(register_for(account(LAB), instrument, LAB));
}

/// A result of `disease` on `day`.
fn result(day: u32, disease: &str, test: TestKind, outcome: Outcome) -> TestResultOf<Test> {
	TestResultOf::<Test> {
		day,
		disease: disease.as_bytes().to_vec().try_into().unwrap(),
		test,
		outcome,
		lineage: None,
	}
}

/// A positive sequencing result naming `lineage`.
fn sequenced(day: u32, lineage: &str) -> TestResultOf<Test> {
	TestResultOf::<Test> {
		lineage: Some(lineage.as_bytes().to_vec().try_into().unwrap()),
		..result(day, "RA01", TestKind::Sequencing, Outcome::Positive)
	}
}

/// `instrument`'s next batch of `results`, and its signature.
fn batch(
	instrument: u64,
	results: Vec<TestResultOf<Test>>,
) -> (ResultBatchOf<Test>, TestSignature) {
	let record = crate::Instruments::<Test>::get(instrument).expect("registered");
	let batch = ResultBatchOf::<Test> {
		genesis: genesis(),
		instrument,
		number: record.next_batch,
		results: results.try_into().unwrap(),
	};
	let signature = TestSignature(instrument, result_batch_message(&batch));
	(batch, signature)
}

/// `by` relays `batch` with `signature`.
fn attest(by: u64, (batch, signature): (ResultBatchOf<Test>, TestSignature)) -> DispatchResult {
	Instruments::attest_results(RuntimeOrigin::signed(by), batch, signature)
}

fn attested(org: u32, disease: &str, day: u32) -> AttestedCounts {
	let disease: crate::DiseaseCode<Test> = disease.as_bytes().to_vec().try_into().unwrap();
	Attested::<Test>::get((org, disease, day))
}
