//! The conservation law over random sequences of every call from random organisations: for
//! every lot, at every step, produced = held + in transit + used + wasted, what is held is the
//! sum of the holders' stock, what is in transit is the sum of the open shipments, and a call
//! that fails changes nothing.

use super::*;
use healthnet_testing as testing;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Make { quantity: u32 },
	Ship { from: usize, to: usize, lot: u32, quantity: u32, requisition: bool },
	Accept { who: usize, shipment: u32, short: u32 },
	Refuse { who: usize, shipment: u32 },
	Cancel { who: usize, shipment: u32 },
	Use { who: usize, lot: u32, quantity: u32 },
	Waste { who: usize, lot: u32, quantity: u32, expired: bool },
	Count { who: usize, lot: u32, counted: u32 },
	Excursion { who: usize, in_transit: bool, at: u32, lot: u32, minutes: u32 },
	Decide { who: usize, holder: usize, lot: u32, condemn: bool },
	Recall { who: usize, lot: u32 },
	Request { who: usize, quantity: u32 },
	CancelRequisition { who: usize, requisition: u32 },
	Tick { days: u32 },
}

fn op() -> impl Strategy<Value = Op> {
	let who = 0..ORGS.len();
	prop_oneof![
		(1..200u32).prop_map(|quantity| Op::Make { quantity }),
		(who.clone(), who.clone(), 0..4u32, 0..120u32, any::<bool>()).prop_map(
			|(from, to, lot, quantity, requisition)| Op::Ship {
				from,
				to,
				lot,
				quantity,
				requisition
			}
		),
		(who.clone(), 0..6u32, 0..20u32).prop_map(|(who, shipment, short)| Op::Accept {
			who,
			shipment,
			short
		}),
		(who.clone(), 0..6u32).prop_map(|(who, shipment)| Op::Refuse { who, shipment }),
		(who.clone(), 0..6u32).prop_map(|(who, shipment)| Op::Cancel { who, shipment }),
		(who.clone(), 0..4u32, 0..60u32).prop_map(|(who, lot, quantity)| Op::Use {
			who,
			lot,
			quantity
		}),
		(who.clone(), 0..4u32, 0..60u32, any::<bool>())
			.prop_map(|(who, lot, quantity, expired)| Op::Waste { who, lot, quantity, expired }),
		(who.clone(), 0..4u32, 0..150u32).prop_map(|(who, lot, counted)| Op::Count {
			who,
			lot,
			counted
		}),
		(who.clone(), any::<bool>(), 0..9u32, 0..4u32, 0..120u32).prop_map(
			|(who, in_transit, at, lot, minutes)| Op::Excursion {
				who,
				in_transit,
				at,
				lot,
				minutes
			}
		),
		(who.clone(), who.clone(), 0..4u32, any::<bool>())
			.prop_map(|(who, holder, lot, condemn)| Op::Decide { who, holder, lot, condemn }),
		(who.clone(), 0..4u32).prop_map(|(who, lot)| Op::Recall { who, lot }),
		(who.clone(), 1..100u32).prop_map(|(who, quantity)| Op::Request { who, quantity }),
		(who, 0..4u32).prop_map(|(who, requisition)| Op::CancelRequisition { who, requisition }),
		(0..200u32).prop_map(|days| Op::Tick { days }),
	]
}

fn run(op: &Op, product: ProductId) -> DispatchResult {
	let o = |i: usize| signed(ORGS[i]);
	match op.clone() {
		Op::Make { quantity } => {
			let number = format!("L-{}", NextLotId::<Test>::get()).into_bytes().try_into().unwrap();
			Supply::create_lot(signed(MAKER), product, number, TODAY + 300, quantity)
		},
		Op::Ship { from, to, lot, quantity, requisition } => {
			let requisition =
				requisition.then(|| NextRequisitionId::<Test>::get().saturating_sub(1));
			Supply::ship(o(from), ORGS[to], items(&[(lot, quantity)]), requisition)
		},
		Op::Accept { who, shipment, short } => {
			let lot = Shipments::<Test>::get(shipment).map_or(0, |s| s.items[0].0);
			let shortfalls = if short == 0 {
				Default::default()
			} else {
				Shortfalls::<Test>::try_from(vec![(lot, short, Discrepancy::Missing)]).unwrap()
			};
			Supply::accept_shipment(o(who), shipment, shortfalls)
		},
		Op::Refuse { who, shipment } => Supply::refuse_shipment(o(who), shipment),
		Op::Cancel { who, shipment } => Supply::cancel_shipment(o(who), shipment),
		Op::Use { who, lot, quantity } => {
			Supply::record_use(o(who), lot, quantity, UseKind::Administered)
		},
		Op::Waste { who, lot, quantity, expired } => {
			let reason = if expired { WasteReason::Expired } else { WasteReason::Damaged };
			Supply::record_waste(o(who), lot, quantity, reason)
		},
		Op::Count { who, lot, counted } => {
			Supply::record_count(o(who), lot, counted, WasteReason::Lost)
		},
		Op::Excursion { who, in_transit, at, lot, minutes } => {
			let site = if in_transit {
				Site::Shipment(at)
			} else {
				Site::Holder(ORGS[at as usize % ORGS.len()])
			};
			Supply::report_excursion(o(who), site, lot, minutes)
		},
		Op::Decide { who, holder, lot, condemn } => {
			if condemn {
				Supply::condemn_quarantine(o(who), ORGS[holder], lot)
			} else {
				Supply::release_quarantine(o(who), ORGS[holder], lot)
			}
		},
		Op::Recall { who, lot } => Supply::recall_lot(o(who), lot, RecallReason::QualityDefect),
		Op::Request { who, quantity } => Supply::request_supplies(o(who), product, quantity),
		Op::CancelRequisition { who, requisition } => {
			Supply::cancel_requisition(o(who), requisition)
		},
		Op::Tick { days } => {
			set_today(TODAY + days);
			Ok(())
		},
	}
}

/// Checks the law and its parts for every lot.
fn conserved() -> Result<(), TestCaseError> {
	for (lot, record) in Lots::<Test>::iter() {
		let t = record.totals;
		prop_assert!(t.is_conserved(), "lot {} is not conserved: {:?}", lot, t);
		let held: u64 = Stock::<Test>::iter()
			.filter(|(_, l, _)| *l == lot)
			.map(|(_, _, h)| u64::from(h.available) + u64::from(h.quarantined))
			.sum();
		prop_assert_eq!(held, t.held, "lot {} held", lot);
		let in_transit: u64 = Shipments::<Test>::iter_values()
			.filter(|s| s.status == ShipmentStatus::InTransit)
			.flat_map(|s| s.items.into_iter())
			.filter(|(l, ..)| *l == lot)
			.map(|(_, sent, _)| u64::from(sent))
			.sum();
		prop_assert_eq!(in_transit, t.in_transit, "lot {} in transit", lot);
	}
	Ok(())
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(96))]

	#[test]
	fn every_unit_of_every_lot_is_always_somewhere(ops in prop::collection::vec(op(), 1..60)) {
		new_test_ext().execute_with(|| {
			let product = vaccine();
			lot_of(product, "L-first", 100);
			for op in &ops {
				// A refusal is fine; a refusal that wrote is not.
				let _ = testing::refusal_changes_nothing(op, || run(op, product))
					.map_err(TestCaseError::fail)?;
				conserved()?;
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
