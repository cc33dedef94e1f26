//! What a submitted transaction went through and what it did: its progress, its events in a
//! readable form, and the ids they carry.

use std::fmt;

use subxt::{
	ext::codec::Decode,
	ext::scale_value::{Composite, Primitive, Value, ValueDef},
	utils::H256,
};

use crate::Error;

/// How far a submitted transaction has come; [`Client::submit`] reports each step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
	/// The node accepted it into its pool.
	Submitted {
		/// The transaction's hash.
		hash: H256,
	},
	/// It is in a block of the best chain, not final yet.
	InBlock {
		/// The block's hash.
		block: H256,
	},
	/// It is in a finalized block.
	Finalized {
		/// The block's hash.
		block: H256,
	},
}

impl fmt::Display for Progress {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Progress::Submitted { hash } => {
				write!(f, "submitted transaction {hash:?}; waiting for a block")
			},
			Progress::InBlock { block } => {
				write!(f, "in block {block:?}; waiting for finality")
			},
			Progress::Finalized { block } => write!(f, "finalized in block {block:?}"),
		}
	}
}

/// An event a transaction emitted, with its fields in readable form.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EventRecord {
	/// The pallet, such as `Surveillance`.
	pub pallet: String,
	/// The event, such as `ReportSubmitted`.
	pub name: String,
	/// Its fields, as text.
	pub fields: String,
	/// Its fields, SCALE-encoded, for typed decoding.
	#[serde(skip)]
	pub bytes: Vec<u8>,
}

/// A finalized, successful transaction.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Included {
	/// The finalized block that holds it.
	pub block: H256,
	/// The number of that block.
	pub block_number: u64,
	/// The events it emitted.
	pub events: Vec<EventRecord>,
	/// The events of its block's end: the outbreak alerts that the block's reports opened or
	/// closed when the aggregates rolled up (they belong to the block, not to one
	/// transaction).
	pub block_end: Vec<EventRecord>,
}

impl Included {
	/// The first `pallet.name` event, if the transaction emitted one.
	pub fn event(&self, pallet: &str, name: &str) -> Option<&EventRecord> {
		self.events.iter().find(|e| e.pallet == pallet && e.name == name)
	}

	/// The id a `pallet.name` event carries as its first field, such as the new organisation's
	/// in `Registry.OrganisationRegistered` or the guidance's in `GuidancePublished`.
	pub fn new_id(&self, pallet: &str, name: &str) -> Result<u32, Error> {
		self.event(pallet, name)
			.and_then(|event| u32::decode(&mut &event.bytes[..]).ok())
			.ok_or_else(|| Error::Node(format!("the transaction emitted no {pallet}.{name} event")))
	}
}

/// `fields` with byte strings shown as text (codes, names) or as hex (32-byte ids and hashes).
pub(crate) fn readable_composite(fields: Composite<()>) -> Composite<()> {
	match fields {
		Composite::Named(fields) => Composite::Named(
			fields.into_iter().map(|(name, value)| (name, readable(value))).collect(),
		),
		Composite::Unnamed(values) => {
			Composite::Unnamed(values.into_iter().map(readable).collect())
		},
	}
}

fn readable(value: Value<()>) -> Value<()> {
	let ValueDef::Composite(composite) = value.value else { return value };
	if let Composite::Unnamed(values) = &composite {
		let bytes: Option<Vec<u8>> = values
			.iter()
			.map(|v| match v.value {
				ValueDef::Primitive(Primitive::U128(byte)) => u8::try_from(byte).ok(),
				_ => None,
			})
			.collect();
		match bytes {
			Some(bytes) if bytes.len() == 32 => {
				return Value::string(format!("0x{}", hex::encode(bytes)))
			},
			Some(bytes) if !bytes.is_empty() => {
				if let Ok(text) = String::from_utf8(bytes) {
					if text.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
						return Value::string(text);
					}
				}
			},
			_ => {},
		}
		// A newtype around a byte string, such as a bounded vector: show what it wraps.
		if let [inner] = values.as_slice() {
			let inner = readable(inner.clone());
			if matches!(inner.value, ValueDef::Primitive(Primitive::String(_))) {
				return inner;
			}
		}
	}
	Value { value: ValueDef::Composite(readable_composite(composite)), context: () }
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn byte_strings_in_events_read_as_text_or_hex() {
		let fields = Composite::named([
			("org", Value::u128(5)),
			(
				"disease",
				Value::unnamed_composite([Value::unnamed_composite(
					b"RA01".iter().map(|b| Value::u128(*b as u128)),
				)]),
			),
			("hash", Value::unnamed_composite([0u8; 32].iter().map(|b| Value::u128(*b as u128)))),
		]);
		let text = readable_composite(fields).to_string();
		assert!(text.contains("disease: \"RA01\""), "{text}");
		assert!(text.contains(&format!("hash: \"0x{}\"", "00".repeat(32))), "{text}");
		assert!(text.contains("org: 5"), "{text}");
	}
}
