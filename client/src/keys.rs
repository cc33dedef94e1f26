//! Signing keys and account ids as people type them: a secret URI (`//Alice`, a mnemonic
//! phrase, a `0x` seed, with `//hard` and `/soft` derivations), a file holding one, an SS58
//! address or a `0x` public key.

use std::path::Path;

use subxt::utils::AccountId32;
use subxt_signer::{sr25519::Keypair, SecretUri};

use crate::Error;

/// The secret URI `suri` stands for: `suri` itself, or the first line of the file it names.
pub fn secret_text(suri: &str) -> Result<String, Error> {
	// `/x` would otherwise read as a soft derivation of the public development phrase: a
	// mistyped key file path must not sign with a key anybody can compute.
	let looks_like_path = suri.starts_with("./")
		|| suri.starts_with("../")
		|| suri.starts_with('~')
		|| (suri.starts_with('/') && !suri.starts_with("//"));
	if looks_like_path && !Path::new(suri).is_file() {
		return Err(Error::BadKey(format!("there is no key file at {suri}")));
	}
	if Path::new(suri).is_file() {
		let content = std::fs::read_to_string(suri)
			.map_err(|e| Error::BadKey(format!("could not read the key file {suri}: {e}")))?;
		Ok(content.lines().next().unwrap_or_default().trim().to_string())
	} else {
		Ok(suri.to_string())
	}
}

/// The sr25519 key of `suri`: a secret URI, or the path of a file whose first line is one.
pub fn signer(suri: &str) -> Result<Keypair, Error> {
	let text = secret_text(suri)?;
	let source = if text == suri { "the key".to_string() } else { format!("the key file {suri}") };
	let uri: SecretUri = text.parse().map_err(|_| {
		Error::BadKey(format!(
			"{source} is neither a secret URI (like //Alice, a mnemonic phrase or a 0x seed) \
			 nor the path of a file holding one"
		))
	})?;
	Keypair::from_uri(&uri)
		.map_err(|e| Error::BadKey(format!("{source} gives no sr25519 key: {e}")))
}

/// The account id of `text`: an SS58 address, a `0x` 32-byte public key, or a development
/// secret URI such as `//Ferdie//stash` (its public key; only for test networks).
pub fn account(text: &str) -> Result<AccountId32, Error> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex).ok().and_then(|b| <[u8; 32]>::try_from(b).ok());
		return bytes
			.map(AccountId32)
			.ok_or_else(|| Error::BadInput(format!("{text} is not a 32-byte public key in hex")));
	}
	if text.starts_with("//") {
		return Ok(signer(text)?.public_key().to_account_id());
	}
	text.parse().map_err(|_| {
		Error::BadInput(format!(
			"{text} is not an account: give an SS58 address, a 0x public key or a //dev URI"
		))
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_three_spellings_of_an_account_agree() {
		let from_uri = account("//Alice").unwrap();
		let from_address = account(&from_uri.to_string()).unwrap();
		let from_hex = account(&format!("0x{}", hex::encode(from_uri.0))).unwrap();
		assert_eq!(from_uri, from_address);
		assert_eq!(from_uri, from_hex);
		// Alice's well-known address.
		assert_eq!(from_uri.to_string(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
	}

	#[test]
	fn a_key_file_holds_a_secret_uri() {
		let dir = std::env::temp_dir().join(format!("healthnet-key-{}", std::process::id()));
		std::fs::write(&dir, "//Bob\n").unwrap();
		let from_file = signer(dir.to_str().unwrap()).unwrap();
		std::fs::remove_file(&dir).unwrap();
		assert_eq!(from_file.public_key().0, signer("//Bob").unwrap().public_key().0);
	}

	#[test]
	fn nonsense_is_refused_with_a_sentence() {
		let error = signer("not a key at all!").unwrap_err().to_string();
		assert!(error.contains("is neither a secret URI"), "{error}");
		let error = signer("not a real mnemonic").unwrap_err().to_string();
		assert!(error.contains("gives no sr25519 key"), "{error}");
		let error = signer("/no/such/file").unwrap_err().to_string();
		assert_eq!(error, "there is no key file at /no/such/file");
		let error = account("5Gnope").unwrap_err().to_string();
		assert!(error.contains("is not an account"), "{error}");
	}
}
