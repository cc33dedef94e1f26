//! Tests of the runtime's own wiring, on the `dev` preset's genesis: who the membership gate
//! admits, and its one list of exceptions.

use frame_support::{dispatch::DispatchInfo, pallet_prelude::TransactionSource, traits::Contains};
use healthnet_primitives::UNKNOWN_SIGNER;
use sp_keyring::Sr25519Keyring as Keyring;
use sp_runtime::{
	generic::Era,
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage,
};

use crate::{
	configs::BootstrapCalls, genesis_config_presets::get_preset, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, SessionKeys, TxExtension, Validators,
};

const REFUSED: TransactionValidityError =
	TransactionValidityError::Invalid(InvalidTransaction::Custom(UNKNOWN_SIGNER));

/// Merges a preset's patch into the full default genesis, as the node's chain spec builder does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The state of the `dev` chain's genesis block.
fn dev_chain() -> sp_io::TestExternalities {
	let preset = get_preset(&sp_genesis_builder::DEV_RUNTIME_PRESET.into()).expect("dev preset");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&preset).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	config.build_storage().unwrap().into()
}

/// Every check of the runtime's transaction extensions, as a signer with nonce 0 sets them.
fn extensions() -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		pallet_registry::CheckMembership::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(0),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_system::WeightReclaim::new(),
	)
}

/// Whether the transaction pool would accept `call` signed by `signer`.
fn pool_validates(signer: Keyring, call: RuntimeCall) -> Result<(), TransactionValidityError> {
	let info = DispatchInfo::default();
	extensions()
		.validate_only(
			RuntimeOrigin::signed(signer.to_account_id()),
			&call,
			&info,
			100,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

fn transfer() -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Keyring::Alice.to_account_id().into(),
		value: 1_000_000_000_000,
	})
}

fn session_keys() -> SessionKeys {
	SessionKeys {
		aura: Keyring::FerdieStash.public().into(),
		grandpa: sp_keyring::Ed25519Keyring::Ferdie.public().into(),
	}
}

fn set_keys() -> RuntimeCall {
	RuntimeCall::Session(pallet_session::Call::set_keys { keys: session_keys(), proof: Vec::new() })
}

#[test]
fn a_funded_account_that_the_chain_does_not_know_is_refused_with_the_gates_code() {
	dev_chain().execute_with(|| {
		assert!(
			pallet_balances::Pallet::<Runtime>::free_balance(Keyring::FerdieStash.to_account_id())
				> 0
		);
		assert_eq!(pool_validates(Keyring::FerdieStash, transfer()), Err(REFUSED));
	});
}

#[test]
fn the_council_validators_and_every_demonstration_account_pass_the_gate() {
	dev_chain().execute_with(|| {
		for signer in [
			Keyring::Alice,
			Keyring::Bob,
			Keyring::Charlie,
			Keyring::Dave,
			Keyring::Eve,
			Keyring::Ferdie,
			Keyring::AliceStash,
			Keyring::BobStash,
			Keyring::CharlieStash,
			Keyring::DaveStash,
			Keyring::EveStash,
		] {
			assert_eq!(pool_validates(signer, transfer()), Ok(()), "{signer:?}");
		}
	});
}

#[test]
fn a_validator_the_council_adds_passes_the_gate_without_an_organisation() {
	dev_chain().execute_with(|| {
		let newcomer = Keyring::FerdieStash;
		assert_eq!(pool_validates(newcomer, transfer()), Err(REFUSED));
		// What `set_keys` stores once the session pallet has checked the keys' proof.
		pallet_session::NextKeys::<Runtime>::insert(newcomer.to_account_id(), session_keys());
		Validators::add_validator(RuntimeOrigin::root(), newcomer.to_account_id()).unwrap();
		assert_eq!(pool_validates(newcomer, transfer()), Ok(()));
	});
}

#[test]
fn an_unknown_account_may_register_and_withdraw_session_keys_and_nothing_else() {
	dev_chain().execute_with(|| {
		let purge_keys = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		assert!(BootstrapCalls::contains(&set_keys()) && BootstrapCalls::contains(&purge_keys));
		assert_eq!(pool_validates(Keyring::FerdieStash, set_keys()), Ok(()));
		assert_eq!(pool_validates(Keyring::FerdieStash, purge_keys), Ok(()));
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() });
		assert!(!BootstrapCalls::contains(&remark));
		assert_eq!(pool_validates(Keyring::FerdieStash, remark), Err(REFUSED));
	});
}
