//! Counting the batches instruments sign.

use super::*;
use healthnet_primitives::{instruments::Outcome::*, instruments::TestKind::*};

#[test]
fn a_reporter_relays_a_batch_and_the_chain_counts_it_per_disease_and_day() {
	new_test_ext().execute_with(|| {
		register(PCR);
		register(READER);
		register(SEQUENCER);
		let pcr = vec![
			result(TODAY, "RA01", Pcr, Positive),
			result(TODAY, "RA01", Pcr, Negative),
			result(TODAY, "RA01", Pcr, Invalid),
			result(TODAY, "1E30", Pcr, Negative),
		];
		assert_ok!(attest(LAB_REPORTER, batch(PCR, pcr)));
		System::assert_last_event(
			Event::ResultsAttested {
				instrument: PCR,
				holder: LAB,
				number: 0,
				results: 4,
				positives: 1,
			}
			.into(),
		);
		assert_ok!(attest(
			LAB_REPORTER,
			batch(READER, vec![result(TODAY - 1, "RA01", Antigen, Positive)])
		));
		let sequenced_today = vec![sequenced(TODAY, "JN.1"), sequenced(TODAY, "JN.1")];
		assert_ok!(attest(account(LAB), batch(SEQUENCER, sequenced_today)));
		assert_eq!(
			attested(LAB, "RA01", TODAY),
			AttestedCounts { tests: 3, positives: 1, invalid: 1, sequenced: 2, lineages: 1 }
		);
		assert_eq!(
			attested(LAB, "RA01", TODAY - 1),
			AttestedCounts { tests: 1, positives: 1, invalid: 0, sequenced: 0, lineages: 0 }
		);
		assert_eq!(
			attested(LAB, "1E30", TODAY),
			AttestedCounts { tests: 1, positives: 0, invalid: 0, sequenced: 0, lineages: 0 }
		);
		let disease: crate::DiseaseCode<Test> = b"RA01".to_vec().try_into().unwrap();
		let name: crate::LineageOf<Test> = b"JN.1".to_vec().try_into().unwrap();
		assert_eq!(AttestedLineages::<Test>::get((LAB, disease, TODAY, name)), 2);
		// The next batch adds to the same days.
		assert_ok!(attest(LAB_REPORTER, batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)])));
		assert_eq!(attested(LAB, "RA01", TODAY).positives, 2);
		assert_eq!(crate::Instruments::<Test>::get(PCR).unwrap().next_batch, 2);
	});
}

#[test]
fn an_instrument_attests_only_the_tests_its_kind_runs() {
	new_test_ext().execute_with(|| {
		register(PCR);
		register(READER);
		let refused = |instrument, test| {
			let results = vec![result(TODAY, "RA01", test, Positive)];
			assert_noop!(
				attest(LAB_REPORTER, batch(instrument, results)),
				Error::<Test>::TestNotOfInstrumentKind
			);
		};
		refused(PCR, Antigen);
		refused(PCR, Sequencing);
		refused(READER, Pcr);
		assert_noop!(
			attest(LAB_REPORTER, batch(PCR, vec![sequenced(TODAY, "JN.1")])),
			Error::<Test>::TestNotOfInstrumentKind
		);
	});
}

