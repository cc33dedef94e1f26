//! `healthnet report`: disease case reports, their review and their aggregates; reports
//! signed offline and relayed (`edge`), lineage breakdowns and exports.

pub(crate) mod edge;

pub use edge::sign_offline;

use clap::{Args, Subcommand};
use healthnet_client::{
	api::runtime_types::healthnet_primitives::surveillance::Counts, period, surveillance, Error,
};
use healthnet_primitives::{
	surveillance::{Period, Totals},
	ClusterId, OrgId,
};
use serde_json::json;

use super::{
	output::{done, listing, parse_period, text, Output},
	session::Session,
};
use edge::{RangeArgs, SignArgs};

/// A facility's counts of one disease and period.
#[derive(Args)]
pub struct CountArgs {
	/// The disease code, such as RA01 (ICD-11 for COVID-19).
	#[arg(long)]
	disease: String,
	/// The day: YYYY-MM-DD, today, yesterday, or a day number.
	#[arg(long, value_parser = parse_period)]
	period: Period,
	#[arg(long, default_value_t = 0)]
	suspected: u32,
	#[arg(long, default_value_t = 0)]
	confirmed: u32,
	#[arg(long, default_value_t = 0)]
	deaths: u32,
	#[arg(long, default_value_t = 0)]
	recovered: u32,
	#[arg(long, default_value_t = 0)]
	hospitalised: u32,
	#[arg(long, default_value_t = 0)]
	tests_performed: u32,
	#[arg(long, default_value_t = 0)]
	tests_positive: u32,
	/// Confirmed cases of a variant, as NAME=COUNT (repeat for several).
	#[arg(long = "variant")]
	variants: Vec<String>,
}

/// One facility's report.
#[derive(Args)]
pub struct ReportKey {
	/// The reporting organisation.
	#[arg(long)]
	org: OrgId,
	#[arg(long)]
	disease: String,
	#[arg(long, value_parser = parse_period)]
	period: Period,
}

#[derive(Subcommand)]
pub enum ReportCommand {
	/// Report your facility's counts of a disease for a day.
	Submit(CountArgs),
	/// Report your facility's form: several diseases for a day in one transaction, from a CSV
	/// file with a header row (disease, suspected, confirmed, deaths, recovered,
	/// hospitalised, tests_performed, tests_positive, variants as NAME=COUNT;NAME=COUNT). If
	/// one disease is refused, none is taken.
	Form {
		/// The day: YYYY-MM-DD, today, yesterday, or a day number.
		#[arg(long, value_parser = parse_period)]
		period: Period,
		/// The CSV file, or - for standard input.
		file: std::path::PathBuf,
	},
	/// Replace the counts of your facility's report with a new version: give every count again
	/// (a count left out is zero).
	Amend {
		/// Your organisation.
		#[arg(long)]
		org: OrgId,
		#[command(flatten)]
		counts: CountArgs,
	},
	/// Approve a facility's report (its authority).
	Approve(ReportKey),
	/// Reject a facility's report (its authority).
	Reject {
		#[command(flatten)]
		report: ReportKey,
		/// incomplete-counts, implausible-counts, wrong-disease, wrong-period or duplicate.
		#[arg(long)]
		reason: String,
	},
	/// Void a facility's report for good, its history kept (its authority): its counts leave
	/// every total and nobody can amend it again.
	Void {
		#[command(flatten)]
		report: ReportKey,
		/// duplicate, fraudulent, wrong-facility or entered-in-error.
		#[arg(long)]
		reason: String,
	},
	/// Re-open an approved report for amendment (its authority).
	Reopen(ReportKey),
	/// A report and all its versions.
	History(ReportKey),
	/// Totals of a disease per day, for a region or a cluster.
	Series {
		/// A region code; "" for the whole world.
		#[arg(long, conflicts_with = "cluster", required_unless_present = "cluster")]
		region: Option<String>,
		#[arg(long)]
		cluster: Option<ClusterId>,
		#[arg(long)]
		disease: String,
		#[arg(long, value_parser = parse_period)]
		from: Period,
		/// The last day (default: the first).
		#[arg(long, value_parser = parse_period)]
		to: Option<Period>,
	},
	/// Which facilities of a cluster reported a disease for a day, and in time.
	Completeness {
		#[arg(long)]
		cluster: ClusterId,
		#[arg(long)]
		disease: String,
		#[arg(long, value_parser = parse_period)]
		period: Period,
	},
	/// Sign your facility's report on a device without a connection (no node needed): it is
	/// written to a file and shown as a QR code for another member account to relay.
	Sign(SignArgs),
	/// Sign your facility's form (the CSV of `report form`) on a device without a connection
	/// (no node needed): it is written to a file for another member account to relay, and
	/// shown as a QR code when it fits one.
	SignForm(edge::SignFormArgs),
	/// Relay a report or a form a facility member signed offline (its JSON file or a PNG or
	/// JPEG of its QR code); your account pays the fee, it counts as the facility's.
	Relay {
		/// The signed report.
		file: std::path::PathBuf,
	},
	/// Confirmed cases per lineage (variant) of a region, day by day.
	Variants(RangeArgs),
	/// Export a region's and every region's and cluster's inside it totals, completeness and
	/// timeliness per day, read at the finalized block the export names.
	Export {
		#[command(flatten)]
		range: RangeArgs,
		/// csv (columns in docs/EXPORTS.md) or fhir (R4 MeasureReports in a Bundle).
		#[arg(long, default_value = "csv")]
		format: String,
		/// Write it to this file instead of printing it.
		#[arg(long)]
		out: Option<std::path::PathBuf>,
	},
}

