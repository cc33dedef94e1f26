//! The reads a dashboard makes, timed: a year's series of a country, a cluster's
//! completeness and the open alerts, each asked many times, for `healthnet load --workload
//! reads`.

use std::time::Instant;

use subxt_rpcs::rpc_params;

use super::{ensure_loopback, percentile};
use crate::{period, Client, Error};

/// How long one read that apps make took, over many calls.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Latency {
	/// The JSON-RPC method and what it asked.
	pub read: String,
	/// How many times it was asked.
	pub calls: u32,
	/// Milliseconds from request to answer: the median, 95th and 99th percentile.
	pub p50_ms: f64,
	/// See [`Latency::p50_ms`].
	pub p95_ms: f64,
	/// See [`Latency::p50_ms`].
	pub p99_ms: f64,
}

impl Client {
	/// Asks each of the reads a dashboard makes most `calls` times, one call at a time, at
	/// the node's best block: a year of India's series of `disease`, yesterday's completeness
	/// of the first bench cluster, and India's open alerts.
	pub async fn read_latency(&self, calls: u32, disease: &str) -> Result<Vec<Latency>, Error> {
		ensure_loopback(self.url())?;
		let yesterday = period::today().saturating_sub(1);
		let year = yesterday.saturating_sub(365)..=yesterday;
		let mut latencies = Vec::new();
		for read in 0..3 {
			let mut millis = Vec::with_capacity(calls as usize);
			for _ in 0..calls {
				let start = Instant::now();
				match read {
					0 => drop(self.region_series("IN", disease, *year.start(), *year.end()).await?),
					1 => drop(self.completeness(1, disease, yesterday).await?),
					_ => {
						let page: healthnet_primitives::Page<serde_json::Value, serde_json::Value> =
							self.request("healthnet_openAlerts", rpc_params!["IN"]).await?;
						drop(page)
					},
				}
				millis.push(start.elapsed().as_secs_f64() * 1_000.0);
			}
			millis.sort_by(f64::total_cmp);
			latencies.push(Latency {
				read: [
					"healthnet_regionSeries IN, 366 days",
					"healthnet_completeness cluster 1, yesterday",
					"healthnet_openAlerts IN, first page",
				][read]
					.to_string(),
				calls,
				p50_ms: percentile(&millis, 0.50),
				p95_ms: percentile(&millis, 0.95),
				p99_ms: percentile(&millis, 0.99),
			});
		}
		Ok(latencies)
	}
}
