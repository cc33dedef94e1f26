//! Reports signed offline and relayed: taken as the signer's own, once, on this chain only,
//! from a reporting member of the organisation, by any member account.

use super::*;
use crate::WeightInfo;
use frame_support::traits::UnfilteredDispatchable;
use sp_runtime::testing::TestSignature;

/// Facility 3's report of yesterday, `confirmed` cases, for version `version`.
fn signed_by_facility(confirmed: u32, version: u32) -> crate::OfflineReportOf<Test> {
	offline_report(FACILITIES[0], COVID, TODAY - 1, counts(confirmed), Default::default(), version)
}

fn relay(
	by: u64,
	report: crate::OfflineReportOf<Test>,
	signer: u64,
	signature: TestSignature,
) -> DispatchResultWithPostInfo {
	Surveillance::relay_report(RuntimeOrigin::signed(by), report, signer, signature)
}

/// Relays `report` as signed by `signer`, through account 70 (Mysuru's facility).
fn relay_signed(report: crate::OfflineReportOf<Test>, signer: u64) -> DispatchResultWithPostInfo {
	let signature = sign(signer, &report);
	relay(70, report, signer, signature)
}

#[test]
fn a_report_signed_offline_counts_as_the_signers_when_relayed() {
	new_test_ext().execute_with(|| {
		assert_ok!(relay_signed(signed_by_facility(5, 1), FACILITY));

		let report = Reports::<Test>::get(key(FACILITIES[0])).unwrap().state;
		assert_eq!((report.version, report.status), (1, ReportStatus::Pending));
		let version = Surveillance::report_version(FACILITIES[0], &code(COVID), TODAY - 1, 1);
		let version = version.unwrap();
		assert_eq!((version.submitted_by, version.relayed_by), (FACILITY, Some(70)));
		next_block();
		assert_eq!(region_confirmed(b"IN"), 5);
		assert_eq!(cluster_confirmed(), 5);
		System::assert_has_event(
			Event::ReportSubmitted {
				org: FACILITIES[0],
				disease: code(COVID),
				period: TODAY - 1,
				on_time: true,
			}
			.into(),
		);
		System::assert_last_event(
			Event::ReportRelayed {
				org: FACILITIES[0],
				disease: code(COVID),
				period: TODAY - 1,
				version: 1,
				relayed_by: 70,
			}
			.into(),
		);
		let history = Surveillance::report_history(FACILITIES[0], COVID.to_vec(), TODAY - 1);
		assert_eq!(history.unwrap().versions[0].relayed_by, Some(70));
	});
}

#[test]
fn a_relayed_report_is_taken_once() {
	new_test_ext().execute_with(|| {
		let report = signed_by_facility(5, 1);
		let signature = sign(FACILITY, &report);
		assert_ok!(relay(70, report.clone(), FACILITY, signature.clone()));
		// By the same relay or another: the report has moved on.
		assert_noop!(
			relay(70, report.clone(), FACILITY, signature.clone()),
			Error::<Test>::NotNextVersion
		);
		assert_noop!(relay(20, report, FACILITY, signature), Error::<Test>::NotNextVersion);
		next_block();
		assert_eq!(region_confirmed(b"IN"), 5);
	});
}

#[test]
fn an_offline_amendment_writes_the_next_version_by_the_difference() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(FACILITY, 5));
		// A member of the facility signs the second version; the first one would be a replay.
		assert_noop!(
			relay_signed(signed_by_facility(9, 1), FACILITY),
			Error::<Test>::NotNextVersion
		);
		assert_noop!(
			relay_signed(signed_by_facility(9, 3), FACILITY),
			Error::<Test>::NotNextVersion
		);
		assert_ok!(relay_signed(signed_by_facility(9, 2), FACILITY));
		assert_eq!(Reports::<Test>::get(key(FACILITIES[0])).unwrap().state.version, 2);
		next_block();
		assert_eq!(region_confirmed(b"IN-KA"), 9);
		// Amended online meanwhile: a version signed offline for the same slot is refused.
		let stale = signed_by_facility(1, 3);
		assert_ok!(amend(FACILITY, FACILITIES[0], 7));
		assert_noop!(relay_signed(stale, FACILITY), Error::<Test>::NotNextVersion);
		next_block();
		assert_eq!(region_confirmed(b"IN-KA"), 7);
	});
}

#[test]
fn a_report_signed_for_another_chain_is_refused() {
	new_test_ext().execute_with(|| {
		let mut report = signed_by_facility(5, 1);
		report.genesis = H256::repeat_byte(7);
		assert_noop!(relay_signed(report, FACILITY), Error::<Test>::WrongChain);
	});
}

#[test]
fn a_forged_or_altered_report_is_refused() {
	new_test_ext().execute_with(|| {
		let report = signed_by_facility(5, 1);
		// Signed by another account than the one named.
		let forged = sign(50, &report);
		assert_noop!(
			relay(70, report.clone(), FACILITY, forged),
			Error::<Test>::BadOfflineSignature
		);
		// Changed after signing.
		let signature = sign(FACILITY, &report);
		let altered = crate::OfflineReport { counts: counts(50), ..report };
		assert_noop!(relay(70, altered, FACILITY, signature), Error::<Test>::BadOfflineSignature);
	});
}

