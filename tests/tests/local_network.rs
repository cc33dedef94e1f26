//! The three-validator local network: every validator authors and finality advances.

use std::{collections::BTreeSet, time::Duration};

use healthnet_e2e::LocalNetwork;

#[tokio::test(flavor = "multi_thread")]
async fn local_network_finalizes_with_all_three_validators_authoring() -> anyhow::Result<()> {
	let LocalNetwork { alice, bob, charlie, .. } = LocalNetwork::start(0).await?;
	for node in [&alice, &bob, &charlie] {
		node.wait_until("block 5 is finalized", Duration::from_secs(180), async |n| {
			Ok(n.finalized_number().await? >= 5)
		})
		.await?;
	}

	// Aura gives slot s to authority s mod 3 of the genesis list [Alice, Bob, Charlie]; a
	// validator that did not author would leave its slots empty and be missing here.
	let finalized = alice.finalized_number().await?;
	let mut authors = BTreeSet::new();
	for number in 1..=finalized {
		let hash = alice.block_hash(number).await?;
		let slot = alice.header(Some(&hash)).await?.aura_slot.expect("every block has a slot");
		authors.insert(slot % 3);
	}
	assert_eq!(
		authors,
		BTreeSet::from([0, 1, 2]),
		"not every validator authored a finalized block"
	);

	// All three agree on the finalized chain.
	let hash = alice.block_hash(5).await?;
	assert_eq!(bob.block_hash(5).await?, hash);
	assert_eq!(charlie.block_hash(5).await?, hash);
	Ok(())
}
