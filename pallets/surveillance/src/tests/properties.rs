//! Property tests: after any sequence of reports, forms, amendments and relayed reports (with
//! lineages), decisions, voids, threshold changes (of diseases and lineages), cluster moves,
//! blocks ending and days passing, the totals, lineage totals and alerts the pallet keeps by
//! difference equal the ones recomputed from scratch, and the cluster's completeness is the
//! count of the counted reports of its current reporting members. Within a block the stored
//! totals and the block's pending changes add up to the recount; at every block's end the
//! stored totals alone do, nothing is pending, and the open alerts are the ones the totals and
//! thresholds call for.

use std::collections::{BTreeMap, BTreeSet};

use frame_support::traits::{Hooks, UnfilteredDispatchable};
use healthnet_primitives::{
	registry::region_and_ancestors, surveillance::Totals, Capability, OrgId, OrgRegistry,
};
use healthnet_testing as testing;
use proptest::prelude::*;

use super::*;
use crate::{
	AlertsByPeriod, AlertsWithin, Call, Config, FacilityTotals, FormEntry, PendingLineages,
	PendingTotals, Thresholds, TotalsDelta, VoidReason,
};

const DISEASES: [&[u8]; 2] = [b"RA01", b"1D6Z"];
/// Accounts of the facilities 3, 4, 5 (Bengaluru) and 6 (Mysuru).
const REPORTERS: [(u64, u32); 4] = [(40, 3), (50, 4), (60, 5), (70, 6)];
/// Accounts of India's, Karnataka's and Kerala's authorities.
const AUTHORITIES: [u64; 3] = [10, 20, 30];
const REGIONS: [&[u8]; 4] = [b"IN", b"IN-KA", b"IN-KA-BLR", b"IN-KA-MYS"];
/// The lineages reports break their confirmed cases into (the mock allows three a report).
const LINEAGES: [&[u8]; 3] = [b"JN.1", b"XBB.1.5", b"BA.2"];
/// A relay's account: Mysuru's facility, or Karnataka's authority.
const RELAYS: [u64; 2] = [70, 20];

/// Cases of some of [`LINEAGES`], by index; an index may repeat (which is refused).
type Variants = Vec<(usize, u32)>;

#[derive(Clone, Debug)]
enum Op {
	Submit {
		who: usize,
		disease: usize,
		back: u32,
		confirmed: u32,
		deaths: u32,
		variants: Variants,
	},
	Amend {
		who: usize,
		disease: usize,
		back: u32,
		confirmed: u32,
		deaths: u32,
		variants: Variants,
	},
	/// `who` signs the report offline for version `next` + `skew` (the next one when `skew` is
	/// 0), and `relay` relays it.
	Relay {
		who: usize,
		relay: usize,
		disease: usize,
		back: u32,
		confirmed: u32,
		skew: u32,
		variants: Variants,
	},
	Approve {
		by: usize,
		whose: usize,
		disease: usize,
		back: u32,
	},
	Reject {
		by: usize,
		whose: usize,
		disease: usize,
		back: u32,
	},
	Void {
		by: usize,
		whose: usize,
		disease: usize,
		back: u32,
	},
	Reopen {
		by: usize,
		whose: usize,
		disease: usize,
		back: u32,
	},
	Threshold {
		by: usize,
		region: usize,
		disease: usize,
		lineage: Option<usize>,
		confirmed: u32,
	},
	/// `who` submits a form of `entries`: (disease, confirmed, deaths, variants) each; a
	/// disease may repeat (which is refused).
	SubmitForm {
		who: usize,
		back: u32,
		entries: Vec<(usize, u32, u32, Variants)>,
	},
	/// `who`'s form signed offline, relayed by `relay`.
	RelayForm {
		who: usize,
		relay: usize,
		back: u32,
		entries: Vec<(usize, u32, u32, Variants)>,
	},
	Move {
		whose: usize,
		into_cluster: bool,
	},
	/// The block ends and the next begins, on the same day.
	EndBlock,
	/// The block ends, and `days` days pass over the blocks that follow.
	Pass {
		days: u32,
	},
}

