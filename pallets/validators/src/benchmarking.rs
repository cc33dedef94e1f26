//! Benchmarks of every call, each in its worst case: a set one short of the maximum (or at it)
//! that must be searched end to end.

use super::*;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::TrailingZeroInput;

/// Fills the decided set with `count` distinct validators.
fn fill_set<T: Config>(count: u32) -> Vec<T::ValidatorId>
where
	T::ValidatorId: From<T::AccountId>,
{
	let validators: Vec<T::ValidatorId> =
		(0..count).map(|i| validator_id::<T>("validator", i)).collect();
	Validators::<T>::put(BoundedVec::truncate_from(validators.clone()));
	validators
}

fn validator_id<T: Config>(name: &'static str, index: u32) -> T::ValidatorId
where
	T::ValidatorId: From<T::AccountId>,
{
	account::<T::AccountId>(name, index, 0).into()
}

/// `count` distinct node keys from `first` on.
fn node_keys(first: u32, count: u32) -> Vec<NodeKey> {
	(first..first + count)
		.map(|i| {
			let mut key = [0xab; 32];
			key[..4].copy_from_slice(&i.to_le_bytes());
			key
		})
		.collect()
}

#[benchmarks(where T::ValidatorId: From<T::AccountId>)]
mod benchmarks {
	use super::*;

	/// Adds a validator with keys to a set of `v` validators, the newcomer compared with each.
	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get() - 1 }>) -> Result<(), BenchmarkError> {
		fill_set::<T>(v);
		let newcomer = validator_id::<T>("newcomer", 0);
		let keys = T::Keys::decode(&mut TrailingZeroInput::zeroes())
			.map_err(|_| BenchmarkError::Stop("session keys cannot be decoded from zeroes"))?;
		pallet_session::NextKeys::<T>::insert(&newcomer, keys);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, newcomer.clone());

		assert!(Validators::<T>::get().contains(&newcomer));
		Ok(())
	}

	/// Removes the last of `v` validators, found after searching the whole set.
	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let validators = fill_set::<T>(v);
		let leaving = validators.last().cloned().ok_or(BenchmarkError::Weightless)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, leaving.clone());

		assert!(!Validators::<T>::get().contains(&leaving));
		Ok(())
	}

	/// Removes `r` validators from a full set, each found after searching it, and schedules the
	/// recovery.
	#[benchmark]
	fn recover_finality(
		r: Linear<0, { T::MaxValidators::get() - T::MinValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let validators = fill_set::<T>(T::MaxValidators::get());
		let leaving: Vec<_> = validators.iter().rev().take(r as usize).cloned().collect();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			BoundedVec::truncate_from(leaving),
			5u32.into(),
			Zero::zero(),
		);

		assert!(PendingRecovery::<T>::exists());
		Ok(())
	}

	/// Authorizes a runtime upgrade; its cost does not depend on the code, only on its hash.
	#[benchmark]
	fn authorize_upgrade() -> Result<(), BenchmarkError> {
		let code_hash = T::Hash::default();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		assert!(frame_system::Pallet::<T>::authorized_upgrade().is_some());
		Ok(())
	}

	/// Lists `n` nodes on an empty list, each checked against the others and the list, which
	/// closes the network.
	#[benchmark]
	fn allow_nodes(n: Linear<1, { T::MaxAllowedNodes::get() }>) -> Result<(), BenchmarkError> {
		let nodes = node_keys(0, n);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, BoundedVec::truncate_from(nodes));

		assert_eq!(AllowedNodes::<T>::count(), n);
		Ok(())
	}

	/// Takes `n` nodes off a list of `n + 1`, each checked against the others and the list.
	#[benchmark]
	fn disallow_nodes(
		n: Linear<1, { T::MaxAllowedNodes::get() - 1 }>,
	) -> Result<(), BenchmarkError> {
		let nodes = node_keys(0, n + 1);
		for node in &nodes {
			AllowedNodes::<T>::insert(node, BlockNumberFor::<T>::zero());
		}
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, BoundedVec::truncate_from(nodes[1..].to_vec()));

		assert_eq!(AllowedNodes::<T>::count(), 1);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
