//! Counting the batches instruments sign.

use super::*;
use healthnet_primitives::{instruments::Outcome::*, instruments::TestKind::*};

#[test]
fn a_reporter_relays_a_batch_and_the_chain_counts_it_per_disease_and_day() {
	new_test_ext().execute_with(|| {
		register(SEQUENCER);
		let results = vec![
			result(TODAY, "RA01", Pcr, Positive),
			result(TODAY, "RA01", Pcr, Negative),
			result(TODAY, "RA01", Pcr, Invalid),
			result(TODAY - 1, "RA01", Antigen, Positive),
			result(TODAY, "1E30", Pcr, Negative),
			sequenced(TODAY, "JN.1"),
			sequenced(TODAY, "JN.1"),
		];
		assert_ok!(attest(LAB_REPORTER, batch(SEQUENCER, results)));
		System::assert_last_event(
			Event::ResultsAttested {
				instrument: SEQUENCER,
				holder: LAB,
				number: 0,
				results: 7,
				positives: 4,
			}
			.into(),
		);
		assert_eq!(
			attested(LAB, "RA01", TODAY),
			AttestedCounts { tests: 5, positives: 3, invalid: 1 }
		);
		assert_eq!(
			attested(LAB, "RA01", TODAY - 1),
			AttestedCounts { tests: 1, positives: 1, invalid: 0 }
		);
		assert_eq!(
			attested(LAB, "1E30", TODAY),
			AttestedCounts { tests: 1, positives: 0, invalid: 0 }
		);
		let disease: crate::DiseaseCode<Test> = b"RA01".to_vec().try_into().unwrap();
		let name: crate::LineageOf<Test> = b"JN.1".to_vec().try_into().unwrap();
		let lineage = (LAB, disease, TODAY, name);
		assert_eq!(AttestedLineages::<Test>::get(lineage), 2);
		// The next batch adds to the same days.
		assert_ok!(attest(
			LAB_REPORTER,
			batch(SEQUENCER, vec![result(TODAY, "RA01", Pcr, Positive)])
		));
		assert_eq!(attested(LAB, "RA01", TODAY).positives, 4);
		assert_eq!(crate::Instruments::<Test>::get(SEQUENCER).unwrap().next_batch, 2);
	});
}

#[test]
fn a_batch_counts_once() {
	new_test_ext().execute_with(|| {
		register(PCR);
		let signed = batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)]);
		assert_ok!(attest(LAB_REPORTER, signed.clone()));
		// Relayed again: refused, counted once.
		assert_noop!(attest(LAB_REPORTER, signed.clone()), Error::<Test>::WrongBatchNumber);
		// A batch numbered ahead of the next one.
		let (mut ahead, _) = batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)]);
		ahead.number += 1;
		let signature = TestSignature(PCR, result_batch_message(&ahead));
		assert_noop!(attest(LAB_REPORTER, (ahead, signature)), Error::<Test>::WrongBatchNumber);
		// Removed and registered again, the instrument's old batches do not count again.
		assert_ok!(Instruments::remove_instrument(RuntimeOrigin::signed(account(LAB)), PCR));
		register(PCR);
		assert_noop!(attest(LAB_REPORTER, signed), Error::<Test>::WrongRegistration);
		assert_eq!(attested(LAB, "RA01", TODAY).tests, 1);
	});
}

#[test]
fn only_the_instruments_own_signature_and_holder_count() {
	new_test_ext().execute_with(|| {
		register(PCR);
		assert_ok!(register_for(account(CLINIC), SEQUENCER, CLINIC));
		let (good, _) = batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)]);
		// Signed by another key, or altered after signing.
		let forged = TestSignature(SEQUENCER, result_batch_message(&good));
		assert_noop!(attest(LAB_REPORTER, (good.clone(), forged)), Error::<Test>::BadSignature);
		let mut altered = good.clone();
		let signature = TestSignature(PCR, result_batch_message(&good));
		altered.results[0].outcome = Negative;
		assert_noop!(attest(LAB_REPORTER, (altered, signature)), Error::<Test>::BadSignature);
		// Another facility's reporter relays the laboratory's instrument: refused.
		assert_noop!(
			attest(account(CLINIC), batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)])),
			Error::<Test>::NotAReporter
		);
		// A batch for another chain.
		let (mut elsewhere, _) = batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)]);
		elsewhere.genesis = sp_core::H256::repeat_byte(7);
		let signature = TestSignature(PCR, result_batch_message(&elsewhere));
		assert_noop!(attest(LAB_REPORTER, (elsewhere, signature)), Error::<Test>::WrongChain);
		// An instrument nobody registered.
		let (mut unknown, _) = batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)]);
		unknown.instrument = 999;
		let signature = TestSignature(999, result_batch_message(&unknown));
		assert_noop!(attest(LAB_REPORTER, (unknown, signature)), Error::<Test>::UnknownInstrument);
	});
}

#[test]
fn a_suspended_instrument_or_holder_counts_nothing() {
	new_test_ext().execute_with(|| {
		register(PCR);
		assert_ok!(Instruments::suspend_instrument(RuntimeOrigin::signed(account(KARNATAKA)), PCR));
		let results = || vec![result(TODAY, "RA01", Pcr, Positive)];
		assert_noop!(
			attest(LAB_REPORTER, batch(PCR, results())),
			Error::<Test>::InstrumentNotActive
		);
		assert_ok!(Instruments::reinstate_instrument(
			RuntimeOrigin::signed(account(KARNATAKA)),
			PCR
		));
		healthnet_testing::update(LAB, |org| org.active = false);
		assert_noop!(
			attest(LAB_REPORTER, batch(PCR, results())),
			Error::<Test>::OrganisationNotActive
		);
	});
}

#[test]
fn every_result_is_checked_before_anything_counts() {
	new_test_ext().execute_with(|| {
		register(PCR);
		let refused = |last: TestResultOf<Test>, error: Error<Test>| {
			let results = vec![result(TODAY, "RA01", Pcr, Positive), last];
			assert_noop!(attest(LAB_REPORTER, batch(PCR, results)), error);
		};
		refused(result(TODAY + 1, "RA01", Pcr, Positive), Error::<Test>::FutureDay);
		refused(result(TODAY - 31, "RA01", Pcr, Positive), Error::<Test>::DayTooOld);
		refused(result(TODAY, "ra01", Pcr, Positive), Error::<Test>::MalformedDiseaseCode);
		refused(result(TODAY, ".RA", Pcr, Positive), Error::<Test>::MalformedDiseaseCode);
		let mut pcr_lineage = sequenced(TODAY, "JN.1");
		pcr_lineage.test = Pcr;
		refused(pcr_lineage, Error::<Test>::LineageWithoutSequencing);
		let mut negative_lineage = sequenced(TODAY, "JN.1");
		negative_lineage.outcome = Negative;
		refused(negative_lineage, Error::<Test>::LineageWithoutSequencing);
		refused(sequenced(TODAY, ""), Error::<Test>::EmptyLineage);
		assert_noop!(attest(LAB_REPORTER, batch(PCR, vec![])), Error::<Test>::EmptyBatch);
		assert_ok!(attest(
			LAB_REPORTER,
			batch(PCR, vec![result(TODAY - 30, "RA01", Pcr, Positive)])
		));
	});
}
