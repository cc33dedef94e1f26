//! Figures that must stay true under ordinary use (issue 33): a holder finds only what it
//! lost, counts are traced, kits count on the day of use, requisitions count usable units,
//! excursions add up, recalled units are not available, a full trace still takes a recall,
//! and listings come in pages.

use super::{stock::clinic_stock, *};

/// Units a requisition-less shipment brings to `to`, accepted.
fn delivered(from: OrgId, to: OrgId, lot: LotId, quantity: u32) {
	assert_ok!(accept(to, shipped(from, to, &[(lot, quantity)])));
}

#[test]
fn a_holder_cannot_find_units_another_holder_lost() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		delivered(MAKER, CLINIC, lot, 40);
		delivered(MAKER, DISTRIBUTOR, lot, 10);
		// The clinic's 40 are condemned after an excursion: wasted for the lot.
		assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Holder(CLINIC), lot, 61));
		assert_ok!(Supply::condemn_quarantine(signed(KARNATAKA), CLINIC, lot));
		assert_eq!(totals(lot).wasted, 40);
		// The distributor, which lost nothing, cannot count them into its own stock.
		assert_noop!(
			Supply::record_count(signed(DISTRIBUTOR), lot, 50, WasteReason::Lost),
			Error::<Test>::CountExceedsRecordedLosses
		);
		// Nor can the clinic: condemned units are known destroyed, not lost.
		assert_noop!(
			Supply::record_count(signed(CLINIC), lot, 1, WasteReason::Lost),
			Error::<Test>::CountExceedsRecordedLosses
		);
	});
}

#[test]
fn a_holder_finds_only_what_it_recorded_lost_or_stolen() {
	new_test_ext().execute_with(|| {
		let (lot, _) = clinic_stock();
		assert_ok!(Supply::record_waste(signed(CLINIC), lot, 5, WasteReason::Lost));
		assert_ok!(Supply::record_waste(signed(CLINIC), lot, 2, WasteReason::Stolen));
		assert_ok!(Supply::record_waste(signed(CLINIC), lot, 3, WasteReason::Damaged));
		assert_eq!(RecoverableLosses::<Test>::get(CLINIC, lot), 7);
		// 90 on record; a count of 96 finds 6 of the 7 lost or stolen.
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 96, WasteReason::Lost));
		assert_eq!(RecoverableLosses::<Test>::get(CLINIC, lot), 1);
		assert_noop!(
			Supply::record_count(signed(CLINIC), lot, 98, WasteReason::Lost),
			Error::<Test>::CountExceedsRecordedLosses
		);
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 97, WasteReason::Lost));
		assert!(!RecoverableLosses::<Test>::contains_key(CLINIC, lot));
		// The manufacturer held the lot but lost none of it.
		assert_noop!(
			Supply::record_count(signed(MAKER), lot, 1, WasteReason::Lost),
			Error::<Test>::CountExceedsRecordedLosses
		);
		// A count short with a loss as its reason can be found again; with damage, not.
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 90, WasteReason::Damaged));
		assert_noop!(
			Supply::record_count(signed(CLINIC), lot, 91, WasteReason::Lost),
			Error::<Test>::CountExceedsRecordedLosses
		);
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 85, WasteReason::Stolen));
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 90, WasteReason::Lost));
		assert!(totals(lot).is_conserved());
	});
}

#[test]
fn every_count_writes_a_trace_step() {
	new_test_ext().execute_with(|| {
		let (lot, _) = clinic_stock();
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 90, WasteReason::Lost));
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 95, WasteReason::Lost));
		let trace: Vec<TraceStep> = Supply::trace_of(lot).into_iter().map(|e| e.step).collect();
		assert_eq!(
			trace[trace.len() - 2..],
			[
				TraceStep::Counted { holder: CLINIC, counted: 90, difference: -10 },
				TraceStep::Counted { holder: CLINIC, counted: 95, difference: 5 },
			]
		);
	});
}

