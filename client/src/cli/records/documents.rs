//! `healthnet records put | get | share | publish-key`: documents sealed on this machine, kept
//! by the gatekeeper, released to readers the chain allows and has audited.

use healthnet_client::{documents, gatekeeper::Gatekeeper, keys, records, Error, Included};
use serde_json::json;
use subxt::utils::H256;

use super::{resolve, RecordsCommand};
use crate::cli::{
	output::{done, Output},
	session::Session,
};

/// Runs a document command of [`RecordsCommand`].
pub async fn run(session: &Session, command: RecordsCommand) -> Result<Output, Error> {
	Ok(match command {
		RecordsCommand::Put { record, file, resource_type, supersedes, share_with, gatekeeper } => {
			let record = resolve(session, &record).await?;
			let resource_type = records::resource_type(&resource_type)?;
			let plaintext = std::fs::read(&file).map_err(|e| {
				Error::BadInput(format!("could not read the document {}: {e}", file.display()))
			})?;
			let gatekeeper = gatekeeper.open()?;
			let signer = session.signer()?;
			let author = session.account()?;
			let (org, ..) = session.client.organisation_of(&author).await?.ok_or_else(|| {
				Error::BadInput("your account is a member of no organisation".into())
			})?;
			let base = session.client.document_base(org).await?;
			if base.as_deref() != Some(gatekeeper.document_base().as_str()) {
				return Err(Error::BadInput(format!(
					"your organisation's entries point to {}, not to this gatekeeper ({}): an administrator registers it with `healthnet records document-base {}`",
					base.as_deref().unwrap_or("no document base"),
					gatekeeper.document_base(),
					gatekeeper.document_base(),
				)));
			}
			let sealed = documents::seal(&plaintext);
			// The entry first: the gatekeeper stores a document only for the organisation whose
			// finalized entry names its hash.
			let call = records::add_entry(record, resource_type, sealed.hash, supersedes)?;
			let included = session.send(call).await?;
			let entry = records::number_after_record(&included, "EntryAdded")?;
			gatekeeper.upload(&signer, record, entry, &sealed).await.map_err(|e| {
				Error::Node(format!(
					"entry {entry} was added, but its document did not reach the gatekeeper: {e}"
				))
			})?;
			// The author, the patient (if their device published a key) and whoever is named.
			let mut readers = vec![author];
			if let Some(info) = session.client.record(record, None).await? {
				readers.push(info.key);
			}
			for account in &share_with {
				readers.push(keys::account(account)?);
			}
			let mut shared = Vec::new();
			for reader in readers {
				if let Some(key) = gatekeeper.encryption_key(&reader).await? {
					let wrapped = documents::wrap(&sealed.key, sealed.hash, &key);
					gatekeeper.share(&signer, sealed.hash, &reader, wrapped).await?;
					shared.push(reader.to_string());
				}
			}
			let mut output = done(
				included,
				format!(
					"added the {} as entry {entry} ({:?}), readable by {}",
					resource_type.name(),
					sealed.hash,
					shared.join(", ")
				),
			);
			output.json["entry"] = json!(entry);
			output.json["content_hash"] = json!(sealed.hash);
			output
		},
		RecordsCommand::Get { record, entry, out, purpose, gatekeeper } => {
			let gatekeeper = gatekeeper.open()?;
			let record = resolve(session, &record).await?;
			let fetched = fetch(session, &gatekeeper, record, entry, &purpose).await?;
			let plaintext = documents::open(&fetched.sealed, &fetched.key)?;
			std::fs::write(&out, &plaintext)
				.map_err(|e| Error::BadInput(format!("could not write {}: {e}", out.display())))?;
			done(
				fetched.access,
				format!(
					"wrote entry {entry} ({} bytes, hash checked) to {}",
					plaintext.len(),
					out.display()
				),
			)
		},
		RecordsCommand::Share { record, entry, with, gatekeeper } => {
			let gatekeeper = gatekeeper.open()?;
			let record = resolve(session, &record).await?;
			let fetched = fetch(session, &gatekeeper, record, entry, "treatment").await?;
			let reader = keys::account(&with)?;
			let their_key = gatekeeper.encryption_key(&reader).await?.ok_or_else(|| {
				Error::NotFound(format!(
					"{reader} has published no key on the gatekeeper (`healthnet records publish-key`)"
				))
			})?;
			let wrapped = documents::wrap(&fetched.key, fetched.hash, &their_key);
			gatekeeper.share(&session.signer()?, fetched.hash, &reader, wrapped).await?;
			done(fetched.access, format!("shared entry {entry} with {reader}"))
		},
		RecordsCommand::PublishKey { patient_suri, gatekeeper } => {
			let gatekeeper = gatekeeper.open()?;
			let (signer, secret) = match patient_suri {
				Some(suri) => (keys::signer(&suri)?, documents::encryption_secret(&suri)?),
				None => (session.signer()?, session.encryption_secret()?),
			};
			gatekeeper.publish_key(&signer, documents::encryption_public(&secret)).await?;
			let account = signer.public_key().to_account_id();
			Output::new(
				format!("published the encryption key of {account}"),
				json!({ "account": account }),
			)
		},
		_ => unreachable!("only document commands are handed here"),
	})
}

/// An entry's document as its reader holds it: the audited access, the sealed bytes (their
/// hash checked against the entry's) and the unwrapped key.
struct Fetched {
	access: Included,
	hash: H256,
	sealed: Vec<u8>,
	key: [u8; 32],
}

/// Records the session account's access to `entry` for `purpose` (the chain checks consent and
/// writes the audit line the gatekeeper waits for), downloads the document, checks its hash
/// and unwraps its key.
async fn fetch(
	session: &Session,
	gatekeeper: &Gatekeeper,
	record: H256,
	entry: u32,
	purpose: &str,
) -> Result<Fetched, Error> {
	let view = session
		.client
		.record_entry(record, entry, None)
		.await?
		.ok_or_else(|| Error::NotFound(format!("the record has no entry {entry}")))?;
	let access =
		session.send(records::record_access(record, entry, records::purpose(purpose)?)?).await?;
	let released =
		gatekeeper.download(&session.signer()?, record, entry, view.content_hash, purpose).await?;
	if documents::hash_of(&released.sealed) != view.content_hash {
		return Err(Error::BadInput(format!(
			"the gatekeeper sent a document whose hash is not entry {entry}'s; nothing was written"
		)));
	}
	let key =
		documents::unwrap(&released.wrapped_key, view.content_hash, &session.encryption_secret()?)?;
	Ok(Fetched { access, hash: view.content_hash, sealed: released.sealed, key })
}
