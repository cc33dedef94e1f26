//! The rows of the origin matrix: for each call, the state it needs (made by the calls that
//! come before it, from the callers entitled to them) and the call itself, with arguments
//! that name the demonstration registry's organisations.

use frame_support::BoundedVec;
use healthnet_primitives::{
	certificates::{key_id, CertificateKind, Kinds, RevocationReason},
	records::{patient_payload, PatientStatement},
	surveillance::{Counts, RejectionReason, VoidReason},
	Capability,
};
use pallet_surveillance::{GuidanceTarget, Severity};
use sp_core::{Pair, H256};
use sp_keyring::Sr25519Keyring as Keyring;

use super::{bounded, row, Row, Who};
use crate::{AccountId, Runtime, RuntimeCall, SessionKeys};

/// Days since the Unix epoch on the matrix's clock, and the reporting period before it.
pub(super) const TODAY: u32 = 20_000;
const YESTERDAY: u32 = TODAY - 1;
pub(super) const JAYANAGAR: u32 = 5;
/// Deccan Medical Distributors, in Karnataka.
const DECCAN: u32 = 9;
/// Pune Vaccine Works, the manufacturer.
const PUNE: u32 = 8;
const COVID: &str = "RA01";

fn counts(confirmed: u32) -> Counts {
	Counts { confirmed, tests_performed: confirmed, ..Default::default() }
}

fn submit(confirmed: u32) -> RuntimeCall {
	RuntimeCall::Surveillance(pallet_surveillance::Call::submit_report {
		disease: bounded(COVID),
		period: YESTERDAY,
		counts: counts(confirmed),
		variants: BoundedVec::new(),
	})
}

pub(super) fn registry(call: pallet_registry::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Registry(call)
}

fn surveillance(call: pallet_surveillance::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Surveillance(call)
}

fn certificates(call: pallet_certificates::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Certificates(call)
}

fn validators(call: pallet_validators::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Validators(call)
}

/// An account of nobody's, invited as a replacement admin.
pub(super) fn newcomer() -> AccountId {
	Keyring::One.to_account_id()
}

pub(super) fn surveillance_rows() -> Vec<Row> {
	use pallet_surveillance::Call::*;
	let report = |call| surveillance(call);
	let reported = || vec![(Who::Clinic, submit(5))];
	let key = || (JAYANAGAR, bounded::<_>(COVID), YESTERDAY);
	let approve = || {
		let (org, disease, period) = key();
		report(approve_report { org, disease, period })
	};
	vec![
		row(vec![], submit(5)),
		row(
			vec![],
			report(submit_reports {
				period: YESTERDAY,
				reports: BoundedVec::truncate_from(
					["RA01", "1F40"]
						.into_iter()
						.map(|disease| pallet_surveillance::FormEntry {
							disease: bounded(disease),
							counts: counts(5),
							variants: BoundedVec::new(),
						})
						.collect(),
				),
			}),
		),
		row(reported(), {
			let (org, disease, period) = key();
			report(amend_report {
				org,
				disease,
				period,
				counts: counts(6),
				variants: BoundedVec::new(),
			})
		}),
		row(reported(), approve()),
		row(reported(), {
			let (org, disease, period) = key();
			report(reject_report {
				org,
				disease,
				period,
				reason: RejectionReason::ImplausibleCounts,
			})
		}),
		row(vec![(Who::Clinic, submit(5)), (Who::Authority, approve())], {
			let (org, disease, period) = key();
			report(reopen_report { org, disease, period })
		}),
		row(reported(), {
			let (org, disease, period) = key();
			report(void_report { org, disease, period, reason: VoidReason::Duplicate })
		}),
		row(
			vec![],
			report(set_threshold {
				region: bounded("IN-KA-BLR"),
				disease: bounded(COVID),
				lineage: None,
				confirmed: 10,
			}),
		),
		row(vec![], publish()),
		row(vec![(Who::Authority, publish())], report(acknowledge_guidance { guidance: 0 })),
		Row::lazy(Vec::new, relayed),
		Row::lazy(Vec::new, relayed_form),
	]
}

