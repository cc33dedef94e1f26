//! `healthnet report sign | relay`: a report signed on an offline facility's device and
//! relayed later by any member account, and `healthnet report variants | export`: the lineage
//! breakdown of a region and the exports for research and authorities.

use std::path::{Path, PathBuf};

use clap::Args;
use healthnet_client::{
	export::Export,
	keys,
	offline::{
		self,
		form::{self, SignedForm},
		SignedReport,
	},
	period, portable, surveillance, Error,
};
use healthnet_primitives::{
	surveillance::{Counts, LineagePeriod, Period},
	OrgId,
};
use serde_json::json;

use super::CountArgs;
use crate::cli::{
	output::{done, listing, parse_hash, parse_period, Output},
	session::Session,
};

/// A report signed without a node.
#[derive(Args)]
pub struct SignArgs {
	/// Your facility.
	#[arg(long)]
	org: OrgId,
	#[command(flatten)]
	counts: CountArgs,
	/// The chain's genesis hash (`healthnet chain info` prints it; keep it on the device).
	#[arg(long)]
	genesis: String,
	/// The version the report writes: 1 for a first report, the report's next version for an
	/// amendment (`report history` shows the current one).
	#[arg(long, default_value_t = 1)]
	report_version: u32,
	/// Days the signed report stays valid: a relayer cannot send it later. The chain takes
	/// at most 30.
	#[arg(long, default_value_t = 7)]
	valid_days: u64,
	/// Where to write the signed report (JSON); it is also printed as a QR code.
	#[arg(long)]
	out: PathBuf,
}

/// A form signed without a node.
#[derive(Args)]
pub struct SignFormArgs {
	/// Your facility.
	#[arg(long)]
	org: OrgId,
	/// The day: YYYY-MM-DD, today, yesterday, or a day number.
	#[arg(long, value_parser = parse_period)]
	period: Period,
	/// The chain's genesis hash (`healthnet chain info` prints it; keep it on the device).
	#[arg(long)]
	genesis: String,
	/// Days the signed form stays valid: a relayer cannot send it later. The chain takes at
	/// most 30.
	#[arg(long, default_value_t = 7)]
	valid_days: u64,
	/// Where to write the signed form (JSON).
	#[arg(long)]
	out: PathBuf,
	/// The form's CSV file (as `report form` reads it), or - for standard input.
	file: PathBuf,
}

/// Reads a form's CSV from `file`, or from standard input for `-`.
pub fn read_form_file(file: &Path) -> Result<Vec<surveillance::FormEntry>, Error> {
	let csv = if file.as_os_str() == "-" {
		std::io::read_to_string(std::io::stdin())
	} else {
		std::fs::read_to_string(file)
	}
	.map_err(|e| Error::BadInput(format!("cannot read the form {}: {e}", file.display())))?;
	surveillance::read_form(&csv)
}

/// Signs a form with the member's key, without a node.
pub fn sign_form_offline(args: SignFormArgs, suri: Option<String>) -> Result<Output, Error> {
	let suri = suri.ok_or_else(|| {
		Error::BadKey(
			"sign with a member account's key of the facility: give it with --suri".into(),
		)
	})?;
	let member = keys::signer(&suri)?;
	let entries = read_form_file(&args.file)?;
	let diseases: Vec<String> = entries.iter().map(|e| e.disease.clone()).collect();
	let valid_until = healthnet_client::period::now_millis() + args.valid_days * 86_400_000;
	let signed = form::sign_form(
		&member,
		parse_hash(&args.genesis)?,
		args.org,
		args.period,
		entries,
		valid_until,
	);
	let text = signed.to_json();
	std::fs::write(&args.out, &text)
		.map_err(|e| Error::BadInput(format!("could not write {}: {e}", args.out.display())))?;
	// A long form outgrows a QR code; the file carries it all the same.
	let qr = qrcode::QrCode::new(text.as_bytes())
		.map(|code| code.render::<qrcode::render::unicode::Dense1x2>().build() + "\n")
		.unwrap_or_default();
	Ok(Output::new(
		format!(
			"{qr}signed organisation {}'s form of {} diseases for {} ({}) into {}; any member \
			 account relays it with `healthnet report relay {}`",
			args.org,
			diseases.len(),
			period::date(args.period),
			diseases.join(", "),
			args.out.display(),
			args.out.display()
		),
		json!({ "file": args.out, "form": signed }),
	))
}

/// The region or cluster, disease and days of a read.
#[derive(Args)]
pub struct RangeArgs {
	/// A region code; "" for the whole world.
	#[arg(long)]
	region: String,
	#[arg(long)]
	disease: String,
	#[arg(long, value_parser = parse_period)]
	from: Period,
	/// The last day (default: the first).
	#[arg(long, value_parser = parse_period)]
	to: Option<Period>,
}

