//! What the supply runtime API answers: stock, lots, traces, a region's stock of a product,
//! open requisitions, recalls and quarantines, and the under-reporting check (they read whole
//! maps: for runtime APIs, never for a dispatchable); and what the certificates pallet asks of
//! a lot.

use super::*;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::supply::{LotRecalls, LotView, ReportingGap, TraceEntry};

impl<T: Config> Pallet<T> {
	/// An organisation's stock: (lot, holding) for every lot it holds, by lot.
	pub fn stock_of(org: OrgId) -> Vec<(LotId, Holding)> {
		let mut stock: Vec<_> = Stock::<T>::iter_prefix(org).collect();
		stock.sort_by_key(|(lot, _)| *lot);
		stock
	}

	/// A lot and where its units are.
	pub fn lot_view(lot: LotId) -> Option<LotView<BlockNumberFor<T>>> {
		Lots::<T>::get(lot).map(|l| LotView {
			lot,
			product: l.product,
			number: l.number.into_inner(),
			expiry: l.expiry,
			totals: l.totals,
			recalled: l.recalled,
		})
	}

	/// Every step of a lot's trace, in order.
	pub fn trace_of(lot: LotId) -> Vec<TraceEntry<BlockNumberFor<T>>> {
		let length = Lots::<T>::get(lot).map_or(0, |l| l.trace_length);
		(0..length)
			.filter_map(|i| Trace::<T>::get(lot, i))
			.map(|(block, step)| TraceEntry { block, step })
			.collect()
	}

	/// The stock of `product` held by organisations in `region` and the regions inside it.
	pub fn region_stock(product: ProductId, region: Vec<u8>) -> Vec<(OrgId, Holding)> {
		T::Registry::organisations_within(&region)
			.into_iter()
			.filter_map(|org| {
				let total = Stock::<T>::iter_prefix(org)
					.filter(|(lot, _)| Lots::<T>::get(lot).is_some_and(|l| l.product == product))
					.fold(Holding::default(), |sum, (_, h)| Holding {
						available: sum.available.saturating_add(h.available),
						quarantined: sum.quarantined.saturating_add(h.quarantined),
					});
				(total != Holding::default()).then_some((org, total))
			})
			.collect()
	}

	/// The requisitions still open or partly fulfilled.
	pub fn open_requisitions() -> Vec<(RequisitionId, OrgId, ProductId, u32, u32)> {
		Requisitions::<T>::iter()
			.filter(|(_, r)| {
				matches!(r.status, RequisitionStatus::Open | RequisitionStatus::PartlyFulfilled)
			})
			.map(|(id, r)| (id, r.requester, r.product, r.requested, r.received))
			.collect::<alloc::collections::BTreeSet<_>>()
			.into_iter()
			.collect()
	}

	/// The recalled lots, and every holding with quarantined units.
	pub fn recalled_and_quarantined() -> (Vec<LotId>, Vec<(OrgId, LotId, u32)>) {
		let mut recalled: Vec<_> =
			Lots::<T>::iter().filter(|(_, l)| l.recalled.is_some()).map(|(id, _)| id).collect();
		recalled.sort();
		let mut quarantined: Vec<_> = Stock::<T>::iter()
			.filter(|(_, _, h)| h.quarantined > 0)
			.map(|(org, lot, h)| (org, lot, h.quarantined))
			.collect();
		quarantined.sort();
		(recalled, quarantined)
	}

	/// The facilities of `region` whose tests used and reported for `disease` on `period`
	/// differ by more than `tolerance_percent` of the larger of the two.
	pub fn reporting_gaps(
		region: Vec<u8>,
		disease: Vec<u8>,
		period: Period,
		tolerance_percent: u8,
	) -> Vec<ReportingGap> {
		let Ok(code) = DiseaseCode::<T>::try_from(disease.clone()) else { return Vec::new() };
		T::Registry::organisations_within(&region)
			.into_iter()
			.filter_map(|org| {
				let tests_used = TestsUsed::<T>::get((org, &code, period));
				let tests_reported = T::TestsReported::tests_performed(org, &disease, period);
				let reported = tests_reported.unwrap_or(0);
				let larger = u64::from(tests_used.max(reported));
				let gap = u64::from(tests_used.abs_diff(reported));
				(gap * 100 > larger * u64::from(tolerance_percent)).then_some(ReportingGap {
					org,
					tests_used,
					tests_reported,
				})
			})
			.collect()
	}
}

/// What other pallets may know of a lot: the certificates pallet asks whether a vaccination's
/// lot is a vaccine and whether, and since when, it is recalled.
impl<T: Config> LotRecalls<BlockNumberFor<T>> for Pallet<T> {
	fn product_kind(lot: LotId) -> Option<ProductKind> {
		let lot = Lots::<T>::get(lot)?;
		Products::<T>::get(lot.product).map(|product| product.kind)
	}

	fn recalled_at(lot: LotId) -> Option<BlockNumberFor<T>> {
		Lots::<T>::get(lot)?.recalled.map(|(at, _)| at)
	}
}
