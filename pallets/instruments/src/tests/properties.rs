//! Random sequences of every call from the laboratory, the clinic, a reporter and the
//! authorities, with batches signed right, forged, replayed or dated out of range: a refused
//! call changes nothing, and after every step what the chain counts per (holder, disease,
//! day) equals the results of the batches it accepted, each batch counted once.

use std::collections::BTreeMap;

use healthnet_primitives::instruments::{Outcome, TestKind};
use healthnet_testing as testing;
use proptest::prelude::*;

use super::*;

/// The PCR analysers: 900 and 905 registered by the laboratory, 902 by the clinic.
const KEYS: [u64; 3] = [900, 905, 902];

#[derive(Clone, Debug)]
enum Step {
	Register {
		instrument: usize,
	},
	Remove {
		by: u64,
		instrument: usize,
	},
	Suspend {
		by: u64,
		instrument: usize,
	},
	Reinstate {
		by: u64,
		instrument: usize,
	},
	/// `results` (day back from today, disease, positive) signed by the instrument, or by
	/// another key when `forged`, numbered `skew` past the next batch.
	Attest {
		by: u64,
		instrument: usize,
		results: Vec<(u32, bool, bool)>,
		forged: bool,
		skew: u32,
	},
}

fn caller() -> impl Strategy<Value = u64> {
	prop_oneof![
		Just(account(LAB)),
		Just(LAB_REPORTER),
		Just(account(CLINIC)),
		Just(account(KARNATAKA)),
		Just(account(BENGALURU)),
		Just(account(INDIA)),
	]
}

fn step() -> impl Strategy<Value = Step> {
	let instrument = 0..KEYS.len();
	let results = proptest::collection::vec((0..35u32, any::<bool>(), any::<bool>()), 0..4);
	let skew = prop_oneof![8 => Just(0u32), 1 => Just(1), 1 => Just(u32::MAX)];
	prop_oneof![
		2 => instrument.clone().prop_map(|instrument| Step::Register { instrument }),
		1 => (caller(), instrument.clone()).prop_map(|(by, instrument)| Step::Remove { by, instrument }),
		1 => (caller(), instrument.clone()).prop_map(|(by, instrument)| Step::Suspend { by, instrument }),
		1 => (caller(), instrument.clone()).prop_map(|(by, instrument)| Step::Reinstate { by, instrument }),
		6 => (caller(), instrument, results, proptest::bool::weighted(0.1), skew).prop_map(
			|(by, instrument, results, forged, skew)| Step::Attest { by, instrument, results, forged, skew }
		),
	]
}

/// The holder whose key officer registers instrument `index`.
fn holder_of(index: usize) -> (u64, u32) {
	if index < 2 {
		(account(LAB), LAB)
	} else {
		(account(CLINIC), CLINIC)
	}
}

