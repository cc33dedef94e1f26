//! # Healthnet dashboard
//!
//! A web server that shows one node's chain to health authorities: server-rendered pages
//! ([`pages`]) read through the client library and the `healthnet_*` RPC methods, every
//! figure of a page at the same finalized block ([`node::View`]). The browser follows
//! `/events` (server-sent events, one per finalized block or change of the node's state) and
//! fetches the page's content again, so that figures move without a reload; charts are drawn
//! by uPlot, shipped in `static/`. What a visitor can make it spend is bounded ([`Capacity`]):
//! pictures of QR codes are decoded a few at a time off the async runtime, and event streams
//! beyond a cap are refused, the page then refreshing itself every 30 seconds.

use std::{convert::Infallible, sync::Arc, time::Duration};

use anyhow::Context;
use axum::{
	extract::{DefaultBodyLimit, Multipart, Path, Query, State},
	http::{header, HeaderMap, HeaderValue, StatusCode},
	response::{
		sse::{Event, KeepAlive, Sse},
		IntoResponse, Response,
	},
	routing::{get, post},
	Router,
};
use futures::Stream;
use healthnet_primitives::registry::ClusterId;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub mod card;
pub mod html;
pub mod node;
pub mod pages;
pub mod session;
pub mod writes;

use html::Tab;
use node::{Node, Problem, Status, View};
use pages::Choice;

/// The disease the pages show when none is chosen: COVID-19 in ICD-11.
pub const DEFAULT_DISEASE: &str = "RA01";

/// Sign-ins checked with the node at once: beyond them a sign-in is asked to try again.
const SIGN_INS_AT_ONCE: usize = 8;

/// The largest body a sign-in route takes.
const SIGN_IN_BODY: usize = 4096;

/// The largest body a write takes: a form of every disease with its counts.
const WRITE_BODY: usize = 16 * 1024;

/// How much of what is scarce the dashboard gives its visitors at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacity {
	/// Pictures of QR codes decoded at once: each holds a core while it is decoded.
	pub decodes: usize,
	/// Event streams (`/events`, one per open page) followed at once: each holds a connection
	/// and a task.
	pub event_streams: usize,
}

impl Capacity {
	/// Two decodes, for the two cores of a small server, and 256 open pages.
	pub const DEFAULT: Capacity = Capacity { decodes: 2, event_streams: 256 };
}

/// What every request shares.
pub struct App {
	node: Arc<Node>,
	disease: String,
	/// A permit per picture being decoded.
	decodes: Arc<Semaphore>,
	/// A permit per open event stream, held by the stream until the visitor leaves.
	event_streams: Arc<Semaphore>,
	/// The cluster a cluster's own dashboard opens on.
	home: Option<ClusterId>,
	/// The challenges' key and the open sessions.
	sessions: session::Sessions,
	/// A permit per sign-in being checked with the node at once.
	sign_ins: Arc<Semaphore>,
	/// The transactions prepared for wallets and followed to finality.
	writes: writes::Writes,
	/// The diseases of the facility's form: code and name.
	diseases: Vec<(String, String)>,
}

/// Serves the dashboard of the node at `url` on `listen` until interrupted.
/// With `home`, it is a cluster's own dashboard: its surveillance pages open on that cluster's
/// region and list the cluster first.
pub async fn serve(
	url: &str,
	listen: std::net::SocketAddr,
	disease: &str,
	home: Option<ClusterId>,
	site: Option<&str>,
	diseases: Vec<(String, String)>,
) -> anyhow::Result<()> {
	let site = site.map(str::to_string).unwrap_or_else(|| format!("http://{listen}"));
	if let Some(refusal) = exposure_refusal(listen, &site) {
		anyhow::bail!(refusal);
	}
	let listener = tokio::net::TcpListener::bind(listen)
		.await
		.with_context(|| format!("cannot listen on {listen}: is another program using it?"))?;
	let app = App::new(Node::start(url), disease, Capacity::DEFAULT)
		.home(home)
		.site(&site, site.starts_with("https://"))
		.diseases(diseases);
	let app = routes(app);
	println!("healthnet-dashboard: serving http://{listen} for the node at {url}");
	axum::serve(listener, app)
		.with_graceful_shutdown(async {
			let _ = tokio::signal::ctrl_c().await;
		})
		.await
		.context("the web server stopped")
}