#[test]
fn a_batch_counts_once_and_skipped_numbers_never_count() {
	new_test_ext().execute_with(|| {
		register(PCR);
		let signed = batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)]);
		assert_ok!(attest(LAB_REPORTER, signed.clone()));
		// Relayed again: refused, counted once.
		assert_noop!(attest(LAB_REPORTER, signed.clone()), Error::<Test>::WrongBatchNumber);
		// Batch 1 held a result that can never count; batch 2 counts, and says it skipped 1.
		let (mut ahead, _) = batch(PCR, vec![result(TODAY, "RA01", Pcr, Positive)]);
		let (mut stuck, _) = batch(PCR, vec![result(TODAY + 5, "RA01", Pcr, Positive)]);
		ahead.number += 1;
		let signature = TestSignature(PCR, result_batch_message(&ahead));
		assert_ok!(attest(LAB_REPORTER, (ahead, signature)));
		System::assert_has_event(Event::BatchesSkipped { instrument: PCR, from: 1, to: 1 }.into());
		let signature = TestSignature(PCR, result_batch_message(&stuck));
		assert_noop!(
			attest(LAB_REPORTER, (stuck.clone(), signature)),
			Error::<Test>::WrongBatchNumber
		);
		// The last number counts once and leaves none after it.
		stuck.number = u32::MAX;
		stuck.results[0].day = TODAY;
		let signature = TestSignature(PCR, result_batch_message(&stuck));
		assert_noop!(
			attest(LAB_REPORTER, (stuck, signature)),
			Error::<Test>::BatchNumbersExhausted
		);
		assert_eq!(attested(LAB, "RA01", TODAY).tests, 2);
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
fn a_suspended_instrument_or_holder_counts_nothing_and_nothing_dated_while_suspended() {
	new_test_ext().execute_with(|| {
		register(PCR);
		let results = |day| vec![result(day, "RA01", Pcr, Positive)];
		assert_ok!(Instruments::suspend_instrument(RuntimeOrigin::signed(account(KARNATAKA)), PCR));
		assert_noop!(
			attest(LAB_REPORTER, batch(PCR, results(TODAY))),
			Error::<Test>::InstrumentNotActive
		);
		// Reinstated two days later: what it dated while suspended never counts.
		set_today(TODAY + 2);
		assert_ok!(Instruments::reinstate_instrument(
			RuntimeOrigin::signed(account(KARNATAKA)),
			PCR
		));
		assert_noop!(
			attest(LAB_REPORTER, batch(PCR, results(TODAY + 1))),
			Error::<Test>::DayTooOld
		);
		assert_ok!(attest(LAB_REPORTER, batch(PCR, results(TODAY + 2))));
		healthnet_testing::update(LAB, |org| org.active = false);
		assert_noop!(
			attest(LAB_REPORTER, batch(PCR, results(TODAY + 2))),
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
		register(SEQUENCER);
		let refused_sequencing = |last: TestResultOf<Test>, error: Error<Test>| {
			let results = vec![sequenced(TODAY, "JN.1"), last];
			assert_noop!(attest(LAB_REPORTER, batch(SEQUENCER, results)), error);
		};
		let mut negative_lineage = sequenced(TODAY, "JN.1");
		negative_lineage.outcome = Negative;
		refused_sequencing(negative_lineage, Error::<Test>::LineageWithoutSequencing);
		// Lineages are named as reports name them; nothing else rides in the field.
		for name in ["", "jn.1", "S-0042 DOE", "JN..1"] {
			refused_sequencing(sequenced(TODAY, name), Error::<Test>::MalformedLineage);
		}
		assert_noop!(attest(LAB_REPORTER, batch(PCR, vec![])), Error::<Test>::EmptyBatch);
		assert_ok!(attest(
			LAB_REPORTER,
			batch(PCR, vec![result(TODAY - 30, "RA01", Pcr, Positive)])
		));
	});
}

#[test]
fn a_day_names_a_bounded_number_of_lineages() {
	new_test_ext().execute_with(|| {
		register(SEQUENCER);
		// The mock allows 3 distinct lineages of a disease a day.
		let named =
			vec![sequenced(TODAY, "JN.1"), sequenced(TODAY, "BA.2"), sequenced(TODAY, "JN.1")];
		assert_ok!(attest(LAB_REPORTER, batch(SEQUENCER, named)));
		assert_eq!(attested(LAB, "RA01", TODAY).lineages, 2);
		// Two new ones in one batch would make 4: refused whole, nothing counted.
		let two_new = vec![sequenced(TODAY, "XBB.1"), sequenced(TODAY, "KP.2")];
		assert_noop!(
			attest(LAB_REPORTER, batch(SEQUENCER, two_new)),
			Error::<Test>::TooManyLineages
		);
		// Lineages already named count again; one new one fits; another day has its own room.
		let known = vec![sequenced(TODAY, "BA.2"), sequenced(TODAY, "KP.2")];
		assert_ok!(attest(LAB_REPORTER, batch(SEQUENCER, known)));
		assert_eq!(
			attested(LAB, "RA01", TODAY),
			AttestedCounts { tests: 0, positives: 0, invalid: 0, sequenced: 5, lineages: 3 }
		);
		assert_noop!(
			attest(LAB_REPORTER, batch(SEQUENCER, vec![sequenced(TODAY, "XBB.1")])),
			Error::<Test>::TooManyLineages
		);
		let yesterday = vec![sequenced(TODAY - 1, "XBB.1")];
		assert_ok!(attest(LAB_REPORTER, batch(SEQUENCER, yesterday)));
	});
}
