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
	/// Set the daily confirmed cases that raise an alert in your region (0 removes it).
	Threshold {
		#[arg(long)]
		region: String,
		#[arg(long)]
		disease: String,
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
		AlertCommand::Threshold { region, disease, confirmed } => done(
			session.send(surveillance::set_threshold(&region, &disease, confirmed)).await?,
			format!("threshold of {disease} in {region}: {confirmed} confirmed cases a day"),
		),
		AlertCommand::List { region } => {
			let alerts = session.client.open_alerts(&region).await?;
			let line = |a: &AlertView| {
				format!(
					"{} {} on {}: {} confirmed, threshold {}",
					if a.region.is_empty() { "world" } else { &a.region },
					a.disease,
					period::date(a.period),
					a.confirmed,
					a.threshold
				)
			};
			listing(&alerts, line, "no open alerts".into())
		},
	})
}
