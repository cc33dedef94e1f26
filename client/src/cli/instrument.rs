//! `healthnet instrument`: diagnostic instruments registered with their own proof, suspended
//! by an authority, listed and read; the HL7 v2 gateway that turns `ORU^R01` messages into
//! batches the instrument signs (no patient field is read); and the relay of those batches.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use healthnet_client::{
	instruments::{self, hl7, SignedBatch, TestResult},
	keys, period, Error,
};
use healthnet_primitives::{
	instruments::{InstrumentKind, InstrumentStatus, InstrumentView},
	surveillance::Period,
	OrgId,
};
use serde_json::json;
use subxt::utils::{AccountId32, H256};

use super::{
	output::{done, listing, parse_hash, parse_period, text, Output},
	session::Session,
};

/// How many days back the runtime counts a result (its `MaxResultAge`, surveillance's report
/// age).
const MAX_RESULT_AGE: Period = 366;

#[derive(Subcommand)]
pub enum InstrumentCommand {
	/// Register an instrument for your facility or laboratory (a key officer). It needs the
	/// instrument's consent: its key here (--instrument-suri), or the proof it made
	/// (`healthnet instrument proof`, --proof).
	Register {
		/// The instrument's account.
		account: String,
		#[command(flatten)]
		device: Device,
		/// The instrument's secret key, to sign its consent on this machine.
		#[arg(long, conflicts_with = "proof")]
		instrument_suri: Option<String>,
		/// The instrument's consent (0x, 64 bytes) made where its key is.
		#[arg(long)]
		proof: Option<String>,
	},
	/// Make an instrument's consent to report for a holder, offline, where its key is; prints
	/// the proof for `instrument register --proof`.
	Proof {
		/// The instrument's secret key.
		#[arg(long)]
		instrument_suri: String,
		/// The holder's organisation id.
		#[arg(long)]
		holder: OrgId,
		#[command(flatten)]
		device: Device,
		/// The chain's genesis hash (`healthnet chain info` prints it).
		#[arg(long)]
		genesis: String,
	},
	/// Remove an instrument for good (its holder's key officer, or an authority over it).
	Remove { account: String },
	/// Suspend an instrument: nothing it signs counts (an authority over its holder).
	Suspend { account: String },
	/// Reinstate a suspended instrument: it counts results dated from today.
	Reinstate { account: String },
	/// Show an instrument.
	Show { account: String },
	/// List an organisation's instruments.
	List {
		#[arg(long)]
		org: OrgId,
	},
	/// What an organisation's instruments attested for a disease, per day.
	Attested {
		#[arg(long)]
		org: OrgId,
		/// The disease code (ICD-11, such as RA01).
		#[arg(long)]
		disease: String,
		/// The first day (YYYY-MM-DD, today, yesterday or a day number); 30 days back when
		/// not given.
		#[arg(long, value_parser = parse_period)]
		from: Option<Period>,
		/// The last day; today when not given.
		#[arg(long, value_parser = parse_period)]
		to: Option<Period>,
	},
	/// The HL7 v2 gateway: read ORU^R01 messages (files as the analyser or laboratory system
	/// writes them), keep of each result only the test, disease, outcome, lineage and day,
	/// sign them with the instrument's key in numbered batches, and write each batch to a
	/// file for `instrument relay`. Patient segments are never read.
	Hl7(Hl7Args),
	/// Relay batches an instrument signed (a reporter of its holder), in order.
	Relay {
		/// The batch files `instrument hl7` wrote.
		#[arg(required = true)]
		files: Vec<PathBuf>,
	},
}

/// What an instrument is, as it signs it.
#[derive(Args)]
pub struct Device {
	/// pcr-analyser, rapid-test-reader, immunoassay-analyser, sequencer,
	/// gamma-dose-rate-monitor or air-quality-monitor (whose readings `healthnet environment`
	/// takes).
	#[arg(long)]
	kind: String,
	/// The maker's model name.
	#[arg(long)]
	model: String,
	/// The serial number.
	#[arg(long)]
	serial: String,
}

