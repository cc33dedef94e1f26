//! The environment pallet's tests, split by call: helpers that build batches live here.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use healthnet_primitives::{
	environment::{reading_batch_message, Area, Reading},
	Role, Roles,
};
use healthnet_testing as testing;
use sp_runtime::testing::TestSignature;

mod properties;
mod readings;
mod thresholds;

/// The day the tests read: yesterday, the last day that is over.
pub(crate) const DAY: Period = TODAY - 1;

/// A gamma reading of `day`: `mean` and `max` in nSv/h, over 24 hours.
pub(crate) fn gamma(day: Period, mean: u32, max: u32) -> Reading {
	Reading { day, measure: Measure::GammaDoseRate, mean, max, hours: 24 }
}

/// A PM2.5 reading of `day`, in ng/m³.
pub(crate) fn pm25(day: Period, mean: u32, max: u32) -> Reading {
	Reading { day, measure: Measure::Pm25, mean, max, hours: 24 }
}

/// A batch of `readings` for this chain, with `monitor`'s signature over it.
pub(crate) fn signed(
	monitor: u64,
	readings: Vec<Reading>,
) -> (ReadingBatchOf<Test>, TestSignature) {
	let batch = ReadingBatchOf::<Test> {
		genesis: Environment::genesis(),
		monitor,
		readings: BoundedVec::try_from(readings).expect("within the mock's bound"),
	};
	let signature = TestSignature(monitor, reading_batch_message(&batch));
	(batch, signature)
}

/// Records `readings` of `monitor` as a member of its holder would.
pub(crate) fn record(by: u64, monitor: u64, readings: Vec<Reading>) -> DispatchResult {
	let (batch, signature) = signed(monitor, readings);
	Environment::record_readings(RuntimeOrigin::signed(by), batch, signature)
}

/// A region code.
pub(crate) fn region(code: &str) -> RegionCode<Test> {
	code.as_bytes().to_vec().try_into().expect("short")
}

/// An area's level of `measure` on `day`.
pub(crate) fn level(area: Area<&str>, measure: Measure, day: Period) -> AreaLevel {
	let area = match area {
		Area::Cluster(cluster) => Area::Cluster(cluster),
		Area::Region(code) => Area::Region(region(code)),
	};
	Levels::<Test>::get((area, measure, day))
}
