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
			Refusal::EmergencyReadOnly => Error::<T>::EmergencyReadOnly,
			Refusal::NotAClinician => Error::<T>::NotAClinician,
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

	/// The caller's organisation, if it is an active care provider and the caller holds
	/// `role` there (a clinician for patients' records, an administrator for the
	/// organisation's document base).
	pub(crate) fn care_provider(who: &T::AccountId, role: Role) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.capabilities.has(Capability::ProvideCare), Error::<T>::CannotProvideCare);
		ensure!(member.roles.has(role), Self::lacks(role));
		Ok(member.org)
	}

	/// The caller's organisation, if it is active and the caller a clinician there: who
	/// reads records, whatever the purpose.
	pub(crate) fn clinician(who: &T::AccountId) -> Result<OrgId, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.roles.has(Role::Clinician), Error::<T>::NotAClinician);
		Ok(member.org)
	}

	/// The refusal for a caller without `role`.
	fn lacks(role: Role) -> Error<T> {
		match role {
			Role::Clinician => Error::<T>::NotAClinician,
			_ => Error::<T>::NotAnAdmin,
		}
	}

	/// Checks that the account relaying a patient's statement is a member of an active
	/// organisation: the chain takes patients' statements from its members only.
	pub(crate) fn relayer(who: &T::AccountId) -> Result<OrgId, Error<T>> {
		Self::member(who)
	}

	/// Today, in days since 1970-01-01 (UTC), by the chain's clock.
	pub(crate) fn today() -> u32 {
		(Self::now() / 86_400_000) as u32
	}

	/// `who`'s membership, if `who` belongs to an active authority over `provider`'s
	/// region; the caller checks the role it needs.
	pub(crate) fn authority_over_provider(
		who: &T::AccountId,
		provider: OrgId,
	) -> Option<Membership> {
		T::Registry::region_of(provider)
			.and_then(|region| T::Registry::authority_over(who, &region))
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

	/// Checks that `key` signed `statement` about `record` with `nonce`, on this chain, valid
	/// until `valid_until`, which has not passed and lies no further ahead than
	/// [`Config::MaxStatementValidity`].
	pub(crate) fn verify_patient(
		key: &T::PatientKey,
		record: &RecordId,
		nonce: u64,
		valid_until: Moment,
		statement: &PatientStatement<T::PatientKey>,
		signature: &T::PatientSignature,
	) -> Result<(), Error<T>> {
		let now = Self::now();
		ensure!(now <= valid_until, Error::<T>::StatementExpired);
		ensure!(valid_until - now <= T::MaxStatementValidity::get(), Error::<T>::ValidityTooLong);
		let payload = patient_payload(&Self::genesis(), record, nonce, valid_until, statement);
		ensure!(signature.verify(&payload[..], key), Error::<T>::BadPatientSignature);
		Ok(())
	}

	/// The record, if its current key signed `statement` with a nonce above its last, valid
	/// until `valid_until`.
	pub(crate) fn signed_by_patient(
		record: &RecordId,
		nonce: u64,
		valid_until: Moment,
		statement: &PatientStatement<T::PatientKey>,
		signature: &T::PatientSignature,
	) -> Result<RecordOf<T>, Error<T>> {
		let info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		ensure!(nonce > info.nonce, Error::<T>::StaleNonce);
		Self::verify_patient(&info.key, record, nonce, valid_until, statement, signature)?;
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
	/// open emergency access, which reads only. Refused, the reason is that of the consent that
	/// came closest: one for the right purpose and scope that expired says more than one for
	/// another purpose.
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
		if let Some(open) = Emergencies::<T>::get(record, org) {
			if treating && frame_system::Pallet::<T>::block_number() <= open.until {
				if write {
					return Err(closest.max(Refusal::EmergencyReadOnly));
				}
				return Ok(Grant::Emergency { until: open.until });
			}
		}
		Err(closest)
	}

	/// Writes the next line of `record`'s audit trail and counts it in `info` (which the
	/// caller stores). The trail has no length limit: what bounds it is each organisation's
	/// daily read lines, its emergencies and the record's entries.
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
		let next = index.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let block = frame_system::Pallet::<T>::block_number();
		AuditTrail::<T>::insert(
			record,
			index,
			AuditEntry {
				org,
				account,
				action,
				purpose,
				grant,
				block,
				at: Self::now(),
				count: 1,
				last_block: block,
			},
		);
		info.audits = next;
		Ok(index)
	}

	/// Audits `account`'s read of `target` for `purpose` under `grant`, and stores `info`:
	/// one more on the line of its last such read if that line's first block is within
	/// [`Config::AuditCoalescePeriod`] blocks and the grant is the same, else a new line,
	/// which counts in the organisation's new read lines of the day.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn audit_read(
		record: &RecordId,
		info: &mut RecordOf<T>,
		org: OrgId,
		account: T::AccountId,
		target: AccessTarget,
		action: AuditAction,
		purpose: Purpose,
		grant: GrantOf<T>,
	) -> Result<AuditIndex, Error<T>> {
		let block = frame_system::Pallet::<T>::block_number();
		let key = (account.clone(), target, purpose);
		if let Some(mark) = ReadMarks::<T>::get(record, &key) {
			if block < mark.opened + T::AuditCoalescePeriod::get() {
				if let Some(mut line) = AuditTrail::<T>::get(record, mark.line) {
					if line.grant == grant {
						line.count = line.count.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
						line.last_block = block;
						AuditTrail::<T>::insert(record, mark.line, line);
						ReadMarks::<T>::insert(record, &key, AccessMark { last: block, ..mark });
						return Ok(mark.line);
					}
				}
			}
		}
		let lines = ReadLines::<T>::get(record, org)
			.one_more(Self::today(), T::MaxReadLinesPerDay::get())
			.ok_or(Error::<T>::TooManyReads)?;
		let line = Self::audit(record, info, org, account, action, purpose, grant)?;
		ReadLines::<T>::insert(record, org, lines);
		ReadMarks::<T>::insert(record, &key, AccessMark { line, opened: block, last: block });
		PatientRecords::<T>::insert(record, &*info);
		Ok(line)
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
