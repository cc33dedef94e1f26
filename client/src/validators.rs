//! The permissioned validators: builders of the validators pallet's calls (each council only,
//! proposed through [`crate::council::propose`]), of session key registration, and the read of
//! the validator set.

use subxt::utils::{AccountId32, H256};

use crate::{
	api::{self, runtime_types::healthnet_runtime::RuntimeCall},
	Client, Error,
};

/// Adds a validator (its operator must have set its session keys).
pub fn add_validator(validator: AccountId32) -> RuntimeCall {
	RuntimeCall::Validators(api::runtime_types::pallet_validators::pallet::Call::add_validator {
		validator,
	})
}

/// Removes a validator.
pub fn remove_validator(validator: AccountId32) -> RuntimeCall {
	RuntimeCall::Validators(api::runtime_types::pallet_validators::pallet::Call::remove_validator {
		validator,
	})
}

/// Authorizes a runtime upgrade to the code whose hash is `code_hash`.
pub fn authorize_upgrade(code_hash: H256) -> RuntimeCall {
	RuntimeCall::Validators(
		api::runtime_types::pallet_validators::pallet::Call::authorize_upgrade { code_hash },
	)
}

/// A validator's operator sets its session keys: `keys` and `proof` as
/// `author_rotateKeysWithOwner` returned them for the validator's account.
pub fn set_keys(keys: &[u8], proof: Vec<u8>) -> Result<impl subxt::tx::Payload, Error> {
	use codec::Decode;
	let keys = api::runtime_types::healthnet_runtime::SessionKeys::decode(&mut &keys[..])
		.ok()
		.filter(|_| keys.len() == 64)
		.ok_or_else(|| {
			Error::BadInput(
				"the session keys are not an Aura and a GRANDPA key (64 bytes, as \
				 author_rotateKeysWithOwner returns them)"
					.into(),
			)
		})?;
	Ok(api::tx().session().set_keys(keys, proof))
}

impl Client {
	/// The validators the council decided on (they take effect at a session boundary).
	pub async fn validators(&self) -> Result<Vec<AccountId32>, Error> {
		let at = self.at_finalized().await?;
		let value = at
			.storage()
			.try_fetch(api::storage().validators().validators(), ())
			.await
			.map_err(|e| Error::node("could not read the validators", e))?;
		match value {
			Some(value) => value
				.decode()
				.map(|validators| validators.0)
				.map_err(|e| Error::node("could not decode the validators", e)),
			None => Ok(Vec::new()),
		}
	}
}
