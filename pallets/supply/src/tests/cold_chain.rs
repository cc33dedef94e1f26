//! Cold chain and recalls: excursions beyond the tolerance quarantine stock until an authority
//! decides, sensors report for their holder only, and a recalled lot can only go back or be
//! destroyed.

use super::*;

#[test]
fn an_excursion_beyond_tolerance_quarantines_the_stock_there() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let at_maker = Site::Holder(MAKER);
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 30));
		assert_eq!(held(MAKER, lot).quarantined, 0);
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 61));
		System::assert_last_event(
			Event::ExcursionReported {
				lot,
				site: at_maker,
				minutes: 61,
				total_minutes: 91,
				quarantined: 100,
			}
			.into(),
		);
		assert_eq!(held(MAKER, lot), Holding { available: 0, quarantined: 100 });
		assert_noop!(
			Supply::ship(signed(MAKER), DISTRIBUTOR, items(&[(lot, 1)]), None),
			Error::<Test>::StockQuarantined
		);
		assert_noop!(
			Supply::report_excursion(signed(CLINIC), at_maker, lot, 61),
			Error::<Test>::NotAtSite
		);
		assert_noop!(
			Supply::report_excursion(signed(CLINIC), Site::Holder(CLINIC), lot, 61),
			Error::<Test>::NoStockThere
		);
		// Only an authority over the holder decides: Karnataka's is not over Pune.
		assert_noop!(
			Supply::release_quarantine(signed(KARNATAKA), MAKER, lot),
			Error::<Test>::NotAuthorityOverHolder
		);
		assert_ok!(Supply::release_quarantine(signed(MAHARASHTRA), MAKER, lot));
		assert_eq!(held(MAKER, lot).available, 100);
		assert_noop!(
			Supply::release_quarantine(signed(MAHARASHTRA), MAKER, lot),
			Error::<Test>::NoStockThere
		);
	});
}

#[test]
fn an_excursion_in_transit_quarantines_the_shipment_which_arrives_quarantined() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let shipment = shipped(MAKER, CLINIC, &[(lot, 40)]);
		assert_noop!(
			Supply::report_excursion(signed(DISTRIBUTOR), Site::Shipment(shipment), lot, 90),
			Error::<Test>::NotAtSite
		);
		assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Shipment(shipment), lot, 90));
		assert_ok!(accept(CLINIC, shipment));
		assert_eq!(held(CLINIC, lot), Holding { available: 0, quarantined: 40 });
		assert_noop!(
			Supply::record_use(signed(CLINIC), lot, 1, UseKind::Administered, TODAY),
			Error::<Test>::StockQuarantined
		);
		assert_noop!(
			Supply::record_use(signed(CLINIC), lot, 41, UseKind::Administered, TODAY),
			Error::<Test>::InsufficientStock
		);
		assert_ok!(Supply::condemn_quarantine(signed(KARNATAKA), CLINIC, lot));
		assert_eq!(held(CLINIC, lot), Holding::default());
		assert_eq!(
			totals(lot),
			LotTotals { produced: 100, held: 60, wasted: 40, ..Default::default() }
		);
	});
}

#[test]
fn a_sensor_reports_for_its_holder_only() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let sensor = 999;
		let clinic_account = account(CLINIC);
		assert_noop!(
			Supply::register_sensor(
				signed(MAKER),
				clinic_account,
				sensor_proof(clinic_account, MAKER)
			),
			Error::<Test>::SensorTaken
		);
		assert_ok!(Supply::register_sensor(signed(MAKER), sensor, sensor_proof(sensor, MAKER)));
		assert_noop!(
			Supply::register_sensor(signed(CLINIC), sensor, sensor_proof(sensor, CLINIC)),
			Error::<Test>::SensorTaken
		);
		assert_ok!(Supply::report_excursion(
			RuntimeOrigin::signed(sensor),
			Site::Holder(MAKER),
			lot,
			61
		));
		assert_eq!(held(MAKER, lot).quarantined, 100);
		assert_noop!(
			Supply::remove_sensor(signed(CLINIC), sensor),
			Error::<Test>::NotAuthorityOverHolder
		);
		assert_ok!(Supply::remove_sensor(signed(MAKER), sensor));
		assert_noop!(
			Supply::report_excursion(RuntimeOrigin::signed(sensor), Site::Holder(MAKER), lot, 61),
			Error::<Test>::NotAMember
		);
	});
}

