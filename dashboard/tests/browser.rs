//! The dashboard in a real browser: a dev node with the demonstration scenario (played with
//! `healthnet chain demo`), the `healthnet-dashboard` binary beside it, and Debian's Chromium
//! driven through ChromeDriver.
//! Every page loads without console errors, the overview's figures equal the RPC's at the
//! block the page names, a report submitted during the test appears without a reload, a late
//! report is named on the completeness page, bad input is answered with a sentence, a fresh chain's
//! pages answer 200 with what to do next, and a screenshot of each page is written to
//! `<target>/tmp/dashboard-screenshots/`.

mod harness;
mod work;

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use harness::{get, request, Chromium, Dashboard, TestWallet, PATIENCE};
use healthnet_client::{demo, keys, period, portable, surveillance, Client};
use healthnet_e2e::fantoccini::Locator;
use healthnet_e2e::{Node, NodeConfig};
use healthnet_primitives::{
	surveillance::{AlertView, PeriodTotals},
	Page,
};
use serde_json::{json, Value};
use subxt_rpcs::rpc_params;
use tokio::process::Command;

/// Influenza (ICD-11 1E30) in the 21 days before today, growing 10 % a day, each of cluster 0's
/// facilities reporting one day in three, every case typed: H3N2 takes over from H1N1 (its
/// share a logistic curve, +0.3 a day), so the Signals page flags H3N2 and finds Rt above 1.
const FLU: &str = "1E30";

async fn report_lineages(client: &Client) -> Result<()> {
	let first = period::today() - 21;
	let facilities = ["//Ferdie", "//Alice//stash", "//Bob//stash"];
	futures::future::try_join_all(facilities.iter().enumerate().map(|(f, uri)| async move {
		let signer = keys::signer(uri)?;
		for day in (f..21).step_by(facilities.len()) {
			let confirmed = (10.0 * 1.1f64.powi(day as i32)).round() as u32;
			let share = 1.0 / (1.0 + (3.0 - 0.3 * day as f64).exp());
			let h3n2 = (f64::from(confirmed) * share).round() as u32;
			let typed = [("H3N2", h3n2), ("H1N1", confirmed - h3n2)]
				.into_iter()
				.filter(|(_, n)| *n > 0)
				.map(|(name, n)| (name.as_bytes().to_vec(), n))
				.collect();
			let counts = surveillance::counts(0, confirmed, 0, 0, 0, confirmed, confirmed);
			let call = surveillance::submit_report(FLU, first + day as u32, counts, typed);
			client.submit(&call, &signer, |_| {}).await?;
		}
		anyhow::Ok(())
	}))
	.await?;
	Ok(())
}

/// What `healthnet chain demo` made.
struct Played {
	today: u32,
	vaccine_lot: u32,
	certificate: String,
}

/// Plays the demonstration scenario the way a person does: `healthnet --json chain demo`.
async fn play_demo(url: &str) -> Result<Played> {
	let output = Command::new(healthnet_e2e::workspace_binary("healthnet")?)
		.args(["--url", url, "--json", "chain", "demo"])
		.output()
		.await
		.context("could not run healthnet")?;
	eprint!("{}", String::from_utf8_lossy(&output.stderr));
	ensure!(output.status.success(), "healthnet chain demo failed");
	let json: Value = serde_json::from_slice(&output.stdout)?;
	let number = |key: &str| {
		json[key].as_u64().map(|n| n as u32).with_context(|| format!("no {key} in {json}"))
	};
	Ok(Played {
		today: number("today")?,
		vaccine_lot: number("vaccineLot")?,
		certificate: json["certificate"].as_str().context("no certificate")?.to_string(),
	})
}

/// The region's totals of RA01 from `from` to `to` at `block`, as the RPC gives them.
async fn rpc_totals(
	client: &Client,
	region: &str,
	from: u32,
	to: u32,
	block: &str,
) -> Result<Vec<PeriodTotals>> {
	Ok(client
		.request("healthnet_regionSeries", rpc_params![region, demo::DISEASE, from, to, block])
		.await?)
}

/// The whole scenario may take this long; a step that hangs fails the test with the steps
/// done so far on standard error.
const WHOLE_TEST: Duration = Duration::from_secs(600);

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_shows_the_chain_and_follows_it_in_a_browser() -> Result<()> {
	tokio::time::timeout(WHOLE_TEST, scenario())
		.await
		.with_context(|| format!("the browser test did not finish within {WHOLE_TEST:?}"))?
}