impl Op {
	/// Whether the operation leaves the chain at a block's end: nothing pending.
	fn ends_block(&self) -> bool {
		matches!(self, Op::EndBlock | Op::Pass { .. })
	}
}

fn op() -> impl Strategy<Value = Op> {
	// Lineages named with no cases are frequent: an amendment may zero one another report keeps.
	let cases = || prop_oneof![1 => Just(0u32), 2 => 1..4u32];
	let variants = || proptest::collection::vec((0..3usize, cases()), 0..3);
	let report = || (0..4usize, 0..2usize, 0..3u32, 0..12u32, 0..3u32, variants());
	let decision = || (0..3usize, 0..4usize, 0..2usize, 0..4u32);
	// Up to two diseases, the same one twice at times (which is refused).
	let form = || proptest::collection::vec((0..2usize, 0..12u32, 0..3u32, variants()), 0..3);
	prop_oneof![
		4 => report().prop_map(|(who, disease, back, confirmed, deaths, variants)| Op::Submit {
			who, disease, back, confirmed, deaths, variants
		}),
		3 => report().prop_map(|(who, disease, back, confirmed, deaths, variants)| Op::Amend {
			who, disease, back, confirmed, deaths, variants
		}),
		2 => (report(), 0..2usize, prop_oneof![3 => Just(0u32), 1 => 1..3u32]).prop_map(
			|((who, disease, back, confirmed, _, variants), relay, skew)| Op::Relay {
				who, relay, disease, back, confirmed, skew, variants
			}
		),
		1 => decision().prop_map(|(by, whose, disease, back)| Op::Approve { by, whose, disease, back }),
		2 => decision().prop_map(|(by, whose, disease, back)| Op::Reject { by, whose, disease, back }),
		1 => decision().prop_map(|(by, whose, disease, back)| Op::Void { by, whose, disease, back }),
		1 => decision().prop_map(|(by, whose, disease, back)| Op::Reopen { by, whose, disease, back }),
		3 => (0..3usize, 0..4usize, 0..2usize, proptest::option::of(0..3usize), 0..25u32).prop_map(
			|(by, region, disease, lineage, confirmed)| Op::Threshold {
				by, region, disease, lineage, confirmed
			}
		),
		3 => (0..4usize, 0..3u32, form()).prop_map(|(who, back, entries)| Op::SubmitForm {
			who, back, entries
		}),
		1 => (0..4usize, 0..RELAYS.len(), 0..3u32, form()).prop_map(|(who, relay, back, entries)| {
			Op::RelayForm { who, relay, back, entries }
		}),
		1 => (0..4usize, any::<bool>()).prop_map(|(whose, into_cluster)| Op::Move { whose, into_cluster }),
		3 => Just(Op::EndBlock),
		1 => (1..20u32).prop_map(|days| Op::Pass { days }),
	]
}

fn counts_of(confirmed: u32, deaths: u32) -> Counts {
	Counts { confirmed, deaths: deaths.min(confirmed), ..counts(confirmed) }
}

fn lineage(index: usize) -> crate::Lineage<Test> {
	LINEAGES[index].to_vec().try_into().unwrap()
}

/// A form of `entries`: (disease, confirmed, deaths, variants) each.
fn form_of(entries: &[(usize, u32, u32, Variants)]) -> crate::FormOf<Test> {
	let entries: Vec<_> = entries
		.iter()
		.map(|(disease, confirmed, deaths, variants)| FormEntry {
			disease: code(DISEASES[*disease]),
			counts: counts_of(*confirmed, *deaths),
			variants: variants_of(variants),
		})
		.collect();
	entries.try_into().expect("within the mock's form")
}

