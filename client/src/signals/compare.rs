//! Places side by side on the same figures (the founding design's comparative analysis): for
//! each region or cluster, its population (the denominator an authority set on chain, with
//! its year and source), its confirmed cases over the range, the incidence per 100,000 with
//! its exact interval, the latest Rt, the growth rate, and the reporting completeness of the
//! range's last complete day, every figure read at one finalized block. Each place is named
//! once, and the comparison reads the completeness of at most [`MAX_CLUSTERS`] clusters in
//! all, which it checks before reading any. A place without a population
//! gets a sentence saying so where its rate would be, never a division by nothing.

use healthnet_analysis::{growth, rate, rt};
use healthnet_primitives::{
	registry::region_contains,
	surveillance::{CompletenessReport, Period},
};
use subxt::utils::H256;
use subxt_rpcs::rpc_params;

use super::{analysis_error, Place};
use crate::{
	api,
	registry::{population_place, Population},
	Client, Error,
};

/// The most places one comparison reads.
pub const MAX_PLACES: usize = 16;

/// The most clusters whose completeness one comparison reads, over all its places.
pub const MAX_CLUSTERS: usize = 200;

/// Reporting completeness of one day (the range's last complete one): over a cluster, or over
/// every cluster in a region.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Completeness {
	/// The day.
	pub day: Period,
	/// The clusters counted.
	pub clusters: u32,
	/// The facilities expected to report.
	pub expected: u32,
	/// Those with a counted report.
	pub reported: u32,
	/// Those that reported within the deadline.
	pub on_time: u32,
}

/// One place's figures.
#[derive(Clone, Debug)]
pub struct Figures {
	/// The place.
	pub place: Place,
	/// Its population, if an authority set one.
	pub population: Option<Population>,
	/// Confirmed cases over the range.
	pub cases: u64,
	/// Incidence per 100,000 over the range, or why there is none.
	pub rate: Result<rate::Rate, String>,
	/// The last window's Rt (when a serial interval was given), or why there is none.
	pub rt: Option<Result<rt::Estimate, String>>,
	/// The growth rate over the range, or why there is none.
	pub growth: Result<growth::Growth, String>,
	/// Completeness of the range's last day, or why there is none.
	pub completeness: Result<Completeness, String>,
}

/// Places compared at one block.
#[derive(Clone, Debug)]
pub struct Comparison {
	/// The block every figure was read at.
	pub block: H256,
	/// Its number.
	pub number: u32,
	/// The disease.
	pub disease: String,
	/// The range's first day.
	pub from: Period,
	/// Its last day.
	pub to: Period,
	/// The day completeness is of: the range's last complete day.
	pub completeness_day: Period,
	/// Each place's figures, in the order asked.
	pub places: Vec<Figures>,
}

impl Client {
	/// `places` side by side on `disease` from `from` to `to`, at the finalized head; Rt only
	/// with a serial interval (`serial`, windows of `window` days).
	pub async fn compare(
		&self,
		places: &[Place],
		disease: &str,
		(from, to): (Period, Period),
		serial: Option<&rt::SerialInterval>,
		window: usize,
	) -> Result<Comparison, Error> {
		let (block, number) = self.finalized_head().await?;
		self.compare_at(places, disease, (from, to), serial, window, (block, number)).await
	}

