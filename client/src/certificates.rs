//! Health certificates: builders of the certificates pallet's calls, the words for kinds and
//! revocation reasons, issuers' signing keys, the node's `healthnet_*` reads, and verification
//! — online against the chain, or offline against a cached trust list.
//!
//! The portable certificate itself (claims, COSE, base45, QR) is [`crate::portable`].

use std::path::Path;

use healthnet_primitives::{
	certificates::{
		hex_bytes, key_id, CertificateId, CertificateKind, CertificateView, IssuerKey, KeyId,
		KeyStatus, Kinds, ListedKey, RevocationReason, TrustList, Verdict,
	},
	BlockNumber, OrgId,
};
use serde::{Deserialize, Serialize};
use subxt::utils::H256;
use subxt_rpcs::rpc_params;

use crate::{
	api,
	portable::{self, kind_word, CertificateError, Claims, Sealed},
	words::{choose, same},
	Client, Error,
};

mod statement;

pub use statement::{holder, past_day, validity, StatementWords, MAX_VALID_DAYS};

/// A certificate kind: `test-result`, `vaccination`, `recovery`, `infectivity`.
pub fn kind(word: &str) -> Result<CertificateKind, Error> {
	let choices = CertificateKind::ALL.map(|kind| (kind_word(kind), kind));
	choose("certificate kind", word, &choices)
}

/// Kinds as a comma-separated list, such as `test-result,infectivity`.
pub fn kinds(words: &str) -> Result<Kinds, Error> {
	let kinds = words.split(',').map(|word| kind(word.trim())).collect::<Result<Vec<_>, _>>()?;
	Ok(Kinds::of(&kinds))
}

/// A revocation reason: `issued-in-error`, `fraudulent`, `result-withdrawn`,
/// `key-compromised`, `holder-request`.
pub fn revocation_reason(word: &str) -> Result<RevocationReason, Error> {
	choose("revocation reason", word, &REASONS)
}

const REASONS: [(&str, RevocationReason); 5] = [
	("issued-in-error", RevocationReason::IssuedInError),
	("fraudulent", RevocationReason::Fraudulent),
	("result-withdrawn", RevocationReason::ResultWithdrawn),
	("key-compromised", RevocationReason::KeyCompromised),
	("holder-request", RevocationReason::HolderRequest),
];

/// The word for a revocation reason.
pub fn reason_word(reason: RevocationReason) -> &'static str {
	REASONS.iter().find(|(_, r)| *r == reason).map_or("unknown", |(word, _)| word)
}

/// A key id: 16 hex digits, with or without `0x`.
pub fn parse_key_id(text: &str) -> Result<KeyId, Error> {
	hex::decode(text.trim().trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| Error::BadInput(format!("`{text}` is not a key id (16 hex digits)")))
}

/// 16 fresh random bytes: a certificate id or a holder salt.
pub fn random_16() -> [u8; 16] {
	let mut bytes = [0; 16];
	getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
	bytes
}

/// Reads an issuer's Ed25519 signing key from `path` (64 hex digits), or, when the file does
/// not exist and `create` is set, makes a new one there, readable by its owner only.
pub fn signing_key(path: &Path, create: bool) -> Result<ed25519_dalek::SigningKey, Error> {
	if !path.exists() && create {
		let mut seed = [0; 32];
		getrandom::getrandom(&mut seed).expect("the operating system gives random bytes");
		write_private(path, &hex::encode(seed))?;
	}
	let text = std::fs::read_to_string(path).map_err(|e| {
		Error::BadKey(format!("could not read the issuer key file {}: {e}", path.display()))
	})?;
	let seed: [u8; 32] = hex::decode(text.trim().trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| {
			Error::BadKey(format!(
				"{} does not hold an Ed25519 seed (64 hex digits)",
				path.display()
			))
		})?;
	Ok(ed25519_dalek::SigningKey::from_bytes(&seed))
}

fn write_private(path: &Path, text: &str) -> Result<(), Error> {
	use std::{fs::OpenOptions, io::Write, os::unix::fs::OpenOptionsExt};
	let failed =
		|e: std::io::Error| Error::BadKey(format!("could not write {}: {e}", path.display()));
	let mut file =
		OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(failed)?;
	file.write_all(text.as_bytes()).map_err(failed)
}

