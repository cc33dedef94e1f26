//! Benchmarks of every call in its worst case: the longest texts; a removal, a suspension and
//! a reinstatement by authorities (the way through the holder's region), the removal and the
//! reinstatement by an authority above the one that suspended; a batch of the most results,
//! each its own (disease, day) and lineage, so that every result writes two new entries.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use healthnet_primitives::instruments::{
	instrument_proof_message, result_batch_message, Outcome, TestKind,
};

/// Registers the helper's instrument (the helper also sets the clock a year or more past the
/// epoch) for its holder; returns the accounts and the instrument.
fn registered<T: Config>(
) -> ((T::AccountId, T::AccountId, T::AccountId, T::AccountId), T::AccountId) {
	let accounts = T::BenchmarkHelper::accounts();
	let instrument = T::BenchmarkHelper::instrument();
	let holder = T::Registry::org_of(&accounts.0).expect("the helper's holder");
	let (model, serial) = (longest::<T>(b'M'), longest::<T>(b'S'));
	let message = instrument_proof_message(
		&Pallet::<T>::genesis(),
		holder,
		InstrumentKind::Sequencer,
		&model,
		&serial,
	);
	Pallet::<T>::register_instrument(
		RawOrigin::Signed(accounts.0.clone()).into(),
		instrument.clone(),
		InstrumentKind::Sequencer,
		model,
		serial,
		T::BenchmarkHelper::sign(&message),
	)
	.expect("the helper's key officer registers");
	(accounts, instrument)
}

fn longest<T: Config>(byte: u8) -> TextOf<T> {
	vec![byte; T::MaxTextLength::get() as usize].try_into().expect("the longest allowed")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_instrument() {
		let (officer, ..) = T::BenchmarkHelper::accounts();
		let instrument = T::BenchmarkHelper::instrument();
		let holder = T::Registry::org_of(&officer).expect("the helper's holder");
		let (model, serial) = (longest::<T>(b'M'), longest::<T>(b'S'));
		let message = instrument_proof_message(
			&Pallet::<T>::genesis(),
			holder,
			InstrumentKind::PcrAnalyser,
			&model,
			&serial,
		);
		let proof = T::BenchmarkHelper::sign(&message);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(officer),
			instrument.clone(),
			InstrumentKind::PcrAnalyser,
			model,
			serial,
			proof,
		);

		assert!(Instruments::<T>::contains_key(&instrument));
	}

	// Suspended by one authority and removed by the one above it: both regions are read.
	#[benchmark]
	fn remove_instrument() {
		let ((_, _, authority, above), instrument) = registered::<T>();
		Pallet::<T>::suspend_instrument(RawOrigin::Signed(authority).into(), instrument.clone())
			.expect("the authority suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(above), instrument.clone());

		assert!(Instruments::<T>::get(&instrument)
			.is_some_and(|i| matches!(i.status, InstrumentStatus::Removed { .. })));
	}

	#[benchmark]
	fn suspend_instrument() {
		let ((_, _, authority, _), instrument) = registered::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), instrument.clone());

		assert!(Instruments::<T>::get(&instrument)
			.is_some_and(|i| i.status != InstrumentStatus::Active));
	}

	#[benchmark]
	fn reinstate_instrument() {
		let ((_, _, authority, above), instrument) = registered::<T>();
		Pallet::<T>::suspend_instrument(RawOrigin::Signed(authority).into(), instrument.clone())
			.expect("the authority suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(above), instrument.clone());

		assert!(Instruments::<T>::get(&instrument)
			.is_some_and(|i| i.status == InstrumentStatus::Active));
	}

	#[benchmark]
	fn attest_results(r: Linear<1, { T::MaxResultsPerBatch::get() }>) {
		let ((_, reporter, ..), instrument) = registered::<T>();
		let today = Pallet::<T>::today();
		// Every result on a day of its own: the helper's clock leaves a year behind today.
		assert!(today >= T::MaxResultAge::get(), "the helper sets a clock past the epoch");
		let disease: DiseaseCode<T> = vec![b'D'; T::MaxDiseaseCodeLength::get() as usize]
			.try_into()
			.expect("the longest allowed");
		let results = (0..r)
			.map(|i| {
				// The longest lineage name, told apart by `i`'s digits.
				let mut lineage = vec![b'L'; T::MaxLineageLength::get() as usize];
				let digits = alloc::format!("{i}");
				let length = lineage.len();
				let start = length.saturating_sub(digits.len());
				lineage[start..].copy_from_slice(&digits.as_bytes()[..length - start]);
				TestResultOf::<T> {
					day: today.saturating_sub(i % T::MaxResultAge::get().max(1)),
					disease: disease.clone(),
					test: TestKind::Sequencing,
					outcome: Outcome::Positive,
					lineage: Some(lineage.try_into().expect("the longest allowed")),
				}
			})
			.collect::<alloc::vec::Vec<_>>();
		let batch = ResultBatchOf::<T> {
			genesis: Pallet::<T>::genesis(),
			instrument: instrument.clone(),
			number: 0,
			results: results.try_into().expect("at most the most"),
		};
		let signature = T::BenchmarkHelper::sign(&result_batch_message(&batch));

		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), batch, signature);

		assert_eq!(Instruments::<T>::get(&instrument).map(|i| i.next_batch), Some(1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