/// The clinic's two-disease form, signed offline by its member account for this chain.
fn relayed_form() -> RuntimeCall {
	use codec::Encode;
	let entries = ["RA01", "1F40"].into_iter().map(|disease| pallet_surveillance::FormEntry {
		disease: bounded(disease),
		counts: counts(5),
		variants: BoundedVec::new(),
	});
	let form = pallet_surveillance::OfflineForm {
		genesis: frame_system::Pallet::<Runtime>::block_hash(0),
		org: JAYANAGAR,
		period: YESTERDAY,
		reports: BoundedVec::truncate_from(entries.collect()),
		valid_until: NOW * 1_000 + 86_400_000,
	};
	let message = healthnet_primitives::surveillance::offline_form_message(&form.encode());
	let signature = Keyring::AliceStash.pair().sign(&message).into();
	let signer = Keyring::AliceStash.to_account_id();
	surveillance(pallet_surveillance::Call::relay_reports { form, signer, signature })
}

/// The clinic's report, signed offline by its member account for this chain, to relay.
fn relayed() -> RuntimeCall {
	use codec::Encode;
	let report = pallet_surveillance::OfflineReport {
		genesis: frame_system::Pallet::<Runtime>::block_hash(0),
		org: JAYANAGAR,
		disease: bounded(COVID),
		period: YESTERDAY,
		counts: counts(5),
		variants: BoundedVec::new(),
		version: 1,
		valid_until: NOW * 1_000 + 86_400_000,
	};
	let message = healthnet_primitives::surveillance::offline_report_message(&report.encode());
	let signature = Keyring::AliceStash.pair().sign(&message).into();
	let signer = Keyring::AliceStash.to_account_id();
	surveillance(pallet_surveillance::Call::relay_report { report, signer, signature })
}

fn publish() -> RuntimeCall {
	surveillance(pallet_surveillance::Call::publish_guidance {
		content_hash: H256::repeat_byte(7),
		uri: bounded("https://health.karnataka.gov.in/guidance/1"),
		target: GuidanceTarget::Region(bounded("IN-KA-BLR")),
		disease: Some(bounded(COVID)),
		severity: Severity::Advisory,
	})
}

/// The hospital's certificate signing key, a real Ed25519 key: its proof is checked.
fn issuer_key() -> sp_core::ed25519::Pair {
	<sp_core::ed25519::Pair as Pair>::from_seed(&[9; 32])
}

/// The hospital's issuer key's proof for Bengaluru General Hospital (4) on the `dev` chain
/// every cell starts from.
fn issuer_key_proof() -> [u8; 64] {
	let genesis =
		super::dev_chain().execute_with(|| frame_system::Pallet::<Runtime>::block_hash(0));
	let message = healthnet_primitives::certificates::issuer_key_proof_message(
		&genesis,
		4,
		&key_id(&issuer_key().public().0),
	);
	issuer_key().sign(&message).0
}
const CERTIFICATE: [u8; 16] = [1; 16];
/// Unix seconds of the matrix's clock.
pub(super) const NOW: u64 = TODAY as u64 * 86_400;

pub(super) fn certificate_rows() -> Vec<Row> {
	use pallet_certificates::Call::*;
	let key = key_id(&issuer_key().public().0);
	let proof = issuer_key_proof();
	let add_key = move || {
		certificates(add_issuer_key {
			public: issuer_key().public().0,
			kinds: Kinds::of(&[CertificateKind::TestResult, CertificateKind::Infectivity]),
			valid_from: NOW - 86_400,
			valid_until: NOW + 365 * 86_400,
			proof,
		})
	};
	let keyed = move || vec![(Who::Hospital, add_key())];
	let issue = || {
		certificates(issue_certificate {
			id: CERTIFICATE,
			kind: CertificateKind::Infectivity,
			holder: H256::repeat_byte(3),
			key,
			payload_hash: H256::repeat_byte(4),
			valid_from: NOW - 60,
			valid_until: NOW + 7 * 86_400,
			lot: None,
		})
	};
	let issued = move || vec![(Who::Hospital, add_key()), (Who::Hospital, issue())];
	let hospital = 4;
	vec![
		row(vec![], add_key()),
		row(keyed(), certificates(suspend_issuer_key { key })),
		row(
			vec![
				(Who::Hospital, add_key()),
				(Who::Authority, certificates(suspend_issuer_key { key })),
			],
			certificates(reinstate_issuer_key { key }),
		),
		row(keyed(), certificates(remove_issuer_key { key })),
		row(keyed(), certificates(suspend_issuer { org: hospital })),
		row(
			vec![
				(Who::Hospital, add_key()),
				(Who::Authority, certificates(suspend_issuer { org: hospital })),
			],
			certificates(reinstate_issuer { org: hospital }),
		),
		row(keyed(), issue()),
		row(
			issued(),
			certificates(update_certificate {
				id: CERTIFICATE,
				key,
				payload_hash: H256::repeat_byte(5),
				valid_from: NOW - 60,
				valid_until: NOW + 7 * 86_400,
			}),
		),
		row(
			issued(),
			certificates(revoke_certificate {
				id: CERTIFICATE,
				reason: RevocationReason::ResultWithdrawn,
			}),
		),
		row(issued(), certificates(suspend_certificate { id: CERTIFICATE })),
		row(
			{
				let mut steps = issued();
				steps.push((Who::Hospital, certificates(suspend_certificate { id: CERTIFICATE })));
				steps
			},
			certificates(reinstate_certificate { id: CERTIFICATE }),
		),
	]
}

