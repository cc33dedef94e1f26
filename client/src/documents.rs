//! Medical documents as they leave a provider's machine: encrypted with a fresh key
//! (XChaCha20-Poly1305), that key wrapped for each reader's X25519 key, and the gatekeeper's
//! signed requests. The gatekeeper stores only the sealed bytes and the wrapped keys; only a
//! reader whose key a wrapping was made for can open a document.
//!
//! - A sealed document is `HNDOC1`, a 24-byte nonce and the ciphertext; its BLAKE2b-256 hash
//!   is the entry's content hash on chain and the gatekeeper's key for it.
//! - A wrapped key is an ephemeral X25519 public key, a 24-byte nonce and the document key
//!   encrypted under a key agreed with the reader's X25519 key, bound to the content hash.
//! - Each account's X25519 key follows from its secret URI ([`encryption_secret`]), so the
//!   `--suri` that signs is also the key that opens; its public half is published on the
//!   gatekeeper, signed by the account.

use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	XChaCha20Poly1305, XNonce,
};
use subxt::utils::{AccountId32, H256};
use x25519_dalek::{PublicKey, StaticSecret};

use crate::Error;

/// The first bytes of a sealed document.
const MAGIC: &[u8] = b"HNDOC1";

/// What the document's ciphertext is bound to, besides its key.
const DOCUMENT_AAD: &[u8] = b"healthnet/document/v1";

/// The context of every request signature to the gatekeeper.
pub const REQUEST_CONTEXT: &[u8] = b"healthnet/gatekeeper/v1";

/// A document sealed for the gatekeeper, and the key that opens it.
pub struct Sealed {
	/// The bytes the gatekeeper stores.
	pub bytes: Vec<u8>,
	/// Their BLAKE2b-256 hash: the content hash on chain.
	pub hash: H256,
	/// The document key, to wrap for each reader.
	pub key: [u8; 32],
}

fn random<const N: usize>() -> [u8; N] {
	let mut bytes = [0u8; N];
	getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
	bytes
}

/// The BLAKE2b-256 hash of `bytes`.
pub fn hash_of(bytes: &[u8]) -> H256 {
	H256(sp_crypto_hashing::blake2_256(bytes))
}

/// Encrypts `plaintext` under a fresh key.
pub fn seal(plaintext: &[u8]) -> Sealed {
	let key: [u8; 32] = random();
	let nonce: [u8; 24] = random();
	let cipher = XChaCha20Poly1305::new(&key.into());
	let ciphertext = cipher
		.encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad: DOCUMENT_AAD })
		.expect("encryption of a document in memory does not fail");
	let mut bytes = MAGIC.to_vec();
	bytes.extend_from_slice(&nonce);
	bytes.extend(ciphertext);
	Sealed { hash: hash_of(&bytes), bytes, key }
}

/// Decrypts a sealed document with its key; fails if a byte was changed.
pub fn open(sealed: &[u8], key: &[u8; 32]) -> Result<Vec<u8>, Error> {
	let rest = sealed
		.strip_prefix(MAGIC)
		.filter(|rest| rest.len() >= 24)
		.ok_or_else(|| Error::BadInput("the document is not a sealed Healthnet document".into()))?;
	let (nonce, ciphertext) = rest.split_at(24);
	XChaCha20Poly1305::new(key.into())
		.decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: DOCUMENT_AAD })
		.map_err(|_| {
			Error::BadInput("the document does not decrypt with its key: it was altered".into())
		})
}

/// The X25519 secret of the account whose secret URI (or key file) is `suri`.
pub fn encryption_secret(suri: &str) -> Result<[u8; 32], Error> {
	use sp_core::Pair;
	let text = crate::keys::secret_text(suri)?;
	let pair = sp_core::sr25519::Pair::from_string(&text, None)
		.map_err(|_| Error::BadKey(format!("{suri} gives no sr25519 key")))?;
	let mut input = b"healthnet/x25519/v1".to_vec();
	input.extend(pair.to_raw_vec());
	Ok(sp_crypto_hashing::blake2_256(&input))
}

/// The public X25519 key of a secret.
pub fn encryption_public(secret: &[u8; 32]) -> [u8; 32] {
	PublicKey::from(&StaticSecret::from(*secret)).to_bytes()
}

