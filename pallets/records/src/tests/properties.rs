//! A property test over random sequences of every call from random callers: every read the
//! pallet allows had a consent or an open emergency at that block (by an oracle that reads
//! the stored consents, not the pallet's decision) and is in the trail, a refused call changes
//! nothing, and the counts of each record equal what it holds.

use super::{consents::treatment, *};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Grant { patient: u32, grantee: OrgId, scope: u16, purpose: u8, write: bool, hours: Option<u8> },
	Revoke { patient: u32, consent: u32 },
	Add { who: OrgId, patient: u32, kind: u8 },
	Read { who: OrgId, patient: u32, target: u8, purpose: u8 },
	Emergency { who: OrgId, patient: u32 },
	Review { operator: bool, declaration: u64, abusive: bool },
	RequestRecovery { patient: u32 },
	RefuseRecovery { patient: u32 },
	ApproveRecovery { patient: u32 },
	Tick { minutes: u16, blocks: u8 },
}

const ORGS: [OrgId; 6] = [KARNATAKA, CLINIC, HOSPITAL, INSTITUTE, LAB, KERALA];
const PURPOSES: [Purpose; 4] =
	[Purpose::Treatment, Purpose::EmergencyTreatment, Purpose::PublicHealth, Purpose::Research];

fn op() -> impl Strategy<Value = Op> {
	let org = prop::sample::select(ORGS.to_vec());
	prop_oneof![
		1 => (0..2u32, org.clone(), 0..512u16, 0..4u8, any::<bool>(), prop::option::of(0..4u8))
			.prop_map(|(patient, grantee, scope, purpose, write, hours)| Op::Grant {
				patient,
				grantee,
				scope,
				purpose,
				write,
				hours
			}),
		1 => (0..2u32, 0..6u32).prop_map(|(patient, consent)| Op::Revoke { patient, consent }),
		1 => (org.clone(), 0..2u32, 0..9u8).prop_map(|(who, patient, kind)| Op::Add {
			who,
			patient,
			kind
		}),
		3 => (org.clone(), 0..2u32, 0..12u8, 0..4u8).prop_map(|(who, patient, target, purpose)| {
			Op::Read { who, patient, target, purpose }
		}),
		1 => (org, 0..2u32).prop_map(|(who, patient)| Op::Emergency { who, patient }),
		1 => (any::<bool>(), 0..4u64, any::<bool>()).prop_map(|(operator, declaration, abusive)| {
			Op::Review { operator, declaration, abusive }
		}),
		1 => (0..2u32).prop_map(|patient| Op::RequestRecovery { patient }),
		1 => (0..2u32).prop_map(|patient| Op::RefuseRecovery { patient }),
		1 => (0..2u32).prop_map(|patient| Op::ApproveRecovery { patient }),
		1 => (0..1500u16, 0..12u8).prop_map(|(minutes, blocks)| Op::Tick { minutes, blocks }),
	]
}

/// The oracle: whether a stored consent of `record` lets `org` read `t` for `purpose` now, or
/// `org` has an open emergency access and reads for treatment.
fn consent_or_emergency(record: &RecordId, org: OrgId, t: ResourceType, purpose: Purpose) -> bool {
	let now = now();
	let consented = Consents::<Test>::iter_prefix(record).any(|(_, c)| {
		c.terms.grantee == org
			&& c.terms.purpose == purpose
			&& c.terms.scope.covers(t)
			&& c.revoked_at.is_none()
			&& c.terms.expires.is_none_or(|end| now < end)
	});
	let treating = matches!(purpose, Purpose::Treatment | Purpose::EmergencyTreatment);
	let emergency = Emergencies::<Test>::get(record, org)
		.is_some_and(|open| treating && System::block_number() <= open.until);
	consented || emergency
}

