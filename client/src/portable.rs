//! The portable health certificate: what the holder carries, and how it is signed, packed and
//! read back.
//!
//! It is built the way the EU Digital COVID Certificate is: a CBOR Web Token claims set (RFC
//! 8392) signed as a COSE_Sign1 (RFC 9052, tagged) with the issuer's Ed25519 key (`alg`
//! EdDSA, `kid` the [`KeyId`] on the chain's trust list), compressed with zlib, encoded in
//! base45 (RFC 9285) behind the prefix [`PREFIX`], and shown as a QR code. The standard claims
//! carry the certificate id (`cti`), issuer (`iss`) and validity (`iat`, `nbf`, `exp`); the
//! private claim [`HEALTHNET_CLAIM`] carries the version, the chain's genesis hash, the holder
//! (name, birth date and the salt of the chain's commitment) and what is certified. None of
//! the holder's data goes to the chain: it knows the payload by its hash only.

use std::io::{Read, Write};

use coset::{
	cbor::value::Value,
	cwt::{ClaimsSet, ClaimsSetBuilder, Timestamp},
	iana, CborSerializable, CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable,
};
use ed25519_dalek::{Signer, Verifier};
use healthnet_primitives::{
	certificates::{
		hex_bytes, holder_commitment, key_id, payload_hash, CertificateId, CertificateKind,
		HolderSalt, IssuerPublic, KeyId,
	},
	supply::LotId,
	OrgId,
};
use serde::{Deserialize, Serialize};
use sp_core::H256;

mod qr;

pub use qr::{black_png, qr_png, qr_svg, read_qr, read_qr_within, ImageLimits};

/// What every Healthnet certificate's text starts with (the EU's is `HC1:`).
pub const PREFIX: &str = "HN1:";

/// The private CWT claim that holds Healthnet's certificate (below -65536, the private range).
pub const HEALTHNET_CLAIM: i64 = -65_537;

/// Why a certificate could not be read or does not hold up offline.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CertificateError {
	/// The text does not start with the prefix.
	#[error("this is not a Healthnet certificate: its text does not start with `{PREFIX}`")]
	NoPrefix,
	/// The base45 text is malformed.
	#[error("the certificate's text is not valid base45 (a character is outside the alphabet or the length is wrong): it was damaged or mistyped")]
	Base45,
	/// The compressed payload does not inflate.
	#[error("the certificate's data does not decompress: it was damaged")]
	Compression,
	/// The COSE structure or the claims are malformed.
	#[error("the certificate's signed structure is malformed: {0}")]
	Structure(String),
	/// The image holds no readable QR code.
	#[error("no QR code could be read in the image {0}")]
	NoQrCode(String),
	/// The picture is neither a PNG nor a JPEG image.
	#[error("the file {0} is not a PNG or JPEG picture: save it as one of those and try again")]
	ImageFormat(String),
	/// The picture's file is larger than the reader takes.
	#[error(
		"the picture {name} is {} MiB, more than the {} MiB that are read: take a smaller one",
		qr::mebibytes(*.bytes as u64),
		qr::mebibytes(*.max as u64)
	)]
	ImageTooHeavy {
		/// The picture's name.
		name: String,
		/// The file's size, in bytes.
		bytes: usize,
		/// The largest file read.
		max: usize,
	},
	/// The picture has more pixels across or down than the reader takes.
	#[error(
		"the picture {name} is {width} × {height} pixels, more than the {max_width} × \
		 {max_height} that are read: crop it to the QR code or take it again at a lower \
		 resolution"
	)]
	ImageTooLarge {
		/// The picture's name.
		name: String,
		/// Its width, in pixels.
		width: u32,
		/// Its height, in pixels.
		height: u32,
		/// The widest picture read.
		max_width: u32,
		/// The tallest picture read.
		max_height: u32,
	},
	/// Decoding the picture would take more memory than the reader allows: within the
	/// default dimensions, only a picture with 16 bits per channel does.
	#[error(
		"reading the picture {name} would take {} MiB of memory, more than the {} MiB \
		 allowed: save it as an ordinary PNG or JPEG with 8 bits per channel",
		qr::mebibytes(*.needed),
		qr::mebibytes(*.max)
	)]
	ImageNeedsTooMuchMemory {
		/// The picture's name.
		name: String,
		/// The bytes its pixels alone take once decoded.
		needed: u64,
		/// The most the decoder may take.
		max: u64,
	},
	/// The signing key is not on the trust list.
	#[error("the certificate was signed with key {0}, which is not on the chain's trust list")]
	UnknownKey(String),
	/// The signature does not verify.
	#[error("the signature does not match the certificate's content: it was altered after signing, or not signed by key {0}")]
	BadSignature(String),
	/// The certificate belongs to another chain.
	#[error("the certificate was issued on another chain (genesis {theirs}), not on this one (genesis {ours})")]
	OtherChain {
		/// This chain's genesis hash.
		ours: String,
		/// The certificate's.
		theirs: String,
	},
	/// The key that signed it belongs to another organisation than the certificate names.
	#[error(
		"the certificate names issuer {claimed}, but key {key} belongs to organisation {owner}"
	)]
	WrongIssuer {
		/// The key.
		key: String,
		/// The issuer the certificate names.
		claimed: OrgId,
		/// The key's organisation.
		owner: OrgId,
	},
	/// The key is not trusted for the certificate's kind.
	#[error("key {key} is not trusted for {kind} certificates")]
	KindNotTrusted {
		/// The key.
		key: String,
		/// The kind.
		kind: String,
	},
}

