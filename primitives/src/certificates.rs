//! What the certificates pallet, its runtime API, the node's `healthnet_*` RPC and the client
//! share: certificate and key ids, kinds, revocation reasons, the holder commitment, the trust
//! list and the verdict a verifier gets.
//!
//! The chain holds no personal data of a certificate: its holder appears only as a salted
//! commitment ([`holder_commitment`]), and what it says (the result, the percentage, the
//! holder's name and birth date) only in the signed payload the holder carries, which the
//! chain knows by its hash ([`payload_hash`]).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{supply::LotId, OrgId};

/// A certificate's id: 16 bytes the issuer draws at random, printed in the payload.
pub type CertificateId = [u8; 16];

/// An issuer key's id: the first 8 bytes of the BLAKE2b-256 hash of its public key, carried
/// as the COSE `kid` of every payload the key signs.
pub type KeyId = [u8; 8];

/// An Ed25519 public key of an issuer.
pub type IssuerPublic = [u8; 32];

/// The salt that hides a holder in the commitment; a fresh one per certificate.
pub type HolderSalt = [u8; 16];

/// What an issuer key signs to prove it is held by the organisation that registers it: this
/// tag, the chain's genesis hash, the organisation's id and the key's id, SCALE-encoded. Without
/// it anyone could register another issuer's public key as its own.
pub const ISSUER_KEY_PROOF_TAG: &[u8] = b"healthnet/certificates/issuer-key/v1";

/// The message issuer key `key` signs for organisation `org` on the chain whose genesis is
/// `genesis`.
pub fn issuer_key_proof_message<Hash: codec::Encode>(
	genesis: &Hash,
	org: crate::OrgId,
	key: &KeyId,
) -> alloc::vec::Vec<u8> {
	codec::Encode::encode(&(ISSUER_KEY_PROOF_TAG, genesis, org, key))
}

/// The id of an issuer key.
pub fn key_id(public: &IssuerPublic) -> KeyId {
	let hash = BlakeTwo256::hash(public);
	let mut id = [0; 8];
	id.copy_from_slice(&hash[..8]);
	id
}

/// The commitment to a holder the chain stores: BLAKE2b-256 of a tag, the salt and the SCALE
/// encoding of (name, birth date). Without the salt, which only the payload carries, nobody
/// can test a guessed name against it.
pub fn holder_commitment(salt: &HolderSalt, name: &str, birth_date: &str) -> H256 {
	let mut data = b"healthnet/holder".to_vec();
	data.extend_from_slice(salt);
	(name, birth_date).encode_to(&mut data);
	BlakeTwo256::hash(&data)
}

/// The hash by which the chain knows a signed payload: BLAKE2b-256 of the CBOR claims set
/// that the issuer's COSE_Sign1 signs.
pub fn payload_hash(claims: &[u8]) -> H256 {
	BlakeTwo256::hash(claims)
}

shared_enum! {
	/// What a certificate attests.
	pub enum CertificateKind {
		/// The result of a test.
		TestResult,
		/// A vaccination, citing the lot given.
		Vaccination,
		/// Recovery from an infection.
		Recovery,
		/// How infectious the holder currently is, as a percentage the laboratory updates as
		/// new results come in.
		Infectivity,
	}
}

impl CertificateKind {
	/// Every kind, in bit order.
	pub const ALL: [CertificateKind; 4] = [
		CertificateKind::TestResult,
		CertificateKind::Vaccination,
		CertificateKind::Recovery,
		CertificateKind::Infectivity,
	];

	/// The kind's bit in a [`Kinds`] set.
	pub fn bit(self) -> u8 {
		1 << self as u8
	}
}

/// The certificate kinds an issuer key is trusted for, stored as bits.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Kinds(pub u8);

impl Kinds {
	/// The set of the given kinds.
	pub fn of(kinds: &[CertificateKind]) -> Self {
		Self(kinds.iter().fold(0, |bits, kind| bits | kind.bit()))
	}

	/// Whether the set holds `kind`.
	pub fn has(&self, kind: CertificateKind) -> bool {
		self.0 & kind.bit() != 0
	}

	/// Whether the set is not empty and every bit is a known kind.
	pub fn is_valid(&self) -> bool {
		self.0 != 0 && self.0 & !Self::of(&CertificateKind::ALL).0 == 0
	}

	/// The kinds in the set, in bit order.
	pub fn kinds(&self) -> Vec<CertificateKind> {
		CertificateKind::ALL.into_iter().filter(|kind| self.has(*kind)).collect()
	}
}

shared_enum! {
	/// Why a certificate was revoked (after the EU Digital COVID Certificate's revocation
	/// reasons).
	pub enum RevocationReason {
		/// It was issued by mistake: wrong person, wrong data.
		IssuedInError,
		/// It was obtained by fraud.
		Fraudulent,
		/// The result it states was withdrawn (a faulty test batch, a laboratory error).
		ResultWithdrawn,
		/// The key that signed it is compromised.
		KeyCompromised,
		/// The holder asked for it.
		HolderRequest,
	}
}

