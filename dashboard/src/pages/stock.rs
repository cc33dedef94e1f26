//! Stock, for a stock-keeper: the shipments on their way to the organisation, to accept (with
//! what arrived short, damaged or missing) or refuse; and its stock per lot, to record units
//! used (doses administered, units dispensed, tests used), wasted, or a physical count. Every
//! action is a transaction the stock-keeper's wallet signs.

use std::sync::Arc;

use axum::{
	extract::State,
	http::{HeaderMap, StatusCode},
	response::Response,
};
use healthnet_client::{api, period, supply};
use healthnet_primitives::supply::LotId;

use crate::{
	html::{self, esc, notice, Tab},
	node::{Problem, View},
	refused,
	writes::{self, Standing},
	App,
};

/// How many of the newest shipments the page looks through for those coming to the
/// organisation: shipments leave storage once accepted, refused or cancelled.
pub const NEWEST_SHIPMENTS: u32 = 256;

/// The ways units leave stock in use: the word the page sends and its label.
const USES: [(&str, &str); 3] = [
	("administered", "Doses administered"),
	("dispensed", "Dispensed"),
	("tests-used", "Tests used"),
];

/// Why units are wasted, or a count differs.
const WASTE: [(&str, &str); 6] = [
	("expired", "Expired"),
	("damaged", "Damaged"),
	("cold-chain-failure", "Cold-chain failure"),
	("lost", "Lost"),
	("stolen", "Stolen"),
	("returned", "Returned"),
];

fn options(list: &[(&str, &str)]) -> String {
	list.iter().map(|(word, label)| format!("<option value=\"{word}\">{label}</option>")).collect()
}

/// A lot as a person names it: the product's kind, and the lot's number.
async fn lot_name(view: &View, lot: LotId) -> String {
	match view.client.lot(lot).await {
		Ok(Some(found)) => format!("lot {} ({})", String::from_utf8_lossy(&found.number), lot),
		_ => format!("lot {lot}"),
	}
}

/// The stock page, for a signed-in stock-keeper.
pub async fn page(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
	let content = match app.sessions.of(&headers) {
		None => Ok(notice(
			"info",
			"Sign in with your organisation's account to handle its stock: Sign in, at the top \
			 of the page.",
		)),
		Some((_, session)) => {
			app.read(async |view| {
				let standing =
					writes::standing(&view.client, &session).await.map_err(Problem::forbidden)?;
				writes::may(&standing, "handle stock", "stock-keeper", Some("hold-stock"))
					.map_err(Problem::forbidden)?;
				render(view, &standing).await
			})
			.await
		},
	};
	app.respond(&headers, Tab::Stock, "Stock", String::new(), content, false)
}

