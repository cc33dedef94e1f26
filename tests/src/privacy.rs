//! The privacy scan: reads everything a node holds and serves — every storage key and value at
//! the best block, and every transaction and event of every block — and finds none of the
//! values that identify a person.

use anyhow::{bail, ensure, Context, Result};
use codec::Encode;
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value;

use crate::Node;

/// Every identifying text as its bytes, as hex text and SCALE-encoded.
pub fn needles(texts: &[&str]) -> Vec<Vec<u8>> {
	texts
		.iter()
		.flat_map(|text| {
			[
				text.as_bytes().to_vec(),
				hex::encode(text).into_bytes(),
				text.as_bytes().to_vec().encode(),
			]
		})
		.collect()
}

/// The first needle found in `haystack`, shown as text.
pub fn find(haystack: &[u8], needles: &[Vec<u8>]) -> Option<String> {
	needles
		.iter()
		.find(|n| haystack.windows(n.len()).any(|w| w == n.as_slice()))
		.map(|n| String::from_utf8_lossy(n).into_owned())
}

async fn rpc(node: &Node, method: &str, params: Vec<Value>) -> Result<Value> {
	let mut array = ArrayParams::new();
	for param in params {
		array.insert(param)?;
	}
	node.rpc(method, array).await
}

/// The bytes of a JSON string of `0x` and hex digits.
pub fn bytes_of(hex_value: &Value) -> Result<Vec<u8>> {
	Ok(hex::decode(hex_value.as_str().context("hex")?.trim_start_matches("0x"))?)
}

/// Reads every storage key and value at the best block, and the transactions and events of
/// every block, and finds none of `needles` there; it must find `must_see` in some storage
/// value (so that the scan is known to see the data it guards).
pub async fn nothing_identifying_on_chain(
	node: &Node,
	needles: &[Vec<u8>],
	must_see: &[u8],
) -> Result<()> {
	let mut saw = false;
	let best = node.best_number().await?;
	let head = node.block_hash(best).await?;
	let mut start: Option<String> = None;
	let mut keys_read = 0;
	loop {
		let keys = rpc(
			node,
			"state_getKeysPaged",
			vec!["0x".into(), 1000.into(), start.clone().into(), head.clone().into()],
		)
		.await?;
		let keys = keys.as_array().context("keys")?.clone();
		for key in &keys {
			if let Some(found) = find(&bytes_of(key)?, needles) {
				bail!("the storage key {key} holds {found}");
			}
			let value =
				rpc(node, "state_getStorage", vec![key.clone(), head.clone().into()]).await?;
			if !value.is_null() {
				let value = bytes_of(&value)?;
				if let Some(found) = find(&value, needles) {
					bail!("the storage value under {key} holds {found}");
				}
				saw |= find(&value, &[must_see.to_vec()]).is_some();
			}
		}
		keys_read += keys.len();
		if keys.len() < 1000 {
			break;
		}
		start = keys.last().and_then(|k| k.as_str()).map(String::from);
	}
	ensure!(keys_read > 100, "read only {keys_read} storage keys");
	ensure!(saw, "the scan did not see the data it guards");
	// System.Events: twox128("System") ++ twox128("Events").
	let events_key = "0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7";
	for number in 1..=best {
		let hash = node.block_hash(number).await?;
		let block = rpc(node, "chain_getBlock", vec![hash.clone().into()]).await?;
		for extrinsic in block["block"]["extrinsics"].as_array().context("extrinsics")? {
			if let Some(found) = find(&bytes_of(extrinsic)?, needles) {
				bail!("a transaction of block {number} holds {found}");
			}
		}
		let events = rpc(node, "state_getStorage", vec![events_key.into(), hash.into()]).await?;
		if !events.is_null() {
			if let Some(found) = find(&bytes_of(&events)?, needles) {
				bail!("an event of block {number} holds {found}");
			}
		}
	}
	Ok(())
}
