//! What the view functions answer: access decisions, and pages of a record's entries,
//! consents and audit trail. The view functions in `lib.rs` (which the runtime API and the
//! node's `healthnet_*` JSON-RPC methods call) hand each question to one of these.

use super::*;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// What [`Pallet::can_access`] answers.
	pub(crate) fn access_decision(
		reader: T::AccountId,
		record: RecordId,
		resource_type: ResourceType,
		purpose: Purpose,
	) -> AccessDecision<BlockNumberFor<T>> {
		let org = match Self::clinician(&reader) {
			Ok(org) => org,
			Err(Error::NotAClinician) => return AccessDecision::Refused(Refusal::NotAClinician),
			Err(_) => return AccessDecision::Refused(Refusal::NotAMember),
		};
		if !PatientRecords::<T>::contains_key(record) {
			return AccessDecision::Refused(Refusal::UnknownRecord);
		}
		match Self::decide(&record, org, resource_type, purpose, false) {
			Ok(grant) => AccessDecision::Allowed(grant),
			Err(refusal) => AccessDecision::Refused(refusal),
		}
	}

	/// What [`Pallet::entries`] answers.
	pub(crate) fn entries_page(
		record: RecordId,
		from: EntryIndex,
		limit: u32,
	) -> Vec<EntryView<BlockNumberFor<T>>> {
		Self::page(from, limit, |index| {
			Entries::<T>::get(record, index).map(|entry| EntryView {
				index,
				resource_type: entry.resource_type,
				content_hash: entry.content_hash,
				pointer: DocumentBases::<T>::get(entry.author)
					.map(|base| pointer_of(&base, &entry.content_hash))
					.unwrap_or_default(),
				author: entry.author,
				block: entry.block,
				at: entry.at,
				supersedes: entry.supersedes,
				superseded_by: entry.superseded_by,
			})
		})
	}

	/// What [`Pallet::consents`] answers.
	pub(crate) fn consents_page(
		record: RecordId,
		from: ConsentId,
	) -> Vec<ConsentView<BlockNumberFor<T>>> {
		Self::page(from, MAX_PAGE, |id| {
			Consents::<T>::get(record, id).map(|consent| ConsentView {
				id,
				terms: consent.terms,
				granted_at: consent.granted_at,
				revoked_at: consent.revoked_at,
			})
		})
	}

	/// What [`Pallet::audit_trail`] answers.
	pub(crate) fn audit_page(
		record: RecordId,
		from: AuditIndex,
		limit: u32,
	) -> Vec<AuditEntryOf<T>> {
		Self::page(from, limit, |index| AuditTrail::<T>::get(record, index))
	}

	/// The items `from`, `from + 1`, ... that `get` finds, at most `limit` and [`MAX_PAGE`],
	/// up to the first it does not find (items are numbered without gaps).
	fn page<V>(from: u32, limit: u32, get: impl Fn(u32) -> Option<V>) -> Vec<V> {
		(from..from.saturating_add(limit.min(MAX_PAGE))).map_while(get).collect()
	}
}
