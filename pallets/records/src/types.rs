//! The records' storage types. What apps read of them (ids, resource types, consent terms,
//! audit lines) is defined in `healthnet_primitives::records` and re-exported here.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::OrgId;
use scale_info::TypeInfo;
use sp_core::H256;

pub use healthnet_primitives::records::*;

use crate::Config;

/// One entry of a record: a FHIR resource kept encrypted off chain, known here by its hash.
/// Where it lives is its author's registered document base and the hash, nothing written per
/// entry, so that no entry can carry a word about the patient.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Entry<BlockNumber> {
	/// The resource it holds.
	pub resource_type: ResourceType,
	/// The BLAKE2b-256 hash of the encrypted document.
	pub content_hash: H256,
	/// The organisation that wrote it.
	pub author: OrgId,
	/// The block that included it.
	pub block: BlockNumber,
	/// The chain's time then.
	pub at: Moment,
	/// The entry it corrects.
	pub supersedes: Option<EntryIndex>,
	/// The entry that corrects it.
	pub superseded_by: Option<EntryIndex>,
}

/// A consent as the chain keeps it: its terms, and when it was granted and revoked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Consent<BlockNumber> {
	/// What it grants.
	pub terms: ConsentTerms,
	/// The block of the grant.
	pub granted_at: BlockNumber,
	/// The block of the revocation, from which it allows nothing.
	pub revoked_at: Option<BlockNumber>,
}

/// Which record a patient key holds, and whether the patient has moved away from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct KeyUse {
	/// The record.
	pub record: RecordId,
	/// Whether the record has moved to another key; a retired key can do nothing, and can
	/// never be enrolled again.
	pub retired: bool,
}

/// A key move the enrolling provider asked for, waiting for its delay and its authority's
/// approval.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Recovery<Key, BlockNumber> {
	/// The key the record moves to.
	pub new_key: Key,
	/// The enrolling provider that asked.
	pub provider: OrgId,
	/// The block of the request.
	pub requested_at: BlockNumber,
	/// The first block at which it may be approved.
	pub due: BlockNumber,
}

/// An organisation's open emergency access to a record: until when, and the declaration that
/// opened it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EmergencyAccess<BlockNumber> {
	/// The last block it covers.
	pub until: BlockNumber,
	/// The declaration, for its review.
	pub declaration: DeclarationId,
}

/// How many of something an organisation did on one day, shared by the pallets that bound a
/// day's work.
pub use healthnet_primitives::DayCount;

/// A record as the runtime stores it.
pub type RecordOf<T> = RecordInfo<<T as Config>::PatientKey, BlockNumberFor<T>>;
/// An entry as the runtime stores it.
pub type EntryOf<T> = Entry<BlockNumberFor<T>>;
/// A consent as the runtime stores it.
pub type ConsentOf<T> = Consent<BlockNumberFor<T>>;
/// An audit line as the runtime stores it.
pub type AuditEntryOf<T> = AuditEntry<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// A grant as the runtime stores it.
pub type GrantOf<T> = Grant<BlockNumberFor<T>>;
/// A pending recovery as the runtime stores it.
pub type RecoveryOf<T> = Recovery<<T as Config>::PatientKey, BlockNumberFor<T>>;
/// A document base as a call gives it and the pallet stores it.
pub type DocumentBase<T> = BoundedVec<u8, <T as Config>::MaxPointerLength>;

/// The length of what a pointer adds to its base: `/` and the hash in hex.
pub const POINTER_TAIL: usize = 65;

/// Whether `base` may be an organisation's document base: an `http://` or `https://` address
/// in visible ASCII, with no query, fragment or trailing `/`, short enough that the pointer
/// (`base/hash`) fits in `max_pointer` bytes.
pub fn is_document_base(base: &[u8], max_pointer: u32) -> bool {
	let rest = base
		.strip_prefix(b"https://".as_slice())
		.or_else(|| base.strip_prefix(b"http://".as_slice()));
	rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with(b"/"))
		&& base.len() + POINTER_TAIL <= max_pointer as usize
		&& !base.ends_with(b"/")
		&& base.iter().all(|b| b.is_ascii_graphic() && *b != b'?' && *b != b'#')
}

/// The pointer to the document `hash` under `base`: `base/` and the hash in lowercase hex.
pub fn pointer_of(base: &[u8], hash: &H256) -> alloc::vec::Vec<u8> {
	const HEX: &[u8; 16] = b"0123456789abcdef";
	let mut pointer = alloc::vec::Vec::with_capacity(base.len() + POINTER_TAIL);
	pointer.extend_from_slice(base);
	pointer.push(b'/');
	for byte in hash.as_bytes() {
		pointer.push(HEX[usize::from(byte >> 4)]);
		pointer.push(HEX[usize::from(byte & 0xf)]);
	}
	pointer
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_document_base_is_an_address_with_nothing_after_it() {
		assert!(is_document_base(b"https://gk.example/documents", 128));
		assert!(is_document_base(b"http://127.0.0.1:8090/documents", 128));
		for bad in [
			b"gk.example/documents".as_slice(),
			b"https://",
			b"https:///x",
			b"https://gk.example/documents/",
			b"https://gk.example/d?name=Asha",
			b"https://gk.example/d#Asha",
			b"https://gk example/d",
			"https://gk.example/dé".as_bytes(),
		] {
			assert!(!is_document_base(bad, 128), "{}", alloc::string::String::from_utf8_lossy(bad));
		}
		let long = alloc::format!("https://{}", "g".repeat(128 - 65 - 8));
		assert!(is_document_base(long.as_bytes(), 128));
		assert!(!is_document_base(alloc::format!("{long}g").as_bytes(), 128));
	}

	#[test]
	fn a_pointer_is_its_base_and_its_hash() {
		let pointer = pointer_of(b"https://gk.example/d", &H256::repeat_byte(0xab));
		assert_eq!(
			pointer,
			alloc::format!("https://gk.example/d/{}", "ab".repeat(32)).into_bytes()
		);
	}

	#[test]
	fn a_day_count_starts_again_each_day_and_stops_at_its_most() {
		let first = DayCount::default().one_more(5, 2).unwrap();
		let second = first.one_more(5, 2).unwrap();
		assert_eq!(second, DayCount { day: 5, count: 2 });
		assert_eq!(second.one_more(5, 2), None);
		assert_eq!(second.one_more(6, 2), Some(DayCount { day: 6, count: 1 }));
	}
}
