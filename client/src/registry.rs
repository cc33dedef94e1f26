//! The registry: organisations, their member accounts and clusters. Builders of the registry
//! pallet's calls, the words for kinds, capabilities and roles, and the reads of organisations
//! and clusters.

use healthnet_primitives::{Capability, ClusterId, OrgId, Role};
use subxt::{ext::codec::Encode, utils::AccountId32};

use crate::{
	api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			healthnet_primitives::registry::{Capabilities, Roles},
			healthnet_runtime::RuntimeCall,
			pallet_registry::types::OrgKind,
		},
	},
	words::choose,
	Client, Error,
};

/// The registry's record of an organisation, as the chain stores it.
pub type Organisation = api::runtime_types::pallet_registry::types::Organisation;
/// The registry's record of a cluster.
pub type Cluster = api::runtime_types::pallet_registry::types::Cluster;
/// A place with a population: a region or a cluster.
pub type PopulationPlace = api::runtime_types::pallet_registry::types::Place;

/// The population of a place, the denominator of its rates, as an authority set it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Population {
	/// How many people.
	pub people: u64,
	/// The year the figure is of.
	pub year: u16,
	/// Where the figure comes from.
	pub source: String,
	/// The authority that set it.
	pub set_by: OrgId,
}

/// `place` as the registry names it: a region code (empty for the world) or a cluster.
pub fn population_place(region: Option<&str>, cluster: Option<ClusterId>) -> PopulationPlace {
	match (region, cluster) {
		(_, Some(cluster)) => PopulationPlace::Cluster(cluster),
		(region, None) => {
			PopulationPlace::Region(BoundedVec(region.unwrap_or_default().as_bytes().to_vec()))
		},
	}
}

/// An organisation kind: `global-authority`, `national-authority`, `regional-authority`,
/// `local-authority`, `hospital`, `clinic`, `nursing-home`, `laboratory`, `manufacturer`,
/// `distributor`, `warehouse`, `research-institute`.
pub fn kind(word: &str) -> Result<OrgKind, Error> {
	choose(
		"kind of organisation",
		word,
		&[
			("global-authority", OrgKind::GlobalAuthority),
			("national-authority", OrgKind::NationalAuthority),
			("regional-authority", OrgKind::RegionalAuthority),
			("local-authority", OrgKind::LocalAuthority),
			("hospital", OrgKind::Hospital),
			("clinic", OrgKind::Clinic),
			("nursing-home", OrgKind::NursingHome),
			("laboratory", OrgKind::Laboratory),
			("manufacturer", OrgKind::Manufacturer),
			("distributor", OrgKind::Distributor),
			("warehouse", OrgKind::Warehouse),
			("research-institute", OrgKind::ResearchInstitute),
		],
	)
}

/// The capability names, in bit order, as the CLI spells them.
pub const CAPABILITY_NAMES: [(&str, Capability); 6] = [
	("report-cases", Capability::ReportCases),
	("issue-certificates", Capability::IssueCertificates),
	("hold-stock", Capability::HoldStock),
	("manufacture", Capability::Manufacture),
	("read-research-data", Capability::ReadResearchData),
	("provide-care", Capability::ProvideCare),
];

/// The set of capabilities named in `words`.
pub fn capabilities(words: &[String]) -> Result<Capabilities, Error> {
	let mut bits = 0u16;
	for word in words {
		bits |= choose("capability", word, &CAPABILITY_NAMES)? as u16;
	}
	Ok(Capabilities(bits))
}

/// The names of the capabilities in `capabilities`.
pub fn capability_names(capabilities: &Capabilities) -> Vec<&'static str> {
	CAPABILITY_NAMES
		.iter()
		.filter(|(_, capability)| capabilities.0 & *capability as u16 != 0)
		.map(|(name, _)| *name)
		.collect()
}

/// The role names, in bit order, as the CLI spells them.
pub const ROLE_NAMES: [(&str, Role); 7] = [
	("admin", Role::Admin),
	("reporter", Role::Reporter),
	("reviewer", Role::Reviewer),
	("stock-keeper", Role::StockKeeper),
	("clinician", Role::Clinician),
	("certificate-officer", Role::CertificateOfficer),
	("key-officer", Role::KeyOfficer),
];

/// One role: `admin`, `reporter`, `reviewer`, `stock-keeper`, `clinician`,
/// `certificate-officer` or `key-officer`.
pub fn role(word: &str) -> Result<Role, Error> {
	choose("role", word, &ROLE_NAMES)
}

/// The set of roles named in `words` (at least one).
pub fn roles(words: &[String]) -> Result<Roles, Error> {
	if words.is_empty() {
		return Err(Error::BadInput(
			"name at least one role: admin, reporter, reviewer, stock-keeper, clinician, certificate-officer, key-officer".into(),
		));
	}
	let mut bits = 0u16;
	for word in words {
		bits |= role(word)? as u16;
	}
	Ok(Roles(bits))
}

/// The names of the roles in `roles`.
pub fn role_names(roles: &Roles) -> Vec<&'static str> {
	ROLE_NAMES
		.iter()
		.filter(|(_, role)| roles.0 & *role as u16 != 0)
		.map(|(name, _)| *name)
		.collect()
}

