//! A stand-in for the registry pallet in the domain pallets' unit tests: organisations with a
//! region, a cluster, capabilities, an authority flag and a status, and member accounts of
//! type `u64`, held per test thread ([`reset`], [`update`], [`add_member`]), and a [`Clock`]
//! the tests set. A crate of its own, a dev-dependency of the pallets, so that building their
//! tests does not build `healthnet-primitives` (and all that depends on it) a second time with
//! other features.

use std::{cell::RefCell, collections::BTreeMap, marker::PhantomData, thread_local};

use healthnet_primitives::{
	registry::{region_contains, Membership},
	Capabilities, Capability, ClusterId, OrgId, OrgRegistry, Page, Role, Roles, MAX_PAGE,
};

/// An organisation of the stand-in registry.
#[derive(Clone)]
pub struct TestOrg {
	/// Its region code.
	pub region: Vec<u8>,
	/// Its cluster.
	pub cluster: Option<ClusterId>,
	/// What it may do.
	pub capabilities: Capabilities,
	/// Whether it is an authority over its region.
	pub authority: bool,
	/// Whether it is active.
	pub active: bool,
}

thread_local! {
	static ORGS: RefCell<BTreeMap<OrgId, TestOrg>> = const { RefCell::new(BTreeMap::new()) };
	static ACCOUNTS: RefCell<BTreeMap<u64, OrgId>> = const { RefCell::new(BTreeMap::new()) };
	static ROLES: RefCell<BTreeMap<u64, Roles>> = const { RefCell::new(BTreeMap::new()) };
	static CLUSTERS: RefCell<BTreeMap<ClusterId, Vec<u8>>> = const { RefCell::new(BTreeMap::new()) };
	static NOW_MILLIS: RefCell<u64> = const { RefCell::new(0) };
}

/// The chain's clock in the pallets' unit tests, which they set with [`set_now`].
pub struct Clock;
impl frame_support::traits::UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(NOW_MILLIS.with(|now| *now.borrow()))
	}
}

/// Sets [`Clock`] to `millis` after 1970-01-01.
pub fn set_now(millis: u64) {
	NOW_MILLIS.with(|now| *now.borrow_mut() = millis);
}

/// Replaces the registry: organisation `i` is the `i`th of `orgs`, with its member account (an
/// administrator holding every role); the clusters cover the given regions.
pub fn reset(
	orgs: impl IntoIterator<Item = (u64, TestOrg)>,
	clusters: impl IntoIterator<Item = (ClusterId, Vec<u8>)>,
) {
	ORGS.with(|o| o.borrow_mut().clear());
	ACCOUNTS.with(|a| a.borrow_mut().clear());
	ROLES.with(|r| r.borrow_mut().clear());
	for (id, (account, org)) in orgs.into_iter().enumerate() {
		ORGS.with(|o| o.borrow_mut().insert(id as OrgId, org));
		ACCOUNTS.with(|a| a.borrow_mut().insert(account, id as OrgId));
	}
	CLUSTERS.with(|c| *c.borrow_mut() = clusters.into_iter().collect());
}

/// Adds a member account to an organisation, as an administrator holding every role.
pub fn add_member(account: u64, org: OrgId) {
	add_with_roles(account, org, Roles::all());
}

/// Adds a member account to an organisation with every role but administrator.
pub fn add_operator(account: u64, org: OrgId) {
	add_with_roles(account, org, Roles(Roles::all().0 & !(Role::Admin as u16)));
}

/// Adds a member account to an organisation with exactly `roles`.
pub fn add_with_roles(account: u64, org: OrgId, roles: Roles) {
	ACCOUNTS.with(|a| a.borrow_mut().insert(account, org));
	set_roles(account, roles);
}

/// Gives a member account exactly `roles`.
pub fn set_roles(account: u64, roles: Roles) {
	ROLES.with(|r| r.borrow_mut().insert(account, roles));
}

/// A member account's roles (every role, for the accounts [`reset`] adds).
pub fn roles_of(account: &u64) -> Roles {
	ROLES.with(|r| r.borrow().get(account).copied()).unwrap_or(Roles::all())
}

