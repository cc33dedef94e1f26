//! `healthnet population`: the population of a region or a cluster, the denominator of its
//! rates, set by an authority over it with the year and source of the figure.

use clap::{Args, Subcommand};
use healthnet_client::{registry, Error};
use healthnet_primitives::ClusterId;
use serde_json::json;

use super::{
	output::{done, Output},
	session::Session,
};

/// A region or a cluster.
#[derive(Args)]
pub struct PlaceArgs {
	/// A region code (the empty code is the world).
	#[arg(long, required_unless_present = "cluster", conflicts_with = "cluster")]
	region: Option<String>,
	/// A cluster, by id.
	#[arg(long)]
	cluster: Option<ClusterId>,
}

impl PlaceArgs {
	fn place(&self) -> registry::PopulationPlace {
		registry::population_place(self.region.as_deref(), self.cluster)
	}

	fn name(&self) -> String {
		match (&self.region, self.cluster) {
			(_, Some(cluster)) => format!("cluster {cluster}"),
			(Some(region), None) if !region.is_empty() => region.clone(),
			_ => "the world".into(),
		}
	}
}

#[derive(Subcommand)]
pub enum PopulationCommand {
	/// Set the population of a region or cluster your authority governs.
	Set {
		#[command(flatten)]
		place: PlaceArgs,
		/// How many people live there.
		#[arg(long)]
		people: u64,
		/// The year the figure is of (1950 to 2100).
		#[arg(long)]
		year: u16,
		/// Where the figure comes from, such as "Census of India 2011".
		#[arg(long)]
		source: String,
	},
	/// Clear it: the place's rates have no denominator until one is set again.
	Clear {
		#[command(flatten)]
		place: PlaceArgs,
	},
	/// Show the population of a region or cluster.
	Show {
		#[command(flatten)]
		place: PlaceArgs,
	},
}

pub async fn run(session: &Session, command: PopulationCommand) -> Result<Output, Error> {
	Ok(match command {
		PopulationCommand::Set { place, people, year, source } => done(
			session.send(registry::set_population(place.place(), people, year, &source)).await?,
			format!("population of {}: {people} in {year} ({source})", place.name()),
		),
		PopulationCommand::Clear { place } => done(
			session.send(registry::clear_population(place.place())).await?,
			format!("cleared the population of {}", place.name()),
		),
		PopulationCommand::Show { place } => {
			match session.client.population(place.place()).await? {
				Some(figure) => Output::new(
					format!(
						"{}: {} people in {} ({}), set by organisation {}",
						place.name(),
						figure.people,
						figure.year,
						figure.source,
						figure.set_by
					),
					json!(figure),
				),
				None => Output::new(
					format!(
						"{} has no population on chain: an authority over it sets one with \
						 `healthnet population set`",
						place.name()
					),
					serde_json::Value::Null,
				),
			}
		},
	})
}