pub(super) fn validator_rows() -> Vec<Row> {
	use pallet_validators::Call::*;
	let nodes = |keys: &[u8]| BoundedVec::truncate_from(keys.iter().map(|&n| [n; 32]).collect());
	vec![
		Row {
			// The account of no organisation has set session keys.
			before: || {
				let keys = SessionKeys {
					aura: Keyring::Ferdie.public().into(),
					grandpa: sp_keyring::Ed25519Keyring::Ferdie.public().into(),
				};
				pallet_session::NextKeys::<Runtime>::insert(Who::Stranger.account(), keys);
			},
			..row(vec![], validators(add_validator { validator: Who::Stranger.account() }))
		},
		Row {
			// Two validators, so that one may go.
			before: || {
				let set = vec![Keyring::Alice.to_account_id(), Keyring::Bob.to_account_id()];
				pallet_validators::Validators::<Runtime>::put(BoundedVec::truncate_from(set));
			},
			..row(vec![], validators(remove_validator { validator: Keyring::Bob.to_account_id() }))
		},
		row(
			vec![],
			validators(recover_finality { remove: BoundedVec::new(), delay: 5, best_finalized: 0 }),
		),
		row(vec![], validators(allow_nodes { nodes: nodes(&[1, 2]) })),
		row(
			vec![(Who::Council, validators(allow_nodes { nodes: nodes(&[1, 2]) }))],
			validators(disallow_nodes { nodes: nodes(&[2]) }),
		),
		row(vec![], validators(authorize_upgrade { code_hash: H256::repeat_byte(1) })),
	]
}

fn supply(call: pallet_supply::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Supply(call)
}

const DISTRIBUTOR: u32 = 9;

