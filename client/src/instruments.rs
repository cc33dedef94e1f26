//! Diagnostic instruments: the proof an instrument signs to report for its holder, the
//! batches of results it signs (built here from HL7 v2 `ORU^R01` messages by [`hl7`], with
//! nothing that names a patient), the files that carry a signed batch to the account that
//! relays it, and the reads of instruments and of what they attested.
//!
//! An instrument's key lives with the instrument or the laboratory system beside it; the
//! holder's reporter relays what it signed, as facilities relay reports signed offline.

pub mod hl7;

use codec::Encode;
use healthnet_primitives::{
	instruments::{
		instrument_proof_message, result_batch_message, AttestedDay, InstrumentKind,
		InstrumentView, Outcome, TestKind,
	},
	surveillance::Period,
	OrgId,
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

/// The most results one batch carries: the runtime's `MaxResultsPerBatch`.
pub const MAX_RESULTS_PER_BATCH: usize = 256;

/// Reads an instrument kind as people type it.
pub fn kind(word: &str) -> Result<InstrumentKind, Error> {
	choose(
		"kind of instrument",
		word,
		&[
			("pcr-analyser", InstrumentKind::PcrAnalyser),
			("rapid-test-reader", InstrumentKind::RapidTestReader),
			("immunoassay-analyser", InstrumentKind::ImmunoassayAnalyser),
			("sequencer", InstrumentKind::Sequencer),
			("gamma-dose-rate-monitor", InstrumentKind::GammaDoseRateMonitor),
			("air-quality-monitor", InstrumentKind::AirQualityMonitor),
		],
	)
}

/// The word for an instrument kind, as [`kind`] reads it.
pub fn kind_word(kind: InstrumentKind) -> &'static str {
	match kind {
		InstrumentKind::PcrAnalyser => "pcr-analyser",
		InstrumentKind::RapidTestReader => "rapid-test-reader",
		InstrumentKind::ImmunoassayAnalyser => "immunoassay-analyser",
		InstrumentKind::Sequencer => "sequencer",
		InstrumentKind::GammaDoseRateMonitor => "gamma-dose-rate-monitor",
		InstrumentKind::AirQualityMonitor => "air-quality-monitor",
	}
}

/// An instrument's consent to report for `holder` on the chain whose genesis is `genesis`, as
/// the device it is (`kind`, `model`, `serial`): its sr25519 signature, which the holder's key
/// officer hands to [`register_instrument`]. Made where the instrument's key is.
pub fn instrument_proof(
	instrument: &Keypair,
	genesis: H256,
	holder: OrgId,
	kind: InstrumentKind,
	model: &str,
	serial: &str,
) -> [u8; 64] {
	let message =
		instrument_proof_message(&genesis.0, holder, kind, model.as_bytes(), serial.as_bytes());
	instrument.sign(&message).0
}

/// A key officer of a facility or laboratory registers an instrument with its `proof`
/// ([`instrument_proof`]).
pub fn register_instrument(
	instrument: AccountId32,
	kind: InstrumentKind,
	model: &str,
	serial: &str,
	proof: [u8; 64],
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().instruments().register_instrument(
		instrument,
		same(&kind)?,
		BoundedVec(model.as_bytes().to_vec()),
		BoundedVec(serial.as_bytes().to_vec()),
		MultiSignature::Sr25519(proof),
	))
}

/// The holder's key officer, or one of an authority over it, removes an instrument for good.
pub fn remove_instrument(instrument: AccountId32) -> impl subxt::tx::Payload {
	api::tx().instruments().remove_instrument(instrument)
}

/// A key officer of an authority over the holder suspends an instrument.
pub fn suspend_instrument(instrument: AccountId32) -> impl subxt::tx::Payload {
	api::tx().instruments().suspend_instrument(instrument)
}

/// The authority that suspended an instrument, or one above it, reinstates it.
pub fn reinstate_instrument(instrument: AccountId32) -> impl subxt::tx::Payload {
	api::tx().instruments().reinstate_instrument(instrument)
}

