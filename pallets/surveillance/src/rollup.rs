//! The aggregates rolled up once per block. A report, an amendment, a rejection or a void does
//! not write the aggregates of its cluster and of every region level up to the world: it adds
//! the difference it makes to a pending change keyed by where it is counted (cluster, the
//! facility's own region, disease, period). At the end of the block, [`Pallet::roll_up`] merges
//! the pending changes by cluster and by region level, writes each aggregate that moved once,
//! settles the alerts of the levels that have a threshold, and removes every pending change, so
//! that none outlives its block or reaches the database. Totals are therefore what they were
//! before the block until its end, and what its reports make them from the end on: the state a
//! block leaves, which is the only state anyone outside the chain reads.
//!
//! Each day's totals also go into the day's bucket ([`crate::series`]), for series that read
//! few items.
//!
//! A change is charged for what it adds: the first to touch a pending key pays that key's
//! roll-up (its entry and its cluster's aggregate), and for each region level no change of the
//! block reached before, that level's write and its threshold (marking the levels that have
//! one, whose alert the roll-up settles); a later one in the same block only adds to the key.
//! Lineages are charged every level of each new pending lineage key. A threshold set or
//! removed is written at once, but its alert window is settled at the block's end, after the
//! roll-up, against the block's totals: a level a change reached before the threshold existed
//! carries no alert marker, and the window's settling covers it. Setting a threshold therefore
//! never rolls the block up early, which would make every later change of the block pay its
//! keys again.

use super::*;
use crate::aggregates::Entry;
use alloc::collections::BTreeMap;
use frame_support::weights::Weight;

/// The pending changes of the block: part of the pallet's storage. No entry outlives the block
/// that wrote it ([`Pallet::roll_up`] drains them at its end), so no entry is ever in the
/// database and their number is bounded by the block's weight: each new key is charged its
/// roll-up before it is written.
#[pallet_section]
mod pending_storage {
	/// What the block's reports, amendments, rejections and voids changed in the totals, by
	/// (cluster or none, the facility's own region, disease, period).
	#[pallet::storage]
	pub type PendingTotals<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, Option<ClusterId>>,
			NMapKey<Twox64Concat, RegionCode<T>>,
			NMapKey<Twox64Concat, DiseaseCode<T>>,
			NMapKey<Twox64Concat, Period>,
		),
		TotalsDelta,
		OptionQuery,
	>;

	/// What the block changed in the confirmed cases per lineage, by (cluster or none, the
	/// facility's own region, disease, period, lineage).
	#[pallet::storage]
	pub type PendingLineages<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, Option<ClusterId>>,
			NMapKey<Twox64Concat, RegionCode<T>>,
			NMapKey<Twox64Concat, DiseaseCode<T>>,
			NMapKey<Twox64Concat, Period>,
			NMapKey<Twox64Concat, Lineage<T>>,
		),
		i64,
		OptionQuery,
	>;

	/// The region levels whose totals of a disease and period the block's changes reach, each
	/// marked by the first change to reach it: a level is charged, and its threshold read, once
	/// a block however many changes reach it.
	#[pallet::storage]
	pub type PendingLevels<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, RegionCode<T>>,
			NMapKey<Twox64Concat, DiseaseCode<T>>,
			NMapKey<Twox64Concat, Period>,
		),
		(),
		OptionQuery,
	>;

	/// The alerts the block's changes may move, by (region level, disease, lineage or none,
	/// period): the levels with a threshold that a pending change reaches.
	#[pallet::storage]
	pub type PendingAlerts<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, RegionCode<T>>,
			NMapKey<Twox64Concat, DiseaseCode<T>>,
			NMapKey<Twox64Concat, Option<Lineage<T>>>,
			NMapKey<Twox64Concat, Period>,
		),
		(),
		OptionQuery,
	>;

	/// The thresholds set or removed in the block, by (region, disease, lineage or none): the
	/// block's end settles each one's alert window after the roll-up, against the block's
	/// totals. At most one entry a key however often it is set; each setting was charged a
	/// window's settling.
	#[pallet::storage]
	pub type PendingThresholds<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, RegionCode<T>>,
			NMapKey<Twox64Concat, DiseaseCode<T>>,
			NMapKey<Twox64Concat, Option<Lineage<T>>>,
		),
		(),
		OptionQuery,
	>;
}