fn key_encryption_key(shared: &[u8; 32], ephemeral: &[u8; 32], reader: &[u8; 32]) -> [u8; 32] {
	let mut input = b"healthnet/wrap/v1".to_vec();
	input.extend_from_slice(shared);
	input.extend_from_slice(ephemeral);
	input.extend_from_slice(reader);
	sp_crypto_hashing::blake2_256(&input)
}

/// Wraps the document key of the document `hash` for the reader whose X25519 public key is
/// `reader`.
pub fn wrap(key: &[u8; 32], hash: H256, reader: &[u8; 32]) -> Vec<u8> {
	let ephemeral = StaticSecret::from(random::<32>());
	let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
	let shared = ephemeral.diffie_hellman(&PublicKey::from(*reader)).to_bytes();
	let kek = key_encryption_key(&shared, &ephemeral_public, reader);
	let nonce: [u8; 24] = random();
	let wrapped = XChaCha20Poly1305::new(&kek.into())
		.encrypt(XNonce::from_slice(&nonce), Payload { msg: key, aad: hash.as_bytes() })
		.expect("encryption of a key in memory does not fail");
	[&ephemeral_public[..], &nonce[..], &wrapped[..]].concat()
}

/// Unwraps the document key of the document `hash` with the reader's X25519 secret.
pub fn unwrap(wrapped: &[u8], hash: H256, secret: &[u8; 32]) -> Result<[u8; 32], Error> {
	let refused = || Error::BadInput("the wrapped key is not for this account's key".into());
	if wrapped.len() < 56 {
		return Err(refused());
	}
	let ephemeral: [u8; 32] = wrapped[..32].try_into().expect("32 bytes");
	let secret = StaticSecret::from(*secret);
	let reader = PublicKey::from(&secret).to_bytes();
	let shared = secret.diffie_hellman(&PublicKey::from(ephemeral)).to_bytes();
	let kek = key_encryption_key(&shared, &ephemeral, &reader);
	let key = XChaCha20Poly1305::new(&kek.into())
		.decrypt(
			XNonce::from_slice(&wrapped[32..56]),
			Payload { msg: &wrapped[56..], aad: hash.as_bytes() },
		)
		.map_err(|_| refused())?;
	key.try_into().map_err(|_| refused())
}

/// What an account signs to authenticate a gatekeeper request: the context, the challenge
/// the gatekeeper issued, the method, the path and query, and the hash of the body.
pub fn request_message(challenge: &[u8; 32], method: &str, path: &str, body: &[u8]) -> Vec<u8> {
	let mut message = REQUEST_CONTEXT.to_vec();
	message.extend_from_slice(challenge);
	message.extend_from_slice(method.as_bytes());
	message.push(b' ');
	message.extend_from_slice(path.as_bytes());
	message.extend_from_slice(&sp_crypto_hashing::blake2_256(body));
	message
}

/// What an account signs to publish its X25519 encryption key: a context of its own, the
/// account and the key. A published key comes with this signature, which every client checks
/// before it wraps a document key: a gatekeeper, or anyone between, that hands out a key of
/// its own cannot produce it.
pub fn key_statement(account: &AccountId32, key: &[u8; 32]) -> Vec<u8> {
	let mut message = b"healthnet/encryption-key/v1".to_vec();
	message.extend_from_slice(&account.0);
	message.extend_from_slice(key);
	message
}

/// The bytes an account publishes: its X25519 key and its signature of [`key_statement`].
pub fn signed_key(signer: &subxt_signer::sr25519::Keypair, key: [u8; 32]) -> [u8; 96] {
	let account = signer.public_key().to_account_id();
	let mut bytes = [0u8; 96];
	bytes[..32].copy_from_slice(&key);
	bytes[32..].copy_from_slice(&signer.sign(&key_statement(&account, &key)).0);
	bytes
}

/// The X25519 key in `published`, if it is `account`'s key signed by `account`.
pub fn verified_key(account: &AccountId32, published: &[u8]) -> Option<[u8; 32]> {
	let published: &[u8; 96] = published.try_into().ok()?;
	let key: [u8; 32] = published[..32].try_into().expect("32 bytes");
	let signature: [u8; 64] = published[32..].try_into().expect("64 bytes");
	verify(account, &key_statement(account, &key), &signature).then_some(key)
}