fn variants_of(variants: &Variants) -> crate::VariantsOf<Test> {
	let named: Vec<_> = variants.iter().map(|(index, cases)| (lineage(*index), *cases)).collect();
	named.try_into().unwrap()
}

/// Runs `op` through the runtime's dispatch, as a transaction would; a refusal is fine.
/// Returns whether the call was refused.
fn run(op: Op) -> bool {
	let today = crate::Pallet::<Test>::today();
	let period = |back: u32| TODAY.min(today) - back;
	let call: (u64, Call<Test>) = match op {
		Op::Submit { who, disease, back, confirmed, deaths, variants } => (
			REPORTERS[who].0,
			Call::submit_report {
				disease: code(DISEASES[disease]),
				period: period(back),
				counts: counts_of(confirmed, deaths),
				variants: variants_of(&variants),
			},
		),
		Op::Amend { who, disease, back, confirmed, deaths, variants } => (
			REPORTERS[who].0,
			Call::amend_report {
				org: REPORTERS[who].1,
				disease: code(DISEASES[disease]),
				period: period(back),
				counts: counts_of(confirmed, deaths),
				variants: variants_of(&variants),
			},
		),
		Op::Relay { who, relay, disease, back, confirmed, skew, variants } => {
			let (signer, org) = REPORTERS[who];
			let current = Reports::<Test>::get((org, code(DISEASES[disease]), period(back)))
				.map_or(0, |report| report.state.version);
			let report = offline_report(
				org,
				DISEASES[disease],
				period(back),
				counts_of(confirmed, 0),
				variants_of(&variants),
				current + 1 + skew,
			);
			let signature = sign(signer, &report);
			(RELAYS[relay], Call::relay_report { report, signer, signature })
		},
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
		Op::Threshold { by, region, disease, lineage, confirmed } => (
			AUTHORITIES[by],
			Call::set_threshold {
				region: self::region(REGIONS[region]),
				disease: code(DISEASES[disease]),
				lineage: lineage.map(self::lineage),
				confirmed,
			},
		),
		Op::SubmitForm { who, back, entries } => {
			let reports = form_of(&entries);
			(REPORTERS[who].0, Call::submit_reports { period: period(back), reports })
		},
		Op::RelayForm { who, relay, back, entries } => {
			let (signer, org) = REPORTERS[who];
			let form = crate::OfflineForm {
				genesis: System::block_hash(0),
				org,
				period: period(back),
				reports: form_of(&entries),
				valid_until: now_millis() + 86_400_000,
			};
			let message = healthnet_primitives::surveillance::offline_form_message(
				&codec::Encode::encode(&form),
			);
			let signature = sp_runtime::testing::TestSignature(signer, message);
			(RELAYS[relay], Call::relay_reports { form, signer, signature })
		},
		Op::Move { whose, into_cluster } => {
			set_cluster(REPORTERS[whose].1, into_cluster.then_some(CLUSTER));
			return false;
		},
		Op::EndBlock => {
			next_block();
			return false;
		},
		Op::Pass { days } => {
			// The block ends on its own day; the days pass over the blocks that follow, enough
			// of them for the expiry to catch up, a few alerts per block.
			next_block();
			set_now(today + days, 12 * 3_600_000);
			for _ in 0..20 {
				next_block();
			}
			return false;
		},
	};
	call.1.dispatch_bypass_filter(RuntimeOrigin::signed(call.0)).is_err()
}

/// The totals of every place, as recounted from the reports or as the pallet keeps them.
#[derive(Debug, Default, PartialEq)]
struct Places {
	/// By (region, disease, period); none at zero.
	regions: BTreeMap<(Vec<u8>, Vec<u8>, u32), Totals>,
	/// By (cluster, disease, period); none at zero.
	clusters: BTreeMap<(u32, Vec<u8>, u32), Totals>,
	/// Confirmed cases and deaths by (facility, disease); none at zero.
	facilities: BTreeMap<(u32, Vec<u8>), (u64, u64)>,
	/// Confirmed cases by (region, disease, period, lineage); none at zero.
	region_lineages: BTreeMap<(Vec<u8>, Vec<u8>, u32, Vec<u8>), u64>,
	/// Confirmed cases by (cluster, disease, period, lineage); none at zero.
	cluster_lineages: BTreeMap<(u32, Vec<u8>, u32, Vec<u8>), u64>,
}

