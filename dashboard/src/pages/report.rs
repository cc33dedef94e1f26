//! The facility's form: every notifiable disease of a period on one page, the previous
//! period's counts beside each field, checked before anything is signed; what is new goes in
//! one transaction (`submit_reports`), what changed since the facility's last version as an
//! amendment each. The page keeps what is typed in the browser until the form is final, so a
//! closed tab loses nothing.

use std::sync::Arc;

use axum::{
	extract::{Query, State},
	http::{HeaderMap, StatusCode},
	response::{IntoResponse, Response},
};
use healthnet_client::{
	period,
	surveillance::{self, FormEntry},
};
use healthnet_primitives::surveillance::{Counts, Period};

use crate::{
	html::{self, esc, notice, Tab},
	node::{Problem, View},
	refused,
	session::Session,
	writes::{self, Standing},
	App,
};

/// The diseases the form lists unless the operator names others (`--form-diseases`): ICD-11
/// codes with the names a clerk knows.
pub const NOTIFIABLE: [(&str, &str); 4] = [
	("RA01", "COVID-19"),
	("1A00", "Cholera"),
	("1F03", "Measles"),
	("1F40", "Malaria (P. falciparum)"),
];

/// The form's diseases from `--form-disease CODE=Name` arguments, or a sentence naming the
/// first that cannot be one.
pub fn form_diseases(args: &[String]) -> Result<Vec<(String, String)>, String> {
	let mut diseases: Vec<(String, String)> = Vec::new();
	for arg in args {
		let (code, name) =
			arg.split_once('=').map(|(c, n)| (c.trim(), n.trim())).ok_or_else(|| {
				format!("--form-disease {arg}: give the disease as CODE=Name, such as 1A00=Cholera")
			})?;
		if !healthnet_primitives::surveillance::disease_code_is_well_formed(code.as_bytes())
			|| code.len() > 16
		{
			return Err(format!(
				"--form-disease {arg}: {code} is not a disease code (2 to 16 uppercase letters \
				 and digits, at most one dot inside, as ICD-11 writes them)"
			));
		}
		if name.is_empty() || name.len() > 80 {
			return Err(format!(
				"--form-disease {arg}: give the disease's name, of at most 80 characters"
			));
		}
		if diseases.iter().any(|(c, _)| c == code) {
			return Err(format!("--form-disease {code} is given twice"));
		}
		diseases.push((code.into(), name.into()));
	}
	if diseases.len() > surveillance::MAX_DISEASES_PER_FORM {
		return Err(format!(
			"the form lists {} diseases; one form takes at most {}",
			diseases.len(),
			surveillance::MAX_DISEASES_PER_FORM
		));
	}
	Ok(diseases)
}

/// The fields of a disease's counts: their name in the form and their label.
pub const FIELDS: [(&str, &str); 7] = [
	("suspected", "Suspected cases"),
	("confirmed", "Confirmed cases"),
	("deaths", "Deaths"),
	("recovered", "Recovered"),
	("hospitalised", "Hospitalised"),
	("tests_performed", "Tests performed"),
	("tests_positive", "Tests positive"),
];

/// The form's choice: the period (a date; yesterday when empty) and how many days a period
/// spans for "previous" (1 for a daily form, 7 for a weekly one).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct FormChoice {
	period: String,
	every: String,
}

impl FormChoice {
	fn period(&self) -> Result<Period, Problem> {
		match self.period.trim() {
			"" => Ok(period::today().saturating_sub(1)),
			text => period::parse(text).map_err(|e| Problem::bad_input(e.to_string())),
		}
	}

	fn every(&self) -> u32 {
		if self.every.trim() == "7" {
			7
		} else {
			1
		}
	}
}

/// The value of `field` in `counts`.
fn value(counts: &Counts, field: &str) -> u32 {
	match field {
		"suspected" => counts.suspected,
		"confirmed" => counts.confirmed,
		"deaths" => counts.deaths,
		"recovered" => counts.recovered,
		"hospitalised" => counts.hospitalised,
		"tests_performed" => counts.tests_performed,
		_ => counts.tests_positive,
	}
}

/// `counts` as the chain's calls take them.
fn chain(
	counts: &Counts,
) -> healthnet_client::api::runtime_types::healthnet_primitives::surveillance::Counts {
	surveillance::counts(
		counts.suspected,
		counts.confirmed,
		counts.deaths,
		counts.recovered,
		counts.hospitalised,
		counts.tests_performed,
		counts.tests_positive,
	)
}

