//! The genesis presets the node builds its chain specs from: `dev` (one validator and one
//! council member, Alice) and `local` (Alice, Bob, Charlie and Dave as validators, each on its
//! own node, so that the network keeps finalizing with one of them down; Alice, Bob and Charlie
//! as the council). Neither has a sudo key: the council governs from the first block. The
//! node's `bench` and `bench-local` chains ([`bench_genesis`]) are `dev` and `local` with 1,000
//! more facilities, for the load generator; they are not presets because their accounts are
//! derived from secret URIs.
//!
//! Both carry the same demonstration registry, so that every pallet and demo has authorities
//! and facilities to work with from the first block:
//!
//! | id | organisation | kind | region | admin account |
//! |---|---|---|---|---|
//! | 0 | Global Health Authority | global authority | (world) | `//Bob` |
//! | 1 | National Health Authority of India | national authority | `IN` | `//Charlie` |
//! | 2 | Karnataka Department of Health | regional authority | `IN-KA` | `//Dave` |
//! | 3 | Maharashtra Department of Health | regional authority | `IN-MH` | `//Eve` |
//! | 4 | Bengaluru General Hospital | hospital, coordinates cluster 0 | `IN-KA-BLR` | `//Ferdie` |
//! | 5 | Jayanagar Health Centre | clinic, cluster 0 | `IN-KA-BLR` | `//Alice//stash` |
//! | 6 | Whitefield Primary Health Centre | clinic, cluster 0 | `IN-KA-BLR` | `//Bob//stash` |
//! | 7 | Karnataka Public Health Laboratory | laboratory | `IN-KA-BLR` | `//Charlie//stash` |
//! | 8 | Pune Vaccine Works | manufacturer | `IN-MH-PUN` | `//Dave//stash` |
//! | 9 | Deccan Medical Distributors | distributor | `IN-KA` | `//Eve//stash` |
//!
//! Cluster 0 is "Bengaluru Urban health centres" (`IN-KA-BLR`): organisations 4, 5 and 6.
//! `//Ferdie//stash` is funded but belongs to no organisation: the membership gate refuses it.

use alloc::{format, string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use healthnet_primitives::{Capability, ClusterId, OrgId};
use pallet_registry::{GenesisCluster, GenesisOrganisation, OrgKind, Role, Roles};
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	configs::MAX_COUNCIL_MEMBERS, AccountId, Balance, BalancesConfig, CouncilMembershipConfig,
	RegistryConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SupplyConfig,
	ValidatorsConfig, UNIT,
};

/// What each well-known development account starts with, enough for years of test fees.
const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A validator's account and its session keys: Aura to author blocks, GRANDPA to finalize.
fn validator(name: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AccountId, SessionKeys) {
	(
		name.to_account_id(),
		SessionKeys { aura: name.public().into(), grandpa: grandpa.public().into() },
	)
}

/// An organisation of the demonstration registry, with `admin` as its one member account.
fn organisation(
	kind: OrgKind,
	name: &str,
	region: &str,
	parent: Option<OrgId>,
	cluster: Option<ClusterId>,
	capabilities: &[Capability],
	admin: Sr25519Keyring,
) -> GenesisOrganisation<AccountId> {
	GenesisOrganisation {
		kind,
		name: String::from(name),
		region: String::from(region),
		parent,
		capabilities: capabilities.to_vec(),
		cluster,
		// The demonstration's one account per organisation does all of its work.
		members: vec![(admin.to_account_id(), Roles::all())],
	}
}