/// Changes an organisation.
pub fn update(id: OrgId, change: impl FnOnce(&mut TestOrg)) {
	ORGS.with(|o| change(o.borrow_mut().get_mut(&id).expect("a test organisation")));
}

fn org(id: OrgId) -> Option<TestOrg> {
	ORGS.with(|o| o.borrow().get(&id).cloned())
}

/// The stand-in registry, whose region codes have the limits (longest code, most segments)
/// `Limits` gives: the test runtime's own constants, which its integrity test compares.
pub struct TestRegistry<Limits>(PhantomData<Limits>);

impl<Limits: sp_runtime::traits::Get<(u32, u32)>> OrgRegistry<u64> for TestRegistry<Limits> {
	fn membership_of(who: &u64) -> Option<Membership> {
		let id = Self::org_of(who)?;
		let o = org(id)?;
		Some(Membership {
			org: id,
			active: o.active,
			capabilities: o.capabilities,
			region: o.region,
			cluster: o.cluster,
			roles: roles_of(who),
		})
	}
	fn region_limits() -> (u32, u32) {
		Limits::get()
	}
	fn active_org_of(who: &u64) -> Option<OrgId> {
		Self::org_of(who).filter(|id| org(*id).is_some_and(|o| o.active))
	}
	fn has_capability(who: &u64, capability: Capability) -> bool {
		Self::active_org_of(who).is_some_and(|id| Self::org_has_capability(id, capability))
	}
	fn authority_over(who: &u64, region: &[u8]) -> Option<Membership> {
		Self::membership_of(who).filter(|member| {
			member.active
				&& org(member.org)
					.is_some_and(|o| o.authority && region_contains(&o.region, region))
		})
	}
	fn region_of(id: OrgId) -> Option<Vec<u8>> {
		org(id).map(|o| o.region)
	}
	fn cluster_of(id: OrgId) -> Option<ClusterId> {
		org(id).and_then(|o| o.cluster)
	}
	fn org_of(who: &u64) -> Option<OrgId> {
		ACCOUNTS.with(|a| a.borrow().get(who).copied())
	}
	fn org_has_capability(id: OrgId, capability: Capability) -> bool {
		org(id).is_some_and(|o| o.active && o.capabilities.has(capability))
	}
	fn org_is_active(id: OrgId) -> bool {
		org(id).is_some_and(|o| o.active)
	}
	fn cluster_region(cluster: ClusterId) -> Option<Vec<u8>> {
		CLUSTERS.with(|c| c.borrow().get(&cluster).cloned())
	}
	fn cluster_members(cluster: ClusterId) -> Vec<OrgId> {
		ORGS.with(|o| {
			o.borrow()
				.iter()
				.filter(|(_, o)| o.cluster == Some(cluster))
				.map(|(id, _)| *id)
				.collect()
		})
	}
	fn organisations_within(region: &[u8], from: OrgId, limit: u32) -> Page<OrgId, OrgId> {
		let limit = limit.min(MAX_PAGE) as usize;
		ORGS.with(|o| {
			let orgs = o.borrow();
			let mut ids = orgs.range(from..).map(|(id, _)| *id);
			let page: Vec<OrgId> = ids.by_ref().take(limit).collect();
			let next = ids.next();
			let items =
				page.into_iter().filter(|id| region_contains(region, &orgs[id].region)).collect();
			Page { items, next }
		})
	}
}

/// Runs `call` inside the test externalities and, when it fails, requires that it left the
/// storage root as it was (a refused call changes nothing): the step of every pallet's property
/// test. Returns the call's result, or a sentence naming `step` when a failed call wrote.
pub fn refusal_changes_nothing<T, E: core::fmt::Debug>(
	step: &dyn core::fmt::Debug,
	call: impl FnOnce() -> Result<T, E>,
) -> Result<Result<T, E>, String> {
	let root = || sp_io::storage::root(sp_runtime::StateVersion::V1);
	let before = root();
	let result = call();
	match &result {
		Err(error) if root() != before => {
			Err(format!("{step:?} failed with {error:?} but changed storage"))
		},
		_ => Ok(result),
	}
}
