//! Where units move: shipments and their acceptance or return, uses, waste, counts, cold-chain
//! quarantine and recalls. Every move changes a lot's [`LotTotals`] by as much as it changes
//! stock and shipments, so that every unit stays accounted for.

use super::*;
use healthnet_primitives::supply::Site;

impl<T: Config> Pallet<T> {
	/// Stores a holding, or removes it when empty.
	fn put_stock(org: OrgId, lot: LotId, holding: Holding) {
		if holding == Holding::default() {
			Stock::<T>::remove(org, lot);
		} else {
			Stock::<T>::insert(org, lot, holding);
		}
	}

	/// Changes a lot's totals.
	fn totals(lot: LotId, change: impl FnOnce(&mut LotTotals)) -> Result<(), Error<T>> {
		Lots::<T>::try_mutate(lot, |record| {
			change(&mut record.as_mut().ok_or(Error::<T>::UnknownLot)?.totals);
			Ok(())
		})
	}

	/// The lot, if it may be shipped to `to` or (with `to` `None`) used today: not recalled
	/// (unless it goes back to its manufacturer) and not expired.
	fn movable(lot: LotId, to: Option<OrgId>) -> Result<LotOf<T>, Error<T>> {
		let record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		if record.recalled.is_some() {
			let manufacturer = Products::<T>::get(record.product).map(|p| p.manufacturer);
			ensure!(to.is_some() && to == manufacturer, Error::<T>::LotIsRecalled);
		} else {
			ensure!(record.expiry >= Self::today(), Error::<T>::Expired);
		}
		Ok(record)
	}

