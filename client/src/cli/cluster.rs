//! `healthnet cluster`: clusters of facilities in one locality.

use clap::Subcommand;
use healthnet_client::{registry, Error};
use healthnet_primitives::{ClusterId, OrgId};
use serde_json::json;

use super::{
	org::organisation_line,
	output::{created, done, text, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum ClusterCommand {
	/// Show a cluster and its facilities.
	Show { id: ClusterId },
	/// Create a cluster in your authority's region.
	Create {
		#[arg(long)]
		name: String,
		#[arg(long)]
		region: String,
		/// The organisation that coordinates it.
		#[arg(long)]
		coordinator: OrgId,
	},
	/// Add a facility to a cluster.
	Add { cluster: ClusterId, org: OrgId },
	/// Take a facility out of its cluster.
	Remove { org: OrgId },
}

pub async fn run(session: &Session, command: ClusterCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		ClusterCommand::Show { id } => {
			let cluster = client.cluster(id).await?;
			let members = client.cluster_members(id).await?;
			let mut lines = vec![format!(
				"cluster {id}: {} in {}, coordinated by organisation {}, {} facilities",
				text(&cluster.name.0),
				text(&cluster.region.0),
				cluster.coordinator,
				cluster.size
			)];
			for member in &members {
				lines.push(format!(
					"  {}",
					organisation_line(*member, &client.organisation(*member).await?)
				));
			}
			Output::new(
				lines.join("\n"),
				json!({ "id": id, "name": text(&cluster.name.0), "region": text(&cluster.region.0),
					"coordinator": cluster.coordinator, "members": members }),
			)
		},
		ClusterCommand::Create { name, region, coordinator } => created(
			session.send(registry::create_cluster(&name, &region, coordinator)).await?,
			"Registry",
			"ClusterCreated",
			|id| format!("created cluster {id}, {name}"),
		)?,
		ClusterCommand::Add { cluster, org } => done(
			session.send(registry::add_to_cluster(cluster, org)).await?,
			format!("added organisation {org} to cluster {cluster}"),
		),
		ClusterCommand::Remove { org } => done(
			session.send(registry::remove_from_cluster(org)).await?,
			format!("took organisation {org} out of its cluster"),
		),
	})
}
