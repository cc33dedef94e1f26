//! The demonstration scenario: a day of surveillance and supply on a development chain (the
//! `dev` and `local` presets' demonstration registry and their public development keys), so
//! that the dashboard and the command line have something to show.
//!
//! The Jayanagar clinic and the hospital report COVID-19 (RA01) for yesterday and today, the
//! Whitefield clinic only for yesterday (so today it is missing); Karnataka sets an alert
//! threshold the two reports of today cross, records its population (the 2011 census) and
//! publishes guidance to Bengaluru's facilities,
//! which the Jayanagar clinic acknowledges; the manufacturer registers a vaccine and a test
//! kit, makes a lot of each and ships part of them to the Jayanagar clinic, which accepts
//! them and uses more test kits than it reported tests; the manufacturer recalls the vaccine
//! lot; the laboratory lists a certificate key and certifies a made-up person's infectivity;
//! the hospital enrols a made-up patient and declares emergency access to the record; the
//! Jayanagar clinic registers a gamma dose-rate probe whose last three days, the last with a
//! spike, reach the alert level Karnataka set.
//! Every step is a real transaction, signed by the organisation's own key.

use futures::future::try_join_all;
use healthnet_primitives::{
	environment::{Measure, Reading, Statistic},
	instruments::InstrumentKind,
	supply::{LotId, ProductKind, RecallReason, Unit, UseKind},
	surveillance::{GuidanceId, Period},
	OrgId,
};
use subxt::{tx::Payload, utils::H256};
use subxt_signer::sr25519::Keypair;

use crate::{
	certificates, environment, instruments, keys, period, portable, records, registry, supply,
	surveillance, Client, Error, Included,
};

/// The disease the scenario reports: COVID-19 in ICD-11.
pub const DISEASE: &str = "RA01";

/// Karnataka's population in the Census of India 2011, which the scenario records.
pub const KARNATAKA_POPULATION: u64 = 61_095_297;

/// The Jayanagar clinic's organisation id in the demonstration registry.
pub const CLINIC: OrgId = 5;

/// The laboratory's certificate key (a made-up seed: anyone can sign with it; a demonstration
/// chain only).
pub fn issuer_key() -> ed25519_dalek::SigningKey {
	ed25519_dalek::SigningKey::from_bytes(&sp_crypto_hashing::blake2_256(
		b"Healthnet demonstration: the laboratory's certificate key",
	))
}

/// The laboratory's organisation id, which issues the certificate.
pub const LABORATORY: OrgId = 7;

/// The hospital's organisation id, which enrols a patient and declares emergency access.
pub const HOSPITAL: OrgId = 4;

/// What the scenario made, for a caller to find it again.
#[derive(Clone, Debug)]
pub struct Demo {
	/// The day reported as "today".
	pub today: Period,
	/// Karnataka's guidance.
	pub guidance: GuidanceId,
	/// The vaccine lot, recalled at the end.
	pub vaccine_lot: LotId,
	/// The test kit lot.
	pub kit_lot: LotId,
	/// The laboratory's infectivity certificate, as its holder carries it.
	pub certificate: String,
	/// The finalized block of the last step.
	pub block: H256,
}

/// One organisation's key in the demonstration registry.
fn key(uri: &str) -> Result<Keypair, Error> {
	keys::signer(uri)
}

/// Sends every `(signer, call)` at once (each signer at most once) and waits for them all.
async fn together<Call: Payload>(
	client: &Client,
	steps: Vec<(&Keypair, Call)>,
) -> Result<Vec<Included>, Error> {
	try_join_all(steps.iter().map(|(signer, call)| client.submit(call, signer, |_| {}))).await
}

