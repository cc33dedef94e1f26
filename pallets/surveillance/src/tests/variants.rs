//! Variant tracking: confirmed cases per lineage add up per cluster and region level like the
//! totals, move by the difference, and raise their own alerts over a variant-of-concern
//! threshold.

use super::*;
use crate::{ClusterLineages, RegionLineages};
use frame_support::weights::constants::ParityDbWeight;
use healthnet_primitives::surveillance::LineageBreakdown;

const JN1: &[u8] = b"JN.1";
const XBB: &[u8] = b"XBB.1.5";
const BA2: &[u8] = b"BA.2";

/// The confirmed cases of `name` in `region`, or `None` when none is stored.
fn in_region(region: &[u8], name: &[u8]) -> Option<u64> {
	RegionLineages::<Test>::try_get((self::region(region), code(COVID), TODAY - 1, lineage(name)))
		.ok()
}

fn in_cluster(name: &[u8]) -> Option<u64> {
	ClusterLineages::<Test>::try_get((CLUSTER, code(COVID), TODAY - 1, lineage(name))).ok()
}

fn lineage_threshold(account: u64, region: &[u8], name: &[u8], confirmed: u32) -> DispatchResult {
	Surveillance::set_threshold(
		RuntimeOrigin::signed(account),
		self::region(region),
		code(COVID),
		Some(lineage(name)),
		confirmed,
	)
}

#[test]
fn lineage_totals_add_up_per_cluster_and_every_region_level() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit_with(40, 6, &[(JN1, 3), (XBB, 2)]));
		assert_ok!(submit_with(50, 4, &[(JN1, 4)]));
		assert_ok!(submit_with(70, 1, &[(BA2, 1)]));
		assert_eq!(in_region(b"IN", JN1), None, "the block's lineages are counted at its end");
		next_block();
		for level in [&b"IN-KA-BLR"[..], b"IN-KA", b"IN", b""] {
			assert_eq!(in_region(level, JN1), Some(7), "{level:?}");
			assert_eq!(in_region(level, XBB), Some(2), "{level:?}");
		}
		assert_eq!(in_region(b"IN-KA-BLR", BA2), None);
		assert_eq!(in_region(b"IN-KA", BA2), Some(1));
		assert_eq!(in_region(b"IN-KL", JN1), None);
		assert_eq!((in_cluster(JN1), in_cluster(XBB), in_cluster(BA2)), (Some(7), Some(2), None));
		assert_eq!(
			Surveillance::region_lineages(b"IN".to_vec(), COVID.to_vec(), TODAY - 5, TODAY),
			vec![LineageBreakdown {
				period: TODAY - 1,
				lineages: vec![(BA2.to_vec(), 1), (JN1.to_vec(), 7), (XBB.to_vec(), 2)],
				others: 0,
			}]
		);
		assert_eq!(
			Surveillance::cluster_lineages(CLUSTER, COVID.to_vec(), TODAY - 1, TODAY - 1)[0]
				.lineages,
			vec![(JN1.to_vec(), 7), (XBB.to_vec(), 2)]
		);
		// Unknown codes and periods without lineages answer nothing.
		assert!(
			Surveillance::region_lineages(b"IN".to_vec(), b"1D6Z".to_vec(), 0, TODAY).is_empty()
		);
		assert!(Surveillance::region_lineages(b"in".to_vec(), COVID.to_vec(), 0, TODAY).is_empty());
	});
}

#[test]
fn an_amendment_moves_lineages_by_the_difference_and_drops_emptied_ones() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit_with(40, 6, &[(JN1, 3), (XBB, 2)]));
		assert_ok!(submit_with(50, 4, &[(JN1, 4)]));
		next_block();
		assert_ok!(amend_with(40, FACILITIES[0], 6, &[(JN1, 1), (BA2, 2)]));
		next_block();
		assert_eq!(in_region(b"IN", JN1), Some(5));
		assert_eq!(in_region(b"IN", XBB), None, "no lineage is stored at zero");
		assert_eq!(in_cluster(XBB), None);
		assert_eq!(in_region(b"IN", BA2), Some(2));
		// A lineage named with no cases is none.
		assert_ok!(amend_with(50, FACILITIES[1], 4, &[(JN1, 0)]));
		next_block();
		assert_eq!(in_region(b"IN", JN1), Some(1));
	});
}

#[test]
fn rejections_and_voids_take_a_reports_lineages_out() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit_with(40, 6, &[(JN1, 3)]));
		assert_ok!(submit_with(50, 4, &[(JN1, 4)]));
		let reason = RejectionReason::ImplausibleCounts;
		assert_ok!(Surveillance::reject_report(
			RuntimeOrigin::signed(20),
			FACILITIES[0],
			code(COVID),
			TODAY - 1,
			reason
		));
		next_block();
		assert_eq!(in_region(b"IN", JN1), Some(4));
		// The amendment of a rejected report puts its lineages back in.
		assert_ok!(amend_with(40, FACILITIES[0], 6, &[(JN1, 2)]));
		next_block();
		assert_eq!(in_region(b"IN", JN1), Some(6));
		assert_ok!(Surveillance::void_report(
			RuntimeOrigin::signed(20),
			FACILITIES[1],
			code(COVID),
			TODAY - 1,
			crate::VoidReason::Duplicate
		));
		next_block();
		assert_eq!((in_region(b"IN", JN1), in_cluster(JN1)), (Some(2), Some(2)));
	});
}