/// What one disease's counts must satisfy before they are signed, as a sentence when they do
/// not: deaths, hospitalisations and recoveries among the period's cases (suspected and
/// confirmed), positive tests among the tests performed.
pub fn check(name: &str, counts: &Counts) -> Result<(), String> {
	let cases = u64::from(counts.suspected) + u64::from(counts.confirmed);
	let among = |count: u32, what: &str| {
		if u64::from(count) > cases {
			Err(format!(
				"{name}: {count} {what} is more than the {cases} cases (suspected and confirmed) \
				 reported for the period."
			))
		} else {
			Ok(())
		}
	};
	among(counts.deaths, "deaths")?;
	among(counts.hospitalised, "hospitalised")?;
	among(counts.recovered, "recovered")?;
	if counts.tests_positive > counts.tests_performed {
		return Err(format!(
			"{name}: {} positive tests is more than the {} tests performed.",
			counts.tests_positive, counts.tests_performed
		));
	}
	Ok(())
}

/// The form page, for a signed-in reporter of a facility; a sentence otherwise.
pub async fn page(
	State(app): State<Arc<App>>,
	Query(choice): Query<FormChoice>,
	headers: HeaderMap,
) -> Response {
	let session = app.sessions.of(&headers).map(|(_, session)| session);
	let content = match &session {
		None => Ok(notice(
			"info",
			"Sign in with your facility's account to fill its form: Sign in, at the top of the page.",
		)),
		Some(session) => app.read(async |view| render(view, session, &choice, &app.diseases).await).await,
	};
	app.respond(&headers, Tab::Report, "Report", String::new(), content, false)
}

async fn render(
	view: &View,
	session: &Session,
	choice: &FormChoice,
	diseases: &[(String, String)],
) -> Result<String, Problem> {
	let standing = writes::standing(&view.client, session).await.map_err(Problem::forbidden)?;
	writes::may(&standing, "report cases", "reporter", Some("report-cases"))
		.map_err(Problem::forbidden)?;
	let period = choice.period()?;
	let every = choice.every();
	let previous = period.saturating_sub(every);
	let mut fieldsets = String::new();
	for (code, name) in diseases {
		let now = view.client.report_history(standing.org, code, period).await?;
		let before = view.client.report_history(standing.org, code, previous).await?;
		let latest = |history: &Option<healthnet_primitives::surveillance::ReportHistory<_>>| {
			history.as_ref().and_then(|h| h.versions.last().map(|v| v.counts))
		};
		let (current, before) = (latest(&now), latest(&before));
		let state = match &now {
			Some(history) => format!(
				"Reported (version {}, {}): a change is sent as an amendment.",
				history.report.version,
				html::words(history.report.status)
			),
			None => "Not reported yet.".into(),
		};
		let mut inputs = String::new();
		for (field, label) in FIELDS {
			let id = format!("{code}-{field}");
			let typed = current.map(|c| value(&c, field).to_string()).unwrap_or_default();
			let hint = match before {
				Some(c) => format!("previous: {}", value(&c, field)),
				None => "previous: none".into(),
			};
			inputs.push_str(&format!(
				"<div class=\"field\"><label for=\"{id}\">{label}</label>\
				 <input id=\"{id}\" name=\"{field}\" type=\"number\" min=\"0\" step=\"1\" \
				 inputmode=\"numeric\" value=\"{typed}\" aria-describedby=\"{id}-before\">\
				 <small id=\"{id}-before\">{hint}</small></div>",
				id = esc(&id),
				typed = esc(&typed),
			));
		}
		fieldsets.push_str(&format!(
			"<fieldset class=\"disease\" data-disease=\"{code}\" data-name=\"{name}\" \
			 data-reported=\"{reported}\"><legend>{name} <span class=\"code\">{code}</span></legend>\
			 <p class=\"state\">{state}</p><div class=\"fields\">{inputs}</div></fieldset>",
			code = esc(code),
			name = esc(name),
			reported = now.is_some(),
			state = esc(&state),
		));
	}
	let choices = format!(
		"<form class=\"choice\" method=\"get\" action=\"/report\">\
		 <label>Period <input type=\"date\" name=\"period\" value=\"{date}\"></label>\
		 <label>Form <select name=\"every\"><option value=\"1\"{daily}>daily</option>\
		 <option value=\"7\"{weekly}>weekly</option></select></label>\
		 <button type=\"submit\">Open</button></form>",
		date = period::date(period),
		daily = if every == 1 { " selected" } else { "" },
		weekly = if every == 7 { " selected" } else { "" },
	);
	Ok(format!(
		"{choices}<p>{org}'s form for {day}; beside each field, the counts of {prev}.</p>\
		 <form id=\"report-form\" class=\"work\" data-org=\"{org_id}\" data-period=\"{period}\" \
		 data-genesis=\"{genesis:?}\" data-account=\"{account}\" novalidate>\
		 {fieldsets}<div id=\"form-errors\" role=\"alert\"></div>\
		 <button type=\"submit\">Check and sign</button></form>\
		 <ol id=\"write-status\" aria-live=\"polite\"></ol>\
		 <section id=\"queue\" aria-labelledby=\"queue-title\" hidden><h2 id=\"queue-title\">Signed \
		 offline, waiting for the connection</h2><ul></ul></section>\
		 <script src=\"/static/work.js\"></script>",
		org = esc(&standing.name),
		org_id = standing.org,
		day = html::date(period),
		prev = html::date(previous),
		genesis = view.client.subxt().genesis_hash(),
		account = session.account,
	))
}

