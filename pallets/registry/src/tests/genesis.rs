//! Genesis: the registry a chain spec starts with, checked by the calls' rules.

use super::*;

#[test]
fn genesis_builds_organisations_members_and_clusters() {
	let genesis = crate::GenesisConfig::<Test> {
		organisations: vec![
			genesis_organisation(OrgKind::NationalAuthority, "IN", None, None, &[(10, ADMIN)]),
			genesis_organisation(
				OrgKind::RegionalAuthority,
				"IN-KA",
				Some(0),
				None,
				&[(20, ADMIN)],
			),
			genesis_organisation(
				OrgKind::Hospital,
				"IN-KA-BLR",
				Some(1),
				Some(0),
				&[(40, ADMIN), (41, OPERATOR)],
			),
		],
		clusters: vec![crate::GenesisCluster {
			name: "Bengaluru".into(),
			region: "IN-KA-BLR".into(),
			coordinator: 2,
		}],
	};
	with_genesis(genesis).execute_with(|| {
		let hospital = Organisations::<Test>::get(2).unwrap();
		assert_eq!(hospital.parent, Some(1));
		assert_eq!(hospital.cluster, Some(0));
		assert!(hospital.capabilities.has(Capability::ReportCases));
		assert_eq!(Members::<Test>::get(41), Some((2, OPERATOR)));
		assert_eq!(MemberCounts::<Test>::get(2), (2, 1));
		assert_eq!(Registry::cluster_members(0), vec![2]);
		assert_eq!(Clusters::<Test>::get(0).unwrap().size, 1);
		assert!(Registry::authority_over(&20, b"IN-KA-BLR").is_some());
		// Calls carry on where genesis stopped.
		assert_ok!(register(20, OrgKind::Clinic, "IN-KA-MYS", 50));
		assert_eq!(Members::<Test>::get(50), Some((3, ADMIN)));
	});
}

#[test]
#[should_panic(expected = "genesis organisation 1 (RegionalAuthority FR-IDF): Module")]
fn genesis_refuses_an_organisation_outside_its_parents_region() {
	with_genesis(crate::GenesisConfig::<Test> {
		organisations: vec![
			genesis_organisation(OrgKind::NationalAuthority, "IN", None, None, &[(10, ADMIN)]),
			genesis_organisation(
				OrgKind::RegionalAuthority,
				"FR-IDF",
				Some(0),
				None,
				&[(20, ADMIN)],
			),
		],
		clusters: vec![],
	});
}

#[test]
#[should_panic(expected = "genesis organisation 0 (NationalAuthority IN)")]
fn genesis_refuses_an_organisation_whose_first_member_is_not_an_admin() {
	with_genesis(crate::GenesisConfig::<Test> {
		organisations: vec![genesis_organisation(
			OrgKind::NationalAuthority,
			"IN",
			None,
			None,
			&[(10, OPERATOR)],
		)],
		clusters: vec![],
	});
}

#[test]
#[should_panic(expected = "genesis organisation 1 (Manufacturer IN-KA) in cluster 0")]
fn genesis_refuses_a_cluster_member_that_is_not_a_facility() {
	with_genesis(crate::GenesisConfig::<Test> {
		organisations: vec![
			genesis_organisation(OrgKind::NationalAuthority, "IN", None, None, &[(10, ADMIN)]),
			genesis_organisation(OrgKind::Manufacturer, "IN-KA", Some(0), Some(0), &[(20, ADMIN)]),
		],
		clusters: vec![crate::GenesisCluster {
			name: "Karnataka".into(),
			region: "IN-KA".into(),
			coordinator: 0,
		}],
	});
}
