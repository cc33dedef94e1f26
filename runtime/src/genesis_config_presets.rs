//! The genesis presets the node builds its chain specs from: `dev` (one validator, Alice) and
//! `local` (three validators, Alice, Bob and Charlie, on one machine).

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{AccountId, Balance, BalancesConfig, RuntimeGenesisConfig, UNIT};

/// What each well-known development account starts with, enough for years of test fees.
const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A validator's consensus keys: Aura to author blocks, GRANDPA to finalize them.
fn validator(name: (Sr25519Keyring, Ed25519Keyring)) -> (AuraId, GrandpaId) {
	(name.0.public().into(), name.1.public().into())
}

fn genesis(validators: Vec<(AuraId, GrandpaId)>, endowed: Vec<AccountId>) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed
				.into_iter()
				.map(|account| (account, DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: validators.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: validators
				.into_iter()
				.map(|(_, grandpa)| (grandpa, 1))
				.collect::<Vec<_>>(),
		},
	})
}

fn well_known_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// One validator, Alice: a chain that starts producing blocks at once.
pub fn development_config_genesis() -> Value {
	genesis(vec![validator((Sr25519Keyring::Alice, Ed25519Keyring::Alice))], well_known_accounts())
}

/// Three validators, Alice, Bob and Charlie, each run by its own node.
pub fn local_config_genesis() -> Value {
	genesis(
		vec![
			validator((Sr25519Keyring::Alice, Ed25519Keyring::Alice)),
			validator((Sr25519Keyring::Bob, Ed25519Keyring::Bob)),
			validator((Sr25519Keyring::Charlie, Ed25519Keyring::Charlie)),
		],
		well_known_accounts(),
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