/// One disease of the form as the page sends it.
#[derive(serde::Deserialize)]
pub struct EntryRequest {
	disease: String,
	#[serde(default)]
	counts: Counts,
}

/// The form as the page sends it, with the session's token.
#[derive(serde::Deserialize)]
pub struct FormRequest {
	csrf: String,
	period: Period,
	entries: Vec<EntryRequest>,
}

/// `POST /report`: checks the form and prepares its transactions for the wallet.
pub async fn submit(
	State(app): State<Arc<App>>,
	headers: HeaderMap,
	axum::Json(form): axum::Json<FormRequest>,
) -> Response {
	let rule =
		writes::Rule { act: "report cases", role: "reporter", capability: Some("report-cases") };
	let (session_id, session, view, standing) =
		match writes::member(&app, &headers, &form.csrf, Some(rule)).await {
			Ok(member) => member,
			Err(refusal) => return refusal,
		};
	let calls = match calls(&view, &standing, &session, &form, &app.diseases).await {
		Ok(calls) => calls,
		Err(sentence) => return refused(StatusCode::UNPROCESSABLE_ENTITY, &sentence),
	};
	writes::answer(&app, &session_id, &view.client, calls).await
}

/// The transactions `form` needs: one for the diseases not reported yet, one amendment per
/// disease whose counts changed; a sentence for the first thing wrong.
async fn calls(
	view: &View,
	standing: &Standing,
	session: &Session,
	form: &FormRequest,
	diseases: &[(String, String)],
) -> Result<Vec<(String, healthnet_client::wallet::Unsigned)>, String> {
	let today = period::today();
	if form.period >= today {
		return Err(format!(
			"A period is reported once it is over: {} is not over yet.",
			period::date(form.period)
		));
	}
	if form.entries.is_empty() {
		return Err("The form has no disease filled in: nothing to sign.".into());
	}
	let mut new = Vec::new();
	let mut calls = Vec::new();
	for (index, entry) in form.entries.iter().enumerate() {
		let Some((code, name)) = diseases.iter().find(|(code, _)| *code == entry.disease) else {
			return Err(format!("{} is not a disease of this form.", entry.disease));
		};
		if form.entries[..index].iter().any(|e| e.disease == entry.disease) {
			return Err(format!("{name} is in the form twice."));
		}
		check(name, &entry.counts)?;
		let history = view
			.client
			.report_history(standing.org, code, form.period)
			.await
			.map_err(|e| e.to_string())?;
		match history.and_then(|h| h.versions.last().cloned()) {
			None => new.push(FormEntry {
				disease: code.clone(),
				counts: chain(&entry.counts),
				variants: vec![],
			}),
			Some(latest) if latest.counts == entry.counts => {},
			Some(latest) => {
				let call = surveillance::amend_report(
					standing.org,
					code,
					form.period,
					chain(&entry.counts),
					latest.variants,
				);
				let unsigned = view
					.client
					.unsigned(&call, &session.account)
					.await
					.map_err(|e| e.to_string())?;
				calls.push((format!("Amend {name} for {}", period::date(form.period)), unsigned));
			},
		}
	}
	if !new.is_empty() {
		let names: Vec<&str> = new
			.iter()
			.filter_map(|e| diseases.iter().find(|(code, _)| *code == e.disease))
			.map(|(_, name)| name.as_str())
			.collect();
		let what = format!("Report {} for {}", names.join(", "), period::date(form.period));
		let call = surveillance::submit_reports(form.period, new);
		let unsigned =
			view.client.unsigned(&call, &session.account).await.map_err(|e| e.to_string())?;
		calls.insert(0, (what, unsigned));
	}
	if calls.is_empty() {
		return Err("Nothing changed since the facility's last version: nothing to sign.".into());
	}
	Ok(calls)
}

/// A form signed offline in the browser, as the page's queue relays it, with the session's
/// token.
#[derive(serde::Deserialize)]
pub struct RelayRequest {
	csrf: String,
	form: healthnet_client::offline::form::SignedForm,
	/// Only whether the chain holds the form already; nothing is prepared.
	#[serde(default)]
	check: bool,
}

/// How much of a form signed offline the chain holds already.
enum OnChain {
	/// None of its diseases for its day.
	Nothing,
	/// Every disease, as the form's first versions: it was relayed.
	All,
	/// Some, or other counts: the form cannot be relayed; the sentence says why.
	Other(String),
}