/// An issuer's key officer registers the public half of `key` for `kinds`, valid between two
/// Unix seconds, for organisation `org` on the chain whose genesis is `genesis`, with the key's
/// proof that it is held by the organisation (its signature over the chain, `org` and its id).
pub fn add_issuer_key(
	key: &ed25519_dalek::SigningKey,
	org: healthnet_primitives::OrgId,
	genesis: subxt::utils::H256,
	kinds: Kinds,
	valid_from: u64,
	valid_until: u64,
) -> Result<impl subxt::tx::Payload, Error> {
	use ed25519_dalek::Signer;
	let public = key.verifying_key().to_bytes();
	let message = healthnet_primitives::certificates::issuer_key_proof_message(
		&genesis.0,
		org,
		&healthnet_primitives::certificates::key_id(&public),
	);
	let proof = key.sign(&message).to_bytes();
	Ok(api::tx().certificates().add_issuer_key(
		public,
		same(&kinds)?,
		valid_from,
		valid_until,
		proof,
	))
}

/// The key's organisation, an authority over it or the council suspends a key.
pub fn suspend_issuer_key(key: KeyId) -> impl subxt::tx::Payload {
	api::tx().certificates().suspend_issuer_key(key)
}

/// A suspended key is reinstated.
pub fn reinstate_issuer_key(key: KeyId) -> impl subxt::tx::Payload {
	api::tx().certificates().reinstate_issuer_key(key)
}

/// A key is removed for good.
pub fn remove_issuer_key(key: KeyId) -> impl subxt::tx::Payload {
	api::tx().certificates().remove_issuer_key(key)
}

/// An authority over an issuer or the council suspends it.
pub fn suspend_issuer(org: OrgId) -> impl subxt::tx::Payload {
	api::tx().certificates().suspend_issuer(org)
}

/// A suspended issuer is reinstated.
pub fn reinstate_issuer(org: OrgId) -> impl subxt::tx::Payload {
	api::tx().certificates().reinstate_issuer(org)
}

/// The issuer registers version 1 of the certificate `sealed` carries.
pub fn issue_certificate(sealed: &Sealed) -> Result<impl subxt::tx::Payload, Error> {
	issue_signed(&sealed.claims, sealed.key, sealed.payload_hash())
}

/// The issuer registers version 1 of the certificate of `claims`, signed (or to be signed)
/// with `key` over the payload with hash `payload_hash`.
pub fn issue_signed(
	claims: &Claims,
	key: KeyId,
	payload_hash: H256,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().certificates().issue_certificate(
		claims.id,
		same(&claims.statement.kind())?,
		claims.holder.commitment(),
		key,
		payload_hash,
		claims.valid_from,
		claims.valid_until,
		claims.statement.lot(),
	))
}

/// The issuer registers the version of the certificate `sealed` carries as its next one.
pub fn update_certificate(sealed: &Sealed) -> impl subxt::tx::Payload {
	update_signed(&sealed.claims, sealed.key, sealed.payload_hash())
}

/// The issuer registers `claims` as the certificate's next version, signed (or to be signed)
/// with `key` over the payload with hash `payload_hash`.
pub fn update_signed(claims: &Claims, key: KeyId, payload_hash: H256) -> impl subxt::tx::Payload {
	api::tx().certificates().update_certificate(
		claims.id,
		key,
		payload_hash,
		claims.valid_from,
		claims.valid_until,
	)
}

/// The issuer or an authority over it revokes a certificate.
pub fn revoke_certificate(
	id: CertificateId,
	reason: RevocationReason,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().certificates().revoke_certificate(id, same(&reason)?))
}

/// The issuer suspends a certificate.
pub fn suspend_certificate(id: CertificateId) -> impl subxt::tx::Payload {
	api::tx().certificates().suspend_certificate(id)
}

/// The issuer reinstates a certificate.
pub fn reinstate_certificate(id: CertificateId) -> impl subxt::tx::Payload {
	api::tx().certificates().reinstate_certificate(id)
}