/// The person a certificate is about, and the salt that hides them in the chain's commitment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
	/// The name as printed on the holder's identity document.
	pub name: String,
	/// The birth date, `YYYY-MM-DD`.
	pub birth_date: String,
	/// The salt of the commitment; fresh per certificate.
	#[serde(with = "hex_bytes")]
	pub salt: HolderSalt,
}

impl Holder {
	/// The commitment to this holder that the chain stores.
	pub fn commitment(&self) -> H256 {
		holder_commitment(&self.salt, &self.name, &self.birth_date)
	}
}

/// What a certificate certifies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Statement {
	/// A test and its result.
	TestResult {
		/// The disease (ICD-11 style code, such as RA01).
		disease: String,
		/// `positive`, `negative` or `inconclusive`.
		result: String,
		/// The day the sample was taken, `YYYY-MM-DD`.
		sampled: String,
	},
	/// A dose of a vaccine.
	Vaccination {
		/// The disease it protects against.
		disease: String,
		/// The supply lot given, as the chain numbers it.
		lot: LotId,
		/// Which dose.
		dose: u8,
		/// Of how many.
		of: u8,
		/// The day it was given, `YYYY-MM-DD`.
		date: String,
	},
	/// Recovery from an infection.
	Recovery {
		/// The disease.
		disease: String,
		/// The day of the first positive test, `YYYY-MM-DD`.
		first_positive: String,
	},
	/// How infectious the holder currently is.
	Infectivity {
		/// The percentage, 0 to 100.
		percent: u8,
		/// The day of the result it rests on, `YYYY-MM-DD`.
		result_date: String,
	},
}

impl Statement {
	/// The certificate kind of this statement.
	pub fn kind(&self) -> CertificateKind {
		match self {
			Statement::TestResult { .. } => CertificateKind::TestResult,
			Statement::Vaccination { .. } => CertificateKind::Vaccination,
			Statement::Recovery { .. } => CertificateKind::Recovery,
			Statement::Infectivity { .. } => CertificateKind::Infectivity,
		}
	}

	/// The lot a vaccination cites.
	pub fn lot(&self) -> Option<LotId> {
		match self {
			Statement::Vaccination { lot, .. } => Some(*lot),
			_ => None,
		}
	}
}