/// Why the dashboard may not listen on `listen` for visitors reaching it at `site`: beyond this
/// machine, sessions would cross the network, so only behind HTTPS (a TLS proxy in front, the
/// public address `https://…`); on loopback, as a local read-only dashboard, always.
pub fn exposure_refusal(listen: std::net::SocketAddr, site: &str) -> Option<String> {
	(!listen.ip().is_loopback() && !site.starts_with("https://")).then(|| {
		format!(
			"it serves beyond this machine ({listen}) only behind HTTPS, where sign-in's cookie \
			 is safe: put a TLS proxy in front and give --public-url https://<its address>, or \
			 listen on 127.0.0.1"
		)
	})
}

/// The dashboard's routes, following the node at `url`.
pub fn router(url: &str, disease: &str) -> Router {
	router_with(url, disease, Capacity::DEFAULT)
}

/// The dashboard's routes, following the node at `url`, giving visitors `capacity`.
pub fn router_with(url: &str, disease: &str, capacity: Capacity) -> Router {
	routes(App::new(Node::start(url), disease, capacity))
}

/// A cluster's own dashboard's routes (see [`serve`]).
pub fn cluster_router(url: &str, disease: &str, home: ClusterId) -> Router {
	routes(App::new(Node::start(url), disease, Capacity::DEFAULT).home(Some(home)))
}

fn routes(app: App) -> Router {
	let app = Arc::new(app);
	// Multipart bodies are refused beyond 2 MB unless told otherwise: allow the largest picture
	// and the form around it.
	let upload_limit = DefaultBodyLimit::max(pages::certificates::MAX_UPLOAD + 64 * 1024);
	Router::new()
		.route("/", get(overview))
		.route("/completeness", get(completeness))
		.route("/signals", get(signals))
		.route(
			"/guidance",
			get(guidance)
				.post(pages::guidance::write)
				.layer(DefaultBodyLimit::max(pages::guidance::MAX_DOCUMENT + 64 * 1024)),
		)
		.route("/supply", get(supply))
		.route("/records", get(records))
		.route("/certificates", get(certificates).post(verify).layer(upload_limit))
		.route(
			"/certificates/card",
			post(pages::certificates::card).layer(DefaultBodyLimit::max(SIGN_IN_BODY)),
		)
		.route(
			"/certificates/issue",
			get(pages::issue::page)
				.post(pages::issue::draft)
				.layer(DefaultBodyLimit::max(WRITE_BODY)),
		)
		.route(
			"/certificates/seal/{id}",
			post(pages::issue::seal).layer(DefaultBodyLimit::max(WRITE_BODY)),
		)
		.route("/channels", get(channels))
		.route("/environment", get(environment))
		.route("/network", get(network))
		.route(
			"/sign-in",
			get(sign_in_page).post(sign_in).layer(DefaultBodyLimit::max(SIGN_IN_BODY)),
		)
		.route("/sign-in/challenge", post(challenge).layer(DefaultBodyLimit::max(SIGN_IN_BODY)))
		.route("/sign-out", post(sign_out).layer(DefaultBodyLimit::max(SIGN_IN_BODY)))
		.route(
			"/report",
			get(pages::report::page)
				.post(pages::report::submit)
				.layer(DefaultBodyLimit::max(WRITE_BODY)),
		)
		.route("/report/relay", post(pages::report::relay).layer(DefaultBodyLimit::max(WRITE_BODY)))
		.route("/sw.js", get(service_worker))
		.route(
			"/stock",
			get(pages::stock::page)
				.post(pages::stock::act)
				.layer(DefaultBodyLimit::max(WRITE_BODY)),
		)
		.route(
			"/review",
			get(pages::review::page)
				.post(pages::review::decide)
				.layer(DefaultBodyLimit::max(WRITE_BODY)),
		)
		.route(
			"/writes/{id}",
			get(writes::progress).post(writes::sign).layer(DefaultBodyLimit::max(WRITE_BODY)),
		)
		.route("/events", get(events))
		.route("/static/{file}", get(asset))
		.fallback(not_found)
		.with_state(app)
}