pub(super) fn supply_rows() -> Vec<Row> {
	use healthnet_primitives::supply::{
		gtin_check_digit, ProductKind, RecallReason, Site, Unit, UseKind, WasteReason,
	};
	use pallet_supply::Call::*;
	let gtin = {
		let first: [u8; 13] = *b"0890123456789";
		let mut gtin = [0; 14];
		gtin[..13].copy_from_slice(&first);
		gtin[13] = gtin_check_digit(&first);
		gtin
	};
	let product = move || {
		supply(register_product {
			gtin,
			kind: ProductKind::Vaccine,
			unit: Unit::Dose,
			temperature: (20, 80),
			tolerance_minutes: 60,
			tolerance_window_hours: 24,
			disease: None,
		})
	};
	let lot = || {
		supply(create_lot {
			product: 0,
			number: bounded("L-0001"),
			expiry: TODAY + 365,
			quantity: 100,
		})
	};
	// A vaccine, its lot 0 of 100 doses at the manufacturer.
	let made = move || vec![(Who::Manufacturer, product()), (Who::Manufacturer, lot())];
	let ship_to = |to| {
		supply(ship { to, items: BoundedVec::truncate_from(vec![(0, 10)]), requisition: None })
	};
	let shipped = move || {
		let mut steps = made();
		steps.push((Who::Manufacturer, ship_to(DISTRIBUTOR)));
		steps
	};
	// Ten doses at the clinic.
	let at_clinic = move || {
		let mut steps = made();
		steps.push((Who::Manufacturer, ship_to(JAYANAGAR)));
		steps.push((
			Who::Clinic,
			supply(accept_shipment { shipment: 0, shortfalls: BoundedVec::new() }),
		));
		steps
	};
	let excursion =
		|| supply(report_excursion { site: Site::Holder(JAYANAGAR), lot: 0, minutes: 120 });
	let quarantined = move || {
		let mut steps = at_clinic();
		steps.push((Who::Clinic, excursion()));
		steps
	};
	let requested = move || {
		let mut steps = made();
		steps.push((Who::Clinic, supply(request_supplies { product: 0, quantity: 10 })));
		steps
	};
	let sensor = || newcomer();
	let grant_manufacture = || {
		registry(pallet_registry::Call::grant_capability {
			org: DECCAN,
			capability: Capability::Manufacture,
		})
	};
	// The logger (`Keyring::One`) consents to report for Pune Vaccine Works only; built inside
	// the cell, where the genesis hash is known.
	let register = move || {
		let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
		let message = healthnet_primitives::supply::sensor_proof_message(&genesis, PUNE);
		let proof: crate::Signature = Keyring::One.pair().sign(&message).into();
		supply(register_sensor { sensor: sensor(), proof })
	};
	vec![
		row(vec![], product()),
		row(vec![(Who::Manufacturer, product())], lot()),
		row(made(), ship_to(DISTRIBUTOR)),
		row(shipped(), supply(accept_shipment { shipment: 0, shortfalls: BoundedVec::new() })),
		row(shipped(), supply(refuse_shipment { shipment: 0 })),
		row(shipped(), supply(cancel_shipment { shipment: 0 })),
		row(
			at_clinic(),
			supply(record_use { lot: 0, quantity: 1, kind: UseKind::Administered, day: TODAY }),
		),
		row(made(), supply(record_waste { lot: 0, quantity: 1, reason: WasteReason::Damaged })),
		row(made(), supply(record_count { lot: 0, counted: 99, reason: WasteReason::Lost })),
		// Karnataka makes Deccan (9) a manufacturer, then records a GS1 prefix for it.
		row(
			vec![(Who::Authority, grant_manufacture())],
			supply(assign_company_prefix { org: DECCAN, prefix: bounded("4006381") }),
		),
		row(
			vec![
				(Who::Authority, grant_manufacture()),
				(
					Who::Authority,
					supply(assign_company_prefix { org: DECCAN, prefix: bounded("4006381") }),
				),
			],
			supply(withdraw_company_prefix { prefix: bounded("4006381") }),
		),
		Row::lazy(Vec::new, register),
		Row::lazy(
			move || vec![(Who::Manufacturer, register())],
			move || supply(remove_sensor { sensor: sensor() }),
		),
		row(at_clinic(), excursion()),
		row(quarantined(), supply(release_quarantine { holder: JAYANAGAR, lot: 0 })),
		row(quarantined(), supply(condemn_quarantine { holder: JAYANAGAR, lot: 0 })),
		row(made(), supply(recall_lot { lot: 0, reason: RecallReason::QualityDefect })),
		row(made(), supply(request_supplies { product: 0, quantity: 10 })),
		row(requested(), supply(cancel_requisition { requisition: 0 })),
	]
}

fn records(call: pallet_records::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Records(call)
}

/// The patient's key, the record it was enrolled with, and the patient's signature of
/// `statement` with `nonce` on that record.
struct Patient;

impl Patient {
	fn key() -> AccountId {
		Keyring::Two.to_account_id()
	}

	fn record() -> H256 {
		let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
		healthnet_primitives::records::record_id(&genesis, &Self::key())
	}

	fn sign(nonce: u64, statement: PatientStatement<AccountId>) -> crate::Signature {
		Self::sign_with(Keyring::Two, nonce, statement)
	}

	/// `key`'s signature of `statement` about the patient's record with `nonce`.
	fn sign_with(
		key: Keyring,
		nonce: u64,
		statement: PatientStatement<AccountId>,
	) -> crate::Signature {
		let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
		let payload = patient_payload(&genesis, &Self::record(), nonce, VALID_UNTIL, &statement);
		key.pair().sign(&payload).into()
	}
}

/// When the matrix's patient statements stop being valid: an hour after its clock.
const VALID_UNTIL: u64 = NOW * 1_000 + 3_600_000;

