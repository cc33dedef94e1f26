//! Unit tests: one per rule of the registry.

use frame_support::{assert_noop, assert_ok};
use healthnet_primitives::{Capabilities, Capability, OrgRegistry};
use sp_runtime::DispatchError;

use crate::{
	mock::*, Clusters, Error, Event, MemberCounts, Members, OrgKind, OrgStatus, Organisations,
	Role, Roles,
};

/// An administrator's roles.
const ADMIN: Roles = Roles::only(Role::Admin);
/// A member who works but administers nothing: a reporter.
const OPERATOR: Roles = Roles::only(Role::Reporter);

/// The status of organisation `org`.
fn status(org: u32) -> OrgStatus {
	Organisations::<Test>::get(org).unwrap().status
}

mod clusters;
mod gate;
mod genesis;
mod invitations;
mod members;
mod organisations;
mod population;
mod properties;
mod recovery;
mod suspension;
