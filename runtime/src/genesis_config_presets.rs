//! The genesis presets the node builds its chain specs from: `dev` (one validator and one
//! council member, Alice) and `local` (Alice, Bob and Charlie as validators and council, each
//! on its own node). Neither has a sudo key: the council governs from the first block.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	AccountId, Balance, BalancesConfig, CouncilMembershipConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, ValidatorsConfig, UNIT,
};

/// What each well-known development account starts with, enough for years of test fees.
const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A validator's account and its session keys: Aura to author blocks, GRANDPA to finalize.
fn validator(name: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AccountId, SessionKeys) {
	(
		name.to_account_id(),
		SessionKeys { aura: name.public().into(), grandpa: grandpa.public().into() },
	)
}

/// The genesis of a network whose validators and council are the given development keys.
fn genesis(validators: Vec<(AccountId, SessionKeys)>, council: Vec<AccountId>) -> Value {
	let endowed: Vec<AccountId> = Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed
				.into_iter()
				.map(|account| (account, DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		// Aura and GRANDPA take their authorities from the session keys alone.
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|(account, keys)| (account.clone(), account.clone(), keys.clone()))
				.collect::<Vec<_>>(),
		},
		validators: ValidatorsConfig {
			validators: validators.into_iter().map(|(account, _)| account).collect::<Vec<_>>(),
		},
		// The only place council members are set; the membership pallet initialises the council.
		council_membership: CouncilMembershipConfig {
			members: council.try_into().unwrap_or_default(),
		},
	})
}

/// One validator and one council member, Alice: a chain that starts producing blocks at once
/// and where a 1-of-1 council motion executes as soon as it is proposed.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![Sr25519Keyring::Alice.to_account_id()],
	)
}

/// Three validators and council members, Alice, Bob and Charlie, each run by its own node.
pub fn local_config_genesis() -> Value {
	let names = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	];
	genesis(
		names.iter().map(|(name, grandpa)| validator(*name, *grandpa)).collect(),
		names.iter().map(|(name, _)| name.to_account_id()).collect(),
	)
}

/// The preset called `id`, serialized as JSON, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
