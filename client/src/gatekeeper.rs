//! Talking to a document gatekeeper (`healthnet-gatekeeper`): every request that changes or
//! releases something is signed by the account over a challenge the gatekeeper issued; a
//! refusal comes back as [`Error::Gatekeeper`] with the gatekeeper's sentence.

use subxt::utils::{AccountId32, H256};
use subxt_signer::sr25519::Keypair;

use crate::{documents, Error};

/// A gatekeeper at a base URL: `https://…` (checked against the system's trusted roots and any
/// certificate authority given), or `http://…` on this machine only.
pub struct Gatekeeper {
	base: String,
	http: reqwest::Client,
}

/// A document as the gatekeeper releases it: the sealed bytes and the key wrapped for the
/// reader.
#[derive(Debug)]
pub struct Released {
	/// The sealed document.
	pub sealed: Vec<u8>,
	/// Its key, wrapped for the reader.
	pub wrapped_key: Vec<u8>,
}

impl Gatekeeper {
	/// The gatekeeper at `base`, trusting the system's certificate authorities.
	pub fn new(base: &str) -> Result<Gatekeeper, Error> {
		Gatekeeper::trusting(base, None)
	}

	/// The gatekeeper at `base`, trusting also the certificate authorities in `ca_pem` (PEM),
	/// such as a ministry's own. Plain `http` is refused for any host but this machine's
	/// loopback: who reads which record is itself health information.
	pub fn trusting(base: &str, ca_pem: Option<&[u8]>) -> Result<Gatekeeper, Error> {
		let base = base.trim_end_matches('/').to_string();
		let url = reqwest::Url::parse(&base)
			.map_err(|e| Error::BadInput(format!("the gatekeeper URL {base} is not a URL: {e}")))?;
		match url.scheme() {
			"https" => {},
			"http" if is_loopback(&url) => {},
			"http" => {
				return Err(Error::BadInput(format!(
					"the gatekeeper at {base} is not on this machine: use https:// (plain http only on loopback)"
				)))
			},
			other => {
				return Err(Error::BadInput(format!(
					"the gatekeeper URL {base} has scheme {other}: use https:// (or http:// on loopback)"
				)))
			},
		}
		let mut builder = reqwest::Client::builder().https_only(url.scheme() == "https");
		if let Some(pem) = ca_pem {
			let authorities = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
				Error::BadInput(format!("the certificate authority file is not PEM: {e}"))
			})?;
			if authorities.is_empty() {
				return Err(Error::BadInput(
					"the certificate authority file holds no certificate".into(),
				));
			}
			for authority in authorities {
				builder = builder.add_root_certificate(authority);
			}
		}
		let http = builder
			.build()
			.map_err(|e| Error::BadInput(format!("could not set up TLS for {base}: {e}")))?;
		Ok(Gatekeeper { base, http })
	}

	/// The address under which this gatekeeper keeps documents: what an organisation
	/// registers as its document base, so that an entry's pointer is this and the hash.
	pub fn document_base(&self) -> String {
		format!("{}/documents", self.base)
	}

	fn unreachable(&self, error: reqwest::Error) -> Error {
		// reqwest's own sentence hides the TLS reason (an unknown issuer, a wrong name) in
		// its source chain.
		let mut reason = error.to_string();
		let mut source = std::error::Error::source(&error);
		while let Some(cause) = source {
			reason = format!("{reason}: {cause}");
			source = cause.source();
		}
		Error::Unreachable { url: self.base.clone(), reason }
	}

	async fn answer(&self, response: reqwest::Response) -> Result<reqwest::Response, Error> {
		if response.status().is_success() {
			return Ok(response);
		}
		let status = response.status().as_u16();
		let message = response.text().await.unwrap_or_default().trim().to_string();
		Err(Error::Gatekeeper { status, message })
	}

	/// A fresh challenge issued to `account`.
	pub async fn challenge(&self, account: &AccountId32) -> Result<[u8; 32], Error> {
		let challenge = self
			.answer(
				self.http
					.post(format!("{}/challenges?account={account}", self.base))
					.send()
					.await
					.map_err(|e| self.unreachable(e))?,
			)
			.await?
			.text()
			.await
			.map_err(|e| self.unreachable(e))?;
		let challenge: [u8; 32] = hex::decode(challenge.trim().trim_start_matches("0x"))
			.ok()
			.and_then(|b| b.try_into().ok())
			.ok_or_else(|| {
				Error::Node(format!("{} gave no challenge; is it a gatekeeper?", self.base))
			})?;
		Ok(challenge)
	}

	/// Sends `method path` with `body`, signed by `signer` over a fresh challenge.
	async fn signed(
		&self,
		signer: &Keypair,
		method: reqwest::Method,
		path: &str,
		body: Vec<u8>,
	) -> Result<reqwest::Response, Error> {
		let challenge = self.challenge(&signer.public_key().to_account_id()).await?;
		let message = documents::request_message(&challenge, method.as_str(), path, &body);
		let request = self
			.http
			.request(method, format!("{}{path}", self.base))
			.header("authorization", documents::authorization(signer, &challenge, &message))
			.body(body);
		self.answer(request.send().await.map_err(|e| self.unreachable(e))?).await
	}

	/// Publishes the X25519 key that opens documents wrapped for `signer`'s account, signed by
	/// the account.
	pub async fn publish_key(&self, signer: &Keypair, key: [u8; 32]) -> Result<(), Error> {
		let path = format!("/keys/{}", signer.public_key().to_account_id());
		let body = documents::signed_key(signer, key).to_vec();
		self.signed(signer, reqwest::Method::PUT, &path, body).await.map(|_| ())
	}

	/// The X25519 key `account` published, if any, once its signature by `account` is checked:
	/// a key the account did not sign (the gatekeeper's own, or one swapped on the way) is
	/// refused, so no document key is ever wrapped to it.
	pub async fn encryption_key(&self, account: &AccountId32) -> Result<Option<[u8; 32]>, Error> {
		let response = self
			.http
			.get(format!("{}/keys/{account}", self.base))
			.send()
			.await
			.map_err(|e| self.unreachable(e))?;
		if response.status() == reqwest::StatusCode::NOT_FOUND {
			return Ok(None);
		}
		let text = self.answer(response).await?.text().await.map_err(|e| self.unreachable(e))?;
		let published = hex::decode(text.trim().trim_start_matches("0x")).unwrap_or_default();
		documents::verified_key(account, &published).map(Some).ok_or_else(|| {
			Error::UnsignedKey(format!(
				"the key {} gave for {account} is not signed by {account}; no document key is wrapped to it",
				self.base
			))
		})
	}

	/// Uploads the sealed document of `record`'s entry `entry`, which names its hash.
	pub async fn upload(
		&self,
		signer: &Keypair,
		record: H256,
		entry: u32,
		sealed: &documents::Sealed,
	) -> Result<(), Error> {
		let path = format!(
			"/documents/{}?record=0x{}&entry={entry}",
			hex::encode(sealed.hash.0),
			hex::encode(record.0)
		);
		self.signed(signer, reqwest::Method::PUT, &path, sealed.bytes.clone()).await.map(|_| ())
	}

	/// Stores the key of document `hash` wrapped for `reader`.
	pub async fn share(
		&self,
		signer: &Keypair,
		hash: H256,
		reader: &AccountId32,
		wrapped: Vec<u8>,
	) -> Result<(), Error> {
		let path = format!("/documents/{}/keys/{reader}", hex::encode(hash.0));
		self.signed(signer, reqwest::Method::PUT, &path, wrapped).await.map(|_| ())
	}

	/// Downloads the document `hash` of `record`'s entry `entry` for `purpose` (`treatment`,
	/// `emergency-treatment`, `public-health`, `research`).
	pub async fn download(
		&self,
		signer: &Keypair,
		record: H256,
		entry: u32,
		hash: H256,
		purpose: &str,
	) -> Result<Released, Error> {
		let path = format!(
			"/documents/{}?record=0x{}&entry={entry}&purpose={purpose}",
			hex::encode(hash.0),
			hex::encode(record.0)
		);
		let response = self.signed(signer, reqwest::Method::GET, &path, Vec::new()).await?;
		self.released(response).await
	}

	/// A released document: its sealed bytes and the reader's wrapped key.
	async fn released(&self, response: reqwest::Response) -> Result<Released, Error> {
		let wrapped_key = response
			.headers()
			.get("x-healthnet-wrapped-key")
			.and_then(|h| h.to_str().ok())
			.and_then(|h| hex::decode(h.trim_start_matches("0x")).ok())
			.ok_or_else(|| Error::Node("the gatekeeper sent no wrapped key".into()))?;
		let sealed = response.bytes().await.map_err(|e| self.unreachable(e))?.to_vec();
		Ok(Released { sealed, wrapped_key })
	}
}