/// One capability, by its CLI name.
pub fn capability(word: &str) -> Result<Capability, Error> {
	choose("capability", word, &CAPABILITY_NAMES)
}

/// The chain's spelling of `capability`.
fn chain_capability(
	capability: Capability,
) -> api::runtime_types::healthnet_primitives::registry::Capability {
	use api::runtime_types::healthnet_primitives::registry::Capability as C;
	match capability {
		Capability::ReportCases => C::ReportCases,
		Capability::IssueCertificates => C::IssueCertificates,
		Capability::HoldStock => C::HoldStock,
		Capability::Manufacture => C::Manufacture,
		Capability::ReadResearchData => C::ReadResearchData,
		Capability::ProvideCare => C::ProvideCare,
	}
}

/// Council only (propose it with [`crate::council::propose`]): registers a global or
/// national authority.
pub fn register_authority(
	kind: OrgKind,
	name: &str,
	region: &str,
	admin: AccountId32,
) -> RuntimeCall {
	RuntimeCall::Registry(api::runtime_types::pallet_registry::pallet::Call::register_authority {
		kind,
		name: BoundedVec(name.as_bytes().to_vec()),
		region: BoundedVec(region.as_bytes().to_vec()),
		admin,
	})
}

/// An authority registers an organisation in its region, optionally into a cluster.
pub fn register_organisation(
	kind: OrgKind,
	name: &str,
	region: &str,
	capabilities: Capabilities,
	admin: AccountId32,
	cluster: Option<ClusterId>,
) -> impl subxt::tx::Payload {
	api::tx().registry().register_organisation(
		kind,
		BoundedVec(name.as_bytes().to_vec()),
		BoundedVec(region.as_bytes().to_vec()),
		capabilities,
		admin,
		cluster,
	)
}

/// An authority suspends an organisation in its region: its accounts lose every right.
pub fn suspend_organisation(org: OrgId) -> impl subxt::tx::Payload {
	api::tx().registry().suspend_organisation(org)
}

/// An authority reinstates a suspended organisation in its region.
pub fn reinstate_organisation(org: OrgId) -> impl subxt::tx::Payload {
	api::tx().registry().reinstate_organisation(org)
}

/// An organisation's admin invites an account with `roles`; it becomes a member when it
/// accepts.
pub fn invite_member(account: AccountId32, roles: Roles) -> impl subxt::tx::Payload {
	api::tx().registry().invite_member(account, roles)
}

/// An organisation's admin gives a member exactly `roles`.
pub fn set_roles(account: AccountId32, roles: Roles) -> impl subxt::tx::Payload {
	api::tx().registry().set_roles(account, roles)
}

/// The authority above organisation `org` grants it a capability.
pub fn grant_capability(org: OrgId, capability: Capability) -> impl subxt::tx::Payload {
	api::tx().registry().grant_capability(org, chain_capability(capability))
}

/// The authority above organisation `org` takes a capability away, at once.
pub fn revoke_capability(org: OrgId, capability: Capability) -> impl subxt::tx::Payload {
	api::tx().registry().revoke_capability(org, chain_capability(capability))
}

/// Council only (propose it with [`crate::council::propose`]): [`grant_capability`] (`grant`)
/// or [`revoke_capability`] for any organisation, a top-level authority's included.
pub fn change_capability_by_council(
	org: OrgId,
	capability: Capability,
	grant: bool,
) -> RuntimeCall {
	use api::runtime_types::pallet_registry::pallet::Call;
	let capability = chain_capability(capability);
	RuntimeCall::Registry(if grant {
		Call::grant_capability { org, capability }
	} else {
		Call::revoke_capability { org, capability }
	})
}

/// An invited account accepts organisation `org`'s invitation and becomes its member.
pub fn accept_membership(org: OrgId) -> impl subxt::tx::Payload {
	api::tx().registry().accept_membership(org)
}

/// An invited account turns down organisation `org`'s invitation.
pub fn decline_invitation(org: OrgId) -> impl subxt::tx::Payload {
	api::tx().registry().decline_invitation(org)
}

/// An organisation's admin withdraws its invitation of `account`.
pub fn cancel_invitation(account: AccountId32) -> impl subxt::tx::Payload {
	api::tx().registry().cancel_invitation(account)
}

/// The authority above organisation `org` removes its admin account `removed` (lost or
/// stolen) and invites `invited` as an admin.
pub fn replace_admin(
	org: OrgId,
	removed: Option<AccountId32>,
	invited: AccountId32,
) -> impl subxt::tx::Payload {
	api::tx().registry().replace_admin(org, removed, invited)
}

/// Council only (propose it with [`crate::council::propose`]): [`replace_admin`] for any
/// organisation, a top-level authority's included.
pub fn replace_admin_by_council(
	org: OrgId,
	removed: Option<AccountId32>,
	invited: AccountId32,
) -> RuntimeCall {
	RuntimeCall::Registry(api::runtime_types::pallet_registry::pallet::Call::replace_admin {
		org,
		removed,
		invited,
	})
}