/// Where an issuer key stands.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum KeyStatus<BlockNumber> {
	/// It signs certificates, within its validity window.
	Active,
	/// It was suspended at `at`, by its issuer or (`by_authority`) by an authority or the
	/// council; certificates it signed do not verify until it is reinstated.
	Suspended {
		/// The block of the suspension.
		at: BlockNumber,
		/// Whether an authority or the council suspended it, so that only they reinstate it.
		by_authority: bool,
	},
	/// It was removed at `at`, for good; certificates it signed no longer verify.
	Removed {
		/// The block of the removal.
		at: BlockNumber,
	},
}

/// An issuer's signing key on the trust list.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct IssuerKey<BlockNumber> {
	/// The issuing organisation.
	pub org: OrgId,
	/// The Ed25519 public key.
	#[serde(with = "hex_bytes")]
	pub public: IssuerPublic,
	/// The kinds it may sign.
	pub kinds: Kinds,
	/// The first second (Unix time) it may sign.
	pub valid_from: u64,
	/// The second (Unix time) from which it may no longer sign.
	pub valid_until: u64,
	/// The block it was registered at.
	pub added_at: BlockNumber,
	/// Where it stands.
	pub status: KeyStatus<BlockNumber>,
}

/// Where a certificate stands, whichever its version.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum CertificateState<BlockNumber> {
	/// In force.
	Active,
	/// Suspended by its issuer at `at`, until reinstated.
	Suspended {
		/// The block of the suspension.
		at: BlockNumber,
	},
	/// Revoked at `at`, for good.
	Revoked {
		/// Why.
		reason: RevocationReason,
		/// The block of the revocation.
		at: BlockNumber,
	},
}

/// A certificate as the chain holds it: no holder identity, no result.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Certificate<BlockNumber> {
	/// The issuing organisation.
	pub issuer: OrgId,
	/// What it attests.
	pub kind: CertificateKind,
	/// The salted commitment to its holder ([`holder_commitment`]).
	pub holder: H256,
	/// For a vaccination, the supply lot given.
	pub lot: Option<LotId>,
	/// Its current version, from 1.
	pub version: u32,
	/// Where it stands.
	pub state: CertificateState<BlockNumber>,
	/// The block of version 1.
	pub issued_at: BlockNumber,
}

/// One version of a certificate: the payload it was signed as and when it held.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Version<BlockNumber> {
	/// The key that signed the payload.
	#[serde(with = "hex_bytes")]
	pub key: KeyId,
	/// The hash of the signed payload ([`payload_hash`]).
	pub payload_hash: H256,
	/// The first second (Unix time) it is valid.
	pub valid_from: u64,
	/// The second (Unix time) from which it is no longer valid.
	pub valid_until: u64,
	/// The block that wrote it.
	pub issued_at: BlockNumber,
	/// The block that wrote the next version, from which this one is superseded.
	pub superseded_at: Option<BlockNumber>,
}

/// A certificate and every version of it, as apps read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateView<BlockNumber> {
	/// The certificate.
	pub certificate: Certificate<BlockNumber>,
	/// Its versions, from 1.
	pub versions: Vec<Version<BlockNumber>>,
}

/// A key on the trust list, with its id.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedKey<BlockNumber> {
	/// Its id.
	#[serde(with = "hex_bytes")]
	pub id: KeyId,
	/// The key.
	pub key: IssuerKey<BlockNumber>,
}

/// The trust list verifiers cache: every issuer key, and the issuers suspended as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustList<BlockNumber> {
	/// Every key ever registered, with where it stands.
	pub keys: Vec<ListedKey<BlockNumber>>,
	/// The suspended issuers, with the block of their suspension.
	pub suspended_issuers: Vec<(OrgId, BlockNumber)>,
}

/// What the chain says of one version of a certificate, at the block asked. The first that
/// applies, in this order.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "verdict")]
pub enum Verdict<BlockNumber> {
	/// No certificate has this id.
	Unknown,
	/// The certificate has no such version yet; `latest` is its newest.
	UnknownVersion {
		/// Its newest version.
		latest: u32,
	},
	/// The payload is not the one this version was signed as.
	PayloadMismatch,
	/// The certificate was revoked.
	Revoked {
		/// Why.
		reason: RevocationReason,
		/// The block of the revocation.
		at: BlockNumber,
	},
	/// A later version replaced this one.
	Superseded {
		/// The newest version.
		by: u32,
		/// The block of the next version.
		at: BlockNumber,
	},
	/// Its issuer suspended it.
	Suspended {
		/// The block of the suspension.
		at: BlockNumber,
	},
	/// Its issuer is suspended from issuing.
	IssuerSuspended {
		/// The block of the suspension.
		at: BlockNumber,
	},
	/// The key that signed it is suspended.
	KeySuspended {
		/// The block of the suspension.
		at: BlockNumber,
	},
	/// The key that signed it was removed from the trust list.
	KeyRemoved {
		/// The block of the removal.
		at: BlockNumber,
	},
	/// The vaccination cites a lot that was recalled.
	LotRecalled {
		/// The lot.
		lot: LotId,
		/// The block of the recall.
		at: BlockNumber,
	},
	/// It is not valid yet.
	NotYetValid {
		/// The first second (Unix time) it is valid.
		from: u64,
	},
	/// It expired.
	Expired {
		/// The second (Unix time) it expired.
		at: u64,
	},
	/// It is valid.
	Valid {
		/// The second (Unix time) from which it is no longer valid.
		until: u64,
	},
}