#[derive(Args)]
pub struct Hl7Args {
	/// The files of HL7 v2 messages (MLLP framing, \r or \n between segments).
	#[arg(required = true)]
	files: Vec<PathBuf>,
	/// The instrument's secret key (or the file holding it).
	#[arg(long)]
	instrument_suri: String,
	/// The directory to write the signed batches to.
	#[arg(long)]
	out: PathBuf,
	/// A CSV of observation codes this gateway counts (system,code,disease,test); the
	/// built-in LOINC table when not given.
	#[arg(long)]
	codes: Option<PathBuf>,
	/// The first batch's number; the instrument's next one, read from the node, when not
	/// given. With --genesis and --kind, nothing is read from a node.
	#[arg(long, requires_all = ["genesis", "kind"])]
	number: Option<u32>,
	/// The chain's genesis hash, when working offline.
	#[arg(long, requires = "number")]
	genesis: Option<String>,
	/// The instrument's kind, when working offline (else read from the chain).
	#[arg(long, requires = "number")]
	kind: Option<String>,
}

/// Whether `command` runs without a node: the proof, and the gateway given all it needs.
pub fn runs_without_session(command: &InstrumentCommand) -> bool {
	match command {
		InstrumentCommand::Proof { .. } => true,
		InstrumentCommand::Hl7(args) => args.number.is_some(),
		_ => false,
	}
}

/// Runs a command that needs no node.
pub fn run_without_session(command: InstrumentCommand) -> Result<Output, Error> {
	match command {
		InstrumentCommand::Proof { instrument_suri, holder, device, genesis } => {
			let key = keys::signer(&instrument_suri)?;
			let kind = instruments::kind(&device.kind)?;
			let genesis = parse_hash(&genesis)?;
			let proof = instruments::instrument_proof(
				&key,
				genesis,
				holder,
				kind,
				&device.model,
				&device.serial,
			);
			let hex = format!("0x{}", hex::encode(proof));
			let account = key.public_key().to_account_id().to_string();
			Ok(Output::new(
				hex.clone(),
				json!({ "instrument": account, "holder": holder, "proof": hex }),
			))
		},
		InstrumentCommand::Hl7(args) => {
			let genesis = parse_hash(args.genesis.as_deref().unwrap_or_default())?;
			let kind = instruments::kind(args.kind.as_deref().unwrap_or_default())?;
			let number = args.number.expect("runs_without_session checked it");
			gateway(&args, genesis, kind, number, None)
		},
		_ => unreachable!("only the proof and an offline gateway run without a node"),
	}
}

