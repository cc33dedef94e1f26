//! A network's genesis written by the network: the TOML file an operator fills in with the
//! ministry's organisations, clusters, council, validators and their keys, and the chain spec
//! the node makes of it (`healthnet-node build-spec --chain network.toml [--raw]`, or
//! `--chain network.toml` to run on it). docs/OPERATIONS.md documents every field;
//! docs/examples/network.toml is an example.
//!
//! The file is checked before any spec is made, and every refusal is a sentence naming the
//! entry and the field: unknown fields, names used twice or unknown, a parent or a coordinator
//! listed after the organisation that names it, a malformed account or key, a region code the
//! registry would refuse, too few validators, a closed network without every validator's peer
//! id, and any development key (`//Alice` and the other well-known keys anyone can derive). A
//! spec with the demonstration's organisations and keys comes only from naming the preset
//! (`demonstration = "local"`), never from a file that lists its own.

use std::collections::{BTreeMap, BTreeSet};

use healthnet_primitives::{
	network::NodeKey, registry::validate_region_code, Capability, ClusterId, OrgId,
};
use healthnet_runtime::{
	genesis_config_presets::{network_genesis, NetworkGenesis},
	AccountId, Balance, RegistryConfig, SessionKeys, UNIT,
};
use pallet_registry::{GenesisCluster, GenesisOrganisation, OrgKind, Role, Roles};
use serde::Deserialize;
use sp_core::crypto::{Ss58Codec, UncheckedFrom};
use sp_core::{ed25519, sr25519};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::chain_spec::ChainSpec;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkFile {
	/// The network's identity and its token.
	pub network: Network,
	/// The organisations, in an order where every parent comes before its children.
	#[serde(default, rename = "organisation")]
	pub organisations: Vec<Organisation>,
	/// The clusters of facilities.
	#[serde(default, rename = "cluster")]
	pub clusters: Vec<Cluster>,
	/// The council's members, as SS58 accounts.
	#[serde(default)]
	pub council: Vec<String>,
	/// The validators.
	#[serde(default, rename = "validator")]
	pub validators: Vec<Validator>,
}

/// `[network]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
	/// The chain's id: lowercase letters, digits and `_` (the node's database directory).
	pub id: String,
	/// Its name, as apps show it.
	pub name: String,
	/// The token's symbol (default `HNT`).
	#[serde(default = "default_symbol")]
	pub token_symbol: String,
	/// Whole tokens each listed account (council, validators, members) starts with, to pay
	/// its fees (default 1,000).
	#[serde(default = "default_endowment")]
	pub endowment: u64,
	/// Whether the network starts closed: only the validators' nodes (and `allowed_nodes`)
	/// may connect and sync.
	#[serde(default)]
	pub closed: bool,
	/// More nodes a closed network allows from its first block, by peer id (full nodes of
	/// clusters, for instance).
	#[serde(default)]
	pub allowed_nodes: Vec<String>,
	/// The addresses of nodes a new node first connects to, with their peer ids
	/// (`/dns/node.ministry.example/tcp/30333/p2p/12D3Koo…`).
	#[serde(default)]
	pub bootnodes: Vec<String>,
	/// The demonstration's preset by name (`local`), instead of everything else: its keys are
	/// the well-known development keys, so it is for trying Healthnet, never for a network.
	#[serde(default)]
	pub demonstration: Option<String>,
}

fn default_symbol() -> String {
	"HNT".into()
}

fn default_endowment() -> u64 {
	1_000
}

/// `[[organisation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
	/// Its name, unique in the file.
	pub name: String,
	/// What it is: `GlobalAuthority`, `NationalAuthority`, `RegionalAuthority`,
	/// `LocalAuthority`, `Hospital`, `Clinic`, `NursingHome`, `Laboratory`, `Manufacturer`,
	/// `Distributor`, `Warehouse` or `ResearchInstitute`.
	pub kind: OrgKind,
	/// Its region code (`KE`, `KE-30`, ...); empty only for a global authority.
	#[serde(default)]
	pub region: String,
	/// The name of the authority that registers it, listed before it; absent for a global or
	/// national authority, which the council registers.
	pub parent: Option<String>,
	/// What it may do: `ReportCases`, `IssueCertificates`, `HoldStock`, `Manufacture`,
	/// `ReadResearchData`, `ProvideCare`.
	#[serde(default)]
	pub capabilities: Vec<Capability>,
	/// The name of the cluster it belongs to.
	pub cluster: Option<String>,
	/// Its member accounts and their roles; the first must hold `Admin`.
	pub members: Vec<Member>,
}

