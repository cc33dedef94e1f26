//! The pages' shared frame and the small pieces every page writes: escaped text, numbers with
//! thousands separators, days as dates, notices and tables.

use healthnet_client::period;
use healthnet_primitives::surveillance::Period;

/// The pages, in the order the navigation lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
	/// Cases in a region.
	Overview,
	/// Who reported, and in time.
	Completeness,
	/// Aberrations and the reproduction number.
	Signals,
	/// Guidance and its acknowledgements.
	Guidance,
	/// Stock, withheld lots, traces and under-reporting.
	Supply,
	/// Emergency access to medical records, counted.
	Records,
	/// Verifying a certificate.
	Certificates,
	/// Secured channels and their members.
	Channels,
	/// Gamma dose rate and PM2.5 from environmental monitors.
	Environment,
	/// Validators, blocks and the council.
	Network,
	/// The facility's form (signed in).
	Report,
	/// The reviewer's queue (signed in).
	Review,
	/// Shipments to accept and stock to record (signed in).
	Stock,
	/// Issuing certificates (signed in).
	Issue,
}

impl Tab {
	const ALL: [Tab; 14] = [
		Tab::Overview,
		Tab::Completeness,
		Tab::Signals,
		Tab::Guidance,
		Tab::Supply,
		Tab::Records,
		Tab::Certificates,
		Tab::Channels,
		Tab::Environment,
		Tab::Network,
		Tab::Report,
		Tab::Review,
		Tab::Stock,
		Tab::Issue,
	];

	fn path(self) -> &'static str {
		match self {
			Tab::Overview => "/",
			Tab::Completeness => "/completeness",
			Tab::Signals => "/signals",
			Tab::Guidance => "/guidance",
			Tab::Supply => "/supply",
			Tab::Records => "/records",
			Tab::Certificates => "/certificates",
			Tab::Channels => "/channels",
			Tab::Environment => "/environment",
			Tab::Network => "/network",
			Tab::Report => "/report",
			Tab::Review => "/review",
			Tab::Stock => "/stock",
			Tab::Issue => "/certificates/issue",
		}
	}

	fn label(self) -> &'static str {
		match self {
			Tab::Overview => "Overview",
			Tab::Completeness => "Completeness",
			Tab::Signals => "Signals",
			Tab::Guidance => "Guidance",
			Tab::Supply => "Supply",
			Tab::Records => "Records",
			Tab::Certificates => "Certificates",
			Tab::Channels => "Channels",
			Tab::Environment => "Environment",
			Tab::Network => "Network",
			Tab::Report => "Report",
			Tab::Review => "Review",
			Tab::Stock => "Stock",
			Tab::Issue => "Issue",
		}
	}
}

/// The header's sign-in part: who is signed in, with a sign-out form carrying the session's
/// token, or a link to sign in.
pub fn account(session: Option<&crate::session::Session>) -> String {
	match session {
		None => "<a href=\"/sign-in\">Sign in</a>".into(),
		Some(s) => format!(
			"<span class=\"who\">Signed in as {} ({})</span>\
			 <form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
			 <button type=\"submit\">Sign out</button></form>",
			esc(&s.org_name),
			esc(&s.roles.join(", ")),
			esc(&s.csrf)
		),
	}
}

/// `text` safe inside HTML text and attribute values.
pub fn esc(text: &str) -> String {
	let mut out = String::with_capacity(text.len());
	for c in text.chars() {
		match c {
			'&' => out.push_str("&amp;"),
			'<' => out.push_str("&lt;"),
			'>' => out.push_str("&gt;"),
			'"' => out.push_str("&quot;"),
			'\'' => out.push_str("&#39;"),
			c => out.push(c),
		}
	}
	out
}

/// `n` with a comma between each group of three digits: 12,345.
pub fn number(n: impl Into<u64>) -> String {
	let digits = n.into().to_string();
	let mut out = String::with_capacity(digits.len() + digits.len() / 3);
	for (i, c) in digits.chars().enumerate() {
		if i > 0 && (digits.len() - i) % 3 == 0 {
			out.push(',');
		}
		out.push(c);
	}
	out
}

/// A share as a percentage with no decimals, or a dash when nothing was expected.
pub fn percent(part: u32, whole: u32) -> String {
	if whole == 0 {
		"–".into()
	} else {
		format!("{} %", (u64::from(part) * 100 + u64::from(whole) / 2) / u64::from(whole))
	}
}

/// An enum's variant as words: `QualityDefect` → "quality defect".
pub fn words(value: impl std::fmt::Debug) -> String {
	let name = format!("{value:?}");
	let mut out = String::with_capacity(name.len() + 4);
	for (i, c) in name.chars().enumerate() {
		if c.is_uppercase() && i > 0 {
			out.push(' ');
		}
		out.extend(c.to_lowercase());
	}
	out
}

