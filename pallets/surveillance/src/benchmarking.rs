//! Benchmarks of every call, each in its worst case: a facility in the deepest region the
//! registry allows, in the largest cluster, with a threshold at every level of its region so
//! that a report raises an alert at each, and reports with the most variants.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// A disease code of the longest length allowed.
fn disease<T: Config>() -> Vec<u8> {
	vec![b'D'; T::MaxDiseaseCodeLength::get() as usize]
}

/// `n` distinct lineages of the longest length, sharing the confirmed cases.
fn variants<T: Config>(n: u32) -> Vec<(Vec<u8>, u32)> {
	(0..n)
		.map(|i| {
			let mut name = vec![b'L'; T::MaxLineageLength::get() as usize];
			name[0] = b'A' + (i % 26) as u8;
			name[1] = b'A' + (i / 26 % 26) as u8;
			(name, 1)
		})
		.collect()
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

/// A reporting facility whose every region level has a threshold of one confirmed case;
/// returns its account, its authority's account and its id.
fn facility_with_thresholds<T: Config>() -> (T::AccountId, T::AccountId, OrgId) {
	let (facility, authority) = T::BenchmarkHelper::reporting_facility();
	let org = T::Registry::org_of(&facility).expect("the helper registers the facility");
	let region = T::Registry::region_of(org).expect("a registered organisation has a region");
	let code = DiseaseCode::<T>::try_from(disease::<T>()).expect("the longest allowed");
	for level in region_and_ancestors(&region) {
		let level = RegionCode::<T>::try_from(level.to_vec()).expect("the registry's limit");
		Thresholds::<T>::insert(level, &code, 1);
	}
	(facility, authority, org)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_report(v: Linear<0, { T::MaxVariantsPerReport::get() }>) {
		let (facility, _, org) = facility_with_thresholds::<T>();
		let period = Pallet::<T>::today();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(facility),
			disease::<T>(),
			period,
			counts(T::MaxVariantsPerReport::get()),
			variants::<T>(v),
		);

		let code = DiseaseCode::<T>::try_from(disease::<T>()).unwrap();
		assert!(Reports::<T>::contains_key((org, code, period)));
	}

	#[benchmark]
	fn amend_report(v: Linear<0, { T::MaxVariantsPerReport::get() }>) {
		let (facility, _, org) = facility_with_thresholds::<T>();
		let period = Pallet::<T>::today();
		// Under the thresholds first, so that the amendment raises every alert.
		Pallet::<T>::submit_report(
			RawOrigin::Signed(facility.clone()).into(),
			disease::<T>(),
			period,
			counts(0),
			vec![],
		)
		.unwrap();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(facility),
			org,
			disease::<T>(),
			period,
			counts(T::MaxVariantsPerReport::get()),
			variants::<T>(v),
		);

		let code = DiseaseCode::<T>::try_from(disease::<T>()).unwrap();
		assert_eq!(Reports::<T>::get((org, code, period)).map(|r| r.version), Some(2));
	}

	#[benchmark]
	fn approve_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = Pallet::<T>::today();
		Pallet::<T>::submit_report(
			RawOrigin::Signed(facility).into(),
			disease::<T>(),
			period,
			counts(1),
			vec![],
		)
		.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, disease::<T>(), period);

		let code = DiseaseCode::<T>::try_from(disease::<T>()).unwrap();
		assert_eq!(
			Reports::<T>::get((org, code, period)).map(|r| r.status),
			Some(ReportStatus::Approved)
		);
	}

	#[benchmark]
	fn reject_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = Pallet::<T>::today();
		Pallet::<T>::submit_report(
			RawOrigin::Signed(facility).into(),
			disease::<T>(),
			period,
			counts(1),
			vec![],
		)
		.unwrap();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(authority),
			org,
			disease::<T>(),
			period,
			RejectionReason::ImplausibleCounts,
		);

		let code = DiseaseCode::<T>::try_from(disease::<T>()).unwrap();
		assert_eq!(
			Reports::<T>::get((org, code, period)).map(|r| r.status),
			Some(ReportStatus::Rejected(RejectionReason::ImplausibleCounts))
		);
	}

	#[benchmark]
	fn reopen_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = Pallet::<T>::today();
		Pallet::<T>::submit_report(
			RawOrigin::Signed(facility).into(),
			disease::<T>(),
			period,
			counts(1),
			vec![],
		)
		.unwrap();
		Pallet::<T>::approve_report(
			RawOrigin::Signed(authority.clone()).into(),
			org,
			disease::<T>(),
			period,
		)
		.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org, disease::<T>(), period);

		let code = DiseaseCode::<T>::try_from(disease::<T>()).unwrap();
		assert_eq!(Reports::<T>::get((org, code, period)).map(|r| r.reopened), Some(1));
	}

	#[benchmark]
	fn set_threshold() {
		let (facility, authority, _) = facility_with_thresholds::<T>();
		let org = T::Registry::org_of(&facility).unwrap();
		let region = T::Registry::region_of(org).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), region.clone(), disease::<T>(), 100);

		let region = RegionCode::<T>::try_from(region).unwrap();
		let code = DiseaseCode::<T>::try_from(disease::<T>()).unwrap();
		assert_eq!(Thresholds::<T>::get(region, code), Some(100));
	}

	#[benchmark]
	fn publish_guidance() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let _ = facility;
		let region = T::Registry::region_of(org).unwrap();
		let target = GuidanceTarget::Region(RegionCode::<T>::try_from(region).unwrap());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(authority),
			T::Hash::default(),
			vec![b'u'; T::MaxUriLength::get() as usize],
			target,
			Some(disease::<T>()),
			Severity::Emergency,
		);

		assert!(Guidances::<T>::contains_key(0));
	}

	#[benchmark]
	fn acknowledge_guidance() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let region = T::Registry::region_of(org).unwrap();
		let target = GuidanceTarget::Region(RegionCode::<T>::try_from(region).unwrap());
		Pallet::<T>::publish_guidance(
			RawOrigin::Signed(authority).into(),
			T::Hash::default(),
			vec![b'u'; T::MaxUriLength::get() as usize],
			target,
			Some(disease::<T>()),
			Severity::Emergency,
		)
		.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(facility), 0);

		assert!(Acknowledgements::<T>::contains_key(0, org));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
