//! The reviewer's queue: the reports of a period awaiting approval from the facilities in the
//! reviewer's authority's region, each with its counts, to approve or to reject with a reason;
//! every decision is a transaction the reviewer's wallet signs.

use std::sync::Arc;

use axum::{
	extract::{Query, State},
	http::{HeaderMap, StatusCode},
	response::Response,
};
use healthnet_client::{period, surveillance};
use healthnet_primitives::{registry::region_contains, surveillance::Period, OrgId};

use crate::{
	html::{self, esc, notice, Tab},
	node::{Problem, View},
	refused,
	writes::{self, Standing},
	App,
};

/// The reasons a reviewer may give, as the chain lists them: the word the page sends and the
/// sentence it shows.
pub const REASONS: [(&str, &str); 5] = [
	("incomplete-counts", "Counts missing or left at zero"),
	("implausible-counts", "Counts not plausible for the facility"),
	("wrong-disease", "Cases of another disease"),
	("wrong-period", "Cases of another period"),
	("duplicate", "Reported by another facility too"),
];

/// The queue's choice: the period (yesterday when empty).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ReviewChoice {
	period: String,
}

/// The facilities `standing`'s authority reviews: every organisation in its region but itself,
/// by id.
async fn facilities(view: &View, standing: &Standing) -> Result<Vec<(OrgId, String)>, Problem> {
	let registry = view.registry().await?;
	if registry.authorities.get(&standing.region) != Some(&standing.org) {
		return Err(Problem::forbidden(format!(
			"{} is not the authority of a region, so it reviews no reports.",
			standing.name
		)));
	}
	Ok(registry
		.organisations
		.iter()
		.filter(|(org, (_, region))| {
			**org != standing.org && region_contains(standing.region.as_bytes(), region.as_bytes())
		})
		.map(|(org, (name, _))| (*org, name.clone()))
		.collect())
}

/// The queue page, for a signed-in reviewer of an authority.
pub async fn page(
	State(app): State<Arc<App>>,
	Query(choice): Query<ReviewChoice>,
	headers: HeaderMap,
) -> Response {
	let content = match app.sessions.of(&headers) {
		None => Ok(notice(
			"info",
			"Sign in with your authority's account to review its facilities' reports: Sign \
			 in, at the top of the page.",
		)),
		Some((_, session)) => {
			app.read(async |view| {
				let standing =
					writes::standing(&view.client, &session).await.map_err(Problem::forbidden)?;
				writes::may(&standing, "review reports", "reviewer", None)
					.map_err(Problem::forbidden)?;
				render(view, &standing, &choice, &app.diseases).await
			})
			.await
		},
	};
	app.respond(&headers, Tab::Review, "Review", String::new(), content, false)
}

async fn render(
	view: &View,
	standing: &Standing,
	choice: &ReviewChoice,
	diseases: &[(String, String)],
) -> Result<String, Problem> {
	let period: Period = match choice.period.trim() {
		"" => period::today().saturating_sub(1),
		text => period::parse(text).map_err(|e| Problem::bad_input(e.to_string()))?,
	};
	let facilities = facilities(view, standing).await?;
	let options: String = REASONS
		.iter()
		.map(|(word, label)| format!("<option value=\"{word}\">{label}</option>"))
		.collect();
	let mut rows = Vec::new();
	for (org, name) in &facilities {
		for (code, disease) in diseases {
			let Some(history) = view.client.report_history(*org, code, period).await? else {
				continue;
			};
			if !matches!(
				history.report.status,
				healthnet_primitives::surveillance::ReportStatus::Pending
			) {
				continue;
			}
			let Some(latest) = history.versions.last() else { continue };
			let c = latest.counts;
			let id = format!("r-{org}-{code}");
			rows.push(format!(
				"<tr data-org=\"{org}\" data-disease=\"{code}\" data-period=\"{period}\" data-version=\"{version}\">\
				 <th scope=\"row\">{name}</th><td>{disease}</td><td class=\"num\">{version}</td>\
				 <td>suspected {s}, confirmed {cf}, deaths {d}, tests {t} ({p} positive)</td>\
				 <td class=\"decide\"><button type=\"button\" data-decision=\"approve\">Approve</button>\
				 <label for=\"{id}\">Reason</label><select id=\"{id}\">{options}</select>\
				 <button type=\"button\" data-decision=\"reject\">Reject</button></td></tr>",
				name = esc(name),
				code = esc(code),
				disease = esc(disease),
				version = history.report.version,
				s = c.suspected,
				cf = c.confirmed,
				d = c.deaths,
				t = c.tests_performed,
				p = c.tests_positive,
			));
		}
	}
	let choices = format!(
		"<form class=\"choice\" method=\"get\" action=\"/review\">\
		 <label>Period <input type=\"date\" name=\"period\" value=\"{}\"></label>\
		 <button type=\"submit\">Open</button></form>",
		period::date(period)
	);
	let queue = if rows.is_empty() {
		notice(
			"info",
			&format!(
				"No report of {} awaits review from the {} facilities of {}: choose another \
				 period.",
				html::date(period),
				facilities.len(),
				standing.name
			),
		)
	} else {
		html::table(
			"review-queue",
			&format!("Reports of {} awaiting review", html::date(period)),
			&["Facility", "Disease", "Version", "Counts", "Decision"],
			&rows,
		)
	};
	Ok(format!(
		"{choices}{queue}<ol id=\"write-status\" aria-live=\"polite\"></ol>\
		 <script src=\"/static/work.js\"></script>"
	))
}