/// Everything a certificate says: the claims its issuer signs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Claims {
	/// The certificate's id.
	#[serde(with = "hex_bytes")]
	pub id: CertificateId,
	/// Its version, from 1.
	pub version: u32,
	/// The genesis hash of the chain it is registered on.
	pub genesis: H256,
	/// The issuing organisation.
	pub issuer: OrgId,
	/// When it was signed (Unix seconds).
	pub issued_at: u64,
	/// The first second it is valid.
	pub valid_from: u64,
	/// The second from which it is no longer valid.
	pub valid_until: u64,
	/// Who it is about.
	pub holder: Holder,
	/// What it certifies.
	pub statement: Statement,
}

/// A read certificate: its claims, the bytes that were signed, and the signature.
#[derive(Clone, Debug)]
pub struct Sealed {
	/// The key that signed it.
	pub key: KeyId,
	/// What it says.
	pub claims: Claims,
	/// The claims exactly as signed (the COSE payload).
	pub payload: Vec<u8>,
	sign1: CoseSign1,
}

impl Sealed {
	/// The hash by which the chain knows this payload.
	pub fn payload_hash(&self) -> H256 {
		payload_hash(&self.payload)
	}

	/// Checks the signature with the public key `public`.
	pub fn check_signature(&self, public: &IssuerPublic) -> Result<(), CertificateError> {
		let bad = || CertificateError::BadSignature(hex::encode(self.key));
		let key = ed25519_dalek::VerifyingKey::from_bytes(public).map_err(|_| bad())?;
		self.sign1.verify_signature(b"", |signature, data| {
			let signature = ed25519_dalek::Signature::from_slice(signature).map_err(|_| bad())?;
			key.verify(data, &signature).map_err(|_| bad())
		})
	}
}

/// The key id of an Ed25519 signing key.
pub fn signing_key_id(key: &ed25519_dalek::SigningKey) -> KeyId {
	key_id(&key.verifying_key().to_bytes())
}

/// Signs `claims` with `key` and packs them: the text behind the QR code.
pub fn seal(claims: &Claims, key: &ed25519_dalek::SigningKey) -> Result<String, CertificateError> {
	let unsealed = Unsealed::new(claims, signing_key_id(key))?;
	let signature = key.sign(&unsealed.to_be_signed()).to_bytes();
	unsealed.seal(&signature)
}

/// A certificate whose claims and key are fixed and whose issuer's signature is still to come:
/// for an issuer whose key is not in this process (the dashboard's page signs with the key
/// file the officer opened there).
#[derive(Clone, Debug)]
pub struct Unsealed {
	sign1: CoseSign1,
}

impl Unsealed {
	/// `claims`, to be signed with the key `key`.
	pub fn new(claims: &Claims, key: KeyId) -> Result<Unsealed, CertificateError> {
		let protected =
			HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(key.to_vec()).build();
		let sign1 = CoseSign1Builder::new().protected(protected).payload(claims.to_cbor()?).build();
		Ok(Unsealed { sign1 })
	}

	/// What the issuer's key signs: the COSE `Sig_structure` over the claims.
	pub fn to_be_signed(&self) -> Vec<u8> {
		self.sign1.tbs_data(b"")
	}

	/// The hash by which the chain will know the claims.
	pub fn payload_hash(&self) -> H256 {
		payload_hash(self.sign1.payload.as_deref().unwrap_or_default())
	}

	/// The certificate's text with `signature`, unchecked: [`open`] it and
	/// [`Sealed::check_signature`] when the signature came from elsewhere.
	pub fn seal(mut self, signature: &[u8; 64]) -> Result<String, CertificateError> {
		self.sign1.signature = signature.to_vec();
		let cose =
			self.sign1.to_tagged_vec().map_err(|e| CertificateError::Structure(e.to_string()))?;
		let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
		deflate
			.write_all(&cose)
			.and_then(|_| deflate.finish())
			.map(|zipped| format!("{PREFIX}{}", base45::encode(&zipped)))
			.map_err(|_| CertificateError::Compression)
	}
}

