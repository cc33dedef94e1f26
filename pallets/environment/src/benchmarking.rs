//! Benchmarks of every call in its worst case: a batch of the most readings, each its own day,
//! from a holder in a cluster and as deep a region as regions go, every region level with a
//! threshold each reading reaches, so that every reading writes its own day of every area and
//! raises an alert at every region level; a threshold set over one set above, judging every
//! day it looks back at, each raising an alert.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use healthnet_primitives::{
	environment::{reading_batch_message, Reading},
	instruments::InstrumentKind,
	registry::region_and_ancestors,
};

/// Every region level above and including the holder's, by code.
fn holder_regions<T: Config>(reporter: &T::AccountId) -> Vec<RegionCode<T>> {
	let holder = T::Registry::org_of(reporter).expect("the helper's holder");
	let region = T::Registry::region_of(holder).expect("the holder's region");
	region_and_ancestors(&region)
		.map(|code| code.to_vec().try_into().expect("a registry code fits"))
		.collect()
}

fn reading(day: Period, mean: u32) -> Reading {
	Reading { day, measure: Measure::GammaDoseRate, mean, max: mean + 1, hours: 24 }
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn record_readings(r: Linear<1, { T::MaxReadingsPerBatch::get() }>) {
		let (reporter, reviewer) = T::BenchmarkHelper::accounts();
		let by = T::Registry::org_of(&reviewer).expect("the helper's authority");
		// Written straight to storage: no one authority is over every level, the world's
		// included, and what is measured is the readings' cost, not the thresholds'.
		for code in holder_regions::<T>(&reporter) {
			let threshold = LevelThreshold { statistic: Statistic::DailyMax, level: 1, set_by: by };
			Thresholds::<T>::insert(code, Measure::GammaDoseRate, threshold);
		}
		let monitor = T::BenchmarkHelper::monitor(InstrumentKind::GammaDoseRateMonitor);
		let today = Pallet::<T>::today();
		let readings: Vec<Reading> = (1..=r).map(|i| reading(today - i, 100 + i)).collect();
		let batch = ReadingBatchOf::<T> {
			genesis: Pallet::<T>::genesis(),
			monitor: monitor.clone(),
			readings: BoundedVec::try_from(readings).expect("within the bound"),
		};
		let signature = T::BenchmarkHelper::sign(&reading_batch_message(&batch));

		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), batch, signature);

		assert!(Readings::<T>::contains_key((&monitor, Measure::GammaDoseRate, today - 1)));
		assert!(Alerts::<T>::contains_key((
			RegionCode::<T>::default(),
			Measure::GammaDoseRate,
			today - 1
		)));
	}

	#[benchmark]
	fn set_level_threshold() {
		let (reporter, reviewer) = T::BenchmarkHelper::accounts();
		let monitor = T::BenchmarkHelper::monitor(InstrumentKind::GammaDoseRateMonitor);
		let today = Pallet::<T>::today();
		// A reading on every day the threshold looks back at, in as many batches as they need.
		let days: Vec<Reading> =
			(1..=T::AlertLookback::get()).map(|i| reading(today - i, 100)).collect();
		for chunk in days.chunks(T::MaxReadingsPerBatch::get() as usize) {
			let batch = ReadingBatchOf::<T> {
				genesis: Pallet::<T>::genesis(),
				monitor: monitor.clone(),
				readings: BoundedVec::try_from(chunk.to_vec()).expect("within the bound"),
			};
			let signature = T::BenchmarkHelper::sign(&reading_batch_message(&batch));
			Pallet::<T>::record_readings(
				RawOrigin::Signed(reporter.clone()).into(),
				batch,
				signature,
			)
			.expect("the helper's reporter relays");
		}
		let region = holder_regions::<T>(&reporter).remove(0);
		// A threshold set by another organisation of the region, so that the call checks that
		// the caller's authority is over it.
		let holder = T::Registry::org_of(&reporter).expect("the helper's holder");
		let threshold =
			LevelThreshold { statistic: Statistic::DailyMean, level: 1_000, set_by: holder };
		Thresholds::<T>::insert(&region, Measure::GammaDoseRate, threshold);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(reviewer),
			region.clone(),
			Measure::GammaDoseRate,
			Statistic::DailyMean,
			1,
		);

		assert!(Alerts::<T>::contains_key((region, Measure::GammaDoseRate, today - 1)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