/// A decision as the page sends it, with the session's token.
#[derive(serde::Deserialize)]
pub struct Decision {
	csrf: String,
	org: OrgId,
	disease: String,
	period: Period,
	/// The version the page showed: the decision is for it, and no other.
	version: u32,
	decision: String,
	#[serde(default)]
	reason: String,
}

/// `POST /review`: checks the decision and prepares its transaction for the wallet.
pub async fn decide(
	State(app): State<Arc<App>>,
	headers: HeaderMap,
	axum::Json(decision): axum::Json<Decision>,
) -> Response {
	let rule = writes::Rule { act: "review reports", role: "reviewer", capability: None };
	let (session_id, session, view, standing) =
		match writes::member(&app, &headers, &decision.csrf, Some(rule)).await {
			Ok(member) => member,
			Err(refusal) => return refusal,
		};
	let facilities = match facilities(&view, &standing).await {
		Ok(facilities) => facilities,
		Err(problem) => return refused(StatusCode::FORBIDDEN, &problem.sentence),
	};
	let Some((_, facility)) = facilities.iter().find(|(org, _)| *org == decision.org) else {
		return refused(
			StatusCode::FORBIDDEN,
			&format!(
				"Organisation {} is not a facility of {}'s region.",
				decision.org, standing.name
			),
		);
	};
	let day = period::date(decision.period);
	// The decision is for the version the reviewer saw: a report amended since is looked at
	// again first.
	let history =
		match view.client.report_history(decision.org, &decision.disease, decision.period).await {
			Ok(Some(history)) => history,
			Ok(None) => {
				return refused(
					StatusCode::NOT_FOUND,
					&format!("{facility} has no {} report for {day}.", decision.disease),
				)
			},
			Err(e) => {
				return refused(StatusCode::BAD_GATEWAY, &writes::capitalised(&e.to_string()))
			},
		};
	let pending =
		matches!(history.report.status, healthnet_primitives::surveillance::ReportStatus::Pending);
	if !pending || history.report.version != decision.version {
		return refused(
			StatusCode::CONFLICT,
			&format!(
				"{facility}'s {} report for {day} changed since your page showed it (it is now \
				 version {}, {}): nothing was prepared. Reload the queue and look at it again.",
				decision.disease,
				history.report.version,
				html::words(history.report.status)
			),
		);
	}
	let shown = history.versions.last().map(|v| v.counts).unwrap_or_default();
	let seen = format!(
		"version {} (suspected {}, confirmed {}, deaths {})",
		decision.version, shown.suspected, shown.confirmed, shown.deaths
	);
	let (what, unsigned) = match decision.decision.as_str() {
		"approve" => {
			let call =
				surveillance::approve_report(decision.org, &decision.disease, decision.period);
			(
				format!("Approve {facility}'s {} report for {day}, {seen}", decision.disease),
				view.client.unsigned(&call, &session.account).await,
			)
		},
		"reject" => {
			let reason = match surveillance::rejection_reason(&decision.reason) {
				Ok(reason) => reason,
				Err(e) => {
					return refused(
						StatusCode::UNPROCESSABLE_ENTITY,
						&writes::capitalised(&e.to_string()),
					)
				},
			};
			let call = surveillance::reject_report(
				decision.org,
				&decision.disease,
				decision.period,
				reason,
			);
			let label =
				REASONS.iter().find(|(word, _)| *word == decision.reason).map_or("", |(_, l)| l);
			(
				format!(
					"Reject {facility}'s {} report for {day}, {seen}: {label}",
					decision.disease
				),
				view.client.unsigned(&call, &session.account).await,
			)
		},
		other => {
			return refused(
				StatusCode::UNPROCESSABLE_ENTITY,
				&format!("{other} is not a decision: approve or reject."),
			)
		},
	};
	let unsigned = match unsigned {
		Ok(unsigned) => unsigned,
		Err(e) => {
			return refused(StatusCode::UNPROCESSABLE_ENTITY, &writes::capitalised(&e.to_string()))
		},
	};
	writes::answer(&app, &session_id, &view.client, vec![(what, unsigned)]).await
}