#[test]
fn a_full_trace_keeps_room_for_custody_and_always_takes_a_recall() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		delivered(MAKER, CLINIC, lot, 10);
		// The clinic counts up and down until reports may fill no more: nine tenths of 40.
		let mut counted = 9;
		while Supply::record_count(signed(CLINIC), lot, counted, WasteReason::Lost).is_ok() {
			counted = if counted == 9 { 10 } else { 9 };
		}
		assert_eq!(Lots::<Test>::get(lot).unwrap().trace_length, 36);
		assert_noop!(
			Supply::record_count(signed(CLINIC), lot, counted, WasteReason::Lost),
			Error::<Test>::TraceFull
		);
		// An excursion within tolerance still adds up, untraced; custody steps go on.
		assert_ok!(Supply::report_excursion(signed(MAKER), Site::Holder(MAKER), lot, 10));
		assert_eq!(Lots::<Test>::get(lot).unwrap().trace_length, 36);
		for _ in 0..2 {
			delivered(MAKER, DISTRIBUTOR, lot, 1);
		}
		assert_eq!(Lots::<Test>::get(lot).unwrap().trace_length, 40);
		assert_noop!(
			Supply::ship(signed(MAKER), DISTRIBUTOR, items(&[(lot, 1)]), None),
			Error::<Test>::TraceFull
		);
		// A full trace never blocks a recall.
		assert_ok!(Supply::recall_lot(signed(INDIA), lot, RecallReason::SafetySignal));
		assert_eq!(Lots::<Test>::get(lot).unwrap().trace_length, 41);
	});
}

#[test]
fn yesterdays_kits_recorded_today_open_no_gap() {
	new_test_ext().execute_with(|| {
		let (_, kits) = clinic_stock();
		set_reported(CLINIC, "RA01", TODAY - 1, 40);
		// The clinic records this morning the 40 kits it used yesterday.
		assert_ok!(Supply::record_use(signed(CLINIC), kits, 40, UseKind::TestsUsed, TODAY - 1));
		System::assert_last_event(
			Event::StockUsed {
				org: CLINIC,
				lot: kits,
				quantity: 40,
				kind: UseKind::TestsUsed,
				day: TODAY - 1,
			}
			.into(),
		);
		let code: DiseaseCode<Test> = b"RA01".to_vec().try_into().unwrap();
		assert_eq!(TestsUsed::<Test>::get((CLINIC, &code, TODAY - 1)), 40);
		assert_eq!(TestsUsed::<Test>::get((CLINIC, &code, TODAY)), 0);
		for day in [TODAY - 1, TODAY] {
			let gaps = Supply::reporting_gaps(b"IN-KA".to_vec(), b"RA01".to_vec(), day, 10, 0, 100);
			assert_eq!(gaps.items, vec![], "day {day}");
		}
	});
}

#[test]
fn a_use_is_recorded_for_a_day_begun_within_the_window_and_before_expiry() {
	new_test_ext().execute_with(|| {
		let (lot, kits) = clinic_stock();
		let use_on = |day| Supply::record_use(signed(CLINIC), kits, 1, UseKind::TestsUsed, day);
		assert_noop!(use_on(TODAY + 1), Error::<Test>::UseDayNotBegun);
		assert_noop!(use_on(TODAY - MaxUseAge::get() - 1), Error::<Test>::UseDayTooOld);
		assert_ok!(use_on(TODAY - MaxUseAge::get()));
		// The vaccine lot expires at TODAY + 365: a dose given that day counts, recorded after.
		set_today(TODAY + 367);
		let administer =
			|day| Supply::record_use(signed(CLINIC), lot, 1, UseKind::Administered, day);
		assert_noop!(administer(TODAY + 366), Error::<Test>::Expired);
		assert_ok!(administer(TODAY + 365));
	});
}

