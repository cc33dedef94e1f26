//! Medical records: builders of the records pallet's calls, the words for resource types,
//! purposes and the like, the statements a patient's key signs offline (and the file that
//! carries one to a member who relays it), and the node's `healthnet_*` reads of records,
//! entries, consents, audit trails and access decisions.
//!
//! A patient's key is an sr25519 key like any other (`--patient-suri`); its public key, in the
//! form of an account, is what the chain stores. The record id follows from the chain's
//! genesis and the key the patient enrolled with ([`record_of`]).

use codec::Decode;
use healthnet_primitives::{
	records::{
		self as shared, Access, AccessDecision, AccessMark, AccessTarget, AuditEntry, ConsentTerms,
		ConsentView, DeclarationId, EmergencyDeclaration, EmergencyReason, EmergencyTally,
		EntryView, Purpose, RecordInfo, RecoveryView, ResourceType, ResourceTypes, Scope, Verdict,
	},
	BlockNumber, OrgId,
};
use serde::{Deserialize, Serialize};
use subxt::utils::{AccountId32, H256};
use subxt_rpcs::rpc_params;
use subxt_signer::sr25519::Keypair;

use crate::{
	api::{self, runtime_types},
	words::{choose, same},
	Client, Error,
};

/// A patient statement as this client encodes it: the key is the 32 bytes of an account.
pub type Statement = shared::PatientStatement<[u8; 32]>;

/// A FHIR resource type, by its name (`Observation`, `immunization`, ...).
pub fn resource_type(word: &str) -> Result<ResourceType, Error> {
	let choices: Vec<(&str, ResourceType)> =
		ResourceType::ALL.iter().map(|t| (t.name(), *t)).collect();
	choose("FHIR resource type", word, &choices)
}

/// A purpose of use: `treatment`, `emergency-treatment`, `public-health`, `research`.
pub fn purpose(word: &str) -> Result<Purpose, Error> {
	choose(
		"purpose of use",
		word,
		&[
			("treatment", Purpose::Treatment),
			("emergency-treatment", Purpose::EmergencyTreatment),
			("public-health", Purpose::PublicHealth),
			("research", Purpose::Research),
		],
	)
}

/// What a consent allows: `read` or `read-write`.
pub fn access(word: &str) -> Result<Access, Error> {
	choose("kind of access", word, &[("read", Access::Read), ("read-write", Access::ReadWrite)])
}

/// Why a provider breaks the glass: `patient-unconscious`, `life-threatening`,
/// `patient-cannot-consent`.
pub fn emergency_reason(word: &str) -> Result<EmergencyReason, Error> {
	choose(
		"emergency reason",
		word,
		&[
			("patient-unconscious", EmergencyReason::PatientUnconscious),
			("life-threatening", EmergencyReason::LifeThreatening),
			("patient-cannot-consent", EmergencyReason::PatientCannotConsent),
		],
	)
}

/// A consent's scope: `all`, or resource types separated by commas (`Observation,Condition`).
pub fn scope(text: &str) -> Result<Scope, Error> {
	if text.eq_ignore_ascii_case("all") {
		return Ok(Scope::All);
	}
	let types =
		text.split(',').map(|word| resource_type(word.trim())).collect::<Result<Vec<_>, _>>()?;
	Ok(Scope::Only(ResourceTypes::of(&types)))
}

/// The record id of the patient key `key` on the chain whose genesis is `genesis`.
pub fn record_of(genesis: H256, key: &AccountId32) -> H256 {
	H256(shared::record_id(&sp_core::H256(genesis.0), &key.0).0)
}

/// How long a statement signed at the desk stays valid by default: an hour. The chain takes
/// none valid for more than a day.
pub const DEFAULT_VALIDITY_MILLIS: u64 = 60 * 60 * 1_000;

/// What an emergency declaration's review found: `justified` or `abusive`.
pub fn verdict(word: &str) -> Result<Verdict, Error> {
	choose("verdict", word, &[("justified", Verdict::Justified), ("abusive", Verdict::Abusive)])
}

/// A statement signed by a patient's key, as a file carries it from the patient's device to
/// the member who relays it: everything the chain checks, and nothing about the patient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedStatement {
	/// The chain it is for.
	pub genesis: H256,
	/// The record it is about.
	pub record: H256,
	/// The patient's key that signed it.
	pub key: AccountId32,
	/// Its nonce; the record's last plus at least one.
	pub nonce: u64,
	/// When it stops being valid, in milliseconds since 1970-01-01: the chain refuses it after.
	pub valid_until: u64,
	/// What the patient says.
	pub statement: Statement,
	/// The sr25519 signature, in hex.
	pub signature: String,
}

