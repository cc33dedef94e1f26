//! Shipments: custody passes only on acceptance, in full or with shortfalls; a refused or
//! cancelled shipment goes back; requisitions follow the shipments that cite them.

use super::*;

#[test]
fn custody_passes_only_when_the_receiver_accepts() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let shipment = shipped(MAKER, DISTRIBUTOR, &[(lot, 60)]);
		System::assert_last_event(
			Event::ShipmentSent { shipment, from: MAKER, to: DISTRIBUTOR }.into(),
		);
		assert_eq!(held(MAKER, lot).available, 40);
		assert_eq!(held(DISTRIBUTOR, lot).available, 0);
		assert_eq!(totals(lot).in_transit, 60);
		assert_noop!(accept(CLINIC, shipment), Error::<Test>::NotReceiver);
		assert_ok!(accept(DISTRIBUTOR, shipment));
		System::assert_last_event(
			Event::ShipmentAccepted { shipment, accepted: 60, short: 0 }.into(),
		);
		assert_eq!(held(DISTRIBUTOR, lot).available, 60);
		assert_eq!(totals(lot), LotTotals { produced: 100, held: 100, ..Default::default() });
		assert_noop!(accept(DISTRIBUTOR, shipment), Error::<Test>::ShipmentClosed);
	});
}

#[test]
fn a_partial_acceptance_wastes_what_did_not_arrive() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let shipment = shipped(MAKER, DISTRIBUTOR, &[(lot, 50)]);
		let short = |list: &[(LotId, u32, Discrepancy)]| {
			Shortfalls::<Test>::try_from(list.to_vec()).unwrap()
		};
		assert_noop!(
			Supply::accept_shipment(
				signed(DISTRIBUTOR),
				shipment,
				short(&[(lot, 51, Discrepancy::Missing)])
			),
			Error::<Test>::BadShortfall
		);
		assert_noop!(
			Supply::accept_shipment(
				signed(DISTRIBUTOR),
				shipment,
				short(&[(9, 1, Discrepancy::Missing)])
			),
			Error::<Test>::BadShortfall
		);
		assert_ok!(Supply::accept_shipment(
			signed(DISTRIBUTOR),
			shipment,
			short(&[(lot, 5, Discrepancy::Damaged)])
		));
		assert_eq!(held(DISTRIBUTOR, lot).available, 45);
		assert_eq!(
			totals(lot),
			LotTotals { produced: 100, held: 95, wasted: 5, ..Default::default() }
		);
	});
}

#[test]
fn a_refused_or_cancelled_shipment_goes_back_to_the_sender() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let refused = shipped(MAKER, DISTRIBUTOR, &[(lot, 30)]);
		assert_noop!(Supply::refuse_shipment(signed(MAKER), refused), Error::<Test>::NotReceiver);
		assert_ok!(Supply::refuse_shipment(signed(DISTRIBUTOR), refused));
		assert_eq!(held(MAKER, lot).available, 100);
		let cancelled = shipped(MAKER, DISTRIBUTOR, &[(lot, 30)]);
		assert_noop!(
			Supply::cancel_shipment(signed(DISTRIBUTOR), cancelled),
			Error::<Test>::NotSender
		);
		assert_ok!(Supply::cancel_shipment(signed(MAKER), cancelled));
		assert_eq!(held(MAKER, lot).available, 100);
		assert_eq!(totals(lot).in_transit, 0);
		assert_noop!(accept(DISTRIBUTOR, cancelled), Error::<Test>::ShipmentClosed);
	});
}

#[test]
fn a_shipment_is_refused_when_it_is_not_held_or_not_well_formed() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let before = root();
		let ship =
			|from, to, list: &[(LotId, u32)]| Supply::ship(signed(from), to, items(list), None);
		assert_noop!(ship(MAKER, DISTRIBUTOR, &[(lot, 101)]), Error::<Test>::InsufficientStock);
		assert_noop!(ship(DISTRIBUTOR, CLINIC, &[(lot, 1)]), Error::<Test>::InsufficientStock);
		assert_noop!(ship(MAKER, DISTRIBUTOR, &[]), Error::<Test>::BadItems);
		assert_noop!(ship(MAKER, DISTRIBUTOR, &[(lot, 1), (lot, 1)]), Error::<Test>::BadItems);
		assert_noop!(ship(MAKER, DISTRIBUTOR, &[(lot, 0)]), Error::<Test>::ZeroQuantity);
		assert_noop!(ship(MAKER, LAB, &[(lot, 1)]), Error::<Test>::BadReceiver);
		assert_noop!(ship(MAKER, MAKER, &[(lot, 1)]), Error::<Test>::BadReceiver);
		assert_noop!(ship(LAB, MAKER, &[(lot, 1)]), Error::<Test>::NotAHolder);
		assert_noop!(ship(MAKER, DISTRIBUTOR, &[(7, 1)]), Error::<Test>::UnknownLot);
		assert_eq!(root(), before);
	});
}

