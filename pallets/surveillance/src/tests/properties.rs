//! Property tests: after any sequence of reports, amendments, decisions, voids, threshold
//! changes, cluster moves and days passing, the totals and alerts the pallet keeps by
//! difference equal the ones recomputed from scratch.

use std::collections::{BTreeMap, BTreeSet};

use frame_support::traits::{Hooks, UnfilteredDispatchable};
use healthnet_primitives::{registry::region_and_ancestors, surveillance::Totals, testing};
use proptest::prelude::*;

use super::*;
use crate::{AlertsByPeriod, AlertsWithin, Call, Config, FacilityTotals, Thresholds, VoidReason};

const DISEASES: [&[u8]; 2] = [b"RA01", b"1D6Z"];
/// Accounts of the facilities 3, 4, 5 (Bengaluru) and 6 (Mysuru).
const REPORTERS: [(u64, u32); 4] = [(40, 3), (50, 4), (60, 5), (70, 6)];
/// Accounts of India's, Karnataka's and Kerala's authorities.
const AUTHORITIES: [u64; 3] = [10, 20, 30];
const REGIONS: [&[u8]; 4] = [b"IN", b"IN-KA", b"IN-KA-BLR", b"IN-KA-MYS"];

#[derive(Clone, Debug)]
enum Op {
	Submit { who: usize, disease: usize, back: u32, confirmed: u32, deaths: u32 },
	Amend { who: usize, disease: usize, back: u32, confirmed: u32, deaths: u32 },
	Approve { by: usize, whose: usize, disease: usize, back: u32 },
	Reject { by: usize, whose: usize, disease: usize, back: u32 },
	Void { by: usize, whose: usize, disease: usize, back: u32 },
	Reopen { by: usize, whose: usize, disease: usize, back: u32 },
	Threshold { by: usize, region: usize, disease: usize, confirmed: u32 },
	Move { whose: usize, into_cluster: bool },
	Pass { days: u32 },
}

fn op() -> impl Strategy<Value = Op> {
	let report = || (0..4usize, 0..2usize, 0..4u32, 0..12u32, 0..3u32);
	let decision = || (0..3usize, 0..4usize, 0..2usize, 0..4u32);
	prop_oneof![
		4 => report().prop_map(|(who, disease, back, confirmed, deaths)| Op::Submit {
			who, disease, back, confirmed, deaths
		}),
		3 => report().prop_map(|(who, disease, back, confirmed, deaths)| Op::Amend {
			who, disease, back, confirmed, deaths
		}),
		1 => decision().prop_map(|(by, whose, disease, back)| Op::Approve { by, whose, disease, back }),
		2 => decision().prop_map(|(by, whose, disease, back)| Op::Reject { by, whose, disease, back }),
		1 => decision().prop_map(|(by, whose, disease, back)| Op::Void { by, whose, disease, back }),
		1 => decision().prop_map(|(by, whose, disease, back)| Op::Reopen { by, whose, disease, back }),
		3 => (0..3usize, 0..4usize, 0..2usize, 0..25u32).prop_map(
			|(by, region, disease, confirmed)| Op::Threshold { by, region, disease, confirmed }
		),
		1 => (0..4usize, any::<bool>()).prop_map(|(whose, into_cluster)| Op::Move { whose, into_cluster }),
		1 => (1..20u32).prop_map(|days| Op::Pass { days }),
	]
}

fn counts_of(confirmed: u32, deaths: u32) -> Counts {
	Counts { confirmed, deaths: deaths.min(confirmed), ..counts(confirmed) }
}

/// Runs `op` through the runtime's dispatch, as a transaction would; a refusal is fine.
/// Returns whether the call was refused.
fn run(op: Op) -> bool {
	let today = crate::Pallet::<Test>::today();
	let period = |back: u32| TODAY.min(today) - back;
	let call: (u64, Call<Test>) = match op {
		Op::Submit { who, disease, back, confirmed, deaths } => (
			REPORTERS[who].0,
			Call::submit_report {
				disease: code(DISEASES[disease]),
				period: period(back),
				counts: counts_of(confirmed, deaths),
				variants: Default::default(),
			},
		),
		Op::Amend { who, disease, back, confirmed, deaths } => (
			REPORTERS[who].0,
			Call::amend_report {
				org: REPORTERS[who].1,
				disease: code(DISEASES[disease]),
				period: period(back),
				counts: counts_of(confirmed, deaths),
				variants: Default::default(),
			},
		),
		Op::Approve { by, whose, disease, back } => (
			AUTHORITIES[by],
			Call::approve_report {
				org: REPORTERS[whose].1,
				disease: code(DISEASES[disease]),
				period: period(back),
			},
		),
		Op::Reject { by, whose, disease, back } => (
			AUTHORITIES[by],
			Call::reject_report {
				org: REPORTERS[whose].1,
				disease: code(DISEASES[disease]),
				period: period(back),
				reason: RejectionReason::ImplausibleCounts,
			},
		),
		Op::Void { by, whose, disease, back } => (
			AUTHORITIES[by],
			Call::void_report {
				org: REPORTERS[whose].1,
				disease: code(DISEASES[disease]),
				period: period(back),
				reason: VoidReason::Fraudulent,
			},
		),
		Op::Reopen { by, whose, disease, back } => (
			AUTHORITIES[by],
			Call::reopen_report {
				org: REPORTERS[whose].1,
				disease: code(DISEASES[disease]),
				period: period(back),
			},
		),
		Op::Threshold { by, region, disease, confirmed } => (
			AUTHORITIES[by],
			Call::set_threshold {
				region: self::region(REGIONS[region]),
				disease: code(DISEASES[disease]),
				confirmed,
			},
		),
		Op::Move { whose, into_cluster } => {
			set_cluster(REPORTERS[whose].1, into_cluster.then_some(CLUSTER));
			return false;
		},
		Op::Pass { days } => {
			set_now(today + days, 12 * 3_600_000);
			// Enough blocks for the expiry to catch up, a few alerts per block.
			for block in 0..20 {
				Surveillance::on_initialize(block);
			}
			return false;
		},
	};
	call.1.dispatch_bypass_filter(RuntimeOrigin::signed(call.0)).is_err()
}