pub async fn run(session: &Session, command: InstrumentCommand) -> Result<Output, Error> {
	Ok(match command {
		InstrumentCommand::Register { account, device, instrument_suri, proof } => {
			let instrument = keys::account(&account)?;
			let kind = instruments::kind(&device.kind)?;
			let proof = match (instrument_suri, proof) {
				(Some(suri), _) => {
					let key = keys::signer(&suri)?;
					if key.public_key().to_account_id() != instrument {
						return Err(Error::BadInput(format!(
							"--instrument-suri is the key of {}, not of {account}",
							key.public_key().to_account_id()
						)));
					}
					let (holder, ..) =
						session.client.organisation_of(&session.account()?).await?.ok_or_else(
							|| Error::BadInput("your account is a member of no organisation".into()),
						)?;
					let genesis = session.client.subxt().genesis_hash();
					instruments::instrument_proof(
						&key,
						genesis,
						holder,
						kind,
						&device.model,
						&device.serial,
					)
				},
				(None, Some(proof)) => hex::decode(proof.trim_start_matches("0x"))
					.ok()
					.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
					.ok_or_else(|| Error::BadInput("--proof is not 64 bytes of hex".into()))?,
				(None, None) => {
					return Err(Error::BadInput(
						"an instrument is registered with its consent: give --instrument-suri (its key) or --proof (from `healthnet instrument proof` where its key is)".into(),
					))
				},
			};
			let call = instruments::register_instrument(
				instrument,
				kind,
				&device.model,
				&device.serial,
				proof,
			)?;
			done(
				session.send(call).await?,
				format!("registered {} {} {account}", device.kind, device.serial),
			)
		},
		InstrumentCommand::Remove { account } => done(
			session.send(instruments::remove_instrument(keys::account(&account)?)).await?,
			format!("removed instrument {account}"),
		),
		InstrumentCommand::Suspend { account } => done(
			session.send(instruments::suspend_instrument(keys::account(&account)?)).await?,
			format!("suspended instrument {account}"),
		),
		InstrumentCommand::Reinstate { account } => done(
			session.send(instruments::reinstate_instrument(keys::account(&account)?)).await?,
			format!("reinstated instrument {account}"),
		),
		InstrumentCommand::Show { account } => {
			let view =
				session.client.instrument(&keys::account(&account)?).await?.ok_or_else(|| {
					Error::NotFound(format!("no instrument has the account {account}"))
				})?;
			Output::new(line(&view), json!(view))
		},
		InstrumentCommand::List { org } => listing(
			&session.client.instruments(org).await?,
			line,
			format!("organisation {org} has no instrument"),
		),
		InstrumentCommand::Attested { org, disease, from, to } => {
			let to = to.unwrap_or_else(period::today);
			let from = from.unwrap_or(to.saturating_sub(29));
			let days = session.client.attested(org, &disease, from, to).await?;
			listing(
				&days,
				|day| {
					let c = &day.counts;
					let lineages: Vec<String> = day
						.lineages
						.iter()
						.map(|(name, n)| format!("{} {n}", text(name)))
						.collect();
					format!(
						"{}: {} tests, {} positive, {} invalid; {} sequenced{}",
						period::date(day.period),
						c.tests,
						c.positives,
						c.invalid,
						c.sequenced,
						if lineages.is_empty() {
							String::new()
						} else {
							format!(" ({})", lineages.join(", "))
						}
					)
				},
				format!(
					"organisation {org}'s instruments attested no {disease} result in these days"
				),
			)
		},
		InstrumentCommand::Hl7(args) => {
			let key = keys::signer(&args.instrument_suri)?;
			let account = key.public_key().to_account_id();
			let view = session.client.instrument(&account).await?.ok_or_else(|| {
				Error::NotFound(format!(
					"no instrument has the account {account}: register it first"
				))
			})?;
			if view.status != InstrumentStatus::Active {
				return Err(Error::BadInput(format!(
					"instrument {account} is {}: nothing it signs would count",
					status_words(&view.status)
				)));
			}
			let genesis = session.client.subxt().genesis_hash();
			let days = Some((
				view.counts_from.max(period::today().saturating_sub(MAX_RESULT_AGE)),
				period::today(),
			));
			gateway(&args, genesis, view.kind, args.number.unwrap_or(view.next_batch), days)?
		},
		InstrumentCommand::Relay { files } => {
			// In the instrument's order, whatever order the shell listed the files in: a
			// number relayed before a lower one leaves the lower one never counted.
			let mut batches = Vec::new();
			for file in &files {
				batches.push((read_batch(file)?, file));
			}
			batches.sort_by(|(a, _), (b, _)| {
				(a.instrument.0, a.number).cmp(&(b.instrument.0, b.number))
			});
			let mut lines = Vec::new();
			let mut relayed = Vec::new();
			for (batch, file) in &batches {
				let included =
					session.send(instruments::attest_results(batch)?).await.map_err(|e| {
						if lines.is_empty() {
							e
						} else {
							Error::BadInput(format!(
								"{} refused ({e}) after these were counted:\n{}",
								file.display(),
								lines.join("\n")
							))
						}
					})?;
				let (positives, sequenced) = batch.tally();
				lines.push(format!(
					"batch {} of {}: {} results, {positives} positive, {sequenced} sequenced (block #{})",
					batch.number,
					batch.instrument,
					batch.results.len(),
					included.block_number
				));
				relayed.push(json!({
					"file": file.display().to_string(),
					"number": batch.number,
					"results": batch.results.len(),
					"block_number": included.block_number,
				}));
			}
			Output::new(lines.join("\n"), json!({ "relayed": relayed }))
		},
		InstrumentCommand::Proof { .. } => unreachable!("the proof runs without a node"),
	})
}