	/// As [`Client::compare`], at block `block` of number `number`.
	pub async fn compare_at(
		&self,
		places: &[Place],
		disease: &str,
		(from, to): (Period, Period),
		serial: Option<&rt::SerialInterval>,
		window: usize,
		(block, number): (H256, u32),
	) -> Result<Comparison, Error> {
		if places.is_empty() || places.len() > MAX_PLACES {
			return Err(Error::BadInput(format!(
				"compare 1 to {MAX_PLACES} places at once, not {}",
				places.len()
			)));
		}
		for (i, place) in places.iter().enumerate() {
			if places[..i].contains(place) {
				return Err(Error::BadInput(format!(
					"{place} is named twice: name each place once"
				)));
			}
		}
		// Every cluster and its region, read once; each place's clusters from it, all of them
		// together within one budget of completeness reads, checked before any is made.
		let clusters = self.clusters_at(block).await?;
		let mut within = Vec::with_capacity(places.len());
		for place in places {
			within.push(match place {
				Place::Cluster(id) => {
					if !clusters.iter().any(|(c, _)| c == id) {
						return Err(Error::NotFound(format!("there is no cluster {id}")));
					}
					vec![*id]
				},
				Place::Region(code) => clusters
					.iter()
					.filter(|(_, region)| region_contains(code.as_bytes(), region))
					.map(|(id, _)| *id)
					.collect(),
			});
		}
		let reads: usize = within.iter().map(Vec::len).sum();
		if reads > MAX_CLUSTERS {
			return Err(Error::BadInput(format!(
				"these places hold {reads} clusters together, more than the {MAX_CLUSTERS} whose \
				 completeness one comparison reads: compare fewer or smaller places"
			)));
		}
		// Completeness of the range's last complete day: today's is never complete yet.
		let day = to.min(crate::period::today().saturating_sub(1)).max(from);
		let mut figures = Vec::with_capacity(places.len());
		for (place, clusters) in places.iter().zip(within) {
			let series = self.daily_confirmed_at(place, disease, from, to, block, number).await?;
			let cases = series.confirmed.iter().sum::<f64>() as u64;
			let population = self.population_at(registry_place(place), block).await?;
			let rate = match &population {
				Some(p) => rate::incidence(cases, p.people, rate::PER_100_000, 0.95)
					.map_err(|e| e.to_string()),
				None => Err(format!(
					"no population on chain for {place}: an authority over it sets one with \
					 `healthnet population set`"
				)),
			};
			let rt = serial.map(|serial| {
				super::rt(&series, serial, window)
					.map_err(|e| e.to_string())
					.and_then(|all| all.last().cloned().ok_or_else(|| "no window".to_string()))
			});
			let growth =
				growth::growth(&series.confirmed, 0.95).map_err(|e| analysis_error(e).to_string());
			let completeness = self.completeness_at(place, &clusters, disease, day, block).await;
			figures.push(Figures {
				place: place.clone(),
				population,
				cases,
				rate,
				rt,
				growth,
				completeness,
			});
		}
		Ok(Comparison {
			block,
			number,
			disease: disease.into(),
			from,
			to,
			completeness_day: day,
			places: figures,
		})
	}

	/// Completeness of `day` over `clusters` (`place`'s) at `block`, or why there is none.
	async fn completeness_at(
		&self,
		place: &Place,
		clusters: &[u32],
		disease: &str,
		day: Period,
		block: H256,
	) -> Result<Completeness, String> {
		if clusters.is_empty() {
			return Err(format!("no cluster lies in {place}, so nobody is expected to report"));
		}
		let mut total = Completeness { day, clusters: 0, expected: 0, reported: 0, on_time: 0 };
		for cluster in clusters {
			let report: CompletenessReport = self
				.request("healthnet_completeness", rpc_params![cluster, disease, day, block])
				.await
				.map_err(|e| e.to_string())?;
			total.clusters += 1;
			total.expected += report.expected;
			total.reported += report.reported;
			total.on_time += report.on_time;
		}
		Ok(total)
	}

	/// Every cluster and its region at `block`.
	async fn clusters_at(&self, block: H256) -> Result<Vec<(u32, Vec<u8>)>, Error> {
		fn failed(error: impl std::fmt::Display) -> Error {
			Error::node("could not read the clusters", error)
		}
		let at = self.subxt().at_block(block).await.map_err(failed)?;
		let mut entries =
			at.storage().iter(api::storage().registry().clusters(), ()).await.map_err(failed)?;
		let mut clusters = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(failed)?;
			let (id,) = entry.key().and_then(|key| key.decode()).map_err(failed)?;
			let cluster = entry.value().decode().map_err(failed)?;
			clusters.push((id, cluster.region.0));
		}
		Ok(clusters)
	}
}

/// A signals place as the registry names it.
fn registry_place(place: &Place) -> crate::registry::PopulationPlace {
	match place {
		Place::Region(code) => population_place(Some(code), None),
		Place::Cluster(id) => population_place(None, Some(*id)),
	}
}