/// The block's start and end: part of the pallet.
#[pallet_section]
mod hooks {
	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Closes alerts whose period has left the alert window, a bounded number per block,
		/// and reserves the fixed part of the roll-up at the block's end.
		fn on_initialize(_block: BlockNumberFor<T>) -> Weight {
			let steps = Self::expire_alerts(T::MaxAlertExpiriesPerBlock::get());
			<T as Config>::WeightInfo::expire_alerts(steps).saturating_add(Self::roll_up_reserve())
		}

		/// Rolls the block's report changes up into the aggregates and settles their alerts
		/// (each pending key's part was charged to the change that wrote it first), then the
		/// alert windows of the thresholds the block changed (charged to their setting).
		fn on_finalize(_block: BlockNumberFor<T>) {
			Self::roll_up();
			Self::settle_thresholds();
		}

		fn integrity_test() {
			Self::check_constants();
		}

		/// Nothing pending outlives its block.
		#[cfg(feature = "try-runtime")]
		fn try_state(_block: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(Self::nothing_pending(), "report changes pending after the block's end");
			Ok(())
		}
	}
}

/// What one change added to the block's pending changes, for the weight it is charged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Pended {
	/// Pending totals keys it was first to touch (0 or 1).
	pub totals_keys: u32,
	/// Region levels of its totals it was first to reach.
	pub levels: u32,
	/// Pending lineage keys it was first to touch.
	pub lineage_keys: u32,
	/// Thresholds it read: every level of each key it was first to touch.
	pub threshold_reads: u32,
	/// Alerts it marked for the roll-up to settle: the levels with a threshold it was first
	/// to reach this block.
	pub alerts: u32,
}

impl Pended {
	/// The most a change moving `lineages` lineages can add: every key new, and a threshold at
	/// every level of its totals and of each lineage.
	pub(crate) fn worst<T: Config>(lineages: u32) -> Self {
		let slots = Pallet::<T>::alert_slots(lineages);
		Pended {
			totals_keys: 1,
			levels: Pallet::<T>::alert_levels(),
			lineage_keys: lineages,
			threshold_reads: slots,
			alerts: slots,
		}
	}

	/// What this share of the roll-up costs: the roll-up of the keys it was first to touch,
	/// the thresholds it read, and the alerts it marked, each written and settled at the end.
	pub(crate) fn weight<T: Config>(&self) -> Weight {
		let info = |k, l, n| <T as Config>::WeightInfo::roll_up(k, l, n);
		let keys =
			info(self.totals_keys, self.levels, self.lineage_keys).saturating_sub(info(0, 0, 0));
		let db = T::DbWeight::get();
		let alerts = match self.alerts {
			0 => Weight::zero(),
			a => <T as Config>::WeightInfo::open_alerts(a)
				.saturating_add(db.reads_writes(0, a.into())),
		};
		keys.saturating_add(db.reads(self.threshold_reads.into())).saturating_add(alerts)
	}
}

/// What the roll-up at the end of a block did, for tests and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RolledUp {
	/// Pending totals keys applied.
	pub totals_keys: u32,
	/// Pending lineage keys applied.
	pub lineage_keys: u32,
	/// Alerts settled.
	pub alerts: u32,
}

