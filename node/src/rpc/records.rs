//! The `healthnet_*` methods that read medical records: access decisions (which the gatekeeper
//! asks before it releases a document), records, entries, consents, audit trails and
//! emergency tallies. Accounts and patient keys are SS58 strings, record ids `0x` hex, resource
//! types and purposes their names (`"Observation"`, `"Treatment"`).

use healthnet_primitives::{
	records::{
		AccessDecision, AccessMark, AccessTarget, AuditEntry, AuditIndex, ConsentId, ConsentView,
		DeclarationId, EmergencyDeclaration, EmergencyTally, EntryIndex, EntryView, Purpose,
		RecordId, RecordInfo, RecordsApi, RecoveryView, ResourceType,
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

	/// An organisation's emergency declarations: made, found justified, found abusive.
	#[method(name = "emergencyAccesses")]
	fn emergency_accesses(&self, org: OrgId, at: Option<BlockHash>) -> RpcResult<EmergencyTally>;

	/// One emergency declaration, with its review; `null` when there is none.
	#[method(name = "emergencyDeclaration")]
	fn emergency_declaration(
		&self,
		id: DeclarationId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<EmergencyDeclaration<BlockNumber>>>;

	/// Where the audit trail holds `reader`'s latest access to `target` of `record` for
	/// `purpose` (its line, first and last block); `null` when it has none. The gatekeeper's
	/// check, one look-up whatever the trail's length.
	#[method(name = "auditedAccess")]
	fn audited_access(
		&self,
		record: RecordId,
		reader: AccountId,
		target: AccessTarget,
		purpose: Purpose,
		at: Option<BlockHash>,
	) -> RpcResult<Option<AccessMark<BlockNumber>>>;

	/// The key recovery waiting for a record (new key, request block, first block it may be
	/// approved); `null` when none.
	#[method(name = "pendingRecovery")]
	fn pending_recovery(
		&self,
		record: RecordId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<RecoveryView<AccountId, BlockNumber>>>;
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
	) -> RpcResult<EmergencyTally> {
		self.ask(at, |api, at| api.emergency_accesses(at, org))
	}

	fn emergency_declaration(
		&self,
		id: DeclarationId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<EmergencyDeclaration<BlockNumber>>> {
		self.ask(at, |api, at| api.emergency_declaration(at, id))
	}

	fn audited_access(
		&self,
		record: RecordId,
		reader: AccountId,
		target: AccessTarget,
		purpose: Purpose,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<AccessMark<BlockNumber>>> {
		self.ask(at, |api, at| api.audited_access(at, record, reader, target, purpose))
	}

	fn pending_recovery(
		&self,
		record: RecordId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<RecoveryView<AccountId, BlockNumber>>> {
		self.ask(at, |api, at| api.pending_recovery(at, record))
	}
}
