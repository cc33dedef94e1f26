//! Outbreak alerts. An alert of (region, disease, period) is open exactly when the region has a
//! threshold for the disease, the region's confirmed cases of the period are at or above it,
//! and the period lies within [`Config::AlertWindow`] days of today. A variant alert is the
//! same for one lineage of the disease: its threshold and cases are the lineage's. Every change that can
//! alter one of those (a report counted or withdrawn, a threshold set or removed, a day
//! passing) settles the alerts it touches, with an event for each that opens or closes.

use super::*;

/// The thresholds and the open alerts with their indexes: part of the pallet's storage.
#[pallet_section]
mod alert_storage {
	/// The confirmed cases per period at which a region's aggregate of a disease (lineage
	/// `None`) or of one lineage of it raises an alert, and who set it.
	#[pallet::storage]
	pub type Thresholds<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, RegionCode<T>>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Option<Lineage<T>>>,
		),
		Threshold,
	>;

	/// The alerts open now, with the confirmed cases now and the threshold they reached, by
	/// (region, disease, lineage or `None`, period). An alert is open exactly when its period
	/// lies within [`Config::AlertWindow`] and its region's confirmed cases (of the lineage)
	/// are at or above the threshold.
	#[pallet::storage]
	pub type OpenAlerts<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, RegionCode<T>>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Blake2_128Concat, Option<Lineage<T>>>,
			NMapKey<Blake2_128Concat, Period>,
		),
		(u64, u32),
	>;

	/// The open alerts by each region that contains theirs (the empty code: the world), so
	/// that reading a region's alerts reads no others.
	#[pallet::storage]
	pub type AlertsWithin<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		RegionCode<T>,
		Blake2_128Concat,
		(RegionCode<T>, DiseaseCode<T>, Option<Lineage<T>>, Period),
		(),
	>;

	/// The open alerts by period, so that those of expired periods can be found and closed.
	#[pallet::storage]
	pub type AlertsByPeriod<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		Period,
		Blake2_128Concat,
		(RegionCode<T>, DiseaseCode<T>, Option<Lineage<T>>),
		(),
	>;

	/// The oldest period that may still hold open alerts; the expiry goes on from here.
	#[pallet::storage]
	pub type AlertExpiryCursor<T: Config> = StorageValue<_, Period, OptionQuery>;
}

impl<T: Config> Pallet<T> {
	/// [`Pallet::set_threshold`] for the signed caller `who`: checks that it may, writes the
	/// threshold with its owner, and leaves the alerts of the window to the block's end.
	pub(crate) fn change_threshold(
		who: T::AccountId,
		region: RegionCode<T>,
		disease: DiseaseCode<T>,
		lineage: Option<Lineage<T>>,
		confirmed: u32,
	) -> DispatchResult {
		let region = Self::checked_region(region)?;
		let by = Self::reviewer(&who, &region, Error::<T>::NotAuthorityForRegion)?;
		let disease = Self::checked_disease(disease)?;
		if let Some(lineage) = &lineage {
			ensure!(
				healthnet_primitives::surveillance::lineage_name_is_well_formed(lineage),
				Error::<T>::MalformedLineage
			);
		}
		let key = (&region, &disease, &lineage);
		if let Some(existing) = Thresholds::<T>::get(key) {
			let owner = T::Registry::region_of(existing.set_by).unwrap_or(region.to_vec());
			ensure!(
				existing.set_by == by || T::Registry::authority_over(&who, &owner).is_some(),
				Error::<T>::ThresholdOwnedAbove
			);
		}
		if confirmed == 0 {
			Thresholds::<T>::remove(key);
		} else {
			Thresholds::<T>::insert(key, Threshold { confirmed, set_by: by });
		}
		Self::deposit_event(Event::ThresholdSet {
			region: region.clone(),
			disease: disease.clone(),
			lineage: lineage.clone(),
			confirmed,
			by,
		});
		// Its window is settled at the block's end, after the roll-up, against the block's
		// totals (charged to this call: see the benchmark).
		PendingThresholds::<T>::insert((&region, &disease, &lineage), ());
		Ok(())
	}

	/// Opens, updates or closes the alert of `region`, `disease` (its `lineage`, for a variant
	/// alert) and `period` so that it says what `confirmed` cases and the region's threshold
	/// say; whether the region has a threshold, the case in which this costs more than one
	/// read (weights charge it as an alert opened).
	pub(crate) fn settle_alert(
		region: &RegionCode<T>,
		disease: &DiseaseCode<T>,
		lineage: Option<&Lineage<T>>,
		period: Period,
		confirmed: u64,
	) -> bool {
		// Within the window a region without a threshold has no alerts: removing a threshold
		// closes them. So the common case, no threshold, costs one read.
		let Some(threshold) = Thresholds::<T>::get((region, disease, lineage)) else {
			return false;
		};
		let subject = Subject { region, disease, lineage };
		Self::settle_against(&subject, period, confirmed, Some(threshold.confirmed));
		true
	}

	/// Settles the alerts of `region` and `disease` (or its `lineage`) for every period of the
	/// alert window, after its threshold changed or was removed.
	pub(crate) fn settle_window(
		region: &RegionCode<T>,
		disease: &DiseaseCode<T>,
		lineage: Option<&Lineage<T>>,
	) {
		let threshold =
			Thresholds::<T>::get((region, disease, lineage)).map(|threshold| threshold.confirmed);
		let subject = Subject { region, disease, lineage };
		let today = Self::today();
		for period in today.saturating_sub(T::AlertWindow::get())..=today {
			let confirmed = match lineage {
				None => RegionAggregates::<T>::get((region, disease, period)).confirmed,
				Some(lineage) => RegionLineages::<T>::get((region, disease, period, lineage)),
			};
			Self::settle_against(&subject, period, confirmed, threshold);
		}
	}

