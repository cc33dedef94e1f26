//! Taking a batch of daily readings (every check before any write, then each area's day
//! written once), and the thresholds and alerts on the regions they roll up to.

use alloc::{collections::BTreeMap, vec::Vec};

use super::*;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{
	environment::{reading_batch_message, Area},
	registry::{region_and_ancestors, validate_region_code},
	surveillance::PERIOD_MILLIS,
	Capability, Role,
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Today, as a surveillance period.
	pub(crate) fn today() -> Period {
		(T::UnixTime::now().as_millis() / u128::from(PERIOD_MILLIS)) as Period
	}

	/// The genesis hash every signature is bound to.
	pub(crate) fn genesis() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// [`Pallet::record_readings`] for `who`.
	pub(crate) fn record(
		who: &T::AccountId,
		batch: ReadingBatchOf<T>,
		signature: &T::MonitorSignature,
	) -> DispatchResult {
		let monitor =
			T::Instruments::instrument_info(&batch.monitor).ok_or(Error::<T>::UnknownMonitor)?;
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.org == monitor.holder, Error::<T>::NotAReporter);
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.roles.has(Role::Reporter), Error::<T>::NotAReporter);
		ensure!(member.capabilities.has(Capability::ReportCases), Error::<T>::CannotReportCases);
		ensure!(monitor.active, Error::<T>::MonitorNotActive);
		ensure!(batch.genesis == Self::genesis(), Error::<T>::WrongChain);
		ensure!(!batch.readings.is_empty(), Error::<T>::EmptyBatch);
		let message = reading_batch_message(&batch);
		ensure!(signature.verify(&message[..], &batch.monitor), Error::<T>::BadSignature);

		let holder = monitor.holder;
		let region = T::Registry::region_of(holder)
			.and_then(|code| RegionCode::<T>::try_from(code).ok())
			.ok_or(Error::<T>::HolderWithoutRegion)?;
		let mut areas: Vec<AreaOf<T>> = region_and_ancestors(&region)
			.filter_map(|code| RegionCode::<T>::try_from(code.to_vec()).ok())
			.map(Area::Region)
			.collect();
		if let Some(cluster) = T::Registry::cluster_of(holder) {
			areas.push(Area::Cluster(cluster));
		}

		let today = Self::today();
		let oldest = today.saturating_sub(T::MaxReadingAge::get()).max(monitor.counts_from);
		let mut seen = BTreeMap::new();
		for reading in &batch.readings {
			ensure!(reading.day < today, Error::<T>::DayNotOver);
			ensure!(reading.day >= oldest, Error::<T>::DayTooOld);
			ensure!(monitor.kind.measures(reading.measure), Error::<T>::MeasureNotOfMonitorKind);
			ensure!(reading.mean <= reading.max, Error::<T>::MeanAboveMax);
			ensure!(
				(T::MinHoursPerDay::get()..=24).contains(&reading.hours),
				Error::<T>::BadHourCount
			);
			let key = (reading.measure, reading.day);
			ensure!(
				seen.insert(key, ()).is_none()
					&& !Readings::<T>::contains_key((&batch.monitor, reading.measure, reading.day)),
				Error::<T>::ReadingExists
			);
		}

		// Each area's day read and written once, however many readings of the batch it takes.
		let mut levels = BTreeMap::<(AreaOf<T>, Measure, Period), AreaLevel>::new();
		for reading in &batch.readings {
			Readings::<T>::insert(
				(&batch.monitor, reading.measure, reading.day),
				ReadingValues::from(reading),
			);
			for area in &areas {
				levels
					.entry((area.clone(), reading.measure, reading.day))
					.or_insert_with(|| Levels::<T>::get((area, reading.measure, reading.day)))
					.add(reading, holder);
			}
		}
		let mut thresholds = BTreeMap::new();
		for ((area, measure, day), level) in levels {
			if let Area::Region(code) = &area {
				let threshold = *thresholds
					.entry((code.clone(), measure))
					.or_insert_with(|| Thresholds::<T>::get(code, measure));
				if let Some(threshold) = threshold {
					Self::raise_alert(code, measure, day, &level, threshold);
				}
			}
			Levels::<T>::insert((area, measure, day), level);
		}
		Self::deposit_event(Event::ReadingsRecorded {
			monitor: batch.monitor,
			holder,
			readings: batch.readings.len() as u32,
		});
		Ok(())
	}

	/// Records the alert of `region`, `measure` and `day` if `level` reaches `threshold` and
	/// the day has none yet, or raises the value of the one it has.
	fn raise_alert(
		region: &RegionCode<T>,
		measure: Measure,
		day: Period,
		level: &AreaLevel,
		threshold: LevelThreshold,
	) {
		let (value, holder) = level.highest(threshold.statistic);
		if value < threshold.level {
			return;
		}
		let key = (region, measure, day);
		match Alerts::<T>::get(key) {
			Some(alert) if alert.value >= value => {},
			Some(alert) => Alerts::<T>::insert(key, LevelAlert { value, holder, ..alert }),
			None => {
				Alerts::<T>::insert(key, LevelAlert { value, threshold, holder });
				Self::deposit_event(Event::LevelAlertRaised {
					region: region.clone(),
					measure,
					day,
					value,
					level: threshold.level,
					holder,
				});
			},
		}
	}

	/// [`Pallet::set_level_threshold`] for `who`.
	pub(crate) fn change_threshold(
		who: &T::AccountId,
		region: RegionCode<T>,
		measure: Measure,
		statistic: Statistic,
		level: u32,
	) -> DispatchResult {
		if !region.is_empty() {
			let (_, depth) = T::Registry::region_limits();
			validate_region_code(&region, depth).map_err(|_| Error::<T>::MalformedRegionCode)?;
		}
		let authority =
			T::Registry::authority_over(who, &region).ok_or(Error::<T>::NotAuthorityForRegion)?;
		ensure!(authority.roles.has(Role::Reviewer), Error::<T>::NotAReviewer);
		let by = authority.org;
		let existing = Thresholds::<T>::get(&region, measure);
		if let Some(existing) = existing {
			let owner = T::Registry::region_of(existing.set_by).unwrap_or(region.to_vec());
			ensure!(
				existing.set_by == by || T::Registry::authority_over(who, &owner).is_some(),
				Error::<T>::ThresholdOwnedAbove
			);
		}
		if level == 0 {
			ensure!(existing.is_some(), Error::<T>::NoThreshold);
			Thresholds::<T>::remove(&region, measure);
		} else {
			let threshold = LevelThreshold { statistic, level, set_by: by };
			Thresholds::<T>::insert(&region, measure, threshold);
			// The days just past are judged by it at once: an authority sets a threshold
			// when it needs to know. (Today has no reading yet: a day is read once over.)
			let today = Self::today();
			let area = Area::Region(region.clone());
			for day in today.saturating_sub(T::AlertLookback::get())..today {
				let figures = Levels::<T>::get((&area, measure, day));
				if figures.monitors > 0 {
					Self::raise_alert(&region, measure, day, &figures, threshold);
				}
			}
		}
		Self::deposit_event(Event::LevelThresholdSet { region, measure, statistic, level, by });
		Ok(())
	}
}
