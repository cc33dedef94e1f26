//! Environmental monitoring: the daily readings a gamma dose-rate probe or a PM2.5 monitor
//! signs (built here from the CSV its network exports, by [`csv`]), the files that carry a
//! signed batch to the reporter that relays it, authorities' thresholds, and the reads of
//! regions', clusters' and monitors' days.
//!
//! A monitor is an instrument (`healthnet instrument register --kind gamma-dose-rate-monitor`);
//! its key lives with the station's data logger, and its holder's reporter relays what it
//! signed. Values are integers in thousandths of µSv/h or µg/m³, as the chain keeps them.

pub mod csv;

use codec::Encode;
use healthnet_primitives::{
	environment::{
		reading_batch_message, Area, LevelDay, LevelThreshold, Measure, Reading, Statistic,
	},
	surveillance::Period,
	ClusterId,
};
use serde::{Deserialize, Serialize};
use subxt::utils::{AccountId32, H256};
use subxt_rpcs::rpc_params;
use subxt_signer::sr25519::Keypair;

use crate::{
	api::{
		self,
		runtime_types::{bounded_collections::bounded_vec::BoundedVec, sp_runtime::MultiSignature},
	},
	words::{choose, same},
	Client, Error,
};

/// The most readings one batch carries: the runtime's `MaxReadingsPerBatch`.
pub const MAX_READINGS_PER_BATCH: usize = 64;

/// Reads a measure as people type it.
pub fn measure(word: &str) -> Result<Measure, Error> {
	choose(
		"measure",
		word,
		&[
			("gamma", Measure::GammaDoseRate),
			("gamma-dose-rate", Measure::GammaDoseRate),
			("pm25", Measure::Pm25),
			("pm2.5", Measure::Pm25),
		],
	)
}

/// The word for a measure, as [`measure`] reads it.
pub fn measure_word(measure: Measure) -> &'static str {
	match measure {
		Measure::GammaDoseRate => "gamma",
		Measure::Pm25 => "pm25",
	}
}

/// Reads which daily figure a threshold is on.
pub fn statistic(word: &str) -> Result<Statistic, Error> {
	choose("daily figure", word, &[("mean", Statistic::DailyMean), ("max", Statistic::DailyMax)])
}

/// The word for a statistic, as [`statistic`] reads it.
pub fn statistic_word(statistic: Statistic) -> &'static str {
	match statistic {
		Statistic::DailyMean => "mean",
		Statistic::DailyMax => "max",
	}
}

/// A value in thousandths of its unit as people read it: `95` is `0.095`.
pub fn value_text(thousandths: u32) -> String {
	format!("{}.{:03}", thousandths / 1000, thousandths % 1000)
}

/// Reads a value in the measure's unit (`0.3` µSv/h, `15` µg/m³) into thousandths, refusing
/// more than three decimals rather than rounding an authority's threshold.
pub fn parse_value(text: &str) -> Result<u32, Error> {
	let bad = || {
		Error::BadInput(format!(
			"{text} is not a value in the measure's unit with at most three decimals (0.3, 15)"
		))
	};
	let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
	if whole.is_empty() && fraction.is_empty()
		|| fraction.len() > 3
		|| !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
	{
		return Err(bad());
	}
	let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: u32 = format!("{fraction:0<3}").parse().map_err(|_| bad())?;
	whole.checked_mul(1000).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

/// A batch of readings as the monitor signs it: the runtime's `ReadingBatch`, encoded alike.
#[derive(Clone, Debug, PartialEq, Eq, Encode)]
struct Batch<'a> {
	genesis: H256,
	monitor: AccountId32,
	readings: &'a [Reading],
}

/// A batch a monitor signed, as a file carries it to the reporter that relays it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedReadings {
	/// The genesis hash of the chain it is for.
	pub genesis: H256,
	/// The monitor that signed it.
	pub monitor: AccountId32,
	/// The readings: each (measure, day) of the monitor is taken once.
	pub readings: Vec<Reading>,
	/// The monitor's sr25519 signature, in hex.
	pub signature: String,
}

/// Signs `readings` in as many batches as they need, for the chain whose genesis is `genesis`.
pub fn sign_readings(
	monitor: &Keypair,
	genesis: H256,
	readings: Vec<Reading>,
) -> Result<Vec<SignedReadings>, Error> {
	if readings.is_empty() {
		return Err(Error::BadInput("there is no reading to sign".into()));
	}
	let account = monitor.public_key().to_account_id();
	Ok(readings
		.chunks(MAX_READINGS_PER_BATCH)
		.map(|chunk| {
			let batch = Batch { genesis, monitor: account.clone(), readings: chunk };
			let signature = monitor.sign(&reading_batch_message(&batch)).0;
			SignedReadings {
				genesis,
				monitor: account.clone(),
				readings: chunk.to_vec(),
				signature: hex::encode(signature),
			}
		})
		.collect())
}