/// `text` with its first letter capital.
pub fn capital(text: &str) -> String {
	let mut chars = text.chars();
	match chars.next() {
		Some(first) => first.to_uppercase().chain(chars).collect(),
		None => String::new(),
	}
}

const MONTHS: [&str; 12] =
	["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A day as people write it: 4 Oct 2024.
pub fn date(day: Period) -> String {
	let iso = period::date(day);
	let mut parts = iso.split('-').map(|p| p.parse::<usize>().unwrap_or(0));
	match (parts.next(), parts.next(), parts.next()) {
		(Some(year), Some(month @ 1..=12), Some(d)) => format!("{d} {} {year}", MONTHS[month - 1]),
		_ => iso,
	}
}

/// A day as a `<time>` element: the date to read, the ISO date for machines.
pub fn time(day: Period) -> String {
	format!("<time datetime=\"{}\">{}</time>", period::date(day), date(day))
}

/// A sentence that explains why there is nothing to show, or what went wrong.
pub fn notice(kind: &str, sentence: &str) -> String {
	let role = if kind == "error" { " role=\"alert\"" } else { "" };
	format!("<p class=\"notice {kind}\"{role}>{}</p>", esc(sentence))
}

/// A table with a caption, its header row and body rows (cells already written as HTML), in a
/// box that scrolls sideways on a narrow screen.
pub fn table(id: &str, caption: &str, head: &[&str], rows: &[String]) -> String {
	let head: String = head.iter().map(|h| format!("<th scope=\"col\">{h}</th>")).collect();
	format!(
		"<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{c}\"><table id=\"{id}\">\
		 <caption>{c}</caption><thead><tr>{head}</tr></thead><tbody>{}</tbody></table></div>",
		rows.concat(),
		c = esc(caption),
	)
}

/// A number in a table cell, right-aligned, with its exact value for machines.
pub fn num_cell(n: impl Into<u64>) -> String {
	let n = n.into();
	format!("<td class=\"n\" data-value=\"{n}\">{}</td>", number(n))
}

/// The whole page: navigation, the node's status, the page's controls and its content (which
/// the browser replaces as blocks finalize when `live`).
#[allow(clippy::too_many_arguments)]
pub fn frame(
	tab: Tab,
	block: Option<u32>,
	title: &str,
	status: &str,
	account: &str,
	controls: &str,
	content: &str,
	live: bool,
) -> String {
	let nav: String = Tab::ALL
		.iter()
		.map(|t| {
			let current = if *t == tab { " aria-current=\"page\"" } else { "" };
			format!("<li><a href=\"{}\"{current}>{}</a></li>", t.path(), t.label())
		})
		.collect();
	let live = if live { " data-live=\"true\"" } else { "" };
	// The block the page was read at, so that the browser refreshes only for a newer one.
	let block = block.map(|n| format!(" data-block=\"{n}\"")).unwrap_or_default();
	format!(
		"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
		 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
		 <title>{t} · Healthnet</title>\
		 <link rel=\"icon\" href=\"data:,\">\
		 <link rel=\"stylesheet\" href=\"/static/uPlot.min.css\">\
		 <link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body>\
		 <a class=\"skip\" href=\"#content\">Skip to the content</a>\
		 <header><p class=\"brand\">Healthnet</p><nav aria-label=\"Pages\"><ul>{nav}</ul></nav>\
		 <p id=\"node-status\" role=\"status\" aria-live=\"polite\"{block}>{status}</p>\
		 <div id=\"account\">{account}</div></header>\
		 <h1>{t}</h1>{controls}<main id=\"content\" tabindex=\"-1\"{live}>{content}</main>\
		 <script src=\"/static/uPlot.iife.min.js\"></script>\
		 <script src=\"/static/dashboard.js\"></script></body></html>",
		t = esc(title),
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn numbers_dates_and_text_are_written_for_people() {
		assert_eq!(number(0u32), "0");
		assert_eq!(number(999u32), "999");
		assert_eq!(number(1_000u32), "1,000");
		assert_eq!(number(12_345_678u32), "12,345,678");
		assert_eq!(date(20_000), "4 Oct 2024");
		assert_eq!(percent(2, 3), "67 %");
		assert_eq!(percent(0, 0), "–");
		#[derive(Debug)]
		struct QualityDefect;
		assert_eq!(words(QualityDefect), "quality defect");
		assert_eq!(capital("test kit"), "Test kit");
		assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	}
}
