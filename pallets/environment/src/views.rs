//! What apps read of environmental monitoring: an area's days, a monitor's readings and a
//! region's thresholds.

use alloc::vec::Vec;

use super::*;
use healthnet_primitives::environment::{Area, LevelDay, Reading, MAX_LEVEL_DAYS};

impl<T: Config> Pallet<T> {
	/// `area`'s days of `measure` from `from` to `to` (cut to [`MAX_LEVEL_DAYS`]) with
	/// readings or an alert, in order.
	pub fn levels_of(
		area: Area<Vec<u8>>,
		measure: Measure,
		from: Period,
		to: Period,
	) -> Vec<LevelDay> {
		let area: AreaOf<T> = match area {
			Area::Cluster(cluster) => Area::Cluster(cluster),
			Area::Region(code) => match RegionCode::<T>::try_from(code) {
				Ok(code) => Area::Region(code),
				Err(_) => return Vec::new(),
			},
		};
		let to = to.min(from.saturating_add(MAX_LEVEL_DAYS - 1));
		(from..=to)
			.filter_map(|day| {
				let level = Levels::<T>::get((&area, measure, day));
				let alert = match &area {
					Area::Region(code) => Alerts::<T>::get((code, measure, day)),
					Area::Cluster(_) => None,
				};
				(level.monitors > 0 || alert.is_some()).then_some(LevelDay { day, level, alert })
			})
			.collect()
	}

	/// `monitor`'s readings of `measure` from `from` to `to` (cut to [`MAX_LEVEL_DAYS`]).
	pub fn readings_of(
		monitor: T::AccountId,
		measure: Measure,
		from: Period,
		to: Period,
	) -> Vec<Reading> {
		let to = to.min(from.saturating_add(MAX_LEVEL_DAYS - 1));
		(from..=to)
			.filter_map(|day| {
				Readings::<T>::get((&monitor, measure, day)).map(|values| Reading {
					day,
					measure,
					mean: values.mean,
					max: values.max,
					hours: values.hours,
				})
			})
			.collect()
	}

	/// The thresholds set on `region`, by measure.
	pub fn thresholds_of(region: Vec<u8>) -> Vec<(Measure, LevelThreshold)> {
		match RegionCode::<T>::try_from(region) {
			Ok(code) => Thresholds::<T>::iter_prefix(code).collect(),
			Err(_) => Vec::new(),
		}
	}
}
