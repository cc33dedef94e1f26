//! Clusters: forming them, and which facilities they admit.

use super::*;

#[test]
fn an_authority_forms_a_cluster_and_adds_facilities() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::create_cluster(
			RuntimeOrigin::signed(20),
			b"Bengaluru CCU".to_vec().try_into().unwrap(),
			b"IN-KA-BLR".to_vec().try_into().unwrap(),
			HOSPITAL
		));
		System::assert_last_event(
			Event::ClusterCreated { cluster: 0, coordinator: HOSPITAL }.into(),
		);
		assert_ok!(Registry::add_to_cluster(RuntimeOrigin::signed(20), 0, HOSPITAL));
		assert_ok!(Registry::register_organisation(
			RuntimeOrigin::signed(20),
			OrgKind::Clinic,
			b"Clinic".to_vec().try_into().unwrap(),
			b"IN-KA-BLR".to_vec().try_into().unwrap(),
			Capabilities::default(),
			50,
			Some(0),
		));
		assert_eq!(Registry::cluster_members(0), vec![HOSPITAL, 4]);
		assert_eq!(<Registry as OrgRegistry<u64>>::cluster_of(4), Some(0));

		assert_ok!(Registry::remove_from_cluster(RuntimeOrigin::signed(20), HOSPITAL));
		System::assert_last_event(Event::RemovedFromCluster { cluster: 0, org: HOSPITAL }.into());
		assert_eq!(Registry::cluster_members(0), vec![4]);
	});
}

#[test]
fn cluster_rules_are_enforced() {
	with_hierarchy().execute_with(|| {
		assert_noop!(
			Registry::create_cluster(
				RuntimeOrigin::signed(30),
				b"C".to_vec().try_into().unwrap(),
				b"IN-KA-BLR".to_vec().try_into().unwrap(),
				HOSPITAL
			),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_ok!(register(20, OrgKind::Clinic, "IN-KA-MYS", 50));
		assert_noop!(
			Registry::create_cluster(
				RuntimeOrigin::signed(20),
				b"C".to_vec().try_into().unwrap(),
				b"IN-KA-BLR".to_vec().try_into().unwrap(),
				4
			),
			Error::<Test>::OutsideCluster
		);
		assert_ok!(Registry::create_cluster(
			RuntimeOrigin::signed(20),
			b"C".to_vec().try_into().unwrap(),
			b"IN-KA-BLR".to_vec().try_into().unwrap(),
			HOSPITAL
		));
		assert_noop!(
			Registry::add_to_cluster(RuntimeOrigin::signed(20), 9, HOSPITAL),
			Error::<Test>::UnknownCluster
		);
		assert_noop!(
			Registry::add_to_cluster(RuntimeOrigin::signed(10), 0, KERALA),
			Error::<Test>::NotAFacility
		);
		assert_noop!(
			Registry::add_to_cluster(RuntimeOrigin::signed(20), 0, 4),
			Error::<Test>::OutsideCluster
		);
		assert_ok!(Registry::add_to_cluster(RuntimeOrigin::signed(20), 0, HOSPITAL));
		assert_noop!(
			Registry::add_to_cluster(RuntimeOrigin::signed(20), 0, HOSPITAL),
			Error::<Test>::AlreadyInCluster
		);
		assert_noop!(
			Registry::remove_from_cluster(RuntimeOrigin::signed(20), 4),
			Error::<Test>::NotInCluster
		);
	});
}

#[test]
fn a_cluster_holds_at_most_the_configured_facilities() {
	with_hierarchy().execute_with(|| {
		assert_ok!(Registry::create_cluster(
			RuntimeOrigin::signed(20),
			b"C".to_vec().try_into().unwrap(),
			b"IN-KA-BLR".to_vec().try_into().unwrap(),
			HOSPITAL
		));
		for admin in [50, 60, 70] {
			assert_ok!(register(20, OrgKind::Clinic, "IN-KA-BLR", admin));
		}
		for org in [4, 5, 6] {
			assert_ok!(Registry::add_to_cluster(RuntimeOrigin::signed(20), 0, org));
		}
		assert_noop!(
			Registry::add_to_cluster(RuntimeOrigin::signed(20), 0, HOSPITAL),
			Error::<Test>::ClusterFull
		);
	});
}
