//! Permissioned validators and council governance on the four-validator local network:
//! a fourth operator, an account the chain does not know yet, registers its session keys
//! through the membership gate's one exception and joins by council motion and leaves again;
//! an organisation outside the council cannot change the set; and a council motion upgrades
//! the runtime while the chain keeps running.

use std::{collections::BTreeSet, time::Duration};

use anyhow::{bail, Context, Result};
use healthnet_e2e::{
	chain::{account_bytes, call, dev_account, is_refused_by_gate, Chain},
	runtime_code, LocalNetwork, Node, NodeConfig,
};
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value as Json;
use subxt::dynamic::Value;
use subxt_signer::sr25519::dev;

/// A session of the test network (`TEST_SESSION_LENGTH` blocks), with room to spare.
const SESSION: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread")]
async fn council_governs_validators_and_upgrades_the_runtime() -> Result<()> {
	let network = LocalNetwork::start(0).await?;
	let (alice, bob, bootnode) = (&network.alice, &network.bob, network.bootnode.clone());
	// The fourth operator's node: a validator by role, with no keys yet.
	let mut operator_config = NodeConfig::new("local").bootnode(bootnode);
	operator_config.extra_args =
		vec!["--validator".into(), "--unsafe-force-node-key-generation".into()];
	let operator_node = Node::start(operator_config).await?;
	alice
		.wait_until("block 2 is finalized", Duration::from_secs(120), async |n| {
			Ok(n.finalized_number().await? >= 2)
		})
		.await?;

	let chain = Chain::connect(alice.rpc_port).await?;
	let (alice_key, bob_key) = (dev::alice(), dev::bob());
	// Funded, but in no organisation: the chain does not know the operator yet.
	let operator_key = dev_account("//Ferdie//stash")?;
	let operator = account_bytes(&operator_key);
	// The Karnataka health department: a registered authority, not on the council.
	let outsider_key = dev::dave();
	let genesis_validators = chain.decided_validators().await?;
	assert_eq!(genesis_validators.len(), 4);

	// The operator makes session keys on its node, with a proof that its account owns them.
	let mut params = ArrayParams::new();
	params.insert(format!("0x{}", hex(&operator)))?;
	let generated: Json = operator_node.rpc("author_rotateKeysWithOwner", params).await?;
	let keys = unhex(generated["keys"].as_str().context("no keys")?)?;
	let proof = unhex(generated["proof"].as_str().context("no proof")?)?;
	assert_eq!(keys.len(), 64, "Aura (32 bytes) then GRANDPA (32 bytes)");
	let operator_aura: [u8; 32] = keys[..32].try_into()?;
	let session_keys = Value::named_composite([
		("aura", Value::from_bytes(&keys[..32])),
		("grandpa", Value::from_bytes(&keys[32..])),
	]);
	let add_operator =
		call("Validators", "add_validator", vec![("validator", Value::from_bytes(operator))]);

	// (c) An organisation outside the council can neither propose nor call directly, and the
	// unknown operator cannot even reach the call; nothing changes.
	let refused =
		chain.council_motion(&outsider_key, &[], 2, add_operator.clone()).await.unwrap_err();
	assert!(refused.to_string().contains("NotMember"), "unexpected error: {refused:#}");
	let refused = chain
		.submit(&outsider_key, "Validators", "add_validator", vec![Value::from_bytes(operator)])
		.await
		.unwrap_err();
	assert!(refused.to_string().contains("Bad origin"), "unexpected error: {refused:#}");
	let refused = chain
		.submit(&operator_key, "Validators", "add_validator", vec![Value::from_bytes(operator)])
		.await
		.unwrap_err();
	assert!(is_refused_by_gate(&refused), "unexpected error: {refused:#}");
	assert_eq!(chain.decided_validators().await?, genesis_validators);

	// A motion cannot add the operator before it has set keys.
	let refused =
		chain.council_motion(&alice_key, &[&bob_key], 2, add_operator.clone()).await.unwrap_err();
	assert!(refused.to_string().contains("call failed"), "unexpected error: {refused:#}");
	assert_eq!(chain.decided_validators().await?, genesis_validators);

	// (a) The operator sets the keys, which the gate lets an unknown account do; two of three
	// council members add it.
	chain
		.submit(&operator_key, "Session", "set_keys", vec![session_keys, Value::from_bytes(proof)])
		.await?;
	chain.council_motion(&alice_key, &[&bob_key], 2, add_operator).await?;
	assert!(chain.decided_validators().await?.contains(&operator));

	let joined =
		wait_for_authorities(&alice, &chain, 3 * SESSION, |set| set.contains(&operator_aura))
			.await
			.context("The operator did not become an Aura authority within two sessions")?;
	let authored = wait_for_author(&alice, &chain, joined, &operator_aura, 2 * SESSION)
		.await
		.context("The operator never authored")?;
	let finalized = alice.finalized_number().await?;
	alice
		.wait_until("finality advances with four validators", 2 * SESSION, async |n| {
			Ok(n.finalized_number().await? > authored.max(finalized) + 2)
		})
		.await?;

	// (b) A motion removes the operator again; it leaves the authority set and authors no more.
	let remove_operator =
		call("Validators", "remove_validator", vec![("validator", Value::from_bytes(operator))]);
	chain.council_motion(&alice_key, &[&bob_key], 2, remove_operator).await?;
	assert_eq!(chain.decided_validators().await?, genesis_validators);
	let left =
		wait_for_authorities(&alice, &chain, 3 * SESSION, |set| !set.contains(&operator_aura))
			.await
			.context("The operator was still an Aura authority two sessions after removal")?;
	alice
		.wait_until(
			"ten more blocks",
			2 * SESSION,
			async |n| Ok(n.best_number().await? > left + 10),
		)
		.await?;
	// Block `left` is the first whose state excludes the operator; the blocks after it are authored
	// by that set.
	for number in left + 1..=left + 10 {
		assert_ne!(
			author_of(&alice, &chain, number).await?,
			operator_aura,
			"the operator authored {number}"
		);
	}

	// (d) A council motion authorizes a runtime with a higher spec_version; it is enacted and
	// the chain goes on under it, with its state intact.
	let running = chain_code(&alice).await?;
	let (code, next_version) = runtime_code::next_spec_version(&running)?;
	let old_version = spec_version(&alice).await?;
	assert_eq!(u64::from(next_version), old_version + 1);
	let members_before = chain.storage_raw("Council", "Members").await?;
	let code_hash = sp_crypto_hashing::blake2_256(&code);
	chain
		.council_motion(
			&alice_key,
			&[&bob_key],
			2,
			call(
				"Validators",
				"authorize_upgrade",
				vec![("code_hash", Value::from_bytes(code_hash))],
			),
		)
		.await?;
	chain
		.submit(&alice_key, "System", "apply_authorized_upgrade", vec![Value::from_bytes(&code)])
		.await?;
	alice
		.wait_until("the new runtime is in force", 2 * SESSION, async |n| {
			Ok(spec_version(n).await? == old_version + 1)
		})
		.await?;
	assert_eq!(chain_code(&alice).await?, code, "the chain runs the code the council authorized");
	let upgraded_at = alice.best_number().await?;
	for node in [&alice, &bob] {
		node.wait_until("blocks are finalized under the new runtime", 2 * SESSION, async |n| {
			Ok(n.finalized_number().await? > upgraded_at + 3)
		})
		.await?;
	}
	let chain = Chain::connect(alice.rpc_port).await?;
	assert_eq!(chain.storage_raw("Council", "Members").await?, members_before);
	assert_eq!(chain.decided_validators().await?, genesis_validators);
	Ok(())
}

