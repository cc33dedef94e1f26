//! The origin matrix: for every call of the Healthnet pallets, which of the network's kinds of
//! caller may make it and which are refused, with the pallet's own error, on the `dev` chain's
//! demonstration registry. Every cell runs on a fresh copy of the same state: the call's
//! setup (earlier calls by the callers they need), then the call from that cell's origin; a
//! refusal must leave the storage root unchanged. The table is `docs/PERMISSIONS.md`; the test
//! fails when the file differs from what the chain does, and `HEALTHNET_WRITE_PERMISSIONS=1`
//! rewrites it.
//!
//! The membership gate (a transaction extension, `runtime/src/tests.rs`) refuses a stranger's
//! transactions before they reach a block; the matrix shows what each pallet itself decides
//! when a call is dispatched.

use frame_support::{
	traits::{Get, GetCallName},
	BoundedVec,
};
use sp_keyring::Sr25519Keyring as Keyring;
use sp_runtime::{traits::Dispatchable, DispatchError};

use crate::{
	configs::CouncilCollective, tests::dev_chain, AccountId, Runtime, RuntimeCall, RuntimeOrigin,
};
use pallet_registry::{Role, Roles};

mod channels_rows;
mod environment_rows;
mod instruments_rows;
mod registry_rows;
mod rows;
use channels_rows::channel_rows;
use environment_rows::environment_rows;
use instruments_rows::instrument_rows;
use registry_rows::registry_rows;
use rows::*;

/// A kind of caller, with the demonstration registry's admin account of that kind.
#[derive(Clone, Copy)]
enum Who {
	/// A motion of two thirds of the council.
	Council,
	/// Karnataka's health department (`//Dave`), the regional authority over the facilities.
	Authority,
	/// Bengaluru General Hospital (`//Ferdie`): reports cases, issues certificates, holds
	/// stock, gives care.
	Hospital,
	/// Jayanagar Health Centre (`//Alice//stash`): reports cases, holds stock, gives care.
	Clinic,
	/// Karnataka Public Health Laboratory (`//Charlie//stash`).
	Laboratory,
	/// Pune Vaccine Works (`//Dave//stash`).
	Manufacturer,
	/// Deccan Medical Distributors (`//Eve//stash`).
	Distributor,
	/// A funded account of no organisation (`//Ferdie//stash`).
	Stranger,
}

const EVERYONE: [Who; 8] = [
	Who::Council,
	Who::Authority,
	Who::Hospital,
	Who::Clinic,
	Who::Laboratory,
	Who::Manufacturer,
	Who::Distributor,
	Who::Stranger,
];

impl Who {
	fn heading(self) -> &'static str {
		match self {
			Who::Council => "council",
			Who::Authority => "regional authority",
			Who::Hospital => "hospital",
			Who::Clinic => "clinic",
			Who::Laboratory => "laboratory",
			Who::Manufacturer => "manufacturer",
			Who::Distributor => "distributor",
			Who::Stranger => "no organisation",
		}
	}

	fn account(self) -> AccountId {
		match self {
			Who::Council | Who::Authority => Keyring::Dave.to_account_id(),
			Who::Hospital => Keyring::Ferdie.to_account_id(),
			Who::Clinic => Keyring::AliceStash.to_account_id(),
			Who::Laboratory => Keyring::CharlieStash.to_account_id(),
			Who::Manufacturer => Keyring::DaveStash.to_account_id(),
			Who::Distributor => Keyring::EveStash.to_account_id(),
			Who::Stranger => Keyring::FerdieStash.to_account_id(),
		}
	}

	fn origin(self) -> RuntimeOrigin {
		match self {
			Who::Council => {
				pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(2, 3).into()
			},
			who => RuntimeOrigin::signed(who.account()),
		}
	}
}

/// One row: state written directly (what no call of these pallets makes), the calls (with
/// their callers) that must succeed before the call, and the call.
/// The setup and the call are built inside each cell's state, where, for instance, the
/// genesis hash a patient signs is known.
struct Row {
	before: fn(),
	setup: Box<dyn Fn() -> Vec<(Who, RuntimeCall)>>,
	call: Box<dyn Fn() -> RuntimeCall>,
}

fn row(setup: Vec<(Who, RuntimeCall)>, call: RuntimeCall) -> Row {
	Row::lazy(move || setup.clone(), move || call.clone())
}

impl Row {
	fn lazy(
		setup: impl Fn() -> Vec<(Who, RuntimeCall)> + 'static,
		call: impl Fn() -> RuntimeCall + 'static,
	) -> Row {
		Row { before: || {}, setup: Box::new(setup), call: Box::new(call) }
	}
}

pub(super) fn bounded<S: Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	text.as_bytes().to_vec().try_into().expect("a matrix text fits")
}