/// The clinic asks for 30 doses (requisition 0); the distributor's shipment of them spends 90
/// minutes out of range and arrives quarantined. Returns the lot.
fn arrived_quarantined_for_a_requisition() -> LotId {
	let product = vaccine();
	let lot = lot_of(product, "L-1", 100);
	delivered(MAKER, DISTRIBUTOR, lot, 100);
	assert_ok!(Supply::request_supplies(signed(CLINIC), product, 30));
	assert_ok!(Supply::ship(signed(DISTRIBUTOR), CLINIC, items(&[(lot, 30)]), Some(0)));
	let shipment = NextShipmentId::<Test>::get() - 1;
	assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Shipment(shipment), lot, 90));
	assert_ok!(accept(CLINIC, shipment));
	lot
}

#[test]
fn units_arriving_quarantined_fulfil_a_requisition_only_once_released() {
	new_test_ext().execute_with(|| {
		let lot = arrived_quarantined_for_a_requisition();
		let r = Requisitions::<Test>::get(0).unwrap();
		assert_eq!((r.received, r.awaiting_release, r.status), (0, 30, RequisitionStatus::Open));
		assert_eq!(QuarantinedFor::<Test>::get((CLINIC, lot, 0)), 30);
		assert_ok!(Supply::release_quarantine(signed(KARNATAKA), CLINIC, lot));
		System::assert_has_event(
			Event::RequisitionFulfilled { requisition: 0, received: 30 }.into(),
		);
		assert_eq!(Requisitions::<Test>::get(0), None);
		assert_eq!(QuarantinedFor::<Test>::iter().count(), 0);
	});
}

#[test]
fn condemned_units_never_fulfil_a_requisition() {
	new_test_ext().execute_with(|| {
		let lot = arrived_quarantined_for_a_requisition();
		assert_ok!(Supply::condemn_quarantine(signed(KARNATAKA), CLINIC, lot));
		let r = Requisitions::<Test>::get(0).unwrap();
		assert_eq!((r.received, r.awaiting_release, r.status), (0, 0, RequisitionStatus::Open));
	});
}

#[test]
fn units_quarantined_after_arrival_are_not_counted_twice() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		let lot = lot_of(product, "L-1", 100);
		delivered(MAKER, DISTRIBUTOR, lot, 100);
		assert_ok!(Supply::request_supplies(signed(CLINIC), product, 60));
		assert_ok!(Supply::ship(signed(DISTRIBUTOR), CLINIC, items(&[(lot, 30)]), Some(0)));
		assert_ok!(accept(CLINIC, NextShipmentId::<Test>::get() - 1));
		assert_eq!(Requisitions::<Test>::get(0).unwrap().received, 30);
		assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Holder(CLINIC), lot, 61));
		assert_ok!(Supply::release_quarantine(signed(KARNATAKA), CLINIC, lot));
		let r = Requisitions::<Test>::get(0).unwrap();
		assert_eq!((r.received, r.status), (30, RequisitionStatus::PartlyFulfilled));
	});
}

#[test]
fn a_cancelled_requisition_waits_for_its_quarantine_decision_then_leaves() {
	new_test_ext().execute_with(|| {
		let lot = arrived_quarantined_for_a_requisition();
		assert_ok!(Supply::cancel_requisition(signed(CLINIC), 0));
		assert_eq!(Requisitions::<Test>::get(0).unwrap().status, RequisitionStatus::Cancelled);
		assert_eq!(Supply::open_requisitions(None, 10).items, vec![]);
		assert_ok!(Supply::release_quarantine(signed(KARNATAKA), CLINIC, lot));
		assert_eq!(Requisitions::<Test>::get(0), None);
		assert_eq!(RequisitionCounts::<Test>::get(CLINIC), 0);
	});
}

