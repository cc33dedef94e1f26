//! Requisitions: a facility asks for units of a product, and shipments that cite the
//! requisition fulfil it with the units the facility may use. Units that arrive quarantined
//! wait for the authority's decision: released, they count then; condemned, never.
//!
//! Storage stays bounded: a requester has at most [`Config::MaxOpenRequisitions`] requisitions
//! stored, and one is removed once it is fulfilled or cancelled and no unit awaits a decision
//! for it; its history lives in events.

use super::*;
use frame_support::traits::Get;

/// The requisitions and the units that wait for a decision for them: part of the pallet's
/// storage.
#[pallet_section]
mod requisition_storage {
	/// Requisitions by id, handed out in sequence: the open ones, and the fulfilled or
	/// cancelled ones for which units still await a quarantine decision.
	#[pallet::storage]
	pub type Requisitions<T: Config> = StorageMap<_, Twox64Concat, RequisitionId, Requisition>;

	/// The id the next requisition gets.
	#[pallet::storage]
	pub type NextRequisitionId<T: Config> = StorageValue<_, RequisitionId, ValueQuery>;

	/// How many requisitions each requester has stored, at most
	/// [`Config::MaxOpenRequisitions`].
	#[pallet::storage]
	pub type RequisitionCounts<T: Config> = StorageMap<_, Twox64Concat, OrgId, u32, ValueQuery>;

	/// Units of a lot that arrived quarantined at a holder in shipments citing a requisition of
	/// the holder's, by (holder, lot, requisition): credited to the requisition if an authority
	/// releases them. At most [`Config::MaxOpenRequisitions`] per (holder, lot).
	#[pallet::storage]
	pub type QuarantinedFor<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, OrgId>,
			NMapKey<Twox64Concat, LotId>,
			NMapKey<Twox64Concat, RequisitionId>,
		),
		u32,
		ValueQuery,
	>;
}

impl<T: Config> Pallet<T> {
	/// `requester` asks for `quantity` units of `product`; returns the requisition.
	pub(crate) fn request(
		requester: OrgId,
		product: ProductId,
		quantity: u32,
	) -> Result<RequisitionId, Error<T>> {
		ensure!(Products::<T>::contains_key(product), Error::<T>::UnknownProduct);
		ensure!(quantity > 0, Error::<T>::ZeroQuantity);
		let count = RequisitionCounts::<T>::get(requester);
		ensure!(count < T::MaxOpenRequisitions::get(), Error::<T>::TooManyOpenRequisitions);
		let requisition = NextRequisitionId::<T>::get();
		NextRequisitionId::<T>::put(requisition.checked_add(1).ok_or(Error::<T>::IdsExhausted)?);
		RequisitionCounts::<T>::insert(requester, count + 1);
		Requisitions::<T>::insert(
			requisition,
			Requisition {
				requester,
				product,
				requested: quantity,
				received: 0,
				awaiting_release: 0,
				status: RequisitionStatus::Open,
			},
		);
		Ok(requisition)
	}

	/// An open requisition, or why it is not.
	pub(crate) fn open_requisition(id: RequisitionId) -> Result<Requisition, Error<T>> {
		match Requisitions::<T>::get(id) {
			Some(r) if r.is_open() => Ok(r),
			Some(_) => Err(Error::<T>::RequisitionClosed),
			// Removed requisitions were fulfilled or cancelled.
			None if id < NextRequisitionId::<T>::get() => Err(Error::<T>::RequisitionClosed),
			None => Err(Error::<T>::UnknownRequisition),
		}
	}

	/// `org` withdraws its requisition.
	pub(crate) fn cancel(org: OrgId, id: RequisitionId) -> Result<(), Error<T>> {
		let mut r = Self::open_requisition(id)?;
		ensure!(r.requester == org, Error::<T>::NotRequester);
		r.status = RequisitionStatus::Cancelled;
		Self::store_requisition(id, r);
		Ok(())
	}

	/// Credits requisition `id` with units of `lot` that arrived at its requester: `usable`
	/// units count now, `quarantined` ones when they are released.
	pub(crate) fn credit_arrival(id: RequisitionId, lot: LotId, usable: u32, quarantined: u32) {
		// A shipment cites an open requisition when it leaves; the requisition may have been
		// cancelled on the way.
		let Some(mut r) = Requisitions::<T>::get(id).filter(|r| r.is_open()) else { return };
		if quarantined > 0 {
			QuarantinedFor::<T>::mutate((r.requester, lot, id), |q| {
				*q = q.saturating_add(quarantined)
			});
			r.awaiting_release = r.awaiting_release.saturating_add(quarantined);
		}
		r.received = r.received.saturating_add(usable);
		Self::judge(id, r);
	}

	/// An authority decided on `holder`'s quarantined units of `lot`: the units that arrived
	/// quarantined for a requisition count for it if `released`, and wait no more.
	pub(crate) fn settle_quarantine(holder: OrgId, lot: LotId, released: bool) {
		// At most `MaxOpenRequisitions`: each entry belongs to a stored requisition of the
		// holder.
		for (id, units) in QuarantinedFor::<T>::drain_prefix((holder, lot)) {
			let Some(mut r) = Requisitions::<T>::get(id) else { continue };
			r.awaiting_release = r.awaiting_release.saturating_sub(units);
			if released && r.is_open() {
				r.received = r.received.saturating_add(units);
			}
			Self::judge(id, r);
		}
	}

	/// Sets a requisition's status from what it received, and stores it.
	fn judge(id: RequisitionId, mut r: Requisition) {
		if r.is_open() {
			let before = r.status;
			r.status = if r.received >= r.requested {
				RequisitionStatus::Fulfilled
			} else if r.received > 0 {
				RequisitionStatus::PartlyFulfilled
			} else {
				RequisitionStatus::Open
			};
			if r.status == RequisitionStatus::Fulfilled && before != r.status {
				Self::deposit_event(Event::RequisitionFulfilled {
					requisition: id,
					received: r.received,
				});
			}
		}
		Self::store_requisition(id, r);
	}

	/// Stores a requisition, or removes it once it is closed and nothing awaits for it.
	fn store_requisition(id: RequisitionId, r: Requisition) {
		if r.is_open() || r.awaiting_release > 0 {
			Requisitions::<T>::insert(id, r);
		} else {
			Requisitions::<T>::remove(id);
			RequisitionCounts::<T>::mutate_exists(r.requester, |count| {
				*count = count.and_then(|c| c.checked_sub(1)).filter(|c| *c > 0);
			});
		}
	}
}