/// Waits until the Aura authorities at the best block satisfy `condition`; returns that block.
async fn wait_for_authorities(
	node: &Node,
	chain: &Chain,
	timeout: Duration,
	condition: impl Fn(&BTreeSet<[u8; 32]>) -> bool,
) -> Result<u32> {
	let deadline = std::time::Instant::now() + timeout;
	loop {
		let number = node.best_number().await?;
		let set: BTreeSet<_> = aura_authorities(node, chain, number).await?.into_iter().collect();
		if condition(&set) {
			return Ok(number);
		}
		if std::time::Instant::now() > deadline {
			bail!("the authority set at block {number} is still {} strong", set.len());
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

/// Waits until a block from `from` on is authored by `author`; returns its number.
async fn wait_for_author(
	node: &Node,
	chain: &Chain,
	from: u32,
	author: &[u8; 32],
	timeout: Duration,
) -> Result<u32> {
	let deadline = std::time::Instant::now() + timeout;
	let mut next = from;
	loop {
		while next <= node.best_number().await? {
			if &author_of(node, chain, next).await? == author {
				return Ok(next);
			}
			next += 1;
		}
		if std::time::Instant::now() > deadline {
			bail!("no block from {from} to {next} was authored by the expected validator");
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

/// The Aura key that authored block `number`: the authority of its slot, among the
/// authorities in force at its parent.
async fn author_of(node: &Node, chain: &Chain, number: u32) -> Result<[u8; 32]> {
	let hash = node.block_hash(number).await?;
	let slot = node.header(Some(&hash)).await?.aura_slot.context("a block without a slot")?;
	let authorities = aura_authorities(node, chain, number - 1).await?;
	Ok(authorities[(slot % authorities.len() as u64) as usize])
}

async fn aura_authorities(node: &Node, chain: &Chain, number: u32) -> Result<Vec<[u8; 32]>> {
	let hash = node.block_hash(number).await?;
	let at = chain.client.at_block(parse_hash(&hash)?).await?;
	let address = subxt::dynamic::storage::<(), Vec<[u8; 32]>>("Aura", "Authorities");
	Ok(at.storage().fetch(address, ()).await?.decode()?)
}

async fn spec_version(node: &Node) -> Result<u64> {
	let version: Json = node.rpc("state_getRuntimeVersion", ArrayParams::new()).await?;
	version["specVersion"].as_u64().context("no specVersion")
}

/// The runtime code in force at the node's best block, as stored under `:code`.
async fn chain_code(node: &Node) -> Result<Vec<u8>> {
	let mut params = ArrayParams::new();
	params.insert(format!("0x{}", hex(b":code")))?;
	let code: String = node.rpc("state_getStorage", params).await?;
	unhex(&code)
}

fn parse_hash(hash: &str) -> Result<subxt::utils::H256> {
	Ok(subxt::utils::H256::from_slice(&unhex(hash)?))
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Result<Vec<u8>> {
	let text = text.trim_start_matches("0x");
	(0..text.len()).step_by(2).map(|i| Ok(u8::from_str_radix(&text[i..i + 2], 16)?)).collect()
}
