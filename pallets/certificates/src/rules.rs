//! Who the caller is and what it may do, and the rules of the trust list and of certificates:
//! keys, windows, kinds, lots, versions and states.

use super::*;
use frame_support::{
	dispatch::RawOrigin,
	traits::{EnsureOrigin, Get},
};
use frame_system::pallet_prelude::{BlockNumberFor, OriginFor};
use healthnet_primitives::{supply::ProductKind, Capability};
use sp_runtime::DispatchError;

/// Who changes an issuer key: its own organisation, or someone above it.
enum KeyActor {
	Owner,
	Authority,
}

impl<T: Config> Pallet<T> {
	/// The caller's organisation, if it is active and may issue certificates, and the caller
	/// holds `role` there (a certificate officer signs, a key officer manages signing keys).
	pub(crate) fn issuer(who: &T::AccountId, role: Role) -> Result<OrgId, Error<T>> {
		let member = Self::active_member(who)?;
		ensure!(member.capabilities.has(Capability::IssueCertificates), Error::<T>::NotAnIssuer);
		ensure!(member.roles.has(role), Self::lacks(role));
		Ok(member.org)
	}

	/// The refusal for a caller without `role`.
	fn lacks(role: Role) -> Error<T> {
		match role {
			Role::KeyOfficer => Error::<T>::NotAKeyOfficer,
			_ => Error::<T>::NotACertificateOfficer,
		}
	}