/// One result as an instrument signs it: a day, a disease, a test, an outcome and, for a
/// positive sequencing result, a lineage. Nothing else: no field could hold a patient.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Serialize, Deserialize)]
pub struct TestResult {
	/// The day the test was run: days since 1970-01-01.
	pub day: Period,
	/// The disease tested for (ICD-11 code, such as RA01).
	#[serde(with = "text")]
	pub disease: Vec<u8>,
	/// The kind of test.
	pub test: TestKind,
	/// Its outcome.
	pub outcome: Outcome,
	/// The lineage a positive sequencing result found.
	#[serde(with = "optional_text")]
	pub lineage: Option<Vec<u8>>,
}

/// A batch of results as the instrument signs it: the runtime's `ResultBatch`, encoded alike.
#[derive(Clone, Debug, PartialEq, Eq, Encode)]
struct Batch<'a> {
	genesis: H256,
	instrument: AccountId32,
	number: u32,
	results: &'a [TestResult],
}

/// A batch an instrument signed, as a file carries it to the reporter that relays it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedBatch {
	/// The genesis hash of the chain it is for.
	pub genesis: H256,
	/// The instrument that signed it.
	pub instrument: AccountId32,
	/// Its number: each counts once, and a lower one than the instrument's next never does.
	pub number: u32,
	/// The results.
	pub results: Vec<TestResult>,
	/// The instrument's sr25519 signature, in hex.
	pub signature: String,
}

/// Signs `results` as batch `number` of `instrument` for the chain whose genesis is `genesis`.
pub fn sign_batch(
	instrument: &Keypair,
	genesis: H256,
	number: u32,
	results: Vec<TestResult>,
) -> Result<SignedBatch, Error> {
	if results.is_empty() || results.len() > MAX_RESULTS_PER_BATCH {
		return Err(Error::BadInput(format!(
			"a batch holds 1 to {MAX_RESULTS_PER_BATCH} results, not {}",
			results.len()
		)));
	}
	let account = instrument.public_key().to_account_id();
	let batch = Batch { genesis, instrument: account.clone(), number, results: &results };
	let signature = instrument.sign(&result_batch_message(&batch)).0;
	Ok(SignedBatch {
		genesis,
		instrument: account,
		number,
		results,
		signature: hex::encode(signature),
	})
}

/// Signs `results` in as many batches as they need, numbered from `first`.
pub fn sign_batches(
	instrument: &Keypair,
	genesis: H256,
	first: u32,
	results: Vec<TestResult>,
) -> Result<Vec<SignedBatch>, Error> {
	results
		.chunks(MAX_RESULTS_PER_BATCH)
		.enumerate()
		.map(|(index, chunk)| {
			let number =
				u32::try_from(index).ok().and_then(|index| first.checked_add(index)).ok_or_else(
					|| Error::BadInput("the instrument's batch numbers are used up".into()),
				)?;
			sign_batch(instrument, genesis, number, chunk.to_vec())
		})
		.collect()
}

impl SignedBatch {
	/// Reads a batch from its JSON file.
	pub fn from_json(text: &str) -> Result<SignedBatch, Error> {
		serde_json::from_str(text)
			.map_err(|e| Error::BadInput(format!("this is not a signed batch of results: {e}")))
	}

	/// The batch as its JSON file holds it.
	pub fn to_json(&self) -> String {
		serde_json::to_string_pretty(self).expect("a batch serializes")
	}

	/// The bytes the instrument signed.
	pub fn message(&self) -> Vec<u8> {
		let batch = Batch {
			genesis: self.genesis,
			instrument: self.instrument.clone(),
			number: self.number,
			results: &self.results,
		};
		result_batch_message(&batch)
	}

	/// How many results are positive diagnostic tests, and how many sequencing results.
	pub fn tally(&self) -> (usize, usize) {
		let positives = self
			.results
			.iter()
			.filter(|r| r.test != TestKind::Sequencing && r.outcome == Outcome::Positive)
			.count();
		let sequenced = self.results.iter().filter(|r| r.test == TestKind::Sequencing).count();
		(positives, sequenced)
	}
}

