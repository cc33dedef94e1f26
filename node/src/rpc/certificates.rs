//! The `healthnet_*` methods that read health certificates: the verdict on a certificate
//! version for online verifiers, a certificate with its versions, and the trust list that
//! verifiers cache for offline checks.

use healthnet_primitives::{
	certificates::{CertificateId, CertificateView, CertificatesApi, KeyId, ListedKey, Verdict},
	OrgId, Page,
};
use healthnet_runtime::{opaque::Block, BlockNumber};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::INVALID_PARAMS_CODE, ErrorObject, ErrorObjectOwned},
};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

use super::{supply::page_limit, Healthnet};

/// Reads a certificate id: `0x` and 32 hex digits, as certificates print it.
fn certificate_id(text: &str) -> Result<CertificateId, ErrorObjectOwned> {
	text.strip_prefix("0x")
		.and_then(|digits| hex::decode(digits).ok())
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| {
			ErrorObject::owned(
				INVALID_PARAMS_CODE,
				format!("`{text}` is not a certificate id: give 0x and 32 hex digits"),
				None::<()>,
			)
		})
}

/// What verifiers and apps read of health certificates, served from the runtime's
/// [`CertificatesApi`] at the best block (or at `at`).
#[rpc(client, server, namespace = "healthnet")]
pub trait CertificatesRpc<BlockHash> {
	/// What the chain says of version `version` of certificate `id` (0x and 32 hex digits),
	/// signed as the payload with hash `payloadHash`: valid, not yet valid, expired,
	/// superseded, revoked (with the reason), suspended, issuer or key suspended, key removed,
	/// lot recalled, unknown, or a payload that is not the one registered.
	#[method(name = "verifyCertificate")]
	fn verify_certificate(
		&self,
		id: String,
		version: u32,
		payload_hash: H256,
		at: Option<BlockHash>,
	) -> RpcResult<Verdict<BlockNumber>>;

	/// A certificate (issuer, kind, holder commitment, lot, state) and all its versions;
	/// `null` when none has this id.
	#[method(name = "certificate")]
	fn certificate(
		&self,
		id: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<CertificateView<BlockNumber>>>;

	/// Issuer keys with their organisation, kinds, validity and status, after key `after` (a
	/// page of at most `limit`, and 100): with the suspended issuers, what a verifier caches to
	/// check signatures offline.
	#[method(name = "issuerKeys")]
	fn issuer_keys(
		&self,
		after: Option<KeyId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ListedKey<BlockNumber>, KeyId>>;

	/// The issuers suspended as a whole, with the block of their suspension, after issuer
	/// `after` (a page of at most `limit`, and 100).
	#[method(name = "suspendedIssuers")]
	fn suspended_issuers(
		&self,
		after: Option<OrgId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(OrgId, BlockNumber), OrgId>>;
}

impl<C> CertificatesRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CertificatesApi<Block, BlockNumber>,
{
	fn verify_certificate(
		&self,
		id: String,
		version: u32,
		payload_hash: H256,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Verdict<BlockNumber>> {
		let id = certificate_id(&id)?;
		let verdict =
			self.ask(at, |api, at| api.verify_certificate(at, id, version, payload_hash))?;
		if let Some(verifications) = &self.verifications {
			verifications.with_label_values(&[verdict_label(&verdict)]).inc();
		}
		Ok(verdict)
	}

	fn certificate(
		&self,
		id: String,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<CertificateView<BlockNumber>>> {
		let id = certificate_id(&id)?;
		self.ask(at, |api, at| api.certificate(at, id))
	}

	fn issuer_keys(
		&self,
		after: Option<KeyId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<ListedKey<BlockNumber>, KeyId>> {
		self.ask(at, |api, at| api.issuer_keys(at, after, page_limit(limit)))
	}

	fn suspended_issuers(
		&self,
		after: Option<OrgId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<(OrgId, BlockNumber), OrgId>> {
		self.ask(at, |api, at| api.suspended_issuers(at, after, page_limit(limit)))
	}
}

/// The verdict's kind as a metric label: its variant's name (`Valid`, `Revoked`, ...).
fn verdict_label(verdict: &Verdict<BlockNumber>) -> &'static str {
	match verdict {
		Verdict::Unknown => "Unknown",
		Verdict::UnknownVersion { .. } => "UnknownVersion",
		Verdict::PayloadMismatch => "PayloadMismatch",
		Verdict::Revoked { .. } => "Revoked",
		Verdict::Superseded { .. } => "Superseded",
		Verdict::Suspended { .. } => "Suspended",
		Verdict::IssuerSuspended { .. } => "IssuerSuspended",
		Verdict::KeySuspended { .. } => "KeySuspended",
		Verdict::KeyRemoved { .. } => "KeyRemoved",
		Verdict::LotRecalled { .. } => "LotRecalled",
		Verdict::NotYetValid { .. } => "NotYetValid",
		Verdict::Expired { .. } => "Expired",
		Verdict::Valid { .. } => "Valid",
	}
}
