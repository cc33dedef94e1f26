//! The gatekeeper's store on disk (redb): sealed documents by content hash with the record and
//! entry they belong to (for good), wrapped document keys by (document, account), written once,
//! accounts' published X25519 keys with their signatures, and the bytes each account stored.
//! Nothing in it can be read without a reader's secret key.

use std::path::Path;

use anyhow::Context;
use redb::{Database, ReadableTable, TableDefinition};

/// Sealed documents by content hash.
const DOCUMENTS: TableDefinition<&[u8; 32], &[u8]> = TableDefinition::new("documents");
/// The record and entry of each document: 32 bytes of record id, 4 of entry index (LE).
const DOCUMENT_ENTRIES: TableDefinition<&[u8; 32], &[u8; 36]> =
	TableDefinition::new("document_entries");
/// Wrapped document keys by content hash and account.
const WRAPPED_KEYS: TableDefinition<(&[u8; 32], &[u8; 32]), &[u8]> =
	TableDefinition::new("wrapped_keys");
/// Published X25519 keys and their owners' signatures, by account.
const SIGNED_KEYS: TableDefinition<&[u8; 32], &[u8; 96]> = TableDefinition::new("signed_keys");
/// The bytes each account has stored.
const USAGE: TableDefinition<&[u8; 32], u64> = TableDefinition::new("usage");

/// Why a write was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
	/// It is there already, and is never replaced.
	Exists,
	/// The account would store more than its quota.
	OverQuota {
		/// What it has stored.
		used: u64,
	},
}

/// Counts `bytes` against `account`'s `quota` in `usage`, unless that would pass it; the caller's
/// transaction is dropped, and so nothing written, when it is refused.
fn charge(
	usage: &mut redb::Table<&[u8; 32], u64>,
	account: &[u8; 32],
	bytes: &[u8],
	quota: u64,
) -> anyhow::Result<Result<(), Refused>> {
	let used = usage.get(account)?.map(|v| v.value()).unwrap_or(0);
	let after = used.saturating_add(bytes.len() as u64);
	if after > quota {
		return Ok(Err(Refused::OverQuota { used }));
	}
	usage.insert(account, after)?;
	Ok(Ok(()))
}

/// The store.
pub struct Store {
	db: Database,
}

impl Store {
	/// Opens (or creates) the store in `dir`.
	pub fn open(dir: &Path) -> anyhow::Result<Store> {
		std::fs::create_dir_all(dir)
			.with_context(|| format!("could not create the data directory {}", dir.display()))?;
		let path = dir.join("gatekeeper.redb");
		let db = Database::create(&path)
			.with_context(|| format!("could not open the store {}", path.display()))?;
		let write = db.begin_write()?;
		write.open_table(DOCUMENTS)?;
		write.open_table(DOCUMENT_ENTRIES)?;
		write.open_table(WRAPPED_KEYS)?;
		write.open_table(SIGNED_KEYS)?;
		write.open_table(USAGE)?;
		write.commit()?;
		Ok(Store { db })
	}

	/// Stores the sealed document of `record`'s entry `entry`, counted against `account`'s
	/// `quota`; a document already stored is never replaced nor bound to another entry.
	pub fn put_document(
		&self,
		hash: &[u8; 32],
		bytes: &[u8],
		record: &[u8; 32],
		entry: u32,
		account: &[u8; 32],
		quota: u64,
	) -> anyhow::Result<Result<(), Refused>> {
		let mut binding = [0u8; 36];
		binding[..32].copy_from_slice(record);
		binding[32..].copy_from_slice(&entry.to_le_bytes());
		let write = self.db.begin_write()?;
		{
			let mut documents = write.open_table(DOCUMENTS)?;
			if documents.get(hash)?.is_some() {
				return Ok(Err(Refused::Exists));
			}
			if let Err(refused) = charge(&mut write.open_table(USAGE)?, account, bytes, quota)? {
				return Ok(Err(refused));
			}
			documents.insert(hash, bytes)?;
			write.open_table(DOCUMENT_ENTRIES)?.insert(hash, &binding)?;
		}
		write.commit()?;
		Ok(Ok(()))
	}