/// A reporter of the instrument's holder relays `batch`; the chain checks the instrument's
/// signature, the chain, the number and every result, and counts it once.
pub fn attest_results(batch: &SignedBatch) -> Result<impl subxt::tx::Payload, Error> {
	let signature = hex::decode(batch.signature.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
		.ok_or_else(|| Error::BadInput("the batch's signature is not 64 bytes of hex".into()))?;
	let call_batch = Batch {
		genesis: batch.genesis,
		instrument: batch.instrument.clone(),
		number: batch.number,
		results: &batch.results,
	};
	Ok(api::tx()
		.instruments()
		.attest_results(same(&call_batch)?, MultiSignature::Sr25519(signature)))
}

impl From<hl7::Observation> for TestResult {
	fn from(observation: hl7::Observation) -> TestResult {
		TestResult {
			day: observation.day,
			disease: observation.disease.into_bytes(),
			test: observation.test,
			outcome: observation.outcome,
			lineage: observation.lineage.map(String::into_bytes),
		}
	}
}

impl Client {
	/// `healthnet_instrument`: an instrument, removed ones included, at the finalized block.
	pub async fn instrument(
		&self,
		account: &AccountId32,
	) -> Result<Option<InstrumentView<AccountId32>>, Error> {
		let (hash, _) = self.finalized_head().await?;
		self.request("healthnet_instrument", rpc_params![account.to_string(), hash]).await
	}

	/// Every instrument of `holder`: every page of `healthnet_instruments`.
	pub async fn instruments(
		&self,
		holder: OrgId,
	) -> Result<Vec<InstrumentView<AccountId32>>, Error> {
		self.every_page("healthnet_instruments", &[holder.into()]).await
	}

	/// `healthnet_attested`: what `holder`'s instruments attested for `disease` from `from`
	/// to `to`, the days with results, at the finalized block.
	pub async fn attested(
		&self,
		holder: OrgId,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Vec<AttestedDay>, Error> {
		let (hash, _) = self.finalized_head().await?;
		self.request("healthnet_attested", rpc_params![holder, disease, from, to, hash]).await
	}
}

/// Disease codes and lineages in a batch's file are text, not lists of bytes.
mod text {
	use serde::{Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes))
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
		Ok(String::deserialize(deserializer)?.into_bytes())
	}
}

mod optional_text {
	use serde::{Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(
		bytes: &Option<Vec<u8>>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		match bytes {
			Some(bytes) => serializer.serialize_some(&String::from_utf8_lossy(bytes)),
			None => serializer.serialize_none(),
		}
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(
		deserializer: D,
	) -> Result<Option<Vec<u8>>, D::Error> {
		Ok(Option::<String>::deserialize(deserializer)?.map(String::into_bytes))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn results() -> Vec<TestResult> {
		vec![
			TestResult {
				day: 20_000,
				disease: b"RA01".to_vec(),
				test: TestKind::Pcr,
				outcome: Outcome::Positive,
				lineage: None,
			},
			TestResult {
				day: 20_000,
				disease: b"RA01".to_vec(),
				test: TestKind::Sequencing,
				outcome: Outcome::Positive,
				lineage: Some(b"JN.1".to_vec()),
			},
		]
	}

	#[test]
	fn a_batch_signs_the_runtimes_encoding_and_survives_its_file() {
		let instrument = crate::keys::signer("//Analyser").unwrap();
		let batch = sign_batch(&instrument, H256::repeat_byte(1), 7, results()).unwrap();
		let read = SignedBatch::from_json(&batch.to_json()).unwrap();
		assert_eq!(read, batch);
		assert!(batch.to_json().contains("\"JN.1\""), "lineages are text in the file");
		let signature = sp_core::sr25519::Signature::from_raw(
			hex::decode(&batch.signature).unwrap().try_into().unwrap(),
		);
		let public = sp_core::sr25519::Public::from_raw(batch.instrument.0);
		use sp_core::Pair;
		assert!(sp_core::sr25519::Pair::verify(&signature, read.message(), &public));
		assert_eq!(batch.tally(), (1, 1));
	}

	#[test]
	fn results_are_split_into_batches_the_runtime_takes() {
		let instrument = crate::keys::signer("//Analyser").unwrap();
		let many: Vec<TestResult> = results().into_iter().cycle().take(600).collect();
		let batches = sign_batches(&instrument, H256::zero(), 3, many).unwrap();
		let sizes: Vec<(u32, usize)> =
			batches.iter().map(|b| (b.number, b.results.len())).collect();
		assert_eq!(sizes, vec![(3, 256), (4, 256), (5, 88)]);
		assert!(sign_batch(&instrument, H256::zero(), 0, vec![]).is_err());
		let two_batches: Vec<TestResult> = results().into_iter().cycle().take(400).collect();
		assert!(sign_batches(&instrument, H256::zero(), u32::MAX, two_batches).is_err());
	}
}