fn id_text(id: &CertificateId) -> String {
	format!("0x{}", hex::encode(id))
}

impl Client {
	/// `healthnet_verifyCertificate`: what the chain says of a certificate version at block
	/// `at` (the best block when `None`).
	pub async fn verify_certificate(
		&self,
		id: &CertificateId,
		version: u32,
		payload_hash: H256,
		at: Option<H256>,
	) -> Result<Verdict<BlockNumber>, Error> {
		self.request(
			"healthnet_verifyCertificate",
			rpc_params![id_text(id), version, payload_hash, at],
		)
		.await
	}

	/// `healthnet_certificate`: a certificate and its versions.
	pub async fn certificate(
		&self,
		id: &CertificateId,
	) -> Result<Option<CertificateView<BlockNumber>>, Error> {
		self.request("healthnet_certificate", rpc_params![id_text(id)]).await
	}

	/// Issuer key `id` at block `at`, and whether its organisation is suspended as an issuer.
	pub async fn issuer_key(
		&self,
		id: KeyId,
		at: H256,
	) -> Result<Option<(IssuerKey<BlockNumber>, bool)>, Error> {
		use codec::{Decode, Encode};
		fn failed(error: impl std::fmt::Display) -> Error {
			Error::node("could not read the trust list", error)
		}
		let block = self.subxt().at_block(at).await.map_err(failed)?;
		let storage = block.storage();
		let Some(value) = storage
			.try_fetch(api::storage().certificates().issuer_keys(), (id,))
			.await
			.map_err(failed)?
		else {
			return Ok(None);
		};
		// The runtime's type, read again as the primitives' (the same encoding).
		let key = IssuerKey::decode(&mut &value.decode().map_err(failed)?.encode()[..])
			.map_err(failed)?;
		let suspended = storage
			.try_fetch(api::storage().certificates().suspended_issuers(), (key.org,))
			.await
			.map_err(failed)?
			.is_some();
		Ok(Some((key, suspended)))
	}

	/// The trust list at the finalized head, as a verifier caches it: every page of
	/// `healthnet_issuerKeys` and `healthnet_suspendedIssuers` at that block.
	pub async fn trust_list(&self) -> Result<CachedTrustList, Error> {
		let (hash, block) = self.finalized_head().await?;
		let mut keys: Vec<ListedKey<BlockNumber>> =
			self.every_page_at("healthnet_issuerKeys", &[], hash).await?;
		keys.sort_by_key(|listed| (listed.key.org, listed.key.added_at, listed.id));
		let mut suspended_issuers: Vec<(OrgId, BlockNumber)> =
			self.every_page_at("healthnet_suspendedIssuers", &[], hash).await?;
		suspended_issuers.sort();
		let list = TrustList { keys, suspended_issuers };
		Ok(CachedTrustList { genesis: self.subxt().genesis_hash(), block, block_hash: hash, list })
	}
}

/// The trust list as a verifier keeps it for when the chain is out of reach: the chain, the
/// finalized block it was read at, and the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CachedTrustList {
	/// The chain's genesis hash.
	pub genesis: H256,
	/// The finalized block it was read at.
	pub block: BlockNumber,
	/// That block's hash.
	pub block_hash: H256,
	/// The list.
	pub list: TrustList<BlockNumber>,
}

impl CachedTrustList {
	/// Reads a cached list.
	pub fn load(path: &Path) -> Result<CachedTrustList, Error> {
		let text = std::fs::read_to_string(path).map_err(|e| {
			Error::NotFound(format!("no trust list is cached at {} ({e})", path.display()))
		})?;
		serde_json::from_str(&text).map_err(|e| {
			Error::BadInput(format!("{} is not a cached trust list: {e}", path.display()))
		})
	}

	/// Writes the list to `path`, creating its directory.
	pub fn save(&self, path: &Path) -> Result<(), Error> {
		let failed = |e: std::io::Error| {
			Error::BadInput(format!("could not cache the trust list at {}: {e}", path.display()))
		};
		if let Some(dir) = path.parent() {
			std::fs::create_dir_all(dir).map_err(failed)?;
		}
		let text = serde_json::to_string_pretty(self).expect("a trust list serializes");
		std::fs::write(path, text).map_err(failed)
	}

