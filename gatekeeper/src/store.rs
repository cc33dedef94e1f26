//! The gatekeeper's store on disk (redb): sealed documents by content hash with the record and
//! resource type they belong to, wrapped document keys by (document, account), and accounts'
//! published X25519 keys. Nothing in it can be read without a reader's secret key.

use std::path::Path;

use anyhow::Context;
use redb::{Database, TableDefinition};

/// Sealed documents by content hash.
const DOCUMENTS: TableDefinition<&[u8; 32], &[u8]> = TableDefinition::new("documents");
/// The record and resource type of each document: 32 bytes of record id, one byte of type.
const DOCUMENT_RECORDS: TableDefinition<&[u8; 32], &[u8; 33]> =
	TableDefinition::new("document_records");
/// Wrapped document keys by content hash and account.
const WRAPPED_KEYS: TableDefinition<(&[u8; 32], &[u8; 32]), &[u8]> =
	TableDefinition::new("wrapped_keys");
/// Published X25519 keys by account.
const ENCRYPTION_KEYS: TableDefinition<&[u8; 32], &[u8; 32]> =
	TableDefinition::new("encryption_keys");

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
		write.open_table(DOCUMENT_RECORDS)?;
		write.open_table(WRAPPED_KEYS)?;
		write.open_table(ENCRYPTION_KEYS)?;
		write.commit()?;
		Ok(Store { db })
	}

	/// Stores a sealed document of `record` and `resource_type`; storing it again is a no-op.
	pub fn put_document(
		&self,
		hash: &[u8; 32],
		bytes: &[u8],
		record: &[u8; 32],
		resource_type: u8,
	) -> anyhow::Result<()> {
		let mut meta = [0u8; 33];
		meta[..32].copy_from_slice(record);
		meta[32] = resource_type;
		let write = self.db.begin_write()?;
		write.open_table(DOCUMENTS)?.insert(hash, bytes)?;
		write.open_table(DOCUMENT_RECORDS)?.insert(hash, &meta)?;
		write.commit()?;
		Ok(())
	}

	/// A sealed document.
	pub fn document(&self, hash: &[u8; 32]) -> anyhow::Result<Option<Vec<u8>>> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(DOCUMENTS)?.get(hash)?.map(|v| v.value().to_vec()))
	}

	/// The record and resource type a document was uploaded for.
	pub fn document_record(&self, hash: &[u8; 32]) -> anyhow::Result<Option<([u8; 32], u8)>> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(DOCUMENT_RECORDS)?.get(hash)?.map(|v| {
			let meta = v.value();
			(meta[..32].try_into().expect("32 bytes"), meta[32])
		}))
	}

	/// Stores the document key of `hash` wrapped for `account`.
	pub fn put_wrapped_key(
		&self,
		hash: &[u8; 32],
		account: &[u8; 32],
		wrapped: &[u8],
	) -> anyhow::Result<()> {
		let write = self.db.begin_write()?;
		write.open_table(WRAPPED_KEYS)?.insert((hash, account), wrapped)?;
		write.commit()?;
		Ok(())
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

	/// Publishes `account`'s X25519 key.
	pub fn put_encryption_key(&self, account: &[u8; 32], key: &[u8; 32]) -> anyhow::Result<()> {
		let write = self.db.begin_write()?;
		write.open_table(ENCRYPTION_KEYS)?.insert(account, key)?;
		write.commit()?;
		Ok(())
	}

	/// `account`'s published X25519 key.
	pub fn encryption_key(&self, account: &[u8; 32]) -> anyhow::Result<Option<[u8; 32]>> {
		let read = self.db.begin_read()?;
		Ok(read.open_table(ENCRYPTION_KEYS)?.get(account)?.map(|v| *v.value()))
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
			store.put_document(&[1; 32], b"sealed", &[2; 32], 3).unwrap();
			store.put_wrapped_key(&[1; 32], &[4; 32], b"wrapped").unwrap();
			store.put_encryption_key(&[4; 32], &[5; 32]).unwrap();
		}
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.document(&[1; 32]).unwrap().unwrap(), b"sealed");
		assert_eq!(store.document_record(&[1; 32]).unwrap(), Some(([2; 32], 3)));
		assert_eq!(store.wrapped_key(&[1; 32], &[4; 32]).unwrap().unwrap(), b"wrapped");
		assert_eq!(store.wrapped_key(&[1; 32], &[9; 32]).unwrap(), None);
		assert_eq!(store.encryption_key(&[4; 32]).unwrap(), Some([5; 32]));
		assert_eq!(store.document(&[7; 32]).unwrap(), None);
	}
}
