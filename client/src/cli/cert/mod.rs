//! `healthnet cert`: health certificates — the issuer's trust list keys, issuing, updating,
//! revoking, suspending and reinstating certificates, showing them, writing their QR codes,
//! and verifying them as a workplace or a border does: online against the chain, or offline
//! against the cached trust list when the chain is out of reach.

mod issuer;

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use healthnet_client::{
	certificates::{
		self, verdict_sentence, CachedTrustList, Checked, StatementWords, Verification,
	},
	period,
	portable::{self, kind_word, parse_id, Claims, Statement, PREFIX},
	Client, Error,
};
use healthnet_primitives::certificates::CertificateId;
use serde_json::json;

pub use issuer::IssuerCommand;

use super::{
	output::{done, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum CertCommand {
	/// The trust list: issuers' signing keys.
	#[command(subcommand)]
	Issuer(IssuerCommand),
	/// Issue a certificate to a holder (a member of an issuer), sign it with your key, register
	/// it on the chain and write it as text and as a QR code.
	Issue {
		/// test-result, vaccination, recovery or infectivity.
		#[arg(long)]
		kind: String,
		/// The holder's name, as on their identity document (never sent to the chain).
		#[arg(long)]
		name: String,
		/// The holder's birth date, YYYY-MM-DD (never sent to the chain).
		#[arg(long)]
		birth_date: String,
		#[command(flatten)]
		statement: StatementArgs,
		#[command(flatten)]
		signing: SigningArgs,
	},
	/// Write the next version of a certificate (its issuer): same holder and kind, new
	/// content; the version before is superseded from the block that includes it.
	Update {
		/// The current certificate: a file (text or QR image) or its text.
		certificate: String,
		#[command(flatten)]
		statement: StatementArgs,
		#[command(flatten)]
		signing: SigningArgs,
	},
	/// Revoke a certificate for good (its issuer, or an authority over it).
	Revoke {
		/// The certificate: its id, a file (text or QR image) or its text.
		certificate: String,
		/// issued-in-error, fraudulent, result-withdrawn, key-compromised or holder-request.
		#[arg(long)]
		reason: String,
	},
	/// Suspend a certificate until you reinstate it (its issuer).
	Suspend {
		/// The certificate: its id, a file (text or QR image) or its text.
		certificate: String,
	},
	/// Reinstate a suspended certificate (its issuer).
	Reinstate {
		/// The certificate: its id, a file (text or QR image) or its text.
		certificate: String,
	},
	/// What the chain holds of a certificate: issuer, kind, state and every version.
	Show {
		/// The certificate: its id, a file (text or QR image) or its text.
		certificate: String,
	},
	/// Verify a certificate: its signature against the trust list, then the chain's verdict
	/// (valid, expired, superseded, revoked, suspended, lot recalled, ...). When the node is
	/// out of reach, the signature, the issuer's and the key's standing and the validity
	/// window are checked against the cached trust list, and the answer says what it could not
	/// check. Exits non-zero only when the certificate cannot be read or its signature fails.
	Verify(VerifyArgs),
	/// Write a certificate's QR code as PNG or SVG (by the file's extension).
	Qr {
		/// The certificate: a file (text or QR image) or its text.
		certificate: String,
		/// The image to write: NAME.png or NAME.svg.
		#[arg(long)]
		out: PathBuf,
	},
}

/// What a certificate states, for `issue` and `update`.
#[derive(Args)]
pub struct StatementArgs {
	/// Infectivity: the percentage, 0 to 100.
	#[arg(long)]
	percent: Option<u8>,
	/// Test result: positive, negative or inconclusive.
	#[arg(long)]
	result: Option<String>,
	/// The disease (ICD-11 style code, such as RA01); not for infectivity.
	#[arg(long)]
	disease: Option<String>,
	/// The day of the result, sample, dose or first positive test (YYYY-MM-DD; default today).
	#[arg(long)]
	date: Option<String>,
	/// Vaccination: the supply lot given.
	#[arg(long)]
	lot: Option<u32>,
	/// Vaccination: which dose.
	#[arg(long)]
	dose: Option<u8>,
	/// Vaccination: of how many doses.
	#[arg(long)]
	of: Option<u8>,
	/// How many days from now it is valid.
	#[arg(long, default_value_t = 7)]
	valid_days: u64,
}

/// The issuer's key and where the new certificate goes, for `issue` and `update`.
#[derive(Args)]
pub struct SigningArgs {
	/// The issuer's Ed25519 key file (made by `cert issuer add-key`).
	#[arg(long)]
	key_file: PathBuf,
	/// Where to write the certificate's text.
	#[arg(long)]
	out: PathBuf,
	/// Where to write its QR code too: NAME.png or NAME.svg.
	#[arg(long)]
	qr: Option<PathBuf>,
}

#[derive(Args)]
pub struct VerifyArgs {
	/// The certificate: a file (text or QR image), or its text (starting with HN1:).
	certificate: String,
	/// The cached trust list: written when verifying online, read when offline.
	#[arg(long)]
	trust_list: Option<PathBuf>,
	/// Do not ask the node: check against the cached trust list only.
	#[arg(long)]
	offline: bool,
}

/// The text of a certificate given as its text, or as a file holding it or its QR code.
fn certificate_text(input: &str) -> Result<String, Error> {
	if input.trim_start().starts_with(PREFIX) {
		return Ok(input.trim().to_string());
	}
	let bytes = std::fs::read(input).map_err(|e| {
		Error::BadInput(format!(
			"{input} is neither a certificate's text (starting with {PREFIX}) nor a file that \
			 can be read ({e})"
		))
	})?;
	if bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"\xff\xd8") {
		return Ok(portable::read_qr(&bytes, input)?);
	}
	String::from_utf8(bytes).map(|text| text.trim().to_string()).map_err(|_| {
		Error::BadInput(format!("{input} is neither a certificate's text nor a PNG or JPEG image"))
	})
}

/// The id of a certificate given as its id, its text, or a file.
fn certificate_id(input: &str) -> Result<CertificateId, Error> {
	if let Ok(id) = parse_id(input) {
		return Ok(id);
	}
	Ok(portable::open(&certificate_text(input)?)?.claims.id)
}

/// A day as `YYYY-MM-DD`, today by default.
impl StatementArgs {
	/// The statement of a certificate of `kind`, from the arguments given.
	fn statement(&self, kind: &str) -> Result<Statement, Error> {
		StatementWords {
			percent: self.percent,
			result: self.result.clone(),
			disease: self.disease.clone(),
			date: self.date.clone(),
			lot: self.lot,
			dose: self.dose,
			of: self.of,
		}
		.statement(kind)
	}
}

/// Writes a certificate's text, and its QR code when asked.
fn write_certificate(text: &str, signing: &SigningArgs) -> Result<(), Error> {
	std::fs::write(&signing.out, format!("{text}\n"))
		.map_err(|e| Error::BadInput(format!("could not write {}: {e}", signing.out.display())))?;
	if let Some(qr) = &signing.qr {
		write_qr(text, qr)?;
	}
	Ok(())
}

/// Writes a certificate's QR code as PNG or SVG, by the file's extension.
fn write_qr(text: &str, path: &Path) -> Result<(), Error> {
	let bytes = match path.extension().and_then(|e| e.to_str()) {
		Some("png") => portable::qr_png(text)?,
		Some("svg") => portable::qr_svg(text)?.into_bytes(),
		_ => return Err(Error::BadInput(format!("{} must end in .png or .svg", path.display()))),
	};
	std::fs::write(path, bytes)
		.map_err(|e| Error::BadInput(format!("could not write {}: {e}", path.display())))
}

/// Signs `claims`, registers them with `send`, and writes the certificate.
async fn sign_and_register(
	session: &Session,
	claims: Claims,
	signing: &SigningArgs,
	first: bool,
) -> Result<Output, Error> {
	let key = certificates::signing_key(&signing.key_file, false)?;
	let text = portable::seal(&claims, &key)?;
	let sealed = portable::open(&text)?;
	let included = if first {
		session.send(certificates::issue_certificate(&sealed)?).await?
	} else {
		session.send(certificates::update_certificate(&sealed)).await?
	};
	write_certificate(&text, signing)?;
	let id = format!("0x{}", hex::encode(claims.id));
	let verb = if first { "issued" } else { "updated" };
	let mut output = done(
		included,
		format!(
			"{verb} {} certificate {id} version {}, written to {}",
			kind_word(claims.statement.kind()),
			claims.version,
			signing.out.display()
		),
	);
	output.json["id"] = json!(id);
	output.json["version"] = json!(claims.version);
	output.json["payloadHash"] = json!(sealed.payload_hash());
	output.json["text"] = json!(text);
	Ok(output)
}

pub async fn run(session: &Session, command: CertCommand) -> Result<Output, Error> {
	match command {
		CertCommand::Issuer(command) => issuer::run(session, command).await,
		CertCommand::Issue { kind, name, birth_date, statement, signing } => {
			let kind = kind_word(certificates::kind(&kind)?);
			let account = session.account()?;
			let (issuer, ..) =
				session.client.organisation_of(&account).await?.ok_or_else(|| {
					Error::BadKey("your account is not a member of any organisation".into())
				})?;
			let (valid_from, valid_until) = certificates::validity(statement.valid_days)?;
			let claims = Claims {
				id: certificates::random_16(),
				version: 1,
				genesis: session.client.subxt().genesis_hash(),
				issuer,
				issued_at: valid_from,
				valid_from,
				valid_until,
				holder: certificates::holder(&name, &birth_date)?,
				statement: statement.statement(kind)?,
			};
			sign_and_register(session, claims, &signing, true).await
		},
		CertCommand::Update { certificate, statement, signing } => {
			let current = portable::open(&certificate_text(&certificate)?)?.claims;
			let view = session.client.certificate(&current.id).await?.ok_or_else(|| {
				Error::NotFound("the chain has no certificate with this id".into())
			})?;
			let (valid_from, valid_until) = certificates::validity(statement.valid_days)?;
			let claims = Claims {
				version: view.certificate.version + 1,
				issued_at: valid_from,
				valid_from,
				valid_until,
				statement: statement.statement(kind_word(current.statement.kind()))?,
				..current
			};
			sign_and_register(session, claims, &signing, false).await
		},
		CertCommand::Revoke { certificate, reason } => {
			let reason = certificates::revocation_reason(&reason)?;
			let id = certificate_id(&certificate)?;
			Ok(done(
				session.send(certificates::revoke_certificate(id, reason)?).await?,
				format!("revoked certificate 0x{}", hex::encode(id)),
			))
		},
		CertCommand::Suspend { certificate } => {
			let id = certificate_id(&certificate)?;
			Ok(done(
				session.send(certificates::suspend_certificate(id)).await?,
				format!("suspended certificate 0x{}", hex::encode(id)),
			))
		},
		CertCommand::Reinstate { certificate } => {
			let id = certificate_id(&certificate)?;
			Ok(done(
				session.send(certificates::reinstate_certificate(id)).await?,
				format!("reinstated certificate 0x{}", hex::encode(id)),
			))
		},
		CertCommand::Show { certificate } => {
			let id = certificate_id(&certificate)?;
			let view = session.client.certificate(&id).await?.ok_or_else(|| {
				Error::NotFound(format!("the chain has no certificate 0x{}", hex::encode(id)))
			})?;
			let c = &view.certificate;
			let mut lines = vec![format!(
				"certificate 0x{} ({}) by issuer {}, version {}, {:?}{}",
				hex::encode(id),
				kind_word(c.kind),
				c.issuer,
				c.version,
				c.state,
				c.lot.map(|lot| format!(", lot {lot}")).unwrap_or_default()
			)];
			for (n, v) in view.versions.iter().enumerate() {
				lines.push(format!(
					"  version {}: payload {:?}, key 0x{}, valid {} to {}, block {}{}",
					n + 1,
					v.payload_hash,
					hex::encode(v.key),
					period::moment(v.valid_from),
					period::moment(v.valid_until),
					v.issued_at,
					v.superseded_at
						.map(|at| format!(", superseded at block {at}"))
						.unwrap_or_default()
				));
			}
			Ok(Output::new(lines.join("\n"), json!(view)))
		},
		CertCommand::Verify(_) | CertCommand::Qr { .. } => {
			unreachable!("`cert verify` and `cert qr` run without a session")
		},
	}
}

/// Whether a command runs without connecting first: verification decides for itself whether
/// the node is reachable, and a QR code needs no node.
pub fn runs_without_session(command: &CertCommand) -> bool {
	matches!(command, CertCommand::Verify(_) | CertCommand::Qr { .. })
}

/// Runs `cert verify` and `cert qr`.
pub async fn run_without_session(url: &str, command: CertCommand) -> Result<Output, Error> {
	match command {
		CertCommand::Verify(args) => verify(url, args).await,
		CertCommand::Qr { certificate, out } => {
			let text = certificate_text(&certificate)?;
			portable::open(&text)?;
			write_qr(&text, &out)?;
			Ok(Output::new(format!("wrote {}", out.display()), json!({ "out": out })))
		},
		_ => unreachable!("only `cert verify` and `cert qr` run without a session"),
	}
}

/// Where the trust list is cached unless `--trust-list` says otherwise.
fn default_cache() -> PathBuf {
	let base = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache")
	});
	base.join("healthnet").join("trust-list.json")
}