/// Plays the scenario on `client`'s chain, telling `say` each step as it is done.
pub async fn play(client: &Client, mut say: impl FnMut(&str)) -> Result<Demo, Error> {
	let today = period::today();
	let yesterday = today - 1;
	let clinic = key("//Alice//stash")?;
	let whitefield = key("//Bob//stash")?;
	let hospital = key("//Ferdie")?;
	let karnataka = key("//Dave")?;
	let maker = key("//Dave//stash")?;
	let lab = key("//Charlie//stash")?;
	let report = |day, confirmed, suspected, tests, positive| {
		surveillance::submit_report(
			DISEASE,
			day,
			surveillance::counts(suspected, confirmed, 0, 0, confirmed / 4, tests, positive),
			vec![],
		)
	};

	together(
		client,
		vec![
			(&clinic, report(yesterday, 8, 3, 30, 7)),
			(&hospital, report(yesterday, 5, 2, 20, 4)),
			(&whitefield, report(yesterday, 3, 1, 12, 2)),
		],
	)
	.await?;
	say("the Jayanagar and Whitefield clinics and the hospital reported RA01 for yesterday");
	together(
		client,
		vec![(&clinic, report(today, 14, 6, 40, 11)), (&hospital, report(today, 9, 3, 30, 8))],
	)
	.await?;
	say("the Jayanagar clinic and the hospital reported RA01 for today; Whitefield did not");

	let threshold = surveillance::set_threshold("IN-KA", DISEASE, None, 20);
	let vaccine = supply::register_product(
		supply::gtin("8901234567890")?,
		ProductKind::Vaccine,
		Unit::Dose,
		(20, 80),
		(30, 24),
		None,
	)?;
	let now = period::now_seconds();
	let issuer_key = issuer_key();
	let lab_org = client
		.organisation_of(&lab.public_key().to_account_id())
		.await?
		.ok_or_else(|| Error::NotFound("the demonstration laboratory is not registered".into()))?
		.0;
	let add_key = certificates::add_issuer_key(
		&issuer_key,
		lab_org,
		client.subxt().genesis_hash(),
		certificates::kinds("test-result,infectivity")?,
		now - 60,
		now + 365 * 86_400,
	)?;
	let threshold = client.submit(&threshold, &karnataka, |_| {});
	let vaccine = client.submit(&vaccine, &maker, |_| {});
	let add_key = client.submit(&add_key, &lab, |_| {});
	let (_, vaccine, _) = futures::try_join!(threshold, vaccine, add_key)?;
	let vaccine = vaccine.new_id("Supply", "ProductRegistered")?;
	say("Karnataka set an outbreak threshold of 20 confirmed cases a day; the manufacturer registered a vaccine; the laboratory listed its certificate key");
	let population = registry::set_population(
		registry::population_place(Some("IN-KA"), None),
		KARNATAKA_POPULATION,
		2011,
		"Census of India 2011",
	);
	client.submit(&population, &karnataka, |_| {}).await?;
	say("Karnataka recorded its population, the denominator of its rates");

	let probe = key("//DemoProbe")?;
	let genesis = client.subxt().genesis_hash();
	let (kind, model, serial) =
		(InstrumentKind::GammaDoseRateMonitor, "GammaTRACER XL2", "GT-20931");
	let proof = instruments::instrument_proof(&probe, genesis, CLINIC, kind, model, serial);
	let monitor = probe.public_key().to_account_id();
	let register = instruments::register_instrument(monitor, kind, model, serial, proof)?;
	let level = environment::set_level_threshold(
		"IN-KA",
		Measure::GammaDoseRate,
		Statistic::DailyMax,
		300,
	)?;
	let register = client.submit(&register, &clinic, |_| {});
	let level = client.submit(&level, &karnataka, |_| {});
	futures::try_join!(register, level)?;
	let day = |back, mean, max| Reading {
		day: today - back,
		measure: Measure::GammaDoseRate,
		mean,
		max,
		hours: 24,
	};
	let days = vec![day(3, 92, 118), day(2, 95, 121), day(1, 104, 420)];
	let batch = environment::sign_readings(&probe, genesis, days)?.remove(0);
	client.submit(&environment::record_readings(&batch)?, &clinic, |_| {}).await?;
	say("the Jayanagar clinic registered a gamma dose-rate probe and relayed its last three days; yesterday's 0.42 µSv/h reached the alert level of 0.3 Karnataka set");

	// A made-up person: the name and birth date stay in the certificate, off chain.
	let claims = portable::Claims {
		id: certificates::random_16(),
		version: 1,
		genesis: client.subxt().genesis_hash(),
		issuer: LABORATORY,
		issued_at: now,
		valid_from: now,
		valid_until: now + 7 * 86_400,
		holder: portable::Holder {
			name: "Asha Demo".into(),
			birth_date: "1990-01-01".into(),
			salt: certificates::random_16(),
		},
		statement: portable::Statement::Infectivity {
			percent: 20,
			result_date: period::date(today),
		},
	};
	let certificate = portable::seal(&claims, &issuer_key)?;
	let issue = certificates::issue_certificate(&portable::open(&certificate)?)?;

	let guidance = surveillance::publish_guidance(
		H256(sp_crypto_hashing::blake2_256(
			b"Healthnet demonstration guidance: test every fever case",
		)),
		"https://health.karnataka.example/guidance/ra01-testing",
		surveillance::target(Some("IN-KA-BLR"), None)?,
		Some(DISEASE),
		surveillance::severity("warning")?,
	);
	let kit = supply::register_product(
		supply::gtin("10614141000415")?,
		ProductKind::TestKit,
		Unit::Test,
		(20, 300),
		(600, 24),
		Some(DISEASE),
	)?;
	// A made-up patient, whose key the hospital enrols with the patient's signed acceptance.
	let genesis = client.subxt().genesis_hash();
	let mut seed = [0u8; 32];
	getrandom::getrandom(&mut seed)
		.map_err(|e| Error::BadKey(format!("no randomness for the patient's key: {e}")))?;
	let patient = keys::signer(&format!("0x{}", hex::encode(seed)))?;
	let (record, enrol) = records::enrolment(&patient, genesis, HOSPITAL)?;
	let guidance = client.submit(&guidance, &karnataka, |_| {});
	let kit = client.submit(&kit, &maker, |_| {});
	let issue = client.submit(&issue, &lab, |_| {});
	let enrol = client.submit(&enrol, &hospital, |_| {});
	let (guidance, kit, _, _) = futures::try_join!(guidance, kit, issue, enrol)?;
	let guidance = guidance.new_id("Surveillance", "GuidancePublished")?;
	let kit = kit.new_id("Supply", "ProductRegistered")?;
	say("Karnataka published guidance to Bengaluru's facilities; the manufacturer registered a test kit; the laboratory certified an infectivity of 20 %; the hospital enrolled a patient");

	let ack = surveillance::acknowledge_guidance(guidance);
	let lot = supply::create_lot(vaccine, "VX-2026-041", today + 180, 1_000);
	let emergency =
		records::declare_emergency(record, records::emergency_reason("life-threatening")?)?;
	let ack = client.submit(&ack, &clinic, |_| {});
	let lot = client.submit(&lot, &maker, |_| {});
	let emergency = client.submit(&emergency, &hospital, |_| {});
	let (_, lot, _) = futures::try_join!(ack, lot, emergency)?;
	let vaccine_lot = lot.new_id("Supply", "LotCreated")?;
	let kit_lot = client
		.submit(&supply::create_lot(kit, "TK-2026-007", today + 365, 500), &maker, |_| {})
		.await?
		.new_id("Supply", "LotCreated")?;
	say("the Jayanagar clinic acknowledged the guidance; the manufacturer made a lot of each product; the hospital broke the glass on its patient's record");

	let shipment = client
		.submit(
			&supply::ship(CLINIC, vec![(vaccine_lot, 200), (kit_lot, 100)], None),
			&maker,
			|_| {},
		)
		.await?
		.new_id("Supply", "ShipmentSent")?;
	client.submit(&supply::accept_shipment(shipment, vec![])?, &clinic, |_| {}).await?;
	say("the manufacturer shipped 200 doses and 100 test kits to the Jayanagar clinic, which accepted them");

	let used = supply::record_use(kit_lot, 60, UseKind::TestsUsed, today)?;
	let recall = supply::recall_lot(vaccine_lot, RecallReason::QualityDefect)?;
	let used = client.submit(&used, &clinic, |_| {});
	let recall = client.submit(&recall, &maker, |_| {});
	let (_, recalled) = futures::try_join!(used, recall)?;
	say("the Jayanagar clinic used 60 test kits (it reported 40 tests); the manufacturer recalled the vaccine lot");
	Ok(Demo { today, guidance, vaccine_lot, kit_lot, certificate, block: recalled.block })
}
