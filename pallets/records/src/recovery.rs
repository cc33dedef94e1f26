//! Key recovery: the enrolling provider asks to move a record to a new key that proves it is
//! held, the patient's current key may refuse during the delay, an authority's administrator
//! approves, and the provider or an authority may cancel. The calls in `lib.rs` hand their
//! signed caller here.

use super::*;
use frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// [`Pallet::request_key_recovery`] for `who`.
	pub(crate) fn request_recovery(
		who: T::AccountId,
		record: RecordId,
		new_key: T::PatientKey,
		valid_until: Moment,
		proof: T::PatientSignature,
	) -> DispatchResult {
		let provider = Self::care_provider(&who, Role::Clinician)?;
		let info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		ensure!(info.enrolled_by == provider, Error::<T>::NotEnrollingProvider);
		ensure!(!Recoveries::<T>::contains_key(record), Error::<T>::RecoveryPending);
		Self::ensure_unused(&new_key)?;
		let nonce = info.nonce.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let statement = PatientStatement::AcceptRecovery { provider };
		Self::verify_patient(&new_key, &record, nonce, valid_until, &statement, &proof)?;
		let requested_at = frame_system::Pallet::<T>::block_number();
		let due = requested_at + T::RecoveryDelay::get();
		Recoveries::<T>::insert(record, Recovery { new_key, provider, requested_at, due });
		Self::deposit_event(Event::KeyRecoveryRequested { record, provider, due });
		Ok(())
	}

	/// [`Pallet::cancel_key_recovery`] for `who`.
	pub(crate) fn cancel_recovery(who: T::AccountId, record: RecordId) -> DispatchResult {
		let info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		ensure!(Recoveries::<T>::contains_key(record), Error::<T>::NoRecoveryPending);
		// A clinician of the enrolling provider, or an administrator of an authority over it.
		let org = match Self::care_provider(&who, Role::Clinician) {
			Ok(org) if org == info.enrolled_by => org,
			_ => {
				Self::authority_over_provider(&who, info.enrolled_by)
					.filter(|member| member.is_admin())
					.ok_or(Error::<T>::NotEnrollingProvider)?
					.org
			},
		};
		Recoveries::<T>::remove(record);
		Self::deposit_event(Event::KeyRecoveryCancelled { record, by: org });
		Ok(())
	}

	/// [`Pallet::approve_key_recovery`] for `who`.
	pub(crate) fn approve_recovery(who: T::AccountId, record: RecordId) -> DispatchResult {
		let info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		let authority = Self::authority_over_provider(&who, info.enrolled_by)
			.ok_or(Error::<T>::NotAuthorityOverProvider)?;
		ensure!(authority.is_admin(), Error::<T>::NotAnAdmin);
		let org = authority.org;
		let recovery = Recoveries::<T>::get(record).ok_or(Error::<T>::NoRecoveryPending)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() >= recovery.due,
			Error::<T>::RecoveryNotDue
		);
		// The new key may have been enrolled since the request.
		Self::ensure_unused(&recovery.new_key)?;
		Self::rekey(&record, info, recovery.new_key);
		Self::deposit_event(Event::KeyRecovered { record, approved_by: org });
		Ok(())
	}

	/// [`Pallet::refuse_key_recovery`] for `who`.
	pub(crate) fn refuse_recovery(
		who: T::AccountId,
		record: RecordId,
		nonce: u64,
		valid_until: Moment,
		signature: T::PatientSignature,
	) -> DispatchResult {
		Self::relayer(&who)?;
		let mut info = Self::signed_by_patient(
			&record,
			nonce,
			valid_until,
			&PatientStatement::RefuseRecovery,
			&signature,
		)?;
		ensure!(Recoveries::<T>::contains_key(record), Error::<T>::NoRecoveryPending);
		info.nonce = nonce;
		PatientRecords::<T>::insert(record, info);
		Recoveries::<T>::remove(record);
		Self::deposit_event(Event::KeyRecoveryRefused { record });
		Ok(())
	}
}
