//! What the environment pallet, the client and the monitor gateway share: the measures
//! environmental monitors take (ambient gamma dose rate, PM2.5), the daily reading a monitor
//! signs, the levels the chain rolls up per cluster and region, the thresholds authorities set
//! on them and the alerts those raise.
//!
//! Every value is an integer in thousandths of its measure's unit: a gamma dose rate in nSv/h
//! (0.085 µSv/h is 85), PM2.5 in ng/m³ (12.4 µg/m³ is 12 400), so that the chain never rounds.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::{registry::ClusterId, surveillance::Period, OrgId};

/// What an environmental monitor measures (ordered, so that a batch's days sort by it).
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Measure {
	/// The ambient gamma dose rate, H*(10), in nSv/h (thousandths of µSv/h).
	GammaDoseRate,
	/// Fine particulate matter (PM2.5), in ng/m³ (thousandths of µg/m³).
	Pm25,
}

impl Measure {
	/// The measure's unit as people read it (values are in thousandths of it).
	pub fn unit(self) -> &'static str {
		match self {
			Measure::GammaDoseRate => "µSv/h",
			Measure::Pm25 => "µg/m³",
		}
	}
}

shared_enum! {
	/// Which daily figure of a monitor a threshold is on.
	pub enum Statistic {
		/// The day's mean (what air-quality limits are set on: a 24-hour mean).
		DailyMean,
		/// The day's highest hourly value (what dose-rate early warning looks at).
		DailyMax,
	}
}

/// One monitor's day of one measure, as the monitor (or the station's data logger) signs it.
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
pub struct Reading {
	/// The day (UTC) the values are of.
	pub day: Period,
	/// What was measured.
	pub measure: Measure,
	/// The mean of the day's hourly values, in thousandths of the unit.
	pub mean: u32,
	/// The day's highest hourly value, in thousandths of the unit.
	pub max: u32,
	/// How many valid hourly values the day had (1 to 24).
	pub hours: u8,
}

/// What a monitor signs over a batch of readings: this tag and the batch's encoding.
pub const READING_BATCH_TAG: &[u8] = b"healthnet/environment/readings/v1";

/// The message a monitor signs over `batch` (its SCALE encoding).
pub fn reading_batch_message<Batch: Encode>(batch: &Batch) -> Vec<u8> {
	(READING_BATCH_TAG, batch).encode()
}

/// What the chain keeps of an area's (a cluster's or a region's) day of one measure: enough to
/// give the mean of its monitors' means and their highest values.
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
pub struct AreaLevel {
	/// How many monitors' days it holds.
	pub monitors: u32,
	/// The sum of their daily means.
	pub sum_of_means: u64,
	/// The highest daily mean of any of them.
	pub highest_mean: u32,
	/// The organisation holding the monitor of the highest daily mean (the first to reach it).
	pub highest_mean_at: OrgId,
	/// The highest hourly value of any of them.
	pub highest_max: u32,
	/// The organisation holding the monitor of the highest hourly value.
	pub highest_max_at: OrgId,
}

impl AreaLevel {
	/// The mean of its monitors' daily means, in thousandths of the unit; `None` without any.
	pub fn mean(&self) -> Option<u32> {
		(self.monitors > 0).then(|| (self.sum_of_means / u64::from(self.monitors)) as u32)
	}

	/// The figure a threshold on `statistic` is compared with, the highest of the monitors',
	/// and the organisation holding the monitor that measured it.
	pub fn highest(&self, statistic: Statistic) -> (u32, OrgId) {
		match statistic {
			Statistic::DailyMean => (self.highest_mean, self.highest_mean_at),
			Statistic::DailyMax => (self.highest_max, self.highest_max_at),
		}
	}

	/// Adds the `reading` of a monitor `holder` holds.
	pub fn add(&mut self, reading: &Reading, holder: OrgId) {
		if self.monitors == 0 || reading.mean > self.highest_mean {
			(self.highest_mean, self.highest_mean_at) = (reading.mean, holder);
		}
		if self.monitors == 0 || reading.max > self.highest_max {
			(self.highest_max, self.highest_max_at) = (reading.max, holder);
		}
		self.monitors = self.monitors.saturating_add(1);
		self.sum_of_means = self.sum_of_means.saturating_add(u64::from(reading.mean));
	}
}

/// An authority's threshold on a measure for a region: an alert is raised for a day on which
/// a monitor in the region reaches it.
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
pub struct LevelThreshold {
	/// Which daily figure it is on.
	pub statistic: Statistic,
	/// The value that raises an alert, in thousandths of the unit.
	pub level: u32,
	/// The authority that set it.
	pub set_by: OrgId,
}

/// An alert: on its day a monitor in the region reached the region's threshold.
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
pub struct LevelAlert {
	/// The figure that reached the threshold, in thousandths of the unit.
	pub value: u32,
	/// The threshold then, with its statistic and who set it.
	pub threshold: LevelThreshold,
	/// The organisation holding the monitor that measured the value.
	pub holder: OrgId,
}

/// An area that levels roll up to.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Area<Region> {
	/// A cluster of facilities.
	Cluster(ClusterId),
	/// A region by its code; the empty code is the whole world.
	Region(Region),
}

/// An area's day of a measure as apps read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct LevelDay {
	/// The day.
	pub day: Period,
	/// Its monitors' figures.
	pub level: AreaLevel,
	/// The alert of the day, for a region that had one.
	pub alert: Option<LevelAlert>,
}

/// The most days one read of levels, readings or alerts covers: a year.
pub const MAX_LEVEL_DAYS: u32 = 366;

sp_api::decl_runtime_apis! {
	/// What apps read of environmental monitoring.
	pub trait EnvironmentApi<AccountId> where AccountId: codec::Codec {
		/// An area's days of `measure` from `from` to `to` (at most [`MAX_LEVEL_DAYS`], cut
		/// there), the days with readings or an alert only, in order.
		fn levels(area: Area<Vec<u8>>, measure: Measure, from: Period, to: Period) -> Vec<LevelDay>;
		/// A monitor's readings of `measure` from `from` to `to` (at most [`MAX_LEVEL_DAYS`]).
		fn monitor_readings(monitor: AccountId, measure: Measure, from: Period, to: Period) -> Vec<Reading>;
		/// The thresholds set on a region, by measure.
		fn thresholds(region: Vec<u8>) -> Vec<(Measure, LevelThreshold)>;
	}
}
