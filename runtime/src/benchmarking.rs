//! What the benchmarks of the Healthnet pallets need from this runtime, set up through the
//! pallets' own calls: organisations in the deepest region the registry allows, a full council
//! and validator set, and patients whose keys sign. Built only with `runtime-benchmarks`, which
//! no network runs: a setup step that fails stops the benchmark with its reason.

use crate::{
	configs::{CouncilCollective, MaxNameLength, MaxRegionCodeLength, MaxRegionDepth},
	AccountId, Registry, Runtime, Signature,
};

/// Fills the council and the validator set to the most the runtime allows, with accounts the
/// benchmarks do not sign with: the membership gate scans both before it asks the registry.
pub struct RegistryBenchmarks;

impl pallet_registry::BenchmarkHelper for RegistryBenchmarks {
	fn fill_known_accounts() {
		use crate::configs::{MAX_AUTHORITIES, MAX_COUNCIL_MEMBERS};
		let accounts = |name: &'static str, n: u32| {
			(0..n).map(move |i| frame_benchmarking::account::<AccountId>(name, i, 0))
		};
		let mut council: alloc::vec::Vec<AccountId> =
			accounts("councillor", MAX_COUNCIL_MEMBERS).collect();
		council.sort();
		pallet_collective::Members::<Runtime, CouncilCollective>::put(council);
		let validators = accounts("validator", MAX_AUTHORITIES).collect::<alloc::vec::Vec<_>>();
		pallet_validators::Validators::<Runtime>::put(
			frame_support::BoundedVec::try_from(validators)
				.expect("MaxValidators is MAX_AUTHORITIES"),
		);
	}
}

/// Sets up, through the registry's own calls, what the surveillance benchmarks need: a
/// national authority, and a reporting facility in the deepest, longest region code allowed,
/// in a cluster. (No surveillance call iterates over a cluster, so its size costs nothing.)
pub struct SurveillanceBenchmarks;

impl SurveillanceBenchmarks {
	const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"rprt");

	fn ecdsa_key() -> sp_core::ecdsa::Public {
		sp_io::crypto::ecdsa_generate(Self::KEY_TYPE, Some(b"//OfflineReporter".to_vec()))
	}
}

impl pallet_surveillance::BenchmarkHelper<AccountId, Signature> for SurveillanceBenchmarks {
	fn offline_signer(facility: &AccountId) -> AccountId {
		use sp_runtime::traits::IdentifyAccount;
		let signer = sp_runtime::MultiSigner::from(Self::ecdsa_key()).into_account();
		let org = pallet_registry::Members::<Runtime>::get(facility)
			.expect("the facility's account is a member")
			.0;
		let signed = |who: &AccountId| crate::RuntimeOrigin::signed(who.clone());
		let reporter = pallet_registry::Roles::only(pallet_registry::Role::Reporter);
		Registry::invite_member(signed(facility), signer.clone(), reporter)
			.expect("the facility's admin invites the signer");
		Registry::accept_membership(signed(&signer), org).expect("the signer accepts");
		signer
	}

	fn sign(_signer: &AccountId, message: &[u8]) -> Signature {
		sp_io::crypto::ecdsa_sign(Self::KEY_TYPE, &Self::ecdsa_key(), message)
			.expect("the benchmark's keystore holds the key it generated")
			.into()
	}

	// True while every signed origin a call of this runtime sees is its transaction's signer,
	// whom the gate admitted: the runtime has no proxy, utility, multisig, sudo or scheduler
	// pallet. One of those would dispatch for an account whose keys the gate never read (a
	// scheduler before the timestamp inherent too), and these keys would have to be charged.
	fn read_before_the_call(signer: &AccountId) -> alloc::vec::Vec<alloc::vec::Vec<u8>> {
		let mut keys = Registry::member_admission_keys(signer);
		keys.push(pallet_timestamp::Now::<Runtime>::hashed_key().to_vec());
		keys
	}

	fn reporting_facility() -> (AccountId, AccountId) {
		use healthnet_primitives::{Capabilities, Capability};
		// A clock far from the epoch (noon of 2026-11-24), so that the alert window and the
		// year of open periods lie whole behind today.
		let noon = 20_781 * healthnet_primitives::surveillance::PERIOD_MILLIS + 43_200_000;
		pallet_timestamp::Now::<Runtime>::put(noon);
		let (facility, authority, org) =
			benchmark_organisation(0, Capabilities::of(&[Capability::ReportCases]));
		let signed = |who: &AccountId| crate::RuntimeOrigin::signed(who.clone());
		let cluster = pallet_registry::NextClusterId::<Runtime>::get();
		let name = pallet_registry::Name::<Runtime>::try_from(benchmark_name(0))
			.expect("the longest name fits its bound");
		Registry::create_cluster(signed(&authority), name, benchmark_region(), org)
			.expect("the authority forms a cluster");
		Registry::add_to_cluster(signed(&authority), cluster, org)
			.expect("the facility joins the cluster");
		(facility, authority)
	}
}

