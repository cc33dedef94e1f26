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

#[test]
fn a_blocks_reports_reach_every_level_at_its_end_and_leave_nothing_pending() {
	use frame_support::{assert_ok, BoundedVec};
	use healthnet_primitives::surveillance::Counts;
	use pallet_surveillance::{Pallet as Surveillance, RegionAggregates};
	dev_chain().execute_with(|| {
		use codec::Encode;
		let today = 20_000_u32;
		let now = u64::from(today) * 86_400_000 + 3_600_000;
		// The block's author's slot, as Aura checks it against the time.
		let slot =
			sp_consensus_aura::Slot::from(now / pallet_aura::Pallet::<Runtime>::slot_duration());
		let digest = sp_runtime::Digest {
			logs: vec![sp_runtime::DigestItem::PreRuntime(
				sp_consensus_aura::AURA_ENGINE_ID,
				slot.encode(),
			)],
		};
		let parent = frame_system::Pallet::<Runtime>::block_hash(0);
		let header = <crate::Header as sp_runtime::traits::Header>::new(
			1,
			Default::default(),
			Default::default(),
			parent,
			digest,
		);
		crate::Executive::initialize_block(&header);
		assert_ok!(pallet_timestamp::Pallet::<Runtime>::set(RuntimeOrigin::none(), now));
		// Jayanagar's member (//Alice//stash) reports two diseases for yesterday.
		let counts = Counts { confirmed: 5, tests_performed: 5, ..Default::default() };
		for disease in ["RA01", "1F40"] {
			assert_ok!(Surveillance::<Runtime>::submit_report(
				RuntimeOrigin::signed(Keyring::AliceStash.to_account_id()),
				disease.as_bytes().to_vec().try_into().unwrap(),
				today - 1,
				counts,
				BoundedVec::new(),
			));
		}
		let confirmed = |region: &str, disease: &str| {
			let region: BoundedVec<u8, _> = region.as_bytes().to_vec().try_into().unwrap();
			let disease: BoundedVec<u8, _> = disease.as_bytes().to_vec().try_into().unwrap();
			RegionAggregates::<Runtime>::get((region, disease, today - 1)).confirmed
		};
		assert_eq!(confirmed("IN", "RA01"), 0, "not before the block ends");
		assert!(!Surveillance::<Runtime>::nothing_pending());

		crate::Executive::finalize_block();

		assert!(Surveillance::<Runtime>::nothing_pending(), "nothing outlives the block");
		for region in ["IN-KA", "IN", ""] {
			assert_eq!((confirmed(region, "RA01"), confirmed(region, "1F40")), (5, 5), "{region}");
		}
	});
}

/// The storage `reads` reads from `chain`'s committed state: the trie nodes that prove it.
fn nodes_read<R>(
	chain: &mut sp_io::TestExternalities,
	reads: impl FnOnce() -> R,
) -> std::collections::BTreeSet<Vec<u8>> {
	chain.execute_and_prove(reads).1.into_nodes()
}

#[test]
fn a_members_transaction_passes_the_gate_on_its_membership_and_organisation_alone() {
	use frame_support::traits::Get;
	use pallet_registry::{CheckMembership, Members, Organisations};
	// Jayanagar Health Centre's (5) administrator, //Alice//stash, pays a transfer.
	let member = Keyring::AliceStash.to_account_id();
	let mut chain = dev_chain();
	let gate_read = nodes_read(&mut chain, || {
		let passed = CheckMembership::<Runtime>::new().validate_only(
			RuntimeOrigin::signed(member.clone()),
			&transfer(),
			&DispatchInfo::default(),
			100,
			TransactionSource::External,
			0,
		);
		// It gives back the reads of the lists it did not make.
		let given_back = passed.map(|(_, unused, _)| unused);
		assert_eq!(given_back, Ok(crate::configs::CouncilAndValidatorsReads::get()));
	});
	let claimed = nodes_read(&mut chain, || {
		assert_eq!(Members::<Runtime>::get(&member).map(|(org, _)| org), Some(5));
		Organisations::<Runtime>::get(5);
	});
	assert!(gate_read == claimed, "the gate read more than the membership and organisation");
}

