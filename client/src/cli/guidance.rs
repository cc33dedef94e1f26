//! `healthnet guidance`: guidance from authorities, and its acknowledgement by facilities.

use std::path::PathBuf;

use clap::Subcommand;
use healthnet_client::{surveillance, Error};
use healthnet_primitives::ClusterId;
use serde_json::json;
use subxt::utils::H256;

use super::{
	output::{created, done, parse_hash, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum GuidanceCommand {
	/// Publish guidance to the facilities of a region or a cluster (an authority).
	Publish {
		#[arg(long, conflicts_with = "cluster", required_unless_present = "cluster")]
		region: Option<String>,
		#[arg(long)]
		cluster: Option<ClusterId>,
		/// Where the document is, off chain.
		#[arg(long)]
		uri: String,
		/// The document itself, to put its BLAKE2-256 hash on chain.
		#[arg(long, conflicts_with = "content_hash", required_unless_present = "content_hash")]
		document: Option<PathBuf>,
		/// The document's hash, if you do not have the file at hand.
		#[arg(long)]
		content_hash: Option<String>,
		/// information, advisory, warning or emergency.
		#[arg(long)]
		severity: String,
		/// The disease it is about.
		#[arg(long)]
		disease: Option<String>,
	},
	/// Acknowledge guidance for your facility.
	Acknowledge { id: u32 },
	/// The facilities that have not acknowledged guidance yet.
	Pending { id: u32 },
}

pub async fn run(session: &Session, command: GuidanceCommand) -> Result<Output, Error> {
	Ok(match command {
		GuidanceCommand::Publish {
			region,
			cluster,
			uri,
			document,
			content_hash,
			severity,
			disease,
		} => {
			let content_hash = match (document, content_hash) {
				(Some(path), _) => {
					let bytes = std::fs::read(&path).map_err(|e| {
						Error::BadInput(format!(
							"could not read the document {}: {e}",
							path.display()
						))
					})?;
					H256(sp_crypto_hashing::blake2_256(&bytes))
				},
				(None, Some(hash)) => parse_hash(&hash)?,
				(None, None) => unreachable!("clap requires a document or its hash"),
			};
			let call = surveillance::publish_guidance(
				content_hash,
				&uri,
				surveillance::target(region.as_deref(), cluster)?,
				disease.as_deref(),
				surveillance::severity(&severity)?,
			);
			created(session.send(call).await?, "Surveillance", "GuidancePublished", |id| {
				format!("published guidance {id}")
			})?
		},
		GuidanceCommand::Acknowledge { id } => done(
			session.send(surveillance::acknowledge_guidance(id)).await?,
			format!("acknowledged guidance {id}"),
		),
		GuidanceCommand::Pending { id } => {
			let pending = session.client.unacknowledged_guidance(id).await?;
			let text = if pending.is_empty() {
				format!("every facility addressed has acknowledged guidance {id}")
			} else {
				format!(
					"not yet acknowledged by organisations {}",
					pending.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ")
				)
			};
			Output::new(text, json!(pending))
		},
	})
}
