//! Registering, removing, suspending and reinstating instruments.

use super::*;
use healthnet_primitives::{Role, Roles};
use healthnet_testing as testing;

#[test]
fn a_key_officer_registers_an_instrument_with_its_proof() {
	new_test_ext().execute_with(|| {
		register(PCR);
		System::assert_last_event(
			Event::InstrumentRegistered {
				instrument: PCR,
				holder: LAB,
				kind: InstrumentKind::PcrAnalyser,
			}
			.into(),
		);
		let record = crate::Instruments::<Test>::get(PCR).unwrap();
		assert_eq!(
			(record.holder, record.status, record.next_batch),
			(LAB, InstrumentStatus::Active, 0)
		);
		assert_eq!(InstrumentCounts::<Test>::get(LAB), 1);
	});
}

#[test]
fn registration_refuses_what_is_not_the_holders_own_instrument() {
	new_test_ext().execute_with(|| {
		// A proof made out to another holder, or signed by another key.
		assert_noop!(register_for(account(LAB), PCR, CLINIC), Error::<Test>::BadInstrumentProof);
		assert_noop!(
			Instruments::register_instrument(
				RuntimeOrigin::signed(account(LAB)),
				PCR,
				InstrumentKind::PcrAnalyser,
				text("M"),
				text("S"),
				proof(SEQUENCER, LAB),
			),
			Error::<Test>::BadInstrumentProof
		);
		// A member account is no instrument, nor is an instrument registered twice.
		assert_noop!(
			register_for(account(LAB), account(CLINIC), LAB),
			Error::<Test>::InstrumentTaken
		);
		register(PCR);
		assert_noop!(register_for(account(CLINIC), PCR, CLINIC), Error::<Test>::InstrumentTaken);
		// Empty texts.
		assert_noop!(
			Instruments::register_instrument(
				RuntimeOrigin::signed(account(LAB)),
				SEQUENCER,
				InstrumentKind::Sequencer,
				text(""),
				text("S"),
				proof(SEQUENCER, LAB),
			),
			Error::<Test>::EmptyText
		);
	});
}

#[test]
fn only_a_key_officer_of_an_active_reporting_organisation_registers() {
	new_test_ext().execute_with(|| {
		assert_noop!(register_for(LAB_REPORTER, PCR, LAB), Error::<Test>::NotAKeyOfficer);
		assert_noop!(register_for(999, PCR, LAB), Error::<Test>::NotAMember);
		assert_noop!(
			register_for(account(HOSPITAL), PCR, HOSPITAL),
			Error::<Test>::CannotReportCases
		);
		testing::update(LAB, |org| org.active = false);
		assert_noop!(register_for(account(LAB), PCR, LAB), Error::<Test>::OrganisationNotActive);
	});
}

#[test]
fn a_holder_has_at_most_its_share_of_instruments() {
	new_test_ext().execute_with(|| {
		register(PCR);
		register(SEQUENCER);
		register(READER);
		assert_noop!(register_for(account(LAB), 902, LAB), Error::<Test>::TooManyInstruments);
		assert_ok!(Instruments::remove_instrument(RuntimeOrigin::signed(account(LAB)), PCR));
		assert_ok!(register_for(account(LAB), 902, LAB));
	});
}

