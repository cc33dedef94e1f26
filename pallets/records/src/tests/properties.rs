//! A property test over random sequences of every call from random callers: every access the
//! pallet allows is audited and matches the decision the runtime API gave just before it, a
//! refused call changes nothing, and the counts of each record equal what it holds.

use super::{consents::treatment, *};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Grant { patient: u32, grantee: OrgId, scope: u16, purpose: u8, write: bool, hours: Option<u8> },
	Revoke { patient: u32, consent: u32 },
	Add { who: OrgId, patient: u32, kind: u8 },
	Read { who: OrgId, patient: u32, kind: u8, purpose: u8 },
	Emergency { who: OrgId, patient: u32 },
	Tick { minutes: u8, blocks: u8 },
}

const ORGS: [OrgId; 6] = [KARNATAKA, CLINIC, HOSPITAL, INSTITUTE, LAB, KERALA];
const PURPOSES: [Purpose; 4] =
	[Purpose::Treatment, Purpose::EmergencyTreatment, Purpose::PublicHealth, Purpose::Research];

fn op() -> impl Strategy<Value = Op> {
	let org = prop::sample::select(ORGS.to_vec());
	prop_oneof![
		(0..2u32, org.clone(), 0..512u16, 0..4u8, any::<bool>(), prop::option::of(0..4u8))
			.prop_map(|(patient, grantee, scope, purpose, write, hours)| Op::Grant {
				patient,
				grantee,
				scope,
				purpose,
				write,
				hours
			}),
		(0..2u32, 0..6u32).prop_map(|(patient, consent)| Op::Revoke { patient, consent }),
		(org.clone(), 0..2u32, 0..9u8).prop_map(|(who, patient, kind)| Op::Add {
			who,
			patient,
			kind
		}),
		(org.clone(), 0..2u32, 0..9u8, 0..4u8).prop_map(|(who, patient, kind, purpose)| Op::Read {
			who,
			patient,
			kind,
			purpose
		}),
		(org, 0..2u32).prop_map(|(who, patient)| Op::Emergency { who, patient }),
		(0..120u8, 0..4u8).prop_map(|(minutes, blocks)| Op::Tick { minutes, blocks }),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn every_allowed_access_is_audited_and_every_refusal_changes_nothing(ops in prop::collection::vec(op(), 1..40)) {
		new_test_ext().execute_with(|| {
			let records = [enrolled(0), enrolled(1)];
			let mut nonces = [0u64; 2];
			let mut now = NOON;
			for op in ops {
				let before = root();
				let audits_before: Vec<u32> = records.iter().map(|r| Records::record(*r).unwrap().audits).collect();
				let (result, decided) = match op.clone() {
					Op::Grant { patient, grantee, scope, purpose, write, hours } => {
						let record = records[patient as usize];
						let terms = ConsentTerms {
							scope: if scope == 0 { Scope::All } else { Scope::Only(ResourceTypes(scope)) },
							purpose: PURPOSES[purpose as usize],
							expires: hours.map(|h| now + u64::from(h) * 3_600_000),
							..treatment(grantee, if write { Access::ReadWrite } else { Access::Read }, None)
						};
						let nonce = nonces[patient as usize] + 1;
						let result = Records::grant_consent(
							RuntimeOrigin::signed(account(CLINIC)), record, terms, nonce,
							signed(patient, &record, nonce, PatientStatement::GrantConsent(terms)),
						);
						if result.is_ok() { nonces[patient as usize] = nonce; }
						(result, None)
					},
					Op::Revoke { patient, consent } => {
						let record = records[patient as usize];
						let nonce = nonces[patient as usize] + 1;
						let result = Records::revoke_consent(
							RuntimeOrigin::signed(account(HOSPITAL)), record, consent, nonce,
							signed(patient, &record, nonce, PatientStatement::RevokeConsent { consent }),
						);
						if result.is_ok() { nonces[patient as usize] = nonce; }
						(result, None)
					},
					Op::Add { who, patient, kind } => {
						let hash = H256::repeat_byte(kind);
						let result = Records::add_entry(
							RuntimeOrigin::signed(account(who)), records[patient as usize],
							ResourceType::ALL[kind as usize], hash, pointer_to(&hash), None,
						);
						(result, None)
					},
					Op::Read { who, patient, kind, purpose } => {
						let record = records[patient as usize];
						let t = ResourceType::ALL[kind as usize];
						let purpose = PURPOSES[purpose as usize];
						let decision = Records::can_access(account(who), record, t, purpose);
						let result = Records::record_access(
							RuntimeOrigin::signed(account(who)), record, AccessTarget::Type(t), purpose,
						);
						(result, Some((patient, decision)))
					},
					Op::Emergency { who, patient } => {
						let result = Records::declare_emergency(
							RuntimeOrigin::signed(account(who)), records[patient as usize],
							EmergencyReason::LifeThreatening,
						);
						(result, None)
					},
					Op::Tick { minutes, blocks } => {
						now += u64::from(minutes) * 60_000;
						set_now(now);
						System::set_block_number(System::block_number() + u64::from(blocks));
						(Ok(()), None)
					},
				};
				if result.is_err() {
					prop_assert_eq!(root(), before, "{:?} failed with {:?} but changed storage", op, result);
				}
				if let Some((patient, decision)) = decided {
					let record = records[patient as usize];
					let audits = Records::record(record).unwrap().audits;
					match decision {
						AccessDecision::Allowed(grant) => {
							// Allowed unless the trail was full; then refused, unaudited.
							if result.is_ok() {
								prop_assert_eq!(audits, audits_before[patient as usize] + 1);
								let line = AuditTrail::<Test>::get(record, audits - 1).unwrap();
								prop_assert_eq!(line.grant, grant);
							} else {
								prop_assert_eq!(result, Err(Error::<Test>::AuditTrailFull.into()));
							}
						},
						AccessDecision::Refused(refusal) => {
							prop_assert_eq!(result, Err(Error::<Test>::from(refusal).into()));
							prop_assert_eq!(audits, audits_before[patient as usize]);
						},
					}
				}
				for record in &records {
					let info = Records::record(*record).unwrap();
					prop_assert_eq!(Entries::<Test>::iter_prefix(record).count() as u32, info.entries);
					prop_assert_eq!(Consents::<Test>::iter_prefix(record).count() as u32, info.consents);
					prop_assert_eq!(AuditTrail::<Test>::iter_prefix(record).count() as u32, info.audits);
				}
			}
			Ok(())
		})?;
	}
}