	/// A sealed document.
	pub fn document(&self, hash: &[u8; 32]) -> anyhow::Result<Option<Vec<u8>>> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(DOCUMENTS)?.get(hash)?.map(|v| v.value().to_vec()))
	}

	/// The record and entry a document was stored for.
	pub fn document_entry(&self, hash: &[u8; 32]) -> anyhow::Result<Option<([u8; 32], u32)>> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(DOCUMENT_ENTRIES)?.get(hash)?.map(|v| {
			let binding = v.value();
			(
				binding[..32].try_into().expect("32 bytes"),
				u32::from_le_bytes(binding[32..].try_into().expect("4 bytes")),
			)
		}))
	}

	/// Stores the document key of `hash` wrapped for `reader`, counted against `account`'s
	/// `quota`; a key once stored for a reader is never replaced.
	pub fn put_wrapped_key(
		&self,
		hash: &[u8; 32],
		reader: &[u8; 32],
		wrapped: &[u8],
		account: &[u8; 32],
		quota: u64,
	) -> anyhow::Result<Result<(), Refused>> {
		let write = self.db.begin_write()?;
		{
			let mut keys = write.open_table(WRAPPED_KEYS)?;
			if keys.get((hash, reader))?.is_some() {
				return Ok(Err(Refused::Exists));
			}
			if let Err(refused) = charge(&mut write.open_table(USAGE)?, account, wrapped, quota)? {
				return Ok(Err(refused));
			}
			keys.insert((hash, reader), wrapped)?;
		}
		write.commit()?;
		Ok(Ok(()))
	}

	/// The document key of `hash` wrapped for `account`.
	pub fn wrapped_key(
		&self,
		hash: &[u8; 32],
		account: &[u8; 32],
	) -> anyhow::Result<Option<Vec<u8>>> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(WRAPPED_KEYS)?.get((hash, account))?.map(|v| v.value().to_vec()))
	}

	/// Publishes `account`'s X25519 key with its signature (checked by the caller).
	pub fn put_encryption_key(&self, account: &[u8; 32], signed: &[u8; 96]) -> anyhow::Result<()> {
		let write = self.db.begin_write()?;
		write.open_table(SIGNED_KEYS)?.insert(account, signed)?;
		write.commit()?;
		Ok(())
	}

	/// `account`'s published X25519 key and its signature.
	pub fn encryption_key(&self, account: &[u8; 32]) -> anyhow::Result<Option<[u8; 96]>> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(SIGNED_KEYS)?.get(account)?.map(|v| *v.value()))
	}

	/// The bytes `account` has stored.
	pub fn usage(&self, account: &[u8; 32]) -> anyhow::Result<u64> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(USAGE)?.get(account)?.map(|v| v.value()).unwrap_or(0))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn documents_keys_and_published_keys_survive_a_reopen() {
		let dir = tempfile::tempdir().unwrap();
		{
			let store = Store::open(dir.path()).unwrap();
			assert_eq!(
				store.put_document(&[1; 32], b"sealed", &[2; 32], 3, &[9; 32], 100).unwrap(),
				Ok(())
			);
			assert_eq!(
				store.put_wrapped_key(&[1; 32], &[4; 32], b"wrapped", &[9; 32], 100).unwrap(),
				Ok(())
			);
			store.put_encryption_key(&[4; 32], &[5; 96]).unwrap();
		}
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.document(&[1; 32]).unwrap().unwrap(), b"sealed");
		assert_eq!(store.document_entry(&[1; 32]).unwrap(), Some(([2; 32], 3)));
		assert_eq!(store.wrapped_key(&[1; 32], &[4; 32]).unwrap().unwrap(), b"wrapped");
		assert_eq!(store.wrapped_key(&[1; 32], &[9; 32]).unwrap(), None);
		assert_eq!(store.encryption_key(&[4; 32]).unwrap(), Some([5; 96]));
		assert_eq!(store.document(&[7; 32]).unwrap(), None);
		assert_eq!(store.usage(&[9; 32]).unwrap(), 13);
	}

	#[test]
	fn nothing_stored_is_replaced_or_rebound_and_quotas_hold() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(
			store.put_document(&[1; 32], b"sealed", &[2; 32], 0, &[9; 32], 10).unwrap(),
			Ok(())
		);
		// Another record, another entry, other bytes: the first binding stays.
		assert_eq!(
			store.put_document(&[1; 32], b"other", &[3; 32], 5, &[8; 32], 10).unwrap(),
			Err(Refused::Exists)
		);
		assert_eq!(store.document_entry(&[1; 32]).unwrap(), Some(([2; 32], 0)));
		assert_eq!(store.put_wrapped_key(&[1; 32], &[4; 32], b"k1", &[9; 32], 10).unwrap(), Ok(()));
		assert_eq!(
			store.put_wrapped_key(&[1; 32], &[4; 32], b"k2", &[9; 32], 10).unwrap(),
			Err(Refused::Exists)
		);
		assert_eq!(store.wrapped_key(&[1; 32], &[4; 32]).unwrap().unwrap(), b"k1");
		// 6 + 2 bytes used of 10: three more are refused, the account's next document too.
		assert_eq!(
			store.put_wrapped_key(&[1; 32], &[5; 32], b"abc", &[9; 32], 10).unwrap(),
			Err(Refused::OverQuota { used: 8 })
		);
		assert_eq!(
			store.put_document(&[6; 32], b"xyz", &[2; 32], 1, &[9; 32], 10).unwrap(),
			Err(Refused::OverQuota { used: 8 })
		);
		// Another account has its own quota.
		assert_eq!(
			store.put_document(&[6; 32], b"xyz", &[2; 32], 1, &[8; 32], 10).unwrap(),
			Ok(())
		);
	}
}
