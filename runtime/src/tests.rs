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
	configs::BootstrapCalls, genesis_config_presets::get_preset, AccountId, Runtime, RuntimeCall,
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
pub(crate) fn dev_chain() -> sp_io::TestExternalities {
	let preset = get_preset(&sp_genesis_builder::DEV_RUNTIME_PRESET.into()).expect("dev preset");
	chain_from_patch(serde_json::from_slice(&preset).unwrap())
}

/// The state of the genesis block that `patch` makes of the default genesis.
fn chain_from_patch(patch: serde_json::Value) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
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
fn a_temperature_logger_passes_the_gate_only_to_report_an_excursion_while_its_holder_is_active() {
	dev_chain().execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		// Pune Vaccine Works (8, //Dave//stash) registers the funded //Ferdie//stash as a logger,
		// with the logger's consent.
		let logger = Keyring::FerdieStash;
		let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
		let message = healthnet_primitives::supply::sensor_proof_message(&genesis, 8);
		let proof: crate::Signature = sp_core::Pair::sign(&logger.pair(), &message).into();
		frame_support::assert_ok!(crate::Supply::register_sensor(
			RuntimeOrigin::signed(Keyring::DaveStash.to_account_id()),
			logger.to_account_id(),
			proof,
		));
		let excursion = RuntimeCall::Supply(pallet_supply::Call::report_excursion {
			site: healthnet_primitives::supply::Site::Holder(8),
			lot: 0,
			minutes: 30,
		});
		assert_eq!(pool_validates(logger, excursion.clone()), Ok(()));
		assert_eq!(pool_validates(logger, transfer()), Err(REFUSED), "a transfer, refused");
		// Suspended, the holder's loggers are refused too.
		// Maharashtra's administrator (//Eve) suspends it.
		frame_support::assert_ok!(crate::Registry::suspend_organisation(
			RuntimeOrigin::signed(Keyring::Eve.to_account_id()),
			8
		));
		assert_eq!(pool_validates(logger, excursion), Err(REFUSED));
	});
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
		let transfer = transfer();
		assert!(!BootstrapCalls::contains(&transfer));
		assert_eq!(pool_validates(Keyring::FerdieStash, transfer), Err(REFUSED));
	});
}

const NOT_A_CALL_FOR_THIS_CHAIN: TransactionValidityError =
	TransactionValidityError::Invalid(InvalidTransaction::Call);

// The benchmarking runtime takes remarks, to measure the base weight of an extrinsic.
#[cfg(not(feature = "runtime-benchmarks"))]
#[test]
fn plain_remarks_are_refused_in_the_pool_and_at_dispatch_even_from_members() {
	use frame_support::traits::Contains;
	use sp_runtime::traits::Dispatchable;
	dev_chain().execute_with(|| {
		for remark in [
			RuntimeCall::System(frame_system::Call::remark { remark: b"x".to_vec() }),
			RuntimeCall::System(frame_system::Call::remark_with_event { remark: b"x".to_vec() }),
		] {
			assert!(!crate::configs::OnlyHealthData::contains(&remark));
			// The clinic's admin and a council member: both known to the gate.
			for signer in [Keyring::AliceStash, Keyring::Alice] {
				assert_eq!(pool_validates(signer, remark.clone()), Err(NOT_A_CALL_FOR_THIS_CHAIN));
			}
			let dispatched = remark.dispatch(RuntimeOrigin::signed(Keyring::Alice.to_account_id()));
			assert_eq!(
				dispatched.map_err(|e| e.error),
				Err(frame_system::Error::<Runtime>::CallFiltered.into())
			);
		}
	});
}

#[test]
fn a_validator_may_not_withdraw_its_session_keys_until_the_council_removes_it() {
	dev_chain().execute_with(|| {
		let purge_keys = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		let newcomer = Keyring::FerdieStash;
		assert_eq!(pool_validates(newcomer, purge_keys.clone()), Ok(()), "not a validator yet");
		pallet_session::NextKeys::<Runtime>::insert(newcomer.to_account_id(), session_keys());
		Validators::add_validator(RuntimeOrigin::root(), newcomer.to_account_id()).unwrap();
		assert_eq!(pool_validates(newcomer, purge_keys.clone()), Err(NOT_A_CALL_FOR_THIS_CHAIN));
		assert_eq!(
			pool_validates(Keyring::Alice, purge_keys.clone()),
			Err(NOT_A_CALL_FOR_THIS_CHAIN)
		);
		Validators::remove_validator(RuntimeOrigin::root(), newcomer.to_account_id()).unwrap();
		assert_eq!(pool_validates(newcomer, purge_keys), Ok(()));
	});
}