impl App {
	/// The state of a dashboard following `node`, showing `disease` until a visitor chooses.
	pub fn new(node: Arc<Node>, disease: &str, capacity: Capacity) -> App {
		App {
			node,
			disease: disease.to_string(),
			decodes: Arc::new(Semaphore::new(capacity.decodes)),
			event_streams: Arc::new(Semaphore::new(capacity.event_streams)),
			home: None,
			sessions: session::Sessions::new("http://127.0.0.1:8080", false),
			sign_ins: Arc::new(Semaphore::new(SIGN_INS_AT_ONCE)),
			writes: writes::Writes::default(),
			diseases: pages::report::NOTIFIABLE
				.iter()
				.map(|(code, name)| (code.to_string(), name.to_string()))
				.collect(),
		}
	}

	/// A page: its content, or the problem in a sentence; the whole frame, or only the content
	/// when the browser refreshes it (`X-Fragment`).
	fn respond(
		&self,
		headers: &HeaderMap,
		tab: Tab,
		title: &str,
		controls: String,
		content: Result<String, Problem>,
		live: bool,
	) -> Response {
		let (status, content) = match content {
			Ok(content) => (StatusCode::OK, content),
			// Nothing to show is a page with a sentence, not an error.
			Err(problem) if problem.status == 200 => {
				(StatusCode::OK, html::notice("info", &problem.sentence))
			},
			Err(problem) => (
				StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_GATEWAY),
				html::notice("error", &problem.sentence),
			),
		};
		let body = if headers.contains_key("x-fragment") {
			content
		} else {
			let node_status = self.node.status();
			let block = match node_status {
				Status::Up { number, .. } => Some(number),
				_ => None,
			};
			let status_line = html::esc(&self.node.sentence(&node_status));
			let signed_in = self.sessions.of(headers).map(|(_, session)| session);
			let account = html::account(signed_in.as_ref());
			html::frame(tab, block, title, &status_line, &account, &controls, &content, live)
		};
		let mut response = (status, body).into_response();
		response
			.headers_mut()
			.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
		response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
		// No other site frames a page (a signed-in page's buttons under another's).
		response.headers_mut().insert(
			header::CONTENT_SECURITY_POLICY,
			HeaderValue::from_static("frame-ancestors 'none'"),
		);
		response.headers_mut().insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
		response
	}

	/// What `page` reads at the finalized head, or why the node cannot be read.
	async fn read<T>(
		&self,
		page: impl AsyncFnOnce(&View) -> Result<T, Problem>,
	) -> Result<T, Problem> {
		let view = View::of(&self.node)?;
		page(&view).await
	}

	fn choice(&self, mut choice: Choice) -> Choice {
		if choice.disease.trim().is_empty() {
			choice.disease = self.disease.clone();
		}
		choice.home = self.home;
		choice
	}

	/// Makes it a cluster's own dashboard, or not.
	fn home(mut self, home: Option<ClusterId>) -> App {
		self.home = home;
		self
	}

	/// The facility's form lists `diseases` (code and name); the default list when empty.
	fn diseases(mut self, diseases: Vec<(String, String)>) -> App {
		if !diseases.is_empty() {
			self.diseases = diseases;
		}
		self
	}

	/// Visitors reach the dashboard at `site`, which every sign-in challenge names; over HTTPS
	/// when `secure`.
	fn site(mut self, site: &str, secure: bool) -> App {
		self.sessions = session::Sessions::new(site, secure);
		self
	}
}

async fn overview(
	State(app): State<Arc<App>>,
	Query(choice): Query<Choice>,
	headers: HeaderMap,
) -> Response {
	let choice = app.choice(choice);
	let content = app.read(async |view| pages::overview::render(view, &choice).await).await;
	app.respond(
		&headers,
		Tab::Overview,
		"Cases",
		choice.controls("/", pages::overview::DEFAULT_DAYS),
		content,
		true,
	)
}

async fn signals(
	State(app): State<Arc<App>>,
	Query(mut choice): Query<pages::signals::SignalsChoice>,
	headers: HeaderMap,
) -> Response {
	choice.choice = app.choice(choice.choice);
	let content = app.read(async |view| pages::signals::render(view, &choice).await).await;
	app.respond(&headers, Tab::Signals, "Signals", choice.controls(), content, true)
}

