//! The Healthnet domain pallets: who is who (the registry), disease surveillance, and later
//! records, supply and certificates.

use frame_support::{
	parameter_types,
	traits::{Contains, ContainsPair, Get},
	weights::Weight,
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

/// What asking [`CouncilAndValidators`] costs: two reads, the council's list and the
/// validators' (a runtime test checks it reads those and nothing else). The membership gate
/// asks it after the signer's organisation, and gives it back to a member's transaction.
pub struct CouncilAndValidatorsReads;
impl Get<Weight> for CouncilAndValidatorsReads {
	fn get() -> Weight {
		<Runtime as frame_system::Config>::DbWeight::get().reads(2)
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
	type KnownAccounts = CouncilAndValidators;
	type KnownAccountsReads = CouncilAndValidatorsReads;
	type OpenCalls = BootstrapCalls;
	type RefusedCalls = ValidatorsKeepTheirKeys;
	type DeviceCalls = super::supply::LoggerCalls;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::RegistryBenchmarks;
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
	/// The notifiable diseases of one facility's weekly form (IDSR forms hold 10 to 30), with
	/// room.
	pub const MaxDiseasesPerForm: u32 = 32;
	/// The lineages a whole form may break its confirmed cases into: two diseases' full
	/// breakdowns, so that the largest form's weight fits one transaction (a runtime test
	/// checks it).
	pub const MaxLineagesPerForm: u32 = 64;
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
	/// A month: a facility out of reach for weeks still gets its signed reports in, but a
	/// relayer cannot hold one back for longer (the CLI signs for a week).
	pub const MaxOfflineValidity: u64 = 30 * 86_400_000;
}

impl pallet_surveillance::Config for Runtime {
	type Registry = Registry;
	type UnixTime = Timestamp;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxLineageLength = MaxLineageLength;
	type MaxVariantsPerReport = MaxVariantsPerReport;
	type MaxVersionsPerReport = MaxVersionsPerReport;
	type MaxDiseasesPerForm = MaxDiseasesPerForm;
	type MaxLineagesPerForm = MaxLineagesPerForm;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxUriLength = MaxUriLength;
	type MaxReportAge = MaxReportAge;
	type AlertWindow = AlertWindow;
	type MaxAlertExpiriesPerBlock = MaxAlertExpiriesPerBlock;
	type ReportingDeadline = ReportingDeadline;
	type MillisecsPerBlock = MillisecsPerBlock;
	type MaxOfflineValidity = MaxOfflineValidity;
	type OfflineSignature = crate::Signature;
	type OfflineSigner = <crate::Signature as sp_runtime::traits::Verify>::Signer;
	type WeightInfo = pallet_surveillance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarking::SurveillanceBenchmarks;
}