/// A member account of an organisation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
	/// The account, SS58.
	pub account: String,
	/// Its roles: `Admin`, `Reporter`, `Reviewer`, `StockKeeper`, `Clinician`,
	/// `CertificateOfficer`, `KeyOfficer`.
	pub roles: Vec<Role>,
}

/// `[[cluster]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
	/// Its name, unique in the file.
	pub name: String,
	/// The locality it covers.
	pub region: String,
	/// The name of the organisation that coordinates it.
	pub coordinator: String,
}

/// `[[validator]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validator {
	/// The validator's account (its stash), SS58; kept off the validator's host.
	pub account: String,
	/// Its Aura (block authoring) public key, sr25519, SS58.
	pub aura: String,
	/// Its GRANDPA (finality) public key, ed25519, SS58.
	pub grandpa: String,
	/// Its node's peer id (`healthnet-node key inspect-node-key`); required when the network
	/// starts closed.
	pub peer_id: Option<String>,
}

/// Reads the file at `path` and makes its chain spec.
pub fn chain_spec(path: &str) -> Result<ChainSpec, String> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("could not read the network file '{path}': {e}"))?;
	let file: NetworkFile = toml::from_str(&text)
		.map_err(|e| format!("the network file '{path}' does not follow the format: {e}"))?;
	spec_of(file)
}

/// The chain spec of a parsed file, once every check has passed.
pub fn spec_of(file: NetworkFile) -> Result<ChainSpec, String> {
	if let Some(preset) = &file.network.demonstration {
		if !file.organisations.is_empty() || !file.validators.is_empty() || !file.council.is_empty()
		{
			return Err("a file that names the demonstration preset may list nothing else: its \
			            organisations and keys are the demonstration's"
				.into());
		}
		return match preset.as_str() {
			"local" => crate::chain_spec::local(),
			other => {
				Err(format!("'{other}' is no demonstration preset: the one there is is 'local'"))
			},
		};
	}
	let network = &file.network;
	if network.id.is_empty()
		|| !network.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
	{
		return Err(format!(
			"network.id '{}' must be lowercase letters, digits and _ (it names the database \
			 directory)",
			network.id
		));
	}
	let bootnodes = network
		.bootnodes
		.iter()
		.enumerate()
		.map(|(i, text)| {
			text.parse::<sc_network::config::MultiaddrWithPeerId>().map_err(|e| {
				format!("network.bootnodes[{i}]: '{text}' is not an address with a peer id ({e})")
			})
		})
		.collect::<Result<Vec<_>, _>>()?;
	let genesis = genesis_of(&file)?;
	let patch = network_genesis(genesis)?;
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), network.token_symbol.clone().into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	Ok(ChainSpec::builder(crate::chain_spec::wasm()?, None)
		.with_name(&network.name)
		.with_id(&network.id)
		.with_chain_type(sc_service::ChainType::Live)
		.with_boot_nodes(bootnodes)
		.with_genesis_config_patch(patch)
		.with_properties(properties)
		.build())
}

