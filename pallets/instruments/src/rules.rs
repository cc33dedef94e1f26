//! Who may register, remove, suspend and reinstate an instrument, and the registration itself.

use super::*;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{
	instruments::instrument_proof_message, surveillance::PERIOD_MILLIS, Capability, Role,
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Today, as a surveillance period.
	pub(crate) fn today() -> Period {
		(T::UnixTime::now().as_millis() / u128::from(PERIOD_MILLIS)) as Period
	}

	/// The genesis hash every signature is bound to.
	pub(crate) fn genesis() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// The caller's organisation, if the caller holds `role` in an active organisation that
	/// may report cases.
	pub(crate) fn holder(who: &T::AccountId, role: Role) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		let missing = match role {
			Role::KeyOfficer => Error::<T>::NotAKeyOfficer,
			_ => Error::<T>::NotAReporter,
		};
		ensure!(member.roles.has(role), missing);
		ensure!(member.capabilities.has(Capability::ReportCases), Error::<T>::CannotReportCases);
		Ok(member.org)
	}

	/// The caller's authority, if the caller is a key officer of an active authority over
	/// the region of organisation `org`.
	pub(crate) fn authority_over_org(who: &T::AccountId, org: OrgId) -> Result<OrgId, Error<T>> {
		let region = T::Registry::region_of(org).ok_or(Error::<T>::NotAuthorityOverHolder)?;
		let authority =
			T::Registry::authority_over(who, &region).ok_or(Error::<T>::NotAuthorityOverHolder)?;
		ensure!(authority.roles.has(Role::KeyOfficer), Error::<T>::NotAKeyOfficer);
		Ok(authority.org)
	}

	/// [`Pallet::register_instrument`] for `who`: returns the holder.
	pub(crate) fn add_instrument(
		who: &T::AccountId,
		instrument: &T::AccountId,
		kind: InstrumentKind,
		model: TextOf<T>,
		serial: TextOf<T>,
		proof: &T::InstrumentSignature,
	) -> Result<OrgId, Error<T>> {
		let holder = Self::holder(who, Role::KeyOfficer)?;
		ensure!(!model.is_empty() && !serial.is_empty(), Error::<T>::EmptyText);
		// A key registers once, ever: a removed instrument's record stays.
		ensure!(
			!Instruments::<T>::contains_key(instrument)
				&& T::Registry::org_of(instrument).is_none(),
			Error::<T>::InstrumentTaken
		);
		ensure!(!Devices::<T>::contains_key(&model, &serial), Error::<T>::DeviceTaken);
		let message = instrument_proof_message(&Self::genesis(), holder, kind, &model, &serial);
		ensure!(proof.verify(&message[..], instrument), Error::<T>::BadInstrumentProof);
		ensure!(SuspendedCounts::<T>::get(holder) == 0, Error::<T>::HolderHasSuspendedInstrument);
		let count = InstrumentCounts::<T>::get(holder);
		ensure!(count < T::MaxInstrumentsPerHolder::get(), Error::<T>::TooManyInstruments);
		// A device its holder retired counts, under its new key, from the day after.
		let counts_from = RetiredDevices::<T>::get(&model, &serial).map_or(0, |day| day + 1);
		InstrumentCounts::<T>::insert(holder, count + 1);
		HolderInstruments::<T>::insert(holder, instrument, ());
		Devices::<T>::insert(&model, &serial, (instrument, false));
		Instruments::<T>::insert(
			instrument,
			InstrumentOf::<T> {
				holder,
				kind,
				model,
				serial,
				status: InstrumentStatus::Active,
				counts_from,
				next_batch: 0,
			},
		);
		Ok(holder)
	}

	/// [`Pallet::remove_instrument`] for `who`: returns the holder and the remover.
	pub(crate) fn take_instrument(
		who: &T::AccountId,
		instrument: &T::AccountId,
	) -> Result<(OrgId, OrgId), Error<T>> {
		let mut record = Instruments::<T>::get(instrument).ok_or(Error::<T>::UnknownInstrument)?;
		let holder = record.holder;
		let own = T::Registry::membership_of(who).filter(|member| member.org == holder);
		let (by, bar_device) = match (own, record.status) {
			(_, InstrumentStatus::Removed { .. }) => return Err(Error::<T>::UnknownInstrument),
			(Some(member), status) => {
				ensure!(member.active, Error::<T>::OrganisationNotActive);
				ensure!(member.roles.has(Role::KeyOfficer), Error::<T>::NotAKeyOfficer);
				// A holder does not rid itself of a suspension by removing the instrument.
				ensure!(status == InstrumentStatus::Active, Error::<T>::InstrumentNotActive);
				(holder, false)
			},
			(None, InstrumentStatus::Active) => (Self::authority_over_org(who, holder)?, true),
			(None, InstrumentStatus::Suspended { by: suspender }) => {
				// Removing lifts nothing: only the suspender or one above it removes.
				let by = Self::authority_over_org(who, holder)?;
				if suspender != by {
					Self::authority_over_org(who, suspender)
						.map_err(|_| Error::<T>::SuspendedAbove)?;
				}
				(by, true)
			},
		};
		// A device an authority removed never registers again, under any key; one its holder
		// retired may.
		if bar_device {
			Devices::<T>::insert(&record.model, &record.serial, (instrument, true));
		} else {
			Devices::<T>::remove(&record.model, &record.serial);
			RetiredDevices::<T>::insert(&record.model, &record.serial, Self::today());
		}
		if matches!(record.status, InstrumentStatus::Suspended { .. }) {
			SuspendedCounts::<T>::mutate(holder, |count| *count = count.saturating_sub(1));
		}
		record.status = InstrumentStatus::Removed { by };
		Instruments::<T>::insert(instrument, record);
		HolderInstruments::<T>::remove(holder, instrument);
		InstrumentCounts::<T>::mutate(holder, |count| *count = count.saturating_sub(1));
		Ok((holder, by))
	}

	/// Suspends (`suspend`) or reinstates `instrument` for `who`: returns the authority.
	pub(crate) fn set_suspended(
		who: &T::AccountId,
		instrument: &T::AccountId,
		suspend: bool,
	) -> Result<OrgId, Error<T>> {
		let mut record = Instruments::<T>::get(instrument).ok_or(Error::<T>::UnknownInstrument)?;
		let by = Self::authority_over_org(who, record.holder)?;
		let holder = record.holder;
		record.status = match (record.status, suspend) {
			(InstrumentStatus::Removed { .. }, _) => return Err(Error::<T>::UnknownInstrument),
			(InstrumentStatus::Active, true) => {
				SuspendedCounts::<T>::mutate(holder, |count| *count = count.saturating_add(1));
				InstrumentStatus::Suspended { by }
			},
			(InstrumentStatus::Suspended { .. }, true) => return Err(Error::<T>::AlreadySuspended),
			(InstrumentStatus::Active, false) => return Err(Error::<T>::NotSuspended),
			(InstrumentStatus::Suspended { by: suspender }, false) => {
				if suspender != by {
					// The caller's authority must govern the suspending one's region.
					Self::authority_over_org(who, suspender)
						.map_err(|_| Error::<T>::SuspendedAbove)?;
				}
				// Nothing dated before today, when it may have been faulty, counts.
				record.counts_from = Self::today();
				SuspendedCounts::<T>::mutate(holder, |count| *count = count.saturating_sub(1));
				InstrumentStatus::Active
			},
		};
		Instruments::<T>::insert(instrument, record);
		Ok(by)
	}
}
