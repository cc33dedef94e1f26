//! What the supply runtime API answers: stock, lots, traces, a region's stock, open
//! requisitions, recalls and quarantines, and the under-reporting check; and what the
//! certificates pallet asks of a lot. Every listing reads at most a page of storage entries
//! (`limit`, at most [`MAX_PAGE`]) after a cursor: for runtime APIs, never for a dispatchable.

use super::*;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{
	supply::{
		GapFindings, LotRecalls, LotView, OpenRequisition, ReportingGap, StockFigures, StockLine,
		TraceEntry,
	},
	Page, MAX_PAGE,
};

impl<T: Config> Pallet<T> {
	/// What a holding of `lot` is made of, judged `today`: see [`StockFigures`].
	fn figures(record: &LotOf<T>, holding: &Holding, today: Period) -> StockFigures {
		let (available, quarantined) =
			(u64::from(holding.available), u64::from(holding.quarantined));
		if record.recalled.is_some() {
			StockFigures { recalled: available + quarantined, ..Default::default() }
		} else if record.expiry < today {
			StockFigures { quarantined, expired: available, ..Default::default() }
		} else {
			StockFigures { available, quarantined, ..Default::default() }
		}
	}

	/// Reads at most `limit` (and [`MAX_PAGE`]) entries of `entries`, keeping what `keep`
	/// makes of them; the page's cursor is the last entry read when more follow.
	fn page_of<E, I, C>(
		mut entries: impl Iterator<Item = E>,
		limit: u32,
		cursor: impl Fn(&E) -> C,
		keep: impl Fn(E) -> Option<I>,
	) -> Page<I, C> {
		let mut items = Vec::new();
		let mut last = None;
		for entry in entries.by_ref().take(limit.min(MAX_PAGE) as usize) {
			last = Some(cursor(&entry));
			items.extend(keep(entry));
		}
		let next = if entries.next().is_some() { last } else { None };
		Page { items, next }
	}

	/// The holdings of the chain after (`holder`, `lot`), in storage order.
	fn holdings_after(
		after: Option<(OrgId, LotId)>,
	) -> impl Iterator<Item = (OrgId, LotId, Holding)> {
		match after {
			Some((org, lot)) => Stock::<T>::iter_from(Stock::<T>::hashed_key_for(org, lot)),
			None => Stock::<T>::iter(),
		}
	}

	/// An organisation's stock of each lot after `after`, by lot.
	pub fn stock_of(
		org: OrgId,
		after: Option<LotId>,
		limit: u32,
	) -> Page<(LotId, StockFigures), LotId> {
		let today = Self::today();
		let holdings = match after {
			Some(lot) => Stock::<T>::iter_prefix_from(org, Stock::<T>::hashed_key_for(org, lot)),
			None => Stock::<T>::iter_prefix(org),
		};
		Self::page_of(
			holdings,
			limit,
			|(lot, _)| *lot,
			|(lot, holding)| {
				let record = Lots::<T>::get(lot)?;
				Some((lot, Self::figures(&record, &holding, today)))
			},
		)
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

	/// Of the chain's holdings after `after`, those of organisations in `region` (and the
	/// regions inside it), of `product` if one is named.
	pub fn region_stock(
		product: Option<ProductId>,
		region: Vec<u8>,
		after: Option<(OrgId, LotId)>,
		limit: u32,
	) -> Page<StockLine, (OrgId, LotId)> {
		let today = Self::today();
		Self::page_of(
			Self::holdings_after(after),
			limit,
			|(org, lot, _)| (*org, *lot),
			|(holder, lot, holding)| {
				let record = Lots::<T>::get(lot)?;
				if product.is_some_and(|p| p != record.product) {
					return None;
				}
				let within = T::Registry::region_of(holder)
					.is_some_and(|r| healthnet_primitives::registry::region_contains(&region, &r));
				within.then(|| StockLine {
					holder,
					lot,
					product: record.product,
					figures: Self::figures(&record, &holding, today),
				})
			},
		)
	}

	/// The requisitions still open or partly fulfilled, after `after`.
	pub fn open_requisitions(
		after: Option<RequisitionId>,
		limit: u32,
	) -> Page<OpenRequisition, RequisitionId> {
		let stored = match after {
			Some(id) => Requisitions::<T>::iter_from(Requisitions::<T>::hashed_key_for(id)),
			None => Requisitions::<T>::iter(),
		};
		Self::page_of(
			stored,
			limit,
			|(id, _)| *id,
			|(id, r)| {
				r.is_open().then_some(OpenRequisition {
					id,
					requester: r.requester,
					product: r.product,
					requested: r.requested,
					received: r.received,
					awaiting_release: r.awaiting_release,
				})
			},
		)
	}

	/// The recalled lots among lots `from`, `from + 1`, ...
	pub fn recalled_lots(from: LotId, limit: u32) -> Page<LotId, LotId> {
		let end = from.saturating_add(limit.min(MAX_PAGE)).min(NextLotId::<T>::get());
		let items = (from..end)
			.filter(|lot| Lots::<T>::get(lot).is_some_and(|l| l.recalled.is_some()))
			.collect();
		Page { items, next: (end < NextLotId::<T>::get()).then_some(end) }
	}

	/// Of the chain's holdings after `after`, those with quarantined units.
	pub fn quarantined_stock(
		after: Option<(OrgId, LotId)>,
		limit: u32,
	) -> Page<(OrgId, LotId, u32), (OrgId, LotId)> {
		Self::page_of(
			Self::holdings_after(after),
			limit,
			|(org, lot, _)| (*org, *lot),
			|(org, lot, h)| (h.quarantined > 0).then_some((org, lot, h.quarantined)),
		)
	}

	/// The facilities of `region`, among organisations `from`, `from + 1`, ..., whose report
	/// for `disease` on `period` disagrees with the test kits they used or the tests their
	/// instruments attested, as [`GapFindings::of`] compares them.
	pub fn reporting_gaps(
		region: Vec<u8>,
		disease: Vec<u8>,
		period: Period,
		tolerance_percent: u8,
		from: OrgId,
		limit: u32,
	) -> Page<ReportingGap, OrgId> {
		let Ok(code) = DiseaseCode::<T>::try_from(disease.clone()) else {
			return Page { items: Vec::new(), next: None };
		};
		let within = T::Registry::organisations_within(&region, from, limit);
		let items = within
			.items
			.into_iter()
			.filter_map(|org| {
				let tests_used = TestsUsed::<T>::get((org, &code, period));
				let reported = T::TestsReported::tests_reported(org, &disease, period);
				let attested = T::TestsAttested::attested(org, &disease, period);
				let found = GapFindings::of(
					tests_used,
					reported,
					(attested.tests, attested.positives),
					tolerance_percent,
				);
				found.any().then_some(ReportingGap {
					org,
					tests_used,
					tests_reported: reported.map(|r| r.performed),
					positives_reported: reported.map(|r| r.positive),
					tests_attested: attested.tests,
					positives_attested: attested.positives,
					found,
				})
			})
			.collect();
		Page { items, next: within.next }
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
