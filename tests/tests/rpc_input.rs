//! Bad input over JSON-RPC: `healthnet_*` methods called with missing, mistyped, malformed or
//! oversized parameters answer an error that says what is wrong, a transaction of garbage
//! bytes is refused by the pool, and the node goes on serving and producing blocks.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use healthnet_e2e::{Node, NodeConfig};
use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams},
	http_client::HttpClientBuilder,
};
use serde_json::{json, Value};

fn params(values: &[Value]) -> Result<ArrayParams> {
	let mut array = ArrayParams::new();
	for value in values {
		array.insert(value)?;
	}
	Ok(array)
}

/// Calls `method` with `values`, requires an error, and returns its text.
async fn refused(node: &Node, method: &str, values: &[Value]) -> Result<String> {
	match node.rpc::<Value>(method, params(values)?).await {
		Ok(answer) => anyhow::bail!("{method} {values:?} was answered: {answer}"),
		Err(error) => Ok(format!("{error:#}")),
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_rpc_input_gets_an_error_and_the_node_goes_on() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	node.wait_until("block 1 is imported", Duration::from_secs(120), async |n| {
		Ok(n.best_number().await? >= 1)
	})
	.await?;

	// Missing and mistyped parameters.
	let said = refused(&node, "healthnet_regionSeries", &[]).await?;
	ensure!(said.contains("Invalid params"), "{said}");
	let said =
		refused(&node, "healthnet_regionSeries", &[json!(7), json!("RA01"), json!("x"), json!(1)])
			.await?;
	ensure!(said.contains("invalid type"), "{said}");
	let said = refused(&node, "healthnet_lot", &[json!(-1)]).await?;
	ensure!(said.contains("invalid value"), "{said}");
	let said =
		refused(&node, "healthnet_verifyCertificate", &[json!("0x12"), json!(1), json!("0x00")])
			.await?;
	ensure!(said.contains("invalid") || said.contains("not a certificate id"), "{said}");
	// A page's limit is a number; a cursor of the wrong shape is refused too.
	let said = refused(&node, "healthnet_openRequisitions", &[json!(null), json!("many")]).await?;
	ensure!(said.contains("invalid type"), "{said}");
	let said =
		refused(&node, "healthnet_regionStock", &[json!(null), json!("IN"), json!(3)]).await?;
	ensure!(said.contains("invalid type"), "{said}");
	let said = refused(&node, "healthnet_noSuchMethod", &[]).await?;
	ensure!(said.contains("Method not found"), "{said}");

	// An oversized request: 20 MiB of region code, past the node's 15 MiB limit.
	let url = format!("http://127.0.0.1:{}", node.rpc_port);
	let big = HttpClientBuilder::default().max_request_size(64 << 20).build(&url)?;
	let region = "A".repeat(20 << 20);
	let answer = big
		.request::<Value, _>(
			"healthnet_regionSeries",
			params(&[json!(region), json!("RA01"), json!(1), json!(1)])?,
		)
		.await;
	// The server answers 413 as soon as the length is known, and drops the rest of the body,
	// which the client sees as a failed send.
	let said = format!("{:#}", answer.err().context("an oversized request was answered")?);
	ensure!(
		said.contains("413")
			|| said.to_lowercase().contains("too big")
			|| said.contains("SendRequest"),
		"{said}"
	);

	// A transaction of garbage bytes is refused, not included.
	let said = refused(&node, "author_submitExtrinsic", &[json!("0xdeadbeef")]).await?;
	ensure!(said.contains("decode") || said.contains("Invalid"), "{said}");
	let pending: Value = node.rpc("author_pendingExtrinsics", ArrayParams::new()).await?;
	ensure!(pending.as_array().is_some_and(Vec::is_empty), "garbage in the pool: {pending}");

	// The node goes on: it answers and produces blocks.
	let best = node.best_number().await?;
	node.wait_until("another block is imported", Duration::from_secs(60), async |n| {
		Ok(n.best_number().await? > best)
	})
	.await?;
	let series: Value = node
		.rpc("healthnet_regionSeries", params(&[json!("IN"), json!("RA01"), json!(1), json!(2)])?)
		.await?;
	ensure!(series.as_array().is_some_and(Vec::is_empty), "{series}");
	Ok(())
}
