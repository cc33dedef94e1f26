//! Benchmarks of every call, each in its worst case: a facility in the deepest region the
//! registry allows, in the largest cluster, with a threshold at every level of its region so
//! that a report raises an alert at each (for a submission or an amendment, at as many levels
//! as its component `a` says), and reports with the most variants.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// A disease code of the longest length allowed.
fn disease<T: Config>() -> DiseaseCode<T> {
	DiseaseCode::<T>::try_from(vec![b'D'; T::MaxDiseaseCodeLength::get() as usize])
		.expect("the longest allowed")
}

/// `n` distinct lineages of the longest length, sharing the confirmed cases.
fn variants<T: Config>(n: u32) -> BoundedVec<(Lineage<T>, u32), T::MaxVariantsPerReport> {
	let variants: Vec<_> = (0..n)
		.map(|i| {
			let mut name = vec![b'L'; T::MaxLineageLength::get() as usize];
			name[0] = b'A' + (i % 26) as u8;
			name[1] = b'A' + (i / 26 % 26) as u8;
			(Lineage::<T>::try_from(name).expect("the longest allowed"), 1)
		})
		.collect();
	variants.try_into().expect("at most the variants allowed")
}

fn counts(confirmed: u32) -> Counts {
	Counts {
		suspected: 1,
		confirmed,
		deaths: 0,
		recovered: 0,
		hospitalised: 1,
		tests_performed: confirmed + 1,
		tests_positive: confirmed,
	}
}

/// The region of organisation `org`, bounded.
fn region_code<T: Config>(org: OrgId) -> RegionCode<T> {
	let region = T::Registry::region_of(org).expect("a registered organisation has a region");
	RegionCode::<T>::try_from(region).expect("the registry's limit")
}

/// `facility` reports `confirmed` cases of [`disease`] for today; returns today.
fn submitted<T: Config>(facility: &T::AccountId, confirmed: u32) -> Period {
	let period = Pallet::<T>::today();
	Pallet::<T>::submit_report(
		RawOrigin::Signed(facility.clone()).into(),
		disease::<T>(),
		period,
		counts(confirmed),
		Default::default(),
	)
	.expect("the helper's facility reports");
	period
}

/// A guidance to the cluster of `org`, with the longest address. A cluster is the costlier
/// target: publishing reads the cluster's region from the registry.
fn guidance<T: Config>(
	org: OrgId,
) -> (BoundedVec<u8, T::MaxUriLength>, GuidanceTarget<T::MaxRegionCodeLength>) {
	let uri = vec![b'u'; T::MaxUriLength::get() as usize];
	let cluster = T::Registry::cluster_of(org).expect("the helper's facility is in a cluster");
	(uri.try_into().expect("the longest allowed"), GuidanceTarget::Cluster(cluster))
}

/// A reporting facility in the deepest region with a threshold of one confirmed case at the
/// deepest `a` levels of its region and none above, so that a report of it opens `a` alerts,
/// the costliest write of an alert (each indexes every containing region), and reads the
/// other levels' missing thresholds; returns the facility's account and id.
fn facility_with_deepest_thresholds<T: Config>(a: u32) -> (T::AccountId, OrgId) {
	let (facility, _) = T::BenchmarkHelper::reporting_facility();
	let org = T::Registry::org_of(&facility).expect("the helper registers the facility");
	let threshold = Threshold { confirmed: 1, set_by: org };
	for level in Pallet::<T>::levels(&region_code::<T>(org)).take(a as usize) {
		Thresholds::<T>::insert(level, disease::<T>(), threshold);
	}
	(facility, org)
}

/// Whether any alert is open in the region of `org`.
fn alerts_open<T: Config>(org: OrgId) -> bool {
	AlertsWithin::<T>::iter_key_prefix(region_code::<T>(org)).next().is_some()
}

