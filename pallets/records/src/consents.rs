//! What the patient's key signs and any member relays: consents granted and revoked, and a
//! move to a new key. The calls in `lib.rs` hand their signed caller here.

use super::*;

impl<T: Config> Pallet<T> {
	/// [`Pallet::grant_consent`] for `who`.
	pub(crate) fn grant(
		who: T::AccountId,
		record: RecordId,
		terms: ConsentTerms,
		nonce: u64,
		valid_until: Moment,
		signature: T::PatientSignature,
	) -> DispatchResult {
		Self::relayer(&who)?;
		let mut info = Self::signed_by_patient(
			&record,
			nonce,
			valid_until,
			&PatientStatement::GrantConsent(terms),
			&signature,
		)?;
		let consent = Self::add_consent(&record, &mut info, terms)?;
		info.nonce = nonce;
		PatientRecords::<T>::insert(record, info);
		Self::deposit_event(Event::ConsentGranted {
			record,
			consent,
			grantee: terms.grantee,
			purpose: terms.purpose,
			access: terms.access,
		});
		Ok(())
	}

	/// [`Pallet::revoke_consent`] for `who`.
	pub(crate) fn revoke(
		who: T::AccountId,
		record: RecordId,
		consent: ConsentId,
		nonce: u64,
		valid_until: Moment,
		signature: T::PatientSignature,
	) -> DispatchResult {
		Self::relayer(&who)?;
		let mut info = Self::signed_by_patient(
			&record,
			nonce,
			valid_until,
			&PatientStatement::RevokeConsent { consent },
			&signature,
		)?;
		let grantee = Consents::<T>::try_mutate(record, consent, |stored| {
			let stored = stored.as_mut().ok_or(Error::<T>::UnknownConsent)?;
			ensure!(stored.revoked_at.is_none(), Error::<T>::AlreadyRevoked);
			stored.revoked_at = Some(frame_system::Pallet::<T>::block_number());
			Ok::<_, Error<T>>(stored.terms.grantee)
		})?;
		info.nonce = nonce;
		PatientRecords::<T>::insert(record, info);
		Self::deposit_event(Event::ConsentRevoked { record, consent, grantee });
		Ok(())
	}

	/// [`Pallet::move_key`] for `who`.
	pub(crate) fn move_to(
		who: T::AccountId,
		record: RecordId,
		new_key: T::PatientKey,
		nonce: u64,
		valid_until: Moment,
		signature: T::PatientSignature,
	) -> DispatchResult {
		Self::relayer(&who)?;
		Self::ensure_unused(&new_key)?;
		let mut info = Self::signed_by_patient(
			&record,
			nonce,
			valid_until,
			&PatientStatement::MoveKey { new_key: new_key.clone() },
			&signature,
		)?;
		info.nonce = nonce;
		Self::rekey(&record, info, new_key);
		Self::deposit_event(Event::KeyMoved { record });
		Ok(())
	}
}
