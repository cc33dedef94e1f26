//! Benchmarks of every call, each in its worst case: test kits (whose use also counts tests)
//! with the longest disease code and lot numbers, shipments of the most lots for a
//! requisition with every lot quarantined on the way and a shortfall on every lot, an
//! excursion on the last lot of the fullest shipment, a release that fulfils the most
//! requisitions, a recall by a national authority (which reads more than the manufacturer's).

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;

/// What the benchmarks need from the runtime's registry.
pub trait BenchmarkHelper<AccountId, Signature> {
	/// Registers a manufacturer, a distributor and a clinic (both holding stock) in the deepest
	/// region the registry allows, records the 12-digit GS1 prefix `000000000001` for the
	/// manufacturer (the longest, so that a GTIN's look-up tries every length), and returns a
	/// member account of each and of a national authority over them.
	fn organisations() -> (AccountId, AccountId, AccountId, AccountId);

	/// A temperature logger's account, whose key [`BenchmarkHelper::sign`] signs with.
	fn sensor() -> AccountId;

	/// `signer`'s signature over `message`.
	fn sign(signer: &AccountId, message: &[u8]) -> Signature;
}

/// A valid GTIN made of `seed`, with its check digit.
fn gtin(seed: u32) -> Gtin {
	let mut gtin = *b"08900000000000";
	for (i, digit) in alloc::format!("{seed:012}").bytes().enumerate() {
		gtin[1 + i] = digit;
	}
	gtin[13] = gtin_check_digit(gtin[..13].try_into().expect("13 of 14 bytes"));
	gtin
}

/// A test kit of the manufacturer, naming a disease code of the longest length.
fn kit<T: Config>(maker: &T::AccountId) -> ProductId {
	let disease = DiseaseCode::<T>::try_from(vec![b'D'; T::MaxDiseaseCodeLength::get() as usize])
		.expect("the longest allowed");
	Pallet::<T>::register_product(
		RawOrigin::Signed(maker.clone()).into(),
		gtin(1),
		ProductKind::TestKit,
		Unit::Test,
		(20, 300),
		60,
		24,
		Some(disease),
	)
	.expect("the helper's manufacturer registers");
	NextProductId::<T>::get() - 1
}

/// `n` lots of `product`, each with the longest lot number and a year to expiry.
fn lots<T: Config>(maker: &T::AccountId, product: ProductId, n: u32) -> Vec<LotId> {
	(0..n)
		.map(|i| {
			let mut number = vec![b'N'; T::MaxLotNumberLength::get() as usize];
			number[..4].copy_from_slice(&i.to_be_bytes());
			Pallet::<T>::create_lot(
				RawOrigin::Signed(maker.clone()).into(),
				product,
				number.try_into().expect("the longest allowed"),
				Pallet::<T>::today() + 365,
				1_000,
			)
			.expect("the manufacturer makes a lot");
			NextLotId::<T>::get() - 1
		})
		.collect()
}

/// The benchmarks' temperature logger and its consent to report for `holder`'s organisation.
fn sensor_with_proof<T: Config>(holder: &T::AccountId) -> (T::AccountId, T::SensorSignature) {
	let sensor = T::BenchmarkHelper::sensor();
	let genesis = frame_system::Pallet::<T>::block_hash(
		frame_system::pallet_prelude::BlockNumberFor::<T>::default(),
	);
	let message = healthnet_primitives::supply::sensor_proof_message(&genesis, org_of::<T>(holder));
	let proof = T::BenchmarkHelper::sign(&sensor, &message);
	(sensor, proof)
}

/// The organisation of a member account.
fn org_of<T: Config>(who: &T::AccountId) -> OrgId {
	Pallet::<T>::member(who, Role::StockKeeper).expect("the helper's member")
}