	/// What can be checked of a certificate without the chain: it was made for this chain, its
	/// key is on the list, belongs to the issuer it names and is trusted for its kind, and the
	/// signature holds. Returns the key.
	pub fn check(&self, sealed: &Sealed) -> Result<&ListedKey<BlockNumber>, CertificateError> {
		let key_text = hex::encode(sealed.key);
		if sealed.claims.genesis != self.genesis {
			return Err(CertificateError::OtherChain {
				ours: format!("{:?}", self.genesis),
				theirs: format!("{:?}", sealed.claims.genesis),
			});
		}
		let listed = self
			.list
			.keys
			.iter()
			.find(|listed| listed.id == sealed.key)
			.ok_or_else(|| CertificateError::UnknownKey(key_text.clone()))?;
		debug_assert_eq!(key_id(&listed.key.public), listed.id);
		if listed.key.org != sealed.claims.issuer {
			return Err(CertificateError::WrongIssuer {
				key: key_text,
				claimed: sealed.claims.issuer,
				owner: listed.key.org,
			});
		}
		let kind = sealed.claims.statement.kind();
		if !listed.key.kinds.has(kind) {
			return Err(CertificateError::KindNotTrusted {
				key: key_text,
				kind: kind_word(kind).into(),
			});
		}
		sealed.check_signature(&listed.key.public)?;
		Ok(listed)
	}
}

/// What a verifier learns of a certificate.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
	/// What the certificate says (the holder's name and birth date, to compare with an
	/// identity document, and what is certified).
	pub claims: Claims,
	/// The key that signed it.
	#[serde(serialize_with = "hex_bytes::serialize")]
	pub key: KeyId,
	/// The hash of its payload.
	pub payload_hash: H256,
	/// Whether it holds: the signature, and (online) the chain's verdict.
	pub valid: bool,
	/// The chain's verdict online; offline, the verdict of the rules the cached trust list
	/// decides (the issuer's suspension, the key's status, the validity window), in the
	/// chain's order.
	pub verdict: Option<Verdict<BlockNumber>>,
	/// Where the answer comes from.
	pub checked: Checked,
}

/// Where a verification's answer comes from.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "mode")]
pub enum Checked {
	/// The chain answered at its finalized head.
	Online {
		/// The block.
		block: BlockNumber,
		/// Its hash.
		block_hash: H256,
	},
	/// The chain was out of reach: the signature, the issuer's and key's standing and the
	/// validity window were checked against the trust list cached at `block`; what the list
	/// does not hold (the certificate's revocation, suspension or newer version, the payload
	/// registered, a vaccination lot's recall) and what changed since are unknown.
	Offline {
		/// The block the cached list was read at.
		block: BlockNumber,
		/// The key's status in the cached list.
		key_status: KeyStatus<BlockNumber>,
		/// Whether this machine's clock is within the certificate's validity window.
		in_window: bool,
	},
}

/// Verifies a certificate's text online: the signature against the chain's trust list (which
/// is then cached at `cache`, if given), then the chain's verdict at its finalized head.
pub async fn verify_online(
	client: &Client,
	text: &str,
	cache: Option<&Path>,
) -> Result<Verification, Error> {
	let sealed = portable::open(text)?;
	let trust = client.trust_list().await?;
	if let Some(path) = cache {
		trust.save(path)?;
	}
	trust.check(&sealed)?;
	let claims = &sealed.claims;
	let payload_hash = sealed.payload_hash();
	let verdict = client
		.verify_certificate(&claims.id, claims.version, payload_hash, Some(trust.block_hash))
		.await?;
	Ok(Verification {
		valid: verdict.is_valid(),
		verdict: Some(verdict),
		checked: Checked::Online { block: trust.block, block_hash: trust.block_hash },
		key: sealed.key,
		payload_hash,
		claims: sealed.claims,
	})
}

