//! Where units move: shipments and their acceptance or return, uses, waste, counts, cold-chain
//! quarantine and recalls. Every move changes a lot's [`LotTotals`] by as much as it changes
//! stock and shipments, so that every unit stays accounted for.

use super::*;
use frame_support::traits::Get;

/// What holders recorded lost: part of the pallet's storage.
#[pallet_section]
mod stock_storage {
	/// Units of a lot that a holder recorded as lost or stolen and has not found again, by
	/// (holder, lot): a count finds again at most these. Removed at zero; one per (holder,
	/// lot) with a loss on record.
	#[pallet::storage]
	pub type RecoverableLosses<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OrgId, Twox64Concat, LotId, u32, ValueQuery>;
}

impl<T: Config> Pallet<T> {
	/// Stores a holding, or removes it when empty.
	pub(crate) fn put_stock(org: OrgId, lot: LotId, holding: Holding) {
		if holding == Holding::default() {
			Stock::<T>::remove(org, lot);
		} else {
			Stock::<T>::insert(org, lot, holding);
		}
	}

	/// Changes a lot's totals.
	pub(crate) fn totals(lot: LotId, change: impl FnOnce(&mut LotTotals)) -> Result<(), Error<T>> {
		Lots::<T>::try_mutate(lot, |record| {
			change(&mut record.as_mut().ok_or(Error::<T>::UnknownLot)?.totals);
			Ok(())
		})
	}

	/// The lot, if it may be shipped to `to`: not recalled (unless it goes back to its
	/// manufacturer) and not expired.
	fn movable(lot: LotId, to: OrgId) -> Result<LotOf<T>, Error<T>> {
		let record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		if record.recalled.is_some() {
			let manufacturer = Products::<T>::get(record.product).map(|p| p.manufacturer);
			ensure!(manufacturer == Some(to), Error::<T>::LotIsRecalled);
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
				let r = Self::open_requisition(id)?;
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
			let record = Self::movable(*lot, to)?;
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
		let record = Self::in_transit(shipment)?;
		ensure!(record.to == receiver, Error::<T>::NotReceiver);
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
			if let Some(id) = record.requisition {
				Self::credit_arrival(id, *lot, arrived_available, arrived_quarantined);
			}
			accepted += u64::from(arrived);
			missing += u64::from(short);
		}
		Self::close_shipment(shipment, &record);
		Ok((accepted, missing))
	}

	/// Sends a shipment back to its sender: refused by the receiver `org`, or cancelled by the
	/// sender `org`.
	pub(crate) fn send_back(
		org: OrgId,
		shipment: ShipmentId,
		status: ShipmentStatus,
	) -> Result<(), Error<T>> {
		let record = Self::in_transit(shipment)?;
		match status {
			ShipmentStatus::Refused => ensure!(record.to == org, Error::<T>::NotReceiver),
			_ => ensure!(record.from == org, Error::<T>::NotSender),
		}
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
		Self::close_shipment(shipment, &record);
		Ok(())
	}

	/// A shipment on its way, or why it is not.
	pub(crate) fn in_transit(shipment: ShipmentId) -> Result<ShipmentOf<T>, Error<T>> {
		match Shipments::<T>::get(shipment) {
			Some(record) => Ok(record),
			// Shipments leave storage when they are accepted, refused or cancelled.
			None if shipment < NextShipmentId::<T>::get() => Err(Error::<T>::ShipmentClosed),
			None => Err(Error::<T>::UnknownShipment),
		}
	}

	/// Removes a shipment that was accepted, refused or cancelled: its trace steps and events
	/// keep what happened.
	fn close_shipment(shipment: ShipmentId, record: &ShipmentOf<T>) {
		Shipments::<T>::remove(shipment);
		Self::forget_exposure(shipment, record.items.iter().map(|(lot, ..)| *lot));
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

	/// `org` used `quantity` units of `lot` on `day`: not after today, at most
	/// [`Config::MaxUseAge`] days before, and not after the lot expired. A recalled lot is
	/// used no more.
	pub(crate) fn use_stock(
		org: OrgId,
		lot: LotId,
		quantity: u32,
		kind: UseKind,
		day: Period,
	) -> Result<(), Error<T>> {
		let today = Self::today();
		ensure!(day <= today, Error::<T>::UseDayNotBegun);
		ensure!(today - day <= T::MaxUseAge::get(), Error::<T>::UseDayTooOld);
		let record = Lots::<T>::get(lot).ok_or(Error::<T>::UnknownLot)?;
		ensure!(record.recalled.is_none(), Error::<T>::LotIsRecalled);
		ensure!(record.expiry >= day, Error::<T>::Expired);
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
			TestsUsed::<T>::mutate((org, disease, day), |n| *n = n.saturating_add(quantity));
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
		})?;
		if matches!(reason, WasteReason::Lost | WasteReason::Stolen) {
			RecoverableLosses::<T>::mutate(org, lot, |lost| *lost = lost.saturating_add(quantity));
		}
		Ok(())
	}

	/// `org` counted `counted` available units of `lot`; returns the difference to the record.
	/// Units short are wasted for `reason`; units over are found again, at most as many as
	/// `org` itself recorded lost or stolen of the lot. Either way the count is traced.
	pub(crate) fn count_stock(
		org: OrgId,
		lot: LotId,
		counted: u32,
		reason: WasteReason,
	) -> Result<i64, Error<T>> {
		ensure!(Lots::<T>::contains_key(lot), Error::<T>::UnknownLot);
		let holding = Stock::<T>::get(org, lot);
		let difference = i64::from(counted) - i64::from(holding.available);
		if difference < 0 {
			Self::waste_stock(org, lot, holding.available - counted, reason)?;
		} else if difference > 0 {
			let found = counted - holding.available;
			let lost = RecoverableLosses::<T>::get(org, lot);
			ensure!(lost >= found, Error::<T>::CountExceedsRecordedLosses);
			if lost == found {
				RecoverableLosses::<T>::remove(org, lot);
			} else {
				RecoverableLosses::<T>::insert(org, lot, lost - found);
			}
			Self::put_stock(org, lot, Holding { available: counted, ..holding });
			Self::totals(lot, |t| {
				t.wasted -= u64::from(found);
				t.held += u64::from(found);
			})?;
		} else {
			return Err(Error::<T>::NothingToAdjust);
		}
		Self::trace_report(lot, TraceStep::Counted { holder: org, counted, difference })?;
		Ok(difference)
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