#[test]
fn a_variant_of_concern_raises_its_own_alert() {
	new_test_ext().execute_with(|| {
		assert_ok!(lineage_threshold(20, b"IN-KA", JN1, 5));
		System::assert_last_event(
			Event::ThresholdSet {
				region: region(b"IN-KA"),
				disease: code(COVID),
				lineage: Some(lineage(JN1)),
				confirmed: 5,
				by: KARNATAKA,
			}
			.into(),
		);
		// Many confirmed cases, few of the lineage: no alert.
		assert_ok!(submit_with(40, 11, &[(JN1, 3), (XBB, 8)]));
		next_block();
		assert!(Surveillance::open_alerts(b"IN".to_vec(), None, 100).items.is_empty());
		assert_ok!(submit_with(70, 2, &[(JN1, 2)]));
		next_block();
		System::assert_has_event(
			Event::OutbreakAlert {
				region: region(b"IN-KA"),
				disease: code(COVID),
				lineage: Some(lineage(JN1)),
				period: TODAY - 1,
				confirmed: 5,
				threshold: 5,
			}
			.into(),
		);
		let open = Surveillance::open_alerts(b"IN".to_vec(), None, 100).items;
		assert_eq!(open.len(), 1);
		assert_eq!((open[0].lineage.as_deref(), open[0].confirmed), (Some(JN1), 5));
		// The disease's own threshold is another alert.
		assert_ok!(threshold(20, b"IN-KA", 10));
		next_block();
		assert_eq!(Surveillance::open_alerts(b"IN-KA".to_vec(), None, 100).items.len(), 2);
		// An amendment under the lineage's threshold clears its alert only.
		assert_ok!(amend_with(70, MYSURU, 2, &[]));
		next_block();
		System::assert_has_event(
			Event::AlertCleared {
				region: region(b"IN-KA"),
				disease: code(COVID),
				lineage: Some(lineage(JN1)),
				period: TODAY - 1,
				confirmed: 3,
			}
			.into(),
		);
		let open = Surveillance::open_alerts(b"IN".to_vec(), None, 100).items;
		assert_eq!((open.len(), open[0].lineage.clone()), (1, None));
	});
}

#[test]
fn a_lineage_threshold_over_cases_already_in_opens_and_closes_at_the_blocks_end() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit_with(40, 6, &[(JN1, 6)]));
		assert_ok!(lineage_threshold(10, b"IN", JN1, 6));
		next_block();
		assert_eq!(Surveillance::open_alerts(b"IN".to_vec(), None, 100).items.len(), 1);
		// Karnataka may not change what India set; India removes it.
		assert_noop!(lineage_threshold(20, b"IN", JN1, 1), Error::<Test>::NotAuthorityForRegion);
		assert_ok!(lineage_threshold(10, b"IN", JN1, 0));
		next_block();
		assert!(Surveillance::open_alerts(b"IN".to_vec(), None, 100).items.is_empty());
		assert!(crate::Thresholds::<Test>::iter().next().is_none());
	});
}

#[test]
fn lineage_thresholds_refuse_malformed_names_and_foreign_regions() {
	new_test_ext().execute_with(|| {
		assert_noop!(lineage_threshold(20, b"IN-KA", b"jn.1", 5), Error::<Test>::MalformedLineage);
		assert_noop!(lineage_threshold(20, b"IN-KA", b"JN..1", 5), Error::<Test>::MalformedLineage);
		assert_noop!(lineage_threshold(30, b"IN-KA", JN1, 5), Error::<Test>::NotAuthorityForRegion);
		assert_noop!(
			lineage_threshold(40, b"IN-KA-BLR", JN1, 5),
			Error::<Test>::NotAuthorityForRegion
		);
	});
}

#[test]
fn a_rejection_is_charged_for_the_lineages_and_alerts_it_took_out() {
	use crate::weights::WeightInfo;
	use frame_support::dispatch::GetDispatchInfo;
	new_test_ext().execute_with(|| {
		assert_ok!(lineage_threshold(20, b"IN-KA", JN1, 1));
		assert_ok!(submit_with(40, 6, &[(JN1, 3), (XBB, 2)]));
		assert_ok!(submit_with(50, 4, &[(JN1, 4)]));
		next_block();
		let reject = |org| crate::Call::<Test>::reject_report {
			org,
			disease: code(COVID),
			period: TODAY - 1,
			reason: RejectionReason::ImplausibleCounts,
		};
		let declared = reject(FACILITIES[0]).get_dispatch_info().call_weight;
		let rejected = |org| {
			frame_support::traits::UnfilteredDispatchable::dispatch_bypass_filter(
				reject(org),
				RuntimeOrigin::signed(20),
			)
			.unwrap()
			.actual_weight
			.unwrap()
		};
		// The first change of the block to Bengaluru's cases: two lineages left, the roll-up
		// of its totals and both lineages, and one level (Karnataka's, for JN.1) with a
		// threshold whose alert it moves.
		// Charged up front for the most: a report of every lineage allowed, each a new key,
		// with a threshold at every level of its totals and of each lineage.
		// Every rejection is also charged the read of a report stored in the earlier layout.
		let rejection =
			|lineages| <() as WeightInfo>::reject_report(lineages) + ParityDbWeight::get().reads(1);
		let most = MaxVariantsPerReport::get();
		let worst = roll_up_share(1, most, LEVELS * (most + 1));
		assert_eq!(declared, rejection(most) + worst);
		let first = rejected(FACILITIES[0]);
		assert_eq!(first, rejection(2) + roll_up_share(1, 2, 1));
		assert!(declared.ref_time() > first.ref_time(), "charged first for the most: {declared:?}");
		// The second in the same block adds to the same keys and the same alert.
		assert_eq!(rejected(FACILITIES[1]), rejection(1));
		next_block();
		assert_eq!(in_region(b"IN-KA", JN1), None);
		assert!(Surveillance::open_alerts(b"IN".to_vec(), None, 100).items.is_empty());
	});
}