/// Verifies a certificate's text offline, against a cached trust list: its signature, then, in
/// the chain's order, the issuer's suspension, the key's status and the validity window by this
/// machine's clock.
pub fn verify_offline(
	text: &str,
	trust: &CachedTrustList,
	now: u64,
) -> Result<Verification, Error> {
	let sealed = portable::open(text)?;
	let listed = trust.check(&sealed)?;
	let claims = &sealed.claims;
	let in_window = claims.valid_from <= now && now < claims.valid_until;
	let key_status = listed.key.status;
	let suspended = trust.list.suspended_issuers.iter().find(|(org, _)| *org == claims.issuer);
	let verdict = match (suspended, key_status) {
		(Some((_, at)), _) => Verdict::IssuerSuspended { at: *at },
		(None, KeyStatus::Suspended { at, .. }) => Verdict::KeySuspended { at },
		(None, KeyStatus::Removed { at }) => Verdict::KeyRemoved { at },
		(None, KeyStatus::Active) if now < claims.valid_from => {
			Verdict::NotYetValid { from: claims.valid_from }
		},
		(None, KeyStatus::Active) if now >= claims.valid_until => {
			Verdict::Expired { at: claims.valid_until }
		},
		(None, KeyStatus::Active) => Verdict::Valid { until: claims.valid_until },
	};
	Ok(Verification {
		valid: verdict.is_valid(),
		verdict: Some(verdict),
		checked: Checked::Offline { block: trust.block, key_status, in_window },
		key: sealed.key,
		payload_hash: sealed.payload_hash(),
		claims: sealed.claims,
	})
}