async fn completeness(
	State(app): State<Arc<App>>,
	Query(choice): Query<Choice>,
	headers: HeaderMap,
) -> Response {
	let choice = app.choice(choice);
	let content = app.read(async |view| pages::completeness::render(view, &choice).await).await;
	let controls = choice.controls("/completeness", pages::completeness::DEFAULT_DAYS);
	app.respond(&headers, Tab::Completeness, "Reporting completeness", controls, content, true)
}

async fn guidance(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
	let session = app.sessions.of(&headers).map(|(_, session)| session);
	let org = session.as_ref().map(|s| s.org);
	let content = app.read(async |view| pages::guidance::render(view, org).await).await;
	// The buttons in the content work through work.js, which the controls load.
	let controls = match &session {
		Some(s) if s.roles.contains(&"reviewer") => pages::guidance::publish_form(),
		Some(_) => "<ol id=\"write-status\" aria-live=\"polite\"></ol>\
		            <script src=\"/static/work.js\"></script>"
			.into(),
		None => String::new(),
	};
	app.respond(&headers, Tab::Guidance, "Guidance", controls, content, true)
}

async fn supply(
	State(app): State<Arc<App>>,
	Query(choice): Query<pages::supply::SupplyChoice>,
	headers: HeaderMap,
) -> Response {
	let content =
		app.read(async |view| pages::supply::render(view, &choice, &app.disease).await).await;
	let controls = choice.controls(&app.disease);
	app.respond(&headers, Tab::Supply, "Supply", controls, content, true)
}

async fn records(
	State(app): State<Arc<App>>,
	Query(choice): Query<Choice>,
	headers: HeaderMap,
) -> Response {
	let content = app.read(async |view| pages::records::render(view, &choice.region()).await).await;
	let controls = pages::region_form("/records", &choice.region());
	app.respond(&headers, Tab::Records, "Emergency access to records", controls, content, true)
}

async fn certificates(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
	let content = app.read(async |view| pages::certificates::trust_list(view).await).await;
	let form = pages::certificates::form("");
	app.respond(&headers, Tab::Certificates, "Verify a certificate", form, content, true)
}

async fn verify(State(app): State<Arc<App>>, headers: HeaderMap, upload: Multipart) -> Response {
	let (text, content) = match pages::certificates::read_upload(upload, &app.decodes).await {
		Ok(text) => {
			let content =
				app.read(async |view| pages::certificates::verify(view, &text).await).await;
			(text, content)
		},
		Err(problem) => (String::new(), Err(problem)),
	};
	let form = pages::certificates::form(&text);
	app.respond(&headers, Tab::Certificates, "Verify a certificate", form, content, false)
}

/// The channels page's choice: an organisation, or none for the chain's newest channels.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ChannelChoice {
	org: String,
}

async fn channels(
	State(app): State<Arc<App>>,
	Query(choice): Query<ChannelChoice>,
	headers: HeaderMap,
) -> Response {
	let org = choice.org.trim();
	let content = match org {
		"" => app.read(async |view| pages::channels::render(view, None).await).await,
		text => match text.parse() {
			Ok(org) => app.read(async |view| pages::channels::render(view, Some(org)).await).await,
			Err(_) => Err(node::Problem::bad_input(format!(
				"{text} is not an organisation number: give one such as 7, or none for every channel"
			))),
		},
	};
	let controls = format!(
		"<form class=\"choice\" method=\"get\" action=\"/channels\">\
		 <label>Organisation <input name=\"org\" value=\"{}\" inputmode=\"numeric\" size=\"6\" placeholder=\"any\" autocomplete=\"off\"></label>\
		 <button type=\"submit\">Show</button></form>",
		html::esc(org)
	);
	app.respond(&headers, Tab::Channels, "Channels", controls, content, true)
}

async fn environment(
	State(app): State<Arc<App>>,
	Query(choice): Query<pages::environment::EnvironmentChoice>,
	headers: HeaderMap,
) -> Response {
	let content = app.read(async |view| pages::environment::render(view, &choice).await).await;
	app.respond(&headers, Tab::Environment, "Environment", choice.controls(), content, true)
}