#[test]
fn a_report_and_an_aggregate_take_the_bytes_the_readme_quotes() {
	use codec::Encode;
	use pallet_surveillance::{
		Counts, RegionAggregates, Report, ReportStatus, ReportVersionOf, Reports, Totals,
	};
	let disease: pallet_surveillance::DiseaseCode<Runtime> = b"RA01".to_vec().try_into().unwrap();
	let report = Report {
		version: 1,
		status: ReportStatus::Pending,
		submitted_at: 1u32,
		on_time: true,
		reopened: 0,
		cluster: Some(0),
	};
	let version = |variants: Vec<(Vec<u8>, u32)>| ReportVersionOf::<Runtime> {
		counts: Counts::default(),
		variants: variants
			.into_iter()
			.map(|(lineage, cases)| (lineage.try_into().unwrap(), cases))
			.collect::<Vec<_>>()
			.try_into()
			.unwrap(),
		submitted_by: Keyring::Ferdie.to_account_id(),
		relayed_by: None,
		at: 1,
	};
	// Values: the report's state, a version (plus 5 + name bytes per variant), the totals.
	assert_eq!(report.encoded_size(), 19);
	assert_eq!(version(vec![]).encoded_size(), 66);
	assert_eq!(version(vec![(b"XBB.1.5".to_vec(), 3)]).encoded_size(), 66 + 1 + 7 + 4);
	assert_eq!(Totals::default().encoded_size(), 60);
	// Keys: a report's, and a region aggregate's for `IN-KA`.
	assert_eq!(Reports::<Runtime>::hashed_key_for((0, &disease, 20_000)).len(), 85);
	let region: pallet_surveillance::RegionCode<Runtime> = b"IN-KA".to_vec().try_into().unwrap();
	assert_eq!(RegionAggregates::<Runtime>::hashed_key_for((region, &disease, 20_000)).len(), 95);
}

#[test]
fn no_pallet_has_an_event_and_an_error_of_the_same_name() {
	use scale_info::TypeDef;
	let variants = |ty: &scale_info::MetaType| -> Vec<&'static str> {
		match ty.type_info().type_def {
			TypeDef::Variant(def) => def.variants.iter().map(|variant| variant.name).collect(),
			_ => Vec::new(),
		}
	};
	let mut shared = Vec::new();
	let mut checked = 0;
	// The metadata's constants include the slot, which the validators pallet reads from storage.
	let metadata = sp_io::TestExternalities::default().execute_with(Runtime::metadata_ir);
	for pallet in metadata.pallets {
		let (Some(event), Some(error)) = (&pallet.event, &pallet.error) else { continue };
		let errors = variants(&error.ty);
		checked += 1;
		for name in variants(&event.ty) {
			if errors.contains(&name) {
				shared.push(format!("{}.{name}", pallet.name));
			}
		}
	}
	assert!(checked >= 3, "the runtime's pallets have events and errors");
	assert!(shared.is_empty(), "events named like an error of their pallet: {shared:?}");
}

#[test]
fn a_council_member_who_does_not_vote_never_counts_as_agreeing() {
	use crate::{configs::CouncilMotionDuration, Council, CouncilMembership, System};
	use codec::Encode;
	use sp_runtime::traits::{BlakeTwo256, Hash};
	dev_chain().execute_with(|| {
		System::set_block_number(1);
		let members: Vec<AccountId> =
			[Keyring::Alice, Keyring::Bob, Keyring::Charlie, Keyring::Dave, Keyring::Eve]
				.map(|key| key.to_account_id())
				.to_vec();
		CouncilMembership::reset_members(RuntimeOrigin::root(), members.clone()).unwrap();
		// A motion that two thirds of five (four) must pass: register France's authority.
		let call = RuntimeCall::Registry(pallet_registry::Call::register_authority {
			kind: pallet_registry::OrgKind::NationalAuthority,
			name: b"Autorite nationale".to_vec().try_into().unwrap(),
			region: b"FR".to_vec().try_into().unwrap(),
			admin: Keyring::One.to_account_id(),
		});
		let length = call.encoded_size() as u32;
		let hash = BlakeTwo256::hash_of(&call);
		let signed = |member: &AccountId| RuntimeOrigin::signed(member.clone());
		Council::propose(signed(&members[0]), 4, Box::new(call), length).unwrap();
		for member in &members[..3] {
			Council::vote(signed(member), hash, 0, true).unwrap();
		}
		// Three ayes, two members silent, and the motion's time is up.
		System::set_block_number(2 + CouncilMotionDuration::get());
		let weight = frame_support::weights::Weight::from_parts(100_000_000_000, 1_000_000);
		Council::close(signed(&members[0]), hash, 0, weight, length).unwrap();

		System::assert_has_event(
			pallet_collective::Event::<Runtime, crate::configs::CouncilCollective>::Disapproved {
				proposal_hash: hash,
			}
			.into(),
		);
		assert!(pallet_registry::AuthorityOfRegion::<Runtime>::get(
			frame_support::BoundedVec::truncate_from(b"FR".to_vec())
		)
		.is_none());
	});
}