#[test]
fn a_logger_is_registered_only_with_its_own_consent_to_that_holder() {
	new_test_ext().execute_with(|| {
		let before = root();
		// Another account's signature, or the logger's consent to another holder, is refused:
		// nobody registers a key it does not hold, or squats another holder's logger.
		assert_noop!(
			Supply::register_sensor(signed(MAKER), 999, sensor_proof(998, MAKER)),
			Error::<Test>::BadSensorProof
		);
		assert_noop!(
			Supply::register_sensor(signed(CLINIC), 999, sensor_proof(999, MAKER)),
			Error::<Test>::BadSensorProof
		);
		assert_eq!(root(), before);
		// A holder registers a bounded number.
		for sensor in [997, 998] {
			assert_ok!(Supply::register_sensor(signed(MAKER), sensor, sensor_proof(sensor, MAKER)));
		}
		assert_noop!(
			Supply::register_sensor(signed(MAKER), 999, sensor_proof(999, MAKER)),
			Error::<Test>::TooManySensors
		);
		assert_ok!(Supply::remove_sensor(signed(MAKER), 997));
		assert_ok!(Supply::register_sensor(signed(MAKER), 999, sensor_proof(999, MAKER)));
	});
}

#[test]
fn a_suspended_holders_loggers_are_silent_and_its_authority_removes_them() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		assert_ok!(Supply::register_sensor(signed(MAKER), 999, sensor_proof(999, MAKER)));
		healthnet_testing::update(MAKER, |org| org.active = false);
		assert_noop!(
			Supply::report_excursion(RuntimeOrigin::signed(999), Site::Holder(MAKER), lot, 61),
			Error::<Test>::SensorHolderNotActive
		);
		// The suspended holder cannot act; India, over Pune's region, removes the logger.
		assert_noop!(
			Supply::remove_sensor(signed(MAKER), 999),
			Error::<Test>::OrganisationNotActive
		);
		assert_noop!(
			Supply::remove_sensor(signed(KARNATAKA), 999),
			Error::<Test>::NotAuthorityOverHolder
		);
		assert_ok!(Supply::remove_sensor(signed(INDIA), 999));
		assert_eq!(crate::SensorCounts::<Test>::get(MAKER), 0);
	});
}

#[test]
fn a_recalled_lot_is_only_returned_or_destroyed() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let shipment = shipped(MAKER, CLINIC, &[(lot, 40)]);
		assert_ok!(accept(CLINIC, shipment));
		// A regional authority, another manufacturer or a clinic cannot recall; India can.
		for org in [KARNATAKA, OTHER_MAKER, CLINIC] {
			assert_noop!(
				Supply::recall_lot(signed(org), lot, RecallReason::QualityDefect),
				Error::<Test>::CannotRecall
			);
		}
		assert_ok!(Supply::recall_lot(signed(INDIA), lot, RecallReason::SafetySignal));
		System::assert_last_event(
			Event::LotRecalled { lot, by: INDIA, reason: RecallReason::SafetySignal }.into(),
		);
		assert_noop!(
			Supply::recall_lot(signed(MAKER), lot, RecallReason::QualityDefect),
			Error::<Test>::AlreadyRecalled
		);
		assert_noop!(
			Supply::record_use(signed(CLINIC), lot, 1, UseKind::Administered, TODAY),
			Error::<Test>::LotIsRecalled
		);
		assert_noop!(
			Supply::ship(signed(CLINIC), OTHER_CLINIC, items(&[(lot, 1)]), None),
			Error::<Test>::LotIsRecalled
		);
		assert_ok!(Supply::ship(signed(CLINIC), MAKER, items(&[(lot, 30)]), None));
		assert_ok!(Supply::record_waste(signed(CLINIC), lot, 10, WasteReason::Returned));
		assert_eq!(Supply::recalled_lots(0, 10), Page { items: vec![lot], next: None });
		let trace: Vec<TraceStep> = Supply::trace_of(lot).into_iter().map(|e| e.step).collect();
		assert_eq!(trace.len(), 5);
		assert!(matches!(trace[0], TraceStep::Made { by: MAKER, quantity: 100 }));
		assert!(matches!(trace[3], TraceStep::Recalled { by: INDIA, .. }));
		assert!(totals(lot).is_conserved());
	});
}