/// Says which step the test is at, and when, on standard error (shown when the test fails).
fn step(what: &str) {
	static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
	let start = START.get_or_init(Instant::now);
	eprintln!("step at {:>5.1} s: {what}", start.elapsed().as_secs_f64());
}

async fn scenario() -> Result<()> {
	let mut node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	let url = format!("ws://127.0.0.1:{}", node.rpc_port);
	let client = Client::connect(&url).await?;
	step("a fresh chain");
	// Before anyone has reported: every page answers 200 with what to do next, never an
	// error; 404 is for a page that does not exist.
	let fresh = Dashboard::start(&url, &[]).await?;
	for path in [
		"/",
		"/completeness",
		"/signals",
		"/guidance",
		"/supply?lot=0",
		"/records",
		"/certificates",
		"/channels",
		"/environment",
		"/network",
	] {
		let (status, body) = get(fresh.port, path).await?;
		ensure!(
			status == 200 && !body.contains("notice error"),
			"{path} on a fresh chain: {status} {body}"
		);
	}
	let (status, body) = get(fresh.port, "/").await?;
	ensure!(
		body.contains("healthnet report submit"),
		"the overview says what to do: {status} {body}"
	);
	ensure!(get(fresh.port, "/no-such-page").await?.0 == 404, "an unknown page is 404");
	drop(fresh);
	step("the demonstration scenario");
	let played = play_demo(&url).await?;
	report_lineages(&client).await?;
	step("the dashboard and the browser");
	let mut dashboard = Dashboard::start(&url, &[]).await?;
	let chrome = Chromium::start().await?;
	let base = &dashboard.base.clone();

	// The console check can fail: a page's own error is seen.
	chrome.open(&format!("{base}/network")).await?;
	chrome.js("console.error('probe of the console check'); return true;").await?;
	let probe = chrome.console().await?;
	ensure!(
		probe.iter().any(|m| m["message"].as_str().unwrap_or("").contains("probe of the console")),
		"{probe:?}"
	);

	step("every page");
	// Every page, with the demonstration's data, at a laptop's width.
	let pages = [
		("overview", "/?region=IN-KA", "#totals"),
		("completeness", "/completeness?region=IN-KA", "#heatmap"),
		("signals", "/signals?region=IN-KA&days=30&method=c2", "#flagged"),
		("signals-rt", "/signals?region=IN-KA&days=30&method=rt&si_mean=4.7&si_sd=2.9", "#rt"),
		(
			"signals-compare",
			"/signals?region=IN-KA&days=30&method=compare&places=IN-MH,cluster:0",
			"#compare",
		),
		(
			"signals-lineages",
			"/signals?region=IN-KA&days=21&method=lineages&disease=1E30",
			"#lineages",
		),
		("guidance", "/guidance", "article.guidance"),
		("supply", &format!("/supply?region=IN-KA&lot={}", played.vaccine_lot), "#trace"),
		("records", "/records?region=IN-KA", "#emergencies"),
		("certificates", "/certificates", "#trust-list"),
		("environment", "/environment?region=IN-KA&measure=gamma&days=7", "tr[data-alert=true]"),
		("network", "/network", "#validators"),
	];
	for (name, path, shows) in &pages {
		chrome.open(&format!("{base}{path}")).await?;
		chrome.browser.wait().at_most(PATIENCE).for_element(Locator::Css(shows)).await?;
		chrome.screenshot(name).await?;
		chrome.no_console_errors(name).await?;
	}

	step("a cluster's own dashboard");
	// Started for cluster 0 (Bengaluru Urban, IN-KA-BLR), it opens on the cluster's region
	// and lists the cluster first, marked as its own.
	let cluster = Dashboard::start(&url, &["--cluster", "0"]).await?;
	// The region's links (World › IN › IN-KA › IN-KA-BLR), not the lead, which names the
	// finalized block and may move between the two pages.
	chrome.open(&format!("{base}/?region=IN-KA-BLR")).await?;
	let chosen = chrome.text("nav.crumbs").await?;
	chrome.open(&format!("{}/", cluster.base)).await?;
	let opened = chrome.text("nav.crumbs").await?;
	ensure!(opened == chosen, "the cluster's dashboard opens on {opened}, not {chosen}");
	let placeholder = chrome.attr("input[name=region]", "placeholder").await?;
	ensure!(placeholder == "this cluster's region", "{placeholder}");
	chrome.open(&format!("{}/completeness", cluster.base)).await?;
	let first = chrome.js("return document.querySelector('#heatmap tbody tr').outerHTML;").await?;
	let first = first.as_str().unwrap_or_default();
	ensure!(first.contains("data-cluster=\"0\"") && first.contains("class=\"home\""), "{first}");
	chrome.no_console_errors("cluster").await?;
	// Away from the cluster's dashboard before it stops, so its event stream ends cleanly.
	chrome.open(&format!("{base}/network")).await?;
	drop(cluster);

	step("what the pages say");
	// EARS C2 over Karnataka's month flags yesterday, the demonstration's first reports after
	// four quiet weeks, and the chart draws the series, its bound and the flagged days.
	chrome.open(&format!("{base}/signals?region=IN-KA&days=30&method=c2")).await?;
	let yesterday = period::today() - 1;
	chrome.attr(&format!("#flagged tr[data-period='{yesterday}']"), "data-period").await?;
	let drawn =
		chrome.js("return document.querySelectorAll('#signal-chart canvas').length;").await?;
	ensure!(drawn.as_u64().unwrap_or(0) > 0, "the signal chart was not drawn");
	ensure!(chrome.text("p.lead").await?.contains("as finalized at block #"));
	// H3N2's share grows: flagged, with its share per day drawn.
	chrome
		.open(&format!("{base}/signals?region=IN-KA&days=21&method=lineages&disease={FLU}"))
		.await?;
	let flagged = chrome.attr("#lineages tr[data-lineage='H3N2']", "data-flagged").await?;
	ensure!(flagged == "true", "H3N2 flagged: {flagged}");
	let h1n1 = chrome.attr("#lineages tr[data-lineage='H1N1']", "data-flagged").await?;
	ensure!(h1n1 == "false", "H1N1 flagged: {h1n1}");
	let drawn =
		chrome.js("return document.querySelectorAll('#lineage-chart canvas').length;").await?;
	ensure!(drawn.as_u64().unwrap_or(0) > 0, "the lineage chart was not drawn");
	// Rt in the influenza's growth: above 1, its interval too, in the window ending yesterday.
	chrome
		.open(&format!(
			"{base}/signals?region=IN-KA&days=21&method=rt&si_mean=2.6&si_sd=1.5&disease={FLU}"
		))
		.await?;
	let window = format!("#rt tr[data-period='{yesterday}']");
	let mean: f64 = chrome.attr(&window, "data-mean").await?.parse()?;
	let lower: f64 = chrome.attr(&window, "data-lower").await?.parse()?;
	ensure!(mean > 1.0 && lower > 1.0, "Rt {mean} (lower {lower}) in the influenza's growth");
	// Side by side: Karnataka's rate per 100,000 over the census the scenario recorded,
	// Maharashtra without a population says so, cluster 0 shows its completeness.
	chrome
		.open(&format!("{base}/signals?region=IN-KA&days=30&method=compare&places=IN-MH,cluster:0"))
		.await?;
	let people =
		chrome.attr("#compare tr[data-place='IN-KA'] td[data-people]", "data-people").await?;
	ensure!(people == demo::KARNATAKA_POPULATION.to_string(), "Karnataka's population: {people}");
	let rate: f64 =
		chrome.attr("#compare tr[data-place='IN-KA'] td[data-rate]", "data-rate").await?.parse()?;
	let cases: f64 = chrome
		.attr("#compare tr[data-place='IN-KA'] td[data-cases]", "data-cases")
		.await?
		.parse()?;
	let per_100_000 = cases * 100_000.0 / demo::KARNATAKA_POPULATION as f64;
	ensure!(cases > 0.0 && (rate - per_100_000).abs() < 1e-4, "rate {rate} for {cases} cases");
	let maharashtra = chrome.text("#compare tr[data-place='IN-MH']").await?;
	ensure!(maharashtra.contains("No population on chain."), "{maharashtra}");
	let expected = chrome
		.attr("#compare tr[data-place='cluster 0'] td[data-expected]", "data-expected")
		.await?;
	ensure!(expected == "3", "cluster 0's expected facilities: {expected}");
	// What the pages say of the scenario.
	chrome.open(&format!("{base}/completeness?region=IN-KA")).await?;
	let missing = chrome.text("#missing").await?;
	ensure!(missing.contains("Whitefield Primary Health Centre"), "{missing}");
	chrome.open(&format!("{base}/guidance")).await?;
	let acked = chrome.text("ul.acked").await?;
	let pending = chrome.text("ul.pending").await?;
	ensure!(acked.contains("Jayanagar") && !pending.contains("Jayanagar"), "{acked} / {pending}");
	ensure!(pending.contains("Whitefield"), "{pending}");
	chrome.open(&format!("{base}/supply?region=IN-KA&lot={}", played.vaccine_lot)).await?;
	ensure!(chrome.text("#trace .recalled").await?.contains("quality defect"));
	ensure!(chrome.text("#gaps").await?.contains("Jayanagar Health Centre"));
	// The recalled lot's 200 doses at the clinic are recalled, none of them available.
	let recalled = "#stock tr[data-recalled='200']";
	ensure!(
		chrome.attr(recalled, "data-available").await? == "0",
		"recalled doses shown available"
	);
	chrome.open(&format!("{base}/records?region=IN-KA")).await?;
	let row = "#emergencies tr[data-org='4'] td.n";
	ensure!(chrome.attr(row, "data-value").await? == "1", "the hospital's emergency access");
	chrome.open(&format!("{base}/certificates")).await?;
	ensure!(chrome.text("#trust-list").await?.contains("Karnataka Public Health Laboratory"));

	step("the overview against the RPC");
	// The overview's figures equal the RPC's at the block the page read.
	chrome.open(&format!("{base}/?region=IN-KA&days=7")).await?;
	let block = chrome.attr("#content .lead", "data-block").await?;
	let (from, to) = (played.today - 6, played.today);
	let series = rpc_totals(&client, "IN-KA", from, to, &block).await?;
	let confirmed: u64 = series.iter().map(|p| p.totals.confirmed).sum();
	let suspected: u64 = series.iter().map(|p| p.totals.suspected).sum();
	let positive: u64 = series.iter().map(|p| p.totals.tests_positive).sum();
	for (name, want) in
		[("confirmed", confirmed), ("suspected", suspected), ("tests-positive", positive)]
	{
		let shown = chrome.attr(&format!("#totals dd[data-name={name}]"), "data-value").await?;
		ensure!(shown == want.to_string(), "{name}: the page shows {shown}, the RPC {want}");
	}
	ensure!(confirmed == 8 + 5 + 3 + 14 + 9, "the demonstration's reports: {confirmed}");
	let chart = chrome.js("return document.querySelector('script.chart-data').textContent").await?;
	let chart: Value = serde_json::from_str(chart.as_str().unwrap_or_default())?;
	for day in from..=to {
		let want = series.iter().find(|p| p.period == day).map(|p| p.totals.confirmed).unwrap_or(0);
		let shown = &chart["series"][0]["values"][(day - from) as usize];
		ensure!(
			*shown == json!(want),
			"the chart's confirmed cases on day {day}: {shown}, the RPC {want}"
		);
	}
	let child = rpc_totals(&client, "IN-KA-BLR", from, to, &block).await?;
	let child: u64 = child.iter().map(|p| p.totals.confirmed).sum();
	let shown = chrome.attr("#children tr[data-region=IN-KA-BLR] td", "data-value").await?;
	ensure!(shown == child.to_string(), "IN-KA-BLR: the page shows {shown}, the RPC {child}");
	let alerts: Page<AlertView, serde_json::Value> = client
		.request("healthnet_openAlerts", rpc_params!["IN-KA", None::<()>, None::<u32>, &block])
		.await?;
	let alerts = alerts.items;
	ensure!(!alerts.is_empty(), "the demonstration opens an alert");
	ensure!(chrome.text("#alerts").await?.contains("above the threshold of 20"));

	step("a report while the page is open");
	// A report submitted now appears without a reload.
	chrome.js("window.healthnetMarker = 'no reload'; return true;").await?;
	let whitefield = keys::signer("//Bob//stash")?;
	let report = surveillance::submit_report(
		demo::DISEASE,
		period::today(),
		surveillance::counts(1, 5, 0, 0, 0, 10, 5),
		vec![],
	);
	client.submit(&report, &whitefield, |_| {}).await?;
	let after = confirmed + 5;
	chrome
		.until(
			"Whitefield's report",
			&format!(
				"return document.querySelector('#totals dd[data-name=confirmed]').dataset.value === '{after}'"
			),
		)
		.await?;
	ensure!(
		chrome.js("return window.healthnetMarker").await? == json!("no reload"),
		"the page reloaded"
	);
	chrome.no_console_errors("overview, after the live update").await?;

	step("the keyboard");
	// Keyboard: the first Tab reaches the skip link, which leads to the content.
	chrome.browser.find(Locator::Css("body")).await?.send_keys("\u{e004}").await?;
	ensure!(chrome.js("return document.activeElement.className").await? == json!("skip"));
	chrome.browser.active_element().await?.send_keys("\u{e007}").await?;
	ensure!(chrome.js("return document.activeElement.id").await? == json!("content"));

	step("a phone's width");
	// A phone's width: nothing but the tables' own boxes scrolls sideways.
	chrome.browser.set_window_size(390, 844).await?;
	for (name, path) in
		[("overview-phone", "/?region=IN-KA"), ("completeness-phone", "/completeness?region=IN-KA")]
	{
		chrome.open(&format!("{base}{path}")).await?;
		let fits =
			chrome.js("return document.documentElement.scrollWidth <= window.innerWidth").await?;
		ensure!(fits == json!(true), "{name} is wider than a phone");
		chrome.screenshot(name).await?;
	}
	chrome.browser.set_window_size(1280, 1000).await?;

	step("a late report");
	// Whitefield reports three days ago, with no cases, after that day's two-day deadline: the
	// completeness page counts it as reported, not in time, and names it among the late.
	let late_day = period::today() - 3;
	let report = surveillance::submit_report(
		demo::DISEASE,
		late_day,
		surveillance::counts(0, 0, 0, 0, 0, 0, 0),
		vec![],
	);
	client.submit(&report, &whitefield, |_| {}).await?;
	chrome.open(&format!("{base}/completeness?region=IN-KA&days=7")).await?;
	chrome
		.until(
			"Whitefield among the late",
			"const e = document.querySelector('#late'); return !!e && e.innerText.includes('Whitefield')",
		)
		.await?;
	let cell = format!("#heatmap tr[data-cluster='0'] td[data-period='{late_day}']");
	let (reported, on_time) =
		(chrome.attr(&cell, "data-reported").await?, chrome.attr(&cell, "data-on-time").await?);
	ensure!(
		(reported.as_str(), on_time.as_str()) == ("1", "0"),
		"{reported} reported, {on_time} in time"
	);
	chrome.screenshot("completeness-late").await?;
	chrome.no_console_errors("completeness, with a late report").await?;

	step("an unknown region and disease");
	// An unknown region or disease: a sentence, not an empty chart.
	chrome.open(&format!("{base}/?region=XX-QQ")).await?;
	ensure!(chrome
		.text("#content")
		.await?
		.contains("No authority or organisation is registered in region \"XX-QQ\""));
	ensure!(
		chrome.browser.find(Locator::Css("#cases-chart")).await.is_err(),
		"a chart for an unknown region"
	);
	chrome.open(&format!("{base}/?region=IN-KA&disease=ZZ99")).await?;
	ensure!(chrome
		.text("#content")
		.await?
		.contains("No facility on this chain has reported disease \"ZZ99\""));
	ensure!(
		chrome.browser.find(Locator::Css("#cases-chart")).await.is_err(),
		"a chart for an unknown disease"
	);

	step("certificates");
	// Certificates: malformed text gets the error in a sentence; the QR code's picture, the verdict.
	chrome.open(&format!("{base}/certificates")).await?;
	chrome
		.browser
		.find(Locator::Css("#cert-text"))
		.await?
		.send_keys("HN1:this is not base45!")
		.await?;
	chrome.submit("form.verify button", "#content .notice.error").await?;
	let error = chrome.text("#content .notice.error").await?;
	ensure!(
		error.starts_with(
			"This certificate does not hold: The certificate's text is not valid base45"
		),
		"{error}"
	);
	chrome.screenshot("certificates-malformed").await?;
	// The refusals above answer 404 and 400, which the console lists as failed loads: drop them.
	chrome.console().await?;
	let picture = chrome.shots.join("certificate-qr.png");
	std::fs::write(&picture, portable::qr_png(&played.certificate)?)?;
	chrome.open(&format!("{base}/certificates")).await?;
	chrome
		.browser
		.find(Locator::Css("#cert-image"))
		.await?
		.send_keys(&picture.display().to_string())
		.await?;
	chrome.submit("form.verify button", "#verdict").await?;
	let verdict = chrome.text("#verdict").await?;
	ensure!(verdict.starts_with("Valid") && verdict.contains("Infectivity 20 %"), "{verdict}");
	chrome.screenshot("certificates-verified").await?;
	work::printed_card(&chrome, &url, &played.certificate, "#verdict input[name=text]").await?;
	chrome.no_console_errors("certificates").await?;

	step("sign-in");
	// The Jayanagar clinic's administrator signs in with a wallet in the browser, through the
	// standard interface: the header names the organisation and roles; signing out takes the
	// session's token.
	let wallet = TestWallet::start("//Alice//stash").await?;
	chrome.open(&format!("{base}/sign-in")).await?;
	chrome.js(&wallet.injection()).await?;
	chrome.browser.find(Locator::Css("#find-accounts")).await?.click().await?;
	let account = Locator::Css("button.account");
	chrome.browser.wait().at_most(PATIENCE).for_element(account).await?.click().await?;
	chrome.until("the session", "return document.querySelector('#account .who') !== null").await?;
	let who = chrome.text("#account .who").await?;
	ensure!(who.contains("Jayanagar") && who.contains("admin"), "{who}");
	chrome.screenshot("signed-in").await?;
	chrome.browser.find(Locator::Css("#account button")).await?.click().await?;
	let signed_out = "return document.querySelector('#account a[href=\"/sign-in\"]') !== null";
	chrome.until("the session ended", signed_out).await?;
	chrome.no_console_errors("sign-in").await?;
	sign_in_refusals(dashboard.port).await?;

	step("the daily work, signed in the browser");
	work::daily_work(&chrome, &mut dashboard, &client).await?;
	step("certificates issued and updated in the browser");
	work::certificates::issued_in_the_browser(&chrome, &dashboard, &client, &url).await?;

	step("the node stops and comes back");
	// The node stops: the open page says so and that it retries; the node comes back, and so
	// do the page's figures, without a reload.
	chrome.open(&format!("{base}/?region=IN-KA")).await?;
	chrome.js("window.healthnetMarker = 'still no reload'; return true;").await?;
	node.stop().await?;
	let status = "document.getElementById('node-status').textContent";
	chrome
		.until("the unreachable node", &format!("return {status}.includes('cannot be reached')"))
		.await?;
	chrome
		.until(
			"the reason in the content",
			"return document.getElementById('content').textContent.includes('cannot be reached')",
		)
		.await?;
	let said = chrome.text("#node-status").await?;
	ensure!(said.contains("Retrying every 3 seconds"), "{said}");
	chrome.screenshot("unreachable-node").await?;
	node.restart().await?;
	chrome
		.until("the node back", &format!("return {status}.startsWith('Finalized block')"))
		.await?;
	chrome.until("the figures back", "return document.querySelector('#totals') !== null").await?;
	ensure!(
		chrome.js("return window.healthnetMarker").await? == json!("still no reload"),
		"the page reloaded"
	);

	eprintln!("screenshots in {}", chrome.shots.display());
	chrome.browser.clone().close().await?;
	Ok(())
}