impl<T: Config> Pallet<T> {
	/// Adds to the block's pending changes the difference between a report's `old` counts and
	/// lineages (`None`: not counted) and its `new` ones, where the report is counted:
	/// `reporter`'s cluster and region. Returns what it added, for its weight, and how many
	/// lineages' cases it changed.
	pub(crate) fn record_change(
		reporter: &Reporter,
		disease: &DiseaseCode<T>,
		period: Period,
		old: Option<Entry<T>>,
		new: Option<Entry<T>>,
	) -> (Pended, u32) {
		let shifts = Self::lineage_shifts(old, new);
		let delta = TotalsDelta::between(old.map(|(counts, _)| counts), new.map(|(c, _)| c));
		// The first level that fits the bound: the facility's region itself, as the registry
		// keeps region codes within it, or else the nearest that fits (the world always does).
		let Some(leaf) = Self::levels(&reporter.region).next() else {
			return (Pended::default(), 0);
		};
		let mut pended = Pended::default();
		let key = (reporter.cluster, &leaf, disease, period);
		let first = PendingTotals::<T>::mutate(key, |pending| {
			let first = pending.is_none();
			pending.get_or_insert_with(Default::default).add(&delta);
			first
		});
		if first {
			pended.totals_keys = 1;
			pended.reach_levels::<T>(&leaf, disease, period);
		}
		for (lineage, before, after) in &shifts {
			let key = (reporter.cluster, &leaf, disease, period, *lineage);
			let change = *after as i64 - *before as i64;
			let first = PendingLineages::<T>::mutate(key, |pending| {
				let first = pending.is_none();
				*pending = Some(pending.unwrap_or_default().saturating_add(change));
				first
			});
			if first {
				pended.lineage_keys += 1;
				pended.mark_levels::<T>(&leaf, disease, Some(*lineage), period);
			}
		}
		(pended, shifts.len() as u32)
	}

	/// Applies the block's pending changes: merged by cluster and by region level, each
	/// aggregate that moved is written once, lineages left with no case are removed, the
	/// alerts marked are settled against the new totals, and nothing pending is left.
	pub fn roll_up() -> RolledUp {
		let mut done = RolledUp::default();
		let mut clusters = BTreeMap::<(ClusterId, DiseaseCode<T>, Period), TotalsDelta>::new();
		let mut regions = BTreeMap::<(RegionCode<T>, DiseaseCode<T>, Period), TotalsDelta>::new();
		for ((cluster, leaf, disease, period), delta) in PendingTotals::<T>::drain() {
			done.totals_keys += 1;
			if let Some(cluster) = cluster {
				clusters.entry((cluster, disease.clone(), period)).or_default().add(&delta);
			}
			for level in Self::levels(&leaf) {
				regions.entry((level, disease.clone(), period)).or_default().add(&delta);
			}
		}
		// Each day's new totals go into its bucket too, one write per bucket.
		let mut cluster_days = BTreeMap::<_, Vec<(Period, Totals)>>::new();
		for (key, delta) in clusters.into_iter().filter(|(_, delta)| !delta.is_zero()) {
			let totals = ClusterAggregates::<T>::mutate(&key, |totals| {
				delta.apply_to(totals);
				*totals
			});
			let (cluster, disease, period) = key;
			cluster_days
				.entry((cluster, disease, bucket_of(period)))
				.or_default()
				.push((period, totals));
		}
		for (key, days) in cluster_days {
			ClusterBuckets::<T>::mutate(key, |bucket| crate::series::put_days(bucket, &days));
		}
		let mut region_days = BTreeMap::<_, Vec<(Period, Totals)>>::new();
		for (key, delta) in regions.into_iter().filter(|(_, delta)| !delta.is_zero()) {
			let totals = RegionAggregates::<T>::mutate(&key, |totals| {
				delta.apply_to(totals);
				*totals
			});
			let (region, disease, period) = key;
			region_days
				.entry((region, disease, bucket_of(period)))
				.or_default()
				.push((period, totals));
		}
		for (key, days) in region_days {
			RegionBuckets::<T>::mutate(key, |bucket| crate::series::put_days(bucket, &days));
		}
		let _ = PendingLevels::<T>::clear(u32::MAX, None);

		type LineageKey<T, Place> = (Place, DiseaseCode<T>, Period, Lineage<T>);
		let mut clusters = BTreeMap::<LineageKey<T, ClusterId>, i64>::new();
		let mut regions = BTreeMap::<LineageKey<T, RegionCode<T>>, i64>::new();
		for ((cluster, leaf, disease, period, lineage), change) in PendingLineages::<T>::drain() {
			done.lineage_keys += 1;
			if let Some(cluster) = cluster {
				*clusters
					.entry((cluster, disease.clone(), period, lineage.clone()))
					.or_default() += change;
			}
			for level in Self::levels(&leaf) {
				*regions.entry((level, disease.clone(), period, lineage.clone())).or_default() +=
					change;
			}
		}
		for (key, change) in clusters.into_iter().filter(|(_, change)| *change != 0) {
			match crate::types::shifted(ClusterLineages::<T>::get(&key), change) {
				0 => ClusterLineages::<T>::remove(&key),
				cases => ClusterLineages::<T>::insert(&key, cases),
			}
		}
		for (key, change) in regions.into_iter().filter(|(_, change)| *change != 0) {
			match crate::types::shifted(RegionLineages::<T>::get(&key), change) {
				0 => RegionLineages::<T>::remove(&key),
				cases => RegionLineages::<T>::insert(&key, cases),
			}
		}

		for ((region, disease, lineage, period), ()) in PendingAlerts::<T>::drain() {
			let confirmed = match &lineage {
				None => RegionAggregates::<T>::get((&region, &disease, period)).confirmed,
				Some(lineage) => RegionLineages::<T>::get((&region, &disease, period, lineage)),
			};
			done.alerts += u32::from(Self::settle_alert(
				&region,
				&disease,
				lineage.as_ref(),
				period,
				confirmed,
			));
		}
		done
	}

