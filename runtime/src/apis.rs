//! The runtime APIs the node and apps call: the standard Substrate set, Healthnet's
//! surveillance, records, supply and certificate reads (served by the node as `healthnet_*` JSON-RPC), and benchmarking.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata, H256};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use healthnet_primitives::{
	certificates::{CertificateId, CertificateView, KeyId, ListedKey, Verdict},
	channels::{
		ChannelId, ChannelView, DocumentIndex, DocumentView as ChannelDocument, ReadLine, ReadMark,
	},
	environment::{Area, LevelDay, LevelThreshold, Measure, Reading},
	instruments::{AttestedDay, InstrumentView},
	records::{
		AccessDecision, AccessMark, AccessTarget, AuditEntry, AuditIndex, ConsentId, ConsentView,
		DeclarationId, EmergencyDeclaration, EmergencyTally, EntryIndex, EntryView, Purpose,
		RecordId, RecordInfo, RecoveryView, ResourceType,
	},
	supply::{
		LotId, LotView, OpenRequisition, ProductId, ReportingGap, RequisitionId, StockFigures,
		StockLine, TraceEntry,
	},
	surveillance::{
		AlertKey, CompletenessReport, GuidanceId, LineageBreakdown, OpenAlert, Period,
		ReportHistory, Totals,
	},
	ClusterId, OrgId, Page,
};

#[cfg(feature = "runtime-benchmarks")]
use crate::{
	Balances, Certificates, Channels, Environment, Instruments, Records, Registry, Supply,
	Surveillance, Timestamp, Validators,
};