/// What the chain holds of `form`'s reports, at the finalized head.
async fn on_chain(
	view: &View,
	form: &healthnet_client::offline::form::SignedForm,
	names: &[&str],
) -> Result<OnChain, healthnet_client::Error> {
	let (mut same, mut held) = (0, Vec::new());
	for (entry, name) in form.reports.iter().zip(names) {
		if let Some(history) =
			view.client.report_history(form.org, &entry.disease, form.period).await?
		{
			if history.versions.first().is_some_and(|first| first.counts == entry.counts) {
				same += 1;
			}
			held.push(*name);
		}
	}
	Ok(match (held.len(), same == form.reports.len()) {
		(0, _) => OnChain::Nothing,
		(_, true) => OnChain::All,
		_ => OnChain::Other(format!(
			"The chain already holds a report of {} for {} from this facility, so this form \
			 cannot be relayed: if its counts are right, enter them on the form page as an \
			 amendment.",
			held.join(", "),
			period::date(form.period)
		)),
	})
}

/// Whether `form`'s signature is its signer's: over its message as it is, or as a browser
/// wallet signs raw bytes (wrapped in `<Bytes>` and `</Bytes>`), as the chain takes it.
fn signed_form(form: &healthnet_client::offline::form::SignedForm) -> bool {
	use sp_core::Pair;
	let Some(signature) = hex::decode(form.signature.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
	else {
		return false;
	};
	let message = form.message();
	let wrapped = [b"<Bytes>".as_slice(), &message, b"</Bytes>"].concat();
	let signature = sp_core::sr25519::Signature::from_raw(signature);
	let public = sp_core::sr25519::Public::from_raw(form.signer.0);
	sp_core::sr25519::Pair::verify(&signature, &message, &public)
		|| sp_core::sr25519::Pair::verify(&signature, &wrapped, &public)
}

/// `POST /report/relay`: a form the page signed offline and queued, now that the connection is
/// back: checked, then prepared as the signed-in member's relay for the wallet.
pub async fn relay(
	State(app): State<Arc<App>>,
	headers: HeaderMap,
	axum::Json(request): axum::Json<RelayRequest>,
) -> Response {
	let (session_id, session, view, _) =
		match writes::member(&app, &headers, &request.csrf, None).await {
			Ok(member) => member,
			Err(refusal) => return refusal,
		};
	let form = &request.form;
	if form.genesis != view.client.subxt().genesis_hash() {
		return refused(
			StatusCode::UNPROCESSABLE_ENTITY,
			"This form was signed for another chain: it cannot be relayed here.",
		);
	}
	if !signed_form(form) {
		return refused(
			StatusCode::UNPROCESSABLE_ENTITY,
			&format!(
				"This form's signature is not {}'s sr25519 signature of it (forms signed offline \
				 are signed with an sr25519 key): it cannot be relayed.",
				form.signer
			),
		);
	}
	let names: Vec<&str> = form
		.reports
		.iter()
		.map(|entry| {
			app.diseases
				.iter()
				.find(|(code, _)| *code == entry.disease)
				.map_or(entry.disease.as_str(), |(_, name)| name.as_str())
		})
		.collect();
	let what = format!(
		"Relay the form signed offline: {} for {}",
		names.join(", "),
		period::date(form.period)
	);
	// A relay whose answer was lost, or another tab's, may have put it on the chain already:
	// the page then drops it from its queue, as done.
	let unreachable = |e: healthnet_client::Error| {
		refused(StatusCode::SERVICE_UNAVAILABLE, &writes::capitalised(&e.to_string()))
	};
	match on_chain(&view, form, &names).await {
		Ok(OnChain::All) => {
			let sentence = format!(
				"{} for {}: on the chain already.",
				names.join(", "),
				period::date(form.period)
			);
			return axum::Json(serde_json::json!({ "done": true, "sentence": sentence }))
				.into_response();
		},
		Ok(OnChain::Other(sentence)) => return refused(StatusCode::CONFLICT, &sentence),
		Ok(OnChain::Nothing) if request.check => {
			return axum::Json(serde_json::json!({ "done": false })).into_response()
		},
		Ok(OnChain::Nothing) => {},
		Err(e) => return unreachable(e),
	}
	let unsigned = match healthnet_client::offline::form::relay_form(form) {
		Ok(call) => view.client.unsigned(&call, &session.account).await,
		Err(e) => Err(e),
	};
	let unsigned = match unsigned {
		Ok(unsigned) => unsigned,
		Err(e @ healthnet_client::Error::Node(_)) => return unreachable(e),
		Err(e) => {
			return refused(StatusCode::UNPROCESSABLE_ENTITY, &writes::capitalised(&e.to_string()))
		},
	};
	writes::answer(&app, &session_id, &view.client, vec![(what, unsigned)]).await
}