/// Parses the files, keeps what the instrument's kind runs, signs the batches from `number`
/// and writes them under `args.out`.
///
/// With `days` (the first and last day the chain counts for the instrument, known online),
/// a result dated outside them is refused here, not left to sink its whole batch on chain.
fn gateway(
	args: &Hl7Args,
	genesis: H256,
	kind: InstrumentKind,
	number: u32,
	days: Option<(Period, Period)>,
) -> Result<Output, Error> {
	let key = keys::signer(&args.instrument_suri)?;
	let codes = match &args.codes {
		Some(path) => hl7::Codes::from_csv(&read(path)?)
			.map_err(|e| Error::BadInput(format!("{}: {e}", path.display())))?,
		None => hl7::Codes::loinc(),
	};
	let mut results = Vec::new();
	let mut refusals = Vec::new();
	let mut dropped = std::collections::BTreeSet::new();
	let mut messages = 0;
	for file in &args.files {
		let parsed = hl7::parse(&read(file)?, &codes);
		messages += parsed.messages;
		dropped.extend(parsed.dropped_segments);
		for refusal in parsed.refusals {
			refusals.push(json!({
				"file": file.display().to_string(),
				"message": refusal.message,
				"control_id": refusal.control_id,
				"segment": refusal.segment,
				"reason": refusal.reason,
			}));
		}
		for (index, observation) in parsed.observations.into_iter().enumerate() {
			let outside =
				days.filter(|(first, last)| observation.day < *first || observation.day > *last);
			let reason = if let Some((first, last)) = outside {
				format!(
					"dated {}, outside the days the chain counts for this instrument ({} to {})",
					period::date(observation.day),
					period::date(first),
					period::date(last)
				)
			} else if !kind.runs(observation.test) {
				format!(
					"a {:?} result, which a {} does not run",
					observation.test,
					instruments::kind_word(kind)
				)
			} else {
				results.push(TestResult::from(observation));
				continue;
			};
			refusals.push(json!({
				"file": file.display().to_string(),
				"message": null,
				"control_id": null,
				"segment": format!("result {}", index + 1),
				"reason": reason,
			}));
		}
	}
	if results.is_empty() {
		return Err(Error::BadInput(format!(
			"{messages} messages held no result to count; {} refused: {}",
			refusals.len(),
			refusals.iter().map(|r| r["reason"].to_string()).collect::<Vec<_>>().join("; ")
		)));
	}
	let batches = instruments::sign_batches(&key, genesis, number, results)?;
	std::fs::create_dir_all(&args.out)
		.map_err(|e| Error::BadInput(format!("cannot create {}: {e}", args.out.display())))?;
	// Named by instrument and number: two instruments' batches share a directory. None is
	// written over, and none written unless all can be.
	let paths: Vec<PathBuf> = batches
		.iter()
		.map(|batch| args.out.join(format!("batch-{}-{}.json", batch.instrument, batch.number)))
		.collect();
	if let Some(path) = paths.iter().find(|path| path.exists()) {
		return Err(Error::BadInput(format!(
			"{} exists: this batch number was signed before; relay that file, or sign from the \
			 chain's next number",
			path.display()
		)));
	}
	let mut written = Vec::new();
	for (batch, path) in batches.iter().zip(&paths) {
		std::fs::write(path, batch.to_json())
			.map_err(|e| Error::BadInput(format!("cannot write {}: {e}", path.display())))?;
		written.push(path.display().to_string());
	}
	let counted: usize = batches.iter().map(|b| b.results.len()).sum();
	let mut text = format!(
		"{messages} messages: {counted} results signed in {} batches ({}); never read: {}",
		batches.len(),
		written.join(", "),
		dropped.iter().cloned().collect::<Vec<_>>().join(", ")
	);
	for refusal in &refusals {
		text.push_str(&format!(
			"\n  refused: {} message {} ({}), {}: {}",
			refusal["file"].as_str().unwrap_or_default(),
			refusal["message"],
			refusal["control_id"].as_str().unwrap_or("no control id"),
			refusal["segment"].as_str().unwrap_or_default(),
			refusal["reason"].as_str().unwrap_or_default()
		));
	}
	Ok(Output::new(
		text,
		json!({
			"messages": messages,
			"results": counted,
			"batches": written,
			"first_number": number,
			"refused": refusals,
			"never_read": dropped,
		}),
	))
}

fn read(path: &Path) -> Result<String, Error> {
	std::fs::read_to_string(path)
		.map_err(|e| Error::BadInput(format!("cannot read {}: {e}", path.display())))
}

fn read_batch(path: &Path) -> Result<SignedBatch, Error> {
	SignedBatch::from_json(&read(path)?)
		.map_err(|e| Error::BadInput(format!("{}: {e}", path.display())))
}

fn status_words(status: &InstrumentStatus) -> String {
	match status {
		InstrumentStatus::Active => "active".into(),
		InstrumentStatus::Suspended { by } => format!("suspended by organisation {by}"),
		InstrumentStatus::Removed { by } => format!("removed by organisation {by}"),
	}
}

fn line(view: &InstrumentView<AccountId32>) -> String {
	format!(
		"{} {} {} serial {} of organisation {}: {}, counts results from {}, next batch {}",
		view.account,
		instruments::kind_word(view.kind),
		text(&view.model),
		text(&view.serial),
		view.holder,
		status_words(&view.status),
		period::date(view.counts_from),
		view.next_batch
	)
}