impl Places {
	/// Drops what holds nothing, as the pallet stores no lineage at zero.
	fn without_zeros(mut self) -> Self {
		self.regions.retain(|_, totals| *totals != Totals::default());
		self.clusters.retain(|_, totals| *totals != Totals::default());
		self.facilities.retain(|_, totals| *totals != (0, 0));
		self.region_lineages.retain(|_, cases| *cases != 0);
		self.cluster_lineages.retain(|_, cases| *cases != 0);
		self
	}

	/// Requires every total of `self` to equal `recount`'s.
	fn equal(&self, recount: &Places, what: &str) -> Result<(), TestCaseError> {
		prop_assert_eq!(
			&self.region_lineages,
			&recount.region_lineages,
			"{} region lineages",
			what
		);
		prop_assert_eq!(
			&self.cluster_lineages,
			&recount.cluster_lineages,
			"{} cluster lineages",
			what
		);
		prop_assert_eq!(&self.regions, &recount.regions, "{} region aggregates", what);
		prop_assert_eq!(&self.clusters, &recount.clusters, "{} cluster aggregates", what);
		prop_assert_eq!(&self.facilities, &recount.facilities, "facility totals");
		Ok(())
	}
}

/// Every total recounted from the counted reports' current versions.
fn recount() -> Places {
	let mut places = Places::default();
	for ((org, disease, period), _) in Reports::<Test>::iter() {
		let (report, version) = Surveillance::current_report(org, &disease, period)
			.expect("every report has its current version");
		if !report.status.is_counted() {
			continue;
		}
		let counts = version.counts;
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
			places.regions.entry(key).or_default().apply(None, Some(&counts));
			for (lineage, cases) in &version.variants {
				let key = (level.to_vec(), disease.to_vec(), period, lineage.to_vec());
				*places.region_lineages.entry(key).or_default() += u64::from(*cases);
			}
		}
		if let Some(cluster) = report.cluster {
			let key = (cluster, disease.to_vec(), period);
			places.clusters.entry(key).or_default().apply(None, Some(&counts));
			for (lineage, cases) in &version.variants {
				let key = (cluster, disease.to_vec(), period, lineage.to_vec());
				*places.cluster_lineages.entry(key).or_default() += u64::from(*cases);
			}
		}
		let total = places.facilities.entry((org, disease.to_vec())).or_default();
		total.0 += u64::from(counts.confirmed);
		total.1 += u64::from(counts.deaths);
	}
	places.without_zeros()
}

/// Every total as the pallet stores it.
fn stored() -> Places {
	let places = Places {
		regions: RegionAggregates::<Test>::iter()
			.map(|((region, disease, period), totals)| {
				((region.to_vec(), disease.to_vec(), period), totals)
			})
			.collect(),
		clusters: ClusterAggregates::<Test>::iter()
			.map(|((cluster, disease, period), totals)| {
				((cluster, disease.to_vec(), period), totals)
			})
			.collect(),
		facilities: FacilityTotals::<Test>::iter()
			.map(|(org, disease, totals)| ((org, disease.to_vec()), totals))
			.collect(),
		region_lineages: crate::RegionLineages::<Test>::iter()
			.map(|((region, disease, period, lineage), cases)| {
				((region.to_vec(), disease.to_vec(), period, lineage.to_vec()), cases)
			})
			.collect(),
		cluster_lineages: crate::ClusterLineages::<Test>::iter()
			.map(|((cluster, disease, period, lineage), cases)| {
				((cluster, disease.to_vec(), period, lineage.to_vec()), cases)
			})
			.collect(),
	};
	places.without_zeros()
}

