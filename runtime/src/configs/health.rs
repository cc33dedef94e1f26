//! The Healthnet domain pallets: who is who (the registry), disease surveillance, and later
//! records, supply and certificates.

use frame_support::{
	parameter_types,
	traits::{Contains, ContainsPair},
};

use crate::{
	configs::{CouncilCollective, TwoThirdsOfCouncil},
	AccountId, Registry, Runtime, RuntimeCall, Timestamp, DAYS, MILLISECS_PER_BLOCK,
};

parameter_types! {
	/// Room for a country, a subdivision and three local levels (`IN-KA-BLR-...`).
	pub const MaxRegionCodeLength: u32 = 32;
	/// A country, a subdivision and up to three local levels.
	pub const MaxRegionDepth: u32 = 5;
	/// Enough for the official name of any organisation.
	pub const MaxNameLength: u32 = 128;
	/// A large hospital's staff accounts that sign reports and records.
	pub const MaxMembersPerOrganisation: u32 = 1_000;
	/// The facilities of one locality's cluster.
	pub const MaxClusterSize: u32 = 200;
}

/// The accounts the membership gate admits without an organisation: the council members and
/// the validators the council has decided on.
pub struct CouncilAndValidators;
impl Contains<AccountId> for CouncilAndValidators {
	fn contains(who: &AccountId) -> bool {
		pallet_collective::Pallet::<Runtime, CouncilCollective>::is_member(who)
			|| pallet_validators::Validators::<Runtime>::get().contains(who)
	}
}

/// The calls any account may sign, known to the chain or not: the whole list of the membership
/// gate's exceptions. A new validator's operator registers (or withdraws) its session keys
/// from the validator account before the council admits it.
pub struct BootstrapCalls;
impl Contains<RuntimeCall> for BootstrapCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::Session(
				pallet_session::Call::set_keys { .. } | pallet_session::Call::purge_keys {}
			)
		)
	}
}

/// The calls the membership gate refuses from particular signers: a validator the council
/// has chosen may not withdraw the session keys it authors with, so that the authoring set
/// never shrinks behind the council's back (the council removes validators; then the
/// operator may withdraw its keys).
pub struct ValidatorsKeepTheirKeys;
impl ContainsPair<AccountId, RuntimeCall> for ValidatorsKeepTheirKeys {
	fn contains(who: &AccountId, call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::Session(pallet_session::Call::purge_keys {}))
			&& pallet_validators::Validators::<Runtime>::get().contains(who)
	}
}

impl pallet_registry::Config for Runtime {
	type CouncilOrigin = TwoThirdsOfCouncil;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxNameLength = MaxNameLength;
	type MaxMembersPerOrganisation = MaxMembersPerOrganisation;
	type MaxClusterSize = MaxClusterSize;
	type KnownAccounts = (CouncilAndValidators, super::supply::SupplySensors);
	type OpenCalls = BootstrapCalls;
	type RefusedCalls = ValidatorsKeepTheirKeys;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RegistryBenchmarks;
}

/// Fills the council and the validator set to the most the runtime allows, with accounts the
/// benchmarks do not sign with: the membership gate scans both before it asks the registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct RegistryBenchmarks;

#[cfg(feature = "runtime-benchmarks")]
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

parameter_types! {
	/// An ICD-11 stem code with an extension (`XN109.12`), with room to spare.
	pub const MaxDiseaseCodeLength: u32 = 16;
	/// A Pango lineage name such as `XBB.1.5.70`.
	pub const MaxLineageLength: u32 = 32;
	/// The lineages a sequencing laboratory tells apart in one day's cases.
	pub const MaxVariantsPerReport: u32 = 32;
	/// A report and fifteen corrections.
	pub const MaxVersionsPerReport: u32 = 16;
	/// A web address of a guidance document.
	pub const MaxUriLength: u32 = 256;
	/// Reports are taken for the days of the past year; older days are closed.
	pub const MaxReportAge: u32 = 366;
	/// Four weeks: an alert of an older period closes by itself.
	pub const AlertWindow: u32 = 28;
	/// Expired alerts closed at the start of a block, at most.
	pub const MaxAlertExpiriesPerBlock: u32 = 32;
	/// Two days after its day is over, a report is late.
	pub const ReportingDeadline: u32 = 2 * DAYS;
	/// The block time, to turn the deadline into time.
	pub const MillisecsPerBlock: u64 = MILLISECS_PER_BLOCK;
}

impl pallet_surveillance::Config for Runtime {
	type Registry = Registry;
	type UnixTime = Timestamp;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxLineageLength = MaxLineageLength;
	type MaxVariantsPerReport = MaxVariantsPerReport;
	type MaxVersionsPerReport = MaxVersionsPerReport;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxUriLength = MaxUriLength;
	type MaxReportAge = MaxReportAge;
	type AlertWindow = AlertWindow;
	type MaxAlertExpiriesPerBlock = MaxAlertExpiriesPerBlock;
	type ReportingDeadline = ReportingDeadline;
	type MillisecsPerBlock = MillisecsPerBlock;
	type WeightInfo = pallet_surveillance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SurveillanceBenchmarks;
}

/// Sets up, through the registry's own calls, what the surveillance benchmarks need: a
/// national authority, and a reporting facility in the deepest, longest region code allowed,
/// in a cluster. (No surveillance call iterates over a cluster, so its size costs nothing.)
#[cfg(feature = "runtime-benchmarks")]
pub struct SurveillanceBenchmarks;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_surveillance::BenchmarkHelper<AccountId> for SurveillanceBenchmarks {
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
#[cfg(feature = "runtime-benchmarks")]
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
#[cfg(feature = "runtime-benchmarks")]
fn benchmark_name(index: u32) -> alloc::vec::Vec<u8> {
	let mut name = alloc::vec![b'N'; MaxNameLength::get() as usize];
	name[..4].copy_from_slice(&index.to_be_bytes());
	name
}

/// Registers, through the registry's own calls, an organisation with `capabilities` in
/// [`benchmark_region`] (the `index`th, from 0), under France's national authority, which the
/// first call registers. Returns the organisation's admin account, the authority's, and the
/// organisation.
#[cfg(feature = "runtime-benchmarks")]
pub(crate) fn benchmark_organisation(
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
	(member, authority, org)
}