impl<BlockNumber> Verdict<BlockNumber> {
	/// Whether the certificate holds.
	pub fn is_valid(&self) -> bool {
		matches!(self, Verdict::Valid { .. })
	}
}

/// Serde of a byte array as `0x` and hex digits, the way hashes read in JSON.
pub mod hex_bytes {
	use alloc::string::String;
	use serde::{Deserialize, Deserializer, Serializer};

	/// Writes the bytes.
	pub fn serialize<S: Serializer, const N: usize>(
		bytes: &[u8; N],
		s: S,
	) -> Result<S::Ok, S::Error> {
		const DIGITS: &[u8; 16] = b"0123456789abcdef";
		let mut text = String::with_capacity(2 + 2 * N);
		text.push_str("0x");
		for byte in bytes {
			text.push(DIGITS[usize::from(byte >> 4)] as char);
			text.push(DIGITS[usize::from(byte & 15)] as char);
		}
		s.serialize_str(&text)
	}

	/// Reads the bytes: `0x` and exactly `2 * N` hex digits.
	pub fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
		d: D,
	) -> Result<[u8; N], D::Error> {
		let text = String::deserialize(d)?;
		let digits = text.strip_prefix("0x").unwrap_or(&text).as_bytes();
		let wrong = || serde::de::Error::custom("expected 0x and hex digits of the right length");
		if digits.len() != 2 * N {
			return Err(wrong());
		}
		let value = |d: u8| (d as char).to_digit(16).map(|v| v as u8);
		let mut bytes = [0; N];
		for (byte, pair) in bytes.iter_mut().zip(digits.chunks(2)) {
			*byte =
				value(pair[0]).zip(value(pair[1])).map(|(h, l)| h << 4 | l).ok_or_else(wrong)?;
		}
		Ok(bytes)
	}
}

sp_api::decl_runtime_apis! {
	/// What verifiers and apps read of health certificates.
	pub trait CertificatesApi<BlockNumber> where BlockNumber: codec::Codec {
		/// What the chain says, at this block, of version `version` of certificate `id` signed
		/// as the payload with hash `payload_hash`.
		fn verify_certificate(id: CertificateId, version: u32, payload_hash: H256) -> Verdict<BlockNumber>;
		/// A certificate and its versions.
		fn certificate(id: CertificateId) -> Option<CertificateView<BlockNumber>>;
		/// At most `limit` (and [`crate::MAX_PAGE`]) issuer keys after key `after`: pages of
		/// the trust list, read at one block.
		fn issuer_keys(after: Option<KeyId>, limit: u32) -> crate::Page<ListedKey<BlockNumber>, KeyId>;
		/// At most `limit` (and [`crate::MAX_PAGE`]) suspended issuers, with the block of
		/// their suspension, after issuer `after`.
		fn suspended_issuers(after: Option<OrgId>, limit: u32) -> crate::Page<(OrgId, BlockNumber), OrgId>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn kinds_hold_what_they_were_made_of() {
		let kinds = Kinds::of(&[CertificateKind::TestResult, CertificateKind::Infectivity]);
		assert!(kinds.has(CertificateKind::Infectivity));
		assert!(!kinds.has(CertificateKind::Vaccination));
		assert!(kinds.is_valid());
		assert_eq!(kinds.kinds(), [CertificateKind::TestResult, CertificateKind::Infectivity]);
		assert!(!Kinds(0).is_valid());
		assert!(!Kinds(1 << 4).is_valid());
	}

	#[test]
	fn keys_read_as_hex_in_json() {
		let listed = ListedKey {
			id: [0xab; 8],
			key: IssuerKey {
				org: 7,
				public: [1; 32],
				kinds: Kinds(8),
				valid_from: 0,
				valid_until: 1,
				added_at: 3u32,
				status: KeyStatus::Active,
			},
		};
		let json = serde_json::to_value(&listed).unwrap();
		assert_eq!(json["id"], "0xabababababababab");
		assert_eq!(serde_json::from_value::<ListedKey<u32>>(json).unwrap(), listed);
		assert!(serde_json::from_str::<ListedKey<u32>>(r#"{"id":"0xab"}"#).is_err());
	}

	#[test]
	fn the_holder_commitment_depends_on_the_salt_and_each_field() {
		let one = holder_commitment(&[1; 16], "Asha Rao", "1990-04-01");
		assert_ne!(one, holder_commitment(&[2; 16], "Asha Rao", "1990-04-01"));
		assert_ne!(one, holder_commitment(&[1; 16], "Asha Rao", "1990-04-02"));
		// The SCALE length prefixes keep the split between name and date.
		assert_ne!(one, holder_commitment(&[1; 16], "Asha Rao1", "990-04-01"));
	}
}
