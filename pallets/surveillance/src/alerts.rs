//! Outbreak alerts. An alert of (region, disease, period) is open exactly when the region has a
//! threshold for the disease, the region's confirmed cases of the period are at or above it,
//! and the period lies within [`Config::AlertWindow`] days of today. Every change that can
//! alter one of those (a report counted or withdrawn, a threshold set or removed, a day
//! passing) settles the alerts it touches, with an event for each that opens or closes.

use super::*;

impl<T: Config> Pallet<T> {
	/// [`Pallet::set_threshold`] for the signed caller `who`: checks that it may, writes the
	/// threshold with its owner, and settles the alerts of the window.
	pub(crate) fn change_threshold(
		who: T::AccountId,
		region: RegionCode<T>,
		disease: DiseaseCode<T>,
		confirmed: u32,
	) -> DispatchResult {
		let region = Self::checked_region(region)?;
		ensure!(T::Registry::is_authority_over(&who, &region), Error::<T>::NotAuthorityForRegion);
		let by = T::Registry::active_org_of(&who).ok_or(Error::<T>::NotAMember)?;
		let disease = Self::checked_disease(disease)?;
		if let Some(existing) = Thresholds::<T>::get(&region, &disease) {
			let owner = T::Registry::region_of(existing.set_by).unwrap_or(region.to_vec());
			ensure!(
				existing.set_by == by || T::Registry::is_authority_over(&who, &owner),
				Error::<T>::ThresholdOwnedAbove
			);
		}
		if confirmed == 0 {
			Thresholds::<T>::remove(&region, &disease);
		} else {
			Thresholds::<T>::insert(&region, &disease, Threshold { confirmed, set_by: by });
		}
		Self::deposit_event(Event::ThresholdSet {
			region: region.clone(),
			disease: disease.clone(),
			confirmed,
			by,
		});
		Self::settle_window(&region, &disease);
		Ok(())
	}

	/// Opens, updates or closes the alert of `region`, `disease` and `period` so that it says
	/// what `confirmed` cases and the region's threshold say; whether the region has a
	/// threshold, the case in which this costs more than one read (weights charge it as an
	/// alert opened).
	pub(crate) fn settle_alert(
		region: &RegionCode<T>,
		disease: &DiseaseCode<T>,
		period: Period,
		confirmed: u64,
	) -> bool {
		// Within the window a region without a threshold has no alerts: removing a threshold
		// closes them. So the common case, no threshold, costs one read.
		let Some(threshold) = Thresholds::<T>::get(region, disease) else { return false };
		Self::settle_against(region, disease, period, confirmed, Some(threshold.confirmed));
		true
	}

	/// Settles the alerts of `region` and `disease` for every period of the alert window, after
	/// its threshold changed or was removed.
	pub(crate) fn settle_window(region: &RegionCode<T>, disease: &DiseaseCode<T>) {
		let threshold = Thresholds::<T>::get(region, disease).map(|threshold| threshold.confirmed);
		let today = Self::today();
		for period in today.saturating_sub(T::AlertWindow::get())..=today {
			let confirmed = RegionAggregates::<T>::get((region, disease, period)).confirmed;
			Self::settle_against(region, disease, period, confirmed, threshold);
		}
	}

	/// Opens, updates or closes the alert so that it is open exactly when there is a
	/// `threshold`, `confirmed` reaches it and `period` is within the window.
	fn settle_against(
		region: &RegionCode<T>,
		disease: &DiseaseCode<T>,
		period: Period,
		confirmed: u64,
		threshold: Option<u32>,
	) {
		let reached = threshold
			.filter(|threshold| confirmed >= u64::from(*threshold) && Self::alertable(period));
		let key = (region.clone(), disease.clone(), period);
		match (OpenAlerts::<T>::contains_key(&key), reached) {
			(true, Some(threshold)) => OpenAlerts::<T>::insert(&key, (confirmed, threshold)),
			(false, Some(threshold)) => {
				Self::open_alert(region, disease, period, confirmed, threshold);
				Self::deposit_event(Event::OutbreakAlert {
					region: region.clone(),
					disease: disease.clone(),
					period,
					confirmed,
					threshold,
				});
			},
			(true, None) => {
				Self::close_alert(region, disease, period);
				Self::deposit_event(Event::AlertCleared {
					region: region.clone(),
					disease: disease.clone(),
					period,
					confirmed,
				});
			},
			(false, None) => {},
		}
	}

	/// How many region levels a report moves, the world included: the most levels whose alert
	/// one report settles.
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
			for (region, disease) in expired {
				Self::close_alert(&region, &disease, cursor);
				Self::deposit_event(Event::AlertExpired { region, disease, period: cursor });
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
		region: &RegionCode<T>,
		disease: &DiseaseCode<T>,
		period: Period,
		confirmed: u64,
		threshold: u32,
	) {
		OpenAlerts::<T>::insert((region, disease, period), (confirmed, threshold));
		AlertsByPeriod::<T>::insert(period, (region.clone(), disease.clone()), ());
		for level in Self::levels(region) {
			AlertsWithin::<T>::insert(level, (region.clone(), disease.clone(), period), ());
		}
	}

	fn close_alert(region: &RegionCode<T>, disease: &DiseaseCode<T>, period: Period) {
		OpenAlerts::<T>::remove((region, disease, period));
		AlertsByPeriod::<T>::remove(period, (region.clone(), disease.clone()));
		for level in Self::levels(region) {
			AlertsWithin::<T>::remove(level, (region.clone(), disease.clone(), period));
		}
	}

	/// `region` and every region that contains it, up to the world.
	pub(crate) fn levels(region: &RegionCode<T>) -> impl Iterator<Item = RegionCode<T>> + '_ {
		// A prefix of a bounded code fits the same bound.
		region_and_ancestors(region)
			.filter_map(|code| RegionCode::<T>::try_from(code.to_vec()).ok())
	}
}
