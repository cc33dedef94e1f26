//! The records' storage types. What apps read of them (ids, resource types, consent terms,
//! audit lines) is defined in `healthnet_primitives::records` and re-exported here.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::OrgId;
use scale_info::TypeInfo;
use sp_core::H256;

pub use healthnet_primitives::records::*;

use crate::Config;

/// One entry of a record: a FHIR resource kept encrypted off chain, known here by its hash and
/// its address.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxPointer))]
pub struct Entry<BlockNumber, MaxPointer: Get<u32>> {
	/// The resource it holds.
	pub resource_type: ResourceType,
	/// The BLAKE2b-256 hash of the encrypted document.
	pub content_hash: H256,
	/// Where the encrypted document lives; it ends in `/` and the hash in hex.
	pub pointer: BoundedVec<u8, MaxPointer>,
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

/// A key move the enrolling provider asked for, waiting for its authority's approval.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Recovery<Key, BlockNumber> {
	/// The key the record moves to.
	pub new_key: Key,
	/// The block of the request.
	pub requested_at: BlockNumber,
}

/// A record as the runtime stores it.
pub type RecordOf<T> = RecordInfo<<T as Config>::PatientKey, BlockNumberFor<T>>;
/// An entry as the runtime stores it.
pub type EntryOf<T> = Entry<BlockNumberFor<T>, <T as Config>::MaxPointerLength>;
/// A consent as the runtime stores it.
pub type ConsentOf<T> = Consent<BlockNumberFor<T>>;
/// An audit line as the runtime stores it.
pub type AuditEntryOf<T> = AuditEntry<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// A grant as the runtime stores it.
pub type GrantOf<T> = Grant<BlockNumberFor<T>>;
/// A pending recovery as the runtime stores it.
pub type RecoveryOf<T> = Recovery<<T as Config>::PatientKey, BlockNumberFor<T>>;
/// An entry's address as a call gives it.
pub type Pointer<T> = BoundedVec<u8, <T as Config>::MaxPointerLength>;

/// Whether `pointer` is an address that names the document by its hash only: visible ASCII,
/// no query or fragment, ending in `/` and `hash` in lowercase hex. Anything a pointer could
/// say about the patient would have to fit before that, in the gatekeeper's address.
pub fn is_content_addressed(pointer: &[u8], hash: &H256) -> bool {
	const HEX: &[u8; 16] = b"0123456789abcdef";
	let mut tail = [0u8; 65];
	tail[0] = b'/';
	for (i, byte) in hash.as_bytes().iter().enumerate() {
		tail[1 + 2 * i] = HEX[usize::from(byte >> 4)];
		tail[2 + 2 * i] = HEX[usize::from(byte & 0xf)];
	}
	pointer.len() > tail.len()
		&& pointer.ends_with(&tail)
		&& pointer.iter().all(|b| b.is_ascii_graphic() && *b != b'?' && *b != b'#')
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_pointer_must_end_in_its_hash_and_carry_nothing_else() {
		let hash = H256::repeat_byte(0xab);
		let good = alloc::format!("https://gk.example/d/{}", "ab".repeat(32));
		assert!(is_content_addressed(good.as_bytes(), &hash));
		assert!(!is_content_addressed(good.as_bytes(), &H256::repeat_byte(0xac)));
		let query = alloc::format!("https://gk.example/d?p=1/{}", "ab".repeat(32));
		assert!(!is_content_addressed(query.as_bytes(), &hash));
		let space = alloc::format!("https://gk example/d/{}", "ab".repeat(32));
		assert!(!is_content_addressed(space.as_bytes(), &hash));
		let upper = alloc::format!("https://gk.example/d/{}", "AB".repeat(32));
		assert!(!is_content_addressed(upper.as_bytes(), &hash));
		assert!(!is_content_addressed(alloc::format!("/{}", "ab".repeat(32)).as_bytes(), &hash));
	}
}
