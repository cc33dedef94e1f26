//! Forms signed offline and relayed: taken as the signer's own form, once, on this chain only,
//! from a reporting member of the organisation, by any member account; a report's signature
//! does not pass for a form.

use super::*;
use crate::{FormEntry, OfflineForm, OfflineFormOf};
use sp_runtime::testing::TestSignature;

/// Account 40 reports for facility 3; account 70 (Mysuru's facility) relays.
const CLINIC: u64 = 40;
const RELAY: u64 = 70;

/// Facility 3's form of yesterday: COVID with `confirmed` cases, and malaria with 2.
fn form(confirmed: u32) -> OfflineFormOf<Test> {
	let entry = |disease: &[u8], confirmed| FormEntry {
		disease: code(disease),
		counts: counts(confirmed),
		variants: Default::default(),
	};
	OfflineForm {
		genesis: System::block_hash(0),
		org: FACILITIES[0],
		period: TODAY - 1,
		reports: vec![entry(COVID, confirmed), entry(b"1F40", 2)].try_into().unwrap(),
		valid_until: now_millis() + 86_400_000,
	}
}

/// `signer`'s signature over `form`, as its key would make it offline.
fn signed(signer: u64, form: &OfflineFormOf<Test>) -> TestSignature {
	use codec::Encode;
	let message = healthnet_primitives::surveillance::offline_form_message(&form.encode());
	TestSignature(signer, message)
}

fn relay(
	by: u64,
	form: OfflineFormOf<Test>,
	signature: TestSignature,
) -> DispatchResultWithPostInfo {
	Surveillance::relay_reports(RuntimeOrigin::signed(by), form, CLINIC, signature)
}

#[test]
fn a_form_signed_offline_counts_as_the_signers_when_relayed() {
	new_test_ext().execute_with(|| {
		let form = form(5);
		assert_ok!(relay(RELAY, form.clone(), signed(CLINIC, &form)));

		for disease in [COVID, &b"1F40"[..]] {
			let version = Surveillance::report_version(FACILITIES[0], &code(disease), TODAY - 1, 1);
			let version = version.unwrap();
			assert_eq!((version.submitted_by, version.relayed_by), (CLINIC, Some(RELAY)));
			System::assert_has_event(
				Event::ReportRelayed {
					org: FACILITIES[0],
					disease: code(disease),
					period: TODAY - 1,
					version: 1,
					relayed_by: RELAY,
				}
				.into(),
			);
		}
		next_block();
		assert_eq!(region_confirmed(b"IN"), 5);
	});
}

#[test]
fn a_relayed_form_is_taken_once() {
	new_test_ext().execute_with(|| {
		let form = form(5);
		let signature = signed(CLINIC, &form);
		assert_ok!(relay(RELAY, form.clone(), signature.clone()));
		assert_noop!(relay(20, form, signature), Error::<Test>::NotNextVersion);
	});
}

#[test]
fn a_form_is_refused_whole_when_one_of_its_diseases_was_reported_online_since() {
	new_test_ext().execute_with(|| {
		let form = form(5);
		let signature = signed(CLINIC, &form);
		assert_ok!(Surveillance::submit_report(
			RuntimeOrigin::signed(CLINIC),
			code(b"1F40"),
			TODAY - 1,
			counts(1),
			Default::default()
		));
		assert_noop!(relay(RELAY, form, signature), Error::<Test>::NotNextVersion);
	});
}

#[test]
fn a_form_is_refused_unless_its_signature_is_the_signers_over_this_form() {
	new_test_ext().execute_with(|| {
		let form = form(5);
		// The counts changed after signing, another key, or a report's context.
		assert_noop!(
			relay(RELAY, form.clone(), signed(CLINIC, &self::form(6))),
			Error::<Test>::BadOfflineSignature
		);
		assert_noop!(
			relay(RELAY, form.clone(), signed(50, &form)),
			Error::<Test>::BadOfflineSignature
		);
		use codec::Encode;
		let as_report = healthnet_primitives::surveillance::offline_report_message(&form.encode());
		assert_noop!(
			relay(RELAY, form, TestSignature(CLINIC, as_report)),
			Error::<Test>::BadOfflineSignature
		);
	});
}

#[test]
fn a_form_for_another_chain_or_past_its_validity_is_refused() {
	new_test_ext().execute_with(|| {
		let other = OfflineForm { genesis: sp_core::H256::repeat_byte(9), ..form(5) };
		assert_noop!(
			relay(RELAY, other.clone(), signed(CLINIC, &other)),
			Error::<Test>::WrongChain
		);
		let expired = OfflineForm { valid_until: now_millis() - 1, ..form(5) };
		assert_noop!(
			relay(RELAY, expired.clone(), signed(CLINIC, &expired)),
			Error::<Test>::OfflineReportExpired
		);
		let too_long = OfflineForm { valid_until: now_millis() + 8 * 86_400_000, ..form(5) };
		assert_noop!(
			relay(RELAY, too_long.clone(), signed(CLINIC, &too_long)),
			Error::<Test>::OfflineValidityTooLong
		);
	});
}

#[test]
fn a_form_relayed_by_a_non_member_or_signed_by_another_facility_is_refused() {
	new_test_ext().execute_with(|| {
		let form = form(5);
		assert_noop!(relay(999, form.clone(), signed(CLINIC, &form)), Error::<Test>::NotAMember);
		// Mysuru's facility (70) signs facility 3's form: not its organisation.
		let signature = signed(70, &form);
		assert_noop!(
			Surveillance::relay_reports(RuntimeOrigin::signed(RELAY), form, 70, signature),
			Error::<Test>::NotReportingOrganisation
		);
	});
}

#[test]
fn a_relayed_form_is_charged_its_check_and_the_form_it_was() {
	new_test_ext().execute_with(|| {
		use crate::WeightInfo;
		let form = form(5);
		let declared = Surveillance::relay_form_weight(&form);
		let used =
			relay(RELAY, form.clone(), signed(CLINIC, &form)).unwrap().actual_weight.unwrap();
		let check = <() as WeightInfo>::check_offline_form(2);
		assert!(used.all_gte(check.saturating_add(Surveillance::form_call_weight(2, 0))));
		assert!(used.all_lte(declared), "used {used:?}, declared {declared:?}");
	});
}

#[test]
fn a_form_signed_by_a_browser_wallet_is_taken_and_its_wrapping_proves_nothing_else() {
	new_test_ext().execute_with(|| {
		use codec::Encode;
		// A wallet signs raw bytes between `<Bytes>` and `</Bytes>`: that signature is the
		// signer's too.
		let signed_form = form(5);
		let message =
			healthnet_primitives::surveillance::offline_form_message(&signed_form.encode());
		let wrapped = crate::relay::wallet_wrapped(&message);
		assert_eq!(&wrapped[..7], b"<Bytes>");
		// Wrapped around another form, or wrapped twice, it is no one's signature of this one.
		let other = form(6);
		let other_message =
			healthnet_primitives::surveillance::offline_form_message(&other.encode());
		let forged = TestSignature(CLINIC, crate::relay::wallet_wrapped(&other_message));
		assert_noop!(relay(RELAY, signed_form.clone(), forged), Error::<Test>::BadOfflineSignature);
		let twice = TestSignature(CLINIC, crate::relay::wallet_wrapped(&wrapped));
		assert_noop!(relay(RELAY, signed_form.clone(), twice), Error::<Test>::BadOfflineSignature);
		assert_ok!(relay(RELAY, signed_form, TestSignature(CLINIC, wrapped)));
		next_block();
		assert_eq!(region_confirmed(b"IN"), 5);
	});
}