/// The demonstration hierarchy of the module documentation's table.
fn demonstration_registry() -> RegistryConfig {
	use Capability::*;
	use OrgKind::*;
	use Sr25519Keyring as K;
	const KARNATAKA: Option<OrgId> = Some(2);
	const BENGALURU_CLUSTER: Option<ClusterId> = Some(0);
	let health_centre = [ReportCases, HoldStock, ProvideCare];
	RegistryConfig {
		organisations: vec![
			organisation(GlobalAuthority, "Global Health Authority", "", None, None, &[], K::Bob),
			organisation(
				NationalAuthority,
				"National Health Authority of India",
				"IN",
				None,
				None,
				&[ReadResearchData],
				K::Charlie,
			),
			organisation(
				RegionalAuthority,
				"Karnataka Department of Health",
				"IN-KA",
				Some(1),
				None,
				&[],
				K::Dave,
			),
			organisation(
				RegionalAuthority,
				"Maharashtra Department of Health",
				"IN-MH",
				Some(1),
				None,
				&[],
				K::Eve,
			),
			organisation(
				Hospital,
				"Bengaluru General Hospital",
				"IN-KA-BLR",
				KARNATAKA,
				BENGALURU_CLUSTER,
				&[ReportCases, IssueCertificates, HoldStock, ProvideCare],
				K::Ferdie,
			),
			organisation(
				Clinic,
				"Jayanagar Health Centre",
				"IN-KA-BLR",
				KARNATAKA,
				BENGALURU_CLUSTER,
				&health_centre,
				K::AliceStash,
			),
			organisation(
				Clinic,
				"Whitefield Primary Health Centre",
				"IN-KA-BLR",
				KARNATAKA,
				BENGALURU_CLUSTER,
				&health_centre,
				K::BobStash,
			),
			organisation(
				Laboratory,
				"Karnataka Public Health Laboratory",
				"IN-KA-BLR",
				KARNATAKA,
				None,
				&[ReportCases, IssueCertificates],
				K::CharlieStash,
			),
			organisation(
				Manufacturer,
				"Pune Vaccine Works",
				"IN-MH-PUN",
				Some(3),
				None,
				&[Manufacture, HoldStock],
				K::DaveStash,
			),
			organisation(
				Distributor,
				"Deccan Medical Distributors",
				"IN-KA",
				KARNATAKA,
				None,
				&[HoldStock],
				K::EveStash,
			),
		],
		clusters: vec![GenesisCluster {
			name: String::from("Bengaluru Urban health centres"),
			region: String::from("IN-KA-BLR"),
			coordinator: 4,
		}],
	}
}

/// The genesis of a network whose validators and council are the given development keys. A
/// council larger than the runtime allows stops the build with a sentence rather than starting
/// a chain without one.
pub(crate) fn genesis(validators: Vec<(AccountId, SessionKeys)>, council: Vec<AccountId>) -> Value {
	genesis_with(
		validators,
		council,
		demonstration_registry(),
		Vec::new(),
		demonstration_prefixes(),
	)
}

/// The GS1 company prefixes of the demonstration's manufacturer, Pune Vaccine Works (8): two of
/// GS1 India's range and GS1's own example prefix, which the demonstration's GTINs use.
fn demonstration_prefixes() -> Vec<(String, OrgId)> {
	["890123", "890987", "0614141"].into_iter().map(|digits| (digits.into(), 8)).collect()
}

/// [`genesis`] with `registry` instead of the demonstration registry, and `funded` endowed
/// besides the well-known development accounts.
fn genesis_with(
	validators: Vec<(AccountId, SessionKeys)>,
	council: Vec<AccountId>,
	registry: RegistryConfig,
	funded: Vec<AccountId>,
	company_prefixes: Vec<(String, OrgId)>,
) -> Value {
	let balances = Sr25519Keyring::well_known()
		.map(|k| k.to_account_id())
		.chain(funded)
		.map(|account| (account, DEV_ENDOWMENT))
		.collect();
	let genesis = NetworkGenesis {
		validators,
		council,
		registry,
		balances,
		allowed_nodes: Vec::new(),
		company_prefixes,
	};
	network_genesis(genesis).unwrap_or_else(|e| panic!("{e}"))
}

/// What a chain's genesis names: a network's own genesis file (the node reads it from
/// `--chain network.toml`) names nothing of the demonstration and funds or empowers no account
/// it does not list; the presets fill it with the demonstration's.
pub struct NetworkGenesis {
	/// The validators of the first sessions, with their session keys.
	pub validators: Vec<(AccountId, SessionKeys)>,
	/// The council's members, at most `MAX_COUNCIL_MEMBERS`.
	pub council: Vec<AccountId>,
	/// The organisations and clusters.
	pub registry: RegistryConfig,
	/// What each account starts with.
	pub balances: Vec<(AccountId, Balance)>,
	/// The network keys of the nodes a closed network allows; empty for an open network.
	pub allowed_nodes: Vec<healthnet_primitives::network::NodeKey>,
	/// GS1 company prefixes and the manufacturers that own them.
	pub company_prefixes: Vec<(String, OrgId)>,
}

