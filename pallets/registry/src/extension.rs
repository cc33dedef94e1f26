//! The membership gate: a transaction extension that refuses every signed transaction whose
//! signer the chain does not know, so that only the network's participants can use it.
//!
//! It runs when the transaction pool validates a transaction and again when a block includes
//! it, so an account whose organisation is suspended in between is refused at inclusion too.

use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Contains, ContainsPair, IsSubType, OriginTrait},
	weights::Weight,
	DefaultNoBound,
};
use healthnet_primitives::{OrgRegistry, UNKNOWN_SIGNER};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, ValidTransaction},
};

use crate::{Call, Config, Invitations, Pallet, WeightInfo};

/// Refuses, with `InvalidTransaction::Custom(UNKNOWN_SIGNER)`, a signed transaction unless its
/// signer is one of [`Config::KnownAccounts`] (the council and the validators) or a member
/// account of an active organisation, or its call is one of [`Config::OpenCalls`] or the
/// acceptance of an invitation the signer holds; and refuses, with `InvalidTransaction::Call`,
/// a signed call the runtime's `BaseCallFilter` refuses, so that it never takes space in a
/// block, or one of [`Config::RefusedCalls`] from its signer. Unsigned transactions and inherents pass: their own validation decides.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckMembership<T>(PhantomData<T>);

impl<T> core::fmt::Debug for CheckMembership<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckMembership")
	}
}

impl<T: Config + Send + Sync> CheckMembership<T> {
	/// The gate, as a signer puts it in a transaction (it carries no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T: Config> Pallet<T>
where
	<T as frame_system::Config>::RuntimeCall: IsSubType<Call<T>>,
{
	/// Whether the membership gate lets `who` sign `call`: a device only the calls
	/// [`Config::DeviceCalls`] pairs it with; an account with an invitation its acceptance or
	/// its refusal, and nothing else.
	pub fn may_sign(who: &T::AccountId, call: &<T as frame_system::Config>::RuntimeCall) -> bool {
		T::OpenCalls::contains(call)
			|| T::KnownAccounts::contains(who)
			|| <Self as OrgRegistry<T::AccountId>>::active_org_of(who).is_some()
			// After the members: a member's transaction costs no device look-up.
			|| T::DeviceCalls::contains(who, call)
			|| match call.is_sub_type() {
				Some(Call::accept_membership { org }) | Some(Call::decline_invitation { org }) => {
					Invitations::<T>::contains_key(org, who)
				},
				_ => false,
			}
	}
}

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for CheckMembership<T>
where
	<T as frame_system::Config>::RuntimeCall: IsSubType<Call<T>>,
{
	const IDENTIFIER: &'static str = "CheckMembership";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, _: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		<T as Config>::WeightInfo::check_membership()
	}

	fn validate(
		&self,
		origin: <T as frame_system::Config>::RuntimeOrigin,
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		if let Some(who) = origin.as_signer() {
			// A call the runtime's filter would refuse at dispatch never reaches a block.
			if !<T as frame_system::Config>::BaseCallFilter::contains(call)
				|| T::RefusedCalls::contains(who, call)
			{
				return Err(InvalidTransaction::Call.into());
			}
			if !Pallet::<T>::may_sign(who, call) {
				return Err(InvalidTransaction::Custom(UNKNOWN_SIGNER).into());
			}
		}
		Ok((ValidTransaction::default(), (), origin))
	}

	impl_tx_ext_default!(<T as frame_system::Config>::RuntimeCall; prepare);
}