/// The genesis the file describes, checked.
fn genesis_of(file: &NetworkFile) -> Result<NetworkGenesis, String> {
	if file.validators.is_empty() {
		return Err("the file lists no [[validator]]: a network needs at least one, and four to \
		            keep finalizing with one down"
			.into());
	}
	if file.council.is_empty() {
		return Err("the file lists no council member: the council governs the network from its \
		            first block (council = [\"5...\"])"
			.into());
	}
	let mut funded = BTreeSet::new();
	let council = file
		.council
		.iter()
		.enumerate()
		.map(|(i, text)| account(text, &format!("council[{i}]")))
		.collect::<Result<Vec<_>, _>>()?;
	distinct(&council, "council")?;
	funded.extend(council.iter().cloned());

	let mut validators = Vec::new();
	let mut nodes = Vec::new();
	for (i, v) in file.validators.iter().enumerate() {
		let at = format!("validator[{i}]");
		let account = account(&v.account, &format!("{at}.account"))?;
		let aura = sr25519_key(&v.aura, &format!("{at}.aura"))?;
		let grandpa = ed25519_key(&v.grandpa, &format!("{at}.grandpa"))?;
		match &v.peer_id {
			Some(peer) => nodes.push(node_key(peer, &format!("{at}.peer_id"))?),
			None if file.network.closed => {
				return Err(format!(
					"{at} has no peer_id, and a network that starts closed allows only the \
					 nodes it names: give its node's peer id (healthnet-node key \
					 inspect-node-key)"
				))
			},
			None => {},
		}
		funded.insert(account.clone());
		validators.push((account, SessionKeys { aura: aura.into(), grandpa: grandpa.into() }));
	}
	distinct(&validators.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>(), "validator accounts")?;
	for (i, peer) in file.network.allowed_nodes.iter().enumerate() {
		nodes.push(node_key(peer, &format!("network.allowed_nodes[{i}]"))?);
	}
	if !file.network.closed && !file.network.allowed_nodes.is_empty() {
		return Err("network.allowed_nodes is given but network.closed is not true: an open \
		            network allows every node"
			.into());
	}
	let allowed_nodes: Vec<NodeKey> = if file.network.closed { nodes } else { Vec::new() };
	if allowed_nodes.iter().collect::<BTreeSet<_>>().len() != allowed_nodes.len() {
		return Err(
			"a peer id is named twice among the validators and network.allowed_nodes".into()
		);
	}

	let registry = registry_of(file, &mut funded)?;
	let endowment = Balance::from(file.network.endowment).saturating_mul(UNIT);
	Ok(NetworkGenesis {
		validators,
		council,
		registry,
		balances: funded.into_iter().map(|account| (account, endowment)).collect(),
		allowed_nodes,
		company_prefixes: Vec::new(),
	})
}

/// The registry's genesis: organisations and clusters with the names resolved to ids.
fn registry_of(
	file: &NetworkFile,
	funded: &mut BTreeSet<AccountId>,
) -> Result<RegistryConfig, String> {
	let org_ids: BTreeMap<&str, OrgId> =
		names(file.organisations.iter().map(|o| o.name.as_str()), "organisation")?;
	let cluster_ids: BTreeMap<&str, ClusterId> =
		names(file.clusters.iter().map(|c| c.name.as_str()), "cluster")?;
	let mut organisations = Vec::new();
	let mut members_seen = BTreeSet::new();
	for (id, org) in file.organisations.iter().enumerate() {
		let at = format!("organisation \"{}\"", org.name);
		region(&org.region, &at, org.kind == OrgKind::GlobalAuthority)?;
		let parent = match &org.parent {
			None => None,
			Some(parent) => match org_ids.get(parent.as_str()) {
				Some(p) if (*p as usize) < id => Some(*p),
				Some(_) => {
					return Err(format!("{at}: its parent \"{parent}\" must be listed before it"))
				},
				None => {
					return Err(format!(
						"{at}: its parent \"{parent}\" is no organisation of the file"
					))
				},
			},
		};
		let cluster = match &org.cluster {
			None => None,
			Some(name) => Some(*cluster_ids.get(name.as_str()).ok_or_else(|| {
				format!("{at}: its cluster \"{name}\" is no [[cluster]] of the file")
			})?),
		};
		if !org.members.first().is_some_and(|m| m.roles.contains(&Role::Admin)) {
			return Err(format!("{at}: its first member must hold the Admin role"));
		}
		let mut members = Vec::new();
		for (i, member) in org.members.iter().enumerate() {
			let account = account(&member.account, &format!("{at}.members[{i}]"))?;
			if !members_seen.insert(account.clone()) {
				return Err(format!(
					"{at}.members[{i}]: {} is already a member of an organisation; an account \
					 belongs to one",
					member.account
				));
			}
			funded.insert(account.clone());
			members.push((account, Roles::of(&member.roles)));
		}
		organisations.push(GenesisOrganisation {
			kind: org.kind,
			name: org.name.clone(),
			region: org.region.clone(),
			parent,
			capabilities: org.capabilities.clone(),
			cluster,
			members,
		});
	}
	let mut clusters = Vec::new();
	for cluster in &file.clusters {
		let at = format!("cluster \"{}\"", cluster.name);
		region(&cluster.region, &at, false)?;
		let coordinator = *org_ids.get(cluster.coordinator.as_str()).ok_or_else(|| {
			format!(
				"{at}: its coordinator \"{}\" is no organisation of the file",
				cluster.coordinator
			)
		})?;
		clusters.push(GenesisCluster {
			name: cluster.name.clone(),
			region: cluster.region.clone(),
			coordinator,
		});
	}
	Ok(RegistryConfig { organisations, clusters })
}