impl SignedReadings {
	/// Reads a batch from its JSON file.
	pub fn from_json(text: &str) -> Result<SignedReadings, Error> {
		serde_json::from_str(text)
			.map_err(|e| Error::BadInput(format!("this is not a signed batch of readings: {e}")))
	}

	/// The batch as its JSON file holds it.
	pub fn to_json(&self) -> String {
		serde_json::to_string_pretty(self).expect("a batch serializes")
	}

	/// The bytes the monitor signed.
	pub fn message(&self) -> Vec<u8> {
		reading_batch_message(&Batch {
			genesis: self.genesis,
			monitor: self.monitor.clone(),
			readings: &self.readings,
		})
	}
}

/// A reporter of the monitor's holder relays `batch`; the chain checks the monitor's
/// signature, the chain and every reading, and takes each (measure, day) once.
pub fn record_readings(batch: &SignedReadings) -> Result<impl subxt::tx::Payload, Error> {
	let signature = hex::decode(batch.signature.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
		.ok_or_else(|| Error::BadInput("the batch's signature is not 64 bytes of hex".into()))?;
	let call_batch =
		Batch { genesis: batch.genesis, monitor: batch.monitor.clone(), readings: &batch.readings };
	Ok(api::tx()
		.environment()
		.record_readings(same(&call_batch)?, MultiSignature::Sr25519(signature)))
}

/// A reviewer of an authority over `region` sets its threshold on `measure` (`level` in
/// thousandths of the unit; 0 removes it).
pub fn set_level_threshold(
	region: &str,
	measure: Measure,
	statistic: Statistic,
	level: u32,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().environment().set_level_threshold(
		BoundedVec(region.as_bytes().to_vec()),
		same(&measure)?,
		same(&statistic)?,
		level,
	))
}

impl Client {
	/// `healthnet_regionLevels` or `healthnet_clusterLevels`: an area's days of `measure` from
	/// `from` to `to` with readings or an alert, at the finalized block.
	pub async fn levels(
		&self,
		area: &Area<String>,
		measure: Measure,
		from: Period,
		to: Period,
	) -> Result<Vec<LevelDay>, Error> {
		let (hash, _) = self.finalized_head().await?;
		match area {
			Area::Region(code) => {
				self.request("healthnet_regionLevels", rpc_params![code, measure, from, to, hash])
					.await
			},
			Area::Cluster(cluster) => {
				let cluster: ClusterId = *cluster;
				self.request(
					"healthnet_clusterLevels",
					rpc_params![cluster, measure, from, to, hash],
				)
				.await
			},
		}
	}

	/// `healthnet_monitorReadings`: a monitor's readings of `measure`, at the finalized block.
	pub async fn monitor_readings(
		&self,
		monitor: &AccountId32,
		measure: Measure,
		from: Period,
		to: Period,
	) -> Result<Vec<Reading>, Error> {
		let (hash, _) = self.finalized_head().await?;
		self.request(
			"healthnet_monitorReadings",
			rpc_params![monitor.to_string(), measure, from, to, hash],
		)
		.await
	}

	/// `healthnet_levelThresholds`: a region's thresholds, at the finalized block.
	pub async fn level_thresholds(
		&self,
		region: &str,
	) -> Result<Vec<(Measure, LevelThreshold)>, Error> {
		let (hash, _) = self.finalized_head().await?;
		self.request("healthnet_levelThresholds", rpc_params![region, hash]).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn values_read_in_their_unit_and_never_round() {
		assert_eq!(parse_value("0.3").unwrap(), 300);
		assert_eq!(parse_value("15").unwrap(), 15_000);
		assert_eq!(parse_value(".045").unwrap(), 45);
		assert_eq!(parse_value("12.25").unwrap(), 12_250);
		for bad in ["", ".", "0.0001", "-1", "1e3", "4294968", "ten"] {
			assert!(parse_value(bad).is_err(), "{bad} was taken");
		}
		assert_eq!(value_text(95), "0.095");
		assert_eq!(value_text(61_250), "61.250");
	}

	#[test]
	fn a_batch_signs_the_runtimes_encoding_and_survives_its_file() {
		let monitor = crate::keys::signer("//Probe").unwrap();
		let reading =
			|day| Reading { day, measure: Measure::GammaDoseRate, mean: 95, max: 130, hours: 24 };
		let readings: Vec<Reading> = (0..70).map(reading).collect();
		let batches = sign_readings(&monitor, H256::repeat_byte(1), readings).unwrap();
		assert_eq!(batches.iter().map(|b| b.readings.len()).collect::<Vec<_>>(), vec![64, 6]);
		let read = SignedReadings::from_json(&batches[1].to_json()).unwrap();
		assert_eq!(read, batches[1]);
		let signature = sp_core::sr25519::Signature::from_raw(
			hex::decode(&read.signature).unwrap().try_into().unwrap(),
		);
		let public = sp_core::sr25519::Public::from_raw(read.monitor.0);
		use sp_core::Pair;
		assert!(sp_core::sr25519::Pair::verify(&signature, read.message(), &public));
		assert!(sign_readings(&monitor, H256::zero(), vec![]).is_err());
	}
}
