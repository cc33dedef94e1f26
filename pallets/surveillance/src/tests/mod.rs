//! Unit tests: one per rule of surveillance.

use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchResult, DispatchResultWithPostInfo},
	weights::{RuntimeDbWeight, Weight},
};
use healthnet_primitives::{Capabilities, Capability};
use sp_core::H256;

use crate::{
	mock::*, ClusterAggregates, Counts, Error, Event, GuidanceTarget, OpenAlerts, RegionAggregates,
	RejectionReason, ReportStatus, Reports, Severity, WeightInfo,
};

mod alerts;
mod completeness;
mod decisions;
mod forms;
mod guidance;
mod layout;
mod properties;
mod relay;
mod relay_forms;
mod roles;
mod rollup;
mod series;
mod variants;

const COVID: &[u8] = b"RA01";

fn counts(confirmed: u32) -> Counts {
	Counts {
		suspected: 2,
		confirmed,
		deaths: 0,
		recovered: 0,
		hospitalised: 1,
		tests_performed: confirmed + 10,
		tests_positive: confirmed,
	}
}

fn submit(account: u64, confirmed: u32) -> DispatchResultWithPostInfo {
	submit_with(account, confirmed, &[])
}

fn amend(account: u64, org: u32, confirmed: u32) -> DispatchResultWithPostInfo {
	amend_with(account, org, confirmed, &[])
}

/// `account` reports yesterday's `confirmed` COVID-19 cases, `of` them per lineage.
fn submit_with(account: u64, confirmed: u32, of: &[(&[u8], u32)]) -> DispatchResultWithPostInfo {
	Surveillance::submit_report(
		RuntimeOrigin::signed(account),
		code(COVID),
		TODAY - 1,
		counts(confirmed),
		variants(of),
	)
}

/// `account` amends `org`'s report of yesterday to `confirmed` cases, `of` them per lineage.
fn amend_with(
	account: u64,
	org: u32,
	confirmed: u32,
	of: &[(&[u8], u32)],
) -> DispatchResultWithPostInfo {
	Surveillance::amend_report(
		RuntimeOrigin::signed(account),
		org,
		code(COVID),
		TODAY - 1,
		counts(confirmed),
		variants(of),
	)
}

fn lineage(name: &[u8]) -> crate::Lineage<Test> {
	name.to_vec().try_into().unwrap()
}

fn variants(of: &[(&[u8], u32)]) -> crate::VariantsOf<Test> {
	let named: Vec<_> = of.iter().map(|(name, cases)| (lineage(name), *cases)).collect();
	named.try_into().unwrap()
}

/// `account` sets `region`'s threshold of confirmed COVID-19 cases.
fn threshold(account: u64, region: &[u8], confirmed: u32) -> DispatchResult {
	Surveillance::set_threshold(
		RuntimeOrigin::signed(account),
		self::region(region),
		code(COVID),
		None,
		confirmed,
	)
}

/// A report of `org` for `disease` and `period` signed offline for version `version`, for
/// this chain.
fn offline_report(
	org: u32,
	disease: &[u8],
	period: u32,
	counts: Counts,
	variants: crate::VariantsOf<Test>,
	version: u32,
) -> crate::OfflineReportOf<Test> {
	crate::OfflineReport {
		genesis: System::block_hash(0),
		org,
		disease: code(disease),
		period,
		counts,
		variants,
		version,
		valid_until: now_millis() + 86_400_000,
	}
}

/// The chain's time in the tests, in milliseconds.
pub(crate) fn now_millis() -> u64 {
	<healthnet_testing::Clock as frame_support::traits::UnixTime>::now().as_millis() as u64
}

/// `signer`'s signature over `report`, as its key would make it offline.
fn sign(signer: u64, report: &crate::OfflineReportOf<Test>) -> sp_runtime::testing::TestSignature {
	use codec::Encode;
	let message = healthnet_primitives::surveillance::offline_report_message(&report.encode());
	sp_runtime::testing::TestSignature(signer, message)
}

fn code(disease: &[u8]) -> crate::DiseaseCode<Test> {
	disease.to_vec().try_into().unwrap()
}

fn region(code: &[u8]) -> crate::RegionCode<Test> {
	code.to_vec().try_into().unwrap()
}

fn region_confirmed(code: &[u8]) -> u64 {
	RegionAggregates::<Test>::get((region(code), self::code(COVID), TODAY - 1)).confirmed
}