async fn render(view: &View, standing: &Standing) -> Result<String, Problem> {
	let at = view.client.subxt().at_block(view.block).await.map_err(Problem::unreadable)?;
	let next: u32 = match at
		.storage()
		.try_fetch(api::storage().supply().next_shipment_id(), ())
		.await
		.map_err(Problem::unreadable)?
	{
		Some(value) => value.decode().map_err(Problem::unreadable)?,
		None => 0,
	};
	let registry = view.registry().await?;
	let mut shipments = String::new();
	for id in (next.saturating_sub(NEWEST_SHIPMENTS)..next).rev() {
		let Some(value) = at
			.storage()
			.try_fetch(api::storage().supply().shipments(), (id,))
			.await
			.map_err(Problem::unreadable)?
		else {
			continue;
		};
		let shipment = value.decode().map_err(Problem::unreadable)?;
		if shipment.to != standing.org {
			continue;
		}
		let from =
			registry.organisations.get(&shipment.from).map_or("?", |(name, _)| name.as_str());
		let mut rows = Vec::new();
		for (lot, sent, quarantined) in shipment.items.0 {
			let field = format!("short-{id}-{lot}");
			rows.push(format!(
				"<tr data-lot=\"{lot}\"><th scope=\"row\">{name}</th><td class=\"num\">{sent}</td>\
				 <td class=\"num\">{quarantined}</td><td><label for=\"{field}\">Short</label> \
				 <input id=\"{field}\" class=\"short\" type=\"number\" min=\"0\" max=\"{sent}\" \
				 inputmode=\"numeric\" value=\"0\"> <label for=\"{field}-why\">because</label> \
				 <select id=\"{field}-why\"><option value=\"missing\">missing</option>\
				 <option value=\"damaged\">damaged</option></select></td></tr>",
				name = esc(&lot_name(view, lot).await),
			));
		}
		shipments.push_str(&format!(
			"<section class=\"shipment\" data-shipment=\"{id}\" aria-labelledby=\"shipment-{id}\">\
			 <h3 id=\"shipment-{id}\">Shipment {id} from {from}</h3>{table}\
			 <p><button type=\"button\" data-action=\"accept\">Accept</button> \
			 <button type=\"button\" data-action=\"refuse\">Refuse</button></p></section>",
			from = esc(from),
			table = html::table(
				&format!("shipment-{id}-items"),
				"What was sent, and what arrived short",
				&["Lot", "Sent", "Quarantined", "Arrived short"],
				&rows
			),
		));
	}
	if shipments.is_empty() {
		shipments = notice(
			"info",
			&format!(
				"No shipment is on its way to {} among the chain's newest {NEWEST_SHIPMENTS}.",
				standing.name
			),
		);
	}
	let holdings = view.client.stock(standing.org).await?;
	let mut rows = Vec::new();
	let today = period::date(period::today());
	for holding in holdings {
		let lot = holding.lot;
		let f = holding.figures;
		rows.push(format!(
			"<tr data-lot=\"{lot}\"><th scope=\"row\">{name}</th><td class=\"num\">{available}</td>\
			 <td class=\"num\">{quarantined}</td><td class=\"num\">{expired}</td>\
			 <td class=\"record\"><label for=\"n-{lot}\">Units</label> \
			 <input id=\"n-{lot}\" class=\"quantity\" type=\"number\" min=\"0\" inputmode=\"numeric\"> \
			 <label for=\"use-{lot}\">used as</label> <select id=\"use-{lot}\" class=\"use\">{uses}</select> \
			 <label for=\"day-{lot}\">on</label> <input id=\"day-{lot}\" class=\"day\" type=\"date\" value=\"{today}\"> \
			 <button type=\"button\" data-action=\"use\">Record use</button> \
			 <label for=\"why-{lot}\">Waste or count reason</label> <select id=\"why-{lot}\" class=\"why\">{waste}</select> \
			 <button type=\"button\" data-action=\"waste\">Record waste</button> \
			 <button type=\"button\" data-action=\"count\">Record a count of this many</button></td></tr>",
			name = esc(&lot_name(view, lot).await),
			available = html::number(f.available),
			quarantined = html::number(f.quarantined),
			expired = html::number(f.expired),
			uses = options(&USES),
			waste = options(&WASTE),
		));
	}
	let stock = if rows.is_empty() {
		notice("info", &format!("{} holds no stock yet: accept a shipment first.", standing.name))
	} else {
		html::table(
			"stock",
			&format!("{}'s stock", standing.name),
			&["Lot", "Available", "Quarantined", "Expired", "Record"],
			&rows,
		)
	};
	Ok(format!(
		"<h2>Shipments to accept</h2><div id=\"shipments\">{shipments}</div>\
		 <h2>Stock</h2>{stock}<ol id=\"write-status\" aria-live=\"polite\"></ol>\
		 <script src=\"/static/work.js\"></script>"
	))
}

/// One lot short on arrival, as the page sends it.
#[derive(serde::Deserialize)]
pub struct Short {
	lot: LotId,
	short: u32,
	why: String,
}