/// Signs a report with the member's key, without a node: the only report command that needs
/// none.
pub fn sign_offline(args: SignArgs, suri: Option<String>) -> Result<Output, Error> {
	let suri = suri.ok_or_else(|| {
		Error::BadKey(
			"sign with a member account's key of the facility: give it with --suri".into(),
		)
	})?;
	let member = keys::signer(&suri)?;
	let c = &args.counts;
	let counts = Counts {
		suspected: c.suspected,
		confirmed: c.confirmed,
		deaths: c.deaths,
		recovered: c.recovered,
		hospitalised: c.hospitalised,
		tests_performed: c.tests_performed,
		tests_positive: c.tests_positive,
	};
	let variants = surveillance::variants(&c.variants)?
		.into_iter()
		.map(|(name, cases)| (String::from_utf8_lossy(&name).into_owned(), cases))
		.collect();
	let signed = offline::sign_report(
		&member,
		parse_hash(&args.genesis)?,
		args.org,
		&c.disease,
		c.period,
		counts,
		variants,
		args.report_version,
		healthnet_client::period::now_millis() + args.valid_days * 86_400_000,
	);
	let text = signed.to_json();
	std::fs::write(&args.out, &text)
		.map_err(|e| Error::BadInput(format!("could not write {}: {e}", args.out.display())))?;
	let qr = qrcode::QrCode::new(text.as_bytes())
		.map_err(|e| Error::BadInput(format!("the report does not fit a QR code ({e})")))?
		.render::<qrcode::render::unicode::Dense1x2>()
		.build();
	Ok(Output::new(
		format!(
			"{qr}\nsigned version {} of organisation {}'s {} report for {} into {}; any member \
			 account relays it with `healthnet report relay {}`",
			args.report_version,
			args.org,
			c.disease,
			period::date(c.period),
			args.out.display(),
			args.out.display()
		),
		json!({ "file": args.out, "report": signed }),
	))
}

/// What a member signed offline: a report or a whole form.
enum Signed {
	Report(SignedReport),
	Form(SignedForm),
}

/// Reads a signed report or form from a file: its JSON, or a QR code image (PNG or JPEG) of it.
fn read_signed(path: &Path) -> Result<Signed, Error> {
	let bytes = std::fs::read(path)
		.map_err(|e| Error::BadInput(format!("could not read {}: {e}", path.display())))?;
	let text = match std::str::from_utf8(&bytes) {
		Ok(text) => text.to_string(),
		Err(_) => portable::read_qr(&bytes, &path.display().to_string())?,
	};
	// A form names its diseases under `reports`; a report names one under `disease`.
	let is_form = serde_json::from_str::<serde_json::Value>(text.trim())
		.is_ok_and(|value| value.get("reports").is_some());
	Ok(match is_form {
		true => Signed::Form(SignedForm::from_json(&text)?),
		false => Signed::Report(SignedReport::from_json(&text)?),
	})
}

/// Relays the report or form signed offline in `file` with the session's account.
pub async fn relay(session: &Session, file: &Path) -> Result<Output, Error> {
	let signed = match read_signed(file)? {
		Signed::Report(signed) => signed,
		Signed::Form(signed) => {
			let included = session.send(form::relay_form(&signed)?).await?;
			let diseases: Vec<&str> = signed.reports.iter().map(|e| e.disease.as_str()).collect();
			return Ok(done(
				included,
				format!(
					"relayed organisation {}'s form of {} diseases for {} ({}), signed by {}",
					signed.org,
					diseases.len(),
					period::date(signed.period),
					diseases.join(", "),
					signed.signer
				),
			));
		},
	};
	let included = session.send(offline::relay_report(&signed)?).await?;
	Ok(done(
		included,
		format!(
			"relayed version {} of organisation {}'s {} report for {}, signed by {}",
			signed.version,
			signed.org,
			signed.disease,
			period::date(signed.period),
			signed.signer
		),
	))
}

/// The confirmed cases per lineage of a region and disease, day by day.
pub async fn variants(session: &Session, range: RangeArgs) -> Result<Output, Error> {
	let to = range.to.unwrap_or(range.from);
	let series =
		session.client.region_lineages(&range.region, &range.disease, range.from, to).await?;
	let line = |day: &LineagePeriod| {
		let mut parts: Vec<String> =
			day.lineages.iter().map(|l| format!("{} {}", l.lineage, l.confirmed)).collect();
		if day.others > 0 {
			parts.push(format!("others {}", day.others));
		}
		format!("{}: {}", period::date(day.period), parts.join(", "))
	};
	let none = format!(
		"no lineages of {} reported in {} from {} to {}",
		range.disease,
		if range.region.is_empty() { "the world" } else { &range.region },
		period::date(range.from),
		period::date(to)
	);
	Ok(listing(&series, line, none))
}

/// Writes an export as CSV or FHIR to `out`, or prints it.
pub async fn export(
	session: &Session,
	range: RangeArgs,
	format: &str,
	out: Option<PathBuf>,
) -> Result<Output, Error> {
	let to = range.to.unwrap_or(range.from);
	let export: Export =
		session.client.export(&range.region, &range.disease, range.from, to).await?;
	let text = match format {
		"csv" => export.to_csv(),
		"fhir" => serde_json::to_string_pretty(&export.to_fhir(period::now_seconds()))
			.expect("a bundle serialises"),
		other => {
			return Err(Error::BadInput(format!(
				"{other} is not an export format: give csv or fhir"
			)))
		},
	};
	let summary = format!(
		"{} rows of {} for {} from {} to {}, read at finalized block #{} ({:?})",
		export.rows.len(),
		range.disease,
		if range.region.is_empty() { "the world" } else { &range.region },
		period::date(range.from),
		period::date(to),
		export.block_number,
		export.block
	);
	let json = json!({
		"block": format!("{:?}", export.block),
		"block_number": export.block_number,
		"rows": export.rows.len(),
		"file": out,
	});
	match out {
		Some(path) => {
			std::fs::write(&path, text)
				.map_err(|e| Error::BadInput(format!("could not write {}: {e}", path.display())))?;
			Ok(Output::new(format!("{summary}, written to {}", path.display()), json))
		},
		None => Ok(Output::new(text, json)),
	}
}