async fn sign_in_page(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
	let content = match app.sessions.of(&headers) {
		Some((_, s)) => Ok(html::notice(
			"ok",
			&format!("You are signed in as {} of {}.", s.account, s.org_name),
		)),
		None => Ok(pages::sign_in::page()),
	};
	app.respond(&headers, Tab::Overview, "Sign in", String::new(), content, false)
}

/// What a browser asks a challenge for: the account it will sign with (SS58).
#[derive(serde::Deserialize)]
struct ChallengeRequest {
	account: String,
}

/// A sign-in's answer to its challenge: the account, the nonce and the wallet's signature
/// (hex).
#[derive(serde::Deserialize)]
struct SignInRequest {
	account: String,
	nonce: String,
	signature: String,
}

/// A refusal as JSON: `{"error": sentence}` with `status`.
pub(crate) fn refused(status: StatusCode, sentence: &str) -> Response {
	(status, axum::Json(serde_json::json!({ "error": sentence }))).into_response()
}

/// The account a sign-in request names (SS58) and the chain at the finalized head, or the
/// refusal to send.
fn account_and_view(
	app: &App,
	account: &str,
) -> Result<(subxt::utils::AccountId32, View), Response> {
	let account = account
		.trim()
		.parse::<subxt::utils::AccountId32>()
		.map_err(|_| refused(StatusCode::BAD_REQUEST, "This is not an account address (SS58)."))?;
	let view = View::of(&app.node)
		.map_err(|problem| refused(StatusCode::SERVICE_UNAVAILABLE, &problem.sentence))?;
	Ok((account, view))
}

async fn challenge(
	State(app): State<Arc<App>>,
	axum::Json(request): axum::Json<ChallengeRequest>,
) -> Response {
	let (account, view) = match account_and_view(&app, &request.account) {
		Ok(found) => found,
		Err(refusal) => return refusal,
	};
	let (nonce, message) = app.sessions.challenge(view.client.subxt().genesis_hash(), &account);
	axum::Json(serde_json::json!({ "nonce": nonce, "message": message })).into_response()
}

async fn sign_in(
	State(app): State<Arc<App>>,
	headers: HeaderMap,
	axum::Json(request): axum::Json<SignInRequest>,
) -> Response {
	let (account, view) = match account_and_view(&app, &request.account) {
		Ok(found) => found,
		Err(refusal) => return refusal,
	};
	let Ok(_permit) = app.sign_ins.clone().try_acquire_owned() else {
		return refused(
			StatusCode::SERVICE_UNAVAILABLE,
			"The dashboard is checking many sign-ins right now: try again in a moment.",
		);
	};
	let current = app.sessions.cookie(&headers);
	let signed = app
		.sessions
		.sign_in(&view.client, account, &request.nonce, &request.signature, current.as_deref())
		.await;
	match signed {
		Ok((id, session)) => {
			let mut response = axum::Json(serde_json::json!({
				"account": session.account.to_string(),
				"org": session.org,
				"name": session.org_name,
				"roles": session.roles,
			}))
			.into_response();
			let cookie = app.sessions.set_cookie(&id);
			if let Ok(value) = HeaderValue::from_str(&cookie) {
				response.headers_mut().insert(header::SET_COOKIE, value);
			}
			response
		},
		Err(refusal) => refused(StatusCode::FORBIDDEN, &refusal.0),
	}
}

/// An action's form: the session's token.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ActionForm {
	csrf: String,
}

async fn sign_out(
	State(app): State<Arc<App>>,
	headers: HeaderMap,
	axum::Form(form): axum::Form<ActionForm>,
) -> Response {
	match app.sessions.acting(&headers, &form.csrf) {
		Ok((id, _)) => {
			app.sessions.sign_out(&id);
			let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
			if let Ok(value) = HeaderValue::from_str(&app.sessions.clear_cookie()) {
				response.headers_mut().insert(header::SET_COOKIE, value);
			}
			response
		},
		Err(refusal) => {
			let problem = Problem { status: 403, sentence: refusal.0 };
			app.respond(&headers, Tab::Overview, "Sign out", String::new(), Err(problem), false)
		},
	}
}

