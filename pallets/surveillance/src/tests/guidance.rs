//! Guidance: published by an authority inside its region, to a cluster or a region, and
//! acknowledged by each facility it addresses.

use super::*;

fn publish(
	account: u64,
	target: GuidanceTarget<MaxRegionCodeLength>,
) -> frame_support::dispatch::DispatchResult {
	Surveillance::publish_guidance(
		RuntimeOrigin::signed(account),
		H256::repeat_byte(7),
		b"https://guidance.example/1".to_vec().try_into().unwrap(),
		target,
		Some(code(COVID)),
		Severity::Advisory,
	)
}

#[test]
fn guidance_is_acknowledged_by_each_addressed_facility() {
	new_test_ext().execute_with(|| {
		assert_ok!(publish(20, GuidanceTarget::Cluster(CLUSTER)));
		System::assert_last_event(
			Event::GuidancePublished {
				guidance: 0,
				author: KARNATAKA,
				severity: Severity::Advisory,
			}
			.into(),
		);
		assert_eq!(Surveillance::unacknowledged_guidance(0, 0, 100).items, FACILITIES.to_vec());
		assert_ok!(Surveillance::acknowledge_guidance(RuntimeOrigin::signed(50), 0));
		assert_eq!(
			Surveillance::unacknowledged_guidance(0, 0, 100).items,
			vec![FACILITIES[0], FACILITIES[2]]
		);
		assert_noop!(
			Surveillance::acknowledge_guidance(RuntimeOrigin::signed(50), 0),
			Error::<Test>::AlreadyAcknowledged
		);
		assert_noop!(
			Surveillance::acknowledge_guidance(RuntimeOrigin::signed(70), 0),
			Error::<Test>::NotAddressed
		);
		assert_noop!(
			Surveillance::acknowledge_guidance(RuntimeOrigin::signed(70), 1),
			Error::<Test>::UnknownGuidance
		);
	});
}

#[test]
fn guidance_to_a_region_addresses_its_reporting_facilities() {
	new_test_ext().execute_with(|| {
		assert_ok!(publish(10, GuidanceTarget::Region(b"IN-KA".to_vec().try_into().unwrap())));
		assert_eq!(
			Surveillance::unacknowledged_guidance(0, 0, 100).items,
			vec![FACILITIES[0], FACILITIES[1], FACILITIES[2], MYSURU]
		);
		assert_ok!(Surveillance::acknowledge_guidance(RuntimeOrigin::signed(70), 0));
		assert_eq!(Surveillance::unacknowledged_guidance(0, 0, 100).items.len(), 3);
	});
}

#[test]
fn guidance_is_published_only_inside_the_authoritys_region() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			publish(30, GuidanceTarget::Cluster(CLUSTER)),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_noop!(publish(30, GuidanceTarget::Cluster(9)), Error::<Test>::UnknownCluster);
		assert_noop!(
			publish(20, GuidanceTarget::Region(b"IN".to_vec().try_into().unwrap())),
			Error::<Test>::NotAuthorityForRegion
		);
		assert_noop!(
			Surveillance::publish_guidance(
				RuntimeOrigin::signed(20),
				H256::zero(),
				Default::default(),
				GuidanceTarget::Cluster(CLUSTER),
				None,
				Severity::Information
			),
			Error::<Test>::EmptyUri
		);
	});
}
