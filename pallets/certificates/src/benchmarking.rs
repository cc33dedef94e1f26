//! Benchmarks of every call, each in its worst case: an issuer in the deepest region the
//! registry allows (so that an authority's check walks the longest region code), checked by a
//! national authority where an authority may act, and vaccinations that ask the supply chain
//! about their lot.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// Registers an organisation that may issue certificates in the deepest region the
	/// registry allows, and returns a member account of it and of a national authority over it.
	fn issuer_and_authority() -> (AccountId, AccountId);
	/// Makes a lot of a vaccine, not recalled, and returns its id.
	fn vaccine_lot() -> LotId;
}

/// The key type of the benchmarks' issuer keys in the keystore.
const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"hnik");

/// Benchmark key `seed`, generated in the keystore the benchmarks run with.
fn public(seed: u8) -> IssuerPublic {
	sp_io::crypto::ed25519_generate(KEY_TYPE, Some(alloc::vec![b'/', b'/', b'k', seed])).0
}

/// Key `seed`'s proof that it is the key of `issuer`'s organisation.
fn proof<T: Config>(issuer: &T::AccountId, seed: u8) -> [u8; 64] {
	let org = T::Registry::org_of(issuer).expect("the helper's issuer is a member");
	let genesis = frame_system::Pallet::<T>::block_hash(
		frame_system::pallet_prelude::BlockNumberFor::<T>::default(),
	);
	let message = healthnet_primitives::certificates::issuer_key_proof_message(
		&genesis,
		org,
		&key_id(&public(seed)),
	);
	let key = sp_core::ed25519::Public::from_raw(public(seed));
	sp_io::crypto::ed25519_sign(KEY_TYPE, &key, &message)
		.expect("the keystore holds the key it generated")
		.0
}

/// Registers key `seed` of `issuer` for every kind, valid from the epoch for ever.
fn add_key<T: Config>(issuer: &T::AccountId, seed: u8) -> KeyId {
	Pallet::<T>::add_issuer_key(
		RawOrigin::Signed(issuer.clone()).into(),
		public(seed),
		Kinds::of(&CertificateKind::ALL),
		0,
		u64::MAX,
		proof::<T>(issuer, seed),
	)
	.expect("the issuer registers a key");
	key_id(&public(seed))
}

/// Issues vaccination certificate `[seed; 16]` with `key`.
fn vaccination<T: Config>(issuer: &T::AccountId, key: KeyId, seed: u8) -> CertificateId {
	let id = [seed; 16];
	Pallet::<T>::issue_certificate(
		RawOrigin::Signed(issuer.clone()).into(),
		id,
		CertificateKind::Vaccination,
		H256::repeat_byte(seed),
		key,
		H256::repeat_byte(1),
		0,
		u64::MAX,
		Some(T::BenchmarkHelper::vaccine_lot()),
	)
	.expect("the issuer issues a certificate");
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_issuer_key() {
		let (issuer, _) = T::BenchmarkHelper::issuer_and_authority();
		let proof = proof::<T>(&issuer, 1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			public(1),
			Kinds::of(&CertificateKind::ALL),
			0,
			u64::MAX,
			proof,
		);

		assert!(IssuerKeys::<T>::contains_key(key_id(&public(1))));
	}

	#[benchmark]
	fn suspend_issuer_key() {
		let (issuer, authority) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);

		// An authority's check reads more than the owner's.
		#[extrinsic_call]
		_(RawOrigin::Signed(authority), key);

		assert!(matches!(
			IssuerKeys::<T>::get(key).map(|k| k.status),
			Some(KeyStatus::Suspended { by_authority: true, .. })
		));
	}

	#[benchmark]
	fn reinstate_issuer_key() {
		let (issuer, authority) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);
		Pallet::<T>::suspend_issuer_key(RawOrigin::Signed(authority.clone()).into(), key)
			.expect("the authority suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), key);

		assert_eq!(IssuerKeys::<T>::get(key).map(|k| k.status), Some(KeyStatus::Active));
	}

	#[benchmark]
	fn remove_issuer_key() {
		let (issuer, authority) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), key);

		assert!(matches!(
			IssuerKeys::<T>::get(key).map(|k| k.status),
			Some(KeyStatus::Removed { .. })
		));
	}

	#[benchmark]
	fn suspend_issuer() {
		let (issuer, authority) = T::BenchmarkHelper::issuer_and_authority();
		add_key::<T>(&issuer, 1);
		let org = T::Registry::org_of(&issuer).expect("a member");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org);

		assert!(SuspendedIssuers::<T>::contains_key(org));
	}

	#[benchmark]
	fn reinstate_issuer() {
		let (issuer, authority) = T::BenchmarkHelper::issuer_and_authority();
		add_key::<T>(&issuer, 1);
		let org = T::Registry::org_of(&issuer).expect("a member");
		Pallet::<T>::suspend_issuer(RawOrigin::Signed(authority.clone()).into(), org)
			.expect("the authority suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), org);

		assert!(!SuspendedIssuers::<T>::contains_key(org));
	}

	#[benchmark]
	fn issue_certificate() {
		let (issuer, _) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);
		let lot = T::BenchmarkHelper::vaccine_lot();

		// A vaccination asks the supply chain about its lot.
		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			[7; 16],
			CertificateKind::Vaccination,
			H256::repeat_byte(7),
			key,
			H256::repeat_byte(1),
			0,
			u64::MAX,
			Some(lot),
		);

		assert!(Certificates::<T>::contains_key([7; 16]));
	}

	#[benchmark]
	fn update_certificate() {
		let (issuer, _) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);
		let id = vaccination::<T>(&issuer, key, 7);

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, key, H256::repeat_byte(2), 0, u64::MAX);

		assert_eq!(Certificates::<T>::get(id).map(|c| c.version), Some(2));
	}

	#[benchmark]
	fn revoke_certificate() {
		let (issuer, authority) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);
		let id = vaccination::<T>(&issuer, key, 7);

		// An authority's check reads more than the issuer's.
		#[extrinsic_call]
		_(RawOrigin::Signed(authority), id, RevocationReason::Fraudulent);

		assert!(matches!(
			Certificates::<T>::get(id).map(|c| c.state),
			Some(CertificateState::Revoked { .. })
		));
	}

	#[benchmark]
	fn suspend_certificate() {
		let (issuer, _) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);
		let id = vaccination::<T>(&issuer, key, 7);

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id);

		assert!(matches!(
			Certificates::<T>::get(id).map(|c| c.state),
			Some(CertificateState::Suspended { .. })
		));
	}

	#[benchmark]
	fn reinstate_certificate() {
		let (issuer, _) = T::BenchmarkHelper::issuer_and_authority();
		let key = add_key::<T>(&issuer, 1);
		let id = vaccination::<T>(&issuer, key, 7);
		Pallet::<T>::suspend_certificate(RawOrigin::Signed(issuer.clone()).into(), id)
			.expect("the issuer suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id);

		assert_eq!(Certificates::<T>::get(id).map(|c| c.state), Some(CertificateState::Active));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