	/// Opens, updates or closes the alert so that it is open exactly when there is a
	/// `threshold`, `confirmed` reaches it and `period` is within the window.
	fn settle_against(
		subject: &Subject<'_, T>,
		period: Period,
		confirmed: u64,
		threshold: Option<u32>,
	) {
		let reached = threshold
			.filter(|threshold| confirmed >= u64::from(*threshold) && Self::alertable(period));
		let Subject { region, disease, lineage } = *subject;
		let key = (region, disease, lineage, period);
		match (OpenAlerts::<T>::contains_key(key), reached) {
			(true, Some(threshold)) => OpenAlerts::<T>::insert(key, (confirmed, threshold)),
			(false, Some(threshold)) => {
				Self::open_alert(subject, period, confirmed, threshold);
				Self::deposit_event(Event::OutbreakAlert {
					region: region.clone(),
					disease: disease.clone(),
					lineage: lineage.cloned(),
					period,
					confirmed,
					threshold,
				});
			},
			(true, None) => {
				Self::close_alert(subject, period);
				Self::deposit_event(Event::AlertCleared {
					region: region.clone(),
					disease: disease.clone(),
					lineage: lineage.cloned(),
					period,
					confirmed,
				});
			},
			(false, None) => {},
		}
	}

	/// How many region levels a report moves, the world included: the most levels whose alert
	/// one report settles for its totals, or for one lineage.
	pub(crate) fn alert_levels() -> u32 {
		T::MaxRegionDepth::get().saturating_add(1)
	}

	/// Whether `period` lies within the alert window: at most [`Config::AlertWindow`] days
	/// before today.
	pub(crate) fn alertable(period: Period) -> bool {
		Self::today().saturating_sub(period) <= T::AlertWindow::get()
	}

	/// Closes the alerts whose period has left the window, oldest first, taking at most `limit`
	/// steps (an alert closed, or a period found empty); returns the steps taken.
	pub(crate) fn expire_alerts(limit: u32) -> u32 {
		let Some(horizon) = Self::today().checked_sub(T::AlertWindow::get()) else { return 0 };
		// No alert is older than the window's start on the day the expiry first runs.
		let mut cursor = AlertExpiryCursor::<T>::get().unwrap_or(horizon);
		let mut steps = 0;
		while cursor < horizon && steps < limit {
			let expired: Vec<_> = AlertsByPeriod::<T>::iter_key_prefix(cursor)
				.take((limit - steps) as usize)
				.collect();
			let emptied = (expired.len() as u32) < limit - steps;
			for (region, disease, lineage) in expired {
				let subject =
					Subject { region: &region, disease: &disease, lineage: lineage.as_ref() };
				Self::close_alert(&subject, cursor);
				Self::deposit_event(Event::AlertExpired {
					region,
					disease,
					lineage,
					period: cursor,
				});
				steps += 1;
			}
			if emptied {
				cursor += 1;
				steps += 1;
			}
		}
		AlertExpiryCursor::<T>::put(cursor);
		steps
	}

	pub(crate) fn open_alert(
		subject: &Subject<'_, T>,
		period: Period,
		confirmed: u64,
		threshold: u32,
	) {
		let Subject { region, disease, lineage } = *subject;
		OpenAlerts::<T>::insert((region, disease, lineage, period), (confirmed, threshold));
		AlertsByPeriod::<T>::insert(period, subject.owned(), ());
		for level in Self::levels(region) {
			AlertsWithin::<T>::insert(level, (region, disease, lineage, period), ());
		}
	}

	fn close_alert(subject: &Subject<'_, T>, period: Period) {
		let Subject { region, disease, lineage } = *subject;
		OpenAlerts::<T>::remove((region, disease, lineage, period));
		AlertsByPeriod::<T>::remove(period, subject.owned());
		for level in Self::levels(region) {
			AlertsWithin::<T>::remove(level, (region, disease, lineage, period));
		}
	}

	/// `region` and every region that contains it, up to the world.
	pub(crate) fn levels(region: &[u8]) -> impl Iterator<Item = RegionCode<T>> + '_ {
		// A prefix of a bounded code fits the same bound.
		region_and_ancestors(region)
			.filter_map(|code| RegionCode::<T>::try_from(code.to_vec()).ok())
	}
}

/// What an alert is about: a region's confirmed cases of a disease, or of one lineage of it.
pub(crate) struct Subject<'a, T: Config> {
	/// The region; empty for the whole world.
	pub region: &'a RegionCode<T>,
	/// The disease.
	pub disease: &'a DiseaseCode<T>,
	/// The lineage, for a variant alert.
	pub lineage: Option<&'a Lineage<T>>,
}

impl<T: Config> Clone for Subject<'_, T> {
	fn clone(&self) -> Self {
		*self
	}
}
impl<T: Config> Copy for Subject<'_, T> {}

impl<T: Config> Subject<'_, T> {
	/// The subject as the alert indexes key it.
	fn owned(&self) -> (RegionCode<T>, DiseaseCode<T>, Option<Lineage<T>>) {
		(self.region.clone(), self.disease.clone(), self.lineage.cloned())
	}
}