#[test]
fn the_proof_binds_the_device_and_a_key_registers_once() {
	new_test_ext().execute_with(|| {
		// A registration claiming another kind, model or serial than the instrument signed.
		let (_, model, serial) = device(PCR);
		assert_noop!(
			Instruments::register_instrument(
				RuntimeOrigin::signed(account(LAB)),
				PCR,
				InstrumentKind::Sequencer,
				text(model),
				text(&serial),
				proof(PCR, LAB),
			),
			Error::<Test>::BadInstrumentProof
		);
		register(PCR);
		// The same device under a new key, while it is registered.
		let message = instrument_proof_message(
			&genesis(),
			LAB,
			InstrumentKind::PcrAnalyser,
			model.as_bytes(),
			serial.as_bytes(),
		);
		let again = Instruments::register_instrument(
			RuntimeOrigin::signed(account(LAB)),
			904,
			InstrumentKind::PcrAnalyser,
			text(model),
			text(&serial),
			TestSignature(904, message.clone()),
		);
		assert_noop!(again, Error::<Test>::DeviceTaken);
		// Retired by its holder, the key never registers again, with its old proof or not;
		// the device may, under a new key.
		assert_ok!(Instruments::remove_instrument(RuntimeOrigin::signed(account(LAB)), PCR));
		assert_noop!(register_for(account(LAB), PCR, LAB), Error::<Test>::InstrumentTaken);
		assert_ok!(Instruments::register_instrument(
			RuntimeOrigin::signed(account(LAB)),
			904,
			InstrumentKind::PcrAnalyser,
			text(model),
			text(&serial),
			TestSignature(904, message),
		));
	});
}

#[test]
fn the_holder_or_an_authority_over_it_removes_an_instrument() {
	new_test_ext().execute_with(|| {
		register(PCR);
		register(SEQUENCER);
		// Another facility, a reporter of the holder, an authority elsewhere: refused.
		assert_noop!(
			Instruments::remove_instrument(RuntimeOrigin::signed(account(CLINIC)), PCR),
			Error::<Test>::NotAuthorityOverHolder
		);
		assert_noop!(
			Instruments::remove_instrument(RuntimeOrigin::signed(LAB_REPORTER), PCR),
			Error::<Test>::NotAKeyOfficer
		);
		assert_noop!(
			Instruments::remove_instrument(RuntimeOrigin::signed(account(KERALA)), PCR),
			Error::<Test>::NotAuthorityOverHolder
		);
		assert_ok!(Instruments::remove_instrument(RuntimeOrigin::signed(account(LAB)), PCR));
		System::assert_last_event(
			Event::InstrumentRemoved { instrument: PCR, holder: LAB, by: LAB }.into(),
		);
		assert_ok!(Instruments::remove_instrument(
			RuntimeOrigin::signed(account(KARNATAKA)),
			SEQUENCER
		));
		assert_eq!(InstrumentCounts::<Test>::get(LAB), 0);
	});
}

#[test]
fn an_authority_suspends_and_only_it_or_one_above_reinstates() {
	new_test_ext().execute_with(|| {
		register(PCR);
		let suspend = |who| Instruments::suspend_instrument(RuntimeOrigin::signed(who), PCR);
		let reinstate = |who| Instruments::reinstate_instrument(RuntimeOrigin::signed(who), PCR);
		// The holder itself, and an authority elsewhere, do not suspend.
		assert_noop!(suspend(account(LAB)), Error::<Test>::NotAuthorityOverHolder);
		assert_noop!(suspend(account(KERALA)), Error::<Test>::NotAuthorityOverHolder);
		assert_noop!(reinstate(account(KARNATAKA)), Error::<Test>::NotSuspended);
		assert_ok!(suspend(account(KARNATAKA)));
		System::assert_last_event(
			Event::InstrumentSuspended { instrument: PCR, by: KARNATAKA }.into(),
		);
		assert_noop!(suspend(account(INDIA)), Error::<Test>::AlreadySuspended);
		// Neither the holder nor the district below Karnataka lifts it.
		assert_noop!(reinstate(account(LAB)), Error::<Test>::NotAuthorityOverHolder);
		assert_noop!(reinstate(account(BENGALURU)), Error::<Test>::SuspendedAbove);
		assert_ok!(reinstate(account(INDIA)));
		System::assert_last_event(
			Event::InstrumentReinstated { instrument: PCR, by: INDIA }.into(),
		);
		let record = crate::Instruments::<Test>::get(PCR).unwrap();
		assert_eq!((record.status, record.counts_from), (InstrumentStatus::Active, TODAY));
		// A key officer's role is needed at the authority too.
		testing::add_with_roles(21, KARNATAKA, Roles::of(&[Role::Reviewer]));
		assert_noop!(suspend(21), Error::<Test>::NotAKeyOfficer);
	});
}