	/// The caller's membership, if its organisation is active.
	fn active_member(
		who: &T::AccountId,
	) -> Result<healthnet_primitives::registry::Membership, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		Ok(member)
	}

	/// The chain's time now, in Unix seconds.
	pub(crate) fn now() -> u64 {
		T::UnixTime::now().as_secs()
	}

	/// Whether `who` holds `role` in an authority over the region of organisation `org`;
	/// `Err` with the missing role when it belongs to such an authority without it.
	fn is_authority_over_org(who: &T::AccountId, org: OrgId, role: Role) -> Result<bool, Error<T>> {
		match T::Registry::region_of(org)
			.and_then(|region| T::Registry::authority_over(who, &region))
		{
			Some(member) if member.roles.has(role) => Ok(true),
			Some(_) => Err(Self::lacks(role)),
			None => Ok(false),
		}
	}

	/// `Ok(None)` for the council, `Ok(Some(account))` for a signed caller.
	fn council_or_signed(origin: OriginFor<T>) -> Result<Option<T::AccountId>, DispatchError> {
		match T::CouncilOrigin::try_origin(origin) {
			Ok(_) => Ok(None),
			Err(origin) => match origin.into() {
				Ok(RawOrigin::Signed(who)) => Ok(Some(who)),
				_ => Err(DispatchError::BadOrigin),
			},
		}
	}

	/// Checks a validity window: it starts before it ends, and has not ended.
	fn check_window(valid_from: u64, valid_until: u64) -> Result<(), Error<T>> {
		ensure!(valid_from < valid_until, Error::<T>::WindowInverted);
		ensure!(valid_until > Self::now(), Error::<T>::WindowEnded);
		Ok(())
	}

	/// Checks that `proof` is `public`'s Ed25519 signature over this chain, `org` and the
	/// key's id.
	pub(crate) fn check_key_proof(
		org: OrgId,
		public: &IssuerPublic,
		proof: &[u8; 64],
	) -> Result<(), Error<T>> {
		let genesis = frame_system::Pallet::<T>::block_hash(
			frame_system::pallet_prelude::BlockNumberFor::<T>::default(),
		);
		let message = healthnet_primitives::certificates::issuer_key_proof_message(
			&genesis,
			org,
			&key_id(public),
		);
		let signed = sp_io::crypto::ed25519_verify(
			&sp_core::ed25519::Signature::from_raw(*proof),
			&message,
			&sp_core::ed25519::Public::from_raw(*public),
		);
		ensure!(signed, Error::<T>::BadKeyProof);
		Ok(())
	}

	/// Registers a key of `org` after checking it.
	pub(crate) fn new_key(
		org: OrgId,
		public: IssuerPublic,
		kinds: Kinds,
		valid_from: u64,
		valid_until: u64,
	) -> Result<KeyId, Error<T>> {
		ensure!(kinds.is_valid(), Error::<T>::BadKinds);
		Self::check_window(valid_from, valid_until)?;
		let key = key_id(&public);
		ensure!(!IssuerKeys::<T>::contains_key(key), Error::<T>::KeyTaken);
		let count = KeyCount::<T>::get(org);
		ensure!(count < T::MaxKeysPerIssuer::get(), Error::<T>::TooManyKeys);
		KeyCount::<T>::insert(org, count + 1);
		IssuerKeys::<T>::insert(
			key,
			IssuerKey {
				org,
				public,
				kinds,
				valid_from,
				valid_until,
				added_at: frame_system::Pallet::<T>::block_number(),
				status: KeyStatus::Active,
			},
		);
		Ok(key)
	}

	/// Suspends, reinstates or removes `key`; returns whether an authority or the council did.
	pub(crate) fn set_key_status(
		origin: OriginFor<T>,
		key: KeyId,
		change: KeyChange,
	) -> Result<bool, DispatchError> {
		let caller = Self::council_or_signed(origin)?;
		let mut record = IssuerKeys::<T>::get(key).ok_or(Error::<T>::UnknownKey)?;
		let actor = match caller {
			None => KeyActor::Authority,
			Some(who) => match T::Registry::membership_of(&who) {
				Some(member) if member.org == record.org => {
					ensure!(member.active, Error::<T>::OrganisationNotActive);
					ensure!(member.roles.has(Role::KeyOfficer), Error::<T>::NotAKeyOfficer);
					KeyActor::Owner
				},
				_ if Self::is_authority_over_org(&who, record.org, Role::KeyOfficer)? => {
					KeyActor::Authority
				},
				_ => return Err(Error::<T>::NotKeyOwnerOrAuthority.into()),
			},
		};
		let by_authority = matches!(actor, KeyActor::Authority);
		let now = frame_system::Pallet::<T>::block_number();
		record.status = match (record.status, change) {
			(KeyStatus::Removed { .. }, _) => return Err(Error::<T>::KeyRemoved.into()),
			(KeyStatus::Active, KeyChange::Suspend) => {
				KeyStatus::Suspended { at: now, by_authority }
			},
			(KeyStatus::Suspended { .. }, KeyChange::Suspend) => {
				return Err(Error::<T>::KeySuspended.into())
			},
			(KeyStatus::Active, KeyChange::Reinstate) => {
				return Err(Error::<T>::KeyNotSuspended.into())
			},
			(KeyStatus::Suspended { by_authority: true, .. }, KeyChange::Reinstate)
				if !by_authority =>
			{
				return Err(Error::<T>::SuspendedByAuthority.into())
			},
			(KeyStatus::Suspended { .. }, KeyChange::Reinstate) => KeyStatus::Active,
			(_, KeyChange::Remove) => KeyStatus::Removed { at: now },
		};
		IssuerKeys::<T>::insert(key, record);
		Ok(by_authority)
	}

	/// Requires the council or an authority over the region of issuer `org`.
	pub(crate) fn ensure_authority_over_issuer(
		origin: OriginFor<T>,
		org: OrgId,
	) -> Result<(), DispatchError> {
		let caller = Self::council_or_signed(origin)?;
		ensure!(KeyCount::<T>::get(org) > 0, Error::<T>::UnknownIssuer);
		if let Some(who) = caller {
			ensure!(
				Self::is_authority_over_org(&who, org, Role::KeyOfficer)?,
				Error::<T>::NotAuthorityOverIssuer
			);
		}
		Ok(())
	}

	/// Checks that `issuer` may sign a certificate of `kind` with `key` now.
	fn check_signer(issuer: OrgId, key: KeyId, kind: CertificateKind) -> Result<(), Error<T>> {
		ensure!(!SuspendedIssuers::<T>::contains_key(issuer), Error::<T>::IssuerIsSuspended);
		let record = IssuerKeys::<T>::get(key).ok_or(Error::<T>::UnknownKey)?;
		ensure!(record.org == issuer, Error::<T>::NotYourKey);
		match record.status {
			KeyStatus::Active => {},
			KeyStatus::Suspended { .. } => return Err(Error::<T>::KeySuspended),
			KeyStatus::Removed { .. } => return Err(Error::<T>::KeyRemoved),
		}
		let now = Self::now();
		ensure!(record.valid_from <= now && now < record.valid_until, Error::<T>::KeyOutsideWindow);
		ensure!(record.kinds.has(kind), Error::<T>::KindNotTrusted);
		Ok(())
	}

	/// Checks the lot a certificate of `kind` cites.
	fn check_lot(kind: CertificateKind, lot: Option<LotId>) -> Result<(), Error<T>> {
		ensure!(
			lot.is_some() == (kind == CertificateKind::Vaccination),
			Error::<T>::LotOnlyForVaccinations
		);
		if let Some(lot) = lot {
			let product = T::Lots::product_kind(lot).ok_or(Error::<T>::UnknownLot)?;
			ensure!(product == ProductKind::Vaccine, Error::<T>::NotAVaccineLot);
			ensure!(T::Lots::recalled_at(lot).is_none(), Error::<T>::LotWasRecalled);
		}
		Ok(())
	}

	/// The version `signed` describes, written at this block.
	fn version_of(signed: Signed) -> VersionOf<T> {
		Version {
			key: signed.key,
			payload_hash: signed.payload_hash,
			valid_from: signed.valid_from,
			valid_until: signed.valid_until,
			issued_at: frame_system::Pallet::<T>::block_number(),
			superseded_at: None,
		}
	}

	/// Issues version 1 of certificate `id` after checking it.
	pub(crate) fn new_certificate(
		issuer: OrgId,
		id: CertificateId,
		kind: CertificateKind,
		holder: H256,
		signed: Signed,
		lot: Option<LotId>,
	) -> Result<(), Error<T>> {
		ensure!(!Certificates::<T>::contains_key(id), Error::<T>::CertificateIdTaken);
		Self::check_signer(issuer, signed.key, kind)?;
		Self::check_window(signed.valid_from, signed.valid_until)?;
		Self::check_lot(kind, lot)?;
		let now: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number();
		Certificates::<T>::insert(
			id,
			Certificate {
				issuer,
				kind,
				holder,
				lot,
				version: 1,
				state: CertificateState::Active,
				issued_at: now,
			},
		);
		Versions::<T>::insert(id, 1, Self::version_of(signed));
		Ok(())
	}

	/// Writes the next version of certificate `id`, superseding the current one; returns its
	/// number.
	pub(crate) fn new_version(
		issuer: OrgId,
		id: CertificateId,
		signed: Signed,
	) -> Result<u32, Error<T>> {
		let mut certificate = Certificates::<T>::get(id).ok_or(Error::<T>::UnknownCertificate)?;
		ensure!(certificate.issuer == issuer, Error::<T>::NotYourCertificate);
		match certificate.state {
			CertificateState::Active => {},
			CertificateState::Suspended { .. } => return Err(Error::<T>::CertificateIsSuspended),
			CertificateState::Revoked { .. } => return Err(Error::<T>::CertificateIsRevoked),
		}
		ensure!(certificate.version < T::MaxVersions::get(), Error::<T>::TooManyVersions);
		Self::check_signer(issuer, signed.key, certificate.kind)?;
		Self::check_window(signed.valid_from, signed.valid_until)?;
		let mut current =
			Versions::<T>::get(id, certificate.version).ok_or(Error::<T>::UnknownCertificate)?;
		ensure!(current.payload_hash != signed.payload_hash, Error::<T>::PayloadUnchanged);
		current.superseded_at = Some(frame_system::Pallet::<T>::block_number());
		Versions::<T>::insert(id, certificate.version, current);
		certificate.version += 1;
		Versions::<T>::insert(id, certificate.version, Self::version_of(signed));
		Certificates::<T>::insert(id, &certificate);
		Ok(certificate.version)
	}

	/// Revokes, suspends or reinstates certificate `id` for `who`.
	pub(crate) fn change_state(
		who: &T::AccountId,
		id: CertificateId,
		change: StateChange,
	) -> Result<(), Error<T>> {
		let mut certificate = Certificates::<T>::get(id).ok_or(Error::<T>::UnknownCertificate)?;
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		let is_issuer = member.org == certificate.issuer;
		if is_issuer {
			ensure!(member.active, Error::<T>::OrganisationNotActive);
			ensure!(member.roles.has(Role::CertificateOfficer), Error::<T>::NotACertificateOfficer);
		} else if matches!(change, StateChange::Revoke(_)) {
			ensure!(
				Self::is_authority_over_org(who, certificate.issuer, Role::CertificateOfficer)?,
				Error::<T>::CannotRevoke
			);
		} else {
			return Err(Error::<T>::NotYourCertificate);
		}
		let now = frame_system::Pallet::<T>::block_number();
		certificate.state = match (certificate.state, change) {
			(CertificateState::Revoked { .. }, _) => return Err(Error::<T>::CertificateIsRevoked),
			(_, StateChange::Revoke(reason)) => CertificateState::Revoked { reason, at: now },
			(CertificateState::Active, StateChange::Suspend) => {
				CertificateState::Suspended { at: now }
			},
			(CertificateState::Suspended { .. }, StateChange::Suspend) => {
				return Err(Error::<T>::CertificateIsSuspended)
			},
			(CertificateState::Suspended { .. }, StateChange::Reinstate) => {
				CertificateState::Active
			},
			(CertificateState::Active, StateChange::Reinstate) => {
				return Err(Error::<T>::CertificateNotSuspended)
			},
		};
		Certificates::<T>::insert(id, certificate);
		Ok(())
	}
}
