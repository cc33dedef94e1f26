//! Random sequences of every call with random arguments from random origins (the council,
//! the four organisations' admins, other accounts): no call panics, a failed call leaves the
//! storage root unchanged, the registry's bookkeeping holds after every step, no organisation
//! loses its last admin but through the authority's `replace_admin`, no account manages
//! an organisation's accounts without holding `Admin` there, and a population figure is kept
//! only for a place the chain knows and changed only by the authority that set it or one above.

use std::collections::BTreeSet;

use frame_support::dispatch::DispatchResult;
use healthnet_primitives::OrgId;
use healthnet_testing as testing;
use proptest::prelude::*;

use super::*;
use crate::{
	AuthorityOfRegion, ClusterMembers, Invitations, OrganisationMembers, OrganisationsInRegion,
	PendingInvitations, Place, PlaceOf, Populations, POPULATION_RANGE,
};
use healthnet_primitives::registry::region_contains;

/// One call of a random sequence; accounts are 1 (the council's stand-in), the admins 10, 20,
/// 30, 40 of [`with_hierarchy`], and 50 to 59.
#[derive(Clone, Debug)]
enum Step {
	Register {
		by: u64,
		region: usize,
		admin: u64,
	},
	Suspend {
		by: Option<u64>,
		org: OrgId,
	},
	Reinstate {
		by: Option<u64>,
		org: OrgId,
	},
	Invite {
		by: u64,
		account: u64,
		admin: bool,
	},
	Remove {
		by: u64,
		account: u64,
	},
	Accept {
		account: u64,
		org: OrgId,
	},
	/// The account of the `n`th waiting invitation (modulo their number) accepts it.
	AcceptWaiting {
		n: usize,
	},
	Decline {
		account: u64,
		org: OrgId,
	},
	Cancel {
		by: u64,
		account: u64,
	},
	ReplaceAdmin {
		by: Option<u64>,
		org: OrgId,
		removed: Option<u64>,
		invited: u64,
	},
	CreateCluster {
		by: u64,
		region: usize,
		coordinator: OrgId,
	},
	AddToCluster {
		by: u64,
		cluster: u32,
		org: OrgId,
	},
	RemoveFromCluster {
		by: u64,
		org: OrgId,
	},
	SetRoles {
		by: u64,
		account: u64,
		roles: u16,
	},
	Capability {
		by: Option<u64>,
		org: OrgId,
		capability: usize,
		grant: bool,
	},
	/// `place` indexes [`PLACES`] then the clusters 0 to 2; no `people` clears the figure.
	Population {
		by: u64,
		place: usize,
		people: Option<u64>,
	},
}

/// The regions a population is asked for: the world, known ones and one nobody is in.
const PLACES: [&str; 5] = ["", "IN", "IN-KA", "IN-KA-BLR", "IN-KL-TVM"];

/// India's, Karnataka's or Kerala's admin, or any account.
fn authority_admin() -> impl Strategy<Value = u64> {
	prop_oneof![3 => prop_oneof![Just(10u64), Just(20), Just(30)], 1 => account()]
}

fn place(index: usize) -> PlaceOf<Test> {
	match PLACES.get(index) {
		Some(code) => Place::Region(bounded(code)),
		None => Place::Cluster((index - PLACES.len()) as u32),
	}
}

const REGIONS: [&str; 5] = ["IN", "IN-KA", "IN-KA-BLR", "IN-KL", "IN-KL-TVM"];

fn account() -> impl Strategy<Value = u64> {
	prop_oneof![Just(10u64), Just(20), Just(30), Just(40), 50..60u64, Just(1)]
}

fn org() -> impl Strategy<Value = OrgId> {
	0..8u32
}

