//! What apps and other pallets read of instruments: an instrument, a holder's instruments a
//! page at a time, and what a holder's instruments attested per disease and day.

use alloc::vec::Vec;

use super::*;
use healthnet_primitives::{
	instruments::{
		AttestedDay, InstrumentInfo, InstrumentLookup, InstrumentView, TestsAttested,
		MAX_ATTESTED_DAYS,
	},
	Page, MAX_PAGE,
};

impl<T: Config> Pallet<T> {
	/// `account`'s instrument, removed or not.
	pub fn instrument_view(account: T::AccountId) -> Option<InstrumentView<T::AccountId>> {
		Instruments::<T>::get(&account).map(|record| Self::view_of(account, record))
	}

	/// `holder`'s instruments after `after`, in storage order, at most `limit` (and
	/// [`MAX_PAGE`]).
	pub fn instruments_of(
		holder: OrgId,
		after: Option<T::AccountId>,
		limit: u32,
	) -> Page<InstrumentView<T::AccountId>, T::AccountId> {
		let limit = limit.clamp(1, MAX_PAGE) as usize;
		let keys = match after {
			Some(after) => HolderInstruments::<T>::iter_key_prefix_from(
				holder,
				HolderInstruments::<T>::hashed_key_for(holder, after),
			),
			None => HolderInstruments::<T>::iter_key_prefix(holder),
		};
		let mut items = Vec::new();
		let mut next = None;
		for account in keys {
			if items.len() == limit {
				next = items.last().map(|view: &InstrumentView<T::AccountId>| view.account.clone());
				break;
			}
			if let Some(record) = Instruments::<T>::get(&account) {
				items.push(Self::view_of(account, record));
			}
		}
		Page { items, next }
	}

	/// What `holder`'s instruments attested for `disease` from `from` to `to` (cut to
	/// [`MAX_ATTESTED_DAYS`]): the days with results, in order, with their lineages.
	pub fn attested_days(
		holder: OrgId,
		disease: Vec<u8>,
		from: Period,
		to: Period,
	) -> Vec<AttestedDay> {
		let Ok(code) = DiseaseCode::<T>::try_from(disease) else { return Vec::new() };
		let to = to.min(from.saturating_add(MAX_ATTESTED_DAYS - 1));
		(from..=to)
			.filter_map(|period| {
				let counts = Attested::<T>::get((holder, &code, period));
				(counts.tests > 0 || counts.sequenced > 0).then(|| AttestedDay {
					period,
					counts,
					lineages: AttestedLineages::<T>::iter_prefix((holder, &code, period))
						.take(T::MaxLineagesPerDay::get() as usize)
						.map(|(lineage, count)| (lineage.into_inner(), count))
						.collect(),
				})
			})
			.collect()
	}

	fn view_of(account: T::AccountId, record: InstrumentOf<T>) -> InstrumentView<T::AccountId> {
		InstrumentView {
			account,
			holder: record.holder,
			kind: record.kind,
			model: record.model.into_inner(),
			serial: record.serial.into_inner(),
			status: record.status,
			counts_from: record.counts_from,
			next_batch: record.next_batch,
		}
	}
}

/// The supply pallet's under-reporting check reads what instruments attested.
impl<T: Config> TestsAttested for Pallet<T> {
	fn attested(org: OrgId, disease: &[u8], period: Period) -> AttestedCounts {
		match DiseaseCode::<T>::try_from(disease.to_vec()) {
			Ok(code) => Attested::<T>::get((org, code, period)),
			Err(_) => AttestedCounts::default(),
		}
	}
}

/// The environment pallet takes the readings of monitors registered here.
impl<T: Config> InstrumentLookup<T::AccountId> for Pallet<T> {
	fn instrument_info(account: &T::AccountId) -> Option<InstrumentInfo> {
		Instruments::<T>::get(account).map(|record| InstrumentInfo {
			holder: record.holder,
			kind: record.kind,
			active: record.status == InstrumentStatus::Active,
			counts_from: record.counts_from,
		})
	}
}