fn counts_of(args: &CountArgs) -> Counts {
	surveillance::counts(
		args.suspected,
		args.confirmed,
		args.deaths,
		args.recovered,
		args.hospitalised,
		args.tests_performed,
		args.tests_positive,
	)
}

fn totals_line(period: Period, totals: &Totals) -> String {
	format!(
		"{}: confirmed {}, suspected {}, deaths {}, recovered {}, hospitalised {}, tests {} ({} positive), reports: {}",
		period::date(period),
		totals.confirmed,
		totals.suspected,
		totals.deaths,
		totals.recovered,
		totals.hospitalised,
		totals.tests_performed,
		totals.tests_positive,
		totals.reports
	)
}

pub async fn run(session: &Session, command: ReportCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		ReportCommand::Submit(args) => {
			let call = surveillance::submit_report(
				&args.disease,
				args.period,
				counts_of(&args),
				surveillance::variants(&args.variants)?,
			);
			done(
				session.send(call).await?,
				format!("reported {} for {}", args.disease, period::date(args.period)),
			)
		},
		ReportCommand::Form { period, file } => {
			let entries = edge::read_form_file(&file)?;
			let diseases: Vec<String> = entries.iter().map(|e| e.disease.clone()).collect();
			match session.send(surveillance::submit_reports(period, entries)).await {
				Ok(included) => done(
					included,
					format!(
						"reported {} diseases for {}: {}",
						diseases.len(),
						period::date(period),
						diseases.join(", ")
					),
				),
				Err(error) if error.to_string().contains("ReportExists") => {
					// The chain's refusal cannot say which disease: name those reported already.
					let mut reported = Vec::new();
					if let Some((org, ..)) = client.organisation_of(&session.account()?).await? {
						for disease in &diseases {
							if client.report_history(org, disease, period).await?.is_some() {
								reported.push(disease.as_str());
							}
						}
					}
					return Err(Error::BadInput(format!(
						"{error}\nalready reported for {}: {}; nothing of the form was taken",
						period::date(period),
						reported.join(", ")
					)));
				},
				Err(error) => return Err(error),
			}
		},
		ReportCommand::Amend { org, counts } => {
			let call = surveillance::amend_report(
				org,
				&counts.disease,
				counts.period,
				counts_of(&counts),
				surveillance::variants(&counts.variants)?,
			);
			done(
				session.send(call).await?,
				format!(
					"amended the {} report for {}",
					counts.disease,
					period::date(counts.period)
				),
			)
		},
		ReportCommand::Approve(key) => done(
			session.send(surveillance::approve_report(key.org, &key.disease, key.period)).await?,
			format!("approved the report of organisation {}", key.org),
		),
		ReportCommand::Reject { report, reason } => {
			let reason = surveillance::rejection_reason(&reason)?;
			let call =
				surveillance::reject_report(report.org, &report.disease, report.period, reason);
			done(
				session.send(call).await?,
				format!("rejected the report of organisation {}", report.org),
			)
		},
		ReportCommand::Void { report, reason } => {
			let reason = surveillance::void_reason(&reason)?;
			let call =
				surveillance::void_report(report.org, &report.disease, report.period, reason);
			done(
				session.send(call).await?,
				format!("voided the report of organisation {}", report.org),
			)
		},
		ReportCommand::Reopen(key) => done(
			session.send(surveillance::reopen_report(key.org, &key.disease, key.period)).await?,
			format!("re-opened the report of organisation {}", key.org),
		),
		ReportCommand::History(key) => {
			let history = client
				.report_history(key.org, &key.disease, key.period)
				.await?
				.ok_or_else(|| {
					Error::NotFound(format!(
						"organisation {} has no {} report for {}",
						key.org,
						key.disease,
						period::date(key.period)
					))
				})?;
			let mut lines = vec![format!(
				"report of organisation {} on {} for {}: version {}, {:?}, {}",
				key.org,
				key.disease,
				period::date(key.period),
				history.report.version,
				history.report.status,
				if history.report.on_time { "on time" } else { "late" }
			)];
			let mut versions = Vec::new();
			for (number, version) in history.versions.iter().enumerate() {
				let variants: Vec<String> = version
					.variants
					.iter()
					.map(|(name, count)| format!(" {}={count}", text(name)))
					.collect();
				lines.push(format!(
					"  version {}: confirmed {}, suspected {}, deaths {}{}{} (block #{}, by {}{})",
					number + 1,
					version.counts.confirmed,
					version.counts.suspected,
					version.counts.deaths,
					if variants.is_empty() { "" } else { "; variants" },
					variants.concat(),
					version.at,
					version.submitted_by,
					match &version.relayed_by {
						Some(relay) => format!(", relayed by {relay}"),
						None => String::new(),
					}
				));
				versions.push(json!({
					"version": number + 1,
					"counts": version.counts,
					"variants": version.variants.iter().map(|(name, count)| json!([text(name), count])).collect::<Vec<_>>(),
					"submitted_by": version.submitted_by.to_string(),
					"relayed_by": version.relayed_by.as_ref().map(|relay| relay.to_string()),
					"at": version.at,
				}));
			}
			Output::new(lines.join("\n"), json!({ "report": history.report, "versions": versions }))
		},
		ReportCommand::Series { region, cluster, disease, from, to } => {
			let to = to.unwrap_or(from);
			let series = match (&region, cluster) {
				(_, Some(cluster)) => client.cluster_series(cluster, &disease, from, to).await?,
				(Some(region), None) => client.region_series(region, &disease, from, to).await?,
				(None, None) => unreachable!("clap requires a region or a cluster"),
			};
			let none =
				format!("no {disease} reports from {} to {}", period::date(from), period::date(to));
			listing(&series, |p| totals_line(p.period, &p.totals), none)
		},
		ReportCommand::Completeness { cluster, disease, period: day } => {
			let report = client.completeness(cluster, &disease, day).await?;
			let listed = |orgs: &[OrgId]| {
				if orgs.is_empty() {
					"none".to_string()
				} else {
					orgs.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ")
				}
			};
			let text = format!(
				"cluster {cluster}, {disease}, {}: {} of {} facilities reported, {} on time; late: {}; missing: {}",
				period::date(day),
				report.reported,
				report.expected,
				report.on_time,
				listed(&report.late),
				listed(&report.missing),
			);
			Output::new(text, serde_json::to_value(&report).unwrap_or_default())
		},
		ReportCommand::Sign(_) | ReportCommand::SignForm(_) => {
			unreachable!("`report sign` and `report sign-form` run without a node")
		},
		ReportCommand::Relay { file } => edge::relay(session, &file).await?,
		ReportCommand::Variants(range) => edge::variants(session, range).await?,
		ReportCommand::Export { range, format, out } => {
			edge::export(session, range, &format, out).await?
		},
	})
}
