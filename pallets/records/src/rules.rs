//! The rules a call must pass before it changes anything: who the caller is, whether the
//! patient signed what the caller relays, and whether a consent or an emergency access
//! allows an access. Also the few writes more than one call shares: the audit line, a new
//! consent and a key move.

use super::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

impl<T: Config> From<Refusal> for Error<T> {
	fn from(refusal: Refusal) -> Self {
		match refusal {
			Refusal::NotAMember => Error::<T>::NotAMember,
			Refusal::UnknownRecord => Error::<T>::UnknownRecord,
			Refusal::NoConsent => Error::<T>::NoConsent,
			Refusal::PurposeNotConsented => Error::<T>::PurposeNotConsented,
			Refusal::ScopeDoesNotCover => Error::<T>::ScopeDoesNotCover,
			Refusal::ConsentReadOnly => Error::<T>::ConsentReadOnly,
			Refusal::ConsentWasRevoked => Error::<T>::ConsentWasRevoked,
			Refusal::ConsentExpired => Error::<T>::ConsentExpired,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The caller's organisation, if it is active.
	pub(crate) fn member(who: &T::AccountId) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		Ok(member.org)
	}

	/// The caller's organisation, if it is an active care provider.
	pub(crate) fn care_provider(who: &T::AccountId) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.capabilities.has(Capability::ProvideCare), Error::<T>::CannotProvideCare);
		Ok(member.org)
	}

	/// Checks that the account relaying a patient's statement is a member of an active
	/// organisation: the chain takes patients' statements from its members only.
	pub(crate) fn relayer(who: &T::AccountId) -> Result<OrgId, Error<T>> {
		Self::member(who)
	}

	/// Whether `who` is a member of an active authority over `provider`'s region.
	pub(crate) fn governs_provider(who: &T::AccountId, provider: OrgId) -> bool {
		T::Registry::region_of(provider)
			.is_some_and(|region| T::Registry::is_authority_over(who, &region))
	}

	/// The hash of the chain's genesis block, which every patient payload names. (Block 0's
	/// hash is in `BlockHash` from block 1 on, the first block any call runs in.)
	pub(crate) fn genesis() -> H256 {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// The chain's time, in milliseconds since 1970-01-01.
	pub(crate) fn now() -> Moment {
		T::UnixTime::now().as_millis() as Moment
	}

	/// Checks that `key` signed `statement` about `record` with `nonce`, on this chain.
	pub(crate) fn verify_patient(
		key: &T::PatientKey,
		record: &RecordId,
		nonce: u64,
		statement: &PatientStatement<T::PatientKey>,
		signature: &T::PatientSignature,
	) -> Result<(), Error<T>> {
		let payload = patient_payload(&Self::genesis(), record, nonce, statement);
		ensure!(signature.verify(&payload[..], key), Error::<T>::BadPatientSignature);
		Ok(())
	}

	/// The record, if its current key signed `statement` with a nonce above its last.
	pub(crate) fn signed_by_patient(
		record: &RecordId,
		nonce: u64,
		statement: &PatientStatement<T::PatientKey>,
		signature: &T::PatientSignature,
	) -> Result<RecordOf<T>, Error<T>> {
		let info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		ensure!(nonce > info.nonce, Error::<T>::StaleNonce);
		Self::verify_patient(&info.key, record, nonce, statement, signature)?;
		Ok(info)
	}

	/// Writes a new record for `key`, enrolled by `provider`, which receives consent 0:
	/// treatment, every entry, read and write, until revoked.
	pub(crate) fn create_record(
		record: RecordId,
		key: T::PatientKey,
		provider: OrgId,
	) -> Result<(), Error<T>> {
		let block = frame_system::Pallet::<T>::block_number();
		PatientRecords::<T>::insert(
			record,
			RecordInfo {
				key: key.clone(),
				enrolled_by: provider,
				enrolled_at: block,
				nonce: 0,
				entries: 0,
				consents: 1,
				audits: 0,
			},
		);
		Keys::<T>::insert(&key, KeyUse { record, retired: false });
		let terms = ConsentTerms {
			grantee: provider,
			scope: Scope::All,
			purpose: Purpose::Treatment,
			access: Access::ReadWrite,
			expires: None,
		};
		Consents::<T>::insert(record, 0, Consent { terms, granted_at: block, revoked_at: None });
		LiveConsents::<T>::insert(
			record,
			provider,
			BoundedVec::try_from(alloc::vec![0]).map_err(|_| Error::<T>::TooManyLiveConsents)?,
		);
		Ok(())
	}

	/// Refuses a key that holds, or held, a record.
	pub(crate) fn ensure_unused(key: &T::PatientKey) -> Result<(), Error<T>> {
		match Keys::<T>::get(key) {
			Some(used) if used.retired => Err(Error::<T>::KeyRetired),
			Some(_) => Err(Error::<T>::KeyAlreadyEnrolled),
			None => Ok(()),
		}
	}

	/// Moves `record` to `new_key` and retires its old key. A waiting recovery is dropped: the
	/// record's key has changed under it.
	pub(crate) fn rekey(record: &RecordId, mut info: RecordOf<T>, new_key: T::PatientKey) {
		Keys::<T>::insert(&info.key, KeyUse { record: *record, retired: true });
		Keys::<T>::insert(&new_key, KeyUse { record: *record, retired: false });
		info.key = new_key;
		PatientRecords::<T>::insert(record, info);
		Recoveries::<T>::remove(record);
	}

	/// What allows `org` to access `resource_type` entries of `record` for `purpose` (to add
	/// one, if `write`) at this block: the first of its live consents that allows it, else its
	/// emergency access. Refused, the reason is that of the consent that came closest: one for
	/// the right purpose and scope that expired says more than one for another purpose.
	pub(crate) fn decide(
		record: &RecordId,
		org: OrgId,
		resource_type: ResourceType,
		purpose: Purpose,
		write: bool,
	) -> Result<GrantOf<T>, Refusal> {
		let now = Self::now();
		let mut closest = Refusal::NoConsent;
		for id in LiveConsents::<T>::get(record, org) {
			let Some(consent) = Consents::<T>::get(record, id) else { continue };
			let refusal = if consent.terms.purpose != purpose {
				Refusal::PurposeNotConsented
			} else if !consent.terms.scope.covers(resource_type) {
				Refusal::ScopeDoesNotCover
			} else if write && consent.terms.access == Access::Read {
				Refusal::ConsentReadOnly
			} else if consent.revoked_at.is_some() {
				Refusal::ConsentWasRevoked
			} else if consent.terms.expires.is_some_and(|end| now >= end) {
				Refusal::ConsentExpired
			} else {
				return Ok(Grant::Consent(id));
			};
			closest = closest.max(refusal);
		}
		let treating = matches!(purpose, Purpose::Treatment | Purpose::EmergencyTreatment);
		if let Some(until) = Emergencies::<T>::get(record, org) {
			if treating && frame_system::Pallet::<T>::block_number() <= until {
				return Ok(Grant::Emergency { until });
			}
		}
		Err(closest)
	}

	/// The purpose an audit line of a write states: emergency treatment under an emergency
	/// access, treatment under a consent.
	pub(crate) fn purpose_of(grant: &GrantOf<T>) -> Purpose {
		match grant {
			Grant::Consent(_) => Purpose::Treatment,
			Grant::Emergency { .. } => Purpose::EmergencyTreatment,
		}
	}

	/// Writes the next line of `record`'s audit trail and counts it in `info` (which the
	/// caller stores); refuses when the trail is full, so that nothing goes unaudited.
	pub(crate) fn audit(
		record: &RecordId,
		info: &mut RecordOf<T>,
		org: OrgId,
		account: T::AccountId,
		action: AuditAction,
		purpose: Purpose,
		grant: GrantOf<T>,
	) -> Result<AuditIndex, Error<T>> {
		let index = info.audits;
		ensure!(index < T::MaxAuditEntriesPerRecord::get(), Error::<T>::AuditTrailFull);
		AuditTrail::<T>::insert(
			record,
			index,
			AuditEntry {
				org,
				account,
				action,
				purpose,
				grant,
				block: frame_system::Pallet::<T>::block_number(),
				at: Self::now(),
			},
		);
		info.audits = index + 1;
		Ok(index)
	}

	/// Checks `terms` and adds them as the record's next consent, and to the grantee's live
	/// consents, from which the revoked and expired ones leave first.
	pub(crate) fn add_consent(
		record: &RecordId,
		info: &mut RecordOf<T>,
		terms: ConsentTerms,
	) -> Result<ConsentId, Error<T>> {
		if let Scope::Only(types) = terms.scope {
			ensure!(types.is_well_formed(), Error::<T>::EmptyScope);
		}
		let now = Self::now();
		ensure!(terms.expires.is_none_or(|end| end > now), Error::<T>::ExpiryInPast);
		let needs = match (terms.purpose, terms.access) {
			(Purpose::Research, Access::Read) => Some(Capability::ReadResearchData),
			(Purpose::PublicHealth, Access::Read) => None,
			_ => Some(Capability::ProvideCare),
		};
		let eligible = match needs {
			Some(capability) => T::Registry::org_has_capability(terms.grantee, capability),
			None => T::Registry::region_of(terms.grantee).is_some(),
		};
		ensure!(eligible, Error::<T>::GranteeNotEligible);
		let id = info.consents;
		ensure!(id < T::MaxConsentsPerRecord::get(), Error::<T>::TooManyConsents);
		let mut live: Vec<ConsentId> = LiveConsents::<T>::get(record, terms.grantee)
			.into_iter()
			.filter(|id| {
				Consents::<T>::get(record, id).is_some_and(|c| {
					c.revoked_at.is_none() && c.terms.expires.is_none_or(|end| end > now)
				})
			})
			.collect();
		live.push(id);
		let live = BoundedVec::<_, T::MaxLiveConsentsPerGrantee>::try_from(live)
			.map_err(|_| Error::<T>::TooManyLiveConsents)?;
		LiveConsents::<T>::insert(record, terms.grantee, live);
		Consents::<T>::insert(
			record,
			id,
			Consent {
				terms,
				granted_at: frame_system::Pallet::<T>::block_number(),
				revoked_at: None,
			},
		);
		info.consents = id + 1;
		Ok(id)
	}
}