/// The deepest, longest region code the registry allows, in a country of its own beside the
/// demonstration registry's: the worst case of every walk up a region's ancestors.
fn benchmark_region() -> pallet_registry::RegionCode<Runtime> {
	healthnet_primitives::registry::deepest_region_code(
		b"FR",
		MaxRegionCodeLength::get(),
		MaxRegionDepth::get(),
	)
	.try_into()
	.expect("the deepest code fits its bound")
}

/// A name of the longest length allowed, told apart by `index`.
fn benchmark_name(index: u32) -> alloc::vec::Vec<u8> {
	let mut name = alloc::vec![b'N'; MaxNameLength::get() as usize];
	name[..4].copy_from_slice(&index.to_be_bytes());
	name
}

/// Registers, through the registry's own calls, an organisation with `capabilities` in
/// [`benchmark_region`] (the `index`th, from 0), under France's national authority, which the
/// first call registers. Returns the organisation's admin account, the authority's, and the
/// organisation.
fn benchmark_organisation(
	index: u32,
	capabilities: healthnet_primitives::Capabilities,
) -> (AccountId, AccountId, healthnet_primitives::OrgId) {
	use pallet_registry::OrgKind;
	let authority: AccountId = frame_benchmarking::account("authority", 0, 0);
	let member: AccountId = frame_benchmarking::account("facility", index, 0);
	let signed = |who: &AccountId| crate::RuntimeOrigin::signed(who.clone());
	let country: pallet_registry::RegionCode<Runtime> =
		b"FR".to_vec().try_into().expect("a country code fits");
	let name = |index| {
		pallet_registry::Name::<Runtime>::try_from(benchmark_name(index))
			.expect("the longest name fits its bound")
	};
	if pallet_registry::AuthorityOfRegion::<Runtime>::get(&country).is_none() {
		Registry::register_authority(
			crate::RuntimeOrigin::root(),
			OrgKind::NationalAuthority,
			name(u32::MAX),
			country,
			authority.clone(),
		)
		.expect("the root origin registers a national authority");
		let national = pallet_registry::NextOrgId::<Runtime>::get() - 1;
		Registry::accept_membership(signed(&authority), national)
			.expect("the invited admin accepts");
		// The benchmarks' accounts do every kind of work: they hold every role.
		Registry::set_roles(signed(&authority), authority.clone(), pallet_registry::Roles::all())
			.expect("an admin sets its own roles");
	}
	Registry::register_organisation(
		signed(&authority),
		OrgKind::Hospital,
		name(index),
		benchmark_region(),
		capabilities,
		member.clone(),
		None,
	)
	.expect("the national authority registers an organisation in its country");
	let org = pallet_registry::NextOrgId::<Runtime>::get() - 1;
	Registry::accept_membership(signed(&member), org).expect("the invited admin accepts");
	Registry::set_roles(signed(&member), member.clone(), pallet_registry::Roles::all())
		.expect("an admin sets its own roles");
	(member, authority, org)
}

/// Registers care providers through the registry's own calls, and makes patients whose keys
/// sign with ECDSA, the scheme whose verification (a public key recovery) costs most.
pub struct RecordsBenchmarks;

impl RecordsBenchmarks {
	const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"pati");

	fn ecdsa_key(index: u32) -> sp_core::ecdsa::Public {
		let uri = alloc::format!("//Patient//{index}");
		sp_io::crypto::ecdsa_generate(Self::KEY_TYPE, Some(uri.into_bytes()))
	}
}

impl pallet_records::BenchmarkHelper<AccountId, AccountId, Signature> for RecordsBenchmarks {
	fn care_provider(index: u32) -> (AccountId, AccountId) {
		use healthnet_primitives::{Capabilities, Capability};
		let (member, authority, _) =
			benchmark_organisation(index, Capabilities::of(&[Capability::ProvideCare]));
		(member, authority)
	}

	fn patient_key(index: u32) -> AccountId {
		use sp_runtime::traits::IdentifyAccount;
		sp_runtime::MultiSigner::from(Self::ecdsa_key(index)).into_account()
	}

	fn sign(index: u32, message: &[u8]) -> Signature {
		let key = Self::ecdsa_key(index);
		sp_io::crypto::ecdsa_sign(Self::KEY_TYPE, &key, message)
			.expect("the benchmark's keystore holds the key it generated")
			.into()
	}
}

/// Registers, through the registry's own calls, a manufacturer, a distributor and a clinic
/// under France's national authority.
pub struct SupplyBenchmarks;