#[test]
fn a_requester_has_a_bounded_number_of_requisitions() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		for _ in 0..MaxOpenRequisitions::get() {
			assert_ok!(Supply::request_supplies(signed(CLINIC), product, 5));
		}
		assert_noop!(
			Supply::request_supplies(signed(CLINIC), product, 5),
			Error::<Test>::TooManyOpenRequisitions
		);
		// Another facility is not held back by the clinic's.
		assert_ok!(Supply::request_supplies(signed(OTHER_CLINIC), product, 5));
		assert_ok!(Supply::cancel_requisition(signed(CLINIC), 0));
		assert_ok!(Supply::request_supplies(signed(CLINIC), product, 5));
	});
}

#[test]
fn open_requisitions_come_in_pages_of_at_most_the_maximum() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		for org in [CLINIC, CLINIC, OTHER_CLINIC] {
			assert_ok!(Supply::request_supplies(signed(org), product, 5));
		}
		let first = Supply::open_requisitions(None, 2);
		assert_eq!(first.items.len(), 2);
		let rest = Supply::open_requisitions(first.next, 2);
		assert_eq!((rest.items.len(), rest.next), (1, None));
		let mut ids: Vec<_> = first.items.iter().chain(&rest.items).map(|r| r.id).collect();
		ids.sort();
		assert_eq!(ids, vec![0, 1, 2]);
		assert_eq!(Supply::open_requisitions(None, u32::MAX).items.len(), 3);
	});
}

#[test]
fn a_closed_shipment_leaves_storage_and_is_still_called_closed() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let shipment = shipped(MAKER, CLINIC, &[(lot, 10)]);
		assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Shipment(shipment), lot, 10));
		assert_ok!(accept(CLINIC, shipment));
		assert!(!Shipments::<Test>::contains_key(shipment));
		assert!(!ExcursionExposure::<Test>::contains_key(Site::Shipment(shipment), lot));
		assert_noop!(accept(CLINIC, shipment), Error::<Test>::ShipmentClosed);
		assert_noop!(accept(CLINIC, shipment + 1), Error::<Test>::UnknownShipment);
		assert_noop!(
			Supply::report_excursion(signed(CLINIC), Site::Shipment(shipment), lot, 10),
			Error::<Test>::ShipmentClosed
		);
	});
}

#[test]
fn short_excursions_of_the_same_stock_add_up_to_a_quarantine() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let at_maker = Site::Holder(MAKER);
		// A report of no minutes out of range is not an excursion.
		assert_noop!(
			Supply::report_excursion(signed(MAKER), at_maker, lot, 0),
			Error::<Test>::ZeroQuantity
		);
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 30));
		assert_eq!(held(MAKER, lot).quarantined, 0);
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 31));
		System::assert_last_event(
			Event::ExcursionReported {
				lot,
				site: at_maker,
				minutes: 31,
				total_minutes: 61,
				quarantined: 100,
			}
			.into(),
		);
		assert_eq!(held(MAKER, lot), Holding { available: 0, quarantined: 100 });
	});
}

#[test]
fn excursions_further_apart_than_the_window_do_not_add_up() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let at_maker = Site::Holder(MAKER);
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 50));
		// The vaccine's window is 24 hours: a day later the sum starts again.
		set_today(TODAY + 1);
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 50));
		assert_eq!(held(MAKER, lot).quarantined, 0);
		assert_eq!(ExcursionExposure::<Test>::get(at_maker, lot).map(|(_, m)| m), Some(50));
	});
}

#[test]
fn a_decision_on_the_quarantine_starts_the_sum_again() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let at_maker = Site::Holder(MAKER);
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 61));
		assert_ok!(Supply::release_quarantine(signed(MAHARASHTRA), MAKER, lot));
		assert_ok!(Supply::report_excursion(signed(MAKER), at_maker, lot, 10));
		assert_eq!(held(MAKER, lot), Holding { available: 100, quarantined: 0 });
	});
}

#[test]
fn excursions_in_transit_add_up() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let shipment = shipped(MAKER, CLINIC, &[(lot, 40)]);
		let in_transit = Site::Shipment(shipment);
		assert_ok!(Supply::report_excursion(signed(CLINIC), in_transit, lot, 40));
		assert_ok!(Supply::report_excursion(signed(MAKER), in_transit, lot, 40));
		assert_ok!(accept(CLINIC, shipment));
		assert_eq!(held(CLINIC, lot), Holding { available: 0, quarantined: 40 });
	});
}