	/// Sends `items` from `from` to `to`; returns the shipment.
	pub(crate) fn send(
		from: OrgId,
		to: OrgId,
		items: Items<T>,
		requisition: Option<RequisitionId>,
	) -> Result<ShipmentId, Error<T>> {
		ensure!(!items.is_empty(), Error::<T>::BadItems);
		ensure!(to != from && Self::holds_stock(to), Error::<T>::BadReceiver);
		let wanted = requisition
			.map(|id| {
				let r = Requisitions::<T>::get(id).ok_or(Error::<T>::UnknownRequisition)?;
				ensure!(
					matches!(
						r.status,
						RequisitionStatus::Open | RequisitionStatus::PartlyFulfilled
					),
					Error::<T>::RequisitionClosed
				);
				ensure!(r.requester == to, Error::<T>::RequisitionMismatch);
				Ok::<_, Error<T>>(r.product)
			})
			.transpose()?;
		let shipment = NextShipmentId::<T>::get();
		NextShipmentId::<T>::put(shipment.checked_add(1).ok_or(Error::<T>::IdsExhausted)?);
		let mut carried = Vec::new();
		for (index, (lot, quantity)) in items.iter().enumerate() {
			ensure!(*quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(!items[..index].iter().any(|(l, _)| l == lot), Error::<T>::BadItems);
			let record = Self::movable(*lot, Some(to))?;
			if let Some(product) = wanted {
				ensure!(record.product == product, Error::<T>::RequisitionMismatch);
			}
			Self::take(from, *lot, *quantity)?;
			Self::totals(*lot, |t| {
				t.held -= u64::from(*quantity);
				t.in_transit += u64::from(*quantity);
			})?;
			Self::trace(*lot, TraceStep::Shipped { shipment, from, to, quantity: *quantity })?;
			carried.push((*lot, *quantity, 0));
		}
		Shipments::<T>::insert(
			shipment,
			Shipment {
				from,
				to,
				items: carried.try_into().map_err(|_| Error::<T>::BadItems)?,
				status: ShipmentStatus::InTransit,
				requisition,
				sent_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Ok(shipment)
	}

	/// The receiver takes custody of a shipment but its shortfalls; returns the units accepted
	/// and short.
	pub(crate) fn receive(
		receiver: OrgId,
		shipment: ShipmentId,
		shortfalls: Shortfalls<T>,
	) -> Result<(u64, u64), Error<T>> {
		let mut record = Shipments::<T>::get(shipment).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(record.to == receiver, Error::<T>::NotReceiver);
		ensure!(record.status == ShipmentStatus::InTransit, Error::<T>::ShipmentClosed);
		for (index, (lot, short, _)) in shortfalls.iter().enumerate() {
			let sent = record.items.iter().find(|(l, ..)| l == lot).map(|(_, sent, _)| *sent);
			ensure!(sent.is_some_and(|sent| *short <= sent), Error::<T>::BadShortfall);
			ensure!(!shortfalls[..index].iter().any(|(l, ..)| l == lot), Error::<T>::BadShortfall);
		}
		let (mut accepted, mut missing) = (0u64, 0u64);
		for (lot, sent, quarantined) in record.items.iter() {
			let short = shortfalls.iter().find(|(l, ..)| l == lot).map_or(0, |(_, s, _)| *s);
			// Units short come out of the unquarantined part first.
			let short_available = short.min(sent - quarantined);
			let arrived_available = sent - quarantined - short_available;
			let arrived_quarantined = quarantined - (short - short_available);
			let mut holding = Stock::<T>::get(receiver, lot);
			holding.available = holding.available.saturating_add(arrived_available);
			holding.quarantined = holding.quarantined.saturating_add(arrived_quarantined);
			Self::put_stock(receiver, *lot, holding);
			let arrived = sent - short;
			Self::totals(*lot, |t| {
				t.in_transit -= u64::from(*sent);
				t.held += u64::from(arrived);
				t.wasted += u64::from(short);
			})?;
			Self::trace(*lot, TraceStep::Received { shipment, accepted: arrived, short })?;
			accepted += u64::from(arrived);
			missing += u64::from(short);
		}
		if let Some(id) = record.requisition {
			Requisitions::<T>::mutate(id, |r| {
				if let Some(r) = r.as_mut().filter(|r| r.status != RequisitionStatus::Cancelled) {
					r.received = r.received.saturating_add(accepted.min(u32::MAX.into()) as u32);
					r.status = if r.received >= r.requested {
						RequisitionStatus::Fulfilled
					} else {
						RequisitionStatus::PartlyFulfilled
					};
				}
			});
		}
		record.status = ShipmentStatus::Accepted;
		Shipments::<T>::insert(shipment, record);
		Ok((accepted, missing))
	}

	/// Sends a shipment back to its sender: refused by the receiver `org`, or cancelled by the
	/// sender `org`.
	pub(crate) fn send_back(
		org: OrgId,
		shipment: ShipmentId,
		status: ShipmentStatus,
	) -> Result<(), Error<T>> {
		let mut record = Shipments::<T>::get(shipment).ok_or(Error::<T>::UnknownShipment)?;
		match status {
			ShipmentStatus::Refused => ensure!(record.to == org, Error::<T>::NotReceiver),
			_ => ensure!(record.from == org, Error::<T>::NotSender),
		}
		ensure!(record.status == ShipmentStatus::InTransit, Error::<T>::ShipmentClosed);
		for (lot, sent, quarantined) in record.items.iter() {
			let mut holding = Stock::<T>::get(record.from, lot);
			holding.available = holding.available.saturating_add(sent - quarantined);
			holding.quarantined = holding.quarantined.saturating_add(*quarantined);
			Self::put_stock(record.from, *lot, holding);
			Self::totals(*lot, |t| {
				t.in_transit -= u64::from(*sent);
				t.held += u64::from(*sent);
			})?;
			Self::trace(*lot, TraceStep::Returned { shipment, quantity: *sent })?;
		}
		record.status = status;
		Shipments::<T>::insert(shipment, record);
		Ok(())
	}

	/// Takes `quantity` available units of `lot` from `org`'s stock: refused as quarantined when
	/// only the quarantined units would make it up.
	fn take(org: OrgId, lot: LotId, quantity: u32) -> Result<(), Error<T>> {
		ensure!(quantity > 0, Error::<T>::ZeroQuantity);
		let mut holding = Stock::<T>::get(org, lot);
		if holding.available < quantity {
			let held = u64::from(holding.available) + u64::from(holding.quarantined);
			return Err(if held >= u64::from(quantity) {
				Error::<T>::StockQuarantined
			} else {
				Error::<T>::InsufficientStock
			});
		}
		holding.available -= quantity;
		Self::put_stock(org, lot, holding);
		Ok(())
	}

	/// `org` uses `quantity` units of `lot`.
	pub(crate) fn use_stock(
		org: OrgId,
		lot: LotId,
		quantity: u32,
		kind: UseKind,
	) -> Result<(), Error<T>> {
		let record = Self::movable(lot, None)?;
		let product = Products::<T>::get(record.product).ok_or(Error::<T>::UnknownProduct)?;
		ensure!(
			(kind == UseKind::TestsUsed) == (product.kind == ProductKind::TestKit),
			Error::<T>::WrongUse
		);
		Self::take(org, lot, quantity)?;
		Self::totals(lot, |t| {
			t.held -= u64::from(quantity);
			t.used += u64::from(quantity);
		})?;
		if let Some(disease) = product.disease {
			TestsUsed::<T>::mutate((org, disease, Self::today()), |n| {
				*n = n.saturating_add(quantity)
			});
		}
		Ok(())
	}

	/// `org` wastes `quantity` units of `lot` for `reason`.
	pub(crate) fn waste_stock(
		org: OrgId,
		lot: LotId,
		quantity: u32,
		reason: WasteReason,
	) -> Result<(), Error<T>> {
		let record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		if reason == WasteReason::Expired {
			ensure!(record.expiry < Self::today(), Error::<T>::WrongWasteReason);
		}
		Self::take(org, lot, quantity)?;
		Self::totals(lot, |t| {
			t.held -= u64::from(quantity);
			t.wasted += u64::from(quantity);
		})
	}

	/// `org` counted `counted` available units of `lot`; returns the difference to the record.
	pub(crate) fn count_stock(
		org: OrgId,
		lot: LotId,
		counted: u32,
		reason: WasteReason,
	) -> Result<i64, Error<T>> {
		let record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		let holding = Stock::<T>::get(org, lot);
		let difference = i64::from(counted) - i64::from(holding.available);
		if difference < 0 {
			Self::waste_stock(org, lot, holding.available - counted, reason)?;
		} else if difference > 0 {
			let found = counted - holding.available;
			ensure!(
				record.totals.wasted >= u64::from(found),
				Error::<T>::CountExceedsRecordedLosses
			);
			Self::put_stock(org, lot, Holding { available: counted, ..holding });
			Self::totals(lot, |t| {
				t.wasted -= u64::from(found);
				t.held += u64::from(found);
			})?;
		} else {
			return Err(Error::<T>::NothingToAdjust);
		}
		Ok(difference)
	}

	/// `who` reports an excursion of `lot` at `site`; returns the units quarantined.
	pub(crate) fn excursion(
		who: &T::AccountId,
		site: Site,
		lot: LotId,
		minutes: u32,
	) -> Result<u32, Error<T>> {
		let record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		let tolerance =
			Products::<T>::get(record.product).ok_or(Error::<T>::UnknownProduct)?.tolerance_minutes;
		let reporter = match Self::sensor_holder(who) {
			Some(holder) => holder?,
			None => Self::member(who, Role::StockKeeper)?,
		};
		let beyond = minutes > tolerance;
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
			Site::Shipment(id) => Shipments::<T>::try_mutate(id, |shipment| {
				let shipment = shipment.as_mut().ok_or(Error::<T>::UnknownShipment)?;
				ensure!(shipment.status == ShipmentStatus::InTransit, Error::<T>::ShipmentClosed);
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
				Ok::<_, Error<T>>(moved)
			})?,
		};
		Self::trace(lot, TraceStep::Excursion { site, minutes, quarantined })?;
		Ok(quarantined)
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
		Ok(quantity)
	}

	/// `who` recalls `lot`; returns its organisation.
	pub(crate) fn recall(
		who: &T::AccountId,
		lot: LotId,
		reason: RecallReason,
	) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.roles.has(Role::KeyOfficer), Error::<T>::NotAKeyOfficer);
		let mut record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		ensure!(record.recalled.is_none(), Error::<T>::AlreadyRecalled);
		let manufacturer =
			Products::<T>::get(record.product).ok_or(Error::<T>::UnknownProduct)?.manufacturer;
		let national = !member.region.contains(&b'-')
			&& T::Registry::region_of(manufacturer)
				.is_some_and(|r| T::Registry::authority_over(who, &r).is_some());
		ensure!(member.org == manufacturer || national, Error::<T>::CannotRecall);
		record.recalled = Some((frame_system::Pallet::<T>::block_number(), reason));
		Lots::<T>::insert(lot, record);
		Self::trace(lot, TraceStep::Recalled { by: member.org, reason })?;
		Ok(member.org)
	}
}