/// Each name's position, refusing an empty name or one used twice.
fn names<'a, Id: TryFrom<usize>>(
	all: impl Iterator<Item = &'a str>,
	what: &str,
) -> Result<BTreeMap<&'a str, Id>, String> {
	let mut ids = BTreeMap::new();
	for (i, name) in all.enumerate() {
		if name.trim().is_empty() {
			return Err(format!("{what} {i} has an empty name"));
		}
		let id = Id::try_from(i).map_err(|_| format!("too many {what}s"))?;
		if ids.insert(name, id).is_some() {
			return Err(format!("two {what}s are named \"{name}\": names must be unique"));
		}
	}
	Ok(ids)
}

fn distinct(accounts: &[AccountId], what: &str) -> Result<(), String> {
	let set: BTreeSet<_> = accounts.iter().collect();
	if set.len() == accounts.len() {
		Ok(())
	} else {
		Err(format!("an account is listed twice among the {what}"))
	}
}

fn region(code: &str, at: &str, world: bool) -> Result<(), String> {
	if code.is_empty() {
		return if world {
			Ok(())
		} else {
			Err(format!("{at}: region is empty; only a global authority covers the whole world"))
		};
	}
	// The deepest code the registry takes: a country and the levels below it.
	let depth = <healthnet_runtime::Runtime as pallet_registry::Config>::MaxRegionDepth::get();
	validate_region_code(code.as_bytes(), depth).map_err(|e| {
		format!(
			"{at}: region \"{code}\" is not a region code ({e:?}): a two-letter ISO 3166-1 \
			 country, then up to {} uppercase `-`-separated segments (KE, KE-30, KE-30-01)",
			depth - 1
		)
	})
}

/// A development key anyone can derive (`//Alice`, `//Alice//stash`, ...).
fn is_dev_sr25519(public: &sr25519::Public) -> bool {
	Sr25519Keyring::iter().any(|k| k.public() == *public)
}

fn account(text: &str, at: &str) -> Result<AccountId, String> {
	let public = sr25519_key(text, at)?;
	Ok(AccountId::from(public))
}

fn sr25519_key(text: &str, at: &str) -> Result<sr25519::Public, String> {
	let public = sr25519::Public::from_ss58check(text)
		.map_err(|e| format!("{at}: '{text}' is not an SS58 public key or account ({e:?})"))?;
	if is_dev_sr25519(&public) {
		return Err(format!(
			"{at}: '{text}' is a well-known development key that anyone can derive; generate \
			 a key of your own (healthnet-node key generate)"
		));
	}
	Ok(public)
}

fn ed25519_key(text: &str, at: &str) -> Result<ed25519::Public, String> {
	let public = ed25519::Public::from_ss58check(text)
		.map_err(|e| format!("{at}: '{text}' is not an SS58 ed25519 public key ({e:?})"))?;
	let raw: [u8; 32] = public.0;
	if Ed25519Keyring::iter().any(|k| k.public() == public)
		|| Sr25519Keyring::iter().any(|k| k.public().0 == raw)
	{
		return Err(format!(
			"{at}: '{text}' is a well-known development key that anyone can derive; generate \
			 a key of your own (healthnet-node key generate --scheme ed25519)"
		));
	}
	Ok(ed25519::Public::unchecked_from(raw))
}

fn node_key(text: &str, at: &str) -> Result<NodeKey, String> {
	let peer: sc_network::PeerId =
		text.parse().map_err(|e| format!("{at}: '{text}' is not a peer id ({e})"))?;
	healthnet_primitives::network::node_key_of(&peer.to_bytes())
		.ok_or_else(|| format!("{at}: '{text}' is not the peer id of an Ed25519 node key"))
}

#[cfg(test)]
#[path = "network_file/tests.rs"]
mod tests;
