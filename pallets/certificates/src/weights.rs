//! Placeholder until `scripts/bench certificates` generates this file.

use frame_support::weights::Weight;
use core::marker::PhantomData;

/// The weight of each call of `pallet_certificates`.
pub trait WeightInfo {
	fn add_issuer_key() -> Weight;
	fn suspend_issuer_key() -> Weight;
	fn reinstate_issuer_key() -> Weight;
	fn remove_issuer_key() -> Weight;
	fn suspend_issuer() -> Weight;
	fn reinstate_issuer() -> Weight;
	fn issue_certificate() -> Weight;
	fn update_certificate() -> Weight;
	fn revoke_certificate() -> Weight;
	fn suspend_certificate() -> Weight;
	fn reinstate_certificate() -> Weight;
}

/// Placeholder weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn suspend_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn reinstate_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn remove_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn suspend_issuer() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn reinstate_issuer() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn issue_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn update_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn revoke_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn suspend_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn reinstate_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
}

impl WeightInfo for () {
	fn add_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn suspend_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn reinstate_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn remove_issuer_key() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn suspend_issuer() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn reinstate_issuer() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn issue_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn update_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn revoke_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn suspend_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn reinstate_certificate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
}