/// The council (`None`) or an account.
fn caller() -> impl Strategy<Value = Option<u64>> {
	proptest::option::of(account())
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		3 => (account(), 0..REGIONS.len(), 50..60u64)
			.prop_map(|(by, region, admin)| Step::Register { by, region, admin }),
		1 => (caller(), org()).prop_map(|(by, org)| Step::Suspend { by, org }),
		1 => (caller(), org()).prop_map(|(by, org)| Step::Reinstate { by, org }),
		3 => (account(), account(), any::<bool>())
			.prop_map(|(by, account, admin)| Step::Invite { by, account, admin }),
		2 => (account(), account()).prop_map(|(by, account)| Step::Remove { by, account }),
		1 => (account(), org()).prop_map(|(account, org)| Step::Accept { account, org }),
		4 => any::<usize>().prop_map(|n| Step::AcceptWaiting { n }),
		1 => (account(), org()).prop_map(|(account, org)| Step::Decline { account, org }),
		1 => (account(), account()).prop_map(|(by, account)| Step::Cancel { by, account }),
		1 => (caller(), org(), proptest::option::of(account()), account()).prop_map(
			|(by, org, removed, invited)| Step::ReplaceAdmin { by, org, removed, invited }
		),
		2 => (account(), 0..REGIONS.len(), org())
			.prop_map(|(by, region, coordinator)| Step::CreateCluster { by, region, coordinator }),
		2 => (account(), 0..3u32, org())
			.prop_map(|(by, cluster, org)| Step::AddToCluster { by, cluster, org }),
		1 => (account(), org()).prop_map(|(by, org)| Step::RemoveFromCluster { by, org }),
		3 => (account(), account(), 0..256u16)
			.prop_map(|(by, account, roles)| Step::SetRoles { by, account, roles }),
		2 => (caller(), org(), 0..Capability::ALL.len(), any::<bool>()).prop_map(
			|(by, org, capability, grant)| Step::Capability { by, org, capability, grant }
		),
		// Mostly the authorities' admins, so that figures set above are tried from below.
		5 => (authority_admin(), 0..PLACES.len() + 3, proptest::option::of(0..3u64))
			.prop_map(|(by, place, people)| Step::Population { by, place, people }),
	]
}

/// The council for `None`, else the signed account.
fn origin(by: Option<u64>) -> RuntimeOrigin {
	by.map_or_else(RuntimeOrigin::root, RuntimeOrigin::signed)
}

fn bounded<T: TryFrom<Vec<u8>>>(text: &str) -> T {
	text.as_bytes().to_vec().try_into().ok().expect("a test text fits")
}

fn run(step: &Step) -> DispatchResult {
	let signed = RuntimeOrigin::signed;
	match step.clone() {
		Step::Register { by, region, admin } => Registry::register_organisation(
			signed(by),
			OrgKind::Clinic,
			bounded(&format!("Clinic {admin}")),
			bounded(REGIONS[region]),
			Capabilities::of(&[Capability::ReportCases]),
			admin,
			None,
		),
		Step::Suspend { by, org } => Registry::suspend_organisation(origin(by), org),
		Step::Reinstate { by, org } => Registry::reinstate_organisation(origin(by), org),
		Step::Invite { by, account, admin } => {
			Registry::invite_member(signed(by), account, if admin { ADMIN } else { OPERATOR })
		},
		Step::Remove { by, account } => Registry::remove_member(signed(by), account),
		Step::Accept { account, org } => Registry::accept_membership(signed(account), org),
		Step::AcceptWaiting { n } => {
			let waiting: Vec<_> = Invitations::<Test>::iter().collect();
			let (account, org) = waiting
				.get(n % waiting.len().max(1))
				.map_or((59, 0), |(org, account, _)| (*account, *org));
			Registry::accept_membership(signed(account), org)
		},
		Step::Decline { account, org } => Registry::decline_invitation(signed(account), org),
		Step::Cancel { by, account } => Registry::cancel_invitation(signed(by), account),
		Step::ReplaceAdmin { by, org, removed, invited } => {
			Registry::replace_admin(origin(by), org, removed, invited)
		},
		Step::CreateCluster { by, region, coordinator } => Registry::create_cluster(
			signed(by),
			bounded(&format!("Cluster {coordinator}")),
			bounded(REGIONS[region]),
			coordinator,
		),
		Step::AddToCluster { by, cluster, org } => {
			Registry::add_to_cluster(signed(by), cluster, org)
		},
		Step::RemoveFromCluster { by, org } => Registry::remove_from_cluster(signed(by), org),
		Step::SetRoles { by, account, roles } => {
			Registry::set_roles(signed(by), account, Roles(roles))
		},
		Step::Capability { by, org, capability, grant } => {
			let capability = Capability::ALL[capability];
			if grant {
				Registry::grant_capability(origin(by), org, capability)
			} else {
				Registry::revoke_capability(origin(by), org, capability)
			}
		},
		Step::Population { by, place: index, people: Some(people) } => {
			Registry::set_population(signed(by), place(index), people, 2011, bounded("Census"))
		},
		Step::Population { by, place: index, people: None } => {
			Registry::clear_population(signed(by), place(index))
		},
	}
}