fn cluster_confirmed() -> u64 {
	ClusterAggregates::<Test>::get((CLUSTER, code(COVID), TODAY - 1)).confirmed
}

fn key(org: u32) -> (u32, crate::DiseaseCode<Test>, u32) {
	(org, code(COVID), TODAY - 1)
}

/// How many region levels the mock's facilities are counted in: their district, the state,
/// the country and the world.
const LEVELS: u32 = 4;

/// A change's share of the block's roll-up, as the generated weights and the mock's database
/// weights price it: the roll-up of the `totals` and `lineages` keys it was the first of the
/// block to touch, with every level of each new to the block (a level's write and its threshold
/// read), and, for the `alerts` levels with a threshold it was the first to reach, settling and
/// writing their alerts.
fn roll_up_share(totals: u32, lineages: u32, alerts: u32) -> Weight {
	roll_up_share_reaching(totals, LEVELS * totals, lineages, alerts)
}

/// [`roll_up_share`] of a change whose totals reached only `levels` region levels new to the
/// block (the others reached by an earlier change).
fn roll_up_share_reaching(totals: u32, levels: u32, lineages: u32, alerts: u32) -> Weight {
	let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
	let keys = <() as WeightInfo>::roll_up(totals, levels, lineages)
		.saturating_sub(<() as WeightInfo>::roll_up(0, 0, 0));
	let reads = db.reads(u64::from(levels + LEVELS * lineages));
	let alerts = match alerts {
		0 => Weight::zero(),
		a => <() as WeightInfo>::open_alerts(a).saturating_add(db.writes(a.into())),
	};
	keys.saturating_add(reads).saturating_add(alerts)
}

// Submitting.

#[test]
fn a_facility_submits_a_report_and_every_level_sees_it() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 5));
		System::assert_last_event(
			Event::ReportSubmitted {
				org: FACILITIES[0],
				disease: code(COVID).try_into().unwrap(),
				period: TODAY - 1,
				on_time: true,
			}
			.into(),
		);
		let report = Reports::<Test>::get(key(FACILITIES[0])).unwrap().state;
		assert_eq!((report.version, report.status), (1, ReportStatus::Pending));
		// The levels see it when the block ends, not before.
		for region in [&b"IN-KA-BLR"[..], b"IN-KA", b"IN", b""] {
			assert_eq!(region_confirmed(region), 0, "{region:?}");
		}
		assert_eq!(cluster_confirmed(), 0);
		next_block();
		for region in [&b"IN-KA-BLR"[..], b"IN-KA", b"IN", b""] {
			assert_eq!(region_confirmed(region), 5, "{region:?}");
		}
		assert_eq!(region_confirmed(b"IN-KL"), 0);
		assert_eq!(cluster_confirmed(), 5);
	});
}

#[test]
fn aggregates_add_up_the_facilities_of_a_cluster() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_ok!(submit(50, 7));
		assert_ok!(submit(70, 100));
		next_block();
		assert_eq!(cluster_confirmed(), 12);
		assert_eq!(region_confirmed(b"IN-KA-BLR"), 12);
		assert_eq!(region_confirmed(b"IN-KA-MYS"), 100);
		assert_eq!(region_confirmed(b"IN-KA"), 112);
		let totals = RegionAggregates::<Test>::get((region(b"IN"), code(COVID), TODAY - 1));
		assert_eq!((totals.reports, totals.tests_performed), (3, 142));
	});
}

#[test]
fn a_second_submission_for_the_same_report_is_refused() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 5));
		assert_noop!(submit(FACILITY, 6), Error::<Test>::ReportExists);
	});
}

#[test]
fn only_active_reporting_facilities_submit() {
	new_test_ext().execute_with(|| {
		assert_noop!(submit(999, 5), Error::<Test>::NotAMember);
		assert_noop!(submit(80, 5), Error::<Test>::CannotReportCases);
		set_active(FACILITIES[0], false);
		assert_noop!(submit(FACILITY, 5), Error::<Test>::OrganisationNotActive);
	});
}

#[test]
fn disease_codes_are_checked() {
	new_test_ext().execute_with(|| {
		for bad in [&b"ra01"[..], b"R", b".RA0", b"RA0.", b"R.A.0", b"RA 01", b""] {
			assert_noop!(
				Surveillance::submit_report(
					RuntimeOrigin::signed(FACILITY),
					bad.to_vec().try_into().unwrap(),
					TODAY,
					counts(1),
					Default::default()
				),
				Error::<Test>::MalformedDiseaseCode
			);
		}
		assert_ok!(Surveillance::submit_report(
			RuntimeOrigin::signed(FACILITY),
			code(b"RA01.0"),
			TODAY,
			counts(1),
			Default::default()
		));
	});
}