#[test]
fn the_known_accounts_cost_the_reads_of_the_council_and_the_validators_lists() {
	use crate::configs::{CouncilAndValidators, CouncilAndValidatorsReads, CouncilCollective};
	use frame_support::traits::Get;
	let mut chain = dev_chain();
	// An account on neither list: both are read, whole.
	let stranger = Keyring::FerdieStash.to_account_id();
	let read = nodes_read(&mut chain, || assert!(!CouncilAndValidators::contains(&stranger)));
	let lists = nodes_read(&mut chain, || {
		pallet_collective::Members::<Runtime, CouncilCollective>::get();
		pallet_validators::Validators::<Runtime>::get();
	});
	assert!(read == lists, "asking the known accounts reads more than the two lists");
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	assert_eq!(CouncilAndValidatorsReads::get(), db.reads(2));
}

#[test]
fn the_fee_is_withdrawn_from_the_account_the_nonce_check_already_holds() {
	use frame_support::dispatch::GetDispatchInfo;
	use sp_runtime::traits::TransactionExtension;
	let signer = Keyring::AliceStash.to_account_id();
	let origin = || RuntimeOrigin::signed(signer.clone());
	let call = transfer();
	let mut info = call.get_dispatch_info();
	info.extension_weight = extensions().weight(&call);
	let fee = || {
		let paid = pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0)
			.validate_and_prepare(origin(), &call, &info, 100, 0);
		assert!(paid.is_ok(), "the fee is paid");
	};
	let account = nodes_read(&mut dev_chain(), || frame_system::Account::<Runtime>::get(&signer));
	let alone = nodes_read(&mut dev_chain(), fee);
	let mut chain = dev_chain();
	chain.execute_with(|| {
		let checked = frame_system::CheckNonce::<Runtime>::from(0).validate_and_prepare(
			origin(),
			&call,
			&info,
			100,
			0,
		);
		assert!(checked.is_ok(), "the nonce is checked and raised");
	});
	let after_nonce = nodes_read(&mut chain, fee);
	assert!(account.is_subset(&alone), "alone, the fee reads the account from storage");
	assert!(!account.is_subset(&after_nonce), "after the nonce's check it reads it in memory");
	let together: std::collections::BTreeSet<_> = after_nonce.union(&account).cloned().collect();
	assert!(together == alone, "and it reads nothing that it does not read alone");
}

#[test]
fn a_transactions_checks_are_charged_the_gate_and_one_read_and_write_of_its_account() {
	use crate::configs::BeyondTheBase;
	use frame_support::weights::Weight;
	use frame_system::ExtensionsWeightInfo;
	use pallet_registry::WeightInfo as _;
	use pallet_transaction_payment::WeightInfo as _;
	use sp_runtime::traits::TransactionExtension;
	type Measured = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type MeasuredFee = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
	type Gate = <Runtime as pallet_registry::Config>::WeightInfo;
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	let account = db.reads_writes(1, 1).set_proof_size(Measured::check_nonce().proof_size());
	assert_eq!(extensions().weight(&transfer()), Gate::check_membership() + account);
	assert_eq!(BeyondTheBase::<Runtime>::check_nonce(), account);
	assert!(account.all_lte(Measured::check_nonce()), "no more than measured");
	// What the base holds whole: checks measured to touch no storage.
	for measured in [
		Measured::check_genesis(),
		Measured::check_mortality_mortal_transaction(),
		Measured::check_mortality_immortal_transaction(),
		Measured::check_non_zero_sender(),
		Measured::check_spec_version(),
		Measured::check_tx_version(),
		Measured::check_weight(),
		Measured::weight_reclaim(),
	] {
		assert_eq!(measured.proof_size(), 0, "a check that touches storage: charge it");
	}
	// The fee touches the one entry the nonce does, `System::Account`: the same proof size.
	assert_eq!(MeasuredFee::charge_transaction_payment().proof_size(), account.proof_size());
	assert_eq!(BeyondTheBase::<Runtime>::charge_transaction_payment(), Weight::zero());
}