/// An organisation's admin removes a member account.
pub fn remove_member(account: AccountId32) -> impl subxt::tx::Payload {
	api::tx().registry().remove_member(account)
}

/// An authority creates a cluster in its region, coordinated by `coordinator`.
pub fn create_cluster(name: &str, region: &str, coordinator: OrgId) -> impl subxt::tx::Payload {
	api::tx().registry().create_cluster(
		BoundedVec(name.as_bytes().to_vec()),
		BoundedVec(region.as_bytes().to_vec()),
		coordinator,
	)
}

/// An authority adds a facility to a cluster.
pub fn add_to_cluster(cluster: ClusterId, org: OrgId) -> impl subxt::tx::Payload {
	api::tx().registry().add_to_cluster(cluster, org)
}

/// An authority takes a facility out of its cluster.
pub fn remove_from_cluster(org: OrgId) -> impl subxt::tx::Payload {
	api::tx().registry().remove_from_cluster(org)
}

/// An authority sets the population of `place`: `people` counted in `year`, from `source`.
pub fn set_population(
	place: PopulationPlace,
	people: u64,
	year: u16,
	source: &str,
) -> impl subxt::tx::Payload {
	api::tx().registry().set_population(place, people, year, BoundedVec(source.as_bytes().to_vec()))
}

/// An authority clears the population of `place`.
pub fn clear_population(place: PopulationPlace) -> impl subxt::tx::Payload {
	api::tx().registry().clear_population(place)
}

impl Client {
	/// The population of `place` at block `block`, if an authority set one.
	pub async fn population_at(
		&self,
		place: PopulationPlace,
		block: subxt::utils::H256,
	) -> Result<Option<Population>, Error> {
		let at = self
			.subxt()
			.at_block(block)
			.await
			.map_err(|e| Error::node("could not read the chain at the block", e))?;
		let address = api::storage().registry().populations();
		let figure = at
			.storage()
			.try_fetch(address, (place,))
			.await
			.map_err(|e| Error::node("could not read the registry", e))?
			.map(|value| value.decode())
			.transpose()
			.map_err(|e| Error::node("could not decode a population", e))?;
		Ok(figure.map(|figure| Population {
			people: figure.people,
			year: figure.year,
			source: String::from_utf8_lossy(&figure.source.0).into_owned(),
			set_by: figure.set_by,
		}))
	}

	/// The population of `place` at the finalized head.
	pub async fn population(&self, place: PopulationPlace) -> Result<Option<Population>, Error> {
		let (block, _) = self.finalized_head().await?;
		self.population_at(place, block).await
	}

	/// The organisation `org`.
	pub async fn organisation(&self, org: OrgId) -> Result<Organisation, Error> {
		let at = self.at_finalized().await?;
		let address = api::storage().registry().organisations();
		at.storage()
			.try_fetch(address, (org,))
			.await
			.map_err(|e| Error::node("could not read the registry", e))?
			.map(|value| value.decode())
			.transpose()
			.map_err(|e| Error::node("could not decode an organisation", e))?
			.ok_or_else(|| Error::NotFound(format!("there is no organisation {org}")))
	}

	/// The cluster `cluster`.
	pub async fn cluster(&self, cluster: ClusterId) -> Result<Cluster, Error> {
		let at = self.at_finalized().await?;
		let address = api::storage().registry().clusters();
		at.storage()
			.try_fetch(address, (cluster,))
			.await
			.map_err(|e| Error::node("could not read the registry", e))?
			.map(|value| value.decode())
			.transpose()
			.map_err(|e| Error::node("could not decode a cluster", e))?
			.ok_or_else(|| Error::NotFound(format!("there is no cluster {cluster}")))
	}

	/// The organisation `account` belongs to, its roles there and the organisation's record.
	pub async fn organisation_of(
		&self,
		account: &AccountId32,
	) -> Result<Option<(OrgId, Roles, Organisation)>, Error> {
		self.view("Registry", "organisation_of", account.encode()).await
	}

	/// The organisations registered with exactly the region code `region`.
	pub async fn organisations_in_region(&self, region: &str) -> Result<Vec<OrgId>, Error> {
		self.view("Registry", "organisations_in_region", region.as_bytes().to_vec().encode()).await
	}

	/// The facilities of `cluster`.
	pub async fn cluster_members(&self, cluster: ClusterId) -> Result<Vec<OrgId>, Error> {
		self.view("Registry", "cluster_members", cluster.encode()).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn words_are_read_without_regard_to_case_or_dashes() {
		assert_eq!(kind("Nursing_Home").unwrap(), OrgKind::NursingHome);
		assert_eq!(
			capabilities(&["report-cases".into(), "HOLD_STOCK".into()]).unwrap().0,
			Capability::ReportCases as u16 | Capability::HoldStock as u16
		);
		assert_eq!(capability_names(&Capabilities(0b101)), ["report-cases", "hold-stock"]);
	}

	#[test]
	fn a_typo_is_answered_with_the_accepted_words() {
		let error = kind("hospitl").unwrap_err().to_string();
		assert!(error.contains("hospitl is not a kind of organisation"), "{error}");
		assert!(error.contains("hospital, clinic"), "{error}");
	}
}
