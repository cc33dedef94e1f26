//! The council of health authorities: builders of its calls (propose, vote, close), its open
//! motions, and what became of a motion a transaction proposed or closed.

use subxt::{
	ext::codec::Decode,
	utils::{AccountId32, MultiAddress, H256},
};

use crate::{
	api::{
		self,
		runtime_types::{
			healthnet_runtime::RuntimeCall, pallet_membership::pallet::Call as MembershipCall,
		},
	},
	Client, Error, Included,
};

/// A council motion still open for votes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Motion {
	/// The motion's hash, which votes and closing name.
	pub hash: H256,
	/// The motion's index.
	pub index: u32,
	/// The ayes needed.
	pub threshold: u32,
	/// Who voted aye.
	pub ayes: Vec<AccountId32>,
	/// Who voted nay.
	pub nays: Vec<AccountId32>,
	/// The block after which it may be closed without every vote.
	pub end: u32,
}

/// The largest encoded call a motion carries; Healthnet's council calls are small.
pub const LENGTH_BOUND: u32 = 10_000;

/// A council member proposes `call`; it executes once `threshold` members voted aye (at
/// once when `threshold` is 1).
pub fn propose(threshold: u32, call: RuntimeCall) -> Result<impl subxt::tx::Payload, Error> {
	if threshold == 0 {
		return Err(Error::BadInput("a motion's threshold is at least 1".into()));
	}
	Ok(api::tx().council().propose(threshold, call, LENGTH_BOUND))
}

/// A council member votes on the motion `hash` with index `index`.
pub fn vote(hash: H256, index: u32, aye: bool) -> impl subxt::tx::Payload {
	api::tx().council().vote(hash, index, aye)
}

/// Anyone on the council closes a motion that has its votes (or whose time is up).
pub fn close(hash: H256, index: u32) -> impl subxt::tx::Payload {
	let weight = api::runtime_types::sp_weights::weight_v2::Weight {
		ref_time: 100_000_000_000,
		proof_size: 1_000_000,
	};
	api::tx().council().close(hash, index, weight, LENGTH_BOUND)
}

/// Adds a member to the council (a motion's call).
pub fn add_member(account: AccountId32) -> RuntimeCall {
	RuntimeCall::CouncilMembership(MembershipCall::add_member { who: MultiAddress::Id(account) })
}

/// Removes a member from the council (a motion's call).
pub fn remove_member(account: AccountId32) -> RuntimeCall {
	RuntimeCall::CouncilMembership(MembershipCall::remove_member { who: MultiAddress::Id(account) })
}

/// The index and hash of the motion a `Council.propose` transaction opened, if it opened one
/// (a motion of threshold 1 executes at once instead).
pub fn motion_of(included: &Included) -> Option<(u32, H256)> {
	let event = included.event("Council", "Proposed")?;
	let (_account, index, hash, _threshold) =
		<([u8; 32], u32, H256, u32)>::decode(&mut &event.bytes[..]).ok()?;
	Some((index, hash))
}

impl Client {
	/// Checks what became of the motion a transaction closed (or proposed, at threshold 1):
	/// fails if the council disapproved it, or if it executed and its call failed, with that
	/// call's error.
	pub async fn motion_outcome(&self, included: &Included) -> Result<(), Error> {
		if included.event("Council", "Disapproved").is_some() {
			return Err(Error::Node("the council disapproved the motion".into()));
		}
		let Some(event) = included.event("Council", "Executed") else { return Ok(()) };
		// `Executed { proposal_hash, result: Result<(), DispatchError> }`.
		match event.bytes.get(32) {
			Some(0) => Ok(()),
			_ => {
				let metadata = self.at_finalized().await?.metadata();
				let error = subxt::error::DispatchError::decode_from(&event.bytes[33..], metadata)
					.map(|error| Error::dispatch(&error))
					.unwrap_or_else(|_| Error::Node(format!("it failed with {}", event.fields)));
				Err(Error::MotionFailed(Box::new(error)))
			},
		}
	}

	/// The council's members.
	pub async fn council_members(&self) -> Result<Vec<AccountId32>, Error> {
		let at = self.at_finalized().await?;
		let members = at
			.storage()
			.try_fetch(api::storage().council().members(), ())
			.await
			.map_err(|e| Error::node("could not read the council", e))?;
		match members {
			Some(value) => {
				value.decode().map_err(|e| Error::node("could not decode the council", e))
			},
			None => Ok(Vec::new()),
		}
	}

	/// The council's open motions.
	pub async fn motions(&self) -> Result<Vec<Motion>, Error> {
		let at = self.at_finalized().await?;
		let storage = at.storage();
		let read = |e| Error::node("could not read the council's motions", e);
		let hashes: Vec<H256> = match storage
			.try_fetch(api::storage().council().proposals(), ())
			.await
			.map_err(read)?
		{
			Some(value) => {
				value.decode().map_err(|e| Error::node("could not decode motions", e))?.0
			},
			None => Vec::new(),
		};
		let mut motions = Vec::new();
		for hash in hashes {
			let votes = storage
				.try_fetch(api::storage().council().voting(), (hash,))
				.await
				.map_err(read)?;
			if let Some(votes) = votes {
				let votes = votes.decode().map_err(|e| Error::node("could not decode votes", e))?;
				motions.push(Motion {
					hash,
					index: votes.index,
					threshold: votes.threshold,
					ayes: votes.ayes,
					nays: votes.nays,
					end: votes.end,
				});
			}
		}
		Ok(motions)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_motion_needs_at_least_one_aye() {
		let call = crate::validators::remove_validator(AccountId32([0; 32]));
		assert!(propose(0, call.clone()).is_err());
		assert!(propose(1, call).is_ok());
	}
}
