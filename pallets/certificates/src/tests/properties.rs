//! The property test over random call sequences.

use super::*;
use proptest::prelude::*;

/// One call of a random sequence.
#[derive(Clone, Debug)]
enum Step {
	AddKey { org: usize, seed: u8, kinds: u8 },
	SuspendKey { org: usize, seed: u8 },
	ReinstateKey { org: usize, seed: u8 },
	RemoveKey { org: usize, seed: u8 },
	SuspendIssuer { org: usize, issuer: usize },
	ReinstateIssuer { org: usize, issuer: usize },
	Issue { org: usize, cert: u8, kind: u8, seed: u8, lot: Option<LotId> },
	Update { org: usize, cert: u8, seed: u8, payload: u8 },
	Revoke { org: usize, cert: u8 },
	Suspend { org: usize, cert: u8 },
	Reinstate { org: usize, cert: u8 },
	Recall { lot: LotId },
	Tick,
}

fn step() -> impl Strategy<Value = Step> {
	// Anyone, the council included (the index past the end), for the checks of origins;
	// mostly the two issuers, so that keys and certificates exist for the later steps.
	let org = prop_oneof![1 => 0..ORGS.len() + 1, 3 => prop_oneof![Just(2usize), Just(3usize)]];
	let seed = 1..4u8;
	let cert = 1..5u8;
	prop_oneof![
		2 => (org.clone(), seed.clone(), prop_oneof![1 => 0..32u8, 3 => Just(15u8)])
			.prop_map(|(org, seed, kinds)| Step::AddKey { org, seed, kinds }),
		1 => (org.clone(), seed.clone()).prop_map(|(org, seed)| Step::SuspendKey { org, seed }),
		1 => (org.clone(), seed.clone()).prop_map(|(org, seed)| Step::ReinstateKey { org, seed }),
		1 => (org.clone(), seed.clone()).prop_map(|(org, seed)| Step::RemoveKey { org, seed }),
		1 => (0..ORGS.len() + 1, 0..ORGS.len())
			.prop_map(|(org, issuer)| Step::SuspendIssuer { org, issuer }),
		1 => (0..ORGS.len() + 1, 0..ORGS.len())
			.prop_map(|(org, issuer)| Step::ReinstateIssuer { org, issuer }),
		4 => (org.clone(), cert.clone(), 0..4u8, seed.clone(), proptest::option::of(1..4u32))
			.prop_map(|(org, cert, kind, seed, lot)| Step::Issue { org, cert, kind, seed, lot }),
		3 => (org.clone(), cert.clone(), seed, 0..4u8)
			.prop_map(|(org, cert, seed, payload)| Step::Update { org, cert, seed, payload }),
		1 => (0..ORGS.len() + 1, cert.clone()).prop_map(|(org, cert)| Step::Revoke { org, cert }),
		1 => (org.clone(), cert.clone()).prop_map(|(org, cert)| Step::Suspend { org, cert }),
		1 => (org, cert).prop_map(|(org, cert)| Step::Reinstate { org, cert }),
		1 => (1..4u32).prop_map(|lot| Step::Recall { lot }),
		1 => Just(Step::Tick),
	]
}

/// The origin of organisation `ORGS[index]`, or the council for the index past the end.
fn origin(index: usize) -> RuntimeOrigin {
	ORGS.get(index).map_or_else(RuntimeOrigin::root, |org| signed(*org))
}

