//! `healthnet records consent`: consents and other statements the patient's key signs, at
//! the desk or offline into a file that any member relays.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use healthnet_client::{
	keys, period,
	records::{self, SignedStatement, Statement},
	Error,
};
use healthnet_primitives::OrgId;
use serde_json::json;
use subxt::utils::AccountId32;

use super::{day, purpose_word, resolve, PatientKey, RecordRef};
use crate::cli::{
	output::{done, listing, parse_hash, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum ConsentCommand {
	/// The patient (at hand with their key) grants an organisation access.
	Grant {
		#[command(flatten)]
		patient: PatientKey,
		#[command(flatten)]
		terms: TermsArgs,
		#[command(flatten)]
		validity: Validity,
	},
	/// The patient (at hand with their key) revokes a consent.
	Revoke {
		#[command(flatten)]
		patient: PatientKey,
		/// The consent's id in the record.
		#[arg(long)]
		consent: u32,
		#[command(flatten)]
		validity: Validity,
	},
	/// On the patient's device, offline: sign a grant, a revocation or a key move into a file
	/// for any member to relay with `consent submit`.
	Sign(SignArgs),
	/// Relay a statement a patient signed offline.
	Submit { file: PathBuf },
	/// A record's consents, revoked ones included.
	List {
		#[command(flatten)]
		record: RecordRef,
	},
}

/// What a consent grants.
#[derive(Args)]
pub struct TermsArgs {
	/// The organisation granted access.
	#[arg(long)]
	grantee: OrgId,
	/// all, or FHIR resource types separated by commas (Observation,Immunization).
	#[arg(long, default_value = "all")]
	scope: String,
	/// treatment, emergency-treatment, public-health or research.
	#[arg(long, default_value = "treatment")]
	purpose: String,
	/// read or read-write.
	#[arg(long, default_value = "read")]
	access: String,
	/// The day after which it no longer holds (YYYY-MM-DD); none: until revoked.
	#[arg(long)]
	until: Option<String>,
}

/// How long a statement the patient signs stays valid.
#[derive(Args)]
pub struct Validity {
	/// Hours the statement stays valid: a relayer cannot use it later. The chain takes at most
	/// 24.
	#[arg(long, default_value_t = 1)]
	valid_hours: u64,
}

impl Validity {
	/// The moment (milliseconds since 1970-01-01) it stops being valid.
	pub fn until(&self) -> u64 {
		period::now_millis() + self.valid_hours * 3_600_000
	}
}

/// An offline statement.
#[derive(Args)]
pub struct SignArgs {
	#[command(flatten)]
	patient: PatientKey,
	/// The chain's genesis hash, which the device kept at enrolment (`records enrol` prints
	/// it).
	#[arg(long)]
	genesis: String,
	/// Grant these terms.
	#[command(flatten)]
	terms: Option<TermsArgs>,
	/// Or revoke this consent.
	#[arg(long, conflicts_with = "grantee")]
	revoke: Option<u32>,
	/// Or move the record to this new key (SS58 or 0x public key).
	#[arg(long, conflicts_with_all = ["grantee", "revoke"])]
	move_to: Option<String>,
	/// The statement's nonce: the record's next. By default it is read from the node at
	/// --url; a device with no node in reach gives it.
	#[arg(long)]
	nonce: Option<u64>,
	#[command(flatten)]
	validity: Validity,
	/// Where to write the signed statement.
	#[arg(long)]
	out: PathBuf,
}

/// Signs a statement on the patient's device, which reaches the node at `url` only to read the
/// record's next nonce when `--nonce` is not given.
pub async fn sign_offline(url: &str, args: SignArgs) -> Result<Output, Error> {
	let patient = keys::signer(&args.patient.patient_suri)?;
	let genesis = parse_hash(&args.genesis)?;
	let record = records::record_of(genesis, &patient.public_key().to_account_id());
	let statement =
		match (args.terms, args.revoke, args.move_to) {
			(Some(terms), None, None) => Statement::GrantConsent(consent_terms(&terms)?),
			(None, Some(consent), None) => Statement::RevokeConsent { consent },
			(None, None, Some(key)) => Statement::MoveKey { new_key: keys::account(&key)?.0 },
			_ => return Err(Error::BadInput(
				"sign one statement: consent terms (--grantee ...), --revoke ID or --move-to KEY"
					.into(),
			)),
		};
	let nonce = match args.nonce {
		Some(nonce) => nonce,
		None => {
			let client = healthnet_client::Client::connect(url).await.map_err(|e| {
				Error::BadInput(format!(
					"give --nonce (the record's next nonce) on a device with no node in reach: {e}"
				))
			})?;
			next_nonce(&client, record).await?
		},
	};
	let signed =
		records::sign_statement(&patient, genesis, record, nonce, args.validity.until(), statement);
	write_statement(&args.out, &signed)?;
	Ok(Output::new(
		format!("signed a statement about record {record:?} into {}", args.out.display()),
		json!({ "record": record, "file": args.out }),
	))
}

/// Runs a consent command.
pub async fn run(session: &Session, command: ConsentCommand) -> Result<Output, Error> {
	Ok(match command {
		ConsentCommand::Grant { patient, terms, validity } => {
			let patient = keys::signer(&patient.patient_suri)?;
			let statement = Statement::GrantConsent(consent_terms(&terms)?);
			relay(session, &signed_here(session, &patient, &validity, statement).await?).await?
		},
		ConsentCommand::Revoke { patient, consent, validity } => {
			let patient = keys::signer(&patient.patient_suri)?;
			let statement = Statement::RevokeConsent { consent };
			relay(session, &signed_here(session, &patient, &validity, statement).await?).await?
		},
		ConsentCommand::Sign(_) => unreachable!("signed offline before any node is reached"),
		ConsentCommand::Submit { file } => {
			let text = std::fs::read_to_string(&file).map_err(|e| {
				Error::BadInput(format!("could not read the statement {}: {e}", file.display()))
			})?;
			let signed: SignedStatement = serde_json::from_str(&text).map_err(|e| {
				Error::BadInput(format!("{} is not a signed statement: {e}", file.display()))
			})?;
			let genesis = session.client.subxt().genesis_hash();
			if signed.genesis != genesis {
				return Err(Error::BadInput(format!(
					"the statement was signed for the chain with genesis {:?}, not this one ({genesis:?}); the chain would refuse it",
					signed.genesis
				)));
			}
			relay(session, &signed).await?
		},
		ConsentCommand::List { record } => {
			let record = resolve(session, &record).await?;
			let consents = session.client.record_consents(record).await?;
			listing(
				&consents,
				|c| {
					let t = &c.terms;
					format!(
						"{}: organisation {} may {} {} for {}{}{}",
						c.id,
						t.grantee,
						match t.access {
							healthnet_primitives::records::Access::Read => "read",
							healthnet_primitives::records::Access::ReadWrite => "read and write",
						},
						match t.scope {
							healthnet_primitives::records::Scope::All => "every entry".to_string(),
							healthnet_primitives::records::Scope::Only(types) =>
								healthnet_primitives::records::ResourceType::ALL
									.iter()
									.filter(|r| types.has(**r))
									.map(|r| r.name())
									.collect::<Vec<_>>()
									.join(", "),
						},
						purpose_word(t.purpose),
						t.expires.map(|e| format!(" until {}", day(e))).unwrap_or_default(),
						c.revoked_at
							.map(|b| format!(", revoked at block #{b}"))
							.unwrap_or_default(),
					)
				},
				"the record has no consents".into(),
			)
		},
	})
}

/// Sends the call a signed statement stands for.
async fn relay(session: &Session, signed: &SignedStatement) -> Result<Output, Error> {
	let signature = signed.signature()?;
	let record = signed.record;
	Ok(match signed.statement {
		Statement::AcceptEnrolment { provider } => done(
			session
				.send(records::enrol_patient(signed.key.clone(), signed.valid_until, signature))
				.await?,
			format!("enrolled the patient at organisation {provider}: record {record:?}"),
		),
		Statement::GrantConsent(terms) => {
			let included = session
				.send(records::grant_consent(
					record,
					terms,
					signed.nonce,
					signed.valid_until,
					signature,
				)?)
				.await?;
			let id = records::number_after_record(&included, "ConsentGranted").ok();
			let mut output =
				done(included, format!("granted organisation {} consent", terms.grantee));
			output.json["id"] = json!(id);
			output
		},
		Statement::RevokeConsent { consent } => done(
			session
				.send(records::revoke_consent(
					record,
					consent,
					signed.nonce,
					signed.valid_until,
					signature,
				))
				.await?,
			format!("revoked consent {consent}"),
		),
		Statement::MoveKey { new_key } => done(
			session
				.send(records::move_key(
					record,
					AccountId32(new_key),
					signed.nonce,
					signed.valid_until,
					signature,
				))
				.await?,
			"moved the record to the new key".into(),
		),
		Statement::RefuseRecovery => done(
			session
				.send(records::refuse_key_recovery(
					record,
					signed.nonce,
					signed.valid_until,
					signature,
				))
				.await?,
			"refused the key recovery: the record keeps its key".into(),
		),
		Statement::AcceptRecovery { .. } => return Err(Error::BadInput(
			"a new key's proof is sent by the enrolling provider with `records recovery request`"
				.into(),
		)),
	})
}

/// The record's next nonce, read from the chain.
pub(super) async fn next_nonce(
	client: &healthnet_client::Client,
	record: subxt::utils::H256,
) -> Result<u64, Error> {
	let info = client
		.record(record, None)
		.await?
		.ok_or_else(|| Error::NotFound(format!("no record {record:?} on this chain")))?;
	Ok(info.nonce + 1)
}

/// A statement the patient at hand signs for their record on the session's chain, with the
/// record's next nonce.
pub(super) async fn signed_here(
	session: &Session,
	patient: &subxt_signer::sr25519::Keypair,
	validity: &Validity,
	statement: Statement,
) -> Result<SignedStatement, Error> {
	let genesis = session.client.subxt().genesis_hash();
	let record = records::record_of(genesis, &patient.public_key().to_account_id());
	let nonce = next_nonce(&session.client, record).await?;
	Ok(records::sign_statement(patient, genesis, record, nonce, validity.until(), statement))
}

fn consent_terms(args: &TermsArgs) -> Result<healthnet_primitives::records::ConsentTerms, Error> {
	let expires = args
		.until
		.as_deref()
		.map(|day| {
			period::parse(day)
				.map(|p| (u64::from(p) + 1) * healthnet_primitives::surveillance::PERIOD_MILLIS)
		})
		.transpose()?;
	Ok(records::terms(
		args.grantee,
		records::scope(&args.scope)?,
		records::purpose(&args.purpose)?,
		records::access(&args.access)?,
		expires,
	))
}

fn write_statement(path: &Path, signed: &SignedStatement) -> Result<(), Error> {
	let text = serde_json::to_string_pretty(signed).expect("a statement serialises");
	std::fs::write(path, text)
		.map_err(|e| Error::BadInput(format!("could not write {}: {e}", path.display())))
}
