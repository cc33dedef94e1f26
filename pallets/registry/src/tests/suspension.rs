//! Suspending and reinstating organisations, and what a suspension takes away.

use super::*;
use healthnet_primitives::Page;

#[test]
fn a_suspended_organisation_loses_every_right_at_once() {
	with_hierarchy().execute_with(|| {
		assert!(<Registry as OrgRegistry<u64>>::has_capability(&40, Capability::ReportCases));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(20), HOSPITAL));
		System::assert_last_event(Event::OrganisationSuspended { org: HOSPITAL }.into());
		assert_eq!(status(HOSPITAL), OrgStatus::Suspended);
		assert_eq!(<Registry as OrgRegistry<u64>>::active_org_of(&40), None);
		assert!(!<Registry as OrgRegistry<u64>>::has_capability(&40, Capability::ReportCases));
		assert_noop!(join(40, 41, OPERATOR), Error::<Test>::OrganisationNotActive);

		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::signed(10), HOSPITAL));
		System::assert_last_event(Event::OrganisationReinstated { org: HOSPITAL }.into());
		assert!(<Registry as OrgRegistry<u64>>::has_capability(&40, Capability::ReportCases));
	});
}

#[test]
fn the_registry_answers_other_pallets_about_organisations_and_clusters() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::create_cluster(
			RuntimeOrigin::signed(20),
			b"Bengaluru".to_vec().try_into().unwrap(),
			b"IN-KA-BLR".to_vec().try_into().unwrap(),
			HOSPITAL
		));
		assert_ok!(Registry::add_to_cluster(RuntimeOrigin::signed(20), 0, HOSPITAL));
		assert_eq!(<Registry as OrgRegistry<u64>>::cluster_region(0), Some(b"IN-KA-BLR".to_vec()));
		assert_eq!(<Registry as OrgRegistry<u64>>::cluster_region(1), None);
		assert_eq!(<Registry as OrgRegistry<u64>>::cluster_members(0), vec![HOSPITAL]);
		let within = <Registry as OrgRegistry<u64>>::organisations_within(b"IN-KA", 0, 100);
		assert_eq!(within, Page { items: vec![KARNATAKA, HOSPITAL], next: None });
		let first = <Registry as OrgRegistry<u64>>::organisations_within(b"IN-KA", 0, 2);
		let rest = <Registry as OrgRegistry<u64>>::organisations_within(b"IN-KA", 2, 2);
		let mut paged = first.items.clone();
		paged.extend(rest.items);
		assert_eq!((paged, first.next), (vec![KARNATAKA, HOSPITAL], Some(2)));
		assert!(<Registry as OrgRegistry<u64>>::org_has_capability(
			HOSPITAL,
			Capability::ReportCases
		));
		assert!(!<Registry as OrgRegistry<u64>>::org_has_capability(
			HOSPITAL,
			Capability::Manufacture
		));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(20), HOSPITAL));
		assert!(!<Registry as OrgRegistry<u64>>::org_has_capability(
			HOSPITAL,
			Capability::ReportCases
		));
		assert_eq!(<Registry as OrgRegistry<u64>>::org_of(&40), Some(HOSPITAL));
		assert_eq!(<Registry as OrgRegistry<u64>>::active_org_of(&40), None);
		assert_eq!(<Registry as OrgRegistry<u64>>::org_of(&999), None);
	});
}

#[test]
fn a_suspended_authority_governs_nothing() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(10), KARNATAKA));
		assert!(!<Registry as OrgRegistry<u64>>::authority_over(&20, b"IN-KA").is_some());
		assert_noop!(
			register(20, OrgKind::Clinic, "IN-KA", 50),
			Error::<Test>::OrganisationNotActive
		);
	});
}

#[test]
fn suspension_is_limited_to_the_authority_region() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::signed(30), HOSPITAL),
			Error::<Test>::NotAuthorityForRegion
		);
		// A regional authority cannot suspend its parent (the council's), nor itself.
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::signed(20), INDIA),
			Error::<Test>::OnlyTheCouncil
		);
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::signed(20), KARNATAKA),
			Error::<Test>::CannotGovernItself
		);
		assert_eq!(status(HOSPITAL), OrgStatus::Active);
	});
}

#[test]
fn a_region_has_at_most_one_authority() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			register(10, OrgKind::LocalAuthority, "IN-KA", 50),
			Error::<Test>::RegionHasAuthority
		);
		assert_noop!(
			Registry::register_authority(
				RuntimeOrigin::root(),
				OrgKind::NationalAuthority,
				b"Another India".to_vec().try_into().unwrap(),
				b"IN".to_vec().try_into().unwrap(),
				60
			),
			Error::<Test>::RegionHasAuthority
		);
		assert_ok!(register(20, OrgKind::LocalAuthority, "IN-KA-BLR", 50));
	});
}

#[test]
fn the_same_organisation_cannot_be_registered_twice() {
	with_hierarchy().execute_with(|| {
		let clinic = |caller: u64, region: &str, admin: u64| {
			Registry::register_organisation(
				RuntimeOrigin::signed(caller),
				OrgKind::Clinic,
				b"Mysuru Health Centre".to_vec().try_into().unwrap(),
				region.as_bytes().to_vec().try_into().unwrap(),
				Capabilities::default(),
				admin,
				None,
			)
		};
		assert_ok!(clinic(20, "IN-KA-MYS", 50));
		// Same name and region, another admin: the same organisation again.
		assert_noop!(clinic(20, "IN-KA-MYS", 60), Error::<Test>::AlreadyRegistered);
		// The same name elsewhere is another organisation.
		assert_ok!(clinic(10, "IN-KL", 60));
	});
}

#[test]
fn the_council_suspends_any_organisation() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INDIA));
		assert_eq!(status(INDIA), OrgStatus::Suspended);
	});
}

#[test]
fn suspending_twice_or_reinstating_an_active_organisation_fails() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::reinstate_organisation(RuntimeOrigin::signed(20), HOSPITAL),
			Error::<Test>::NotSuspended
		);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(20), HOSPITAL));
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::signed(20), HOSPITAL),
			Error::<Test>::AlreadySuspended
		);
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::signed(20), 77),
			Error::<Test>::UnknownOrganisation
		);
	});
}
