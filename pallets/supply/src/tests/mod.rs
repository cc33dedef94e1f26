//! Unit tests of the supply pallet: products and lots here; shipments, stock and cold chain,
//! recalls and requisitions in their files; the conservation law over random calls in
//! `properties.rs`.

mod cold_chain;
mod figures;
mod prefixes;
mod properties;
mod roles;
mod shipments;
mod stock;

use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult, BoundedVec};

use crate::{mock::*, *};
use healthnet_primitives::{
	supply::{OpenRequisition, StockFigures, StockLine},
	Page,
};

/// A valid GTIN: 0890123456789 with its check digit.
pub(crate) const VACCINE_GTIN: &Gtin = b"08901234567890";
/// Another valid GTIN.
pub(crate) const KIT_GTIN: &Gtin = b"08909876543210";

pub(crate) fn signed(org: OrgId) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(org))
}

/// The manufacturer registers a vaccine (2–8 °C, 60 minutes' tolerance); returns it.
pub(crate) fn vaccine() -> ProductId {
	assert_ok!(Supply::register_product(
		signed(MAKER),
		*VACCINE_GTIN,
		ProductKind::Vaccine,
		Unit::Dose,
		(20, 80),
		60,
		24,
		None
	));
	NextProductId::<Test>::get() - 1
}

/// The manufacturer registers a COVID-19 test kit; returns it.
pub(crate) fn test_kit() -> ProductId {
	assert_ok!(Supply::register_product(
		signed(MAKER),
		*KIT_GTIN,
		ProductKind::TestKit,
		Unit::Test,
		(20, 300),
		600,
		24,
		Some(b"RA01".to_vec().try_into().unwrap())
	));
	NextProductId::<Test>::get() - 1
}

/// The manufacturer makes `quantity` of `product` as lot `number`, expiring in a year.
pub(crate) fn lot_of(product: ProductId, number: &str, quantity: u32) -> LotId {
	assert_ok!(Supply::create_lot(
		signed(MAKER),
		product,
		number.as_bytes().to_vec().try_into().unwrap(),
		TODAY + 365,
		quantity
	));
	NextLotId::<Test>::get() - 1
}

pub(crate) fn items(list: &[(LotId, u32)]) -> Items<Test> {
	BoundedVec::try_from(list.to_vec()).unwrap()
}

/// `from` ships `list` to `to`; returns the shipment.
pub(crate) fn shipped(from: OrgId, to: OrgId, list: &[(LotId, u32)]) -> ShipmentId {
	assert_ok!(Supply::ship(signed(from), to, items(list), None));
	NextShipmentId::<Test>::get() - 1
}

pub(crate) fn accept(to: OrgId, shipment: ShipmentId) -> DispatchResult {
	Supply::accept_shipment(signed(to), shipment, Default::default())
}

pub(crate) fn held(org: OrgId, lot: LotId) -> Holding {
	Stock::<Test>::get(org, lot)
}

pub(crate) fn totals(lot: LotId) -> LotTotals {
	Lots::<Test>::get(lot).unwrap().totals
}

pub(crate) fn root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

#[test]
fn a_manufacturer_registers_a_product_once_per_gtin() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		System::assert_last_event(
			Event::ProductRegistered { product, manufacturer: MAKER, kind: ProductKind::Vaccine }
				.into(),
		);
		assert_eq!(Products::<Test>::get(product).unwrap().tolerance_minutes, 60);
		assert_noop!(
			Supply::register_product(
				signed(MAKER),
				*VACCINE_GTIN,
				ProductKind::Vaccine,
				Unit::Dose,
				(20, 80),
				60,
				24,
				None
			),
			Error::<Test>::GtinTaken
		);
	});
}

#[test]
fn products_are_checked() {
	new_test_ext().execute_with(|| {
		let register = |who, gtin: &Gtin, kind, range, disease: Option<&str>| {
			Supply::register_product(
				signed(who),
				*gtin,
				kind,
				Unit::Dose,
				range,
				60,
				24,
				disease.map(|d| d.as_bytes().to_vec().try_into().unwrap()),
			)
		};
		assert_noop!(
			register(MAKER, b"08901234567891", ProductKind::Vaccine, (20, 80), None),
			Error::<Test>::MalformedGtin
		);
		assert_noop!(
			register(MAKER, b"0890123456789X", ProductKind::Vaccine, (20, 80), None),
			Error::<Test>::MalformedGtin
		);
		assert_noop!(
			register(DISTRIBUTOR, VACCINE_GTIN, ProductKind::Vaccine, (20, 80), None),
			Error::<Test>::NotAManufacturer
		);
		assert_noop!(
			register(MAKER, VACCINE_GTIN, ProductKind::Vaccine, (80, 20), None),
			Error::<Test>::TemperatureRangeInverted
		);
		assert_noop!(
			register(MAKER, VACCINE_GTIN, ProductKind::Vaccine, (20, 80), Some("RA01")),
			Error::<Test>::DiseaseOnlyForTestKits
		);
		assert_noop!(
			register(MAKER, KIT_GTIN, ProductKind::TestKit, (20, 80), None),
			Error::<Test>::DiseaseOnlyForTestKits
		);
		assert_noop!(
			register(MAKER, KIT_GTIN, ProductKind::TestKit, (20, 80), Some("ra01")),
			Error::<Test>::MalformedDiseaseCode
		);
		assert_noop!(
			register(999, KIT_GTIN, ProductKind::TestKit, (20, 80), Some("RA01")),
			Error::<Test>::NotAMember
		);
	});
}

#[test]
fn a_manufacturer_makes_lots_of_its_own_products_which_it_then_holds() {
	new_test_ext().execute_with(|| {
		let product = vaccine();
		let lot = lot_of(product, "L-001", 1_000);
		System::assert_last_event(Event::LotCreated { lot, product, quantity: 1_000 }.into());
		assert_eq!(held(MAKER, lot), Holding { available: 1_000, quarantined: 0 });
		assert_eq!(totals(lot), LotTotals { produced: 1_000, held: 1_000, ..Default::default() });
		let number = |n: &str| -> LotNumber<Test> { n.as_bytes().to_vec().try_into().unwrap() };
		assert_noop!(
			Supply::create_lot(signed(MAKER), product, number("L-001"), TODAY + 1, 5),
			Error::<Test>::LotNumberTaken
		);
		assert_noop!(
			Supply::create_lot(signed(OTHER_MAKER), product, number("L-002"), TODAY + 1, 5),
			Error::<Test>::NotYourProduct
		);
		assert_noop!(
			Supply::create_lot(signed(MAKER), product, number("L-002"), TODAY - 1, 5),
			Error::<Test>::Expired
		);
		assert_noop!(
			Supply::create_lot(signed(MAKER), product, number("L-002"), TODAY, 0),
			Error::<Test>::ZeroQuantity
		);
		assert_noop!(
			Supply::create_lot(signed(MAKER), product, number(""), TODAY, 5),
			Error::<Test>::EmptyLotNumber
		);
		assert_noop!(
			Supply::create_lot(signed(MAKER), 9, number("L-002"), TODAY, 5),
			Error::<Test>::UnknownProduct
		);
	});
}