/// The stored totals with the block's pending changes added: each pending change of a
/// facility's region counted at every level of it and in its cluster, if it has one.
fn stored_and_pending() -> Result<Places, TestCaseError> {
	let mut places = stored();
	let mut regions: BTreeMap<(Vec<u8>, Vec<u8>, u32), TotalsDelta> = BTreeMap::new();
	let mut clusters: BTreeMap<(u32, Vec<u8>, u32), TotalsDelta> = BTreeMap::new();
	for ((cluster, leaf, disease, period), delta) in PendingTotals::<Test>::iter() {
		for level in crate::Pallet::<Test>::levels(&leaf) {
			regions.entry((level.to_vec(), disease.to_vec(), period)).or_default().add(&delta);
		}
		if let Some(cluster) = cluster {
			clusters.entry((cluster, disease.to_vec(), period)).or_default().add(&delta);
		}
	}
	for (key, delta) in regions {
		let totals = places.regions.entry(key.clone()).or_default();
		*totals = moved(totals, &delta).ok_or_else(|| below_zero(&key))?;
	}
	for (key, delta) in clusters {
		let totals = places.clusters.entry(key.clone()).or_default();
		*totals = moved(totals, &delta).ok_or_else(|| below_zero(&key))?;
	}
	let mut region_lineages: BTreeMap<_, i64> = BTreeMap::new();
	let mut cluster_lineages: BTreeMap<_, i64> = BTreeMap::new();
	for ((cluster, leaf, disease, period, lineage), change) in PendingLineages::<Test>::iter() {
		for level in crate::Pallet::<Test>::levels(&leaf) {
			let key = (level.to_vec(), disease.to_vec(), period, lineage.to_vec());
			*region_lineages.entry(key).or_default() += change;
		}
		if let Some(cluster) = cluster {
			let key = (cluster, disease.to_vec(), period, lineage.to_vec());
			*cluster_lineages.entry(key).or_default() += change;
		}
	}
	for (key, change) in region_lineages {
		let cases = places.region_lineages.entry(key.clone()).or_default();
		*cases = plus(*cases, change).ok_or_else(|| below_zero(&key))?;
	}
	for (key, change) in cluster_lineages {
		let cases = places.cluster_lineages.entry(key.clone()).or_default();
		*cases = plus(*cases, change).ok_or_else(|| below_zero(&key))?;
	}
	Ok(places.without_zeros())
}

/// `count` moved by `change`, or `None` if it would fall below zero (or overflow): exact, so
/// that a change taking out more than a total holds shows.
fn plus<N: Into<i128> + TryFrom<i128>>(count: N, change: impl Into<i128>) -> Option<N> {
	N::try_from(count.into() + change.into()).ok()
}

/// `totals` moved by `delta`, or `None` if a count would fall below zero.
fn moved(totals: &Totals, delta: &TotalsDelta) -> Option<Totals> {
	Some(Totals {
		suspected: plus(totals.suspected, delta.suspected)?,
		confirmed: plus(totals.confirmed, delta.confirmed)?,
		deaths: plus(totals.deaths, delta.deaths)?,
		recovered: plus(totals.recovered, delta.recovered)?,
		hospitalised: plus(totals.hospitalised, delta.hospitalised)?,
		tests_performed: plus(totals.tests_performed, delta.tests_performed)?,
		tests_positive: plus(totals.tests_positive, delta.tests_positive)?,
		reports: plus(totals.reports, delta.reports)?,
	})
}

fn below_zero(key: &dyn core::fmt::Debug) -> TestCaseError {
	TestCaseError::fail(format!("the block's changes take {key:?} below zero"))
}

/// Checks, within a block, that the stored totals and the block's pending changes add up to
/// a recount of the reports; and the cluster's completeness, which moves at once.
fn check_pending() -> Result<(), TestCaseError> {
	stored_and_pending()?.equal(&recount(), "stored and pending")?;
	completeness_recounted()
}