pub(super) fn records_rows() -> Vec<Row> {
	use healthnet_primitives::records::{
		Access, AccessTarget, ConsentTerms, EmergencyReason, Purpose, ResourceType, Scope,
	};
	use pallet_records::Call::*;
	// The clinic enrols the patient; built inside the cell, where the genesis hash is known.
	let enrol = || {
		records(enrol_patient {
			key: Patient::key(),
			valid_until: VALID_UNTIL,
			signature: Patient::sign(0, PatientStatement::AcceptEnrolment { provider: JAYANAGAR }),
		})
	};
	let set_base =
		|| records(set_document_base { base: bounded("https://records.jayanagar.example/d") });
	let terms = ConsentTerms {
		grantee: 4,
		scope: Scope::All,
		purpose: Purpose::Treatment,
		access: Access::Read,
		expires: None,
	};
	let content = H256::repeat_byte(0xab);
	let new_key = newcomer;
	let enrolled = move || vec![(Who::Clinic, enrol())];
	let request_recovery = move || {
		records(request_key_recovery {
			record: Patient::record(),
			new_key: new_key(),
			valid_until: VALID_UNTIL,
			proof: Patient::sign_with(
				Keyring::One,
				1,
				PatientStatement::AcceptRecovery { provider: JAYANAGAR },
			),
		})
	};
	let recovering = move || vec![(Who::Clinic, enrol()), (Who::Clinic, request_recovery())];
	let declared = move || {
		vec![
			(Who::Clinic, enrol()),
			(
				Who::Hospital,
				records(declare_emergency {
					record: Patient::record(),
					reason: EmergencyReason::PatientUnconscious,
				}),
			),
		]
	};
	vec![
		Row::lazy(Vec::new, enrol),
		Row::lazy(Vec::new, set_base),
		Row::lazy(
			move || vec![(Who::Clinic, enrol()), (Who::Clinic, set_base())],
			move || {
				records(add_entry {
					record: Patient::record(),
					resource_type: ResourceType::Observation,
					content_hash: content,
					supersedes: None,
				})
			},
		),
		Row::lazy(enrolled, move || {
			records(grant_consent {
				record: Patient::record(),
				terms: terms.clone(),
				nonce: 1,
				valid_until: VALID_UNTIL,
				signature: Patient::sign(1, PatientStatement::GrantConsent(terms.clone())),
			})
		}),
		Row::lazy(enrolled, || {
			records(revoke_consent {
				record: Patient::record(),
				consent: 0,
				nonce: 1,
				valid_until: VALID_UNTIL,
				signature: Patient::sign(1, PatientStatement::RevokeConsent { consent: 0 }),
			})
		}),
		Row::lazy(enrolled, || {
			records(record_access {
				record: Patient::record(),
				target: AccessTarget::Type(ResourceType::Observation),
				purpose: Purpose::Treatment,
			})
		}),
		Row::lazy(enrolled, || {
			records(declare_emergency {
				record: Patient::record(),
				reason: EmergencyReason::PatientUnconscious,
			})
		}),
		Row::lazy(enrolled, move || {
			records(move_key {
				record: Patient::record(),
				new_key: new_key(),
				nonce: 1,
				valid_until: VALID_UNTIL,
				signature: Patient::sign(1, PatientStatement::MoveKey { new_key: new_key() }),
			})
		}),
		Row::lazy(enrolled, request_recovery),
		Row::lazy(recovering, || records(cancel_key_recovery { record: Patient::record() })),
		Row::lazy(recovering, || {
			records(refuse_key_recovery {
				record: Patient::record(),
				nonce: 1,
				valid_until: VALID_UNTIL,
				signature: Patient::sign(1, PatientStatement::RefuseRecovery),
			})
		}),
		// A recovery whose delay is over, written directly: the matrix runs in one block.
		Row {
			before: || {
				pallet_records::Recoveries::<Runtime>::insert(
					Patient::record(),
					pallet_records::Recovery {
						new_key: newcomer(),
						provider: JAYANAGAR,
						requested_at: 0,
						due: 1,
					},
				)
			},
			setup: Box::new(enrolled),
			call: Box::new(|| records(approve_key_recovery { record: Patient::record() })),
		},
		Row::lazy(declared, || {
			records(review_emergency {
				declaration: 0,
				verdict: healthnet_primitives::records::Verdict::Abusive,
			})
		}),
	]
}