/// Reads a certificate's text (base45 behind the prefix), without checking its signature.
pub fn open(text: &str) -> Result<Sealed, CertificateError> {
	let body = text.trim().strip_prefix(PREFIX).ok_or(CertificateError::NoPrefix)?;
	let zipped = base45::decode(body).map_err(|_| CertificateError::Base45)?;
	let mut cose = Vec::new();
	flate2::read::ZlibDecoder::new(zipped.as_slice())
		.take(64 * 1024)
		.read_to_end(&mut cose)
		.map_err(|_| CertificateError::Compression)?;
	let structure = |what: &str| CertificateError::Structure(what.to_string());
	let sign1 = CoseSign1::from_tagged_slice(&cose)
		.map_err(|_| structure("it is not a tagged COSE_Sign1"))?;
	if sign1.protected.header.alg
		!= Some(coset::RegisteredLabelWithPrivate::Assigned(iana::Algorithm::EdDSA))
	{
		return Err(structure("it is not signed with EdDSA"));
	}
	let key: KeyId = sign1
		.protected
		.header
		.key_id
		.as_slice()
		.try_into()
		.map_err(|_| structure("its key id is not 8 bytes"))?;
	let payload = sign1.payload.clone().ok_or_else(|| structure("it carries no claims"))?;
	let claims = Claims::from_cbor(&payload)?;
	Ok(Sealed { key, claims, payload, sign1 })
}

impl Claims {
	/// The CWT claims set, CBOR-encoded: the payload the issuer signs.
	pub fn to_cbor(&self) -> Result<Vec<u8>, CertificateError> {
		let text = |s: &str| Value::Text(s.to_string());
		let int = |n: u64| Value::Integer(n.into());
		let mut fields = vec![
			(text("v"), int(self.version.into())),
			(text("g"), Value::Bytes(self.genesis.as_bytes().to_vec())),
			(text("nam"), text(&self.holder.name)),
			(text("dob"), text(&self.holder.birth_date)),
			(text("salt"), Value::Bytes(self.holder.salt.to_vec())),
			(text("k"), text(kind_word(self.statement.kind()))),
		];
		match &self.statement {
			Statement::TestResult { disease, result, sampled } => fields.extend([
				(text("dis"), text(disease)),
				(text("res"), text(result)),
				(text("dt"), text(sampled)),
			]),
			Statement::Vaccination { disease, lot, dose, of, date } => fields.extend([
				(text("dis"), text(disease)),
				(text("lot"), int((*lot).into())),
				(text("dn"), int((*dose).into())),
				(text("sd"), int((*of).into())),
				(text("dt"), text(date)),
			]),
			Statement::Recovery { disease, first_positive } => {
				fields.extend([(text("dis"), text(disease)), (text("dt"), text(first_positive))])
			},
			Statement::Infectivity { percent, result_date } => fields
				.extend([(text("pct"), int((*percent).into())), (text("dt"), text(result_date))]),
		}
		let seconds = |s: u64| Timestamp::WholeSeconds(s as i64);
		ClaimsSetBuilder::new()
			.issuer(format!("healthnet:org:{}", self.issuer))
			.cwt_id(self.id.to_vec())
			.issued_at(seconds(self.issued_at))
			.not_before(seconds(self.valid_from))
			.expiration_time(seconds(self.valid_until))
			.private_claim(HEALTHNET_CLAIM, Value::Map(fields))
			.build()
			.to_vec()
			.map_err(|e| CertificateError::Structure(e.to_string()))
	}

