//! The daily work in the browser, signed by a wallet the page reaches through the standard
//! interface: a clinic fills its form for several diseases (refused first with a sentence for
//! counts that cannot be right, and nothing typed lost on a reload), amends one, and a
//! district officer approves one report and rejects another with a reason; each transaction
//! followed to finality on the page and read back from the chain. Refused with a sentence: a
//! role without the right, a facility at the reviewer's page, a signature by another key, a
//! write without the session's token.

use anyhow::{ensure, Context, Result};
use healthnet_client::{
	keys, offline::form::sign_form, period, registry, supply, surveillance, Client,
};
use healthnet_e2e::fantoccini::Locator;
use healthnet_primitives::surveillance::{Counts, ReportStatus};
use serde_json::{json, Value};
use subxt::utils::H256;

use crate::harness::{request, signing_bytes, Chromium, Dashboard, TestWallet, PATIENCE};

pub mod certificates;

/// The clinic: Jayanagar Health Centre, organisation 5.
const CLINIC: u32 = 5;

/// Signs `wallet`'s account in through the sign-in page.
async fn sign_in(chrome: &Chromium, base: &str, wallet: &TestWallet) -> Result<()> {
	chrome.open(&format!("{base}/sign-in")).await?;
	chrome.js(&wallet.injection()).await?;
	let Ok(find) = chrome.browser.find(Locator::Css("#find-accounts")).await else {
		let page = chrome.text("main").await.unwrap_or_default();
		anyhow::bail!("the sign-in page has no way to find accounts: {page}");
	};
	find.click().await?;
	let account = Locator::Css("button.account");
	chrome.browser.wait().at_most(PATIENCE).for_element(account).await?.click().await?;
	let session = "return document.querySelector('#account .who') !== null";
	if let Err(error) = chrome.until("the session", session).await {
		let said = chrome.text("#sign-in-status").await.unwrap_or_default();
		anyhow::bail!("{error}: the sign-in page says {said}");
	}
	Ok(())
}

/// Signs out with the header's button, and waits until the dashboard has ended the session.
async fn sign_out(chrome: &Chromium) -> Result<()> {
	chrome.browser.find(Locator::Css("#account button")).await?.click().await?;
	let signed_out = "return document.querySelector('#account a[href=\"/sign-in\"]') !== null";
	chrome.until("the session ended", signed_out).await
}

/// Opens `url` until it shows `css`: a page reads at the finalized head the dashboard last
/// saw, which may be a block behind a transaction the test just saw final.
async fn open_until(chrome: &Chromium, url: &str, css: &str) -> Result<()> {
	let deadline = std::time::Instant::now() + PATIENCE;
	loop {
		chrome.open(url).await?;
		let shown = chrome
			.browser
			.execute("return document.querySelector(arguments[0]) !== null", vec![json!(css)])
			.await?;
		if shown == json!(true) {
			return Ok(());
		}
		ensure!(std::time::Instant::now() < deadline, "{url} never showed {css}");
		tokio::time::sleep(std::time::Duration::from_millis(500)).await;
	}
}

/// Types `text` into the field `id` with the keyboard, replacing what it held.
async fn type_into(chrome: &Chromium, id: &str, text: &str) -> Result<()> {
	let field = chrome.browser.find(Locator::Id(id)).await?;
	field.clear().await?;
	field.send_keys(text).await?;
	// `clear` sends no input event; the typing does, and the draft keeps it.
	Ok(())
}

/// Waits until the page lists `count` finished writes, and fails on a refused one.
async fn finished(chrome: &Chromium, count: usize) -> Result<Vec<String>> {
	let deadline = std::time::Instant::now() + PATIENCE * 2;
	loop {
		let failed = chrome.js("const e = document.querySelector('#write-status li.failed'); return e ? e.textContent : null").await?;
		ensure!(failed.is_null(), "a write failed: {failed}");
		let done = chrome
			.js("return Array.from(document.querySelectorAll('#write-status li.done')).map(e => e.textContent)")
			.await?;
		let done: Vec<String> = serde_json::from_value(done)?;
		if done.len() >= count {
			return Ok(done);
		}
		ensure!(std::time::Instant::now() < deadline, "the page never finished: {done:?}");
		tokio::time::sleep(std::time::Duration::from_millis(500)).await;
	}
}