#[test]
fn a_suspension_is_not_escaped_by_removing_the_instrument() {
	new_test_ext().execute_with(|| {
		register(PCR);
		assert_ok!(Instruments::suspend_instrument(RuntimeOrigin::signed(account(KARNATAKA)), PCR));
		let remove = |who| Instruments::remove_instrument(RuntimeOrigin::signed(who), PCR);
		// Not by the holder, nor by the district below the suspending authority.
		assert_noop!(remove(account(LAB)), Error::<Test>::InstrumentNotActive);
		assert_noop!(remove(account(BENGALURU)), Error::<Test>::SuspendedAbove);
		assert_ok!(remove(account(KARNATAKA)));
		let record = crate::Instruments::<Test>::get(PCR).unwrap();
		assert_eq!(record.status, InstrumentStatus::Removed { by: KARNATAKA });
		assert_eq!(InstrumentCounts::<Test>::get(LAB), 0);
		// Neither the key nor the device registers again, under any key.
		assert_noop!(register_for(account(LAB), PCR, LAB), Error::<Test>::InstrumentTaken);
		let (kind, model, serial) = device(PCR);
		let message =
			instrument_proof_message(&genesis(), LAB, kind, model.as_bytes(), serial.as_bytes());
		assert_noop!(
			Instruments::register_instrument(
				RuntimeOrigin::signed(account(LAB)),
				904,
				kind,
				text(model),
				text(&serial),
				TestSignature(904, message),
			),
			Error::<Test>::DeviceTaken
		);
		assert_noop!(remove(account(KARNATAKA)), Error::<Test>::UnknownInstrument);
	});
}

#[test]
fn a_retired_device_under_a_new_key_counts_nothing_twice() {
	new_test_ext().execute_with(|| {
		register(PCR);
		let positive = |day| result(day, "RA01", TestKind::Pcr, Outcome::Positive);
		assert_ok!(attest(account(LAB), batch(PCR, vec![positive(TODAY - 1), positive(TODAY)])));
		assert_ok!(Instruments::remove_instrument(RuntimeOrigin::signed(account(LAB)), PCR));
		let (kind, model, serial) = device(PCR);
		let message =
			instrument_proof_message(&genesis(), LAB, kind, model.as_bytes(), serial.as_bytes());
		assert_ok!(Instruments::register_instrument(
			RuntimeOrigin::signed(account(LAB)),
			904,
			kind,
			text(model),
			text(&serial),
			TestSignature(904, message),
		));
		// The days its old key counted, the day of its retirement included, stay counted once.
		for day in [TODAY - 1, TODAY] {
			assert_noop!(
				attest(account(LAB), batch(904, vec![positive(day)])),
				Error::<Test>::DayTooOld
			);
		}
		set_today(TODAY + 1);
		assert_ok!(attest(account(LAB), batch(904, vec![positive(TODAY + 1)])));
		assert_eq!(attested(LAB, "RA01", TODAY).positives, 1);
	});
}

#[test]
fn a_holder_registers_nothing_new_while_one_of_its_instruments_is_suspended() {
	new_test_ext().execute_with(|| {
		register(PCR);
		let suspend =
			|| Instruments::suspend_instrument(RuntimeOrigin::signed(account(KARNATAKA)), PCR);
		assert_ok!(suspend());
		// A new key, a new serial: the suspended analyser's results would count through it.
		assert_noop!(
			register_for(account(LAB), SEQUENCER, LAB),
			Error::<Test>::HolderHasSuspendedInstrument
		);
		assert_ok!(Instruments::reinstate_instrument(
			RuntimeOrigin::signed(account(KARNATAKA)),
			PCR
		));
		register(SEQUENCER);
		// Removed by the authority, the suspension no longer holds the holder back.
		assert_ok!(suspend());
		assert_ok!(Instruments::remove_instrument(RuntimeOrigin::signed(account(KARNATAKA)), PCR));
		assert_eq!(crate::SuspendedCounts::<Test>::get(LAB), 0);
		register(READER);
	});
}
