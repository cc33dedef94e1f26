//! The networks the node knows by name, built from the runtime's genesis presets.

use healthnet_runtime::WASM_BINARY;
use sc_service::ChainType;

/// A chain spec of Healthnet; genesis comes from a runtime preset or a JSON file.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The names `--chain` accepts besides the path of a chain spec file.
pub const KNOWN_CHAINS: &str = "dev, local, bench, bench-local";

fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), "HNT".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

pub(crate) fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"this node was built without the runtime wasm (SKIP_WASM_BUILD was set); \
		 rebuild it without SKIP_WASM_BUILD to use a built-in chain"
			.to_string()
	})
}

/// One validator, Alice: for `scripts/run` and development.
pub fn development() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Healthnet Development")
		.with_id("healthnet_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// Three validators, Alice, Bob and Charlie, on one machine: for `scripts/testnet` and the
/// end-to-end tests.
pub fn local() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Healthnet Local Testnet")
		.with_id("healthnet_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The development chain (`local`: the local network) with 1,000 more facilities whose keys
/// `healthnet load` derives: for measuring throughput and latency, never for data (its keys
/// are public).
pub fn bench(local: bool) -> Result<ChainSpec, String> {
	use healthnet_primitives::bench::{facility_uri, FACILITIES};
	use sp_core::{crypto::Pair as _, sr25519};
	let facilities = (0..FACILITIES)
		.map(|index| {
			sr25519::Pair::from_string(&facility_uri(index), None)
				.map(|pair| healthnet_runtime::AccountId::from(pair.public()))
				.map_err(|e| format!("the bench key {}: {e:?}", facility_uri(index)))
		})
		.collect::<Result<Vec<_>, _>>()?;
	let (name, id, chain_type) = if local {
		("Healthnet Bench Local Testnet", "healthnet_bench_local", ChainType::Local)
	} else {
		("Healthnet Bench", "healthnet_bench", ChainType::Development)
	};
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_patch(healthnet_runtime::genesis_config_presets::bench_genesis(
			facilities, local,
		))
		.with_properties(properties())
		.build())
}
