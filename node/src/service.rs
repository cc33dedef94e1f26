//! The node's services: database and client, transaction pool, networking, Aura block
//! authoring, GRANDPA finality and the RPC server.

use std::{sync::Arc, time::Duration};

use healthnet_runtime::{apis::RuntimeApi, opaque::Block};
use sc_client_api::BlockBackend as _;
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_aura::sr25519::{AuthorityId as AuraId, AuthorityPair as AuraPair};

/// The functions the node offers the runtime wasm: the standard set, and the benchmarking ones
/// when the node is built to benchmark (a runtime built that way imports them).
#[cfg(not(feature = "runtime-benchmarks"))]
type HostFunctions = sp_io::SubstrateHostFunctions;
#[cfg(feature = "runtime-benchmarks")]
type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

/// The client: runs the runtime wasm.
pub(crate) type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// A GRANDPA justification is kept at least every this many blocks, so that a syncing node
/// can prove finality without replaying every vote.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// What the node sets up before it decides whether it runs a network or a one-off command.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	(GrandpaBlockImport, GrandpaLink, Option<Telemetry>),
>;

/// Opens the database and builds the client, the pool and the import queue.
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|endpoints| !endpoints.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		select_chain.clone(),
		telemetry.as_ref().map(|telemetry| telemetry.handle()),
	)?;

	let slot_client = client.clone();
	let import_queue =
		sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
			block_import: grandpa_block_import.clone(),
			justification_import: Some(Box::new(grandpa_block_import.clone())),
			client: client.clone(),
			create_inherent_data_providers: move |parent_hash, _| {
				let slot_client = slot_client.clone();
				async move {
					let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
						&*slot_client,
						parent_hash,
					)?;
					let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
					let slot =
						sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
					Ok((slot, timestamp))
				}
			},
			spawner: &task_manager.spawn_essential_handle(),
			registry: config.prometheus_registry(),
			check_for_equivocation: Default::default(),
			telemetry: telemetry.as_ref().map(|telemetry| telemetry.handle()),
			compatibility_mode: Default::default(),
		})?;

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa_block_import, grandpa_link, telemetry),
	})
}