#[test]
fn a_period_that_has_not_begun_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Surveillance::submit_report(
				RuntimeOrigin::signed(FACILITY),
				code(COVID),
				TODAY + 1,
				counts(1),
				Default::default()
			),
			Error::<Test>::FuturePeriod
		);
	});
}

#[test]
fn a_period_more_than_a_year_back_is_closed_to_reports_and_amendments() {
	new_test_ext().execute_with(|| {
		let report = |period| {
			Surveillance::submit_report(
				RuntimeOrigin::signed(FACILITY),
				code(COVID),
				period,
				counts(1),
				Default::default(),
			)
		};
		assert_noop!(report(TODAY - MaxReportAge::get() - 1), Error::<Test>::PeriodTooOld);
		let oldest = TODAY - MaxReportAge::get();
		assert_ok!(report(oldest));
		// A day later that period's record is closed, amendments included.
		set_now(TODAY + 1, 0);
		assert_noop!(
			Surveillance::amend_report(
				RuntimeOrigin::signed(FACILITY),
				FACILITIES[0],
				code(COVID),
				oldest,
				counts(2),
				Default::default()
			),
			Error::<Test>::PeriodTooOld
		);
	});
}

#[test]
fn inconsistent_counts_are_refused() {
	new_test_ext().execute_with(|| {
		let mut positive = counts(5);
		positive.tests_positive = positive.tests_performed + 1;
		assert_noop!(
			Surveillance::submit_report(
				RuntimeOrigin::signed(FACILITY),
				code(COVID),
				TODAY,
				positive,
				Default::default()
			),
			Error::<Test>::MorePositiveThanPerformed
		);
		let mut deaths = counts(5);
		deaths.deaths = 6;
		assert_noop!(
			Surveillance::submit_report(
				RuntimeOrigin::signed(FACILITY),
				code(COVID),
				TODAY,
				deaths,
				Default::default()
			),
			Error::<Test>::MoreDeathsThanConfirmed
		);
	});
}

#[test]
fn deaths_may_come_from_cases_confirmed_in_earlier_periods() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 5));
		let mut later = counts(0);
		later.deaths = 4;
		assert_ok!(Surveillance::submit_report(
			RuntimeOrigin::signed(FACILITY),
			code(COVID),
			TODAY,
			later,
			Default::default()
		));
		later.deaths = 2;
		assert_noop!(
			Surveillance::submit_report(
				RuntimeOrigin::signed(50),
				code(COVID),
				TODAY,
				later,
				Default::default()
			),
			Error::<Test>::MoreDeathsThanConfirmed
		);
	});
}

#[test]
fn variants_are_bounded_distinct_and_within_the_confirmed_cases() {
	new_test_ext().execute_with(|| {
		let send = |variants: Vec<(crate::Lineage<Test>, u32)>| {
			Surveillance::submit_report(
				RuntimeOrigin::signed(FACILITY),
				code(COVID),
				TODAY,
				counts(5),
				variants.try_into().unwrap(),
			)
		};
		let v = |name: &str, n: u32| (name.as_bytes().to_vec().try_into().unwrap(), n);
		assert_noop!(send(vec![v("XBB.1.5", 1), v("XBB.1.5", 1)]), Error::<Test>::DuplicateLineage);
		for malformed in ["", "jn.1", "JN-1", ".JN", "JN.", "JN..1"] {
			assert_noop!(send(vec![v(malformed, 1)]), Error::<Test>::MalformedLineage);
		}
		assert_noop!(
			send(vec![v("JN.1", 4), v("KP.2", 2)]),
			Error::<Test>::VariantsExceedConfirmed
		);
		assert_ok!(send(vec![v("JN.1", 3), v("KP.2", 2)]));
	});
}

#[test]
fn a_report_after_the_deadline_counts_as_late() {
	new_test_ext().execute_with(|| {
		// Two days after the period began: more than a day's worth of blocks after it ended.
		set_now(TODAY + 1, 1);
		assert_ok!(submit(FACILITY, 5));
		assert!(!Reports::<Test>::get(key(FACILITIES[0])).unwrap().state.on_time);
	});
}

// Amending.