/// Signs `statement` about `record` with `nonce` with the patient's key `patient`, for the
/// chain whose genesis is `genesis`, valid until `valid_until` (milliseconds since 1970-01-01).
pub fn sign_statement(
	patient: &Keypair,
	genesis: H256,
	record: H256,
	nonce: u64,
	valid_until: u64,
	statement: Statement,
) -> SignedStatement {
	let payload = shared::patient_payload(
		&sp_core::H256(genesis.0),
		&sp_core::H256(record.0),
		nonce,
		valid_until,
		&statement,
	);
	SignedStatement {
		genesis,
		record,
		key: patient.public_key().to_account_id(),
		nonce,
		valid_until,
		statement,
		signature: format!("0x{}", hex::encode(patient.sign(&payload).0)),
	}
}

impl SignedStatement {
	/// The signature as the chain takes it.
	pub fn signature(&self) -> Result<runtime_types::sp_runtime::MultiSignature, Error> {
		let bytes = hex::decode(self.signature.trim_start_matches("0x"))
			.ok()
			.and_then(|b| <[u8; 64]>::try_from(b).ok())
			.ok_or_else(|| {
				Error::BadInput("the statement's signature is not 64 bytes of hex".into())
			})?;
		Ok(runtime_types::sp_runtime::MultiSignature::Sr25519(bytes))
	}
}

/// The number a records event gives after its record id: the entry of `EntryAdded`, the
/// consent of `ConsentGranted`, the audit line of `RecordAccessed`.
pub fn number_after_record(included: &crate::Included, event: &str) -> Result<u32, Error> {
	included
		.event("Records", event)
		.and_then(|e| <([u8; 32], u32)>::decode(&mut &e.bytes[..]).ok())
		.map(|(_, number)| number)
		.ok_or_else(|| Error::Node(format!("the transaction emitted no Records.{event} event")))
}

/// Consent terms: `grantee` may access `scope` for `purpose`, until `expires` (milliseconds
/// since 1970-01-01) or revocation.
pub fn terms(
	grantee: OrgId,
	scope: Scope,
	purpose: Purpose,
	access: Access,
	expires: Option<u64>,
) -> ConsentTerms {
	ConsentTerms { grantee, scope, purpose, access, expires }
}

/// Care provider `provider` enrols the patient whose key is `patient` on the chain whose
/// genesis is `genesis`: the record id the patient will have, and the call, carrying the
/// patient's acceptance signed by that key, valid for [`DEFAULT_VALIDITY_MILLIS`].
pub fn enrolment(
	patient: &Keypair,
	genesis: H256,
	provider: OrgId,
) -> Result<(H256, impl subxt::tx::Payload), Error> {
	let key = patient.public_key().to_account_id();
	let record = record_of(genesis, &key);
	let valid_until = crate::period::now_millis() + DEFAULT_VALIDITY_MILLIS;
	let acceptance = sign_statement(
		patient,
		genesis,
		record,
		0,
		valid_until,
		Statement::AcceptEnrolment { provider },
	);
	Ok((record, enrol_patient(key, valid_until, acceptance.signature()?)))
}

/// A care provider enrols the patient whose key is `key`, with the patient's signed acceptance.
pub fn enrol_patient(
	key: AccountId32,
	valid_until: u64,
	signature: runtime_types::sp_runtime::MultiSignature,
) -> impl subxt::tx::Payload {
	api::tx().records().enrol_patient(key, valid_until, signature)
}

/// A member relays a consent the patient signed.
pub fn grant_consent(
	record: H256,
	terms: ConsentTerms,
	nonce: u64,
	valid_until: u64,
	signature: runtime_types::sp_runtime::MultiSignature,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().records().grant_consent(record, same(&terms)?, nonce, valid_until, signature))
}

/// A member relays a revocation the patient signed.
pub fn revoke_consent(
	record: H256,
	consent: u32,
	nonce: u64,
	valid_until: u64,
	signature: runtime_types::sp_runtime::MultiSignature,
) -> impl subxt::tx::Payload {
	api::tx().records().revoke_consent(record, consent, nonce, valid_until, signature)
}

/// A member relays a key move the patient's current key signed.
pub fn move_key(
	record: H256,
	new_key: AccountId32,
	nonce: u64,
	valid_until: u64,
	signature: runtime_types::sp_runtime::MultiSignature,
) -> impl subxt::tx::Payload {
	api::tx().records().move_key(record, new_key, nonce, valid_until, signature)
}

/// A member relays the patient's refusal of a waiting key recovery.
pub fn refuse_key_recovery(
	record: H256,
	nonce: u64,
	valid_until: u64,
	signature: runtime_types::sp_runtime::MultiSignature,
) -> impl subxt::tx::Payload {
	api::tx().records().refuse_key_recovery(record, nonce, valid_until, signature)
}

