//! Transactions that someone else's wallet signs: a browser extension behind the standard
//! interface (`window.injectedWeb3`), which holds the key where this library never sees it.
//! [`Client::unsigned`] fixes everything the signature covers (the call, the nonce, the block
//! its lifetime counts from); [`Unsigned::signer_payload_json`] is what the wallet's
//! `signPayload` takes; [`Client::submit_signed`] checks the wallet's signature over exactly
//! those bytes before it sends anything, then follows the transaction to finality.

use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	ext::codec::{Decode, Encode},
	tx::Payload,
	utils::{AccountId32, Era, MultiSignature, H256},
	PolkadotConfig,
};
use subxt_rpcs::rpc_params;

use crate::{
	events::{Included, Progress},
	Client, Error,
};

/// The extension parameters an [`Unsigned`] fixes: its nonce and its era from its block, no
/// tip.
macro_rules! params {
	($unsigned:expr) => {
		DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
			.nonce($unsigned.nonce)
			.mortal_from_unchecked(MORTALITY, $unsigned.block_number, $unsigned.block_hash)
			.build()
	};
}

/// For how many blocks a wallet-signed transaction stays valid: about six minutes at six
/// seconds a block, long enough to read what the wallet shows and approve it.
pub const MORTALITY: u64 = 64;

/// A transaction prepared for a wallet to sign: everything its signature covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsigned {
	/// The SCALE-encoded call.
	pub call: Vec<u8>,
	/// The account that signs.
	pub account: AccountId32,
	/// Its nonce, counting what waits in the node's pool.
	pub nonce: u64,
	/// The finalized block the transaction's lifetime counts from.
	pub block_hash: H256,
	/// That block's number.
	pub block_number: u64,
	/// The chain's genesis.
	pub genesis: H256,
	/// The runtime's spec version.
	pub spec_version: u32,
	/// The runtime's transaction version.
	pub transaction_version: u32,
}

impl Unsigned {
	/// The era the transaction carries: valid for [`MORTALITY`] blocks from its block.
	pub fn era(&self) -> Era {
		Era::mortal(MORTALITY, self.block_number)
	}

	/// The signer payload in the form a wallet's `signPayload` takes (polkadot{.js}'s
	/// `SignerPayloadJSON`): every number in hex, the call as `method`, and the runtime's
	/// transaction extensions by name, in order, so that the wallet encodes what the runtime
	/// checks.
	pub fn signer_payload_json(&self, extensions: &[String]) -> serde_json::Value {
		serde_json::json!({
			"address": self.account.to_string(),
			"blockHash": format!("{:?}", self.block_hash),
			"blockNumber": format!("0x{:08x}", self.block_number),
			"era": format!("0x{}", hex::encode(self.era().encode())),
			"genesisHash": format!("{:?}", self.genesis),
			"method": format!("0x{}", hex::encode(&self.call)),
			"nonce": format!("0x{:08x}", self.nonce),
			"signedExtensions": extensions,
			"specVersion": format!("0x{:08x}", self.spec_version),
			"tip": "0x00000000000000000000000000000000",
			"transactionVersion": format!("0x{:08x}", self.transaction_version),
			"version": 4,
		})
	}
}

/// Whether `signature` is `account`'s over `payload` (sr25519 or ed25519; the all-zero key is
/// no one's).
pub fn signed_by(account: &AccountId32, payload: &[u8], signature: &MultiSignature) -> bool {
	use sp_core::Pair;
	if account.0 == [0; 32] {
		return false;
	}
	match signature {
		MultiSignature::Sr25519(raw) => sp_core::sr25519::Pair::verify(
			&sp_core::sr25519::Signature::from_raw(*raw),
			payload,
			&sp_core::sr25519::Public::from_raw(account.0),
		),
		MultiSignature::Ed25519(raw) => sp_core::ed25519::Pair::verify(
			&sp_core::ed25519::Signature::from_raw(*raw),
			payload,
			&sp_core::ed25519::Public::from_raw(account.0),
		),
		_ => false,
	}
}

/// A wallet's signature as it hands it back: hex of the SCALE-encoded `MultiSignature` (its
/// scheme's byte, then the 64 bytes).
pub fn parse_signature(text: &str) -> Result<MultiSignature, Error> {
	let bytes = hex::decode(text.trim().trim_start_matches("0x")).map_err(|_| {
		Error::BadInput("the wallet's signature is not hexadecimal: nothing was sent".into())
	})?;
	let signature = MultiSignature::decode(&mut &bytes[..]).ok().filter(|_| bytes.len() == 65);
	signature.ok_or_else(|| {
		Error::BadInput(
			"the wallet's answer is not a signature with its scheme (65 bytes, sr25519 or \
			 ed25519): nothing was sent"
				.into(),
		)
	})
}