#[test]
fn a_product_names_a_window_of_an_hour_to_a_year() {
	new_test_ext().execute_with(|| {
		let register = |window| {
			Supply::register_product(
				signed(MAKER),
				*VACCINE_GTIN,
				ProductKind::Vaccine,
				Unit::Dose,
				(20, 80),
				60,
				window,
				None,
			)
		};
		assert_noop!(register(0), Error::<Test>::EmptyToleranceWindow);
		assert_noop!(register(24 * 366 + 1), Error::<Test>::ToleranceWindowTooLong);
		assert_ok!(register(24 * 366));
	});
}

#[test]
fn recalled_expired_and_quarantined_units_are_not_counted_available() {
	new_test_ext().execute_with(|| {
		let (lot, kits) = clinic_stock();
		let product = Lots::<Test>::get(lot).unwrap().product;
		assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Holder(CLINIC), kits, 601));
		assert_ok!(Supply::record_use(signed(CLINIC), lot, 10, UseKind::Administered, TODAY));
		assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Holder(CLINIC), lot, 61));
		assert_ok!(Supply::release_quarantine(signed(KARNATAKA), CLINIC, lot));
		assert_ok!(Supply::report_excursion(signed(CLINIC), Site::Holder(CLINIC), lot, 61));
		assert_ok!(Supply::recall_lot(signed(INDIA), lot, RecallReason::SafetySignal));
		let line = |lot| {
			Supply::region_stock(None, b"IN-KA".to_vec(), None, 100)
				.items
				.into_iter()
				.find(|l: &StockLine| l.lot == lot)
				.unwrap()
				.figures
		};
		// The recalled lot's 90 units, quarantined ones included, are recalled.
		assert_eq!(line(lot), StockFigures { recalled: 90, ..Default::default() });
		assert_eq!(line(kits), StockFigures { quarantined: 100, ..Default::default() });
		let own = Supply::stock_of(CLINIC, None, 100).items;
		assert!(own.contains(&(lot, StockFigures { recalled: 90, ..Default::default() })));
		assert_eq!(
			Supply::region_stock(Some(product), b"IN-KA".to_vec(), None, 100).items.len(),
			1
		);
		// Past its expiry, an available unit is expired.
		assert_ok!(Supply::release_quarantine(signed(KARNATAKA), CLINIC, kits));
		set_today(TODAY + 366);
		assert_eq!(line(kits), StockFigures { expired: 100, ..Default::default() });
	});
}

#[test]
fn recalled_lots_and_quarantined_stock_come_in_pages() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		let lots: Vec<_> = (0..3).map(|i| lot_of(product, &format!("L-{i}"), 10)).collect();
		for lot in &lots {
			assert_ok!(Supply::report_excursion(signed(MAKER), Site::Holder(MAKER), *lot, 61));
		}
		assert_ok!(Supply::recall_lot(signed(MAKER), lots[0], RecallReason::QualityDefect));
		assert_ok!(Supply::recall_lot(signed(MAKER), lots[2], RecallReason::QualityDefect));
		assert_eq!(Supply::recalled_lots(0, 2), Page { items: vec![lots[0]], next: Some(2) });
		assert_eq!(Supply::recalled_lots(2, 2), Page { items: vec![lots[2]], next: None });
		let first = Supply::quarantined_stock(None, 2);
		assert_eq!(first.items.len(), 2);
		let rest = Supply::quarantined_stock(first.next, 2);
		assert_eq!((rest.items.len(), rest.next), (1, None));
		let mut all: Vec<_> = first.items.into_iter().chain(rest.items).collect();
		all.sort();
		assert_eq!(all, lots.iter().map(|lot| (MAKER, *lot, 10)).collect::<Vec<_>>());
	});
}