impl Gatekeeper {
	/// Uploads the sealed document that channel `channel`'s document `index` names.
	pub async fn channel_upload(
		&self,
		signer: &Keypair,
		channel: u32,
		index: u32,
		sealed: &documents::Sealed,
	) -> Result<(), Error> {
		let path = format!("/channels/{channel}/documents/{index}");
		self.signed(signer, reqwest::Method::PUT, &path, sealed.bytes.clone()).await.map(|_| ())
	}

	/// Stores the key of channel `channel`'s document `index` wrapped for `reader`.
	pub async fn channel_share(
		&self,
		signer: &Keypair,
		channel: u32,
		index: u32,
		reader: &AccountId32,
		wrapped: Vec<u8>,
	) -> Result<(), Error> {
		let path = format!("/channels/{channel}/documents/{index}/keys/{reader}");
		self.signed(signer, reqwest::Method::PUT, &path, wrapped).await.map(|_| ())
	}

	/// Downloads channel `channel`'s document `index`, once the reader's read is on chain.
	pub async fn channel_download(
		&self,
		signer: &Keypair,
		channel: u32,
		index: u32,
	) -> Result<Released, Error> {
		let path = format!("/channels/{channel}/documents/{index}");
		let response = self.signed(signer, reqwest::Method::GET, &path, Vec::new()).await?;
		self.released(response).await
	}
}