	/// Reads a CWT claims set written by [`Claims::to_cbor`].
	pub fn from_cbor(bytes: &[u8]) -> Result<Claims, CertificateError> {
		let bad = |what: &str| CertificateError::Structure(format!("its claims {what}"));
		let set = ClaimsSet::from_slice(bytes).map_err(|_| bad("are not a CWT claims set"))?;
		let seconds = |t: &Option<Timestamp>, name: &str| match t {
			Some(Timestamp::WholeSeconds(s)) if *s >= 0 => Ok(*s as u64),
			_ => Err(bad(&format!("lack the {name} time"))),
		};
		let issuer = set
			.issuer
			.as_deref()
			.and_then(|iss| iss.strip_prefix("healthnet:org:"))
			.and_then(|n| n.parse().ok())
			.ok_or_else(|| bad("name no Healthnet issuer"))?;
		let id: CertificateId = set
			.cwt_id
			.as_deref()
			.and_then(|id| id.try_into().ok())
			.ok_or_else(|| bad("lack a 16-byte certificate id"))?;
		let private = set
			.rest
			.iter()
			.find_map(|(name, value)| {
				(*name == coset::cwt::ClaimName::PrivateUse(HEALTHNET_CLAIM)).then_some(value)
			})
			.and_then(Value::as_map)
			.ok_or_else(|| bad("lack the Healthnet claim"))?;
		let field =
			|key: &str| private.iter().find_map(|(k, v)| (k.as_text() == Some(key)).then_some(v));
		let text = |key: &str| {
			field(key)
				.and_then(Value::as_text)
				.map(str::to_string)
				.ok_or_else(|| bad(&format!("lack the text `{key}`")))
		};
		let number = |key: &str| {
			field(key)
				.and_then(Value::as_integer)
				.and_then(|n| u64::try_from(n).ok())
				.ok_or_else(|| bad(&format!("lack the number `{key}`")))
		};
		let bytes = |key: &str| {
			field(key)
				.and_then(Value::as_bytes)
				.cloned()
				.ok_or_else(|| bad(&format!("lack the bytes `{key}`")))
		};
		let small = |key: &str| {
			number(key).and_then(|n| {
				u8::try_from(n).map_err(|_| bad(&format!("have `{key}` out of range")))
			})
		};
		let statement = match text("k")?.as_str() {
			"test-result" => Statement::TestResult {
				disease: text("dis")?,
				result: text("res")?,
				sampled: text("dt")?,
			},
			"vaccination" => Statement::Vaccination {
				disease: text("dis")?,
				lot: number("lot")?.try_into().map_err(|_| bad("have a lot out of range"))?,
				dose: small("dn")?,
				of: small("sd")?,
				date: text("dt")?,
			},
			"recovery" => {
				Statement::Recovery { disease: text("dis")?, first_positive: text("dt")? }
			},
			"infectivity" => {
				Statement::Infectivity { percent: small("pct")?, result_date: text("dt")? }
			},
			other => return Err(bad(&format!("name an unknown kind `{other}`"))),
		};
		let genesis = bytes("g")?;
		Ok(Claims {
			id,
			version: number("v")?.try_into().map_err(|_| bad("have a version out of range"))?,
			genesis: H256::from_slice(
				genesis
					.get(..32)
					.filter(|_| genesis.len() == 32)
					.ok_or_else(|| bad("have a genesis hash that is not 32 bytes"))?,
			),
			issuer,
			issued_at: seconds(&set.issued_at, "issue")?,
			valid_from: seconds(&set.not_before, "not-before")?,
			valid_until: seconds(&set.expiration_time, "expiry")?,
			holder: Holder {
				name: text("nam")?,
				birth_date: text("dob")?,
				salt: bytes("salt")?
					.try_into()
					.map_err(|_| bad("have a salt that is not 16 bytes"))?,
			},
			statement,
		})
	}
}

/// The word for a certificate kind: `test-result`, `vaccination`, `recovery`, `infectivity`.
pub fn kind_word(kind: CertificateKind) -> &'static str {
	match kind {
		CertificateKind::TestResult => "test-result",
		CertificateKind::Vaccination => "vaccination",
		CertificateKind::Recovery => "recovery",
		CertificateKind::Infectivity => "infectivity",
	}
}