#[test]
#[should_panic(expected = "a genesis council of 101 members is more than the 100 allowed")]
fn a_genesis_council_larger_than_allowed_stops_the_build() {
	use crate::{configs::MAX_COUNCIL_MEMBERS, genesis_config_presets::genesis};
	let council = (0..=MAX_COUNCIL_MEMBERS).map(|i| AccountId::new([i as u8; 32])).collect();
	genesis(Vec::new(), council);
}

#[test]
fn surveillance_and_registry_agree_on_the_region_limits() {
	use frame_support::traits::Get;
	type Surveillance = <Runtime as pallet_surveillance::Config>::MaxRegionDepth;
	type Registry = <Runtime as pallet_registry::Config>::MaxRegionDepth;
	// A report's aggregates and alert weights count the registry's levels.
	assert_eq!(Surveillance::get(), Registry::get());
	assert_eq!(
		<<Runtime as pallet_surveillance::Config>::MaxRegionCodeLength as Get<u32>>::get(),
		<<Runtime as pallet_registry::Config>::MaxRegionCodeLength as Get<u32>>::get()
	);
}

#[test]
fn every_preset_keeps_the_production_block_time_and_only_a_test_spec_shortens_it() {
	use crate::{genesis_config_presets::bench_genesis, Aura, SLOT_DURATION};
	use frame_support::traits::Get;
	type MinimumPeriod = <Runtime as pallet_timestamp::Config>::MinimumPeriod;
	let mut patches: Vec<serde_json::Value> = crate::genesis_config_presets::preset_names()
		.iter()
		.map(|id| serde_json::from_slice(&get_preset(id).unwrap()).unwrap())
		.collect();
	patches.push(bench_genesis(Vec::new(), false));
	patches.push(bench_genesis(Vec::new(), true));
	for patch in patches {
		chain_from_patch(patch.clone()).execute_with(|| {
			assert_eq!(Aura::slot_duration(), SLOT_DURATION);
			assert_eq!(MinimumPeriod::get(), SLOT_DURATION / 2);
		});
		// What the end-to-end harness writes into a test network's spec.
		let mut fast = patch;
		fast["validators"]["slotDuration"] = 1_000.into();
		chain_from_patch(fast).execute_with(|| {
			assert_eq!(Aura::slot_duration(), 1_000);
			assert_eq!(MinimumPeriod::get(), 500);
		});
	}
}

#[test]
fn the_largest_form_fits_one_transaction() {
	use frame_support::dispatch::DispatchClass;
	use pallet_surveillance::{FormEntry, FormOf, Pallet as Surveillance};
	let lineages_per_disease =
		<Runtime as pallet_surveillance::Config>::MaxVariantsPerReport::get();
	let diseases = <Runtime as pallet_surveillance::Config>::MaxDiseasesPerForm::get();
	// Every disease with the longest breakdown: the form is charged as the largest allowed.
	let entry = |n: u32| FormEntry {
		disease: alloc::format!("D{n:03}").into_bytes().try_into().unwrap(),
		counts: Default::default(),
		variants: (0..lineages_per_disease)
			.map(|l| (alloc::format!("L{l}").into_bytes().try_into().unwrap(), 1))
			.collect::<alloc::vec::Vec<_>>()
			.try_into()
			.unwrap(),
	};
	let form: FormOf<Runtime> =
		(0..diseases).map(entry).collect::<alloc::vec::Vec<_>>().try_into().unwrap();
	let charged = Surveillance::<Runtime>::form_weight(&form);
	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	let largest = limits.get(DispatchClass::Normal).max_extrinsic.expect("a limit per transaction");
	assert!(
		charged.all_lte(largest),
		"the largest form is charged {charged:?}, beyond {largest:?}"
	);
}
