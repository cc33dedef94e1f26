//! The conservation law over random sequences of every call from random organisations: for
//! every lot, at every step, produced = held + in transit + used + wasted, what is held is the
//! sum of the holders' stock, what is in transit is the sum of the open shipments, and a call
//! that fails changes nothing. Beside it, the figures that must stay true: test kits used per
//! day equal the uses recorded for that day; no holder finds more than it recorded lost;
//! every count is traced; requisitions count only usable units, and what waits for a
//! quarantine decision is accounted for.

use super::*;
use healthnet_testing as testing;
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Op {
	Make { quantity: u32 },
	Ship { from: usize, to: usize, lot: u32, quantity: u32, requisition: bool },
	Accept { who: usize, shipment: u32, short: u32 },
	Refuse { who: usize, shipment: u32 },
	Cancel { who: usize, shipment: u32 },
	Use { who: usize, lot: u32, quantity: u32, back: u32 },
	Waste { who: usize, lot: u32, quantity: u32, reason: WasteReason },
	Count { who: usize, lot: u32, counted: u32, lost: bool },
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
		(who.clone(), 0..4u32, 0..60u32, 0..40u32)
			.prop_map(|(who, lot, quantity, back)| { Op::Use { who, lot, quantity, back } }),
		(who.clone(), 0..4u32, 0..60u32, 0..4usize).prop_map(|(who, lot, quantity, reason)| {
			let reason = [
				WasteReason::Damaged,
				WasteReason::Expired,
				WasteReason::Lost,
				WasteReason::Stolen,
			][reason];
			Op::Waste { who, lot, quantity, reason }
		}),
		(who.clone(), 0..4u32, 0..150u32, any::<bool>())
			.prop_map(|(who, lot, counted, lost)| Op::Count { who, lot, counted, lost }),
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

/// What the test expects, kept beside the chain's own figures.
#[derive(Default)]
struct Model {
	/// The day the chain is on.
	today: Period,
	/// Test kits used per (facility, day), by successful uses.
	tests_used: BTreeMap<(OrgId, Period), u32>,
	/// Units each (holder, lot) recorded lost or stolen and not found again.
	lost: BTreeMap<(OrgId, LotId), u32>,
	/// Successful counts.
	counts: usize,
}

/// Runs `op` and, when it succeeds, moves the model as the chain should have moved.
fn run(op: &Op, product: ProductId, model: &mut Model) -> DispatchResult {
	let before = match op {
		Op::Count { who, lot, .. } => held(ORGS[*who], *lot).available,
		_ => 0,
	};
	let kits = |lot: LotId| {
		Lots::<Test>::get(lot)
			.and_then(|l| Products::<Test>::get(l.product))
			.is_some_and(|p| p.kind == ProductKind::TestKit)
	};
	let result = call(op, product, model.today);
	if result.is_ok() {
		match op.clone() {
			Op::Use { who, lot, quantity, back } if kits(lot) => {
				*model.tests_used.entry((ORGS[who], model.today - back)).or_default() += quantity;
			},
			Op::Waste { who, lot, quantity, reason: WasteReason::Lost | WasteReason::Stolen } => {
				*model.lost.entry((ORGS[who], lot)).or_default() += quantity;
			},
			Op::Count { who, lot, counted, lost } => {
				model.counts += 1;
				let entry = model.lost.entry((ORGS[who], lot)).or_default();
				if counted > before {
					*entry -= counted - before;
				} else if lost {
					*entry += before - counted;
				}
				model.lost.retain(|_, units| *units > 0);
			},
			Op::Tick { days } => model.today = TODAY + days,
			_ => {},
		}
	}
	result
}

fn call(op: &Op, product: ProductId, today: Period) -> DispatchResult {
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
		Op::Use { who, lot, quantity, back } => {
			let kits = Lots::<Test>::get(lot).is_some_and(|l| l.product != product);
			let kind = if kits { UseKind::TestsUsed } else { UseKind::Administered };
			Supply::record_use(o(who), lot, quantity, kind, today.saturating_sub(back))
		},
		Op::Waste { who, lot, quantity, reason } => {
			Supply::record_waste(o(who), lot, quantity, reason)
		},
		Op::Count { who, lot, counted, lost } => {
			let reason = if lost { WasteReason::Lost } else { WasteReason::Damaged };
			Supply::record_count(o(who), lot, counted, reason)
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
			.flat_map(|s| s.items.into_iter())
			.filter(|(l, ..)| *l == lot)
			.map(|(_, sent, _)| u64::from(sent))
			.sum();
		prop_assert_eq!(in_transit, t.in_transit, "lot {} in transit", lot);
	}
	Ok(())
}

/// Checks the figures beside the law against the model and against each other.
fn figures_hold(model: &Model) -> Result<(), TestCaseError> {
	let tests_used: BTreeMap<_, _> =
		TestsUsed::<Test>::iter().map(|((org, _, day), n)| ((org, day), n)).collect();
	prop_assert_eq!(&tests_used, &model.tests_used, "test kits used per day");
	let lost: BTreeMap<_, _> =
		RecoverableLosses::<Test>::iter().map(|(org, lot, n)| ((org, lot), n)).collect();
	prop_assert_eq!(&lost, &model.lost, "units recorded lost");
	let counted = Lots::<Test>::iter_keys()
		.flat_map(Supply::trace_of)
		.filter(|e| matches!(e.step, TraceStep::Counted { .. }))
		.count();
	prop_assert_eq!(counted, model.counts, "counts traced");
	// What waits for a quarantine decision is quarantined at its holder, for a stored
	// requisition of the holder's, and each requisition knows how much waits for it.
	let mut awaiting = BTreeMap::<RequisitionId, u32>::new();
	let mut per_holding = BTreeMap::<(OrgId, LotId), u32>::new();
	for ((holder, lot, id), units) in QuarantinedFor::<Test>::iter() {
		let r = Requisitions::<Test>::get(id);
		prop_assert!(r.is_some_and(|r| r.requester == holder), "{:?} waits for no requisition", id);
		*awaiting.entry(id).or_default() += units;
		*per_holding.entry((holder, lot)).or_default() += units;
	}
	for ((holder, lot), units) in per_holding {
		prop_assert!(units <= held(holder, lot).quarantined, "more waits than is quarantined");
	}
	let mut counts = BTreeMap::<OrgId, u32>::new();
	for (id, r) in Requisitions::<Test>::iter() {
		prop_assert_eq!(r.awaiting_release, awaiting.get(&id).copied().unwrap_or(0));
		prop_assert!(r.is_open() || r.awaiting_release > 0, "closed requisition {} kept", id);
		prop_assert!(!r.is_open() || r.received < r.requested, "open but fulfilled: {}", id);
		*counts.entry(r.requester).or_default() += 1;
	}
	let stored: BTreeMap<_, _> = RequisitionCounts::<Test>::iter().collect();
	prop_assert_eq!(stored, counts, "requisitions per requester");
	for (site, _, _) in ExcursionExposure::<Test>::iter() {
		if let Site::Shipment(id) = site {
			prop_assert!(Shipments::<Test>::contains_key(id), "exposure of closed shipment {}", id);
		}
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
			lot_of(test_kit(), "K-first", 100);
			let mut model = Model { today: TODAY, ..Default::default() };
			for op in &ops {
				// A refusal is fine; a refusal that wrote is not.
				let _ = testing::refusal_changes_nothing(op, || run(op, product, &mut model))
					.map_err(TestCaseError::fail)?;
				conserved()?;
				figures_hold(&model)?;
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