/// Reads a certificate id: 32 hex digits, with or without `0x`.
pub fn parse_id(text: &str) -> Result<CertificateId, String> {
	let digits = text.trim().trim_start_matches("0x");
	hex::decode(digits)
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| format!("`{text}` is not a certificate id (32 hex digits)"))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn claims() -> Claims {
		Claims {
			id: [7; 16],
			version: 2,
			genesis: H256::repeat_byte(9),
			issuer: 7,
			issued_at: 1_795_521_600,
			valid_from: 1_795_521_600,
			valid_until: 1_796_126_400,
			holder: Holder {
				name: "Asha Rao".into(),
				birth_date: "1990-04-01".into(),
				salt: [3; 16],
			},
			statement: Statement::Infectivity { percent: 80, result_date: "2026-11-24".into() },
		}
	}

	fn key() -> ed25519_dalek::SigningKey {
		ed25519_dalek::SigningKey::from_bytes(&[5; 32])
	}

	#[test]
	fn a_sealed_certificate_opens_to_the_same_claims_and_verifies() {
		let text = seal(&claims(), &key()).unwrap();
		assert!(text.starts_with(PREFIX));
		let sealed = open(&text).unwrap();
		assert_eq!(sealed.claims, claims());
		assert_eq!(sealed.key, signing_key_id(&key()));
		assert_eq!(sealed.payload_hash(), payload_hash(&claims().to_cbor().unwrap()));
		sealed.check_signature(&key().verifying_key().to_bytes()).unwrap();
		let other = ed25519_dalek::SigningKey::from_bytes(&[6; 32]);
		assert!(matches!(
			sealed.check_signature(&other.verifying_key().to_bytes()),
			Err(CertificateError::BadSignature(_))
		));
	}

	#[test]
	fn every_statement_survives_the_round_trip() {
		for statement in [
			Statement::TestResult {
				disease: "RA01".into(),
				result: "negative".into(),
				sampled: "2026-11-20".into(),
			},
			Statement::Vaccination {
				disease: "RA01".into(),
				lot: 3,
				dose: 2,
				of: 2,
				date: "2026-11-01".into(),
			},
			Statement::Recovery { disease: "RA01".into(), first_positive: "2026-10-01".into() },
		] {
			let claims = Claims { statement, ..claims() };
			assert_eq!(Claims::from_cbor(&claims.to_cbor().unwrap()).unwrap(), claims);
		}
	}

	#[test]
	fn a_changed_byte_in_the_payload_breaks_the_signature() {
		let sealed = open(&seal(&claims(), &key()).unwrap()).unwrap();
		let mut sign1 = sealed.sign1.clone();
		let payload = sign1.payload.as_mut().unwrap();
		let at = payload.len() - 12;
		payload[at] ^= 1;
		let altered = Sealed { sign1, ..sealed };
		assert!(altered.check_signature(&key().verifying_key().to_bytes()).is_err());
	}

	#[test]
	fn malformed_text_is_refused_with_its_reason() {
		assert_eq!(open("HC1:ABC").unwrap_err(), CertificateError::NoPrefix);
		assert_eq!(open("HN1:abc!").unwrap_err(), CertificateError::Base45);
		let not_zlib = format!("{PREFIX}{}", base45::encode(b"plain bytes"));
		assert_eq!(open(&not_zlib).unwrap_err(), CertificateError::Compression);
	}

	#[test]
	fn the_qr_code_reads_back_as_the_text() {
		let text = seal(&claims(), &key()).unwrap();
		let png = qr_png(&text).unwrap();
		assert_eq!(read_qr(&png, "test.png").unwrap(), text);
		assert!(qr_svg(&text).unwrap().contains("<svg"));
	}
}