/// A session opened over HTTP for `suri`: its cookie and its token.
async fn http_session(port: u16, suri: &str) -> Result<(String, String)> {
	let json_type = [("Content-Type", "application/json")];
	let key = keys::signer(suri)?;
	let address = key.public_key().to_account_id().to_string();
	let asked = json!({ "account": address }).to_string();
	let (_, _, body) = request(port, "POST", "/sign-in/challenge", &json_type, &asked).await?;
	let body: Value = serde_json::from_str(&body)?;
	let message = body["message"].as_str().context("a challenge")?;
	let signature = hex::encode(key.sign(format!("<Bytes>{message}</Bytes>").as_bytes()).0);
	let answer = json!({ "account": address, "nonce": body["nonce"], "signature": signature });
	let (status, head, body) =
		request(port, "POST", "/sign-in", &json_type, &answer.to_string()).await?;
	ensure!(status == 200, "{suri} could not sign in: {body}");
	let cookie = head
		.lines()
		.find(|l| l.to_lowercase().starts_with("set-cookie:"))
		.and_then(|l| l.split_once(':'))
		.and_then(|(_, v)| v.split(';').next())
		.context("a session cookie")?
		.trim()
		.to_string();
	let (_, _, page) = request(port, "GET", "/network", &[("Cookie", &cookie)], "").await?;
	let csrf = page
		.split("name=\"csrf\" value=\"")
		.nth(1)
		.and_then(|rest| rest.split('"').next())
		.context("the session's token")?
		.to_string();
	Ok((cookie, csrf))
}

/// The latest counts and status of the clinic's report of `disease` for `day`.
async fn report(client: &Client, disease: &str, day: u32) -> Result<(u32, Counts, ReportStatus)> {
	let history =
		client.report_history(CLINIC, disease, day).await?.context("the report is on chain")?;
	let latest = history.versions.last().context("a version")?;
	Ok((history.report.version, latest.counts, history.report.status))
}