/// Checks every total and alert against a recount of the reports.
fn check() -> Result<(), TestCaseError> {
	let mut regions: BTreeMap<(Vec<u8>, Vec<u8>, u32), Totals> = BTreeMap::new();
	let mut clusters: BTreeMap<(u32, Vec<u8>, u32), Totals> = BTreeMap::new();
	let mut facilities: BTreeMap<(u32, Vec<u8>), (u64, u64)> = BTreeMap::new();
	for ((org, disease, period), report) in Reports::<Test>::iter() {
		if !report.status.is_counted() {
			continue;
		}
		let counts = ReportVersions::<Test>::get((org, &disease, period, report.version))
			.expect("the current version exists")
			.counts;
		let region = REPORTERS.iter().position(|(_, id)| *id == org).map(|i| {
			if i < 3 {
				b"IN-KA-BLR".to_vec()
			} else {
				b"IN-KA-MYS".to_vec()
			}
		});
		let region = region.expect("only the facilities report");
		for level in region_and_ancestors(&region) {
			let key = (level.to_vec(), disease.to_vec(), period);
			regions.entry(key).or_default().apply(None, Some(&counts));
		}
		if let Some(cluster) = report.cluster {
			clusters
				.entry((cluster, disease.to_vec(), period))
				.or_default()
				.apply(None, Some(&counts));
		}
		let total = facilities.entry((org, disease.to_vec())).or_default();
		total.0 += u64::from(counts.confirmed);
		total.1 += u64::from(counts.deaths);
	}
	facilities.retain(|_, totals| *totals != (0, 0));
	regions.retain(|_, totals| *totals != Totals::default());
	clusters.retain(|_, totals| *totals != Totals::default());
	let stored: BTreeMap<_, _> = RegionAggregates::<Test>::iter()
		.filter(|(_, totals)| *totals != Totals::default())
		.map(|((region, disease, period), totals)| {
			((region.to_vec(), disease.to_vec(), period), totals)
		})
		.collect();
	prop_assert_eq!(&stored, &regions, "region aggregates");
	let stored: BTreeMap<_, _> = ClusterAggregates::<Test>::iter()
		.filter(|(_, totals)| *totals != Totals::default())
		.map(|((cluster, disease, period), totals)| ((cluster, disease.to_vec(), period), totals))
		.collect();
	prop_assert_eq!(stored, clusters, "cluster aggregates");
	let stored: BTreeMap<_, _> = FacilityTotals::<Test>::iter()
		.filter(|(_, _, totals)| *totals != (0, 0))
		.map(|(org, disease, totals)| ((org, disease.to_vec()), totals))
		.collect();
	prop_assert_eq!(stored, facilities, "facility totals");

	let today = crate::Pallet::<Test>::today();
	let window = <Test as Config>::AlertWindow::get();
	let mut expected = BTreeMap::new();
	for ((region, disease, period), totals) in &regions {
		let bounded = (self::region(region), code(disease));
		let Some(threshold) = Thresholds::<Test>::get(&bounded.0, &bounded.1) else { continue };
		if totals.confirmed >= u64::from(threshold.confirmed) && today - period <= window {
			expected.insert(
				(region.clone(), disease.clone(), *period),
				(totals.confirmed, threshold.confirmed),
			);
		}
	}
	let stored: BTreeMap<_, _> = OpenAlerts::<Test>::iter()
		.map(|((region, disease, period), value)| {
			((region.to_vec(), disease.to_vec(), period), value)
		})
		.collect();
	prop_assert_eq!(&stored, &expected, "open alerts");

	let within: BTreeSet<_> = AlertsWithin::<Test>::iter_keys()
		.map(|(level, (region, disease, period))| {
			(level.to_vec(), region.to_vec(), disease.to_vec(), period)
		})
		.collect();
	let expected_within: BTreeSet<_> = expected
		.keys()
		.flat_map(|(region, disease, period)| {
			region_and_ancestors(region)
				.map(|level| (level.to_vec(), region.clone(), disease.clone(), *period))
				.collect::<Vec<_>>()
		})
		.collect();
	prop_assert_eq!(within, expected_within, "the index by region");
	let by_period: BTreeSet<_> = AlertsByPeriod::<Test>::iter_keys()
		.map(|(period, (region, disease))| (region.to_vec(), disease.to_vec(), period))
		.collect();
	prop_assert_eq!(
		by_period,
		expected.keys().cloned().collect::<BTreeSet<_>>(),
		"the index by period"
	);
	Ok(())
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

	#[test]
	fn totals_and_alerts_always_equal_a_recount(ops in proptest::collection::vec(op(), 1..60)) {
		new_test_ext().execute_with(|| {
			Surveillance::on_initialize(1);
			for op in ops {
				// A refusal is fine; a refusal that wrote is not.
				let described = format!("{op:?}");
				let _ = testing::refusal_changes_nothing(&described, || {
					if run(op) { Err("refused") } else { Ok(()) }
				})
				.map_err(TestCaseError::fail)?;
				check()?;
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