/// Runs `step`; returns the counts to add when it succeeds.
fn run(step: &Step) -> (DispatchResult, Vec<((u32, &'static str, u32), (u32, u32))>) {
	match step.clone() {
		Step::Register { instrument } => {
			let (officer, holder) = holder_of(instrument);
			(register_for(officer, KEYS[instrument], holder), vec![])
		},
		Step::Remove { by, instrument } => {
			(Instruments::remove_instrument(RuntimeOrigin::signed(by), KEYS[instrument]), vec![])
		},
		Step::Suspend { by, instrument } => {
			(Instruments::suspend_instrument(RuntimeOrigin::signed(by), KEYS[instrument]), vec![])
		},
		Step::Reinstate { by, instrument } => {
			(Instruments::reinstate_instrument(RuntimeOrigin::signed(by), KEYS[instrument]), vec![])
		},
		Step::Attest { by, instrument, results, forged, skew } => {
			let key = KEYS[instrument];
			let Some(record) = crate::Instruments::<Test>::get(key) else {
				let (batch, signature) = unregistered_batch(key);
				return (attest(by, (batch, signature)), vec![]);
			};
			let signed: Vec<_> = results
				.iter()
				.map(|(back, flu, positive)| {
					let disease = if *flu { "1E30" } else { "RA01" };
					let outcome = if *positive { Outcome::Positive } else { Outcome::Negative };
					result(TODAY.wrapping_sub(*back), disease, TestKind::Pcr, outcome)
				})
				.collect();
			let counted = results
				.iter()
				.map(|(back, flu, positive)| {
					let disease = if *flu { "1E30" } else { "RA01" };
					((record.holder, disease, TODAY.wrapping_sub(*back)), (1, u32::from(*positive)))
				})
				.collect();
			let batch = ResultBatchOf::<Test> {
				genesis: genesis(),
				instrument: key,
				number: record.next_batch.wrapping_add(skew),
				results: signed.try_into().unwrap(),
			};
			let signer = if forged { 999 } else { key };
			let signature = TestSignature(signer, result_batch_message(&batch));
			(attest(by, (batch, signature)), counted)
		},
	}
}

/// Whether `step`, an attestation, should count, from what the model knows: a registered,
/// active instrument; a reporter of its holder; its next number; its own signature; one result
/// at least, none older than the mock's 30 days.
fn should_count(step: &Step) -> Option<bool> {
	let Step::Attest { by, instrument, results, forged, skew } = step else { return None };
	let Some(record) = crate::Instruments::<Test>::get(KEYS[*instrument]) else {
		return Some(false);
	};
	let reporters =
		if record.holder == LAB { vec![account(LAB), LAB_REPORTER] } else { vec![account(CLINIC)] };
	// A number past the next one counts (skipping those between); one that wraps below does
	// not, and the last number there is leaves none after it.
	let number = record.next_batch.wrapping_add(*skew);
	let oldest = TODAY.saturating_sub(30).max(record.counts_from);
	Some(
		reporters.contains(by)
			&& record.status == InstrumentStatus::Active
			&& number >= record.next_batch
			&& number < u32::MAX
			&& !forged
			&& !results.is_empty()
			&& results.iter().all(|(back, ..)| TODAY - back >= oldest),
	)
}

/// A batch of an instrument nobody registered.
fn unregistered_batch(key: u64) -> (ResultBatchOf<Test>, TestSignature) {
	let batch = ResultBatchOf::<Test> {
		genesis: genesis(),
		instrument: key,
		number: 0,
		results: vec![result(TODAY, "RA01", TestKind::Pcr, Outcome::Positive)].try_into().unwrap(),
	};
	let signature = TestSignature(key, result_batch_message(&batch));
	(batch, signature)
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn what_is_counted_is_what_instruments_signed_once(
		steps in proptest::collection::vec(step(), 1..50)
	) {
		new_test_ext().execute_with(|| {
			let mut model = BTreeMap::<(u32, &'static str, u32), (u32, u32)>::new();
			for step in &steps {
				let expected = should_count(step);
				let (result, counted) = testing::refusal_changes_nothing(step, || {
					let (result, counted) = run(step);
					result.map(|()| counted)
				})
				.map_err(TestCaseError::fail)?
				.map_or((false, vec![]), |counted| (true, counted));
				if let Some(expected) = expected {
					prop_assert_eq!(result, expected, "{:?}", step);
				}
				if result {
					for (key, (tests, positives)) in counted {
						let entry = model.entry(key).or_default();
						entry.0 += tests;
						entry.1 += positives;
					}
				}
				for ((org, disease, day), (tests, positives)) in &model {
					let stored = attested(*org, disease, *day);
					prop_assert_eq!((stored.tests, stored.positives), (*tests, *positives));
				}
				let stored: u32 = Attested::<Test>::iter_values().map(|c| c.tests).sum();
				let modelled: u32 = model.values().map(|(tests, _)| tests).sum();
				prop_assert_eq!(stored, modelled, "counts nobody signed");
				for (holder, count) in InstrumentCounts::<Test>::iter() {
					let held = crate::HolderInstruments::<Test>::iter_prefix(holder).count() as u32;
					prop_assert_eq!(count, held);
					prop_assert!(count <= MaxInstrumentsPerHolder::get());
				}
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