	/// Settles the alert window of every threshold the block set or removed, against the
	/// totals the roll-up left, and forgets them.
	pub fn settle_thresholds() {
		for ((region, disease, lineage), ()) in PendingThresholds::<T>::drain() {
			Self::settle_window(&region, &disease, lineage.as_ref());
		}
	}

	/// Whether nothing is pending: true after every block's end.
	pub fn nothing_pending() -> bool {
		PendingThresholds::<T>::iter_keys().next().is_none()
			&& PendingTotals::<T>::iter_keys().next().is_none()
			&& PendingLevels::<T>::iter_keys().next().is_none()
			&& PendingLineages::<T>::iter_keys().next().is_none()
			&& PendingAlerts::<T>::iter_keys().next().is_none()
	}

	/// The weight the end of every block reserves for its roll-up: the part that does not
	/// depend on what is pending (each pending key was charged its own part when it was
	/// written), and the read that finds no threshold set in the block (each one set was
	/// charged its window's settling).
	pub(crate) fn roll_up_reserve() -> Weight {
		<T as Config>::WeightInfo::roll_up(0, 0, 0).saturating_add(T::DbWeight::get().reads(1))
	}
}

impl Pended {
	/// Marks the levels of `leaf` for `disease` and `period` that no change of the block
	/// reached before, and reads their thresholds (marking the alerts of those that have one).
	fn reach_levels<T: Config>(
		&mut self,
		leaf: &RegionCode<T>,
		disease: &DiseaseCode<T>,
		period: Period,
	) {
		for level in Pallet::<T>::levels(leaf) {
			let key = (&level, disease, period);
			if PendingLevels::<T>::contains_key(key) {
				continue;
			}
			PendingLevels::<T>::insert(key, ());
			self.levels += 1;
			self.threshold_reads += 1;
			if Thresholds::<T>::contains_key((&level, disease, None::<&Lineage<T>>)) {
				PendingAlerts::<T>::insert((&level, disease, None::<&Lineage<T>>, period), ());
				self.alerts += 1;
			}
		}
	}

	/// Reads the threshold of every level of `leaf` for `disease` (its `lineage`), and marks
	/// for the roll-up those that have one and are not marked yet.
	fn mark_levels<T: Config>(
		&mut self,
		leaf: &RegionCode<T>,
		disease: &DiseaseCode<T>,
		lineage: Option<&Lineage<T>>,
		period: Period,
	) {
		for level in Pallet::<T>::levels(leaf) {
			self.threshold_reads += 1;
			if !Thresholds::<T>::contains_key((&level, disease, lineage)) {
				continue;
			}
			let key = (&level, disease, lineage, period);
			if !PendingAlerts::<T>::contains_key(key) {
				PendingAlerts::<T>::insert(key, ());
				self.alerts += 1;
			}
		}
	}
}