/// A care provider's administrator registers its gatekeeper's address: every entry it writes
/// points to `base/` and the document's hash.
pub fn set_document_base(base: &str) -> impl subxt::tx::Payload {
	api::tx().records().set_document_base(
		runtime_types::bounded_collections::bounded_vec::BoundedVec(
			base.trim_end_matches('/').as_bytes().to_vec(),
		),
	)
}

/// A care provider adds an entry: the encrypted document's hash (the document lives at the
/// provider's registered document base).
pub fn add_entry(
	record: H256,
	resource_type: ResourceType,
	content_hash: H256,
	supersedes: Option<u32>,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().records().add_entry(record, same(&resource_type)?, content_hash, supersedes))
}

/// A member reads one entry of a record for `purpose`: the chain audits it, or refuses.
pub fn record_access(
	record: H256,
	entry: u32,
	purpose: Purpose,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().records().record_access(
		record,
		runtime_types::healthnet_primitives::records::access::AccessTarget::Entry(entry),
		same(&purpose)?,
	))
}

/// A care provider breaks the glass on a record.
pub fn declare_emergency(
	record: H256,
	reason: EmergencyReason,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().records().declare_emergency(record, same(&reason)?))
}

/// The enrolling provider `provider` asks to move `record` to the key `new_key`, which signs its
/// proof that it is held, with the record's next nonce `nonce`.
pub fn request_key_recovery(
	new_key: &Keypair,
	genesis: H256,
	record: H256,
	provider: OrgId,
	nonce: u64,
) -> Result<impl subxt::tx::Payload, Error> {
	let valid_until = crate::period::now_millis() + DEFAULT_VALIDITY_MILLIS;
	let proof = sign_statement(
		new_key,
		genesis,
		record,
		nonce,
		valid_until,
		Statement::AcceptRecovery { provider },
	);
	Ok(api::tx().records().request_key_recovery(
		record,
		new_key.public_key().to_account_id(),
		valid_until,
		proof.signature()?,
	))
}

/// An authority's administrator reviews an emergency declaration.
pub fn review_emergency(
	declaration: DeclarationId,
	verdict: Verdict,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().records().review_emergency(declaration, same(&verdict)?))
}

/// The provider's authority approves a key recovery.
pub fn approve_key_recovery(record: H256) -> impl subxt::tx::Payload {
	api::tx().records().approve_key_recovery(record)
}

/// The provider or its authority cancels a key recovery.
pub fn cancel_key_recovery(record: H256) -> impl subxt::tx::Payload {
	api::tx().records().cancel_key_recovery(record)
}

impl Client {
	/// `healthnet_canAccess`: whether `reader` may access `resource_type` entries of `record`
	/// for `purpose`, at `at` (the best block if `None`).
	pub async fn can_access(
		&self,
		reader: &AccountId32,
		record: H256,
		resource_type: ResourceType,
		purpose: Purpose,
		at: Option<H256>,
	) -> Result<AccessDecision<BlockNumber>, Error> {
		self.request("healthnet_canAccess", rpc_params![reader, record, resource_type, purpose, at])
			.await
	}

	/// `healthnet_record`: a record's key, provider and counts.
	pub async fn record(
		&self,
		record: H256,
		at: Option<H256>,
	) -> Result<Option<RecordInfo<AccountId32, BlockNumber>>, Error> {
		self.request("healthnet_record", rpc_params![record, at]).await
	}

	/// `healthnet_recordOfKey`: the record a patient key holds.
	pub async fn record_of_key(&self, key: &AccountId32) -> Result<Option<H256>, Error> {
		self.request("healthnet_recordOfKey", rpc_params![key, Option::<H256>::None]).await
	}

	/// Every entry of a record, page by page, at `at`.
	pub async fn record_entries(
		&self,
		record: H256,
		at: Option<H256>,
	) -> Result<Vec<EntryView<BlockNumber>>, Error> {
		self.pages(|from| async move {
			self.request("healthnet_recordEntries", rpc_params![record, from, shared::MAX_PAGE, at])
				.await
		})
		.await
	}

	/// Every consent of a record, revoked ones included.
	pub async fn record_consents(
		&self,
		record: H256,
	) -> Result<Vec<ConsentView<BlockNumber>>, Error> {
		self.pages(|from| async move {
			self.request(
				"healthnet_recordConsents",
				rpc_params![record, from, Option::<H256>::None],
			)
			.await
		})
		.await
	}

	/// A record's whole audit trail, at `at`.
	pub async fn audit_trail(
		&self,
		record: H256,
		at: Option<H256>,
	) -> Result<Vec<AuditEntry<AccountId32, BlockNumber>>, Error> {
		self.pages(|from| async move {
			self.request("healthnet_auditTrail", rpc_params![record, from, shared::MAX_PAGE, at])
				.await
		})
		.await
	}

