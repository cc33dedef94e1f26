//! Entries and their reading: a document base registered by a care provider's administrator,
//! entries written under a consent, and audited reads. The calls in `lib.rs` hand their signed
//! caller here.

use super::*;
use frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// [`Pallet::add_entry`] for `who`.
	pub(crate) fn write_entry(
		who: T::AccountId,
		record: RecordId,
		resource_type: ResourceType,
		content_hash: H256,
		supersedes: Option<EntryIndex>,
	) -> DispatchResult {
		let org = Self::care_provider(&who, Role::Clinician)?;
		let mut info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		ensure!(DocumentBases::<T>::contains_key(org), Error::<T>::NoDocumentBase);
		let grant = Self::decide(&record, org, resource_type, Purpose::Treatment, true)
			.map_err(Error::<T>::from)?;
		ensure!(info.entries < T::MaxEntriesPerRecord::get(), Error::<T>::TooManyEntries);
		let index = info.entries;
		if let Some(old) = supersedes {
			Entries::<T>::try_mutate(record, old, |entry| -> DispatchResult {
				let entry = entry.as_mut().ok_or(Error::<T>::UnknownEntry)?;
				ensure!(entry.author == org, Error::<T>::NotEntryAuthor);
				ensure!(entry.resource_type == resource_type, Error::<T>::SupersedesOtherType);
				ensure!(entry.superseded_by.is_none(), Error::<T>::AlreadySuperseded);
				entry.superseded_by = Some(index);
				Ok(())
			})?;
		}
		Self::audit(
			&record,
			&mut info,
			org,
			who,
			AuditAction::AddedEntry(index),
			Purpose::Treatment,
			grant,
		)?;
		let block = frame_system::Pallet::<T>::block_number();
		Entries::<T>::insert(
			record,
			index,
			Entry {
				resource_type,
				content_hash,
				author: org,
				block,
				at: Self::now(),
				supersedes,
				superseded_by: None,
			},
		);
		info.entries += 1;
		PatientRecords::<T>::insert(record, info);
		Self::deposit_event(Event::EntryAdded {
			record,
			entry: index,
			resource_type,
			author: org,
			supersedes,
		});
		Ok(())
	}

	/// [`Pallet::record_access`] for `who`.
	pub(crate) fn read_entry(
		who: T::AccountId,
		record: RecordId,
		target: AccessTarget,
		purpose: Purpose,
	) -> DispatchResult {
		let org = Self::clinician(&who)?;
		let mut info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		let (resource_type, action) = match target {
			AccessTarget::Entry(index) => {
				let entry = Entries::<T>::get(record, index).ok_or(Error::<T>::UnknownEntry)?;
				(entry.resource_type, AuditAction::ReadEntry(index))
			},
			AccessTarget::Type(t) => (t, AuditAction::ReadType(t)),
		};
		let grant =
			Self::decide(&record, org, resource_type, purpose, false).map_err(Error::<T>::from)?;
		let audit = Self::audit_read(&record, &mut info, org, who, target, action, purpose, grant)?;
		Self::deposit_event(Event::RecordAccessed {
			record,
			audit,
			org,
			purpose,
			emergency: matches!(grant, Grant::Emergency { .. }),
		});
		Ok(())
	}

	/// [`Pallet::set_document_base`] for `who`.
	pub(crate) fn register_base(who: T::AccountId, base: DocumentBase<T>) -> DispatchResult {
		let org = Self::care_provider(&who, Role::Admin)?;
		ensure!(is_document_base(&base, T::MaxPointerLength::get()), Error::<T>::BadDocumentBase);
		DocumentBases::<T>::insert(org, base);
		Self::deposit_event(Event::DocumentBaseSet { org });
		Ok(())
	}
}
