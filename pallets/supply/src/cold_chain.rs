//! The cold chain: excursions reported at a holder or in a shipment, whose minutes out of
//! range add up per (site, lot) within the product's window, and the authority's decision on
//! what they quarantined.
//!
//! The window is a tumbling one: it opens at the first excursion after the last one lapsed
//! and lasts the product's `tolerance_window_hours`; two excursions on either side of its end
//! do not add up. An authority's decision on a holder's quarantine, and the closing of a
//! shipment, start the sum again.

use super::*;
use healthnet_primitives::supply::Site;

/// The minutes out of range each site's stock of a lot has had: part of the pallet's storage.
#[pallet_section]
mod cold_chain_storage {
	/// For each (site, lot) with a reported excursion: when its window opened (ms since
	/// 1970-01-01) and the minutes out of range reported within it. One per (site, lot) ever
	/// reported: a shipment's go when it closes, a holder's when an authority decides on its
	/// quarantine.
	#[pallet::storage]
	pub type ExcursionExposure<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Site, Twox64Concat, LotId, (u64, u32)>;
}

/// Milliseconds in an hour.
const HOUR_MILLIS: u64 = 3_600_000;

/// What an excursion report did.
pub(crate) struct Excursion {
	/// Minutes out of range at the site within the window, this report's included.
	pub total_minutes: u32,
	/// Units quarantined because of it.
	pub quarantined: u32,
}

impl<T: Config> Pallet<T> {
	/// `who` reports an excursion of `lot` at `site`.
	pub(crate) fn excursion(
		who: &T::AccountId,
		site: Site,
		lot: LotId,
		minutes: u32,
	) -> Result<Excursion, Error<T>> {
		let record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		let product = Products::<T>::get(record.product).ok_or(Error::<T>::UnknownProduct)?;
		let reporter = match Self::sensor_holder(who) {
			Some(holder) => holder?,
			None => Self::member(who, Role::StockKeeper)?,
		};
		ensure!(minutes > 0, Error::<T>::ZeroQuantity);
		let now = T::UnixTime::now().as_millis() as u64;
		let window = u64::from(product.tolerance_window_hours) * HOUR_MILLIS;
		let (opened, before) = ExcursionExposure::<T>::get(site, lot)
			.filter(|(opened, _)| now.saturating_sub(*opened) < window)
			.unwrap_or((now, 0));
		let total_minutes = before.saturating_add(minutes);
		let beyond = total_minutes > product.tolerance_minutes;
		let quarantined = match site {
			Site::Holder(holder) => {
				ensure!(reporter == holder, Error::<T>::NotAtSite);
				let mut holding = Stock::<T>::get(holder, lot);
				ensure!(holding != Holding::default(), Error::<T>::NoStockThere);
				let moved = if beyond { holding.available } else { 0 };
				holding.available -= moved;
				holding.quarantined += moved;
				Self::put_stock(holder, lot, holding);
				moved
			},
			Site::Shipment(id) => {
				let mut shipment = Self::in_transit(id)?;
				ensure!(
					reporter == shipment.from || reporter == shipment.to,
					Error::<T>::NotAtSite
				);
				let item = shipment
					.items
					.iter_mut()
					.find(|(l, ..)| *l == lot)
					.ok_or(Error::<T>::NoStockThere)?;
				let moved = if beyond { item.1 - item.2 } else { 0 };
				item.2 += moved;
				Shipments::<T>::insert(id, shipment);
				moved
			},
		};
		ExcursionExposure::<T>::insert(site, lot, (opened, total_minutes));
		let step = TraceStep::Excursion { site, minutes, quarantined };
		if quarantined > 0 {
			Self::trace(lot, step)?;
		} else {
			// An excursion that quarantines nothing is kept in the trace while the part of it
			// open to such steps has room; it adds up, and shows in events, in any case.
			Self::trace_if_room(lot, step)?;
		}
		Ok(Excursion { total_minutes, quarantined })
	}

	/// An authority releases (or condemns) a holder's quarantined units of a lot.
	pub(crate) fn decide_quarantine(
		who: &T::AccountId,
		holder: OrgId,
		lot: LotId,
		condemn: bool,
	) -> Result<u32, Error<T>> {
		let region = T::Registry::region_of(holder).ok_or(Error::<T>::NotAuthorityOverHolder)?;
		let authority =
			T::Registry::authority_over(who, &region).ok_or(Error::<T>::NotAuthorityOverHolder)?;
		ensure!(authority.roles.has(Role::Reviewer), Error::<T>::NotAReviewer);
		ensure!(Lots::<T>::contains_key(lot), Error::<T>::UnknownLot);
		let mut holding = Stock::<T>::get(holder, lot);
		let quantity = holding.quarantined;
		ensure!(quantity > 0, Error::<T>::NoStockThere);
		holding.quarantined = 0;
		if condemn {
			Self::totals(lot, |t| {
				t.held -= u64::from(quantity);
				t.wasted += u64::from(quantity);
			})?;
			Self::trace(lot, TraceStep::Condemned { holder, quantity })?;
		} else {
			holding.available = holding.available.saturating_add(quantity);
			Self::trace(lot, TraceStep::Released { holder, quantity })?;
		}
		Self::put_stock(holder, lot, holding);
		ExcursionExposure::<T>::remove(Site::Holder(holder), lot);
		Self::settle_quarantine(holder, lot, !condemn);
		Ok(quantity)
	}

	/// Forgets the minutes out of range of a shipment that closed.
	pub(crate) fn forget_exposure(shipment: ShipmentId, lots: impl Iterator<Item = LotId>) {
		for lot in lots {
			ExcursionExposure::<T>::remove(Site::Shipment(shipment), lot);
		}
	}
}
