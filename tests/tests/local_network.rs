//! The four-validator local network and its faults, on one network in sequence: every
//! validator authors and finality advances; with one validator stopped, blocks and finality
//! go on and a report is finalized; with two stopped, finality stalls while blocks go on, and
//! a report sent meanwhile is finalized and counted once when one of them comes back; with two
//! lost for good, the council's recovery motion removes them and finality resumes with the
//! other two; a node stopped and restarted from its database has the same blocks and state;
//! and once the council lists the network's nodes, a node off the list cannot sync until the
//! council lists it too.

use std::{collections::BTreeSet, time::Duration};

use anyhow::{ensure, Context, Result};
use healthnet_e2e::{
	chain::{call, dev_account, report, yesterday, Chain, Wait},
	LocalNetwork, Node, NodeConfig,
};
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value as Json;
use subxt::dynamic::Value;
use subxt_signer::sr25519::dev;

const COVID: &str = "RA01";

async fn finalized_beyond(node: &Node, number: u32, within: Duration) -> Result<()> {
	node.wait_until(&format!("a block after {number} is finalized"), within, async |n| {
		Ok(n.finalized_number().await? > number)
	})
	.await
}

async fn best_beyond(node: &Node, number: u32) -> Result<()> {
	node.wait_until(
		&format!("a block after {number} is imported"),
		Duration::from_secs(120),
		async |n| Ok(n.best_number().await? > number),
	)
	.await
}