#[test]
fn only_a_reporting_member_of_the_organisation_may_sign() {
	new_test_ext().execute_with(|| {
		// A member of another facility, for facility 3.
		assert_noop!(
			relay_signed(signed_by_facility(5, 1), 50),
			Error::<Test>::NotReportingOrganisation
		);
		// An account of no organisation.
		assert_noop!(relay_signed(signed_by_facility(5, 1), 999), Error::<Test>::NotAMember);
		// A member of an organisation that does not report cases, for its own organisation.
		let report = offline_report(7, COVID, TODAY - 1, counts(5), Default::default(), 1);
		assert_noop!(relay_signed(report, 80), Error::<Test>::CannotReportCases);
		// A member of a suspended facility.
		set_active(FACILITIES[0], false);
		assert_noop!(
			relay_signed(signed_by_facility(5, 1), FACILITY),
			Error::<Test>::OrganisationNotActive
		);
	});
}

#[test]
fn the_relay_is_a_member_of_an_active_organisation() {
	new_test_ext().execute_with(|| {
		let report = signed_by_facility(5, 1);
		let signature = sign(FACILITY, &report);
		assert_noop!(
			relay(999, report.clone(), FACILITY, signature.clone()),
			Error::<Test>::NotAMember
		);
		set_active(MYSURU, false);
		assert_noop!(
			relay(70, report.clone(), FACILITY, signature.clone()),
			Error::<Test>::OrganisationNotActive
		);
		// Any other member account, of any kind of organisation: the manufacturer's.
		assert_ok!(relay(80, report, FACILITY, signature));
	});
}

#[test]
fn a_relayed_report_follows_every_rule_of_a_direct_one() {
	new_test_ext().execute_with(|| {
		let future =
			offline_report(FACILITIES[0], COVID, TODAY + 1, counts(5), Default::default(), 1);
		assert_noop!(relay_signed(future, FACILITY), Error::<Test>::FuturePeriod);
		let too_many = vec![(b"JN.1".to_vec().try_into().unwrap(), 6)].try_into().unwrap();
		let report = offline_report(FACILITIES[0], COVID, TODAY - 1, counts(5), too_many, 1);
		assert_noop!(relay_signed(report, FACILITY), Error::<Test>::VariantsExceedConfirmed);
		let malformed =
			offline_report(FACILITIES[0], b"ra01", TODAY - 1, counts(5), Default::default(), 1);
		assert_noop!(relay_signed(malformed, FACILITY), Error::<Test>::MalformedDiseaseCode);
		// An approved report is amended only once its authority re-opens it.
		assert_ok!(submit(FACILITY, 5));
		assert_ok!(Surveillance::approve_report(
			RuntimeOrigin::signed(20),
			FACILITIES[0],
			code(COVID),
			TODAY - 1
		));
		assert_noop!(
			relay_signed(signed_by_facility(6, 2), FACILITY),
			Error::<Test>::ReportAlreadyApproved
		);
	});
}

#[test]
fn a_relay_is_charged_its_check_and_the_submission_it_was() {
	new_test_ext().execute_with(|| {
		let relayed = |report: crate::OfflineReportOf<Test>, signer| {
			let signature = sign(signer, &report);
			let call = crate::Call::<Test>::relay_report { report, signer, signature };
			call.dispatch_bypass_filter(RuntimeOrigin::signed(70)).unwrap().actual_weight
		};
		let submission = <() as WeightInfo>::check_offline_report()
			.saturating_add(<() as WeightInfo>::submit_report(0));
		// The first report of the block counted in Bengaluru's cluster pays for its roll-up
		// and the thresholds of its four levels (none set); a second facility's does not.
		assert_eq!(
			relayed(signed_by_facility(5, 1), FACILITY),
			Some(submission + roll_up_share(1, 0, 0))
		);
		let second =
			offline_report(FACILITIES[1], COVID, TODAY - 1, counts(3), Default::default(), 1);
		assert_eq!(relayed(second, 50), Some(submission));
	});
}

/// The attack: a relayer held a facility's signed report back and sent it much later.
#[test]
fn a_report_signed_offline_is_refused_after_its_validity_and_may_not_be_valid_for_long() {
	new_test_ext().execute_with(|| {
		let report = signed_by_facility(5, 1);
		let valid_until = report.valid_until;
		let signature = sign(FACILITY, &report);
		healthnet_testing::set_now(valid_until + 1);
		assert_noop!(
			relay(70, report.clone(), FACILITY, signature),
			Error::<Test>::OfflineReportExpired
		);
		// A report that says it stays valid for longer than the chain allows.
		let forever = crate::OfflineReport {
			valid_until: now_millis() + MaxOfflineValidity::get() + 1,
			..report
		};
		assert_noop!(relay_signed(forever, FACILITY), Error::<Test>::OfflineValidityTooLong);
	});
}

#[test]
fn a_single_report_signed_as_a_wallet_signs_raw_bytes_is_refused() {
	new_test_ext().execute_with(|| {
		use codec::Encode;
		// A single report may amend: a wallet's wrapped signature, which a look-alike page could
		// ask a member for, does not pass for one (it does for a form of first versions).
		assert_ok!(relay_signed(signed_by_facility(5, 1), FACILITY));
		let amendment = signed_by_facility(500, 2);
		let message =
			healthnet_primitives::surveillance::offline_report_message(&amendment.encode());
		let wrapped = TestSignature(FACILITY, crate::relay::wallet_wrapped(&message));
		assert_noop!(relay(70, amendment, FACILITY, wrapped), Error::<Test>::BadOfflineSignature);
	});
}
