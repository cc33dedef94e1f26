//! Reports signed offline: a facility member's device signs a report while the facility has no
//! connection, and writes it to a file or shows it as a QR code; any member account relays it
//! later with [`relay_report`]. The chain takes it as the signer's own submission (version 1)
//! or amendment (the report's next version), once, and only on the chain it names. A whole
//! form signs and relays the same way ([`form`]).

pub mod form;

use codec::Encode;
use healthnet_primitives::{
	surveillance::{offline_report_message, Counts, Period},
	OrgId,
};
use serde::{Deserialize, Serialize};
use subxt::utils::{AccountId32, H256};
use subxt_signer::sr25519::Keypair;

use crate::{
	api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pallet_surveillance::types::OfflineReport, sp_runtime::MultiSignature,
		},
	},
	surveillance, Error,
};

/// A report signed offline, as a file or QR code carries it to the account that relays it:
/// counts of cases, never a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedReport {
	/// The genesis hash of the chain it is for.
	pub genesis: H256,
	/// The reporting facility.
	pub org: OrgId,
	/// The disease code.
	pub disease: String,
	/// The period: days since 1970-01-01.
	pub period: Period,
	/// The counts.
	pub counts: Counts,
	/// Confirmed cases per lineage.
	pub variants: Vec<(String, u32)>,
	/// The version it writes: 1 for a first report, the report's next version for an
	/// amendment.
	pub version: u32,
	/// When it stops being valid, in milliseconds since 1970-01-01: the chain refuses it after.
	pub valid_until: u64,
	/// The facility member's account that signed it.
	pub signer: AccountId32,
	/// The sr25519 signature, in hex.
	pub signature: String,
}

/// Signs, with the facility member's key `member`, version `version` of facility `org`'s
/// report of `disease` for `period`, for the chain whose genesis is `genesis`, valid until
/// `valid_until` (milliseconds since 1970-01-01).
#[allow(clippy::too_many_arguments)]
pub fn sign_report(
	member: &Keypair,
	genesis: H256,
	org: OrgId,
	disease: &str,
	period: Period,
	counts: Counts,
	variants: Vec<(String, u32)>,
	version: u32,
	valid_until: u64,
) -> SignedReport {
	let mut report = SignedReport {
		genesis,
		org,
		disease: disease.to_string(),
		period,
		counts,
		variants,
		version,
		valid_until,
		signer: member.public_key().to_account_id(),
		signature: String::new(),
	};
	report.signature = format!("0x{}", hex::encode(member.sign(&report.message()).0));
	report
}

impl SignedReport {
	/// Reads a signed report from its JSON text, as `healthnet report sign` writes it.
	pub fn from_json(text: &str) -> Result<SignedReport, Error> {
		serde_json::from_str(text.trim())
			.map_err(|e| Error::BadInput(format!("this is not a report signed offline ({e})")))
	}

	/// The report as JSON text, for a file or a QR code.
	pub fn to_json(&self) -> String {
		serde_json::to_string(self).expect("a signed report serialises")
	}

	/// The bytes the signer signs: the chain's offline-report context, then the SCALE
	/// encoding of the surveillance pallet's `OfflineReport`.
	pub fn message(&self) -> Vec<u8> {
		let variants: Vec<(Vec<u8>, u32)> =
			self.variants.iter().map(|(name, cases)| (name.as_bytes().to_vec(), *cases)).collect();
		let encoded = (
			self.genesis,
			self.org,
			self.disease.as_bytes(),
			self.period,
			self.counts,
			variants,
			self.version,
			self.valid_until,
		)
			.encode();
		offline_report_message(&encoded)
	}

	/// The report as the relay call takes it.
	fn call_argument(&self) -> OfflineReport<H256> {
		OfflineReport {
			genesis: self.genesis,
			org: self.org,
			disease: BoundedVec(self.disease.as_bytes().to_vec()),
			period: self.period,
			counts: chain_counts(self.counts),
			variants: BoundedVec(
				self.variants
					.iter()
					.map(|(name, cases)| (BoundedVec(name.as_bytes().to_vec()), *cases))
					.collect(),
			),
			version: self.version,
			valid_until: self.valid_until,
		}
	}

	/// The signature as the chain takes it.
	fn chain_signature(&self) -> Result<MultiSignature, Error> {
		chain_signature(&self.signature)
	}
}

/// Counts signed offline as the relay call takes them.
fn chain_counts(c: Counts) -> api::runtime_types::healthnet_primitives::surveillance::Counts {
	surveillance::counts(
		c.suspected,
		c.confirmed,
		c.deaths,
		c.recovered,
		c.hospitalised,
		c.tests_performed,
		c.tests_positive,
	)
}

/// An sr25519 signature in hex as the chain takes it.
fn chain_signature(hex_text: &str) -> Result<MultiSignature, Error> {
	hex::decode(hex_text.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
		.map(MultiSignature::Sr25519)
		.ok_or_else(|| Error::BadInput("the signature is not 64 bytes of hex".into()))
}

/// A member account relays `report`: the chain checks the signature, the chain and the version
/// and takes the report as the signer's; the relaying account pays the fee.
pub fn relay_report(report: &SignedReport) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().surveillance().relay_report(
		report.call_argument(),
		report.signer.clone(),
		report.chain_signature()?,
	))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn signed() -> SignedReport {
		let member = crate::keys::signer("//Alice//stash").unwrap();
		let counts =
			Counts { confirmed: 4, tests_performed: 9, tests_positive: 4, ..Default::default() };
		sign_report(
			&member,
			H256::repeat_byte(1),
			5,
			"RA01",
			20_000,
			counts,
			vec![("JN.1".into(), 3)],
			1,
			1_000,
		)
	}

	#[test]
	fn the_signed_bytes_are_the_calls_report_encoded_behind_the_context() {
		let report = signed();
		let expected = offline_report_message(&report.call_argument().encode());
		assert_eq!(report.message(), expected);
	}

	#[test]
	fn the_signature_verifies_and_the_file_reads_back() {
		let report = signed();
		let MultiSignature::Sr25519(signature) = report.chain_signature().unwrap() else {
			panic!("an sr25519 signature")
		};
		let public = sp_core::sr25519::Public::from_raw(report.signer.0);
		let signature = sp_core::sr25519::Signature::from_raw(signature);
		use sp_core::Pair;
		assert!(sp_core::sr25519::Pair::verify(&signature, report.message(), &public));
		assert_eq!(SignedReport::from_json(&report.to_json()).unwrap(), report);
		assert!(SignedReport::from_json("{\"genesis\": 1}").is_err());
		let bad = SignedReport { signature: "0x12".into(), ..report };
		assert!(bad.chain_signature().is_err());
	}
}