/// Sign-in and actions refused with a sentence, as a program would try them: a non-member's
/// signature, another key's, a challenge answered twice, a forged session, an action without
/// the session's token; and a member's session, with its cookie's flags, ended with its token.
async fn sign_in_refusals(port: u16) -> Result<()> {
	let json_type = [("Content-Type", "application/json")];
	let address = |suri: &str| -> Result<String> {
		Ok(keys::signer(suri)?.public_key().to_account_id().to_string())
	};
	let challenge = |suri: &'static str| async move {
		let asked = json!({ "account": address(suri)? }).to_string();
		let (_, _, body) = request(port, "POST", "/sign-in/challenge", &json_type, &asked).await?;
		let body: Value = serde_json::from_str(&body)?;
		let nonce = body["nonce"].as_str().context("a nonce")?.to_string();
		anyhow::Ok((nonce, body["message"].as_str().context("a message")?.to_string()))
	};
	let sign = |suri: &str, message: &str| -> Result<String> {
		let wrapped = format!("<Bytes>{message}</Bytes>");
		Ok(hex::encode(keys::signer(suri)?.sign(wrapped.as_bytes()).0))
	};
	let answer = |suri: &'static str, nonce: String, signature: String| async move {
		let body = json!({ "account": address(suri)?, "nonce": nonce, "signature": signature });
		request(port, "POST", "/sign-in", &json_type, &body.to_string()).await
	};
	// A stranger's own key signs its own challenge: not a member.
	let (nonce, message) = challenge("//Ferdie//stash").await?;
	let (status, _, body) =
		answer("//Ferdie//stash", nonce, sign("//Ferdie//stash", &message)?).await?;
	ensure!(status == 403 && body.contains("not a member of any organisation"), "{status} {body}");
	// Challenges for Karnataka's account asked by anyone hold nothing back: none is kept.
	for _ in 0..10 {
		challenge("//Dave").await?;
	}
	let (nonce, message) = challenge("//Dave").await?;
	let (status, _, body) = answer("//Dave", nonce.clone(), sign("//Eve", &message)?).await?;
	ensure!(status == 403 && body.contains("signature of the sign-in request"), "{body}");
	let unwrapped = hex::encode(keys::signer("//Dave")?.sign(message.as_bytes()).0);
	let (status, _, body) = answer("//Dave", nonce.clone(), unwrapped).await?;
	ensure!(
		status == 403 && body.contains("signature of the sign-in request"),
		"unwrapped: {body}"
	);
	let (status, _, body) = answer("//Eve", nonce, sign("//Eve", &message)?).await?;
	ensure!(status == 403 && body.contains("not a sign-in request this dashboard gave"), "{body}");

	let (nonce, message) = challenge("//Dave").await?;
	let signature = sign("//Dave", &message)?;
	let (status, head, _) = answer("//Dave", nonce.clone(), signature.clone()).await?;
	let set = head
		.lines()
		.find(|l| l.to_lowercase().starts_with("set-cookie:"))
		.context("a session cookie")?;
	ensure!(status == 200 && set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{head}");
	let cookie = set.split_once(':').and_then(|(_, v)| v.split(';').next()).context("cookie")?;
	let cookie = cookie.trim().to_string();
	fn form(cookie: &str) -> [(&'static str, &str); 2] {
		[("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)]
	}
	let (status, _, body) = answer("//Dave", nonce, signature).await?;
	ensure!(status == 403 && body.contains("already used"), "a replay: {status} {body}");
	for csrf in ["csrf=".to_string(), format!("csrf={}", "0".repeat(64))] {
		let (status, _, body) = request(port, "POST", "/sign-out", &form(&cookie), &csrf).await?;
		ensure!(status == 403 && body.contains("its token is missing or wrong"), "{status} {body}");
	}
	let forged = format!("healthnet_session={}", "ab".repeat(32));
	let (_, _, page) = request(port, "GET", "/network", &[("Cookie", &forged)], "").await?;
	ensure!(!page.contains("Signed in as"), "a forged session signed nobody in");
	let (status, _, body) = request(port, "POST", "/sign-out", &form(&forged), "csrf=x").await?;
	ensure!(status == 403 && body.contains("not signed in"), "{status} {body}");
	let (_, _, page) = request(port, "GET", "/network", &[("Cookie", &cookie)], "").await?;
	ensure!(page.contains("Signed in as Karnataka"), "the session's page names it");
	let token = page
		.split("name=\"csrf\" value=\"")
		.nth(1)
		.and_then(|rest| rest.split('"').next())
		.context("the session's token in its page")?;
	let ended = format!("csrf={token}");
	let (status, _, _) = request(port, "POST", "/sign-out", &form(&cookie), &ended).await?;
	ensure!(status == 303, "signing out with the token: {status}");
	let (_, _, page) = request(port, "GET", "/network", &[("Cookie", &cookie)], "").await?;
	ensure!(!page.contains("Signed in as"), "the session ended");
	Ok(())
}
