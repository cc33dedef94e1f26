//! The `healthnet_*` methods that read environmental monitoring: a region's or a cluster's
//! days of a measure with their alerts, a monitor's readings, and a region's thresholds.

use healthnet_primitives::{
	environment::{Area, EnvironmentApi, LevelDay, LevelThreshold, Measure, Reading},
	surveillance::Period,
	ClusterId,
};
use healthnet_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use super::Healthnet;

/// What apps read of environmental monitoring, served from the runtime's [`EnvironmentApi`] at
/// the best block (or at `at`). A measure is `"GammaDoseRate"` (nSv/h) or `"Pm25"` (ng/m³):
/// every value is in thousandths of µSv/h or µg/m³.
#[rpc(client, server, namespace = "healthnet")]
pub trait EnvironmentRpc<BlockHash> {
	/// A region's days of `measure` from `from` to `to` (at most 366, cut there) with readings
	/// or an alert: its monitors' count, the sum of their means, the highest mean and maximum
	/// with who holds the monitor, and the alert. The empty code is the world.
	#[method(name = "regionLevels")]
	fn region_levels(
		&self,
		region: String,
		measure: Measure,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LevelDay>>;

	/// A cluster's days of `measure`, as [`Self::region_levels`] (a cluster has no alerts).
	#[method(name = "clusterLevels")]
	fn cluster_levels(
		&self,
		cluster: ClusterId,
		measure: Measure,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<LevelDay>>;

	/// A monitor's readings (SS58 account) of `measure` from `from` to `to` (at most 366).
	#[method(name = "monitorReadings")]
	fn monitor_readings(
		&self,
		monitor: AccountId,
		measure: Measure,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Reading>>;

	/// The thresholds set on a region, by measure.
	#[method(name = "levelThresholds")]
	fn level_thresholds(
		&self,
		region: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(Measure, LevelThreshold)>>;
}

impl<C> EnvironmentRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: EnvironmentApi<Block, AccountId>,
{
	fn region_levels(
		&self,
		region: String,
		measure: Measure,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LevelDay>> {
		let area = Area::Region(region.into_bytes());
		self.ask(at, |api, at| api.levels(at, area, measure, from, to))
	}

	fn cluster_levels(
		&self,
		cluster: ClusterId,
		measure: Measure,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<LevelDay>> {
		self.ask(at, |api, at| api.levels(at, Area::Cluster(cluster), measure, from, to))
	}

	fn monitor_readings(
		&self,
		monitor: AccountId,
		measure: Measure,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<Reading>> {
		self.ask(at, |api, at| api.monitor_readings(at, monitor, measure, from, to))
	}

	fn level_thresholds(
		&self,
		region: String,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<(Measure, LevelThreshold)>> {
		self.ask(at, |api, at| api.thresholds(at, region.into_bytes()))
	}
}