impl SupplyBenchmarks {
	const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"hnsn");

	fn sensor_key() -> sp_core::ecdsa::Public {
		sp_io::crypto::ecdsa_generate(Self::KEY_TYPE, Some(b"//TemperatureLogger".to_vec()))
	}
}

impl pallet_supply::BenchmarkHelper<AccountId, Signature> for SupplyBenchmarks {
	fn organisations() -> (AccountId, AccountId, AccountId, AccountId) {
		use healthnet_primitives::{Capabilities, Capability};
		let organisation =
			|index, capability| benchmark_organisation(index, Capabilities::of(&[capability]));
		let (maker, authority, maker_org) = organisation(0, Capability::Manufacture);
		let (distributor, ..) = organisation(1, Capability::HoldStock);
		let (clinic, ..) = organisation(2, Capability::HoldStock);
		crate::Supply::assign_company_prefix(
			crate::RuntimeOrigin::signed(authority.clone()),
			maker_org,
			b"000000000001".to_vec().try_into().expect("12 digits"),
		)
		.expect("the national authority records the manufacturer's prefix");
		(maker, distributor, clinic, authority)
	}

	fn sensor() -> AccountId {
		use sp_runtime::traits::IdentifyAccount;
		sp_runtime::MultiSigner::from(Self::sensor_key()).into_account()
	}

	fn sign(_signer: &AccountId, message: &[u8]) -> Signature {
		sp_io::crypto::ecdsa_sign(Self::KEY_TYPE, &Self::sensor_key(), message)
			.expect("the benchmark's keystore holds the key it generated")
			.into()
	}
}

/// Registers, through the registry's own calls, a laboratory that issues certificates under
/// France's national authority, and, through the supply pallet's, a vaccine lot.
pub struct CertificatesBenchmarks;

impl pallet_certificates::BenchmarkHelper<AccountId> for CertificatesBenchmarks {
	fn issuer_and_authority() -> (AccountId, AccountId) {
		use healthnet_primitives::{Capabilities, Capability};
		let (issuer, authority, _) =
			benchmark_organisation(0, Capabilities::of(&[Capability::IssueCertificates]));
		(issuer, authority)
	}

	fn vaccine_lot() -> pallet_certificates::LotId {
		use healthnet_primitives::{
			supply::{gtin_check_digit, ProductKind, Unit},
			Capabilities, Capability,
		};
		let (maker, authority, maker_org) =
			benchmark_organisation(1, Capabilities::of(&[Capability::Manufacture]));
		crate::Supply::assign_company_prefix(
			crate::RuntimeOrigin::signed(authority),
			maker_org,
			b"890000".to_vec().try_into().expect("6 digits"),
		)
		.expect("the national authority records the manufacturer's prefix");
		let signed = || crate::RuntimeOrigin::signed(maker.clone());
		let first: [u8; 13] = *b"0890000000001";
		let mut gtin = [0; 14];
		gtin[..13].copy_from_slice(&first);
		gtin[13] = gtin_check_digit(&first);
		crate::Supply::register_product(
			signed(),
			gtin,
			ProductKind::Vaccine,
			Unit::Dose,
			(20, 80),
			60,
			24,
			None,
		)
		.expect("the manufacturer registers a vaccine");
		let product = pallet_supply::NextProductId::<Runtime>::get() - 1;
		let number = b"LOT-1".to_vec().try_into().expect("a short lot number fits");
		crate::Supply::create_lot(signed(), product, number, u32::MAX, 1_000)
			.expect("the manufacturer makes a lot");
		pallet_supply::NextLotId::<Runtime>::get() - 1
	}
}

/// Registers, through the registry's own calls, a laboratory that reports cases under France's
/// national authority and a regional authority between them; instruments sign with ECDSA.
pub struct InstrumentsBenchmarks;

impl InstrumentsBenchmarks {
	const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"hnin");

	fn instrument_key() -> sp_core::ecdsa::Public {
		sp_io::crypto::ecdsa_generate(Self::KEY_TYPE, Some(b"//Analyser".to_vec()))
	}
}