/// The roles of the matrix's second table, with their headings.
const ROLES: [(Role, &str); 7] = [
	(Role::Admin, "admin"),
	(Role::Reporter, "reporter"),
	(Role::Reviewer, "reviewer"),
	(Role::StockKeeper, "stock keeper"),
	(Role::Clinician, "clinician"),
	(Role::CertificateOfficer, "certificate officer"),
	(Role::KeyOfficer, "key officer"),
];

/// Gives member `account` exactly `roles`, as its admin would, keeping the admin count true.
fn give_roles(account: &AccountId, roles: Roles) {
	let (org, before) = pallet_registry::Members::<Runtime>::get(account).expect("a member");
	pallet_registry::Members::<Runtime>::insert(account, (org, roles));
	pallet_registry::OrganisationMembers::<Runtime>::insert(org, account, roles);
	pallet_registry::MemberCounts::<Runtime>::mutate(org, |(_, admins)| {
		*admins = *admins + u32::from(roles.has(Role::Admin)) - u32::from(before.has(Role::Admin));
	});
}

/// The call's pallet and name, and what `who` gets when it makes `row`'s call: `None` when the
/// call succeeds, else the error's name. Panics when the setup fails or a refused call changed
/// storage.
fn outcome(row: &Row, who: Who) -> ((String, String), Option<String>) {
	outcome_as(row, who, None)
}

/// The same, with `who`'s account holding only `roles` (set after the setup) when given.
fn outcome_as(row: &Row, who: Who, roles: Option<Roles>) -> ((String, String), Option<String>) {
	let mut chain = dev_chain();
	chain.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(NOW * 1_000);
		(row.before)();
		for (caller, call) in (row.setup)() {
			let result = call.clone().dispatch(caller.origin());
			assert!(
				result.is_ok(),
				"the setup {call:?} by {} failed: {result:?}",
				caller.heading()
			);
		}
		if let Some(roles) = roles {
			give_roles(&who.account(), roles);
		}
		let call = (row.call)();
		let names = names(&call);
		let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		match call.clone().dispatch(who.origin()) {
			Ok(_) => (names, None),
			Err(failure) => {
				let after = sp_io::storage::root(sp_runtime::StateVersion::V1);
				assert_eq!(before, after, "{call:?} by {} changed storage", who.heading());
				(names, Some(error_name(failure.error)))
			},
		}
	})
}

fn error_name(error: DispatchError) -> String {
	match error {
		DispatchError::Module(module) => module.message.unwrap_or("a module error").to_owned(),
		DispatchError::BadOrigin => "BadOrigin".to_owned(),
		other => format!("{other:?}"),
	}
}

/// The call's pallet and name, as the metadata has them.
fn names(call: &RuntimeCall) -> (String, String) {
	use frame_support::traits::GetCallMetadata;
	let metadata = call.get_call_metadata();
	(metadata.pallet_name.to_owned(), metadata.function_name.to_owned())
}