fn counted(record: &RecordId) -> u64 {
	AuditTrail::<Test>::iter_prefix(record).map(|(_, line)| u64::from(line.count)).sum()
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn every_allowed_read_had_a_consent_or_an_emergency_and_is_in_the_trail(ops in prop::collection::vec(op(), 1..60)) {
		new_test_ext().execute_with(|| {
			let records = [enrolled(0), enrolled(1)];
			// The patient index whose key each record has now, and the next fresh key's.
			let mut holders = [0u32, 1];
			let mut fresh = 10u32;
			testing::add_operator(11, KARNATAKA);
			for op in ops {
				let before = root();
				let read: Option<(RecordId, OrgId, AccessTarget, Purpose, bool, u64)>;
				let result = match op.clone() {
					Op::Grant { patient, grantee, scope, purpose, write, hours } => {
						read = None;
						let record = records[patient as usize];
						let terms = ConsentTerms {
							scope: if scope == 0 { Scope::All } else { Scope::Only(ResourceTypes(scope)) },
							purpose: PURPOSES[purpose as usize],
							expires: hours.map(|h| now() + u64::from(h) * 3_600_000),
							..treatment(grantee, if write { Access::ReadWrite } else { Access::Read }, None)
						};
						let nonce = Records::record(record).unwrap().nonce + 1;
						Records::grant_consent(
							RuntimeOrigin::signed(account(CLINIC)), record, terms, nonce, until(),
							signed(holders[patient as usize], &record, nonce, PatientStatement::GrantConsent(terms)),
						)
					},
					Op::Revoke { patient, consent } => {
						read = None;
						let record = records[patient as usize];
						let nonce = Records::record(record).unwrap().nonce + 1;
						Records::revoke_consent(
							RuntimeOrigin::signed(account(HOSPITAL)), record, consent, nonce, until(),
							signed(holders[patient as usize], &record, nonce, PatientStatement::RevokeConsent { consent }),
						)
					},
					Op::Add { who, patient, kind } => {
						read = None;
						Records::add_entry(
							RuntimeOrigin::signed(account(who)), records[patient as usize],
							ResourceType::ALL[kind as usize], H256::repeat_byte(kind), None,
						)
					},
					Op::Read { who, patient, target, purpose } => {
						let record = records[patient as usize];
						let purpose = PURPOSES[purpose as usize];
						let target = if target < 9 {
							AccessTarget::Type(ResourceType::ALL[target as usize])
						} else {
							AccessTarget::Entry(u32::from(target - 9))
						};
						let t = match target {
							AccessTarget::Type(t) => Some(t),
							AccessTarget::Entry(i) => Entries::<Test>::get(record, i).map(|e| e.resource_type),
						};
						let allowed = t.is_some_and(|t| consent_or_emergency(&record, who, t, purpose));
						read = Some((record, who, target, purpose, allowed, counted(&record)));
						Records::record_access(RuntimeOrigin::signed(account(who)), record, target, purpose)
					},
					Op::Emergency { who, patient } => {
						read = None;
						Records::declare_emergency(
							RuntimeOrigin::signed(account(who)), records[patient as usize],
							EmergencyReason::LifeThreatening,
						)
					},
					Op::Review { operator, declaration, abusive } => {
						read = None;
						let who = if operator { 11 } else { account(KARNATAKA) };
						let verdict = if abusive { Verdict::Abusive } else { Verdict::Justified };
						Records::review_emergency(RuntimeOrigin::signed(who), declaration, verdict)
					},
					Op::RequestRecovery { patient: which } => {
						read = None;
						let record = records[which as usize];
						let nonce = Records::record(record).unwrap().nonce + 1;
						let statement = PatientStatement::AcceptRecovery { provider: CLINIC };
						Records::request_key_recovery(
							RuntimeOrigin::signed(account(CLINIC)), record, key_of(&patient(fresh)),
							until(), signed(fresh, &record, nonce, statement),
						)
					},
					Op::RefuseRecovery { patient } => {
						read = None;
						let record = records[patient as usize];
						let nonce = Records::record(record).unwrap().nonce + 1;
						Records::refuse_key_recovery(
							RuntimeOrigin::signed(account(LAB)), record, nonce, until(),
							signed(holders[patient as usize], &record, nonce, PatientStatement::RefuseRecovery),
						)
					},
					Op::ApproveRecovery { patient } => {
						read = None;
						let record = records[patient as usize];
						let result = Records::approve_key_recovery(RuntimeOrigin::signed(account(KARNATAKA)), record);
						if result.is_ok() {
							holders[patient as usize] = fresh;
							fresh += 1;
						}
						result
					},
					Op::Tick { minutes, blocks } => {
						read = None;
						set_now(now() + u64::from(minutes) * 60_000);
						System::set_block_number(System::block_number() + u64::from(blocks));
						Ok(())
					},
				};
				if result.is_err() {
					prop_assert_eq!(root(), before, "{:?} failed with {:?} but changed storage", op, result);
				}
				if let Some((record, org, target, purpose, allowed, counted_before)) = read {
					if result.is_ok() {
						prop_assert!(allowed, "{:?} was allowed with no consent or emergency", op);
						let mark = Records::audited_access(record, account(org), target, purpose);
						prop_assert!(mark.is_some_and(|m| m.last == System::block_number()), "{:?}: {:?}", op, mark);
						let line = AuditTrail::<Test>::get(record, mark.unwrap().line).unwrap();
						prop_assert_eq!(line.last_block, System::block_number());
						prop_assert_eq!((line.account, line.purpose), (account(org), purpose));
						prop_assert_eq!(counted(&record), counted_before + 1);
					} else if allowed {
						// Allowed, but the organisation opened its lines for the day.
						prop_assert_eq!(result, Err(Error::<Test>::TooManyReads.into()));
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
