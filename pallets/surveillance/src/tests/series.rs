//! Series that read few items: each day's totals are kept in buckets of `BUCKET_DAYS` days
//! beside the daily aggregates, and a series reads the buckets.

use super::*;
use crate::{bucket_of, RegionBuckets, BUCKET_DAYS};

fn report(account: u64, period: u32, confirmed: u32) -> DispatchResultWithPostInfo {
	Surveillance::submit_report(
		RuntimeOrigin::signed(account),
		code(COVID),
		period,
		counts(confirmed),
		Default::default(),
	)
}

#[test]
fn a_years_series_holds_the_daily_totals_and_reads_at_most_13_buckets() {
	new_test_ext().execute_with(|| {
		let first = TODAY - 365;
		for (i, period) in (first..TODAY).step_by(3).enumerate() {
			assert_ok!(report(FACILITY, period, 1 + i as u32 % 5));
			if i % 10 == 9 {
				next_block();
			}
		}
		next_block();
		for place in [&b"IN"[..], b"IN-KA", b""] {
			let series = Surveillance::region_series(place.to_vec(), COVID.to_vec(), first, TODAY);
			let daily: Vec<_> = (first..=TODAY)
				.filter_map(|period| {
					RegionAggregates::<Test>::try_get((region(place), code(COVID), period))
						.ok()
						.map(|totals| (period, totals))
				})
				.collect();
			assert_eq!(series, daily, "{place:?}");
			assert_eq!(series.len(), 122);
		}
		let buckets = RegionBuckets::<Test>::iter_keys()
			.filter(|(place, disease, _)| place[..] == b"IN"[..] && disease[..] == COVID[..])
			.count();
		assert!(buckets <= 13, "a year in {buckets} buckets");
		assert_eq!(buckets as u32, bucket_of(TODAY - 1) - bucket_of(first) + 1);
	});
}

#[test]
fn a_series_starts_and_ends_inside_a_bucket() {
	new_test_ext().execute_with(|| {
		let start = bucket_of(TODAY - 40) * BUCKET_DAYS;
		for period in start..start + 3 {
			assert_ok!(report(FACILITY, period, 2));
		}
		next_block();
		let series =
			Surveillance::region_series(b"IN".to_vec(), COVID.to_vec(), start + 1, start + 1);
		assert_eq!(series.iter().map(|(period, _)| *period).collect::<Vec<_>>(), vec![start + 1]);
		let backwards =
			Surveillance::region_series(b"IN".to_vec(), COVID.to_vec(), start + 2, start);
		assert!(backwards.is_empty());
	});
}

#[test]
fn a_day_whose_reports_all_left_leaves_its_bucket() {
	new_test_ext().execute_with(|| {
		assert_ok!(report(FACILITY, TODAY - 1, 3));
		next_block();
		let bucket =
			|| RegionBuckets::<Test>::get((region(b"IN"), code(COVID), bucket_of(TODAY - 1)));
		assert_eq!(bucket().len(), 1);
		assert_ok!(Surveillance::void_report(
			RuntimeOrigin::signed(20),
			FACILITIES[0],
			code(COVID),
			TODAY - 1,
			crate::VoidReason::Duplicate
		));
		next_block();
		assert!(bucket().is_empty());
		assert!(Surveillance::region_series(b"IN".to_vec(), COVID.to_vec(), TODAY - 1, TODAY)
			.is_empty());
	});
}