fn matrix() -> String {
	let mut text = String::from("# Who may make which call\n\n");
	for line in [
		"Written by the runtime's test `permissions::the_origin_matrix_is_as_documented`",
		"(`runtime/src/permissions/`), which fails when this file differs from what the chain does;",
		"`HEALTHNET_WRITE_PERMISSIONS=1 cargo test -p healthnet-runtime permissions` rewrites it.",
		"",
		"Each cell is the outcome of the call, on the `dev` chain's demonstration registry, from the",
		"admin of that kind of organisation, which holds every role (the column's account, in",
		"`runtime/src/genesis_config_presets.rs`) or from a council motion of two thirds: **yes**, or",
		"the error it is refused with. Every cell starts from a fresh copy of the same state, and a",
		"refusal changes nothing. Where the arguments name an organisation they name Jayanagar Health",
		"Centre (a clinic of Karnataka's Bengaluru cluster) or Bengaluru General Hospital, so a",
		"refusal may come from whose the thing is, not from the caller's kind; the regional authority",
		"is Karnataka's, above both. The membership gate refuses a no-organisation account's",
		"transactions before any block; the table shows what each pallet decides at dispatch.",
	] {
		text.push_str(line);
		text.push('\n');
	}
	let rows: Vec<Row> = [
		registry_rows(),
		surveillance_rows(),
		records_rows(),
		supply_rows(),
		certificate_rows(),
		instrument_rows(),
		channel_rows(),
		environment_rows(),
		validator_rows(),
	]
	.into_iter()
	.flatten()
	.collect();
	let mut pallet = String::new();
	let mut covered = Vec::new();
	let mut entitled = Vec::new();
	for row in &rows {
		let cells: Vec<_> = EVERYONE.iter().map(|who| outcome(row, *who)).collect();
		entitled.push(
			EVERYONE
				.iter()
				.zip(&cells)
				.filter(|(who, (_, outcome))| {
					outcome.is_none() && !matches!(who, Who::Council | Who::Stranger)
				})
				.map(|(who, _)| *who)
				.collect::<Vec<_>>(),
		);
		let (name, call) = cells[0].0.clone();
		if name != pallet {
			text.push_str(&format!("\n## {name}\n\n| call |"));
			for who in EVERYONE {
				text.push_str(&format!(" {} |", who.heading()));
			}
			text.push_str("\n|---|");
			text.push_str(&"---|".repeat(EVERYONE.len()));
			text.push('\n');
			pallet = name;
		}
		let outcomes: Vec<Option<String>> = cells.into_iter().map(|(_, outcome)| outcome).collect();
		assert!(outcomes.iter().any(Option::is_none), "nobody may make {pallet}.{call}");
		covered.push(format!("{pallet}.{call}"));
		text.push_str(&format!("| `{call}` |"));
		for outcome in outcomes {
			match outcome {
				None => text.push_str(" **yes** |"),
				Some(error) => text.push_str(&format!(" {error} |")),
			}
		}
		text.push('\n');
	}
	// Every call of every Healthnet pallet has its row, and no call two.
	let mut every: Vec<String> = [
		("Registry", pallet_registry::Call::<Runtime>::get_call_names()),
		("Surveillance", pallet_surveillance::Call::<Runtime>::get_call_names()),
		("Records", pallet_records::Call::<Runtime>::get_call_names()),
		("Supply", pallet_supply::Call::<Runtime>::get_call_names()),
		("Certificates", pallet_certificates::Call::<Runtime>::get_call_names()),
		("Instruments", pallet_instruments::Call::<Runtime>::get_call_names()),
		("Channels", pallet_channels::Call::<Runtime>::get_call_names()),
		("Environment", pallet_environment::Call::<Runtime>::get_call_names()),
		("Validators", pallet_validators::Call::<Runtime>::get_call_names()),
	]
	.into_iter()
	.flat_map(|(pallet, calls)| calls.iter().map(move |call| format!("{pallet}.{call}")))
	.collect();
	every.sort();
	text.push_str(&roles_table(&rows, &entitled));
	covered.sort();
	assert_eq!(covered, every, "the matrix's rows are not the pallets' calls");
	text
}

/// The second table: for each call and each kind of organisation whose admin may make it, the
/// outcome when the caller holds one role alone. A call of the council, or of any account
/// (a patient's statement relayed, an invitation accepted), needs no role and has no line.
fn roles_table(rows: &[Row], entitled: &[Vec<Who>]) -> String {
	let mut text = String::from("\n## Roles\n\n");
	for line in [
		"Inside an organisation, each member account holds one or more roles, which its admin",
		"assigns (`set_roles`). Each line is a call that the kind of organisation named may make",
		"(the tables above), made by a member of it holding that one role alone: **yes**, or the",
		"error. Calls that any member may make (relaying a patient's or a facility's signed",
		"statement, accepting an invitation) are left out.",
		"",
	] {
		text.push_str(line);
		text.push('\n');
	}
	text.push_str("| call | as |");
	for (_, heading) in ROLES {
		text.push_str(&format!(" {heading} |"));
	}
	text.push_str("\n|---|---|");
	text.push_str(&"---|".repeat(ROLES.len()));
	text.push('\n');
	for (row, kinds) in rows.iter().zip(entitled) {
		for who in kinds {
			let cells: Vec<_> = ROLES
				.iter()
				.map(|(role, _)| outcome_as(row, *who, Some(Roles::only(*role))))
				.collect();
			if cells.iter().all(|(_, outcome)| outcome.is_none()) {
				continue;
			}
			let (pallet, call) = &cells[0].0;
			text.push_str(&format!("| `{pallet}.{call}` | {} |", who.heading()));
			for (_, outcome) in cells {
				match outcome {
					None => text.push_str(" **yes** |"),
					Some(error) => text.push_str(&format!(" {error} |")),
				}
			}
			text.push('\n');
		}
	}
	text
}

#[test]
fn the_origin_matrix_is_as_documented() {
	let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/PERMISSIONS.md");
	let matrix = matrix();
	if std::env::var_os("HEALTHNET_WRITE_PERMISSIONS").is_some() {
		std::fs::write(path, &matrix).expect("docs/PERMISSIONS.md is writable");
	}
	let documented = std::fs::read_to_string(path).unwrap_or_default();
	assert!(
		documented == matrix,
		"docs/PERMISSIONS.md differs from what the chain does; rerun with \
		 HEALTHNET_WRITE_PERMISSIONS=1 and review the change"
	);
}
