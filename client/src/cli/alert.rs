//! `healthnet alert`: outbreak thresholds and open alerts.

use clap::Subcommand;
use healthnet_client::{period, surveillance, Error};
use healthnet_primitives::surveillance::AlertView;

use super::{
	output::{done, listing, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum AlertCommand {
	/// Set the daily confirmed cases that raise an alert in your region (0 removes it), of a
	/// disease or, with --lineage, of one variant of it.
	Threshold {
		#[arg(long)]
		region: String,
		#[arg(long)]
		disease: String,
		/// A lineage (variant of concern) such as JN.1: the threshold counts its cases only.
		#[arg(long)]
		lineage: Option<String>,
		#[arg(long)]
		confirmed: u32,
	},
	/// The alerts above their thresholds in a region and inside it.
	List {
		/// A region code; the whole world when left out.
		#[arg(long, default_value = "")]
		region: String,
	},
}

pub async fn run(session: &Session, command: AlertCommand) -> Result<Output, Error> {
	Ok(match command {
		AlertCommand::Threshold { region, disease, lineage, confirmed } => {
			let call =
				surveillance::set_threshold(&region, &disease, lineage.as_deref(), confirmed);
			let of = match &lineage {
				Some(lineage) => format!("{disease} lineage {lineage}"),
				None => disease.clone(),
			};
			done(
				session.send(call).await?,
				format!("threshold of {of} in {region}: {confirmed} confirmed cases a day"),
			)
		},
		AlertCommand::List { region } => {
			let alerts = session.client.open_alerts(&region).await?;
			let line = |a: &AlertView| {
				format!(
					"{} {}{} on {}: {} confirmed, threshold {}",
					if a.region.is_empty() { "world" } else { &a.region },
					a.disease,
					a.lineage.as_ref().map(|l| format!(" lineage {l}")).unwrap_or_default(),
					period::date(a.period),
					a.confirmed,
					a.threshold
				)
			};
			listing(&alerts, line, "no open alerts".into())
		},
	})
}
