//! Forms signed offline: a facility member's device signs the facility's whole form (the
//! reports of several diseases for one period) while it has no connection, and any member
//! account relays it later with [`relay_form`]. The chain takes it as the signer's own
//! `submit_reports`, once (each disease writes its first version), and only on the chain it
//! names.

use codec::Encode;
use healthnet_primitives::{
	surveillance::{offline_form_message, Counts, Period},
	OrgId,
};
use serde::{Deserialize, Serialize};
use subxt::utils::{AccountId32, H256};
use subxt_signer::sr25519::Keypair;

use super::{chain_counts, chain_signature};
use crate::{
	api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pallet_surveillance::types::{FormEntry as ChainEntry, OfflineForm},
		},
	},
	surveillance::FormEntry,
	Error,
};

/// One disease of a form signed offline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedEntry {
	/// The disease code.
	pub disease: String,
	/// The counts.
	pub counts: Counts,
	/// Confirmed cases per lineage.
	pub variants: Vec<(String, u32)>,
}

/// A facility's form signed offline, as a file carries it to the account that relays it:
/// counts of cases, never a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedForm {
	/// The genesis hash of the chain it is for.
	pub genesis: H256,
	/// The reporting facility.
	pub org: OrgId,
	/// The period: days since 1970-01-01.
	pub period: Period,
	/// The diseases it reports, each a first version.
	pub reports: Vec<SignedEntry>,
	/// When it stops being valid, in milliseconds since 1970-01-01: the chain refuses it after.
	pub valid_until: u64,
	/// The facility member's account that signed it.
	pub signer: AccountId32,
	/// The sr25519 signature, in hex.
	pub signature: String,
}

/// Signs, with the facility member's key `member`, facility `org`'s form `entries` for
/// `period`, for the chain whose genesis is `genesis`, valid until `valid_until` (milliseconds
/// since 1970-01-01).
pub fn sign_form(
	member: &Keypair,
	genesis: H256,
	org: OrgId,
	period: Period,
	entries: Vec<FormEntry>,
	valid_until: u64,
) -> SignedForm {
	let reports = entries
		.into_iter()
		.map(|entry| SignedEntry {
			disease: entry.disease,
			counts: Counts {
				suspected: entry.counts.suspected,
				confirmed: entry.counts.confirmed,
				deaths: entry.counts.deaths,
				recovered: entry.counts.recovered,
				hospitalised: entry.counts.hospitalised,
				tests_performed: entry.counts.tests_performed,
				tests_positive: entry.counts.tests_positive,
			},
			variants: entry
				.variants
				.into_iter()
				.map(|(name, cases)| (String::from_utf8_lossy(&name).into_owned(), cases))
				.collect(),
		})
		.collect();
	let mut form = SignedForm {
		genesis,
		org,
		period,
		reports,
		valid_until,
		signer: member.public_key().to_account_id(),
		signature: String::new(),
	};
	form.signature = format!("0x{}", hex::encode(member.sign(&form.message()).0));
	form
}

impl SignedForm {
	/// Reads a signed form from its JSON text, as `healthnet report sign-form` writes it.
	pub fn from_json(text: &str) -> Result<SignedForm, Error> {
		serde_json::from_str(text.trim())
			.map_err(|e| Error::BadInput(format!("this is not a form signed offline ({e})")))
	}

	/// The form as JSON text, for a file.
	pub fn to_json(&self) -> String {
		serde_json::to_string(self).expect("a signed form serialises")
	}

	/// The bytes the signer signs: the chain's offline-form context, then the SCALE encoding
	/// of the surveillance pallet's `OfflineForm`.
	pub fn message(&self) -> Vec<u8> {
		let reports: Vec<_> = self
			.reports
			.iter()
			.map(|entry| {
				let variants: Vec<(Vec<u8>, u32)> = entry
					.variants
					.iter()
					.map(|(name, cases)| (name.as_bytes().to_vec(), *cases))
					.collect();
				(entry.disease.as_bytes().to_vec(), entry.counts, variants)
			})
			.collect();
		let encoded = (self.genesis, self.org, self.period, reports, self.valid_until).encode();
		offline_form_message(&encoded)
	}

	/// The form as the relay call takes it.
	fn call_argument(&self) -> OfflineForm<H256> {
		let reports = self
			.reports
			.iter()
			.map(|entry| ChainEntry {
				disease: BoundedVec(entry.disease.as_bytes().to_vec()),
				counts: chain_counts(entry.counts),
				variants: BoundedVec(
					entry
						.variants
						.iter()
						.map(|(name, cases)| (BoundedVec(name.as_bytes().to_vec()), *cases))
						.collect(),
				),
			})
			.collect();
		OfflineForm {
			genesis: self.genesis,
			org: self.org,
			period: self.period,
			reports: BoundedVec(reports),
			valid_until: self.valid_until,
		}
	}
}

/// A member account relays `form`: the chain checks the signature, the chain and that no
/// disease of it is reported yet, and takes the form as the signer's; the relaying account
/// pays the fee.
pub fn relay_form(form: &SignedForm) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().surveillance().relay_reports(
		form.call_argument(),
		form.signer.clone(),
		chain_signature(&form.signature)?,
	))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn signed() -> SignedForm {
		let member = crate::keys::signer("//Alice//stash").unwrap();
		let entry = |disease: &str, confirmed| FormEntry {
			disease: disease.into(),
			counts: crate::surveillance::counts(0, confirmed, 0, 0, 0, confirmed, confirmed),
			variants: vec![(b"JN.1".to_vec(), 1)],
		};
		let entries = vec![entry("RA01", 4), entry("1F40", 2)];
		sign_form(&member, H256::repeat_byte(1), 5, 20_000, entries, 1_000)
	}

	#[test]
	fn the_signed_bytes_are_the_calls_form_encoded_behind_the_context() {
		let form = signed();
		let expected = offline_form_message(&form.call_argument().encode());
		assert_eq!(form.message(), expected);
	}

	#[test]
	fn the_signature_verifies_and_the_file_reads_back() {
		use sp_core::Pair;
		let form = signed();
		let public = sp_core::sr25519::Public::from_raw(form.signer.0);
		let bytes = hex::decode(form.signature.trim_start_matches("0x")).unwrap();
		let signature = sp_core::sr25519::Signature::from_raw(bytes.try_into().unwrap());
		assert!(sp_core::sr25519::Pair::verify(&signature, form.message(), &public));
		assert_eq!(SignedForm::from_json(&form.to_json()).unwrap(), form);
		assert!(SignedForm::from_json("{\"genesis\": 1}").is_err());
		// A report's signature over the same counts would not pass: the contexts differ.
		let report = healthnet_primitives::surveillance::offline_report_message(b"");
		assert!(!form.message().starts_with(&report));
	}
}