#[test]
fn amendment_moves_aggregates_by_the_difference_and_keeps_every_version() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_ok!(submit(50, 7));
		assert_ok!(amend(40, FACILITIES[0], 9));
		System::assert_last_event(
			Event::ReportAmended {
				org: FACILITIES[0],
				disease: code(COVID).try_into().unwrap(),
				period: TODAY - 1,
				version: 2,
			}
			.into(),
		);
		next_block();
		assert_eq!(cluster_confirmed(), 16);
		assert_eq!(region_confirmed(b"IN"), 16);
		assert_eq!(region_confirmed(b""), 16);
		let (org, disease, period) = key(FACILITIES[0]);
		let first = Surveillance::report_version(org, &disease, period, 1).unwrap();
		let second = Surveillance::report_version(org, &disease, period, 2).unwrap();
		assert_eq!((first.counts.confirmed, second.counts.confirmed), (5, 9));
		let history = Surveillance::report_history(org, COVID.to_vec(), period).unwrap();
		assert_eq!(history.report.version, 2);
		let confirmed: Vec<u32> = history.versions.iter().map(|v| v.counts.confirmed).collect();
		assert_eq!(confirmed, vec![5, 9]);
	});
}

#[test]
fn an_amendment_moves_the_cluster_the_report_was_counted_in() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		next_block();
		assert_eq!(cluster_confirmed(), 5);
		set_cluster(FACILITIES[0], None);
		assert_ok!(amend(40, FACILITIES[0], 9));
		next_block();
		assert_eq!(cluster_confirmed(), 9);
	});
}

#[test]
fn only_the_reporting_organisation_amends() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_noop!(amend(50, FACILITIES[0], 9), Error::<Test>::NotReportingOrganisation);
		assert_noop!(amend(50, FACILITIES[1], 9), Error::<Test>::UnknownReport);
	});
}

#[test]
fn an_approved_report_is_amended_only_after_its_authority_reopens_it() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_ok!(Surveillance::approve_report(
			RuntimeOrigin::signed(20),
			FACILITIES[0],
			code(COVID),
			TODAY - 1
		));
		assert_noop!(amend(40, FACILITIES[0], 9), Error::<Test>::ReportAlreadyApproved);
		assert_ok!(Surveillance::reopen_report(
			RuntimeOrigin::signed(20),
			FACILITIES[0],
			code(COVID),
			TODAY - 1
		));
		System::assert_last_event(
			Event::ReportReopened {
				org: FACILITIES[0],
				disease: code(COVID).try_into().unwrap(),
				period: TODAY - 1,
				by: KARNATAKA,
			}
			.into(),
		);
		assert_ok!(amend(40, FACILITIES[0], 9));
		let report = Reports::<Test>::get(key(FACILITIES[0])).unwrap().state;
		assert_eq!((report.reopened, report.status), (1, ReportStatus::Pending));
	});
}

#[test]
fn a_report_has_at_most_the_allowed_versions() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		for confirmed in 6..9 {
			assert_ok!(amend(40, FACILITIES[0], confirmed));
		}
		assert_noop!(amend(40, FACILITIES[0], 9), Error::<Test>::TooManyVersions);
	});
}

// Approval.

#[test]
fn the_authority_over_the_facility_approves_or_rejects_and_no_one_else() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		assert_ok!(submit(50, 5));
		let (org, _, period) = key(FACILITIES[0]);
		assert_noop!(
			Surveillance::approve_report(RuntimeOrigin::signed(30), org, code(COVID), period),
			Error::<Test>::NotAuthorityForFacility
		);
		assert_noop!(
			Surveillance::approve_report(RuntimeOrigin::signed(50), org, code(COVID), period),
			Error::<Test>::NotAuthorityForFacility
		);
		assert_ok!(Surveillance::approve_report(
			RuntimeOrigin::signed(10),
			org,
			code(COVID),
			period
		));
		assert_noop!(
			Surveillance::approve_report(RuntimeOrigin::signed(20), org, code(COVID), period),
			Error::<Test>::NotPending
		);
		assert_ok!(Surveillance::reject_report(
			RuntimeOrigin::signed(20),
			FACILITIES[1],
			code(COVID),
			period,
			RejectionReason::ImplausibleCounts
		));
		let rejected = Reports::<Test>::get(key(FACILITIES[1])).unwrap().state;
		assert_eq!(rejected.status, ReportStatus::Rejected(RejectionReason::ImplausibleCounts));
		// A rejected report is amended and waits for a decision again.
		assert_ok!(amend(50, FACILITIES[1], 4));
		assert_eq!(
			Reports::<Test>::get(key(FACILITIES[1])).unwrap().state.status,
			ReportStatus::Pending
		);
		assert_noop!(
			Surveillance::reopen_report(
				RuntimeOrigin::signed(20),
				FACILITIES[1],
				code(COVID),
				period
			),
			Error::<Test>::NotApproved
		);
	});
}