/// A reporting facility whose every region level has a threshold of one confirmed case;
/// returns its account, its authority's account and its id.
fn facility_with_thresholds<T: Config>() -> (T::AccountId, T::AccountId, OrgId) {
	let (facility, authority) = T::BenchmarkHelper::reporting_facility();
	let org = T::Registry::org_of(&facility).expect("the helper registers the facility");
	let region = region_code::<T>(org);
	// Set by another organisation than the authority, so that changing one checks its owner.
	let threshold = Threshold { confirmed: 1, set_by: org };
	for level in Pallet::<T>::levels(&region) {
		Thresholds::<T>::insert(level, disease::<T>(), threshold);
	}
	(facility, authority, org)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// `a`: the levels with a threshold, at each of which the report opens an alert (settling
	// costs most then); the other levels have none, so `a = 0` is a report that crosses none.
	#[benchmark]
	fn submit_report(
		v: Linear<0, { T::MaxVariantsPerReport::get() }>,
		a: Linear<0, { T::MaxRegionDepth::get() + 1 }>,
	) {
		let (facility, org) = facility_with_deepest_thresholds::<T>(a);
		let period = Pallet::<T>::today();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(facility),
			disease::<T>(),
			period,
			counts(T::MaxVariantsPerReport::get()),
			variants::<T>(v),
		);

		assert!(Reports::<T>::contains_key((org, disease::<T>(), period)));
		assert_eq!(OpenAlerts::<T>::iter().count() as u32, a);
	}

	#[benchmark]
	fn amend_report(
		v: Linear<0, { T::MaxVariantsPerReport::get() }>,
		a: Linear<0, { T::MaxRegionDepth::get() + 1 }>,
	) {
		let (facility, org) = facility_with_deepest_thresholds::<T>(a);
		// Under the thresholds first, so that the amendment opens `a` alerts.
		let period = submitted::<T>(&facility, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(facility),
			org,
			disease::<T>(),
			period,
			counts(T::MaxVariantsPerReport::get()),
			variants::<T>(v),
		);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.version), Some(2));
		assert_eq!(OpenAlerts::<T>::iter().count() as u32, a);
	}

	#[benchmark]
	fn approve_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = submitted::<T>(&facility, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, disease::<T>(), period);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.status), Some(ReportStatus::Approved));
	}

	#[benchmark]
	fn reject_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = submitted::<T>(&facility, 1);
		let reason = RejectionReason::ImplausibleCounts;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, disease::<T>(), period, reason);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.status), Some(ReportStatus::Rejected(reason)));
		assert!(!alerts_open::<T>(org), "the counts left, and every alert closed");
	}

	#[benchmark]
	fn void_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = submitted::<T>(&facility, 1);
		let reason = VoidReason::Fraudulent;

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, disease::<T>(), period, reason);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.status), Some(ReportStatus::Voided(reason)));
		assert!(!alerts_open::<T>(org), "the counts left, and every alert closed");
	}

	#[benchmark]
	fn reopen_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = submitted::<T>(&facility, 1);
		let origin = RawOrigin::Signed(authority.clone());
		Pallet::<T>::approve_report(origin.into(), org, disease::<T>(), period)
			.expect("the authority approves the report");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, disease::<T>(), period);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.reopened), Some(1));
	}

	#[benchmark]
	fn set_threshold() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let region = region_code::<T>(org);
		// A report for every period of the alert window, each with its alerts open.
		let today = Pallet::<T>::today();
		for period in today - T::AlertWindow::get()..=today {
			Pallet::<T>::submit_report(
				RawOrigin::Signed(facility.clone()).into(),
				disease::<T>(),
				period,
				counts(1),
				Default::default(),
			)
			.expect("the facility reports each period of the window");
		}

		// Raised above every count: every period's alert of the region closes.
		#[extrinsic_call]
		_(RawOrigin::Signed(authority), region.clone(), disease::<T>(), 2);

		let threshold = Thresholds::<T>::get(&region, disease::<T>());
		assert_eq!(threshold.map(|t| t.confirmed), Some(2));
		assert_eq!(AlertsWithin::<T>::iter_key_prefix(&region).count(), 0);
	}

	#[benchmark]
	fn expire_alerts(n: Linear<0, { T::MaxAlertExpiriesPerBlock::get() }>) {
		let (_, _, org) = facility_with_thresholds::<T>();
		let region = region_code::<T>(org);
		// `n` alerts of the deepest region, one per disease, in the first expired period.
		let expired = Pallet::<T>::today() - T::AlertWindow::get() - 1;
		for i in 0..n {
			let mut disease = disease::<T>();
			disease[0] = b'A' + (i % 26) as u8;
			disease[1] = b'A' + (i / 26 % 26) as u8;
			Pallet::<T>::open_alert(&region, &disease, expired, 1, 1);
		}
		AlertExpiryCursor::<T>::put(expired);
		let steps;

		#[block]
		{
			steps = Pallet::<T>::expire_alerts(n);
		}

		assert_eq!(steps, n);
		assert_eq!(AlertsByPeriod::<T>::iter_key_prefix(expired).count(), 0);
	}

	#[benchmark]
	fn publish_guidance() {
		let (_, authority, org) = facility_with_thresholds::<T>();
		let (uri, target) = guidance::<T>(org);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(authority),
			T::Hash::default(),
			uri,
			target,
			Some(disease::<T>()),
			Severity::Emergency,
		);

		assert!(Guidances::<T>::contains_key(0));
	}

	#[benchmark]
	fn acknowledge_guidance() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let (uri, target) = guidance::<T>(org);
		Pallet::<T>::publish_guidance(
			RawOrigin::Signed(authority).into(),
			T::Hash::default(),
			uri,
			target,
			Some(disease::<T>()),
			Severity::Emergency,
		)
		.expect("the authority publishes guidance");

		#[extrinsic_call]
		_(RawOrigin::Signed(facility), 0);

		assert!(Acknowledgements::<T>::contains_key(0, org));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