/// Whether `url` names this machine: `localhost` or a loopback address.
fn is_loopback(url: &reqwest::Url) -> bool {
	let Some(host) = url.host_str() else { return false };
	let host = host.trim_start_matches('[').trim_end_matches(']');
	host.eq_ignore_ascii_case("localhost")
		|| host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn plain_http_only_reaches_this_machine() {
		for local in ["http://127.0.0.1:8090", "http://localhost:8090/", "http://[::1]:8090"] {
			assert!(Gatekeeper::new(local).is_ok(), "{local}");
		}
		for remote in
			["http://10.0.0.5:8090", "http://gk.health.example", "http://127.0.0.1.nip.io"]
		{
			let refused = Gatekeeper::new(remote).err().expect(remote).to_string();
			assert!(refused.contains("not on this machine"), "{refused}");
		}
		assert!(Gatekeeper::new("https://gk.health.example").is_ok());
		let refused = Gatekeeper::new("ftp://gk.health.example").err().unwrap().to_string();
		assert!(refused.contains("scheme ftp"), "{refused}");
		let refused = Gatekeeper::new("gk.health.example").err().unwrap().to_string();
		assert!(refused.contains("is not a URL"), "{refused}");
	}

	#[test]
	fn an_authority_file_must_hold_a_certificate() {
		let refused = Gatekeeper::trusting("https://gk.health.example", Some(b"not pem"))
			.err()
			.unwrap()
			.to_string();
		assert!(
			refused.contains("holds no certificate") || refused.contains("not PEM"),
			"{refused}"
		);
	}
}