#[test]
fn no_organisation_reviews_its_own_report() {
	new_test_ext().execute_with(|| {
		// Karnataka's authority (account 20) also reports cases, for its own region.
		set_capabilities(KARNATAKA, Capabilities::of(&[Capability::ReportCases]));
		assert_ok!(submit(20, 3));
		let own =
			|call: fn(RuntimeOrigin, u32, crate::DiseaseCode<Test>, u32) -> DispatchResult| {
				call(RuntimeOrigin::signed(20), KARNATAKA, code(COVID), TODAY - 1)
			};
		assert_noop!(own(Surveillance::approve_report), Error::<Test>::CannotReviewOwnReport);
		assert_noop!(
			Surveillance::reject_report(
				RuntimeOrigin::signed(20),
				KARNATAKA,
				code(COVID),
				TODAY - 1,
				RejectionReason::Duplicate
			),
			Error::<Test>::CannotReviewOwnReport
		);
		// India's national authority above it approves; Karnataka cannot re-open it either.
		assert_ok!(Surveillance::approve_report(
			RuntimeOrigin::signed(10),
			KARNATAKA,
			code(COVID),
			TODAY - 1
		));
		assert_noop!(own(Surveillance::reopen_report), Error::<Test>::CannotReviewOwnReport);
	});
}

// Completeness.

#[test]
fn completeness_shows_the_facilities_that_did_not_report() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(40, 5));
		set_now(TODAY + 1, 1);
		assert_ok!(submit(50, 5));
		let completeness = Surveillance::completeness(CLUSTER, COVID.to_vec(), TODAY - 1);
		assert_eq!((completeness.expected, completeness.reported, completeness.on_time), (3, 2, 1));
		assert_eq!(completeness.missing, vec![FACILITIES[2]]);
	});
}

#[test]
fn an_oversized_argument_is_refused_when_the_call_is_decoded_before_any_rule_runs() {
	use codec::{Decode, Encode};
	// A call to this pallet (index 1) encoded from unbounded values of the same shape.
	let decodes = |call_index: u8, arguments: Vec<u8>| {
		let mut encoded = vec![1, call_index];
		encoded.extend(arguments);
		RuntimeCall::decode(&mut &encoded[..]).is_ok()
	};
	let submit = |disease: &[u8], variants: Vec<(Vec<u8>, u32)>| {
		decodes(0, (disease.to_vec(), TODAY, counts(5), variants).encode())
	};
	let variant = |name: &[u8]| (name.to_vec(), 1);
	assert!(submit(b"RA01", vec![variant(b"JN.1")]), "a call within every bound decodes");
	assert!(!submit(b"RA01234567", vec![]), "a disease code of 10 bytes, 8 allowed");
	assert!(!submit(b"RA01", vec![variant(b"A"), variant(b"B"), variant(b"C"), variant(b"D")]));
	assert!(!submit(b"RA01", vec![variant(b"XBB.1.5.70.12")]), "a lineage of 13 bytes, 12 allowed");
	let publish = |uri: Vec<u8>| {
		let target = GuidanceTarget::<MaxRegionCodeLength>::Cluster(CLUSTER);
		decodes(6, (H256::zero(), uri, target, None::<Vec<u8>>, Severity::Information).encode())
	};
	assert!(publish(vec![b'u'; 32]));
	assert!(!publish(vec![b'u'; 33]), "an address of 33 bytes, 32 allowed");
	let threshold = |region: &[u8], lineage: Option<Vec<u8>>| {
		decodes(5, (region.to_vec(), b"RA01".to_vec(), lineage, 1u32).encode())
	};
	assert!(threshold(b"IN-KA", None));
	assert!(threshold(b"IN-KA", Some(b"JN.1".to_vec())));
	assert!(!threshold(b"IN-KA-BLR-XXXXXXXX", None), "a region code of 18 bytes, 16 allowed");
	assert!(!threshold(b"IN-KA", Some(vec![b'A'; 13])), "a lineage of 13 bytes, 12 allowed");
}