async fn verify(url: &str, args: VerifyArgs) -> Result<Output, Error> {
	let text = certificate_text(&args.certificate)?;
	let cache = args.trust_list.unwrap_or_else(default_cache);
	let (verification, unreachable) = if args.offline {
		(
			certificates::verify_offline(
				&text,
				&CachedTrustList::load(&cache)?,
				period::now_seconds(),
			)?,
			None,
		)
	} else {
		match Client::connect(url).await {
			Ok(client) => (certificates::verify_online(&client, &text, Some(&cache)).await?, None),
			Err(unreachable @ Error::Unreachable { .. }) => {
				let trust = CachedTrustList::load(&cache).map_err(|_| {
					Error::NotFound(format!(
						"{unreachable} No trust list is cached at {} either: verify once while \
						 the node is reachable to cache it.",
						cache.display()
					))
				})?;
				(certificates::verify_offline(&text, &trust, period::now_seconds())?, Some(url))
			},
			Err(other) => return Err(other),
		}
	};
	Ok(verification_output(&verification, unreachable))
}

fn verification_output(v: &Verification, unreachable: Option<&str>) -> Output {
	let c = &v.claims;
	let what = match &c.statement {
		Statement::Infectivity { percent, result_date } => {
			format!("infectivity {percent} % (result of {result_date})")
		},
		Statement::TestResult { disease, result, sampled } => {
			format!("test for {disease}: {result} (sampled {sampled})")
		},
		Statement::Vaccination { disease, lot, dose, of, date } => {
			format!("vaccination against {disease}, dose {dose} of {of} on {date}, lot {lot}")
		},
		Statement::Recovery { disease, first_positive } => {
			format!("recovery from {disease} (first positive {first_positive})")
		},
	};
	let (head, source) = match (&v.verdict, &v.checked) {
		(Some(verdict), Checked::Online { block, .. }) => (
			format!(
				"{}: {}",
				if v.valid { "VALID" } else { "NOT VALID" },
				verdict_sentence(verdict)
			),
			format!("checked online at finalized block #{block}"),
		),
		(verdict, Checked::Offline { block, key_status, in_window }) => (
			format!(
				"OFFLINE CHECK, {}: {}; the signature holds against the trust list cached at \
				 block #{block} (key {key_status:?}), and the certificate is {} its validity \
				 window by this machine's clock",
				if v.valid { "VALID" } else { "NOT VALID" },
				verdict.as_ref().map(verdict_sentence).unwrap_or_default(),
				if *in_window { "within" } else { "outside" }
			),
			format!(
				"{}not checked offline: revocation, suspension or a newer version of the \
				 certificate, the payload registered{}, and any change since block #{block}",
				unreachable
					.map(|url| format!("the node at {url} is unreachable; "))
					.unwrap_or_default(),
				match &c.statement {
					Statement::Vaccination { lot, .. } => format!(", a recall of lot {lot}"),
					_ => String::new(),
				}
			),
		),
		(None, Checked::Online { .. }) => unreachable!("an online check has a verdict"),
	};
	let text = format!(
		"{head}\ncertificate 0x{} version {}: {what}\nholder: {}, born {}\nissuer {}, key 0x{}; {source}",
		hex::encode(c.id),
		c.version,
		c.holder.name,
		c.holder.birth_date,
		c.issuer,
		hex::encode(v.key),
	);
	let mut json = serde_json::to_value(v).unwrap_or_default();
	if let Some(verdict) = &v.verdict {
		json["sentence"] = json!(verdict_sentence(verdict));
	}
	json["offline"] = json!(matches!(v.checked, Checked::Offline { .. }));
	Output::new(text, json)
}