/// The genesis patch of `network`: its validators, council, registry, balances, allow list and
/// company prefixes, and nothing else.
pub fn network_genesis(network: NetworkGenesis) -> Result<Value, String> {
	let council = network.council.try_into().map_err(|council: Vec<AccountId>| {
		format!(
			"a genesis council of {} members is more than the {MAX_COUNCIL_MEMBERS} allowed",
			council.len()
		)
	})?;
	Ok(build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: network.balances },
		// Aura and GRANDPA take their authorities from the session keys alone.
		session: SessionConfig {
			keys: network
				.validators
				.iter()
				.map(|(account, keys)| (account.clone(), account.clone(), keys.clone()))
				.collect::<Vec<_>>(),
		},
		// Every genesis keeps the production block time; only a test network's spec shortens it.
		validators: ValidatorsConfig {
			validators: network.validators.into_iter().map(|(account, _)| account).collect(),
			slot_duration: None,
			session_length: None,
			allowed_nodes: network.allowed_nodes,
		},
		// The only place council members are set; the membership pallet initialises the council.
		council_membership: CouncilMembershipConfig { members: council },
		registry: network.registry,
		supply: SupplyConfig { company_prefixes: network.company_prefixes },
	}))
}

/// One validator and one council member, Alice: a chain that starts producing blocks at once
/// and where a 1-of-1 council motion executes as soon as it is proposed.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![Sr25519Keyring::Alice.to_account_id()],
	)
}

/// The local network's validators, each run by its own node: four, because GRANDPA finalizes
/// only with more than two thirds of them, and four is the fewest that keep finalizing with
/// one down (three of four; with three validators, one down halts finality).
const LOCAL_VALIDATORS: [(Sr25519Keyring, Ed25519Keyring); 4] = [
	(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
];

/// The local network's council: the first three validators' accounts.
const LOCAL_COUNCIL: usize = 3;

/// Four validators, Alice, Bob, Charlie and Dave, each run by its own node; Alice, Bob and
/// Charlie are the council.
pub fn local_config_genesis() -> Value {
	genesis(
		LOCAL_VALIDATORS.iter().map(|(name, grandpa)| validator(*name, *grandpa)).collect(),
		LOCAL_VALIDATORS[..LOCAL_COUNCIL].iter().map(|(name, _)| name.to_account_id()).collect(),
	)
}

/// The `bench` chains of the load generator: the development chain (Alice validates and is
/// the council), or with `local` the local network's four validators and three councillors, whose
/// registry adds to the demonstration one a clinic for each of `facilities`, in clusters and
/// districts as [`healthnet_primitives::bench`] describes, each account funded. The node
/// derives the accounts from their secret URIs, which a runtime cannot.
pub fn bench_genesis(facilities: Vec<AccountId>, local: bool) -> Value {
	use healthnet_primitives::bench::{district, FACILITIES_PER_CLUSTER};
	const KARNATAKA: OrgId = 2;
	let mut registry = demonstration_registry();
	let first_facility = registry.organisations.len() as OrgId;
	let first_cluster = registry.clusters.len() as ClusterId;
	for (index, account) in facilities.iter().enumerate() {
		let index = index as u32;
		let cluster = index / FACILITIES_PER_CLUSTER;
		if index % FACILITIES_PER_CLUSTER == 0 {
			registry.clusters.push(GenesisCluster {
				name: format!("Bench cluster {}", cluster + 1),
				region: district(cluster),
				coordinator: first_facility + index,
			});
		}
		registry.organisations.push(GenesisOrganisation {
			kind: OrgKind::Clinic,
			name: format!("Bench clinic {}", index + 1),
			region: district(cluster),
			parent: Some(KARNATAKA),
			capabilities: vec![Capability::ReportCases],
			cluster: Some(first_cluster + cluster),
			members: vec![(account.clone(), Roles::of(&[Role::Admin, Role::Reporter]))],
		});
	}
	let names: &[(Sr25519Keyring, Ed25519Keyring)] =
		if local { &LOCAL_VALIDATORS } else { &[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)] };
	genesis_with(
		names.iter().map(|(name, grandpa)| validator(*name, *grandpa)).collect(),
		names.iter().take(LOCAL_COUNCIL).map(|(name, _)| name.to_account_id()).collect(),
		registry,
		facilities,
		Vec::new(),
	)
}

/// The preset called `id`, serialized as JSON, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