/// Bengaluru's confirmed cases of `period`, at Alice's best block.
async fn bengaluru_confirmed(node: &Node, period: u32) -> Result<u64> {
	let mut params = ArrayParams::new();
	params.insert("IN-KA-BLR")?;
	params.insert(COVID)?;
	params.insert(period)?;
	params.insert(period)?;
	let series: Json = node.rpc("healthnet_regionSeries", params).await?;
	series[0]["totals"]["confirmed"].as_u64().context("no confirmed count")
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_tolerate_one_fault_and_the_council_recovers_a_stall() -> Result<()> {
	let LocalNetwork { alice, bob, mut charlie, mut dave, .. } = LocalNetwork::start(0).await?;
	for node in [&alice, &bob, &charlie, &dave] {
		node.wait_until("block 8 is finalized", Duration::from_secs(240), async |n| {
			Ok(n.finalized_number().await? >= 8)
		})
		.await?;
	}
	// Aura gives slot s to authority s mod 4 of the genesis list [Alice, Bob, Charlie, Dave];
	// a validator that did not author would leave its slots empty and be missing here. The
	// nodes start one after another, so the first blocks may lack the last ones' slots.
	let mut authors = BTreeSet::new();
	let mut next = 1;
	let deadline = std::time::Instant::now() + Duration::from_secs(120);
	while authors != BTreeSet::from([0, 1, 2, 3]) {
		let finalized = alice.finalized_number().await?;
		for number in next..=finalized {
			let hash = alice.block_hash(number).await?;
			let slot = alice.header(Some(&hash)).await?.aura_slot.context("a block has a slot")?;
			authors.insert(slot % 4);
		}
		next = finalized + 1;
		ensure!(
			std::time::Instant::now() < deadline || authors == BTreeSet::from([0, 1, 2, 3]),
			"not every validator authored a finalized block up to {finalized}: {authors:?}"
		);
		tokio::time::sleep(Duration::from_secs(1)).await;
	}

	let chain = Chain::connect(alice.rpc_port).await?;
	let period = yesterday();
	let jayanagar = dev_account("//Alice//stash")?;
	let whitefield = dev_account("//Bob//stash")?;

	// One validator down: three of four still finalize, and a report is finalized.
	dave.stop().await?;
	let before = alice.finalized_number().await?;
	report(&chain, &jayanagar, COVID, period, 7, Wait::Finalized).await?;
	finalized_beyond(&alice, before + 2, Duration::from_secs(120)).await?;

	// Two down: blocks go on, finality stalls; a report sent meanwhile is in a block.
	charlie.stop().await?;
	let stalled = alice.finalized_number().await?;
	best_beyond(&alice, stalled + 2).await?;
	let stalled = alice.finalized_number().await?;
	let pending = {
		let chain = Chain::connect(alice.rpc_port).await?;
		tokio::spawn(
			async move { report(&chain, &whitefield, COVID, period, 6, Wait::Finalized).await },
		)
	};
	let best = alice.best_number().await?;
	best_beyond(&alice, best + 3).await?;
	ensure!(
		alice.finalized_number().await? == stalled,
		"finality went on with two of four validators down"
	);
	ensure!(!pending.is_finished(), "the report was finalized during the stall");

	// Charlie comes back: finality resumes with no fork, the report is finalized, counted once.
	charlie.restart().await?;
	finalized_beyond(&alice, stalled, Duration::from_secs(180)).await?;
	pending.await??;
	let finalized = alice.finalized_number().await?;
	charlie
		.wait_until("Charlie finalizes what Alice did", Duration::from_secs(60), async |n| {
			Ok(n.finalized_number().await? >= finalized)
		})
		.await?;
	let hash = alice.block_hash(finalized).await?;
	ensure!(bob.block_hash(finalized).await? == hash, "Bob finalized another chain");
	ensure!(charlie.block_hash(finalized).await? == hash, "Charlie finalized another chain");
	ensure!(bengaluru_confirmed(&alice, period).await? == 13, "the reports are not counted once");

	// Charlie and Dave lost for good: the council (Alice and Bob of three) removes them and
	// notes the stall; from the second session boundary on, Alice and Bob finalize alone.
	charlie.stop().await?;
	best_beyond(&alice, alice.best_number().await? + 1).await?;
	let stalled = alice.finalized_number().await?;
	let lost = Value::unnamed_composite([
		Value::from_bytes(dev::charlie().public_key().0),
		Value::from_bytes(dev::dave().public_key().0),
	]);
	let recover = call(
		"Validators",
		"recover_finality",
		vec![("remove", lost), ("delay", 2u32.into()), ("best_finalized", stalled.into())],
	);
	chain.council_motion_waiting(&dev::alice(), &[&dev::bob()], 2, recover, Wait::InBlock).await?;
	finalized_beyond(&alice, stalled, Duration::from_secs(420)).await?;
	let finalized = alice.finalized_number().await?;
	bob.wait_until("Bob finalizes what Alice did", Duration::from_secs(60), async |n| {
		Ok(n.finalized_number().await? >= finalized)
	})
	.await?;
	ensure!(bob.block_hash(finalized).await? == alice.block_hash(finalized).await?, "a fork");

	// Every running node stopped and restarted from its database: the same blocks and state,
	// and the network goes on finalizing.
	let mut running = [alice, bob];
	let mut before = Vec::new();
	for node in &running {
		let header = node.header(None).await?;
		before.push((header.number, node.block_hash(header.number).await?, header.state_root));
	}
	for node in running.iter_mut().rev() {
		node.stop().await?;
	}
	for node in running.iter_mut() {
		node.restart().await?;
	}
	for (node, (number, hash, state_root)) in running.iter().zip(before) {
		ensure!(node.best_number().await? >= number, "a restarted node lost blocks");
		ensure!(node.block_hash(number).await? == hash, "a restarted node has another block");
		let header = node.header(Some(&hash)).await?;
		ensure!(header.state_root == state_root, "a restarted node has another state");
	}
	let finalized = running[0].finalized_number().await?;
	finalized_beyond(&running[0], finalized, Duration::from_secs(180)).await?;

	closed_network(&Chain::connect(running[0].rpc_port).await?, &running).await
}

/// The council closes the network to the nodes `running`; a new node cannot sync, and syncs
/// once the council lists it.
async fn closed_network(chain: &Chain, running: &[Node]) -> Result<()> {
	let [alice, bob] = running else { anyhow::bail!("two running nodes expected") };
	let allow = |keys: Vec<[u8; 32]>| {
		let nodes = Value::unnamed_composite(keys.into_iter().map(Value::from_bytes));
		call("Validators", "allow_nodes", vec![("nodes", nodes)])
	};
	let listed = allow(vec![alice.node_key().await?, bob.node_key().await?]);
	chain.council_motion(&dev::alice(), &[&dev::bob()], 2, listed).await?;

	let stranger = Node::start(NodeConfig::new("local").bootnode(alice.multiaddr().await?)).await?;
	let best = alice.best_number().await?;
	best_beyond(alice, best + 5).await?;
	ensure!(stranger.best_number().await? == 0, "a node off the allow list synced");

	let listed = allow(vec![stranger.node_key().await?]);
	chain.council_motion(&dev::alice(), &[&dev::bob()], 2, listed).await?;
	let finalized = alice.finalized_number().await?;
	stranger
		.wait_until("the listed node syncs", Duration::from_secs(120), async |n| {
			Ok(n.finalized_number().await? >= finalized)
		})
		.await?;
	ensure!(
		stranger.block_hash(finalized).await? == alice.block_hash(finalized).await?,
		"the listed node synced another chain"
	);
	Ok(())
}
