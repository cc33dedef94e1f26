//! One test per rule of the trust list and of certificates, every refusal with its own error
//! and no change of state, and a property test over random call sequences.

use frame_support::{assert_noop, assert_ok, traits::Hooks};
use healthnet_testing as testing;
use sp_runtime::DispatchError;

use crate::{
	mock::{Certificates, *},
	*,
};

type Error = crate::Error<Test>;

fn signed(org: OrgId) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(org))
}

/// Test key `seed`: an Ed25519 key pair from that seed.
fn pair(seed: u8) -> sp_core::ed25519::Pair {
	<sp_core::ed25519::Pair as sp_core::Pair>::from_seed(&[seed; 32])
}

/// The public key of test key `seed`.
fn public(seed: u8) -> IssuerPublic {
	sp_core::Pair::public(&pair(seed)).0
}

/// Key `seed`'s proof that it is `org`'s, on this chain.
fn proof(seed: u8, org: OrgId) -> [u8; 64] {
	let message = healthnet_primitives::certificates::issuer_key_proof_message(
		&System::block_hash(0),
		org,
		&key_id(&public(seed)),
	);
	sp_core::Pair::sign(&pair(seed), &message).0
}

/// Registers key `seed` of `org` for `kinds`, valid for a year around now.
fn add_key(org: OrgId, seed: u8, kinds: &[CertificateKind]) -> KeyId {
	assert_ok!(Certificates::add_issuer_key(
		signed(org),
		public(seed),
		Kinds::of(kinds),
		NOW - DAY,
		NOW + 365 * DAY,
		proof(seed, org)
	));
	key_id(&public(seed))
}

/// The laboratory's key for every kind.
fn lab_key() -> KeyId {
	add_key(LAB, 1, &CertificateKind::ALL)
}

fn payload(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Issues certificate `[n; 16]` of `kind` from the laboratory with `key`, valid for a week.
fn issue(key: KeyId, n: u8, kind: CertificateKind, lot: Option<LotId>) -> CertificateId {
	let id = [n; 16];
	assert_ok!(Certificates::issue_certificate(
		signed(LAB),
		id,
		kind,
		H256::repeat_byte(0xAA),
		key,
		payload(n),
		NOW,
		NOW + 7 * DAY,
		lot
	));
	id
}

fn infectivity(key: KeyId, n: u8) -> CertificateId {
	issue(key, n, CertificateKind::Infectivity, None)
}

fn update(id: CertificateId, key: KeyId, n: u8) -> DispatchResult {
	Certificates::update_certificate(signed(LAB), id, key, payload(n), NOW, NOW + 7 * DAY)
}

fn key_status(key: KeyId) -> KeyStatus<u64> {
	IssuerKeys::<Test>::get(key).expect("a key").status
}

fn state(id: CertificateId) -> CertificateState<u64> {
	crate::Certificates::<Test>::get(id).expect("a certificate").state
}

fn advance_to(block: u64) {
	System::set_block_number(block);
}

mod issuing;
mod properties;
mod roles;
mod states;
mod trust_list;
mod updating;
mod verdicts;
