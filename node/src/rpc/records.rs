//! The `healthnet_*` methods that read medical records: access decisions (which the gatekeeper
//! asks before it releases a document), records, entries, consents, audit trails and
//! emergency tallies. Accounts and patient keys are SS58 strings, record ids `0x` hex, resource
//! types and purposes their names (`"Observation"`, `"Treatment"`).

use healthnet_primitives::{
	records::{
		AccessDecision, AuditEntry, AuditIndex, ConsentId, ConsentView, EntryIndex, EntryView,
		Purpose, RecordId, RecordInfo, RecordsApi, ResourceType,
	},
	OrgId,
};
use healthnet_runtime::{opaque::Block, AccountId, BlockNumber};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use super::Healthnet;

/// What apps and the gatekeeper read of records, served from the runtime's [`RecordsApi`] at
/// the best block (or at `at`; the gatekeeper gives the finalized head).
#[rpc(client, server, namespace = "healthnet")]
pub trait RecordsRpc<BlockHash> {
	/// Whether `reader` may access `resourceType` entries of `record` for `purpose`, and the
	/// consent or emergency access that decides it, or why not.
	#[method(name = "canAccess")]
	fn can_access(
		&self,
		reader: AccountId,
		record: RecordId,
		resource_type: ResourceType,
		purpose: Purpose,
		at: Option<BlockHash>,
	) -> RpcResult<AccessDecision<BlockNumber>>;

	/// A record's key, enrolling provider and counts; `null` when there is none.
	#[method(name = "record")]
	fn record(
		&self,
		record: RecordId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<RecordInfo<AccountId, BlockNumber>>>;

	/// The record a patient key holds, current or retired; `null` when none.
	#[method(name = "recordOfKey")]
	fn record_of_key(&self, key: AccountId, at: Option<BlockHash>) -> RpcResult<Option<RecordId>>;

	/// Up to `limit` (at most 100) entries of a record from index `from`: what they are and
	/// where they live, never what they say.
	#[method(name = "recordEntries")]
	fn record_entries(
		&self,
		record: RecordId,
		from: EntryIndex,
		limit: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<EntryView<BlockNumber>>>;

	/// Up to 100 consents of a record from id `from`, revoked ones included.
	#[method(name = "recordConsents")]
	fn record_consents(
		&self,
		record: RecordId,
		from: ConsentId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<ConsentView<BlockNumber>>>;

	/// Up to `limit` (at most 100) lines of a record's audit trail from `from`: who accessed
	/// it, what, why, under which grant, when.
	#[method(name = "auditTrail")]
	fn audit_trail(
		&self,
		record: RecordId,
		from: AuditIndex,
		limit: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<AuditEntry<AccountId, BlockNumber>>>;

	/// How many times an organisation has declared emergency access.
	#[method(name = "emergencyAccesses")]
	fn emergency_accesses(&self, org: OrgId, at: Option<BlockHash>) -> RpcResult<u32>;
}

impl<C> RecordsRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: RecordsApi<Block, AccountId, BlockNumber>,
{
	fn can_access(
		&self,
		reader: AccountId,
		record: RecordId,
		resource_type: ResourceType,
		purpose: Purpose,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<AccessDecision<BlockNumber>> {
		self.ask(at, |api, at| api.can_access(at, reader, record, resource_type, purpose))
	}

	fn record(
		&self,
		record: RecordId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<RecordInfo<AccountId, BlockNumber>>> {
		self.ask(at, |api, at| api.record(at, record))
	}

	fn record_of_key(
		&self,
		key: AccountId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<RecordId>> {
		self.ask(at, |api, at| api.record_of_key(at, key))
	}

	fn record_entries(
		&self,
		record: RecordId,
		from: EntryIndex,
		limit: u32,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<EntryView<BlockNumber>>> {
		self.ask(at, |api, at| api.entries(at, record, from, limit))
	}

	fn record_consents(
		&self,
		record: RecordId,
		from: ConsentId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<ConsentView<BlockNumber>>> {
		self.ask(at, |api, at| api.consents(at, record, from))
	}

	fn audit_trail(
		&self,
		record: RecordId,
		from: AuditIndex,
		limit: u32,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<AuditEntry<AccountId, BlockNumber>>> {
		self.ask(at, |api, at| api.audit_trail(at, record, from, limit))
	}

	fn emergency_accesses(
		&self,
		org: OrgId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<u32> {
		self.ask(at, |api, at| api.emergency_accesses(at, org))
	}
}