/// The verdict in a sentence.
pub fn verdict_sentence(verdict: &Verdict<BlockNumber>) -> String {
	let day = crate::period::moment;
	match verdict {
		Verdict::Unknown => "unknown: the chain has no certificate with this id".into(),
		Verdict::UnknownVersion { latest } => {
			format!("unknown version: the chain's newest version is {latest}")
		},
		Verdict::PayloadMismatch => {
			"not the registered payload: the chain knows this version with other content".into()
		},
		Verdict::Revoked { reason, at } => {
			format!("revoked at block {at}: {}", reason_word(*reason))
		},
		Verdict::Superseded { by, at } => {
			format!("superseded at block {at}: version {by} replaces it")
		},
		Verdict::Suspended { at } => format!("suspended by its issuer at block {at}"),
		Verdict::IssuerSuspended { at } => format!("issuer suspended at block {at}"),
		Verdict::KeySuspended { at } => format!("signing key suspended at block {at}"),
		Verdict::KeyRemoved { at } => {
			format!("signing key removed from the trust list at block {at}")
		},
		Verdict::LotRecalled { lot, at } => {
			format!("lot recalled: lot {lot} was recalled at block {at}")
		},
		Verdict::NotYetValid { from } => format!("not yet valid: valid from {}", day(*from)),
		Verdict::Expired { at } => format!("expired at {}", day(*at)),
		Verdict::Valid { until } => format!("valid until {}", day(*until)),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::portable::{seal, Holder, Statement};
	use healthnet_primitives::certificates::IssuerKey;

	fn claims(genesis: H256) -> Claims {
		Claims {
			id: [7; 16],
			version: 1,
			genesis,
			issuer: 7,
			issued_at: 100,
			valid_from: 100,
			valid_until: 200,
			holder: Holder {
				name: "Asha Rao".into(),
				birth_date: "1990-04-01".into(),
				salt: [1; 16],
			},
			statement: Statement::Infectivity { percent: 80, result_date: "2026-11-24".into() },
		}
	}

	fn trust(
		key: &ed25519_dalek::SigningKey,
		kinds: Kinds,
		status: KeyStatus<u32>,
	) -> CachedTrustList {
		let public = key.verifying_key().to_bytes();
		CachedTrustList {
			genesis: H256::repeat_byte(1),
			block: 9,
			block_hash: H256::repeat_byte(2),
			list: TrustList {
				keys: vec![ListedKey {
					id: key_id(&public),
					key: IssuerKey {
						org: 7,
						public,
						kinds,
						valid_from: 0,
						valid_until: 300,
						added_at: 1,
						status,
					},
				}],
				suspended_issuers: vec![],
			},
		}
	}

	#[test]
	fn offline_verification_checks_chain_key_kind_signature_and_window() {
		let key = ed25519_dalek::SigningKey::from_bytes(&[4; 32]);
		let all = Kinds::of(&CertificateKind::ALL);
		let list = trust(&key, all, KeyStatus::Active);
		let text = seal(&claims(H256::repeat_byte(1)), &key).unwrap();
		assert!(verify_offline(&text, &list, 150).unwrap().valid);
		assert!(!verify_offline(&text, &list, 250).unwrap().valid);
		let suspended = trust(&key, all, KeyStatus::Suspended { at: 3, by_authority: true });
		assert!(!verify_offline(&text, &suspended, 150).unwrap().valid);

		let other_chain = seal(&claims(H256::repeat_byte(5)), &key).unwrap();
		assert!(matches!(
			verify_offline(&other_chain, &list, 150),
			Err(Error::Certificate(CertificateError::OtherChain { .. }))
		));
		let tests_only = trust(&key, Kinds::of(&[CertificateKind::TestResult]), KeyStatus::Active);
		assert!(matches!(
			verify_offline(&text, &tests_only, 150),
			Err(Error::Certificate(CertificateError::KindNotTrusted { .. }))
		));
		let stranger = ed25519_dalek::SigningKey::from_bytes(&[6; 32]);
		let unknown = seal(&claims(H256::repeat_byte(1)), &stranger).unwrap();
		assert!(matches!(
			verify_offline(&unknown, &list, 150),
			Err(Error::Certificate(CertificateError::UnknownKey(_)))
		));
	}

	#[test]
	fn offline_verification_refuses_a_suspended_issuers_certificate() {
		let key = ed25519_dalek::SigningKey::from_bytes(&[4; 32]);
		let mut list = trust(&key, Kinds::of(&CertificateKind::ALL), KeyStatus::Active);
		let text = seal(&claims(H256::repeat_byte(1)), &key).unwrap();
		let verified = verify_offline(&text, &list, 150).unwrap();
		assert!(verified.valid);
		assert!(matches!(verified.verdict, Some(Verdict::Valid { until: 200 })));
		// The issuer (organisation 7) is suspended in the cached list: the certificate its key
		// signed is not valid offline either, as the chain would say.
		list.list.suspended_issuers = vec![(8, 4), (7, 5)];
		let verified = verify_offline(&text, &list, 150).unwrap();
		assert!(!verified.valid);
		assert!(matches!(verified.verdict, Some(Verdict::IssuerSuspended { at: 5 })));
		// The chain's order: the issuer's suspension before the key's, the key's before the
		// window.
		let mut removed =
			trust(&key, Kinds::of(&CertificateKind::ALL), KeyStatus::Removed { at: 6 });
		assert!(matches!(
			verify_offline(&text, &removed, 250).unwrap().verdict,
			Some(Verdict::KeyRemoved { at: 6 })
		));
		removed.list.suspended_issuers = vec![(7, 5)];
		assert!(matches!(
			verify_offline(&text, &removed, 250).unwrap().verdict,
			Some(Verdict::IssuerSuspended { at: 5 })
		));
		assert!(matches!(
			verify_offline(&text, &trust(&key, Kinds(1 | 8), KeyStatus::Active), 250)
				.unwrap()
				.verdict,
			Some(Verdict::Expired { at: 200 })
		));
	}

	#[test]
	fn words_are_read_and_typos_refused() {
		assert_eq!(kind("Infectivity").unwrap(), CertificateKind::Infectivity);
		assert_eq!(kinds("test-result, infectivity").unwrap(), Kinds(0b1001));
		assert!(kinds("test-result,flu").is_err());
		assert_eq!(revocation_reason("fraudulent").unwrap(), RevocationReason::Fraudulent);
		assert_eq!(reason_word(RevocationReason::HolderRequest), "holder-request");
		assert!(parse_key_id("0x0102030405060708").is_ok());
		assert!(parse_key_id("0x01").is_err());
	}
}