/// A stock action as the page sends it, with the session's token.
#[derive(serde::Deserialize)]
pub struct Action {
	csrf: String,
	action: String,
	#[serde(default)]
	shipment: u32,
	#[serde(default)]
	shortfalls: Vec<Short>,
	#[serde(default)]
	lot: LotId,
	#[serde(default)]
	quantity: u32,
	#[serde(default)]
	kind: String,
	#[serde(default)]
	day: String,
	#[serde(default)]
	reason: String,
}

/// `POST /stock`: checks the action and prepares its transaction for the wallet.
pub async fn act(
	State(app): State<Arc<App>>,
	headers: HeaderMap,
	axum::Json(action): axum::Json<Action>,
) -> Response {
	let rule =
		writes::Rule { act: "handle stock", role: "stock-keeper", capability: Some("hold-stock") };
	let (session_id, session, view, _) =
		match writes::member(&app, &headers, &action.csrf, Some(rule)).await {
			Ok(member) => member,
			Err(refusal) => return refusal,
		};
	let prepared = match call(&view, &action, &session.account).await {
		Ok(call) => call,
		Err(sentence) => return refused(StatusCode::UNPROCESSABLE_ENTITY, &sentence),
	};
	writes::answer(&app, &session_id, &view.client, vec![prepared]).await
}

/// The transaction `action` asks for, with what it does in a sentence.
async fn call(
	view: &View,
	action: &Action,
	account: &subxt::utils::AccountId32,
) -> Result<(String, healthnet_client::wallet::Unsigned), String> {
	let text = |e: healthnet_client::Error| writes::capitalised(&e.to_string());
	let lot = lot_name(view, action.lot).await;
	let (what, unsigned) = match action.action.as_str() {
		"accept" => {
			let mut shortfalls = Vec::new();
			for short in action.shortfalls.iter().filter(|s| s.short > 0) {
				shortfalls.push((
					short.lot,
					short.short,
					supply::discrepancy(&short.why).map_err(text)?,
				));
			}
			let missing: u64 = shortfalls.iter().map(|(_, short, _)| u64::from(*short)).sum();
			let call = supply::accept_shipment(action.shipment, shortfalls).map_err(text)?;
			let what = match missing {
				0 => format!("Accept shipment {}", action.shipment),
				n => format!("Accept shipment {}, {n} units short", action.shipment),
			};
			(what, view.client.unsigned(&call, account).await)
		},
		"refuse" => {
			let call = supply::refuse_shipment(action.shipment);
			(
				format!("Refuse shipment {}", action.shipment),
				view.client.unsigned(&call, account).await,
			)
		},
		"use" | "waste" | "count" if action.quantity == 0 && action.action != "count" => {
			return Err("Give how many units: at least 1.".into())
		},
		"use" => {
			let kind = supply::use_kind(&action.kind).map_err(text)?;
			let day = period::parse(action.day.trim()).map_err(text)?;
			if day > period::today() {
				return Err(format!(
					"{} is in the future: record a use on the day it happened.",
					period::date(day)
				));
			}
			let call = supply::record_use(action.lot, action.quantity, kind, day).map_err(text)?;
			let label = USES.iter().find(|(w, _)| *w == action.kind).map_or("used", |(_, l)| l);
			let what = format!("{label}: {} of {lot} on {}", action.quantity, period::date(day));
			(what, view.client.unsigned(&call, account).await)
		},
		"waste" => {
			let reason = supply::waste_reason(&action.reason).map_err(text)?;
			let call = supply::record_waste(action.lot, action.quantity, reason).map_err(text)?;
			(
				format!("Waste {} of {lot}", action.quantity),
				view.client.unsigned(&call, account).await,
			)
		},
		"count" => {
			let reason = supply::waste_reason(&action.reason).map_err(text)?;
			let call = supply::record_count(action.lot, action.quantity, reason).map_err(text)?;
			(
				format!("Count of {lot}: {}", action.quantity),
				view.client.unsigned(&call, account).await,
			)
		},
		other => {
			return Err(format!(
				"{other} is not a stock action: accept, refuse, use, waste or count."
			))
		},
	};
	Ok((what, unsigned.map_err(text)?))
}