impl pallet_instruments::BenchmarkHelper<AccountId, Signature> for InstrumentsBenchmarks {
	fn accounts() -> (AccountId, AccountId, AccountId, AccountId) {
		use healthnet_primitives::{Capabilities, Capability};
		use pallet_registry::OrgKind;
		// A clock far from the epoch (noon of 2026-11-24), so that a batch's results can each
		// fall on a day of their own within the year results may be dated back.
		let noon = 20_781 * healthnet_primitives::surveillance::PERIOD_MILLIS + 43_200_000;
		pallet_timestamp::Now::<Runtime>::put(noon);
		let (lab, national, _) =
			benchmark_organisation(0, Capabilities::of(&[Capability::ReportCases]));
		// A regional authority over the laboratory, below the national one.
		let regional: AccountId = frame_benchmarking::account("regional", 0, 0);
		let signed = |who: &AccountId| crate::RuntimeOrigin::signed(who.clone());
		let deepest = benchmark_region().to_vec();
		let parent = deepest[..deepest.iter().rposition(|b| *b == b'-').unwrap_or(0)].to_vec();
		Registry::register_organisation(
			signed(&national),
			OrgKind::RegionalAuthority,
			benchmark_name(u32::MAX - 1).try_into().expect("the longest name fits"),
			parent.try_into().expect("a shorter code fits"),
			Capabilities::default(),
			regional.clone(),
			None,
		)
		.expect("the national authority registers a regional one");
		let org = pallet_registry::NextOrgId::<Runtime>::get() - 1;
		Registry::accept_membership(signed(&regional), org).expect("the invited admin accepts");
		Registry::set_roles(signed(&regional), regional.clone(), pallet_registry::Roles::all())
			.expect("an admin sets its own roles");
		(lab.clone(), lab, regional, national)
	}

	fn instrument() -> AccountId {
		use sp_runtime::traits::IdentifyAccount;
		sp_runtime::MultiSigner::from(Self::instrument_key()).into_account()
	}

	fn sign(message: &[u8]) -> Signature {
		sp_io::crypto::ecdsa_sign(Self::KEY_TYPE, &Self::instrument_key(), message)
			.expect("the benchmark's keystore holds the key it generated")
			.into()
	}
}

/// Registers, through the registry's own calls, organisations that may read research data
/// under France's national authority, whose administrator creates the channels.
pub struct ChannelsBenchmarks;

impl pallet_channels::BenchmarkHelper<AccountId> for ChannelsBenchmarks {
	fn organisations(
		n: u32,
	) -> (AccountId, alloc::vec::Vec<(healthnet_primitives::OrgId, AccountId)>) {
		use healthnet_primitives::{Capabilities, Capability};
		let research = Capabilities::of(&[Capability::ReadResearchData]);
		let mut others = alloc::vec::Vec::new();
		let mut authority = frame_benchmarking::account("authority", 0, 0);
		for index in 0..n {
			let (member, national, org) = benchmark_organisation(index, research);
			others.push((org, member));
			authority = national;
		}
		if n == 0 {
			// The national authority alone: registered by the first organisation's call.
			let (_, national, _) = benchmark_organisation(u32::MAX - 2, research);
			authority = national;
		}
		(authority, others)
	}
}

/// A reporting facility in the deepest region, in a cluster, as the surveillance benchmarks
/// set it up, with a gamma dose-rate probe or a PM2.5 monitor registered through the
/// instruments pallet's own call.
pub struct EnvironmentBenchmarks;

impl EnvironmentBenchmarks {
	const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"hnen");

	fn monitor_key() -> sp_core::ecdsa::Public {
		sp_io::crypto::ecdsa_generate(Self::KEY_TYPE, Some(b"//Monitor".to_vec()))
	}
}

impl pallet_environment::BenchmarkHelper<AccountId, Signature> for EnvironmentBenchmarks {
	fn accounts() -> (AccountId, AccountId) {
		<SurveillanceBenchmarks as pallet_surveillance::BenchmarkHelper<_, _>>::reporting_facility()
	}

	fn monitor(kind: healthnet_primitives::instruments::InstrumentKind) -> AccountId {
		use sp_runtime::traits::IdentifyAccount;
		let monitor: AccountId = sp_runtime::MultiSigner::from(Self::monitor_key()).into_account();
		let facility: AccountId = frame_benchmarking::account("facility", 0, 0);
		let holder = pallet_registry::Members::<Runtime>::get(&facility)
			.expect("the facility's account is a member")
			.0;
		let (model, serial) = (b"GammaTRACER XL2".to_vec(), b"GT-20931".to_vec());
		let message = healthnet_primitives::instruments::instrument_proof_message(
			&frame_system::Pallet::<Runtime>::block_hash(0),
			holder,
			kind,
			&model,
			&serial,
		);
		crate::Instruments::register_instrument(
			crate::RuntimeOrigin::signed(facility),
			monitor.clone(),
			kind,
			model.try_into().expect("a short model"),
			serial.try_into().expect("a short serial"),
			Self::sign(&message),
		)
		.expect("the facility's key officer registers its monitor");
		monitor
	}

	fn sign(message: &[u8]) -> Signature {
		sp_io::crypto::ecdsa_sign(Self::KEY_TYPE, &Self::monitor_key(), message)
			.expect("the benchmark's keystore holds the key it generated")
			.into()
	}
}
