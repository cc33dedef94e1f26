//! The stock card: uses, waste, counts, and the under-reporting check that compares the test
//! kits a facility used with the tests it reported.

use super::*;

/// The clinic holds 100 of a vaccine lot and 100 of a test kit lot.
pub(super) fn clinic_stock() -> (LotId, LotId) {
	let lot = lot_of(vaccine(), "L-1", 100);
	let kits = lot_of(test_kit(), "K-1", 100);
	let shipment = shipped(MAKER, CLINIC, &[(lot, 100), (kits, 100)]);
	assert_ok!(accept(CLINIC, shipment));
	(lot, kits)
}

#[test]
fn only_a_care_provider_administers_or_dispenses_while_any_holder_uses_tests() {
	new_test_ext().execute_with(|| {
		let lot = lot_of(vaccine(), "L-1", 100);
		let kits = lot_of(test_kit(), "K-1", 100);
		for kind in [UseKind::Administered, UseKind::Dispensed] {
			assert_noop!(
				Supply::record_use(signed(MAKER), lot, 1, kind, TODAY),
				Error::<Test>::NotACareProvider
			);
		}
		assert_ok!(accept(DISTRIBUTOR, shipped(MAKER, DISTRIBUTOR, &[(lot, 10)])));
		assert_noop!(
			Supply::record_use(signed(DISTRIBUTOR), lot, 1, UseKind::Administered, TODAY),
			Error::<Test>::NotACareProvider
		);
		assert_ok!(Supply::record_use(signed(MAKER), kits, 3, UseKind::TestsUsed, TODAY));
		assert_eq!(totals(kits).used, 3);
	});
}

#[test]
fn uses_leave_the_stock_and_count_as_used() {
	new_test_ext().execute_with(|| {
		let (lot, kits) = clinic_stock();
		assert_ok!(Supply::record_use(signed(CLINIC), lot, 7, UseKind::Administered, TODAY));
		System::assert_last_event(
			Event::StockUsed {
				org: CLINIC,
				lot,
				quantity: 7,
				kind: UseKind::Administered,
				day: TODAY,
			}
			.into(),
		);
		assert_eq!(held(CLINIC, lot).available, 93);
		assert_eq!(totals(lot).used, 7);
		assert_noop!(
			Supply::record_use(signed(CLINIC), lot, 94, UseKind::Administered, TODAY),
			Error::<Test>::InsufficientStock
		);
		assert_noop!(
			Supply::record_use(signed(CLINIC), lot, 1, UseKind::TestsUsed, TODAY),
			Error::<Test>::WrongUse
		);
		assert_noop!(
			Supply::record_use(signed(CLINIC), kits, 1, UseKind::Administered, TODAY),
			Error::<Test>::WrongUse
		);
		assert_noop!(
			Supply::record_use(signed(CLINIC), lot, 0, UseKind::Administered, TODAY),
			Error::<Test>::ZeroQuantity
		);
	});
}

#[test]
fn waste_and_counts_adjust_the_stock_with_a_reason() {
	new_test_ext().execute_with(|| {
		let (lot, _) = clinic_stock();
		assert_ok!(Supply::record_waste(signed(CLINIC), lot, 3, WasteReason::Damaged));
		assert_eq!(totals(lot).wasted, 3);
		// A count finds 90 of the 97 on record: 7 are lost.
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 90, WasteReason::Lost));
		System::assert_last_event(
			Event::StockCounted { org: CLINIC, lot, counted: 90, difference: -7 }.into(),
		);
		assert_eq!(totals(lot).wasted, 10);
		// A later count finds 5 of them again, but never more than were recorded wasted.
		assert_ok!(Supply::record_count(signed(CLINIC), lot, 95, WasteReason::Lost));
		assert_eq!(totals(lot).wasted, 5);
		assert_noop!(
			Supply::record_count(signed(CLINIC), lot, 101, WasteReason::Lost),
			Error::<Test>::CountExceedsRecordedLosses
		);
		assert_noop!(
			Supply::record_count(signed(CLINIC), lot, 95, WasteReason::Lost),
			Error::<Test>::NothingToAdjust
		);
		assert!(totals(lot).is_conserved());
	});
}