/// Checks, at a block's end, every total and alert against a recount of the reports, and that
/// nothing is left pending.
fn check() -> Result<(), TestCaseError> {
	prop_assert!(crate::Pallet::<Test>::nothing_pending(), "changes pending after the block");
	let recounted = recount();
	stored().equal(&recounted, "stored")?;
	check_buckets()?;
	let Places { regions, region_lineages, .. } = recounted;

	let today = crate::Pallet::<Test>::today();
	let window = <Test as Config>::AlertWindow::get();
	let mut expected = BTreeMap::new();
	let confirmed = regions.iter().map(|((region, disease, period), totals)| {
		((region.clone(), disease.clone(), None, *period), totals.confirmed)
	});
	let of_lineages = region_lineages.iter().map(|((region, disease, period, lineage), cases)| {
		((region.clone(), disease.clone(), Some(lineage.clone()), *period), *cases)
	});
	for ((region, disease, lineage, period), cases) in confirmed.chain(of_lineages) {
		let bounded: Option<crate::Lineage<Test>> =
			lineage.clone().map(|lineage| lineage.try_into().unwrap());
		let key = (self::region(&region), code(&disease), bounded);
		let Some(threshold) = Thresholds::<Test>::get(key) else { continue };
		if cases >= u64::from(threshold.confirmed) && today - period <= window {
			expected.insert((region, disease, lineage, period), (cases, threshold.confirmed));
		}
	}
	let stored: BTreeMap<_, _> = OpenAlerts::<Test>::iter()
		.map(|((region, disease, lineage, period), value)| {
			let lineage = lineage.map(|lineage| lineage.to_vec());
			((region.to_vec(), disease.to_vec(), lineage, period), value)
		})
		.collect();
	prop_assert_eq!(&stored, &expected, "open alerts");

	let within: BTreeSet<_> = AlertsWithin::<Test>::iter_keys()
		.map(|(level, (region, disease, lineage, period))| {
			let lineage = lineage.map(|lineage| lineage.to_vec());
			(level.to_vec(), (region.to_vec(), disease.to_vec(), lineage, period))
		})
		.collect();
	let expected_within: BTreeSet<_> = expected
		.keys()
		.flat_map(|alert| {
			region_and_ancestors(&alert.0)
				.map(|level| (level.to_vec(), alert.clone()))
				.collect::<Vec<_>>()
		})
		.collect();
	prop_assert_eq!(within, expected_within, "the index by region");
	let by_period: BTreeSet<_> = AlertsByPeriod::<Test>::iter_keys()
		.map(|(period, (region, disease, lineage))| {
			(region.to_vec(), disease.to_vec(), lineage.map(|lineage| lineage.to_vec()), period)
		})
		.collect();
	prop_assert_eq!(
		by_period,
		expected.keys().cloned().collect::<BTreeSet<_>>(),
		"the index by period"
	);
	completeness_recounted()
}

