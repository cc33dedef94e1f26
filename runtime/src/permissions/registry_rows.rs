//! The registry's rows of the origin matrix.

use healthnet_primitives::{Capabilities, Capability};
use pallet_registry::{OrgKind, Place, Role, Roles};

use super::{
	bounded, row,
	rows::{newcomer, registry, JAYANAGAR},
	Row, Who,
};

pub(super) fn registry_rows() -> Vec<Row> {
	use pallet_registry::Call::*;
	// The account of no organisation is the one invited.
	let invite = |roles| registry(invite_member { account: Who::Stranger.account(), roles });
	let reporter = Roles::only(Role::Reporter);
	let invited = move || vec![(Who::Clinic, invite(reporter))];
	let joined = move || {
		vec![
			(Who::Clinic, invite(reporter)),
			(Who::Stranger, registry(accept_membership { org: JAYANAGAR })),
		]
	};
	let out_of_cluster =
		|| vec![(Who::Authority, registry(remove_from_cluster { org: JAYANAGAR }))];
	vec![
		row(
			vec![],
			registry(register_authority {
				kind: OrgKind::NationalAuthority,
				name: bounded("Ministry of Health, Kenya"),
				region: bounded("KE"),
				admin: newcomer(),
			}),
		),
		row(
			vec![],
			registry(register_organisation {
				kind: OrgKind::Clinic,
				name: bounded("Indiranagar Clinic"),
				region: bounded("IN-KA-BLR"),
				capabilities: Capabilities::of(&[Capability::ReportCases]),
				admin: newcomer(),
				cluster: Some(0),
			}),
		),
		row(vec![], registry(suspend_organisation { org: JAYANAGAR })),
		row(
			vec![(Who::Authority, registry(suspend_organisation { org: JAYANAGAR }))],
			registry(reinstate_organisation { org: JAYANAGAR }),
		),
		row(vec![], invite(reporter)),
		row(joined(), registry(remove_member { account: Who::Stranger.account() })),
		row(
			joined(),
			registry(set_roles {
				account: Who::Stranger.account(),
				roles: Roles::of(&[Role::Reporter, Role::StockKeeper]),
			}),
		),
		row(
			vec![],
			registry(grant_capability { org: JAYANAGAR, capability: Capability::ReadResearchData }),
		),
		row(
			vec![],
			registry(revoke_capability { org: JAYANAGAR, capability: Capability::ReportCases }),
		),
		row(invited(), registry(accept_membership { org: JAYANAGAR })),
		row(invited(), registry(decline_invitation { org: JAYANAGAR })),
		row(invited(), registry(cancel_invitation { account: Who::Stranger.account() })),
		row(
			vec![],
			registry(replace_admin {
				org: JAYANAGAR,
				removed: Some(Who::Clinic.account()),
				invited: newcomer(),
			}),
		),
		row(
			out_of_cluster(),
			registry(create_cluster {
				name: bounded("Jayanagar health centres"),
				region: bounded("IN-KA-BLR"),
				coordinator: JAYANAGAR,
			}),
		),
		row(out_of_cluster(), registry(add_to_cluster { cluster: 0, org: JAYANAGAR })),
		row(vec![], registry(remove_from_cluster { org: JAYANAGAR })),
		row(
			vec![],
			registry(set_population {
				place: Place::Cluster(0),
				people: 250_000,
				year: 2024,
				source: bounded("Bengaluru Urban district projection"),
			}),
		),
		row(
			vec![(
				Who::Authority,
				registry(set_population {
					place: Place::Region(bounded("IN-KA-BLR")),
					people: 9_621_551,
					year: 2011,
					source: bounded("Census of India 2011"),
				}),
			)],
			registry(clear_population { place: Place::Region(bounded("IN-KA-BLR")) }),
		),
	]
}
