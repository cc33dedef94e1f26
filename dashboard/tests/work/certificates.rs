//! Certificates issued and updated in the browser by the laboratory's certificate officer: the
//! issuer key file opened in the page signs the certificate (the browser's own Ed25519), the
//! test wallet signs the transaction; both are checked on the chain, the new version verifies
//! and supersedes the first, and its printed card verifies with `healthnet cert verify`.
//! Refused with a sentence, with nothing sent: an organisation that may not issue, a key file
//! not on the trust list, a certificate signed by another key, a transaction sent before the
//! certificate is signed, and a new version of a version that is no longer current.

use anyhow::{ensure, Context, Result};
use healthnet_client::{certificates, demo, keys, portable, Client};
use healthnet_e2e::fantoccini::Locator;
use serde_json::{json, Value};

use super::{finished, http_session, sign_in, sign_out};
use crate::harness::{request, signing_bytes, Chromium, Dashboard, TestWallet};

/// Fills the open page's form `form` (issue or update) with the key file `key` and `fields`
/// (id suffix, value), and sends it.
async fn send_form(
	chrome: &Chromium,
	form: &str,
	key: &str,
	fields: &[(&str, &str)],
) -> Result<()> {
	chrome.browser.find(Locator::Id(&format!("{form}-key"))).await?.send_keys(key).await?;
	for (field, value) in fields {
		chrome
			.browser
			.execute(
				"document.getElementById(arguments[0]).value = arguments[1]; return true",
				vec![json!(format!("{form}-{field}")), json!(value)],
			)
			.await?;
	}
	let button = format!("#{form}-form button[type=submit]");
	chrome.browser.find(Locator::Css(&button)).await?.click().await?;
	Ok(())
}

/// The certificate the page shows as issued, once the count of finished writes is `count`.
async fn issued(chrome: &Chromium, count: usize) -> Result<String> {
	let done = finished(chrome, count).await?;
	ensure!(done.last().is_some_and(|d| d.contains("final in block")), "{done:?}");
	let text = chrome.js("return document.getElementById('issued-text').value").await?;
	let text = text.as_str().context("the issued certificate's text")?.to_string();
	ensure!(text.starts_with(portable::PREFIX), "the page shows {text:?}");
	Ok(text)
}

pub async fn issued_in_the_browser(
	chrome: &Chromium,
	dashboard: &Dashboard,
	client: &Client,
	url: &str,
) -> Result<()> {
	let base = &dashboard.base;
	let key_file = chrome.shots.join("laboratory-issuer.key");
	std::fs::write(&key_file, hex::encode(demo::issuer_key().to_bytes()))?;
	let key_path = key_file.to_str().context("a key path")?;
	let lab = TestWallet::start("//Charlie//stash").await?;
	sign_in(chrome, base, &lab).await?;

	// A new certificate: a negative test for a made-up person.
	chrome.open(&format!("{base}/certificates/issue")).await?;
	chrome.js(&lab.injection()).await?;
	let keys_shown = chrome.text("#issuer-keys").await?;
	let registered = hex::encode(portable::signing_key_id(&demo::issuer_key()));
	ensure!(keys_shown.contains(&registered), "the page lists {keys_shown}");
	let fields = [
		("kind", "test-result"),
		("name", "Ravi Example"),
		("birth-date", "1984-03-09"),
		("disease", "RA01"),
		("result", "negative"),
		("valid-days", "3"),
	];
	send_form(chrome, "issue", key_path, &fields).await?;
	let first = issued(chrome, 1).await?;
	let verified = certificates::verify_online(client, &first, None).await?;
	ensure!(verified.valid, "the issued certificate does not verify: {:?}", verified.verdict);
	let claims = &verified.claims;
	ensure!(claims.holder.name == "Ravi Example" && claims.version == 1, "{claims:?}");
	let view = client.certificate(&claims.id).await?.context("the certificate is on chain")?;
	ensure!(view.certificate.issuer == demo::LABORATORY, "issued by {}", view.certificate.issuer);
	let qr = chrome.attr("#issued-qr", "src").await?;
	ensure!(qr.starts_with("data:image/svg+xml;base64,"), "the QR code is {qr:.40}");
	chrome.screenshot("certificate-issued").await?;

	// Its next version: positive, from the text the page gave.
	chrome.open(&format!("{base}/certificates/issue")).await?;
	chrome.js(&lab.injection()).await?;
	let fields = [("certificate", first.as_str()), ("disease", "RA01"), ("result", "positive")];
	send_form(chrome, "update", key_path, &fields).await?;
	let second = issued(chrome, 1).await?;
	let verified = certificates::verify_online(client, &second, None).await?;
	ensure!(verified.valid && verified.claims.version == 2, "{:?}", verified.verdict);
	ensure!(verified.claims.holder.name == "Ravi Example", "the holder stays");
	let old = certificates::verify_online(client, &first, None).await?;
	ensure!(!old.valid, "version 1 still verifies after version 2");
	chrome.no_console_errors("certificates issued").await?;
	super::printed_card(chrome, url, &second, "#issued input[name=text]").await?;

	// A key file not on the trust list is refused before anything is prepared.
	chrome.open(&format!("{base}/certificates/issue")).await?;
	chrome.js(&lab.injection()).await?;
	let stranger = chrome.shots.join("stranger.key");
	std::fs::write(&stranger, hex::encode([7u8; 32]))?;
	let fields = [
		("kind", "infectivity"),
		("name", "Ravi Example"),
		("birth-date", "1984-03-09"),
		("percent", "5"),
	];
	send_form(chrome, "issue", stranger.to_str().context("a path")?, &fields).await?;
	chrome
		.until("the refusal", "return document.querySelector('#write-status li.failed') !== null")
		.await?;
	let said = chrome.text("#write-status li.failed").await?;
	ensure!(said.contains("is not on the chain's trust list"), "{said}");
	chrome.console().await?;
	sign_out(chrome).await?;

	refusals(dashboard.port, client, &first).await
}

