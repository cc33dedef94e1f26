//! Series that read few items. Beside each day's aggregate, the roll-up keeps the days of a
//! bucket of [`BUCKET_DAYS`] days in one item per region (or cluster) and disease, so that a
//! year's daily series reads at most 13 items instead of 366. A bucket holds only the days
//! that have a counted report, in order; each day's totals are the day's aggregate, written by
//! the same roll-up in the same block.

use super::*;
use frame_support::traits::ConstU32;

/// The days one bucket of a series holds: a year of days lies in at most 13 of them.
pub const BUCKET_DAYS: u32 = 32;

/// The days of one bucket that have a counted report, in order, with their totals.
pub type Bucket = BoundedVec<(Period, Totals), ConstU32<BUCKET_DAYS>>;

/// The bucket a period lies in.
pub fn bucket_of(period: Period) -> u32 {
	period / BUCKET_DAYS
}

/// The series' buckets: part of the pallet's storage.
#[pallet_section]
mod series_storage {
	/// The daily totals of each region (the empty code: the world) and disease, by bucket of
	/// [`BUCKET_DAYS`] days: the same totals as [`RegionAggregates`], for reading a series.
	#[pallet::storage]
	pub type RegionBuckets<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, RegionCode<T>>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Twox64Concat, u32>,
		),
		Bucket,
		ValueQuery,
	>;

	/// The daily totals of each cluster and disease, by bucket: the same totals as
	/// [`ClusterAggregates`], for reading a series.
	#[pallet::storage]
	pub type ClusterBuckets<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, ClusterId>,
			NMapKey<Blake2_128Concat, DiseaseCode<T>>,
			NMapKey<Twox64Concat, u32>,
		),
		Bucket,
		ValueQuery,
	>;
}

/// Puts each day's new `totals` into `bucket`: a day with no counted report leaves it.
pub(crate) fn put_days(bucket: &mut Bucket, days: &[(Period, Totals)]) {
	for (period, totals) in days {
		match bucket.binary_search_by_key(period, |(day, _)| *day) {
			Ok(at) if totals.reports == 0 => {
				bucket.remove(at);
			},
			Ok(at) => bucket[at].1 = *totals,
			Err(_) if totals.reports == 0 => {},
			// A bucket holds at most its BUCKET_DAYS distinct days, so there is room.
			Err(at) => {
				let _ = bucket.try_insert(at, (*period, *totals));
			},
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The days from `from` to `to` (at most a year of them, from `from` on) with a counted
	/// report, with their totals, read from `bucket`'s items.
	pub(crate) fn series_from_buckets(
		from: Period,
		to: Period,
		bucket: impl Fn(u32) -> Bucket,
	) -> Vec<(Period, Totals)> {
		let to = to.min(from.saturating_add(crate::views::MAX_SERIES - 1));
		if to < from {
			return Vec::new();
		}
		(bucket_of(from)..=bucket_of(to))
			.flat_map(|index| bucket(index).into_inner())
			.filter(|(period, totals)| (from..=to).contains(period) && totals.reports > 0)
			.collect()
	}
}
