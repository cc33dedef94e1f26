//! The `healthnet_*` methods that read diagnostic instruments: one instrument, a holder's
//! instruments a page at a time, and what a holder's instruments attested per disease and day.

use healthnet_primitives::{
	instruments::{AttestedDay, InstrumentView, InstrumentsApi},
	surveillance::Period,
	OrgId, Page,
};
use healthnet_runtime::{opaque::Block, AccountId};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use super::{supply::page_limit, Healthnet};

/// What apps read of instruments, served from the runtime's [`InstrumentsApi`] at the best
/// block (or at `at`).
#[rpc(client, server, namespace = "healthnet")]
pub trait InstrumentsRpc<BlockHash> {
	/// An instrument by its account (SS58), removed ones included; `null` when the key never
	/// registered.
	#[method(name = "instrument")]
	fn instrument(
		&self,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<InstrumentView<AccountId>>>;

	/// A holder's instruments after `after`, at most `limit` (100 when not given).
	#[method(name = "instruments")]
	fn instruments(
		&self,
		holder: OrgId,
		after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<InstrumentView<AccountId>, AccountId>>;

	/// What a holder's instruments attested for a disease from `from` to `to` (at most 366
	/// days, cut there): the days with results, with tests, positives, invalid results,
	/// sequencing results and lineages.
	#[method(name = "attested")]
	fn attested(
		&self,
		holder: OrgId,
		disease: String,
		from: Period,
		to: Period,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<AttestedDay>>;
}

impl<C> InstrumentsRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: InstrumentsApi<Block, AccountId>,
{
	fn instrument(
		&self,
		account: AccountId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<InstrumentView<AccountId>>> {
		self.ask(at, |api, at| api.instrument(at, account))
	}

	fn instruments(
		&self,
		holder: OrgId,
		after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<InstrumentView<AccountId>, AccountId>> {
		self.ask(at, |api, at| api.instruments_of(at, holder, after, page_limit(limit)))
	}

	fn attested(
		&self,
		holder: OrgId,
		disease: String,
		from: Period,
		to: Period,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Vec<AttestedDay>> {
		self.ask(at, |api, at| api.attested(at, holder, disease.into_bytes(), from, to))
	}
}