/// Starts a full node: networking, RPC, and, on a validator, Aura authoring and the GRANDPA
/// voter, whose votes stay `finality_lag` blocks behind the best block.
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	config: Configuration,
	finality_lag: u32,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, mut telemetry),
	} = new_partial(&config)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let healthnet_metrics =
		config.prometheus_registry().map(crate::metrics::Metrics::register).transpose().map_err(
			|e| ServiceError::Other(format!("could not register Healthnet's metrics: {e}")),
		)?;
	// The RPC and the network submit through a pool that counts the gate's refusals.
	let counted_pool = Arc::new(crate::metrics::CountingPool::new(
		transaction_pool.clone(),
		healthnet_metrics.as_ref().map(|m| m.gate_refusals.clone()),
	));

	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the database has no genesis block".into()))?;
	// A test network's genesis may shorten the slot to run faster; a live network keeps the
	// production block time, whatever its spec says.
	let slot = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?.as_millis();
	if config.chain_spec.chain_type() == sc_service::ChainType::Live
		&& slot != healthnet_primitives::MILLISECS_PER_BLOCK
	{
		return Err(ServiceError::Other(format!(
			"this live chain's genesis sets {slot} ms slots; a live Healthnet network runs {} ms \
			 slots, and only development and local test networks may choose shorter ones",
			healthnet_primitives::MILLISECS_PER_BLOCK
		)));
	}
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			net_config.peer_store_handle(),
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::new(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: counted_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	// Every node, validator or not, keeps to the council's allow list once there is one.
	task_manager.spawn_handle().spawn(
		"closed-network",
		None,
		crate::closed_network::follow_allow_list(client.clone(), network.clone()),
	);

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	if let Some(metrics) = healthnet_metrics.clone() {
		let sources = crate::metrics::Sources {
			pool: transaction_pool.clone(),
			keystore: keystore_container.keystore(),
			base_path: config.base_path.path().to_path_buf(),
		};
		task_manager.spawn_handle().spawn(
			"healthnet-metrics",
			None,
			crate::metrics::follow_chain(client.clone(), sources, metrics),
		);
	}

	let rpc_builder = {
		let client = client.clone();
		let pool = counted_pool.clone();
		let verifications = healthnet_metrics.map(|m| m.certificate_verifications);
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				certificate_verifications: verifications.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		// The pool's maintenance is driven from the pool given here: it must be the wrapper,
		// which keeps submissions out of it (metrics/pool.rs), or finalizing the best block at
		// once loses transactions again.
		transaction_pool: counted_pool,
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;
	match crate::rpc_nodelay::set_on_rpc_listeners(rpc_handlers.listen_addresses()) {
		Ok(listeners) => log::debug!("TCP_NODELAY set on {listeners} RPC listeners"),
		Err(error) => log::warn!("could not set TCP_NODELAY on the RPC listeners: {error}"),
	}

	if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|telemetry| telemetry.handle()),
		);
		let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?;

		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
			StartAuraParams {
				slot_duration,
				client,
				select_chain,
				block_import,
				proposer_factory,
				create_inherent_data_providers: move |_, ()| async move {
					let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
					let slot =
						sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
					Ok((slot, timestamp))
				},
				force_authoring,
				backoff_authoring_blocks: Option::<()>::None,
				keystore: keystore_container.keystore(),
				sync_oracle: sync_service.clone(),
				justification_sync_link: sync_service.clone(),
				// Two thirds of a slot to build a block leaves a third to propagate it.
				block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
				max_block_proposal_slot_portion: None,
				telemetry: telemetry.as_ref().map(|telemetry| telemetry.handle()),
				compatibility_mode: Default::default(),
			},
		)?;
		// Without authoring a validator is useless: if it fails, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking("aura", Some("block-authoring"), aura);
	}

	if enable_grandpa {
		// Only a validator votes; a full node follows finality without keys.
		let keystore = role.is_authority().then(|| keystore_container.keystore());
		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|telemetry| telemetry.handle()),
			protocol_name: grandpa_protocol_name,
		};
		let voter = sc_consensus_grandpa::run_grandpa_voter(sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: sync_service,
			notification_service: grandpa_notification_service,
			voting_rule: voting_rule(finality_lag),
			prometheus_registry,
			shared_voter_state: SharedVoterState::empty(),
			telemetry: telemetry.as_ref().map(|telemetry| telemetry.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		})?;
		// A validator that cannot vote would stall finality unnoticed: fail loudly instead.
		task_manager.spawn_essential_handle().spawn_blocking("grandpa-voter", None, voter);
	}

	Ok(task_manager)
}

/// What a validator's finality votes may reach: at most three quarters of the unfinalized chain
/// (so that a validator that fell behind catches up in steps), and `finality_lag` blocks short
/// of the best block.
///
/// Healthnet's lag is 0 where Substrate's is 2. Aura gives every slot one author, so on a
/// permissioned network the best block is rarely abandoned; when it is, GRANDPA finalizes what
/// the validators' votes have in common, never a block that conflicts with a finalized one,
/// and the abandoned block's transactions return to the pool. Each block of lag costs every
/// transaction 3 s before it is final. Voting for the best block itself once raced the
/// fork-aware transaction pool, which lost transactions; the pool the RPC and the network
/// submit to now keeps submissions out of its maintenance (`metrics/pool.rs`), and
/// docs/PERFORMANCE.md has the measurements before and after.
fn voting_rule(
	finality_lag: u32,
) -> impl sc_consensus_grandpa::VotingRule<Block, FullClient> + Clone {
	use sc_consensus_grandpa::{
		BeforeBestBlockBy, ThreeQuartersOfTheUnfinalizedChain, VotingRulesBuilder,
	};
	let rules = VotingRulesBuilder::new().add(ThreeQuartersOfTheUnfinalizedChain);
	match finality_lag {
		0 => rules.build(),
		lag => rules.add(BeforeBestBlockBy(lag)).build(),
	}
}