async fn network(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
	let content = app.read(async |view| pages::network::render(view).await).await;
	app.respond(&headers, Tab::Network, "Network", String::new(), content, true)
}

/// One event per change of the node's state: `block` with the finalized head's number, or
/// `down` with the reason in a sentence. Beyond [`Capacity::event_streams`] open streams, a
/// sentence with 503: the page then refreshes itself on a timer.
async fn events(State(app): State<Arc<App>>) -> Response {
	match app.event_streams.clone().try_acquire_owned() {
		Ok(permit) => follow(&app, permit).into_response(),
		Err(_) => (
			StatusCode::SERVICE_UNAVAILABLE,
			[(header::RETRY_AFTER, "30")],
			"The dashboard is following as many pages as it can: this page refreshes every 30 \
			 seconds instead of with each block.",
		)
			.into_response(),
	}
}

/// The event stream of [`events`]; it holds `permit` until the visitor leaves.
fn follow(
	app: &App,
	permit: OwnedSemaphorePermit,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
	let watch = app.node.watch();
	let node = app.node.clone();
	let stream = futures::stream::unfold(
		(watch, node, true, permit),
		|(mut watch, node, first, permit)| async move {
			if !first && watch.changed().await.is_err() {
				return None;
			}
			let status = watch.borrow_and_update().clone();
			let sentence = node.sentence(&status);
			let event = match status {
				Status::Up { number, .. } => Event::default().event("block").data(
					serde_json::json!({ "finalized": number, "sentence": sentence }).to_string(),
				),
				_ => Event::default()
					.event("down")
					.data(serde_json::json!({ "sentence": sentence }).to_string()),
			};
			Some((Ok(event), (watch, node, false, permit)))
		},
	);
	Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The service worker that keeps the facility's form and the pages' files for a lost
/// connection; served from the root so that it covers the form. Its cache is named after the
/// files it keeps, so that a dashboard with new files makes browsers install a new worker,
/// which drops the old cache.
async fn service_worker() -> Response {
	static WORKER: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
		let files: [&[u8]; 6] = [
			include_bytes!("../static/sw.js"),
			include_bytes!("../static/dashboard.css"),
			include_bytes!("../static/dashboard.js"),
			include_bytes!("../static/work.js"),
			include_bytes!("../static/uPlot.iife.min.js"),
			include_bytes!("../static/uPlot.min.css"),
		];
		let hash = sp_crypto_hashing::blake2_256(&files.concat());
		include_str!("../static/sw.js").replace(
			"const CACHE = 'healthnet';",
			&format!("const CACHE = 'healthnet-{}';", hex::encode(&hash[..8])),
		)
	});
	(
		[(header::CONTENT_TYPE, "text/javascript"), (header::CACHE_CONTROL, "no-cache")],
		WORKER.as_str(),
	)
		.into_response()
}

/// The files the pages load, built into the binary: no network at run time.
async fn asset(Path(file): Path<String>) -> Response {
	let (body, kind): (&'static [u8], &str) = match file.as_str() {
		"dashboard.js" => (include_bytes!("../static/dashboard.js"), "text/javascript"),
		"dashboard.css" => (include_bytes!("../static/dashboard.css"), "text/css"),
		"uPlot.iife.min.js" => (include_bytes!("../static/uPlot.iife.min.js"), "text/javascript"),
		"uPlot.min.css" => (include_bytes!("../static/uPlot.min.css"), "text/css"),
		"sign-in.js" => (include_bytes!("../static/sign-in.js"), "text/javascript"),
		"work.js" => (include_bytes!("../static/work.js"), "text/javascript"),
		"issue.js" => (include_bytes!("../static/issue.js"), "text/javascript"),
		_ => return (StatusCode::NOT_FOUND, "no such file").into_response(),
	};
	([(header::CONTENT_TYPE, kind)], body).into_response()
}

async fn not_found(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
	let problem = Problem::no_page("There is no such page: choose one from the navigation above.");
	app.respond(&headers, Tab::Overview, "Not found", String::new(), Err(problem), false)
}

#[cfg(test)]
mod tests;