/// The region whose authorities govern `place`'s figure, if the place exists.
fn region_of(place: &PlaceOf<Test>) -> Option<Vec<u8>> {
	match place {
		Place::Region(code) => Some(code.to_vec()),
		Place::Cluster(id) => Clusters::<Test>::get(id).map(|c| c.region.to_vec()),
	}
}

/// A population step that succeeded was made by an admin of an authority that had set the
/// figure or governs the region of the one that did; a figure it set is its own.
fn check_population_owner(step: &Step, before: Option<OrgId>) {
	let Step::Population { by, place: index, people } = step else { return };
	let (caller, _) = Members::<Test>::get(by).expect("only a member changes a figure");
	let record = Organisations::<Test>::get(caller).expect("a member's organisation");
	assert!(record.kind.is_authority(), "{step:?} succeeded for a non-authority");
	if let Some(owner) = before {
		let owner_region = Organisations::<Test>::get(owner).expect("the setter").region;
		assert!(
			owner == caller || region_contains(&record.region, &owner_region),
			"{step:?}: organisation {caller} changed organisation {owner}'s figure"
		);
	}
	let after = Populations::<Test>::get(place(*index)).map(|p| (p.set_by, p.people));
	assert_eq!(after, people.map(|n| (caller, n)), "{step:?}");
}

/// Calls that manage an organisation's own accounts succeed only for a caller that held
/// `Admin` in an active organisation before the call.
fn check_admin_only(step: &Step, result: &DispatchResult, before: Option<(OrgId, Roles)>) {
	let manages = matches!(
		step,
		Step::Invite { .. } | Step::Remove { .. } | Step::Cancel { .. } | Step::SetRoles { .. }
	);
	if manages && result.is_ok() {
		assert!(
			before.is_some_and(|(_, roles)| roles.has(Role::Admin)),
			"{step:?} succeeded from a caller without Admin: {before:?}"
		);
	}
}

fn caller_of(step: &Step) -> Option<u64> {
	match step {
		Step::Invite { by, .. }
		| Step::Remove { by, .. }
		| Step::Cancel { by, .. }
		| Step::SetRoles { by, .. } => Some(*by),
		_ => None,
	}
}

