//! The node's JSON-RPC methods beyond the ones every Substrate node serves: account nonces
//! (`system_accountNextIndex`), fee estimates (`payment_*`), and Healthnet's own reads
//! (`healthnet_*`), one module per domain: `surveillance`, `records`, `supply`, `certificates`,
//! `instruments`, `channels`, `environment`.

mod certificates;
mod channels;
mod environment;
mod instruments;
mod records;
mod supply;
mod surveillance;

use std::sync::Arc;

use healthnet_primitives::{
	certificates::CertificatesApi, channels::ChannelsApi, environment::EnvironmentApi,
	instruments::InstrumentsApi, records::RecordsApi, supply::SupplyApi,
	surveillance::SurveillanceApi,
};
use healthnet_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use jsonrpsee::{
	core::RpcResult,
	types::{ErrorObject, ErrorObjectOwned},
	RpcModule,
};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_runtime::traits::Block as BlockT;
use substrate_prometheus_endpoint::{CounterVec, U64};

/// What the RPC methods read from.
pub struct FullDeps<C, P> {
	/// The client, for runtime API calls and block headers.
	pub client: Arc<C>,
	/// The transaction pool, for the next nonce of an account.
	pub pool: Arc<P>,
	/// Counts `healthnet_verifyCertificate`'s verdicts, when the node serves metrics.
	pub certificate_verifications: Option<CounterVec<U64>>,
}

/// Builds the RPC methods of a full node.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: SurveillanceApi<Block, AccountId>,
	C::Api: RecordsApi<Block, AccountId, BlockNumber>,
	C::Api: SupplyApi<Block, BlockNumber>,
	C::Api: CertificatesApi<Block, BlockNumber>,
	C::Api: InstrumentsApi<Block, AccountId>,
	C::Api: ChannelsApi<Block, AccountId, BlockNumber>,
	C::Api: EnvironmentApi<Block, AccountId>,
	P: TransactionPool + 'static,
{
	use certificates::CertificatesRpcServer;
	use channels::ChannelsRpcServer;
	use environment::EnvironmentRpcServer;
	use instruments::InstrumentsRpcServer;
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use records::RecordsRpcServer;
	use substrate_frame_rpc_system::{System, SystemApiServer};
	use supply::SupplyRpcServer;
	use surveillance::SurveillanceRpcServer;

	let FullDeps { client, pool, certificate_verifications } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(SurveillanceRpcServer::into_rpc(Healthnet::new(client.clone())))?;
	module.merge(RecordsRpcServer::into_rpc(Healthnet::new(client.clone())))?;
	module.merge(SupplyRpcServer::into_rpc(Healthnet::new(client.clone())))?;
	module.merge(InstrumentsRpcServer::into_rpc(Healthnet::new(client.clone())))?;
	module.merge(ChannelsRpcServer::into_rpc(Healthnet::new(client.clone())))?;
	module.merge(EnvironmentRpcServer::into_rpc(Healthnet::new(client.clone())))?;
	let certificates = Healthnet { client, verifications: certificate_verifications };
	module.merge(CertificatesRpcServer::into_rpc(certificates))?;
	Ok(module)
}

/// Serves the `healthnet_*` methods of every domain from a client's runtime API.
pub struct Healthnet<C> {
	client: Arc<C>,
	/// Counts `healthnet_verifyCertificate`'s verdicts, if set.
	verifications: Option<CounterVec<U64>>,
}

impl<C> Healthnet<C> {
	/// Serves the methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, verifications: None }
	}
}

/// The error every `healthnet_*` method returns when the runtime cannot answer.
fn runtime_error(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(
		RUNTIME_ERROR,
		"the runtime could not answer; is the node synced to a block of this chain's runtime?",
		Some(error.to_string()),
	)
}

/// The JSON-RPC error code of a failed runtime API call.
const RUNTIME_ERROR: i32 = 1;

impl<C> Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
{
	/// Asks the runtime API at `at`, or at the best block.
	pub(crate) fn ask<R>(
		&self,
		at: Option<<Block as BlockT>::Hash>,
		question: impl FnOnce(
			&<C as ProvideRuntimeApi<Block>>::Api,
			<Block as BlockT>::Hash,
		) -> Result<R, sp_api::ApiError>,
	) -> RpcResult<R> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		question(&self.client.runtime_api(), at).map_err(runtime_error)
	}
}