#[test]
fn expired_stock_is_neither_shipped_nor_used_but_may_be_wasted_as_expired() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		assert_noop!(
			Supply::record_waste(signed(MAKER), lot, 1, WasteReason::Expired),
			Error::<Test>::WrongWasteReason
		);
		set_today(TODAY + 366);
		assert_noop!(
			Supply::ship(signed(MAKER), DISTRIBUTOR, items(&[(lot, 1)]), None),
			Error::<Test>::Expired
		);
		assert_noop!(
			Supply::record_use(signed(CLINIC), lot, 1, UseKind::Administered, TODAY + 366),
			Error::<Test>::Expired
		);
		assert_ok!(Supply::record_waste(signed(MAKER), lot, 100, WasteReason::Expired));
		assert_eq!(totals(lot).wasted, 100);
	});
}

#[test]
fn a_requisition_follows_the_shipments_that_cite_it() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		let lot = lot_of(product, "L-1", 100);
		let other = lot_of(test_kit(), "K-1", 100);
		shipped(MAKER, DISTRIBUTOR, &[(lot, 100), (other, 100)]);
		assert_ok!(accept(DISTRIBUTOR, 0));
		assert_ok!(Supply::request_supplies(signed(CLINIC), product, 30));
		let ship =
			|to, list: &[(LotId, u32)]| Supply::ship(signed(DISTRIBUTOR), to, items(list), Some(0));
		assert_noop!(ship(OTHER_CLINIC, &[(lot, 10)]), Error::<Test>::RequisitionMismatch);
		assert_noop!(ship(CLINIC, &[(other, 10)]), Error::<Test>::RequisitionMismatch);
		assert_ok!(ship(CLINIC, &[(lot, 20)]));
		assert_ok!(accept(CLINIC, 1));
		assert_eq!(
			Requisitions::<Test>::get(0).unwrap().status,
			RequisitionStatus::PartlyFulfilled
		);
		assert_ok!(ship(CLINIC, &[(lot, 10)]));
		assert_ok!(accept(CLINIC, 2));
		System::assert_has_event(
			Event::RequisitionFulfilled { requisition: 0, received: 30 }.into(),
		);
		// Fulfilled, it leaves storage; citing it again is refused.
		assert_eq!(Requisitions::<Test>::get(0), None);
		assert_eq!(RequisitionCounts::<Test>::get(CLINIC), 0);
		assert_noop!(ship(CLINIC, &[(lot, 10)]), Error::<Test>::RequisitionClosed);
		assert_noop!(
			Supply::ship(signed(DISTRIBUTOR), CLINIC, items(&[(lot, 1)]), Some(9)),
			Error::<Test>::UnknownRequisition
		);
		assert_eq!(Supply::open_requisitions(None, 10), Page { items: vec![], next: None });
	});
}

#[test]
fn only_the_requester_cancels_an_open_requisition() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		assert_noop!(Supply::request_supplies(signed(LAB), product, 1), Error::<Test>::NotAHolder);
		assert_noop!(Supply::request_supplies(signed(CLINIC), 9, 1), Error::<Test>::UnknownProduct);
		assert_ok!(Supply::request_supplies(signed(CLINIC), product, 5));
		assert_eq!(
			Supply::open_requisitions(None, 10).items,
			vec![OpenRequisition {
				id: 0,
				requester: CLINIC,
				product,
				requested: 5,
				received: 0,
				awaiting_release: 0
			}]
		);
		assert_noop!(
			Supply::cancel_requisition(signed(OTHER_CLINIC), 0),
			Error::<Test>::NotRequester
		);
		assert_ok!(Supply::cancel_requisition(signed(CLINIC), 0));
		assert_eq!(Requisitions::<Test>::get(0), None);
		assert_noop!(
			Supply::cancel_requisition(signed(CLINIC), 0),
			Error::<Test>::RequisitionClosed
		);
		assert_noop!(
			Supply::cancel_requisition(signed(CLINIC), 1),
			Error::<Test>::UnknownRequisition
		);
	});
}
