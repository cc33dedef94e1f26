//! The membership gate: a transaction extension that refuses every signed transaction whose
//! signer the chain does not know, so that only the network's participants can use it.
//!
//! It runs when the transaction pool validates a transaction and again when a block includes
//! it, so an account whose organisation is suspended in between is refused at inclusion too.

use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Contains, ContainsPair, Get, IsSubType, OriginTrait},
	weights::Weight,
	DefaultNoBound,
};
use healthnet_primitives::{OrgRegistry, UNKNOWN_SIGNER};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{DispatchInfoOf, PostDispatchInfoOf, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
	DispatchResult,
};

use crate::{Call, Config, Invitations, Pallet, WeightInfo};

/// Refuses, with `InvalidTransaction::Custom(UNKNOWN_SIGNER)`, a signed transaction unless its
/// signer is one of [`Config::KnownAccounts`] (the council and the validators) or a member
/// account of an active organisation, or its call is one of [`Config::OpenCalls`] or the
/// acceptance of an invitation the signer holds; and refuses, with `InvalidTransaction::Call`,
/// a signed call the runtime's `BaseCallFilter` refuses, so that it never takes space in a
/// block, or one of [`Config::RefusedCalls`] from its signer. Unsigned transactions and
/// inherents pass: their own validation decides.
///
/// It is charged `check_membership`, the path that asks every source, and gives back
/// [`Config::KnownAccountsReads`] after the dispatch when it admitted a member without asking
/// [`Config::KnownAccounts`] (see [`Admission`]).
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

/// Why the gate let a signed transaction through: the sources it asks, in this order, each
/// only when the ones before did not admit the signer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
	/// The call is one of [`Config::OpenCalls`], which any account may sign: no look-up.
	OpenCall,
	/// The signer is a member account of an active organisation: two keyed look-ups, its
	/// membership and its organisation's status. Nearly every transaction stops here.
	Member,
	/// The signer is a device and the call one that [`Config::DeviceCalls`] pairs it with
	/// (the runtime's devices look nothing up for other calls).
	Device,
	/// The signer is one of [`Config::KnownAccounts`]: in Healthnet the council's and the
	/// validators' lists, each decoded whole, hence after the members.
	KnownAccount,
	/// The signer accepts or declines an invitation it holds. Last: the call it admits reads
	/// the same invitation again, and pays for that read.
	Invited,
}

impl Admission {
	/// Whether the gate admitted on the benchmarked path before it asked
	/// [`Config::KnownAccounts`]: a member only. (An open call is admitted before too, but
	/// [`Config::RefusedCalls`] may have read for it; a device's own look-ups, its logger
	/// entry and its holder, are not on the benchmark's path, so it keeps the whole charge.)
	fn before_known_accounts(self) -> bool {
		matches!(self, Self::Member)
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
		Self::admission(who, call).is_some()
	}

	/// Which source lets `who` sign `call`, asked in the order of [`Admission`]; `None` when
	/// none does.
	pub fn admission(
		who: &T::AccountId,
		call: &<T as frame_system::Config>::RuntimeCall,
	) -> Option<Admission> {
		if T::OpenCalls::contains(call) {
			Some(Admission::OpenCall)
		} else if <Self as OrgRegistry<T::AccountId>>::active_org_of(who).is_some() {
			Some(Admission::Member)
		} else if T::DeviceCalls::contains(who, call) {
			Some(Admission::Device)
		} else if T::KnownAccounts::contains(who) {
			Some(Admission::KnownAccount)
		} else {
			match call.is_sub_type() {
				Some(Call::accept_membership { org }) | Some(Call::decline_invitation { org }) => {
					Invitations::<T>::contains_key(org, who).then_some(Admission::Invited)
				},
				_ => None,
			}
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// The storage keys the gate reads to admit `who` as a member account
	/// ([`Admission::Member`]): its membership and its organisation. A signed transaction
	/// pays for them in the gate's weight, and its call, if it asks the registry about its
	/// signer again, finds them in the block's cache: call benchmarks whitelist them so that
	/// a member's transaction is not charged them twice.
	pub fn member_admission_keys(who: &T::AccountId) -> alloc::vec::Vec<alloc::vec::Vec<u8>> {
		let mut keys = alloc::vec![crate::Members::<T>::hashed_key_for(who)];
		if let Some((org, _)) = crate::Members::<T>::get(who) {
			keys.push(crate::Organisations::<T>::hashed_key_for(org));
		}
		keys
	}
}

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for CheckMembership<T>
where
	<T as frame_system::Config>::RuntimeCall: IsSubType<Call<T>>,
{
	const IDENTIFIER: &'static str = "CheckMembership";
	type Implicit = ();
	/// The weight the gate did not use, given back after the dispatch.
	type Val = Weight;
	type Pre = Weight;

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
		let charged = self.weight(call);
		let Some(who) = origin.as_signer() else {
			// Nothing to ask about an unsigned transaction: all of it is given back.
			return Ok((ValidTransaction::default(), charged, origin));
		};
		// A call the runtime's filter would refuse at dispatch never reaches a block.
		if !<T as frame_system::Config>::BaseCallFilter::contains(call)
			|| T::RefusedCalls::contains(who, call)
		{
			return Err(InvalidTransaction::Call.into());
		}
		let admission =
			Pallet::<T>::admission(who, call).ok_or(InvalidTransaction::Custom(UNKNOWN_SIGNER))?;
		let unused = if admission.before_known_accounts() {
			T::KnownAccountsReads::get().min(charged)
		} else {
			Weight::zero()
		};
		Ok((ValidTransaction::default(), unused, origin))
	}

	fn prepare(
		self,
		unused: Self::Val,
		_origin: &<T as frame_system::Config>::RuntimeOrigin,
		_call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		Ok(unused)
	}

	fn post_dispatch_details(
		unused: Self::Pre,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		Ok(unused)
	}
}
