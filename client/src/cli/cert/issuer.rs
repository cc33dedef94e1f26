//! `healthnet cert issuer`: the trust list — an issuer's signing keys, their suspension and
//! removal, and the suspension of an issuer by an authority over it.

use std::path::PathBuf;

use clap::Subcommand;
use healthnet_client::{
	certificates::{self, parse_key_id},
	period,
	portable::{kind_word, signing_key_id},
	Error,
};
use healthnet_primitives::{
	certificates::{KeyId, KeyStatus},
	OrgId,
};
use serde_json::json;

use super::super::{
	output::{done, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum IssuerCommand {
	/// Register a signing key of your organisation (one that may issue certificates). The key
	/// file is made, readable by you only, if it does not exist.
	AddKey {
		/// The file holding the Ed25519 seed (64 hex digits).
		#[arg(long)]
		key_file: PathBuf,
		/// The kinds it signs, comma-separated: test-result, vaccination, recovery,
		/// infectivity.
		#[arg(long)]
		kinds: String,
		/// For how many days from now it may sign.
		#[arg(long, default_value_t = 365)]
		valid_days: u64,
	},
	/// Suspend a key (its organisation, an authority over it).
	SuspendKey {
		/// The key id (16 hex digits).
		key: String,
	},
	/// Reinstate a suspended key.
	ReinstateKey {
		/// The key id (16 hex digits).
		key: String,
	},
	/// Remove a key for good: what it signed verifies as "key removed".
	RemoveKey {
		/// The key id (16 hex digits).
		key: String,
	},
	/// Suspend an issuer (an authority over its region).
	Suspend {
		/// The issuing organisation.
		org: OrgId,
	},
	/// Reinstate a suspended issuer.
	Reinstate {
		/// The issuing organisation.
		org: OrgId,
	},
	/// The trust list: every key with its issuer, kinds, validity and status.
	List,
}

fn key(text: &str) -> Result<KeyId, Error> {
	parse_key_id(text)
}

pub async fn run(session: &Session, command: IssuerCommand) -> Result<Output, Error> {
	match command {
		IssuerCommand::AddKey { key_file, kinds, valid_days } => {
			let kinds = certificates::kinds(&kinds)?;
			let signing = certificates::signing_key(&key_file, true)?;
			let now = period::now_seconds();
			let (org, ..) =
				session.client.organisation_of(&session.account()?).await?.ok_or_else(|| {
					Error::BadInput("your account is a member of no organisation".into())
				})?;
			let genesis = session.client.subxt().genesis_hash();
			let call = certificates::add_issuer_key(
				&signing,
				org,
				genesis,
				kinds,
				now,
				now + valid_days * 86_400,
			)?;
			let id = format!("0x{}", hex::encode(signing_key_id(&signing)));
			let mut output = done(session.send(call).await?, format!("registered key {id}"));
			output.json["key"] = json!(id);
			Ok(output)
		},
		IssuerCommand::SuspendKey { key: k } => Ok(done(
			session.send(certificates::suspend_issuer_key(key(&k)?)).await?,
			format!("suspended key {k}"),
		)),
		IssuerCommand::ReinstateKey { key: k } => Ok(done(
			session.send(certificates::reinstate_issuer_key(key(&k)?)).await?,
			format!("reinstated key {k}"),
		)),
		IssuerCommand::RemoveKey { key: k } => Ok(done(
			session.send(certificates::remove_issuer_key(key(&k)?)).await?,
			format!("removed key {k}"),
		)),
		IssuerCommand::Suspend { org } => Ok(done(
			session.send(certificates::suspend_issuer(org)).await?,
			format!("suspended issuer {org}"),
		)),
		IssuerCommand::Reinstate { org } => Ok(done(
			session.send(certificates::reinstate_issuer(org)).await?,
			format!("reinstated issuer {org}"),
		)),
		IssuerCommand::List => {
			let trust = session.client.trust_list().await?;
			let mut lines = vec![format!("trust list at block #{}", trust.block)];
			for listed in &trust.list.keys {
				let k = &listed.key;
				let status = match k.status {
					KeyStatus::Active => "active".to_string(),
					KeyStatus::Suspended { at, by_authority } => format!(
						"suspended at block {at}{}",
						if by_authority { " by an authority" } else { "" }
					),
					KeyStatus::Removed { at } => format!("removed at block {at}"),
				};
				let kinds: Vec<_> = k.kinds.kinds().into_iter().map(kind_word).collect();
				lines.push(format!(
					"0x{} issuer {} [{}] {} to {}, {status}",
					hex::encode(listed.id),
					k.org,
					kinds.join(", "),
					period::moment(k.valid_from),
					period::moment(k.valid_until),
				));
			}
			for (org, at) in &trust.list.suspended_issuers {
				lines.push(format!("issuer {org} suspended at block {at}"));
			}
			Ok(Output::new(lines.join("\n"), json!(trust)))
		},
	}
}