impl Client {
	/// Prepares `call` for `account`'s wallet to sign, at the finalized head.
	pub async fn unsigned<Call: Payload>(
		&self,
		call: &Call,
		account: &AccountId32,
	) -> Result<Unsigned, Error> {
		let at = self.at_finalized().await?;
		let call = at
			.tx()
			.call_data(call)
			.map_err(|e| Error::BadInput(format!("the runtime does not take this call: {e}")))?;
		let nonce: u64 =
			self.request("system_accountNextIndex", rpc_params![account.to_string()]).await?;
		Ok(Unsigned {
			call,
			account: *account,
			nonce,
			block_hash: at.block_hash(),
			block_number: at.block_number(),
			genesis: self.subxt().genesis_hash(),
			spec_version: at.spec_version(),
			transaction_version: at.transaction_version(),
		})
	}

	/// The names of the runtime's transaction extensions, in the order it checks them.
	pub async fn transaction_extensions(&self) -> Result<Vec<String>, Error> {
		let at = self.at_finalized().await?;
		let metadata = at.metadata_ref();
		let extensions = metadata.extrinsic().transaction_extensions_to_use_for_encoding();
		Ok(extensions.map(|e| e.identifier().to_string()).collect())
	}

	/// The bytes the wallet signs for `unsigned`: as the runtime checks them, hashed when
	/// longer than 256 bytes.
	pub async fn signer_payload(&self, unsigned: &Unsigned) -> Result<Vec<u8>, Error> {
		Ok(self.assemble(unsigned, None).await?.0)
	}

	/// The payload of `unsigned` and, with `signature`, the transaction it signs: rebuilt with
	/// subxt from the fields `unsigned` keeps, at its block's metadata. A signature that is not
	/// the signer's over that payload is refused.
	async fn assemble(
		&self,
		unsigned: &Unsigned,
		signature: Option<&MultiSignature>,
	) -> Result<
		(
			Vec<u8>,
			Option<
				subxt::transactions::SubmittableTransaction<
					PolkadotConfig,
					subxt::client::OnlineClientAtBlockImpl<PolkadotConfig>,
				>,
			>,
		),
		Error,
	> {
		let at = self
			.subxt()
			.at_block(unsigned.block_hash)
			.await
			.map_err(|e| Error::node("could not read the transaction's block", e))?;
		let tx = at.tx();
		let call = tx
			.from_call_data_bytes(&unsigned.call)
			.map_err(|e| Error::BadInput(format!("the runtime does not take this call: {e}")))?;
		let mut signable = tx
			.create_v4_signable_offline(&call, params!(unsigned))
			.map_err(|e| Error::BadInput(format!("could not prepare the transaction: {e}")))?;
		let payload = signable
			.signer_payload()
			.map_err(|e| Error::BadInput(format!("could not prepare the transaction: {e}")))?;
		let Some(signature) = signature else { return Ok((payload, None)) };
		if !signed_by(&unsigned.account, &payload, signature) {
			return Err(Error::BadInput(format!(
				"the wallet's signature is not {}'s over this transaction (it signed something \
				 else, or with another account): nothing was sent",
				unsigned.account
			)));
		}
		let signed = signable
			.sign_with_account_and_signature(&unsigned.account, signature)
			.map_err(|e| Error::BadInput(format!("could not assemble the transaction: {e}")))?;
		Ok((payload, Some(signed)))
	}

	/// Checks that `signature` is the signer's over `unsigned`, then submits it, reports each
	/// step to `progress` and waits until it is finalized. A signature over anything else is
	/// refused before the node sees it.
	pub async fn submit_signed(
		&self,
		unsigned: &Unsigned,
		signature: &MultiSignature,
		progress: impl FnMut(&Progress),
	) -> Result<Included, Error> {
		let (_, signed) = self.assemble(unsigned, Some(signature)).await?;
		let signed = signed.expect("a signature gives a transaction");
		let watch = signed.submit_and_watch().await.map_err(|e| Error::refused(&e.to_string()))?;
		self.follow_transaction(watch, progress).await
	}
}