#[test]
fn the_tests_a_facility_used_are_compared_with_the_tests_it_reported() {
	new_test_ext().execute_with(|| {
		let (_, kits) = clinic_stock();
		assert_ok!(Supply::record_use(signed(CLINIC), kits, 40, UseKind::TestsUsed, TODAY));
		assert_eq!(
			TestsUsed::<Test>::get((
				CLINIC,
				BoundedVec::try_from(b"RA01".to_vec()).unwrap(),
				TODAY
			)),
			40
		);
		set_reported(CLINIC, "RA01", TODAY, 10);
		let gaps = |region: &str| {
			Supply::reporting_gaps(region.into(), b"RA01".to_vec(), TODAY, 10, 0, 100).items
		};
		let kits = GapFindings { kits: true, ..Default::default() };
		assert_eq!(
			gaps("IN-KA"),
			vec![ReportingGap {
				org: CLINIC,
				tests_used: 40,
				tests_reported: Some(10),
				positives_reported: Some(0),
				tests_attested: 0,
				positives_attested: 0,
				found: kits,
			}]
		);
		// Within the tolerance, or another region: not listed.
		set_reported(CLINIC, "RA01", TODAY, 38);
		assert_eq!(gaps("IN-KA"), vec![]);
		set_reported(CLINIC, "RA01", TODAY, 10);
		assert_eq!(gaps("IN-MH"), vec![]);
		// In pages of organisations: the clinic is among the first five.
		let first = Supply::reporting_gaps(b"IN-KA".to_vec(), b"RA01".to_vec(), TODAY, 10, 0, 5);
		assert_eq!((first.items.len(), first.next), (1, Some(5)));
	});
}

#[test]
fn a_report_below_what_its_instruments_attested_is_a_gap() {
	new_test_ext().execute_with(|| {
		let gaps =
			|| Supply::reporting_gaps(b"IN-KA".to_vec(), b"RA01".to_vec(), TODAY, 10, 0, 100).items;
		// Instruments attest 40 positives of 100 tests; the clinic reports 100 tests, 10
		// positive (no kits recorded: the kits comparison finds nothing to compare).
		set_attested(CLINIC, "RA01", TODAY, 100, 40);
		set_report(CLINIC, "RA01", TODAY, 100, 10);
		let listed = gaps();
		assert_eq!(listed.len(), 1);
		assert_eq!(
			(listed[0].positives_reported, listed[0].positives_attested, listed[0].tests_attested),
			(Some(10), 40, 100)
		);
		assert_eq!(
			listed[0].found,
			GapFindings { kits: true, attested_tests: false, attested_positives: true }
		);
		// Reporting more than instruments attested is no gap: not every test runs on one.
		set_attested(CLINIC, "RA01", TODAY, 20, 5);
		set_report(CLINIC, "RA01", TODAY, 0, 0);
		assert_eq!(
			gaps()[0].found,
			GapFindings { kits: false, attested_tests: true, attested_positives: true }
		);
		// The clinic recorded no kits, so the kits comparison lists it from here on: read
		// the instruments' findings.
		let attested =
			|| gaps().first().map(|gap| (gap.found.attested_tests, gap.found.attested_positives));
		set_report(CLINIC, "RA01", TODAY, 25, 5);
		assert_eq!(attested(), Some((false, false)));
		// Within the tolerance of what was attested (10 % of 20 is 2).
		set_report(CLINIC, "RA01", TODAY, 18, 5);
		assert_eq!(attested(), Some((false, false)));
		set_report(CLINIC, "RA01", TODAY, 17, 5);
		assert_eq!(attested(), Some((true, false)));
		// No report at all, instruments attested: a gap, with nothing reported.
		set_attested(CLINIC, "RA01", TODAY - 1, 5, 1);
		let day_before =
			Supply::reporting_gaps(b"IN-KA".to_vec(), b"RA01".to_vec(), TODAY - 1, 10, 0, 100);
		let gap = &day_before.items[0];
		assert_eq!((gap.org, gap.tests_reported, gap.tests_attested), (CLINIC, None, 5));
		assert!(gap.found.attested_tests && gap.found.attested_positives && !gap.found.kits);
	});
}

#[test]
fn region_stock_and_an_organisations_stock_are_read() {
	new_test_ext().execute_with(|| {
		let (lot, kits) = clinic_stock();
		let usable = StockFigures { available: 100, ..Default::default() };
		let mut stock = Supply::stock_of(CLINIC, None, 10).items;
		stock.sort_by_key(|(lot, _)| *lot);
		assert_eq!(stock, vec![(lot, usable), (kits, usable)]);
		let product = Lots::<Test>::get(lot).unwrap().product;
		assert_eq!(
			Supply::region_stock(Some(product), b"IN-KA".to_vec(), None, 100),
			Page {
				items: vec![StockLine { holder: CLINIC, lot, product, figures: usable }],
				next: None
			}
		);
		assert_eq!(Supply::region_stock(Some(product), b"IN-MH".to_vec(), None, 100).items, vec![]);
	});
}
