//! `healthnet records`: patients' medical records: enrolment, consents the patient signs (at
//! the desk, or offline into a file that any member relays), entries, audited access, the
//! audit trail, emergency access and key recovery.
//!
//! `--suri` is the member account that sends the transaction; `--patient-suri` is the key on
//! the patient's phone or card, which only ever signs statements, never transactions.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use healthnet_client::{keys, period, records, Error};
use healthnet_primitives::{
	records::{AccessDecision, AuditAction, Grant, Purpose},
	OrgId,
};
use serde_json::json;
use subxt::utils::H256;

mod consent;
mod documents;

pub use consent::{sign_offline, ConsentCommand};

use super::{
	output::{done, listing, parse_hash, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum RecordsCommand {
	/// Enrol a patient at your care provider, with the patient's key signing its acceptance.
	Enrol {
		#[command(flatten)]
		patient: PatientKey,
	},
	/// Seal a document on this machine, upload it to the gatekeeper and add it as an entry.
	Put {
		#[command(flatten)]
		record: RecordRef,
		/// The document (a FHIR resource, a scan, ...).
		file: PathBuf,
		/// Its FHIR resource type, such as Observation.
		#[arg(long = "type")]
		resource_type: String,
		/// The entry it corrects.
		#[arg(long)]
		supersedes: Option<u32>,
		/// Accounts besides yours and the patient's that may open it (with consent).
		#[arg(long)]
		share_with: Vec<String>,
		#[command(flatten)]
		gatekeeper: GatekeeperArg,
	},
	/// Record your access to an entry, download its document, check its hash and decrypt it.
	Get {
		#[command(flatten)]
		record: RecordRef,
		/// The entry's index.
		entry: u32,
		/// Where to write the document.
		#[arg(long)]
		out: PathBuf,
		#[arg(long, default_value = "treatment")]
		purpose: String,
		#[command(flatten)]
		gatekeeper: GatekeeperArg,
	},
	/// Let another account open an entry's document (its author, after the patient consented).
	Share {
		#[command(flatten)]
		record: RecordRef,
		/// The entry's index.
		entry: u32,
		/// The account to share with.
		#[arg(long)]
		with: String,
		#[command(flatten)]
		gatekeeper: GatekeeperArg,
	},
	/// Publish on the gatekeeper the key that opens documents shared with you (or, with
	/// --patient-suri, with the patient).
	PublishKey {
		#[arg(long, env = "HEALTHNET_PATIENT_SURI", hide_env_values = true)]
		patient_suri: Option<String>,
		#[command(flatten)]
		gatekeeper: GatekeeperArg,
	},
	/// A record's entries: resource type, hash, pointer, author, corrections.
	List {
		#[command(flatten)]
		record: RecordRef,
	},
	/// Record that you read an entry, for a purpose: the chain checks consent and audits it.
	Access {
		#[command(flatten)]
		record: RecordRef,
		/// The entry's index.
		#[arg(long)]
		entry: u32,
		/// treatment, emergency-treatment, public-health or research.
		#[arg(long, default_value = "treatment")]
		purpose: String,
	},
	/// Whether an account may read a resource type of a record, and what decides it.
	CanAccess {
		#[command(flatten)]
		record: RecordRef,
		/// The reading account (SS58, 0x public key or //dev URI).
		#[arg(long)]
		reader: String,
		/// The FHIR resource type, such as Observation.
		#[arg(long = "type")]
		resource_type: String,
		#[arg(long, default_value = "treatment")]
		purpose: String,
	},
	/// Consents: grant or revoke (the patient at hand), sign offline, relay, list.
	#[command(subcommand)]
	Consent(ConsentCommand),
	/// A record's audit trail: every access, by whom, why, under which grant.
	Audit {
		#[command(flatten)]
		record: RecordRef,
	},
	/// Break the glass: emergency access to a record for your care provider, flagged in the
	/// audit trail and counted.
	Emergency {
		#[command(flatten)]
		record: RecordRef,
		/// patient-unconscious, life-threatening or patient-cannot-consent.
		#[arg(long)]
		reason: String,
	},
	/// How many times an organisation has broken the glass, and what its authority found.
	Emergencies { org: OrgId },
	/// Review an emergency declaration (an administrator of an authority over the declaring
	/// organisation, within the review period).
	Review {
		/// The declaration's id (`EmergencyAccessDeclared` gives it).
		declaration: u64,
		/// justified or abusive; an abusive one ends the access and counts against the
		/// organisation.
		#[arg(long)]
		verdict: String,
	},
	/// Register your care provider's gatekeeper address: every entry it writes points to it
	/// and the document's hash (an administrator).
	DocumentBase {
		/// The address, such as https://records.example.org/documents.
		base: String,
	},
	/// A lost key: the enrolling provider asks with the new key's proof, the patient's current
	/// key may refuse during the delay, then an authority approves; either may cancel.
	#[command(subcommand)]
	Recovery(RecoveryCommand),
}

#[derive(Subcommand)]
pub enum RecoveryCommand {
	/// Ask to move a record to a new key (the enrolling provider), which signs its proof that
	/// it is held.
	Request {
		#[command(flatten)]
		record: RecordRef,
		/// The patient's new secret key (a secret URI or the path of a file holding one), at
		/// hand: it signs the proof.
		#[arg(long, env = "HEALTHNET_NEW_PATIENT_SURI", hide_env_values = true)]
		new_patient_suri: String,
	},
	/// The patient's current key refuses a waiting recovery: the key was not lost.
	Refuse {
		#[command(flatten)]
		patient: PatientKey,
		#[command(flatten)]
		validity: consent::Validity,
	},
	/// The recovery waiting for a record: the new key and when it may be approved.
	Show {
		#[command(flatten)]
		record: RecordRef,
	},
	/// Approve a waiting recovery (an authority over the provider).
	Approve {
		#[command(flatten)]
		record: RecordRef,
	},
	/// Cancel a waiting recovery (the provider or its authority).
	Cancel {
		#[command(flatten)]
		record: RecordRef,
	},
}

/// The patient's key.
#[derive(Args)]
pub struct PatientKey {
	/// The patient's secret key: a secret URI or the path of a file holding one.
	#[arg(long, env = "HEALTHNET_PATIENT_SURI", hide_env_values = true)]
	pub patient_suri: String,
}

/// Which record: by id, or by the patient's public key.
#[derive(Args)]
pub struct RecordRef {
	/// The record id (0x hex).
	#[arg(long, conflicts_with = "patient", required_unless_present = "patient")]
	record: Option<String>,
	/// The patient's public key (SS58 or 0x), whose record it is.
	#[arg(long)]
	patient: Option<String>,
}

/// Where the document gatekeeper is.
#[derive(Args)]
pub struct GatekeeperArg {
	/// The gatekeeper's base URL: https://…, or http://… on this machine only.
	#[arg(long, env = "HEALTHNET_GATEKEEPER", default_value = "http://127.0.0.1:8090")]
	gatekeeper: String,
	/// A PEM file of certificate authorities to trust for the gatekeeper's certificate besides
	/// the system's (a ministry's own authority, or a self-signed gatekeeper certificate).
	#[arg(long, env = "HEALTHNET_GATEKEEPER_CA")]
	gatekeeper_ca: Option<std::path::PathBuf>,
}

impl GatekeeperArg {
	/// The gatekeeper these options name.
	pub fn open(&self) -> Result<healthnet_client::gatekeeper::Gatekeeper, Error> {
		let authorities = match &self.gatekeeper_ca {
			Some(path) => Some(std::fs::read(path).map_err(|e| {
				Error::BadInput(format!(
					"could not read the certificate authority file {}: {e}",
					path.display()
				))
			})?),
			None => None,
		};
		healthnet_client::gatekeeper::Gatekeeper::trusting(&self.gatekeeper, authorities.as_deref())
	}
}

pub async fn run(session: &Session, command: RecordsCommand) -> Result<Output, Error> {
	Ok(match command {
		RecordsCommand::Enrol { patient } => {
			let patient = keys::signer(&patient.patient_suri)?;
			let (org, ..) =
				session.client.organisation_of(&session.account()?).await?.ok_or_else(|| {
					Error::BadInput("your account is a member of no organisation".into())
				})?;
			let genesis = session.client.subxt().genesis_hash();
			let (record, enrol) = records::enrolment(&patient, genesis, org)?;
			let mut output = done(
				session.send(enrol).await?,
				format!("enrolled the patient: record {record:?}; the patient's device keeps the chain's genesis {genesis:?}"),
			);
			output.json["record"] = json!(record);
			output.json["genesis"] = json!(genesis);
			output
		},
		RecordsCommand::Put { .. }
		| RecordsCommand::Get { .. }
		| RecordsCommand::Share { .. }
		| RecordsCommand::PublishKey { .. } => documents::run(session, command).await?,
		RecordsCommand::List { record } => {
			let record = resolve(session, &record).await?;
			let entries = session.client.record_entries(record, None).await?;
			listing(
				&entries,
				|e| {
					let mut line = format!(
						"{}: {} by organisation {} on {} ({:?}) at {}",
						e.index,
						e.resource_type.name(),
						e.author,
						day(e.at),
						e.content_hash,
						String::from_utf8_lossy(&e.pointer)
					);
					if let Some(old) = e.supersedes {
						line.push_str(&format!(", corrects {old}"));
					}
					if let Some(new) = e.superseded_by {
						line.push_str(&format!(", corrected by {new}"));
					}
					line
				},
				"the record has no entries".into(),
			)
		},
		RecordsCommand::Access { record, entry, purpose } => {
			let record = resolve(session, &record).await?;
			let purpose = records::purpose(&purpose)?;
			done(
				session.send(records::record_access(record, entry, purpose)?).await?,
				format!("recorded your access to entry {entry} for {}", purpose_word(purpose)),
			)
		},
		RecordsCommand::CanAccess { record, reader, resource_type, purpose } => {
			let record = resolve(session, &record).await?;
			let decision = session
				.client
				.can_access(
					&keys::account(&reader)?,
					record,
					records::resource_type(&resource_type)?,
					records::purpose(&purpose)?,
					None,
				)
				.await?;
			let text = match decision {
				AccessDecision::Allowed(grant) => format!("allowed by {}", grant_words(&grant)),
				AccessDecision::Refused(refusal) => format!("refused: {refusal:?}"),
			};
			Output::new(text, json!(decision))
		},
		RecordsCommand::Consent(command) => consent::run(session, command).await?,
		RecordsCommand::Audit { record } => {
			let record = resolve(session, &record).await?;
			let trail = session.client.audit_trail(record, None).await?;
			listing(
				&trail,
				|a| {
					let action = match a.action {
						AuditAction::ReadEntry(e) => format!("read entry {e}"),
						AuditAction::ReadType(t) => format!("read its {} entries", t.name()),
						AuditAction::AddedEntry(e) => format!("added entry {e}"),
						AuditAction::DeclaredEmergency(r) => format!("BROKE THE GLASS ({r:?})"),
					};
					format!(
						"block #{} {}: organisation {} ({}) {action} for {}, {}",
						a.block,
						day(a.at),
						a.org,
						a.account,
						purpose_word(a.purpose),
						grant_words(&a.grant)
					)
				},
				"nobody has accessed the record".into(),
			)
		},
		RecordsCommand::Emergency { record, reason } => {
			let record = resolve(session, &record).await?;
			done(
				session
					.send(records::declare_emergency(record, records::emergency_reason(&reason)?)?)
					.await?,
				"declared emergency access; the patient's audit trail shows it".into(),
			)
		},
		RecordsCommand::Emergencies { org } => {
			let tally = session.client.emergency_accesses(org).await?;
			Output::new(
				format!(
					"organisation {org} has broken the glass {} times: {} found justified, {} abusive, {} not reviewed",
					tally.declared,
					tally.justified,
					tally.abusive,
					tally.declared - tally.justified - tally.abusive
				),
				json!(tally),
			)
		},
		RecordsCommand::Review { declaration, verdict } => {
			let verdict = records::verdict(&verdict)?;
			done(
				session.send(records::review_emergency(declaration, verdict)?).await?,
				format!("reviewed emergency declaration {declaration}: {verdict:?}"),
			)
		},
		RecordsCommand::DocumentBase { base } => done(
			session.send(records::set_document_base(&base)).await?,
			format!("registered {base} as your organisation's document base"),
		),
		RecordsCommand::Recovery(command) => match command {
			RecoveryCommand::Request { record, new_patient_suri } => {
				let record = resolve(session, &record).await?;
				let new_key = keys::signer(&new_patient_suri)?;
				let (org, ..) =
					session.client.organisation_of(&session.account()?).await?.ok_or_else(
						|| Error::BadInput("your account is a member of no organisation".into()),
					)?;
				let genesis = session.client.subxt().genesis_hash();
				let nonce = consent::next_nonce(&session.client, record).await?;
				let call = records::request_key_recovery(&new_key, genesis, record, org, nonce)?;
				done(session.send(call).await?, "asked for the key recovery; the patient's current key may refuse it until its delay is over, then an administrator of an authority over your organisation approves it".into())
			},
			RecoveryCommand::Refuse { patient, validity } => {
				let patient = keys::signer(&patient.patient_suri)?;
				let signed = consent::signed_here(
					session,
					&patient,
					&validity,
					records::Statement::RefuseRecovery,
				)
				.await?;
				done(
					session
						.send(records::refuse_key_recovery(
							signed.record,
							signed.nonce,
							signed.valid_until,
							signed.signature()?,
						))
						.await?,
					"refused the key recovery: the record keeps its key".into(),
				)
			},
			RecoveryCommand::Show { record } => {
				let record = resolve(session, &record).await?;
				match session.client.pending_recovery(record).await? {
					Some(waiting) => Output::new(
						format!(
								"a recovery to {} waits since block #{}; it may be approved from block #{}",
								waiting.new_key, waiting.requested_at, waiting.due
							),
						json!(waiting),
					),
					None => Output::new("no key recovery waits", json!(null)),
				}
			},
			RecoveryCommand::Approve { record } => {
				let record = resolve(session, &record).await?;
				done(
					session.send(records::approve_key_recovery(record)).await?,
					"approved: the record moved to the new key".into(),
				)
			},
			RecoveryCommand::Cancel { record } => {
				let record = resolve(session, &record).await?;
				done(
					session.send(records::cancel_key_recovery(record)).await?,
					"cancelled the key recovery".into(),
				)
			},
		},
	})
}

/// The record `reference` names: its id, or the record of a patient's key.
pub(super) async fn resolve(session: &Session, reference: &RecordRef) -> Result<H256, Error> {
	match (&reference.record, &reference.patient) {
		(Some(record), _) => parse_hash(record),
		(None, Some(patient)) => session
			.client
			.record_of_key(&keys::account(patient)?)
			.await?
			.ok_or_else(|| Error::NotFound(format!("no record holds the key {patient}"))),
		(None, None) => unreachable!("clap requires a record or a patient"),
	}
}

/// A time of the chain (milliseconds) as its date.
pub(super) fn day(millis: u64) -> String {
	period::date((millis / healthnet_primitives::surveillance::PERIOD_MILLIS) as u32)
}

pub(super) fn purpose_word(purpose: Purpose) -> &'static str {
	match purpose {
		Purpose::Treatment => "treatment",
		Purpose::EmergencyTreatment => "emergency treatment",
		Purpose::PublicHealth => "public health",
		Purpose::Research => "research",
	}
}

pub(super) fn grant_words<B: std::fmt::Display>(grant: &Grant<B>) -> String {
	match grant {
		Grant::Consent(id) => format!("consent {id}"),
		Grant::Emergency { until } => format!("EMERGENCY access until block #{until}"),
	}
}
