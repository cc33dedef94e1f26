//! The environment pallet's rows of the origin matrix: Jayanagar Health Centre's gamma
//! dose-rate probe, whose key is `//Probe`, and a threshold on Karnataka.

use frame_support::BoundedVec;
use healthnet_primitives::{
	environment::{reading_batch_message, Measure, Reading, Statistic},
	instruments::{instrument_proof_message, InstrumentKind},
};
use sp_core::Pair;
use sp_runtime::traits::IdentifyAccount;

use super::{
	bounded,
	rows::{JAYANAGAR, TODAY},
	Row, Who,
};
use crate::{AccountId, Runtime, RuntimeCall};

fn key() -> sp_core::sr25519::Pair {
	sp_core::sr25519::Pair::from_string("//Probe", None).expect("a valid derivation")
}

fn probe() -> AccountId {
	sp_runtime::MultiSigner::from(key().public()).into_account()
}

fn signed(message: &[u8]) -> crate::Signature {
	key().sign(message).into()
}

/// The clinic registers the probe with the instruments pallet, with its proof for this chain.
fn register() -> RuntimeCall {
	let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
	let (model, serial) = ("GammaTRACER XL2", "GT-20931");
	let kind = InstrumentKind::GammaDoseRateMonitor;
	let message =
		instrument_proof_message(&genesis, JAYANAGAR, kind, model.as_bytes(), serial.as_bytes());
	RuntimeCall::Instruments(pallet_instruments::Call::register_instrument {
		instrument: probe(),
		kind,
		model: bounded(model),
		serial: bounded(serial),
		proof: signed(&message),
	})
}

/// Yesterday's reading of the probe: 0.095 µSv/h on average, 0.130 at most.
fn readings() -> RuntimeCall {
	let batch = pallet_environment::ReadingBatchOf::<Runtime> {
		genesis: frame_system::Pallet::<Runtime>::block_hash(0),
		monitor: probe(),
		readings: BoundedVec::truncate_from(vec![Reading {
			day: TODAY - 1,
			measure: Measure::GammaDoseRate,
			mean: 95,
			max: 130,
			hours: 24,
		}]),
	};
	let signature = signed(&reading_batch_message(&batch));
	RuntimeCall::Environment(pallet_environment::Call::record_readings { batch, signature })
}

pub(super) fn environment_rows() -> Vec<Row> {
	vec![
		Row::lazy(|| vec![(Who::Clinic, register())], readings),
		Row::lazy(Vec::new, || {
			RuntimeCall::Environment(pallet_environment::Call::set_level_threshold {
				region: bounded("IN-KA"),
				measure: Measure::GammaDoseRate,
				statistic: Statistic::DailyMax,
				level: 300,
			})
		}),
	]
}