	/// Entry `index` of a record, at `at`.
	pub async fn record_entry(
		&self,
		record: H256,
		index: u32,
		at: Option<H256>,
	) -> Result<Option<EntryView<BlockNumber>>, Error> {
		let page: Vec<EntryView<BlockNumber>> =
			self.request("healthnet_recordEntries", rpc_params![record, index, 1, at]).await?;
		Ok(page.into_iter().next())
	}

	/// `healthnet_auditedAccess`: where the audit trail holds `reader`'s latest access to entry
	/// `entry` of `record` for `purpose`, at `at`, whatever the trail's length.
	pub async fn audited_access(
		&self,
		record: H256,
		reader: &AccountId32,
		entry: u32,
		purpose: Purpose,
		at: Option<H256>,
	) -> Result<Option<AccessMark<BlockNumber>>, Error> {
		self.request(
			"healthnet_auditedAccess",
			rpc_params![record, reader, AccessTarget::Entry(entry), purpose, at],
		)
		.await
	}

	/// An organisation's emergency declarations: made, found justified, found abusive.
	pub async fn emergency_accesses(&self, org: OrgId) -> Result<EmergencyTally, Error> {
		self.request("healthnet_emergencyAccesses", rpc_params![org, Option::<H256>::None]).await
	}

	/// The document base `org` registered (its gatekeeper's address), at the finalized head.
	pub async fn document_base(&self, org: OrgId) -> Result<Option<String>, Error> {
		let at = self.at_finalized().await?;
		let base = at
			.storage()
			.try_fetch(api::storage().records().document_bases(), (org,))
			.await
			.map_err(|e| Error::node("could not read the document base", e))?;
		match base {
			Some(value) => {
				let bytes = value
					.decode()
					.map_err(|e| Error::node("could not decode the document base", e))?;
				Ok(Some(String::from_utf8_lossy(&bytes.0).into_owned()))
			},
			None => Ok(None),
		}
	}

	/// One emergency declaration, with its review.
	pub async fn emergency_declaration(
		&self,
		id: DeclarationId,
	) -> Result<Option<EmergencyDeclaration<BlockNumber>>, Error> {
		self.request("healthnet_emergencyDeclaration", rpc_params![id, Option::<H256>::None]).await
	}

	/// The key recovery waiting for a record.
	pub async fn pending_recovery(
		&self,
		record: H256,
	) -> Result<Option<RecoveryView<AccountId32, BlockNumber>>, Error> {
		self.request("healthnet_pendingRecovery", rpc_params![record, Option::<H256>::None]).await
	}

	/// Reads pages of at most [`shared::MAX_PAGE`] items from 0 until a short one.
	async fn pages<T, F, Fut>(&self, page: F) -> Result<Vec<T>, Error>
	where
		F: Fn(u32) -> Fut,
		Fut: std::future::Future<Output = Result<Vec<T>, Error>>,
	{
		let mut all = Vec::new();
		loop {
			let items = page(all.len() as u32).await?;
			let full = items.len() as u32 == shared::MAX_PAGE;
			all.extend(items);
			if !full {
				return Ok(all);
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn words_and_scopes_are_read() {
		assert_eq!(resource_type("observation").unwrap(), ResourceType::Observation);
		assert_eq!(purpose("public-health").unwrap(), Purpose::PublicHealth);
		assert!(resource_type("Observaton").unwrap_err().to_string().contains("Observation"));
		assert_eq!(
			scope("Observation, Condition").unwrap(),
			Scope::Only(ResourceTypes::of(&[ResourceType::Observation, ResourceType::Condition]))
		);
		assert_eq!(scope("ALL").unwrap(), Scope::All);
	}

	#[test]
	fn a_signed_statement_verifies_against_the_payload_the_chain_builds() {
		use sp_core::{sr25519, Pair};
		let patient = crate::keys::signer("//Patient").unwrap();
		let genesis = H256::repeat_byte(7);
		let key = patient.public_key().to_account_id();
		let record = record_of(genesis, &key);
		let signed = sign_statement(
			&patient,
			genesis,
			record,
			3,
			1_000,
			Statement::RevokeConsent { consent: 1 },
		);
		let file = serde_json::to_string(&signed).unwrap();
		let read: SignedStatement = serde_json::from_str(&file).unwrap();
		assert_eq!(read, signed);
		let payload = shared::patient_payload(
			&sp_core::H256(genesis.0),
			&sp_core::H256(record.0),
			3,
			1_000,
			&shared::PatientStatement::<[u8; 32]>::RevokeConsent { consent: 1 },
		);
		let signature = sr25519::Signature::from_raw(
			hex::decode(&signed.signature[2..]).unwrap().try_into().unwrap(),
		);
		assert!(sr25519::Pair::verify(&signature, &payload, &sr25519::Public::from_raw(key.0)));
	}
}