/// The `Authorization` header of a request signed by `signer` over `message`.
pub fn authorization(
	signer: &subxt_signer::sr25519::Keypair,
	challenge: &[u8; 32],
	message: &[u8],
) -> String {
	format!(
		"Healthnet account={},challenge=0x{},signature=0x{}",
		signer.public_key().to_account_id(),
		hex::encode(challenge),
		hex::encode(signer.sign(message).0)
	)
}

/// An `Authorization` header read back: the account, the challenge and the signature.
pub fn parse_authorization(header: &str) -> Option<(AccountId32, [u8; 32], [u8; 64])> {
	let fields = header.strip_prefix("Healthnet ")?;
	let mut account = None;
	let mut challenge = None;
	let mut signature = None;
	for field in fields.split(',') {
		let (name, value) = field.trim().split_once('=')?;
		let bytes = || hex::decode(value.trim_start_matches("0x")).ok();
		match name {
			"account" => account = value.parse::<AccountId32>().ok(),
			"challenge" => challenge = bytes().and_then(|b| b.try_into().ok()),
			"signature" => signature = bytes().and_then(|b| b.try_into().ok()),
			_ => return None,
		}
	}
	Some((account?, challenge?, signature?))
}

/// Whether `signature` is `account`'s sr25519 signature of `message`.
pub fn verify(account: &AccountId32, message: &[u8], signature: &[u8; 64]) -> bool {
	subxt_signer::sr25519::verify(
		&subxt_signer::sr25519::Signature(*signature),
		message,
		&subxt_signer::sr25519::PublicKey(account.0),
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_published_key_verifies_only_for_its_account_and_unaltered() {
		let owner = crate::keys::signer("//Reader").unwrap();
		let other = crate::keys::signer("//Mallory").unwrap();
		let account = owner.public_key().to_account_id();
		let key = encryption_public(&[7; 32]);
		let published = signed_key(&owner, key);
		assert_eq!(verified_key(&account, &published), Some(key));
		// Another key in its place, another signer, a bare key: all refused.
		let mut swapped = published;
		swapped[..32].copy_from_slice(&encryption_public(&[8; 32]));
		assert_eq!(verified_key(&account, &swapped), None);
		assert_eq!(verified_key(&account, &signed_key(&other, key)), None);
		assert_eq!(verified_key(&account, &key), None);
	}

	#[test]
	fn a_sealed_document_opens_only_with_its_key_and_unaltered() {
		let sealed = seal(b"{\"resourceType\":\"Observation\"}");
		assert_eq!(sealed.hash, hash_of(&sealed.bytes));
		assert_eq!(
			open(&sealed.bytes, &sealed.key).unwrap(),
			b"{\"resourceType\":\"Observation\"}"
		);
		let mut altered = sealed.bytes.clone();
		*altered.last_mut().unwrap() ^= 1;
		assert!(open(&altered, &sealed.key).is_err());
		assert!(open(&sealed.bytes, &[0u8; 32]).is_err());
		assert!(!sealed.bytes.windows(11).any(|w| w == b"Observation"));
	}

	#[test]
	fn a_wrapped_key_opens_for_its_reader_only() {
		let sealed = seal(b"document");
		let reader = encryption_secret("//Hospital").unwrap();
		let other = encryption_secret("//Clinic").unwrap();
		assert_ne!(reader, other);
		let wrapped = wrap(&sealed.key, sealed.hash, &encryption_public(&reader));
		assert_eq!(unwrap(&wrapped, sealed.hash, &reader).unwrap(), sealed.key);
		assert!(unwrap(&wrapped, sealed.hash, &other).is_err());
		assert!(unwrap(&wrapped, H256::zero(), &reader).is_err());
	}

	#[test]
	fn a_request_signature_verifies_for_its_account_and_request_only() {
		let signer = crate::keys::signer("//Hospital").unwrap();
		let challenge = [7u8; 32];
		let message = request_message(&challenge, "GET", "/documents/0x01?entry=0", b"");
		let header = authorization(&signer, &challenge, &message);
		let (account, read_challenge, signature) = parse_authorization(&header).unwrap();
		assert_eq!(
			(account.clone(), read_challenge),
			(signer.public_key().to_account_id(), challenge)
		);
		assert!(verify(&account, &message, &signature));
		let other = request_message(&challenge, "GET", "/documents/0x02?entry=0", b"");
		assert!(!verify(&account, &other, &signature));
		assert!(parse_authorization("Bearer x").is_none());
	}
}
