//! The membership gate on a dev node with the demonstration registry: the pool refuses a
//! funded account the chain does not know, with the gate's code; a registered facility's
//! account transacts, but not a plain remark; once its organisation is suspended its next
//! transaction is refused. Apps read who is who through the registry's view functions.

use std::time::Duration;

use anyhow::{Context, Result};
use healthnet_e2e::{
	chain::{account_bytes, dev_account, is_refused_by_gate, Chain},
	Node, NodeConfig,
};
use subxt::{
	dynamic::Value,
	ext::codec::{Decode, Encode},
};
use subxt_signer::sr25519::{dev, Keypair};

/// Jayanagar Health Centre, a clinic of the demonstration registry whose admin is
/// `//Alice//stash`.
const CLINIC: u32 = 5;
/// The demonstration cluster, "Bengaluru Urban health centres".
const BENGALURU_CLUSTER: u32 = 0;

fn transfer_to(dest: &Keypair) -> Vec<Value> {
	vec![
		Value::unnamed_variant("Id", [Value::from_bytes(account_bytes(dest))]),
		Value::u128(1_000_000_000_000),
	]
}

/// The ids in order (the registry lists them in the order of their storage keys' hashes).
fn sorted(mut ids: Vec<u32>) -> Vec<u32> {
	ids.sort();
	ids
}

/// `future`'s outcome, or an error if it takes longer than a minute: a refusal is immediate.
async fn within<T>(future: impl std::future::Future<Output = T>) -> Result<T> {
	tokio::time::timeout(Duration::from_secs(60), future)
		.await
		.context("the node neither accepted nor refused the transaction within a minute")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pool_admits_only_accounts_the_chain_knows() -> Result<()> {
	let node = Node::start(NodeConfig::new("dev").validator("alice")).await?;
	node.wait_until("block 1 is finalized", Duration::from_secs(120), async |n| {
		Ok(n.finalized_number().await? >= 1)
	})
	.await?;
	let chain = Chain::connect(node.rpc_port).await?;
	let stranger = dev_account("//Ferdie//stash")?; // funded, in no organisation
	let clinic = dev_account("//Alice//stash")?;
	let karnataka = dev::dave(); // admin of the clinic's regional authority

	// Apps see who the clinic's account is, and what the cluster holds.
	let answer = chain.view("Registry", "organisation_of", account_bytes(&clinic).encode()).await?;
	let (org, roles, kind) = <Option<(u32, u16, u8)>>::decode(&mut &answer[..])?
		.context("the clinic's account has no organisation")?;
	// The roles are a bit set (the demonstration account holds all seven) and the
	// organisation's kind is its first byte: Clinic.
	assert_eq!((org, roles, kind), (CLINIC, 0b111_1111, 5));
	let answer = chain.view("Registry", "cluster_members", BENGALURU_CLUSTER.encode()).await?;
	assert_eq!(sorted(Vec::<u32>::decode(&mut &answer[..])?), vec![4, 5, 6]);
	let answer =
		chain.view("Registry", "organisations_in_region", b"IN-KA-BLR".to_vec().encode()).await?;
	assert_eq!(sorted(Vec::<u32>::decode(&mut &answer[..])?), vec![4, 5, 6, 7]);
	let answer =
		chain.view("Registry", "organisation_of", account_bytes(&stranger).encode()).await?;
	assert_eq!(answer, vec![0], "an account in no organisation has none");

	// An account the chain does not know is refused by the pool, whatever its balance.
	let refused =
		within(chain.submit(&stranger, "Balances", "transfer_keep_alive", transfer_to(&clinic)))
			.await?
			.unwrap_err();
	assert!(is_refused_by_gate(&refused), "unexpected error: {refused:#}");

	// The clinic's account transacts.
	chain.submit(&clinic, "Balances", "transfer_keep_alive", transfer_to(&stranger)).await?;

	// But not a plain remark: the pool refuses it, so the chain holds only its pallets' data.
	let remark = vec![Value::from_bytes(b"free text, perhaps a patient's name")];
	let refused = within(chain.submit(&clinic, "System", "remark", remark)).await?.unwrap_err();
	let said = format!("{refused:#}").to_lowercase();
	assert!(
		said.contains("call is not expected") && !is_refused_by_gate(&refused),
		"unexpected error: {refused:#}"
	);

	// Its regional authority suspends the clinic; the clinic's next transaction is refused.
	chain.submit(&karnataka, "Registry", "suspend_organisation", vec![CLINIC.into()]).await?;
	let refused =
		within(chain.submit(&clinic, "Balances", "transfer_keep_alive", transfer_to(&stranger)))
			.await?
			.unwrap_err();
	assert!(is_refused_by_gate(&refused), "unexpected error: {refused:#}");

	// Reinstated, it transacts again.
	chain.submit(&karnataka, "Registry", "reinstate_organisation", vec![CLINIC.into()]).await?;
	chain.submit(&clinic, "Balances", "transfer_keep_alive", transfer_to(&stranger)).await?;
	Ok(())
}