/// What a member cannot do through the issuing routes, told in sentences, with nothing sent.
async fn refusals(port: u16, client: &Client, first: &str) -> Result<()> {
	let public = hex::encode(demo::issuer_key().verifying_key().to_bytes());
	let draft = |csrf: &str, public: &str| {
		json!({ "csrf": csrf, "publicKey": public, "kind": "infectivity", "name": "Ravi Example",
			"birthDate": "1984-03-09", "percent": 5, "validDays": 2 })
		.to_string()
	};

	// The clinic's organisation may not issue certificates.
	let (cookie, csrf) = http_session(port, "//Alice//stash").await?;
	let headers = [("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
	let (status, _, body) =
		request(port, "POST", "/certificates/issue", &headers, &draft(&csrf, &public)).await?;
	ensure!(status == 403 && body.contains("issue-certificates capability"), "{status} {body}");

	let (cookie, csrf) = http_session(port, "//Charlie//stash").await?;
	let headers = [("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
	let wallet = keys::signer("//Charlie//stash")?;
	let prepare = async |body: String| -> Result<(String, Value, Vec<u8>)> {
		let (status, _, answer) =
			request(port, "POST", "/certificates/issue", &headers, &body).await?;
		ensure!(status == 200, "{status} {answer}");
		let answer: Value = serde_json::from_str(&answer)?;
		let write = &answer["writes"][0];
		let id = write["id"].as_str().context("an id")?.to_string();
		let to_sign = hex::decode(answer["toSign"].as_str().context("what the key signs")?)?;
		Ok((id, write["payload"].clone(), to_sign))
	};
	let send = async |id: &str, payload: &Value| -> Result<(u16, String)> {
		let signature = format!("0x01{}", hex::encode(wallet.sign(&signing_bytes(payload)?).0));
		let answer = json!({ "csrf": csrf, "signature": signature }).to_string();
		let (status, _, body) =
			request(port, "POST", &format!("/writes/{id}"), &headers, &answer).await?;
		Ok((status, body))
	};
	// The transaction is not sent before the certificate is signed with the issuer's key.
	let (id, payload, _) = prepare(draft(&csrf, &public)).await?;
	let (status, body) = send(&id, &payload).await?;
	ensure!(
		status == 409 && body.contains("not signed with the issuer's key yet"),
		"{status} {body}"
	);

	// A certificate signed by another key than the one named is refused and forgotten.
	use ed25519_dalek::Signer;
	let (id, payload, to_sign) = prepare(draft(&csrf, &public)).await?;
	let other = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
	let forged = json!({ "csrf": csrf, "signature": hex::encode(other.sign(&to_sign).to_bytes()) });
	let path = format!("/certificates/seal/{id}");
	let (status, _, body) = request(port, "POST", &path, &headers, &forged.to_string()).await?;
	ensure!(status == 403 && body.contains("not the registered key's"), "{status} {body}");
	let (status, body) = send(&id, &payload).await?;
	ensure!(status == 409 && body.contains("no such transaction"), "{status} {body}");

	// A sealed certificate cannot be sealed again, nor its key's signature be reused.
	let (id, _, to_sign) = prepare(draft(&csrf, &public)).await?;
	let signed = json!({ "csrf": csrf, "signature": hex::encode(demo::issuer_key().sign(&to_sign).to_bytes()) });
	let path = format!("/certificates/seal/{id}");
	let (status, _, body) = request(port, "POST", &path, &headers, &signed.to_string()).await?;
	ensure!(status == 200, "{status} {body}");
	let (status, _, body) = request(port, "POST", &path, &headers, &signed.to_string()).await?;
	ensure!(status == 403 && body.contains("already signed"), "{status} {body}");

	// A new version of version 1, now that version 2 is current.
	let update = json!({ "csrf": csrf, "publicKey": public, "certificate": first,
		"disease": "RA01", "result": "inconclusive", "validDays": 2 });
	let (status, _, body) =
		request(port, "POST", "/certificates/issue", &headers, &update.to_string()).await?;
	ensure!(
		status == 422 && body.contains("the chain's current one is version 2"),
		"{status} {body}"
	);
	let view = client.certificate(&portable::open(first)?.claims.id).await?.context("on chain")?;
	ensure!(view.certificate.version == 2, "the chain holds version {}", view.certificate.version);
	Ok(())
}