/// Checks the cluster's completeness of every disease and period the operations reach against
/// a recount: the counted reports (pending or approved) of the facilities that are members of
/// the cluster now and may report cases, on time or late as their first version was.
fn completeness_recounted() -> Result<(), TestCaseError> {
	type Registry = <Test as Config>::Registry;
	let reporting = |org: OrgId| Registry::org_has_capability(org, Capability::ReportCases);
	let mut members: Vec<OrgId> =
		Registry::cluster_members(CLUSTER).into_iter().filter(|org| reporting(*org)).collect();
	members.sort();
	// Per (disease, period): the facilities that reported on time, and those that reported late.
	let mut counted: BTreeMap<(Vec<u8>, u32), (BTreeSet<OrgId>, BTreeSet<OrgId>)> = BTreeMap::new();
	for ((org, disease, period), crate::StoredReport { state: report, .. }) in
		Reports::<Test>::iter()
	{
		let member = Registry::cluster_of(org) == Some(CLUSTER) && reporting(org);
		if member && report.status.is_counted() {
			let (on_time, late) = counted.entry((disease.to_vec(), period)).or_default();
			if report.on_time { on_time } else { late }.insert(org);
		}
	}
	// `run` reaches the periods from three days before [`TODAY`] to it.
	for disease in DISEASES {
		for period in TODAY - 3..=TODAY {
			let (on_time, late) = counted.remove(&(disease.to_vec(), period)).unwrap_or_default();
			let missing: Vec<OrgId> = members
				.iter()
				.copied()
				.filter(|org| !on_time.contains(org) && !late.contains(org))
				.collect();
			let shown = Surveillance::completeness(CLUSTER, disease.to_vec(), period);
			let what = format!("completeness of {disease:?} on day {period}: {shown:?}");
			prop_assert_eq!(shown.expected, members.len() as u32, "{}", what);
			prop_assert_eq!(shown.reported, (on_time.len() + late.len()) as u32, "{}", what);
			prop_assert_eq!(shown.on_time, on_time.len() as u32, "{}", what);
			prop_assert_eq!(&shown.missing, &missing, "{}", what);
			prop_assert_eq!(&shown.late, &late.into_iter().collect::<Vec<_>>(), "{}", what);
			prop_assert!(shown.reported <= shown.expected, "{}", what);
			prop_assert_eq!(shown.on_time + shown.late.len() as u32, shown.reported, "{}", what);
		}
	}
	prop_assert!(counted.is_empty(), "reports outside the periods checked: {:?}", counted);
	Ok(())
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

	#[test]
	fn totals_and_alerts_always_equal_a_recount(ops in proptest::collection::vec(op(), 1..60)) {
		new_test_ext().execute_with(|| {
			Surveillance::on_initialize(1);
			for op in ops {
				let ends_block = op.ends_block();
				// A refusal is fine; a refusal that wrote is not.
				let described = format!("{op:?}");
				let _ = testing::refusal_changes_nothing(&described, || {
					if run(op) { Err("refused") } else { Ok(()) }
				})
				.map_err(TestCaseError::fail)?;
				// Alerts lag within a block by design: they are settled at its end.
				if ends_block { check()? } else { check_pending()? }
			}
			next_block();
			check()
		})?;
	}
}

/// Every day of every region's and cluster's series buckets is that day's aggregate, and every
/// day with a counted report is in its bucket.
fn check_buckets() -> Result<(), TestCaseError> {
	use crate::{bucket_of, ClusterBuckets, RegionBuckets};
	let counted = |totals: &Totals| totals.reports > 0;
	let days: BTreeMap<_, _> = RegionAggregates::<Test>::iter()
		.filter(|(_, totals)| counted(totals))
		.map(|((region, disease, period), totals)| {
			((region.to_vec(), disease.to_vec(), period), totals)
		})
		.collect();
	let in_buckets: BTreeMap<_, _> = RegionBuckets::<Test>::iter()
		.flat_map(|((region, disease, bucket), days)| {
			days.into_iter().map(move |(period, totals)| {
				assert_eq!(bucket_of(period), bucket, "a day in another's bucket");
				((region.to_vec(), disease.to_vec(), period), totals)
			})
		})
		.collect();
	prop_assert_eq!(&in_buckets, &days, "region buckets");
	let days: BTreeMap<_, _> = ClusterAggregates::<Test>::iter()
		.filter(|(_, totals)| counted(totals))
		.map(|((cluster, disease, period), totals)| ((cluster, disease.to_vec(), period), totals))
		.collect();
	let in_buckets: BTreeMap<_, _> = ClusterBuckets::<Test>::iter()
		.flat_map(|((cluster, disease, _), days)| {
			days.into_iter()
				.map(move |(period, totals)| ((cluster, disease.to_vec(), period), totals))
		})
		.collect();
	prop_assert_eq!(&in_buckets, &days, "cluster buckets");
	Ok(())
}