/// The registry's bookkeeping: each member's organisation exists and lists it with the same
/// role; member and admin counts equal the members listed, and members and pending invitations
/// within the limit; pending
/// counts equal the invitations; every organisation is listed in its region; a cluster's size
/// equals its members, each of which names it.
fn check_invariants() {
	for (account, (org, role)) in Members::<Test>::iter() {
		assert!(Organisations::<Test>::contains_key(org), "member {account} of a missing org");
		assert_eq!(OrganisationMembers::<Test>::get(org, account), Some(role));
	}
	for (id, organisation) in Organisations::<Test>::iter() {
		let members: Vec<_> = OrganisationMembers::<Test>::iter_prefix(id).collect();
		for (account, _) in &members {
			assert_eq!(Members::<Test>::get(account).map(|(org, _)| org), Some(id));
		}
		let admins = members.iter().filter(|(_, roles)| roles.has(Role::Admin)).count() as u32;
		assert!(members.iter().all(|(_, roles)| roles.is_known() && !roles.is_empty()));
		let (counted, counted_admins) = MemberCounts::<Test>::get(id);
		assert_eq!((counted, counted_admins), (members.len() as u32, admins), "counts of {id}");
		let pending = Invitations::<Test>::iter_prefix(id).count() as u32;
		assert_eq!(PendingInvitations::<Test>::get(id), pending, "invitations of {id}");
		assert!(counted + pending <= MaxMembersPerOrganisation::get());
		assert!(OrganisationsInRegion::<Test>::contains_key(&organisation.region, id));
		if let Some(cluster) = organisation.cluster {
			assert!(ClusterMembers::<Test>::contains_key(cluster, id));
		}
	}
	for (place, figure) in Populations::<Test>::iter() {
		let region = region_of(&place).expect("a figure of a place that exists");
		if let Place::Region(code) = &place {
			assert!(
				AuthorityOfRegion::<Test>::contains_key(code)
					|| OrganisationsInRegion::<Test>::iter_key_prefix(code).next().is_some(),
				"a figure of {place:?}, where nobody is registered"
			);
		}
		let owner = Organisations::<Test>::get(figure.set_by).expect("the setter exists");
		assert!(owner.kind.is_authority() && region_contains(&owner.region, &region));
		assert!(POPULATION_RANGE.contains(&figure.people) && !figure.source.is_empty());
	}
	for (id, cluster) in Clusters::<Test>::iter() {
		let members: Vec<_> = ClusterMembers::<Test>::iter_prefix(id).map(|(org, _)| org).collect();
		assert_eq!(cluster.size, members.len() as u32, "size of cluster {id}");
		assert!(cluster.size <= MaxClusterSize::get());
		for org in members {
			assert_eq!(Organisations::<Test>::get(org).and_then(|o| o.cluster), Some(id));
		}
	}
}

/// The organisations, and those of them without an admin (newly registered ones until their
/// admin accepts, and those whose admin a governor replaced).
fn admins_by_organisation() -> (BTreeSet<OrgId>, BTreeSet<OrgId>) {
	let all: BTreeSet<OrgId> = Organisations::<Test>::iter_keys().collect();
	let without = all.iter().copied().filter(|org| MemberCounts::<Test>::get(org).1 == 0).collect();
	(all, without)
}

/// An organisation's own admins never remove its last admin: an existing organisation loses
/// its last admin only when a governor replaces a lost admin key (removed at once, its
/// successor invited).
fn check_last_admin(
	step: &Step,
	result: DispatchResult,
	before: &(BTreeSet<OrgId>, BTreeSet<OrgId>),
) {
	let (existing, without) = before;
	for org in admins_by_organisation().1.difference(without).filter(|o| existing.contains(o)) {
		let replaced =
			matches!(step, Step::ReplaceAdmin { org: o, removed: Some(_), .. } if o == org);
		assert!(replaced && result.is_ok(), "organisation {org} lost its last admin by {step:?}");
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn no_call_half_applies_and_the_bookkeeping_holds(
		steps in proptest::collection::vec(step(), 1..60)
	) {
		with_hierarchy().execute_with(|| {
			check_invariants();
			for step in &steps {
				let before = admins_by_organisation();
				let caller = caller_of(step).and_then(Members::<Test>::get);
				let owner = match step {
					Step::Population { place: index, .. } => {
						Populations::<Test>::get(place(*index)).map(|p| p.set_by)
					},
					_ => None,
				};
				// A refusal is fine; a refusal that wrote is not.
				let result = testing::refusal_changes_nothing(step, || run(step))
					.map_err(TestCaseError::fail)?;
				check_admin_only(step, &result, caller);
				if result.is_ok() {
					check_population_owner(step, owner);
				}
				check_last_admin(step, result, &before);
				check_invariants();
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
