//! The instruments pallet's rows of the origin matrix: Jayanagar Health Centre's analyser,
//! whose key is `//Analyser`.

use frame_support::BoundedVec;
use healthnet_primitives::instruments::{
	instrument_proof_message, result_batch_message, InstrumentKind, Outcome, TestKind,
};
use sp_core::Pair;
use sp_runtime::traits::IdentifyAccount;

use super::{
	bounded,
	rows::{JAYANAGAR, TODAY},
	Row, Who,
};
use crate::{AccountId, Runtime, RuntimeCall};

fn instruments(call: pallet_instruments::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Instruments(call)
}

fn key() -> sp_core::sr25519::Pair {
	sp_core::sr25519::Pair::from_string("//Analyser", None).expect("a valid derivation")
}

fn analyser() -> AccountId {
	sp_runtime::MultiSigner::from(key().public()).into_account()
}

fn signed(message: &[u8]) -> crate::Signature {
	key().sign(message).into()
}

/// The clinic registers the analyser, with its proof for this chain (built in the cell).
fn register() -> RuntimeCall {
	let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
	let (model, serial) = ("QuantStudio 5", "272510");
	let message = instrument_proof_message(
		&genesis,
		JAYANAGAR,
		InstrumentKind::PcrAnalyser,
		model.as_bytes(),
		serial.as_bytes(),
	);
	instruments(pallet_instruments::Call::register_instrument {
		instrument: analyser(),
		kind: InstrumentKind::PcrAnalyser,
		model: bounded(model),
		serial: bounded(serial),
		proof: signed(&message),
	})
}

/// The analyser's first batch: one positive PCR result of COVID-19 yesterday.
fn first_batch() -> RuntimeCall {
	let batch = pallet_instruments::ResultBatchOf::<Runtime> {
		genesis: frame_system::Pallet::<Runtime>::block_hash(0),
		instrument: analyser(),
		number: 0,
		results: BoundedVec::truncate_from(vec![pallet_instruments::TestResultOf::<Runtime> {
			day: TODAY - 1,
			disease: bounded("RA01"),
			test: TestKind::Pcr,
			outcome: Outcome::Positive,
			lineage: None,
		}]),
	};
	let signature = signed(&result_batch_message(&batch));
	instruments(pallet_instruments::Call::attest_results { batch, signature })
}

pub(super) fn instrument_rows() -> Vec<Row> {
	use pallet_instruments::Call::*;
	let registered = || vec![(Who::Clinic, register())];
	let suspended = move || {
		let mut steps = registered();
		steps.push((Who::Authority, instruments(suspend_instrument { instrument: analyser() })));
		steps
	};
	vec![
		Row::lazy(Vec::new, register),
		Row::lazy(registered, || instruments(remove_instrument { instrument: analyser() })),
		Row::lazy(registered, || instruments(suspend_instrument { instrument: analyser() })),
		Row::lazy(suspended, || instruments(reinstate_instrument { instrument: analyser() })),
		Row::lazy(registered, first_batch),
	]
}