/// A requisition of `product` by the clinic, and a shipment of `n` lots of it for it from the
/// manufacturer, each lot quarantined on the way if `excursions`; returns the shipment and its
/// lots.
fn shipment<T: Config>(
	n: u32,
	excursions: bool,
) -> (T::AccountId, T::AccountId, ShipmentId, Vec<LotId>) {
	let (maker, _, clinic, _) = T::BenchmarkHelper::organisations();
	let product = kit::<T>(&maker);
	let lots = lots::<T>(&maker, product, n);
	Pallet::<T>::request_supplies(RawOrigin::Signed(clinic.clone()).into(), product, u32::MAX)
		.expect("the clinic requests");
	let items: Items<T> = lots
		.iter()
		.map(|lot| (*lot, 100))
		.collect::<Vec<_>>()
		.try_into()
		.expect("at most the items allowed");
	Pallet::<T>::ship(
		RawOrigin::Signed(maker.clone()).into(),
		org_of::<T>(&clinic),
		items,
		Some(0),
	)
	.expect("the manufacturer ships");
	let shipment = NextShipmentId::<T>::get() - 1;
	for lot in lots.iter().filter(|_| excursions) {
		Pallet::<T>::report_excursion(
			RawOrigin::Signed(clinic.clone()).into(),
			Site::Shipment(shipment),
			*lot,
			1_000,
		)
		.expect("the receiver reports");
	}
	(maker, clinic, shipment, lots)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_product() {
		let (maker, ..) = T::BenchmarkHelper::organisations();
		let disease =
			DiseaseCode::<T>::try_from(vec![b'D'; T::MaxDiseaseCodeLength::get() as usize])
				.expect("the longest allowed");

		#[extrinsic_call]
		_(
			RawOrigin::Signed(maker),
			gtin(1),
			ProductKind::TestKit,
			Unit::Test,
			(20, 300),
			60,
			24,
			Some(disease),
		);

		assert_eq!(NextProductId::<T>::get(), 1);
	}

	#[benchmark]
	fn create_lot() {
		let (maker, ..) = T::BenchmarkHelper::organisations();
		let product = kit::<T>(&maker);
		let number: LotNumber<T> = vec![b'N'; T::MaxLotNumberLength::get() as usize]
			.try_into()
			.expect("the longest allowed");

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), product, number, Pallet::<T>::today() + 365, 1_000);

		assert_eq!(NextLotId::<T>::get(), 1);
	}

	#[benchmark]
	fn ship(n: Linear<1, { T::MaxItemsPerShipment::get() }>) {
		let (maker, _, clinic, _) = T::BenchmarkHelper::organisations();
		let product = kit::<T>(&maker);
		let lots = lots::<T>(&maker, product, n);
		Pallet::<T>::request_supplies(RawOrigin::Signed(clinic.clone()).into(), product, u32::MAX)
			.expect("the clinic requests");
		let items: Items<T> = lots
			.iter()
			.map(|lot| (*lot, 100))
			.collect::<Vec<_>>()
			.try_into()
			.expect("at most allowed");

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), org_of::<T>(&clinic), items, Some(0));

		assert_eq!(NextShipmentId::<T>::get(), 1);
	}

	#[benchmark]
	fn accept_shipment(n: Linear<1, { T::MaxItemsPerShipment::get() }>) {
		// Every lot quarantined on the way, for a requisition that waits for its release.
		let (_, clinic, shipment, lots) = shipment::<T>(n, true);
		let shortfalls: Shortfalls<T> = lots
			.iter()
			.map(|lot| (*lot, 1, Discrepancy::Damaged))
			.collect::<Vec<_>>()
			.try_into()
			.expect("at most allowed");

		#[extrinsic_call]
		_(RawOrigin::Signed(clinic), shipment, shortfalls);

		assert!(Shipments::<T>::get(shipment).is_none());
		assert!(Requisitions::<T>::get(0).is_some_and(|r| r.awaiting_release > 0));
	}

	#[benchmark]
	fn refuse_shipment(n: Linear<1, { T::MaxItemsPerShipment::get() }>) {
		let (_, clinic, shipment, _) = shipment::<T>(n, true);

		#[extrinsic_call]
		_(RawOrigin::Signed(clinic), shipment);

		assert!(Shipments::<T>::get(shipment).is_none());
	}

	#[benchmark]
	fn record_use() {
		let (maker, ..) = T::BenchmarkHelper::organisations();
		let lot = lots::<T>(&maker, kit::<T>(&maker), 1)[0];

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), lot, 10, UseKind::TestsUsed, Pallet::<T>::today());

		assert_eq!(Lots::<T>::get(lot).map(|l| l.totals.used), Some(10));
	}

	#[benchmark]
	fn record_waste() {
		let (maker, ..) = T::BenchmarkHelper::organisations();
		let lot = lots::<T>(&maker, kit::<T>(&maker), 1)[0];

		// A loss, which the holder may find again.
		#[extrinsic_call]
		_(RawOrigin::Signed(maker), lot, 10, WasteReason::Lost);

		assert_eq!(Lots::<T>::get(lot).map(|l| l.totals.wasted), Some(10));
	}

	#[benchmark]
	fn record_count() {
		let (maker, ..) = T::BenchmarkHelper::organisations();
		let lot = lots::<T>(&maker, kit::<T>(&maker), 1)[0];
		Pallet::<T>::record_waste(
			RawOrigin::Signed(maker.clone()).into(),
			lot,
			10,
			WasteReason::Lost,
		)
		.expect("the holder wastes");

		// A count that finds units again.
		#[extrinsic_call]
		_(RawOrigin::Signed(maker), lot, 995, WasteReason::Lost);

		assert_eq!(Lots::<T>::get(lot).map(|l| l.totals.wasted), Some(5));
	}

	#[benchmark]
	fn assign_company_prefix() {
		// The longest prefix: the most stems to check and count.
		let (maker, _, _, authority) = T::BenchmarkHelper::organisations();
		let prefix: CompanyPrefix = b"999999999999".to_vec().try_into().expect("12 digits");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org_of::<T>(&maker), prefix.clone());

		assert!(CompanyPrefixes::<T>::contains_key(&prefix));
	}

	#[benchmark]
	fn withdraw_company_prefix() {
		let (_, _, _, authority) = T::BenchmarkHelper::organisations();
		let prefix: CompanyPrefix = b"000000000001".to_vec().try_into().expect("12 digits");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), prefix.clone());

		assert!(!CompanyPrefixes::<T>::contains_key(&prefix));
	}

	#[benchmark]
	fn register_sensor() {
		let (maker, ..) = T::BenchmarkHelper::organisations();
		let (sensor, proof) = sensor_with_proof::<T>(&maker);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), sensor.clone(), proof);

		assert!(Sensors::<T>::contains_key(&sensor));
	}

	#[benchmark]
	fn remove_sensor() {
		// By the authority over the holder: the longer way, through the holder's region.
		let (maker, _, _, authority) = T::BenchmarkHelper::organisations();
		let (sensor, proof) = sensor_with_proof::<T>(&maker);
		Pallet::<T>::register_sensor(RawOrigin::Signed(maker).into(), sensor.clone(), proof)
			.expect("the holder registers");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), sensor.clone());

		assert!(!Sensors::<T>::contains_key(&sensor));
	}

	#[benchmark]
	fn report_excursion() {
		// In transit, in the fullest shipment, for its last lot, by a member (not a sensor).
		let (_, clinic, shipment, lots) = shipment::<T>(T::MaxItemsPerShipment::get(), false);
		let lot = *lots.last().expect("at least one lot");

		#[extrinsic_call]
		_(RawOrigin::Signed(clinic), Site::Shipment(shipment), lot, 1_000);

		assert!(
			Shipments::<T>::get(shipment).is_some_and(|s| s.items.iter().any(|(_, _, q)| *q > 0))
		);
	}

	#[benchmark]
	fn decide_quarantine(r: Linear<0, { T::MaxOpenRequisitions::get() }>) {
		// The manufacturer's stock of a lot came back quarantined for `r` of its requisitions,
		// which the release fulfils (and removes).
		let (maker, distributor, _, authority) = T::BenchmarkHelper::organisations();
		let product = kit::<T>(&maker);
		let lot = lots::<T>(&maker, product, 1)[0];
		let (holder, depot) = (org_of::<T>(&maker), org_of::<T>(&distributor));
		let signed = |who: &T::AccountId| RawOrigin::Signed(who.clone());
		let one: Items<T> = vec![(lot, 100)].try_into().expect("one item");
		Pallet::<T>::ship(signed(&maker).into(), depot, one, None).expect("to the distributor");
		let first = NextShipmentId::<T>::get() - 1;
		Pallet::<T>::accept_shipment(signed(&distributor).into(), first, Default::default())
			.expect("the distributor accepts");
		for requisition in 0..r {
			Pallet::<T>::request_supplies(signed(&maker).into(), product, 1)
				.expect("the holder requests");
			let items: Items<T> = vec![(lot, 1)].try_into().expect("one item");
			Pallet::<T>::ship(signed(&distributor).into(), holder, items, Some(requisition))
				.expect("the distributor ships for it");
			let shipment = NextShipmentId::<T>::get() - 1;
			Pallet::<T>::report_excursion(
				signed(&maker).into(),
				Site::Shipment(shipment),
				lot,
				1_000,
			)
			.expect("the receiver reports");
			Pallet::<T>::accept_shipment(signed(&maker).into(), shipment, Default::default())
				.expect("the holder accepts");
		}
		Pallet::<T>::report_excursion(signed(&maker).into(), Site::Holder(holder), lot, 1_000)
			.expect("the holder reports");

		#[extrinsic_call]
		release_quarantine(RawOrigin::Signed(authority), holder, lot);

		assert_eq!(Stock::<T>::get(holder, lot).quarantined, 0);
		assert_eq!(RequisitionCounts::<T>::get(holder), 0);
	}

	#[benchmark]
	fn recall_lot() {
		let (maker, _, _, authority) = T::BenchmarkHelper::organisations();
		let lot = lots::<T>(&maker, kit::<T>(&maker), 1)[0];

		// A national authority's check reads more than the manufacturer's.
		#[extrinsic_call]
		_(RawOrigin::Signed(authority), lot, RecallReason::SafetySignal);

		assert!(Lots::<T>::get(lot).is_some_and(|l| l.recalled.is_some()));
	}

	#[benchmark]
	fn request_supplies() {
		let (maker, _, clinic, _) = T::BenchmarkHelper::organisations();
		let product = kit::<T>(&maker);

		#[extrinsic_call]
		_(RawOrigin::Signed(clinic), product, 100);

		assert!(Requisitions::<T>::contains_key(0));
	}

	#[benchmark]
	fn cancel_requisition() {
		let (maker, _, clinic, _) = T::BenchmarkHelper::organisations();
		let product = kit::<T>(&maker);
		Pallet::<T>::request_supplies(RawOrigin::Signed(clinic.clone()).into(), product, 100)
			.expect("the clinic requests");

		#[extrinsic_call]
		_(RawOrigin::Signed(clinic), 0);

		assert!(Requisitions::<T>::get(0).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