use crate::{
	AccountId, Aura, Balance, Block, BlockNumber, Executive, Grandpa, InherentDataExt, Nonce,
	Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocation is handled by the council removing the validator, not by slashing.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl healthnet_primitives::surveillance::SurveillanceApi<Block, AccountId> for Runtime {
		fn region_series(region: Vec<u8>, disease: Vec<u8>, from: Period, to: Period) -> Vec<(Period, Totals)> {
			pallet_surveillance::Pallet::<Runtime>::region_series(region, disease, from, to)
		}
		fn cluster_series(cluster: ClusterId, disease: Vec<u8>, from: Period, to: Period) -> Vec<(Period, Totals)> {
			pallet_surveillance::Pallet::<Runtime>::cluster_series(cluster, disease, from, to)
		}
		fn completeness(cluster: ClusterId, disease: Vec<u8>, period: Period) -> CompletenessReport {
			pallet_surveillance::Pallet::<Runtime>::completeness(cluster, disease, period)
		}
		fn report_history(org: OrgId, disease: Vec<u8>, period: Period) -> Option<ReportHistory<AccountId>> {
			pallet_surveillance::Pallet::<Runtime>::report_history(org, disease, period)
		}
		fn region_lineages(region: Vec<u8>, disease: Vec<u8>, from: Period, to: Period) -> Vec<LineageBreakdown> {
			pallet_surveillance::Pallet::<Runtime>::region_lineages(region, disease, from, to)
		}
		fn cluster_lineages(cluster: ClusterId, disease: Vec<u8>, from: Period, to: Period) -> Vec<LineageBreakdown> {
			pallet_surveillance::Pallet::<Runtime>::cluster_lineages(cluster, disease, from, to)
		}
		fn open_alerts(region: Vec<u8>, after: Option<AlertKey>, limit: u32) -> Page<OpenAlert, AlertKey> {
			pallet_surveillance::Pallet::<Runtime>::open_alerts(region, after, limit)
		}
		fn unacknowledged_guidance(guidance: GuidanceId, from: OrgId, limit: u32) -> Page<OrgId, OrgId> {
			pallet_surveillance::Pallet::<Runtime>::unacknowledged_guidance(guidance, from, limit)
		}
	}

	impl healthnet_primitives::records::RecordsApi<Block, AccountId, BlockNumber> for Runtime {
		fn can_access(reader: AccountId, record: RecordId, resource_type: ResourceType, purpose: Purpose) -> AccessDecision<BlockNumber> {
			pallet_records::Pallet::<Runtime>::can_access(reader, record, resource_type, purpose)
		}
		fn record(record: RecordId) -> Option<RecordInfo<AccountId, BlockNumber>> {
			pallet_records::Pallet::<Runtime>::record(record)
		}
		fn record_of_key(key: AccountId) -> Option<RecordId> {
			pallet_records::Pallet::<Runtime>::record_of_key(key)
		}
		fn entries(record: RecordId, from: EntryIndex, limit: u32) -> Vec<EntryView<BlockNumber>> {
			pallet_records::Pallet::<Runtime>::entries(record, from, limit)
		}
		fn consents(record: RecordId, from: ConsentId) -> Vec<ConsentView<BlockNumber>> {
			pallet_records::Pallet::<Runtime>::consents(record, from)
		}
		fn audit_trail(record: RecordId, from: AuditIndex, limit: u32) -> Vec<AuditEntry<AccountId, BlockNumber>> {
			pallet_records::Pallet::<Runtime>::audit_trail(record, from, limit)
		}
		fn emergency_accesses(org: OrgId) -> EmergencyTally {
			pallet_records::Pallet::<Runtime>::emergency_accesses(org)
		}
		fn emergency_declaration(id: DeclarationId) -> Option<EmergencyDeclaration<BlockNumber>> {
			pallet_records::Pallet::<Runtime>::emergency_declaration(id)
		}
		fn audited_access(record: RecordId, reader: AccountId, target: AccessTarget, purpose: Purpose) -> Option<AccessMark<BlockNumber>> {
			pallet_records::Pallet::<Runtime>::audited_access(record, reader, target, purpose)
		}
		fn pending_recovery(record: RecordId) -> Option<RecoveryView<AccountId, BlockNumber>> {
			pallet_records::Pallet::<Runtime>::pending_recovery(record)
		}
	}

	impl healthnet_primitives::supply::SupplyApi<Block, BlockNumber> for Runtime {
		fn stock_of(org: OrgId, after: Option<LotId>, limit: u32) -> Page<(LotId, StockFigures), LotId> {
			pallet_supply::Pallet::<Runtime>::stock_of(org, after, limit)
		}
		fn lot(lot: LotId) -> Option<LotView<BlockNumber>> {
			pallet_supply::Pallet::<Runtime>::lot_view(lot)
		}
		fn trace(lot: LotId) -> Vec<TraceEntry<BlockNumber>> {
			pallet_supply::Pallet::<Runtime>::trace_of(lot)
		}
		fn region_stock(product: Option<ProductId>, region: Vec<u8>, after: Option<(OrgId, LotId)>, limit: u32) -> Page<StockLine, (OrgId, LotId)> {
			pallet_supply::Pallet::<Runtime>::region_stock(product, region, after, limit)
		}
		fn open_requisitions(after: Option<RequisitionId>, limit: u32) -> Page<OpenRequisition, RequisitionId> {
			pallet_supply::Pallet::<Runtime>::open_requisitions(after, limit)
		}
		fn recalled_lots(from: LotId, limit: u32) -> Page<LotId, LotId> {
			pallet_supply::Pallet::<Runtime>::recalled_lots(from, limit)
		}
		fn quarantined_stock(after: Option<(OrgId, LotId)>, limit: u32) -> Page<(OrgId, LotId, u32), (OrgId, LotId)> {
			pallet_supply::Pallet::<Runtime>::quarantined_stock(after, limit)
		}
		fn reporting_gaps(region: Vec<u8>, disease: Vec<u8>, period: Period, tolerance_percent: u8, from: OrgId, limit: u32) -> Page<ReportingGap, OrgId> {
			pallet_supply::Pallet::<Runtime>::reporting_gaps(region, disease, period, tolerance_percent, from, limit)
		}
	}

	impl healthnet_primitives::instruments::InstrumentsApi<Block, AccountId> for Runtime {
		fn instrument(account: AccountId) -> Option<InstrumentView<AccountId>> {
			pallet_instruments::Pallet::<Runtime>::instrument_view(account)
		}
		fn instruments_of(holder: OrgId, after: Option<AccountId>, limit: u32) -> Page<InstrumentView<AccountId>, AccountId> {
			pallet_instruments::Pallet::<Runtime>::instruments_of(holder, after, limit)
		}
		fn attested(holder: OrgId, disease: Vec<u8>, from: Period, to: Period) -> Vec<AttestedDay> {
			pallet_instruments::Pallet::<Runtime>::attested_days(holder, disease, from, to)
		}
	}

	impl healthnet_primitives::environment::EnvironmentApi<Block, AccountId> for Runtime {
		fn levels(area: Area<Vec<u8>>, measure: Measure, from: Period, to: Period) -> Vec<LevelDay> {
			pallet_environment::Pallet::<Runtime>::levels_of(area, measure, from, to)
		}
		fn monitor_readings(monitor: AccountId, measure: Measure, from: Period, to: Period) -> Vec<Reading> {
			pallet_environment::Pallet::<Runtime>::readings_of(monitor, measure, from, to)
		}
		fn thresholds(region: Vec<u8>) -> Vec<(Measure, LevelThreshold)> {
			pallet_environment::Pallet::<Runtime>::thresholds_of(region)
		}
	}

	impl healthnet_primitives::channels::ChannelsApi<Block, AccountId, BlockNumber> for Runtime {
		fn channel(id: ChannelId) -> Option<ChannelView> {
			pallet_channels::Pallet::<Runtime>::channel_view(id)
		}
		fn channels_of(org: OrgId, after: Option<ChannelId>, limit: u32) -> Page<ChannelId, ChannelId> {
			pallet_channels::Pallet::<Runtime>::channels_of(org, after, limit)
		}
		fn documents(channel: ChannelId, from: DocumentIndex, limit: u32) -> Page<ChannelDocument<AccountId, BlockNumber>, DocumentIndex> {
			pallet_channels::Pallet::<Runtime>::documents_of(channel, from, limit)
		}
		fn may_read(channel: ChannelId, account: AccountId) -> bool {
			pallet_channels::Pallet::<Runtime>::may_read(channel, account)
		}
		fn read_mark(channel: ChannelId, index: DocumentIndex, account: AccountId) -> Option<ReadMark<BlockNumber>> {
			pallet_channels::Pallet::<Runtime>::read_mark(channel, index, account)
		}
		fn reads(channel: ChannelId, index: DocumentIndex, after: Option<AccountId>, limit: u32) -> Page<ReadLine<AccountId, BlockNumber>, AccountId> {
			pallet_channels::Pallet::<Runtime>::reads_of(channel, index, after, limit)
		}
	}

	impl healthnet_primitives::certificates::CertificatesApi<Block, BlockNumber> for Runtime {
		fn verify_certificate(id: CertificateId, version: u32, payload_hash: H256) -> Verdict<BlockNumber> {
			pallet_certificates::Pallet::<Runtime>::verify(id, version, payload_hash)
		}
		fn certificate(id: CertificateId) -> Option<CertificateView<BlockNumber>> {
			pallet_certificates::Pallet::<Runtime>::certificate_view(id)
		}
		fn issuer_keys(after: Option<KeyId>, limit: u32) -> Page<ListedKey<BlockNumber>, KeyId> {
			pallet_certificates::Pallet::<Runtime>::issuer_keys(after, limit)
		}
		fn suspended_issuers(after: Option<OrgId>, limit: u32) -> Page<(OrgId, BlockNumber), OrgId> {
			pallet_certificates::Pallet::<Runtime>::suspended_issuers(after, limit)
		}
	}

	impl healthnet_primitives::network::NetworkApi<Block> for Runtime {
		fn allowed_nodes() -> Vec<healthnet_primitives::network::NodeKey> {
			pallet_validators::Pallet::<Runtime>::allowed_nodes()
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};
			use baseline::Pallet as BaselineBench;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = crate::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use frame_support::traits::{TrackedStorageKey, WhitelistedStorageKeys};
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};
			use baseline::Pallet as BaselineBench;

			impl frame_system_benchmarking::Config for Runtime {}
			impl baseline::Config for Runtime {}
			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

			let whitelist: Vec<TrackedStorageKey> =
				crate::AllPalletsWithSystem::whitelisted_storage_keys();

			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