pub async fn daily_work(
	chrome: &Chromium,
	dashboard: &mut Dashboard,
	client: &Client,
) -> Result<()> {
	let base = &dashboard.base.clone();
	// A day no one else in the test reports.
	let day = period::today() - 40;
	let date = period::date(day);
	let clinic = TestWallet::start("//Alice//stash").await?;
	sign_in(chrome, base, &clinic).await?;

	// The form: every disease, none reported yet, the previous day's counts beside each field.
	chrome.open(&format!("{base}/report?period={date}")).await?;
	let states: Vec<String> = serde_json::from_value(chrome.js("return Array.from(document.querySelectorAll('fieldset.disease .state')).map(e => e.textContent)").await?)?;
	ensure!(states.len() >= 2 && states.iter().all(|s| s == "Not reported yet."), "{states:?}");
	ensure!(chrome.text("#RA01-confirmed-before").await? == "previous: none", "previous");
	// A clerk's phone: the form fits its width, every field labelled.
	let (width, height) = chrome.browser.get_window_size().await?;
	chrome.browser.set_window_size(390, 844).await?;
	let fits =
		chrome.js("return document.documentElement.scrollWidth <= window.innerWidth").await?;
	chrome.screenshot("report-form-phone").await?;
	chrome.browser.set_window_size(width as u32, height as u32).await?;
	ensure!(fits == json!(true), "the form is wider than a phone's screen");
	let unlabelled = chrome.js("return Array.from(document.querySelectorAll('#report-form input')).filter(i => i.labels.length === 0).length").await?;
	ensure!(unlabelled == json!(0), "{unlabelled} fields have no label");
	for (id, value) in [
		("RA01-suspected", "3"),
		("RA01-confirmed", "7"),
		("RA01-deaths", "12"),
		("RA01-tests_performed", "12"),
		("RA01-tests_positive", "7"),
		("1A00-suspected", "4"),
		("1A00-confirmed", "1"),
	] {
		type_into(chrome, id, value).await?;
	}
	// Closing the tab loses nothing: the page comes back with what was typed.
	chrome.open(&format!("{base}/report?period={date}")).await?;
	let kept = chrome.js("return document.getElementById('RA01-deaths').value").await?;
	ensure!(kept == json!("12"), "the draft was lost: {kept}");
	chrome.js(&clinic.injection()).await?;
	chrome.browser.find(Locator::Css("#report-form button[type=submit]")).await?.click().await?;
	chrome
		.until("the form's refusal", "return document.querySelector('#form-errors p') !== null")
		.await?;
	let refusal = chrome.text("#form-errors").await?;
	ensure!(
		refusal.contains("COVID-19: 12 deaths is more than the 10 cases (suspected and confirmed)"),
		"{refusal}"
	);
	ensure!(chrome.attr("#RA01-deaths", "aria-invalid").await? == "true", "the field is marked");
	ensure!(client.report_history(CLINIC, "RA01", day).await?.is_none(), "nothing was sent");
	type_into(chrome, "RA01-deaths", "1").await?;
	chrome.browser.find(Locator::Css("#report-form button[type=submit]")).await?.click().await?;
	let done = finished(chrome, 1).await?;
	ensure!(
		done[0].starts_with("Report COVID-19, Cholera for") && done[0].contains("final in block"),
		"{done:?}"
	);
	let (version, counts, status) = report(client, "RA01", day).await?;
	ensure!(version == 1 && matches!(status, ReportStatus::Pending), "{version} {status:?}");
	ensure!(
		(counts.suspected, counts.confirmed, counts.deaths, counts.tests_positive) == (3, 7, 1, 7),
		"{counts:?}"
	);
	ensure!(report(client, "1A00", day).await?.1.suspected == 4, "cholera's counts");
	chrome.screenshot("report-form-final").await?;

	// An amendment: the form shows the facility's version, and a change is sent as one.
	chrome.open(&format!("{base}/report?period={date}")).await?;
	let state = chrome.text("fieldset[data-disease=RA01] .state").await?;
	ensure!(state.starts_with("Reported (version 1, pending)"), "{state}");
	chrome.js(&clinic.injection()).await?;
	type_into(chrome, "RA01-confirmed", "8").await?;
	chrome.browser.find(Locator::Css("#report-form button[type=submit]")).await?.click().await?;
	let done = finished(chrome, 1).await?;
	ensure!(done[0].starts_with("Amend COVID-19 for"), "{done:?}");
	let (version, counts, _) = report(client, "RA01", day).await?;
	ensure!(version == 2 && counts.confirmed == 8, "the amendment: {version} {counts:?}");

	// The connection is lost: the form still signs (the wallet signs it offline, in the offline
	// form format) and waits in a queue the page shows; when the connection is back, the page
	// relays it and follows it to finality.
	let offline = day - 1;
	let offline_date = period::date(offline);
	chrome.open(&format!("{base}/report?period={offline_date}")).await?;
	chrome
		.until("the service worker", "return navigator.serviceWorker.controller !== null")
		.await?;
	let kept = chrome.js("return caches.match('/report').then(r => r !== undefined)").await?;
	ensure!(kept == json!(true), "the service worker keeps the form");
	// The dashboard stops (a crash, a restart: the session ends with it): the form opens from
	// the service worker's copy, signs, and waits in the queue; the dashboard comes back, and
	// the form waits on until its member signs in again.
	dashboard.stop().await?;
	chrome.open(&format!("{base}/report?period={offline_date}")).await?;
	let shown = chrome.js("return document.getElementById('report-form') !== null").await?;
	ensure!(shown == json!(true), "offline, the form page did not open from the kept copy");
	chrome.js(&clinic.injection()).await?;
	type_into(chrome, "RA01-confirmed", "4").await?;
	type_into(chrome, "1F40-confirmed", "2").await?;
	chrome.browser.find(Locator::Css("#report-form button[type=submit]")).await?.click().await?;
	chrome
		.until("the queue", "return document.querySelector('#queue:not([hidden]) li') !== null")
		.await?;
	let queued = chrome.text("#queue li").await?;
	ensure!(queued == format!("COVID-19, Malaria (P. falciparum) for {offline_date}"), "{queued}");
	ensure!(client.report_history(CLINIC, "RA01", offline).await?.is_none(), "sent while cut");
	chrome.screenshot("report-form-queued").await?;
	let queue_key = "Object.keys(localStorage).find(k => k.startsWith('healthnet-queue:'))";
	let signed = chrome.js(&format!("return localStorage.getItem({queue_key})")).await?;
	dashboard.start_again().await?;
	let waits = "const e = document.querySelector('#write-status li.waiting'); return e ? e.textContent : null";
	let waiting = "return document.querySelector('#write-status li.waiting') !== null";
	chrome.until("why the queue waits", waiting).await?;
	let said = chrome.js(waits).await?;
	ensure!(said.as_str().is_some_and(|s| s.contains("sign in again")), "{said}");
	ensure!(chrome.text("#queue li").await? == queued, "the form left the queue");
	sign_in(chrome, base, &clinic).await?;
	chrome.open(&format!("{base}/report?period={offline_date}")).await?;
	chrome.js(&clinic.injection()).await?;
	let done = finished(chrome, 1).await?;
	ensure!(done[0].starts_with("Relay the form signed offline: COVID-19, Malaria"), "{done:?}");
	let (version, counts, _) = report(client, "RA01", offline).await?;
	ensure!(version == 1 && counts.confirmed == 4, "the relayed form: {version} {counts:?}");
	ensure!(report(client, "1F40", offline).await?.1.confirmed == 2, "malaria's counts");
	chrome.until("the queue emptied", "return document.getElementById('queue').hidden").await?;
	// The same form again, as after a relay whose answer was lost: the dashboard finds it on
	// the chain, and the page drops it as done instead of sending it twice.
	let requeue = format!("localStorage.setItem({queue_key}, arguments[0]); return true");
	chrome.browser.execute(&requeue, vec![signed]).await?;
	chrome.open(&format!("{base}/report?period={offline_date}")).await?;
	chrome.js(&clinic.injection()).await?;
	let done = finished(chrome, 1).await?;
	ensure!(done[0].ends_with("on the chain already."), "{done:?}");
	ensure!(report(client, "RA01", offline).await?.0 == 1, "the form was sent twice");
	chrome.until("the queue emptied", "return document.getElementById('queue').hidden").await?;
	chrome.console().await?;

	// A form the chain refuses (signed for another chain) does not hold back the queue: it
	// moves aside with its reason, and the next one is relayed.
	let third = day - 2;
	let key = keys::signer("//Alice//stash")?;
	let until = (period::now_millis()) + 86_400_000;
	let entries = || {
		vec![surveillance::FormEntry {
			disease: "RA01".into(),
			counts: surveillance::counts(0, 2, 0, 0, 0, 2, 2),
			variants: vec![],
		}]
	};
	let genesis = client.subxt().genesis_hash();
	let foreign = sign_form(&key, H256::zero(), CLINIC, third, entries(), until).to_json();
	let good = sign_form(&key, genesis, CLINIC, third, entries(), until).to_json();
	let page = format!("{base}/report?period={}", period::date(third));
	chrome.open(&page).await?;
	let queue = format!("healthnet-queue:{genesis:?}:{}", clinic.address);
	chrome
		.browser
		.execute(
			"localStorage.setItem(arguments[0], JSON.stringify([JSON.parse(arguments[1]), JSON.parse(arguments[2])])); return true",
			vec![json!(queue), json!(foreign), json!(good)],
		)
		.await?;
	chrome.open(&page).await?;
	chrome.js(&clinic.injection()).await?;
	let deadline = std::time::Instant::now() + PATIENCE * 2;
	while client.report_history(CLINIC, "RA01", third).await?.is_none() {
		ensure!(std::time::Instant::now() < deadline, "the good form waits behind the refused one");
		tokio::time::sleep(std::time::Duration::from_millis(500)).await;
	}
	chrome
		.until(
			"the refused form set aside",
			"return document.querySelector('#queue li.failed button') !== null",
		)
		.await?;
	let aside = chrome.text("#queue li.failed").await?;
	ensure!(aside.contains("signed for another chain"), "{aside}");
	chrome.browser.find(Locator::Css("#queue li.failed button")).await?.click().await?;
	chrome.until("the queue emptied", "return document.getElementById('queue').hidden").await?;
	chrome.console().await?;

	// A facility is no reviewer: the queue says why.
	chrome.open(&format!("{base}/review?period={date}")).await?;
	let said = chrome.text("#content .notice.error").await?;
	ensure!(said.contains("Jayanagar Health Centre is not the authority of a region"), "{said}");
	chrome.console().await?;

	// A signature by another key, and a write without the token: refused, nothing sent.
	let port = dashboard.port;
	let (cookie, csrf) = http_session(port, "//Alice//stash").await?;
	let headers = [("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
	let form = json!({ "csrf": csrf, "period": day, "entries": [
		{ "disease": "1F03", "counts": { "suspected": 2, "confirmed": 0, "deaths": 0, "recovered": 0,
		  "hospitalised": 0, "tests_performed": 0, "tests_positive": 0 } }] });
	let (status, _, body) = request(port, "POST", "/report", &headers, &form.to_string()).await?;
	ensure!(status == 200, "{status} {body}");
	let prepared: Value = serde_json::from_str(&body)?;
	let write = &prepared["writes"][0];
	let path = format!("/writes/{}", write["id"].as_str().context("an id")?);
	let bytes = signing_bytes(&write["payload"])?;
	let forged = format!("0x01{}", hex::encode(keys::signer("//Eve")?.sign(&bytes).0));
	let answer = json!({ "csrf": "", "signature": forged }).to_string();
	let (status, _, body) = request(port, "POST", &path, &headers, &answer).await?;
	ensure!(status == 403 && body.contains("its token is missing or wrong"), "{status} {body}");
	let answer = json!({ "csrf": csrf, "signature": forged }).to_string();
	let (status, _, body) = request(port, "POST", &path, &headers, &answer).await?;
	ensure!(
		status == 403 && body.contains("is not") && body.contains("over this transaction"),
		"{status} {body}"
	);
	ensure!(client.report_history(CLINIC, "1F03", day).await?.is_none(), "nothing was sent");

	// A member whose role does not allow it: a stock-keeper of the clinic cannot report.
	let admin = keys::signer("//Alice//stash")?;
	let keeper = keys::signer("//Ferdie//stash")?;
	let roles = registry::roles(&["stock-keeper".into()])?;
	let invite = registry::invite_member(keeper.public_key().to_account_id(), roles);
	client.submit(&invite, &admin, |_| {}).await?;
	client.submit(&registry::accept_membership(CLINIC), &keeper, |_| {}).await?;
	let (cookie, csrf) = http_session(port, "//Ferdie//stash").await?;
	let headers = [("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
	let form = json!({ "csrf": csrf, "period": day, "entries": [] });
	let (status, _, body) = request(port, "POST", "/report", &headers, &form.to_string()).await?;
	ensure!(
		status == 403
			&& body.contains(
				"Your roles at Jayanagar Health Centre (stock-keeper) do not include reporter"
			),
		"{status} {body}"
	);

	writes_are_bounded_per_account(port, day).await?;
	an_approval_holds_only_for_the_version_shown(port, client, day - 3).await?;

	// The district officer reviews: approves COVID-19, rejects cholera with a reason.
	sign_out(chrome).await?;
	// A sign-in request is used once a second per account, and Karnataka's just signed in.
	tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
	let officer = TestWallet::start("//Dave").await?;
	sign_in(chrome, base, &officer).await?;
	let row = |disease: &str| {
		format!("#review-queue tr[data-org=\"{CLINIC}\"][data-disease=\"{disease}\"]")
	};
	open_until(chrome, &format!("{base}/review?period={date}"), &row("1A00")).await?;
	chrome.js(&officer.injection()).await?;
	chrome.text(&row("RA01")).await.context("COVID-19 awaits review")?;
	chrome
		.browser
		.find(Locator::Css(&format!("{} button[data-decision=approve]", row("RA01"))))
		.await?
		.click()
		.await?;
	finished(chrome, 1).await?;
	let reason = "document.querySelector(arguments[0]).value = 'implausible-counts'; return true";
	chrome.browser.execute(reason, vec![json!(format!("{} select", row("1A00")))]).await?;
	chrome
		.browser
		.find(Locator::Css(&format!("{} button[data-decision=reject]", row("1A00"))))
		.await?
		.click()
		.await?;
	finished(chrome, 2).await?;
	ensure!(matches!(report(client, "RA01", day).await?.2, ReportStatus::Approved), "approved");
	let rejected = report(client, "1A00", day).await?.2;
	ensure!(format!("{rejected:?}") == "Rejected(ImplausibleCounts)", "{rejected:?}");
	chrome.screenshot("review-queue").await?;
	chrome.no_console_errors("review").await?;

	// The officer publishes guidance to the state's facilities: the document is hashed by the
	// dashboard and stays where its address says.
	let document = chrome.shots.join("guidance-cholera.txt");
	std::fs::write(&document, "Boil drinking water; report every suspected case within 24 hours.")?;
	chrome.open(&format!("{base}/guidance")).await?;
	chrome.js(&officer.injection()).await?;
	chrome.js("document.querySelector('details.publish').open = true; return true").await?;
	chrome
		.browser
		.find(Locator::Id("g-document"))
		.await?
		.send_keys(&document.display().to_string())
		.await?;
	type_into(chrome, "g-uri", "https://health.ka.example/guidance/cholera.txt").await?;
	type_into(chrome, "g-region", "IN-KA").await?;
	type_into(chrome, "g-disease", "1A00").await?;
	chrome
		.browser
		.find(Locator::Css("#publish-guidance button[type=submit]"))
		.await?
		.click()
		.await?;
	let done = finished(chrome, 1).await?;
	ensure!(done[0].starts_with("Publish guidance to IN-KA"), "{done:?}");
	// The page follows the finalized head: the guidance appears with the document's hash.
	let expected = hex::encode(sp_crypto_hashing::blake2_256(&std::fs::read(&document)?));
	chrome.open(&format!("{base}/guidance")).await?;
	let find = format!(
		"const hash = Array.from(document.querySelectorAll('article.guidance code.hash'))\
		 .find(e => e.textContent === '0x{expected}'); return hash ? hash.closest('article').dataset.guidance : null"
	);
	let deadline = std::time::Instant::now() + PATIENCE;
	let guidance: u32 = loop {
		if let Some(id) = chrome.js(&find).await?.as_str() {
			break id.parse()?;
		}
		ensure!(std::time::Instant::now() < deadline, "the guidance never showed with its hash");
		tokio::time::sleep(std::time::Duration::from_millis(500)).await;
	};
	ensure!(client.unacknowledged_guidance(guidance).await?.contains(&6), "Whitefield addressed");
	sign_out(chrome).await?;

	// The clinic's pharmacist (a stock-keeper, nothing else) accepts a shipment of test kits
	// with two damaged, then records the tests used.
	let maker = keys::signer("//Dave//stash")?;
	let kits = client
		.stock(8)
		.await?
		.into_iter()
		.find(|holding| holding.figures.available >= 10)
		.context("the manufacturer holds a lot to ship")?
		.lot;
	let before = held(client, kits).await?;
	client.submit(&supply::ship(CLINIC, vec![(kits, 10)], None), &maker, |_| {}).await?;
	let pharmacist = TestWallet::start("//Ferdie//stash").await?;
	sign_in(chrome, base, &pharmacist).await?;
	let shipment = "#shipments section.shipment";
	let row = format!("{shipment} tr[data-lot=\"{kits}\"]");
	open_until(chrome, &format!("{base}/stock"), &row).await?;
	chrome.js(&pharmacist.injection()).await?;
	type_into(chrome, &chrome.attr(&format!("{row} input.short"), "id").await?, "2").await?;
	let select = "document.querySelector(arguments[0]).value = 'damaged'; return true";
	chrome.browser.execute(select, vec![json!(format!("{row} select"))]).await?;
	chrome
		.browser
		.find(Locator::Css(&format!("{shipment} button[data-action=accept]")))
		.await?
		.click()
		.await?;
	let done = finished(chrome, 1).await?;
	ensure!(done[0].contains(", 2 units short") && done[0].contains("final in block"), "{done:?}");
	ensure!(held(client, kits).await? == before + 8, "8 kits arrived");
	chrome.open(&format!("{base}/stock")).await?;
	chrome.js(&pharmacist.injection()).await?;
	let row = format!("#stock tr[data-lot=\"{kits}\"]");
	type_into(chrome, &format!("n-{kits}"), "3").await?;
	chrome
		.js(&format!("document.getElementById('use-{kits}').value = 'tests-used'; return true"))
		.await?;
	chrome
		.browser
		.find(Locator::Css(&format!("{row} button[data-action=use]")))
		.await?
		.click()
		.await?;
	let done = finished(chrome, 1).await?;
	ensure!(done[0].starts_with("Tests used: 3 of lot"), "{done:?}");
	ensure!(held(client, kits).await? == before + 5, "3 kits used");
	chrome.screenshot("stock").await?;
	chrome.no_console_errors("stock").await?;
	sign_out(chrome).await?;

	// The Whitefield clinic acknowledges the guidance from the guidance page.
	let whitefield = TestWallet::start("//Bob//stash").await?;
	sign_in(chrome, base, &whitefield).await?;
	chrome.open(&format!("{base}/guidance")).await?;
	chrome.js(&whitefield.injection()).await?;
	let button = format!("button[data-acknowledge=\"{guidance}\"]");
	eprintln!("work: the Whitefield clinic acknowledges guidance {guidance}");
	// Found and clicked in one script: the live page replaces its content as blocks finalize.
	chrome
		.until("the button", &format!("return document.querySelector('{button}') !== null"))
		.await?;
	chrome
		.browser
		.execute("document.querySelector(arguments[0]).click(); return true", vec![json!(button)])
		.await?;
	finished(chrome, 1).await?;
	ensure!(!client.unacknowledged_guidance(guidance).await?.contains(&6), "acknowledged");
	chrome.no_console_errors("guidance").await?;
	sign_out(chrome).await?;
	Ok(())
}

/// The clinic's available units of `lot`.
async fn held(client: &Client, lot: u32) -> Result<u64> {
	Ok(client
		.stock(CLINIC)
		.await?
		.into_iter()
		.find(|holding| holding.lot == lot)
		.map_or(0, |holding| holding.figures.available))
}

/// The certificate of the open page's card form (its text field: `field`) printed as a card:
/// an ID-1 PDF page, rendered at 300 dpi with `pdftoppm` as a printer would, whose QR code
/// `healthnet cert verify` reads back and finds valid.
pub async fn printed_card(
	chrome: &Chromium,
	url: &str,
	certificate: &str,
	field: &str,
) -> Result<()> {
	let fetched = chrome
		.browser
		.execute("const text = document.querySelector(arguments[0]).value;\
		     return fetch('/certificates/card', { method: 'POST', body: new URLSearchParams({ text }) })\
		     .then(async r => [r.status, r.headers.get('content-type'),\
		       Array.from(new Uint8Array(await r.arrayBuffer()), b => b.toString(16).padStart(2, '0')).join('')]);", vec![json!(field)])
		.await?;
	ensure!(fetched[0] == 200 && fetched[1] == "application/pdf", "the card: {}", fetched[0]);
	let pdf = hex::decode(fetched[2].as_str().context("the card's bytes")?)?;
	let card = chrome.shots.join("certificate-card.pdf");
	std::fs::write(&card, &pdf)?;
	let info = std::process::Command::new("pdfinfo")
		.arg(&card)
		.output()
		.context("pdfinfo (poppler-utils; scripts/setup installs it)")?;
	let info = String::from_utf8_lossy(&info.stdout).into_owned();
	let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or_default();
	ensure!(size.ends_with(" 242.65 x 153.01 pts"), "not an ID-1 card: {info}");
	let prefix = chrome.shots.join("certificate-card");
	let rendered = std::process::Command::new("pdftoppm")
		.args(["-r", "300", "-png", "-singlefile"])
		.arg(&card)
		.arg(&prefix)
		.status()
		.context("pdftoppm (poppler-utils; scripts/setup installs it)")?;
	ensure!(rendered.success(), "pdftoppm could not render the card");
	let picture = prefix.with_extension("png");
	let verified = tokio::process::Command::new(healthnet_e2e::workspace_binary("healthnet")?)
		.args(["--url", url, "cert", "verify"])
		.arg(&picture)
		.output()
		.await?;
	let said = String::from_utf8_lossy(&verified.stdout);
	ensure!(
		verified.status.success() && said.contains("VALID") && !said.contains("NOT VALID"),
		"the printed card: {said} {}",
		String::from_utf8_lossy(&verified.stderr)
	);
	let scanned = healthnet_client::portable::read_qr(&std::fs::read(&picture)?, "the card")?;
	ensure!(scanned == certificate, "the card's code holds another text");
	Ok(())
}

/// One account cannot fill the dashboard's store of writes by opening sessions: the bound is
/// the account's, and a new write pushes out its own oldest unsigned one.
async fn writes_are_bounded_per_account(port: u16, day: u32) -> Result<()> {
	use healthnet_dashboard::writes::PER_ACCOUNT;
	let form = |csrf: &str| {
		json!({ "csrf": csrf, "period": day, "entries": [{ "disease": "1F03", "counts": {
			"suspected": 1, "confirmed": 0, "deaths": 0, "recovered": 0, "hospitalised": 0,
			"tests_performed": 0, "tests_positive": 0 } }] })
		.to_string()
	};
	let (first_cookie, first_csrf) = http_session(port, "//Alice//stash").await?;
	let headers = [("Content-Type", "application/json"), ("Cookie", first_cookie.as_str())];
	let (status, _, body) = request(port, "POST", "/report", &headers, &form(&first_csrf)).await?;
	ensure!(status == 200, "{status} {body}");
	let first: Value = serde_json::from_str(&body)?;
	let first = first["writes"][0]["id"].as_str().context("an id")?.to_string();
	// A sign-in request is used once a second per account.
	tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
	let (cookie, csrf) = http_session(port, "//Alice//stash").await?;
	let headers = [("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
	for _ in 0..PER_ACCOUNT {
		let (status, _, body) = request(port, "POST", "/report", &headers, &form(&csrf)).await?;
		ensure!(status == 200, "{status} {body}");
	}
	let path = format!("/writes/{first}");
	let (status, _, body) = request(port, "GET", &path, &[("Cookie", &first_cookie)], "").await?;
	ensure!(status == 404, "one account kept {} writes over two sessions: {body}", PER_ACCOUNT + 1);
	Ok(())
}

/// A reviewer's decision is for the version the page showed: a report amended since is not
/// approved unseen.
async fn an_approval_holds_only_for_the_version_shown(
	port: u16,
	client: &Client,
	day: u32,
) -> Result<()> {
	let clinic = keys::signer("//Alice//stash")?;
	let counts = |n| surveillance::counts(0, n, 0, 0, 0, n, n);
	let entry =
		surveillance::FormEntry { disease: "RA01".into(), counts: counts(3), variants: vec![] };
	client.submit(&surveillance::submit_reports(day, vec![entry]), &clinic, |_| {}).await?;
	let amend = surveillance::amend_report(CLINIC, "RA01", day, counts(300), vec![]);
	client.submit(&amend, &clinic, |_| {}).await?;
	let (cookie, csrf) = http_session(port, "//Dave").await?;
	let headers = [("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
	let decision = json!({ "csrf": csrf, "org": CLINIC, "disease": "RA01", "period": day,
		"version": 1, "decision": "approve" });
	let (status, _, body) =
		request(port, "POST", "/review", &headers, &decision.to_string()).await?;
	ensure!(
		status == 409 && body.contains("changed since your page showed it (it is now version 2"),
		"approving version 1 was prepared for version 2: {status} {body}"
	);
	Ok(())
}