fn run(step: &Step) -> DispatchResult {
	let kind = |k: u8| CertificateKind::ALL[k as usize % 4];
	match step.clone() {
		Step::AddKey { org, seed, kinds } => Certificates::add_issuer_key(
			origin(org),
			public(seed),
			Kinds(kinds),
			NOW - DAY,
			NOW + DAY,
			proof(seed, ORGS.get(org).copied().unwrap_or_default()),
		),
		Step::SuspendKey { org, seed } => {
			Certificates::suspend_issuer_key(origin(org), key_id(&public(seed)))
		},
		Step::ReinstateKey { org, seed } => {
			Certificates::reinstate_issuer_key(origin(org), key_id(&public(seed)))
		},
		Step::RemoveKey { org, seed } => {
			Certificates::remove_issuer_key(origin(org), key_id(&public(seed)))
		},
		Step::SuspendIssuer { org, issuer } => {
			Certificates::suspend_issuer(origin(org), ORGS[issuer])
		},
		Step::ReinstateIssuer { org, issuer } => {
			Certificates::reinstate_issuer(origin(org), ORGS[issuer])
		},
		Step::Issue { org, cert, kind: k, seed, lot } => Certificates::issue_certificate(
			origin(org),
			[cert; 16],
			kind(k),
			H256::repeat_byte(cert),
			key_id(&public(seed)),
			payload(0),
			NOW - DAY,
			NOW + DAY,
			lot,
		),
		Step::Update { org, cert, seed, payload: p } => Certificates::update_certificate(
			origin(org),
			[cert; 16],
			key_id(&public(seed)),
			payload(p),
			NOW - DAY,
			NOW + DAY,
		),
		Step::Revoke { org, cert } => {
			Certificates::revoke_certificate(origin(org), [cert; 16], RevocationReason::Fraudulent)
		},
		Step::Suspend { org, cert } => Certificates::suspend_certificate(origin(org), [cert; 16]),
		Step::Reinstate { org, cert } => {
			Certificates::reinstate_certificate(origin(org), [cert; 16])
		},
		Step::Recall { lot } => {
			if TestLots::recalled_at(lot).is_none() {
				recall(lot);
			}
			Ok(())
		},
		Step::Tick => {
			advance_to(System::block_number() + 1);
			Ok(())
		},
	}
}

/// What holds after every step: versions are whole and only the newest is live; every
/// certificate's versions name keys of its issuer; the verdict of every version follows
/// from the state; key counts equal the keys held.
fn check_invariants() {
	for (id, certificate) in crate::Certificates::<Test>::iter() {
		for version in 1..=certificate.version {
			let stored = Versions::<Test>::get(id, version).expect("every version is stored");
			assert_eq!(stored.superseded_at.is_none(), version == certificate.version);
			let key = IssuerKeys::<Test>::get(stored.key).expect("keys are never deleted");
			assert_eq!(key.org, certificate.issuer);
			let verdict = Certificates::verify(id, version, stored.payload_hash);
			let expected_live = matches!(certificate.state, CertificateState::Active)
				&& version == certificate.version
				&& !SuspendedIssuers::<Test>::contains_key(certificate.issuer)
				&& key.status == KeyStatus::Active
				&& certificate.lot.is_none_or(|lot| TestLots::recalled_at(lot).is_none());
			assert_eq!(verdict.is_valid(), expected_live, "{verdict:?} of {certificate:?}");
			if let CertificateState::Revoked { reason, at } = certificate.state {
				assert_eq!(verdict, Verdict::Revoked { reason, at });
			}
		}
		assert!(!Versions::<Test>::contains_key(id, certificate.version + 1));
		assert!(certificate.version <= MaxVersions::get());
	}
	for org in ORGS {
		let held = IssuerKeys::<Test>::iter_values().filter(|key| key.org == org).count();
		assert_eq!(KeyCount::<Test>::get(org) as usize, held);
		assert!(held as u32 <= MaxKeysPerIssuer::get());
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn no_call_half_applies_and_verdicts_follow_the_state(
		steps in proptest::collection::vec(step(), 1..60)
	) {
		new_test_ext().execute_with(|| {
			// Both issuers hold a key, and the laboratory has issued two certificates, so
			// that the random steps find something to change.
			add_lot(3, healthnet_primitives::supply::ProductKind::Vaccine);
			let key = add_key(LAB, 1, &CertificateKind::ALL);
			add_key(CLINIC, 2, &CertificateKind::ALL);
			infectivity(key, 1);
			issue(key, 2, CertificateKind::Vaccination, Some(VACCINE_LOT));
			for step in &steps {
				// A refusal is fine; a refusal that wrote is not.
				let _ = testing::refusal_changes_nothing(step, || run(step))
					.map_err(TestCaseError::fail)?;
				check_invariants();
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
