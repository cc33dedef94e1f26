//! Who the caller is and what it may do, and the checks on what a call gives: GTINs, disease
//! codes, temperature ranges, lot numbers and dates. Also the registration of products and lots.

use super::*;
use frame_support::traits::Get;
use healthnet_primitives::{surveillance::PERIOD_MILLIS, Capability};

impl<T: Config> Pallet<T> {
	/// The caller's organisation, if it is active and the caller holds `role` there.
	pub(crate) fn member(who: &T::AccountId, role: Role) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.roles.has(role), Self::lacks(role));
		Ok(member.org)
	}

	/// The caller's organisation, if it is active and makes supplies, and the caller keeps
	/// stock there.
	pub(crate) fn manufacturer(who: &T::AccountId) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.capabilities.has(Capability::Manufacture), Error::<T>::NotAManufacturer);
		ensure!(member.roles.has(Role::StockKeeper), Error::<T>::NotAStockKeeper);
		Ok(member.org)
	}

	/// The caller's organisation, if it is active and holds stock (or makes it), and the
	/// caller holds `role` there.
	pub(crate) fn holder(who: &T::AccountId, role: Role) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(Self::holds_stock(member.org), Error::<T>::NotAHolder);
		ensure!(member.roles.has(role), Self::lacks(role));
		Ok(member.org)
	}

	/// The refusal for a caller without `role`.
	pub(crate) fn lacks(role: Role) -> Error<T> {
		match role {
			Role::KeyOfficer => Error::<T>::NotAKeyOfficer,
			Role::Reviewer => Error::<T>::NotAReviewer,
			_ => Error::<T>::NotAStockKeeper,
		}
	}

	/// Whether an organisation is active and may hold stock.
	pub(crate) fn holds_stock(org: OrgId) -> bool {
		T::Registry::org_has_capability(org, Capability::HoldStock)
			|| T::Registry::org_has_capability(org, Capability::Manufacture)
	}

	/// The day the chain's clock is in.
	pub(crate) fn today() -> Period {
		(T::UnixTime::now().as_millis() / u128::from(PERIOD_MILLIS)) as Period
	}

	/// Registers a product of `manufacturer` after checking what it says.
	pub(crate) fn new_product(
		manufacturer: OrgId,
		gtin: Gtin,
		kind: ProductKind,
		unit: Unit,
		(min_temperature, max_temperature): (DeciCelsius, DeciCelsius),
		(tolerance_minutes, tolerance_window_hours): (u32, u32),
		disease: Option<DiseaseCode<T>>,
	) -> Result<ProductId, Error<T>> {
		ensure!(gtin_is_valid(&gtin), Error::<T>::MalformedGtin);
		ensure!(
			Self::prefix_of(&gtin).is_some_and(|(_, holder)| holder == manufacturer),
			Error::<T>::GtinNotYours
		);
		ensure!(!ProductByGtin::<T>::contains_key(gtin), Error::<T>::GtinTaken);
		ensure!(min_temperature <= max_temperature, Error::<T>::TemperatureRangeInverted);
		ensure!(tolerance_window_hours > 0, Error::<T>::EmptyToleranceWindow);
		ensure!(
			tolerance_window_hours <= MAX_TOLERANCE_WINDOW_HOURS,
			Error::<T>::ToleranceWindowTooLong
		);
		ensure!(
			disease.is_some() == (kind == ProductKind::TestKit),
			Error::<T>::DiseaseOnlyForTestKits
		);
		if let Some(code) = &disease {
			let dots = code.iter().filter(|b| **b == b'.').count();
			let well_formed = code.len() >= 2
				&& code.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'.')
				&& dots <= 1 && code.first() != Some(&b'.')
				&& code.last() != Some(&b'.');
			ensure!(well_formed, Error::<T>::MalformedDiseaseCode);
		}
		let product = NextProductId::<T>::get();
		NextProductId::<T>::put(product.checked_add(1).ok_or(Error::<T>::IdsExhausted)?);
		ProductByGtin::<T>::insert(gtin, product);
		Products::<T>::insert(
			product,
			Product {
				gtin,
				manufacturer,
				kind,
				unit,
				min_temperature,
				max_temperature,
				tolerance_minutes,
				tolerance_window_hours,
				disease,
			},
		);
		Ok(product)
	}

	/// Makes a lot of `manufacturer`'s product, which it then holds.
	pub(crate) fn new_lot(
		manufacturer: OrgId,
		product: ProductId,
		number: LotNumber<T>,
		expiry: Period,
		quantity: u32,
	) -> Result<LotId, Error<T>> {
		let record = Products::<T>::get(product).ok_or(Error::<T>::UnknownProduct)?;
		ensure!(record.manufacturer == manufacturer, Error::<T>::NotYourProduct);
		ensure!(!number.is_empty(), Error::<T>::EmptyLotNumber);
		ensure!(quantity > 0, Error::<T>::ZeroQuantity);
		ensure!(expiry >= Self::today(), Error::<T>::Expired);
		ensure!(!LotByNumber::<T>::contains_key(product, &number), Error::<T>::LotNumberTaken);
		let lot = NextLotId::<T>::get();
		NextLotId::<T>::put(lot.checked_add(1).ok_or(Error::<T>::IdsExhausted)?);
		LotByNumber::<T>::insert(product, &number, lot);
		let totals =
			LotTotals { produced: quantity.into(), held: quantity.into(), ..Default::default() };
		Lots::<T>::insert(
			lot,
			Lot { product, number, expiry, totals, recalled: None, trace_length: 0 },
		);
		Stock::<T>::insert(manufacturer, lot, Holding { available: quantity, quarantined: 0 });
		Self::trace(lot, TraceStep::Made { by: manufacturer, quantity })?;
		Ok(lot)
	}

	/// Appends a custody step (or a recall) to a lot's trace. Custody steps fill it up to
	/// [`Config::MaxTraceLength`]; a recall, at most one per lot, is written even then, so
	/// that a full trace never blocks one.
	pub(crate) fn trace(lot: LotId, step: TraceStep) -> Result<(), Error<T>> {
		let limit = match step {
			TraceStep::Recalled { .. } => u32::MAX,
			_ => T::MaxTraceLength::get(),
		};
		Self::trace_within(lot, step, limit)
	}

	/// Appends a step that moves no custody (a count, an excursion that quarantines nothing):
	/// such steps fill the trace only up to nine tenths of [`Config::MaxTraceLength`], keeping
	/// the rest for custody steps, so that one holder's reports never block the lot's moves.
	pub(crate) fn trace_report(lot: LotId, step: TraceStep) -> Result<(), Error<T>> {
		Self::trace_within(lot, step, Self::report_room())
	}

	/// As [`Self::trace_report`], but leaves the trace as it is when the room for reports is
	/// taken.
	pub(crate) fn trace_if_room(lot: LotId, step: TraceStep) -> Result<(), Error<T>> {
		match Self::trace_report(lot, step) {
			Err(Error::<T>::TraceFull) => Ok(()),
			other => other,
		}
	}

	/// How many steps of a lot's trace steps that move no custody may fill.
	fn report_room() -> u32 {
		T::MaxTraceLength::get() - T::MaxTraceLength::get() / 10
	}

	/// Appends `step` to a lot's trace if it has fewer than `limit` steps.
	fn trace_within(lot: LotId, step: TraceStep, limit: u32) -> Result<(), Error<T>> {
		Lots::<T>::try_mutate(lot, |record| {
			let record = record.as_mut().ok_or(Error::<T>::UnknownLot)?;
			ensure!(record.trace_length < limit, Error::<T>::TraceFull);
			Trace::<T>::insert(
				lot,
				record.trace_length,
				(frame_system::Pallet::<T>::block_number(), step),
			);
			record.trace_length += 1;
			Ok(())
		})
	}
}
