//! What a command prints, as text for people and as JSON for programs, and the readers of the
//! arguments that several domains share (days and hashes).

use healthnet_client::{period, Error, Included};
use healthnet_primitives::surveillance::Period;
use serde_json::{json, Value};
use subxt::utils::H256;

/// What a command prints: a text for people and a JSON value for programs.
pub struct Output {
	/// The text, printed without `--json`.
	pub text: String,
	/// The JSON value, printed with `--json`.
	pub json: Value,
}

impl Output {
	/// An output of `text` and `json`.
	pub fn new(text: impl Into<String>, json: Value) -> Output {
		Output { text: text.into(), json }
	}

	/// Prints the JSON value when `json`, else the text, on standard output.
	pub fn print(&self, json: bool) {
		if json {
			println!("{}", self.json);
		} else {
			println!("{}", self.text);
		}
	}
}

/// A list: for people one line per item (or `none`), for programs the items as JSON.
pub fn listing<T: serde::Serialize>(
	items: &[T],
	line: impl Fn(&T) -> String,
	none: String,
) -> Output {
	let text =
		if items.is_empty() { none } else { items.iter().map(line).collect::<Vec<_>>().join("\n") };
	Output::new(text, serde_json::to_value(items).unwrap_or_default())
}

/// What a finalized transaction did: its block and events.
pub fn done(included: Included, summary: String) -> Output {
	let mut text = format!("{summary} (block #{})", included.block_number);
	for event in &included.events {
		if !matches!(event.pallet.as_str(), "System" | "TransactionPayment" | "Balances") {
			text.push_str(&format!("\n  {}.{} {}", event.pallet, event.name, event.fields));
		}
	}
	let surveillance = included.block_end.iter().filter(|event| event.pallet == "Surveillance");
	for event in surveillance {
		text.push_str(&format!(
			"\n  at the block's end: {}.{} {}",
			event.pallet, event.name, event.fields
		));
	}
	let json = json!({
		"summary": summary,
		"block": format!("{:?}", included.block),
		"block_number": included.block_number,
		"events": included.events,
		"block_end": included.block_end,
	});
	Output::new(text, json)
}

/// What a transaction that creates something did: the new id, read from the `pallet.event` it
/// emitted, goes into the summary and into the JSON as `id`.
pub fn created(
	included: Included,
	pallet: &str,
	event: &str,
	summary: impl FnOnce(u32) -> String,
) -> Result<Output, Error> {
	let id = included.new_id(pallet, event)?;
	let mut output = done(included, summary(id));
	output.json["id"] = json!(id);
	Ok(output)
}

/// A byte string the chain stores as UTF-8 text (names, codes), as text.
pub fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// Reads a day as clap's value parser: YYYY-MM-DD, today, yesterday or a day number.
pub fn parse_period(text: &str) -> Result<Period, String> {
	period::parse(text).map_err(|e| e.to_string())
}

/// Reads a 32-byte hash written in hex, with or without `0x`.
pub fn parse_hash(text: &str) -> Result<H256, Error> {
	hex::decode(text.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
		.map(H256)
		.ok_or_else(|| Error::BadInput(format!("{text} is not a 32-byte hash in hex")))
}
