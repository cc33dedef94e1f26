//! `healthnet org`: organisations and their member accounts.

use clap::Subcommand;
use healthnet_client::{keys, registry, Error, Organisation};
use healthnet_primitives::{ClusterId, OrgId};
use serde_json::{json, Value};

use super::{
	output::{created, done, text, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum OrgCommand {
	/// Show an organisation.
	Show { id: OrgId },
	/// Show the organisation an account belongs to, and its roles there.
	Of { account: String },
	/// List the organisations registered with exactly this region code.
	List {
		#[arg(long)]
		region: String,
	},
	/// Register an organisation in your authority's region (signed by an authority's member).
	Register {
		/// hospital, clinic, nursing-home, laboratory, manufacturer, distributor, warehouse,
		/// research-institute, regional-authority or local-authority.
		#[arg(long)]
		kind: String,
		#[arg(long)]
		name: String,
		/// Its region code, such as IN-KA-BLR.
		#[arg(long)]
		region: String,
		/// The account that will administer it.
		#[arg(long)]
		admin: String,
		/// A capability (repeat for several): report-cases, issue-certificates, hold-stock,
		/// manufacture, read-research-data, provide-care.
		#[arg(long = "capability")]
		capabilities: Vec<String>,
		/// The cluster it joins.
		#[arg(long)]
		cluster: Option<ClusterId>,
	},
	/// Suspend an organisation: its accounts lose every right until it is reinstated.
	Suspend { id: OrgId },
	/// Reinstate a suspended organisation.
	Reinstate { id: OrgId },
	/// Invite an account into your organisation (signed by its admin); it becomes a member
	/// when it accepts.
	Invite {
		account: String,
		/// A role (repeat for several): admin, reporter, reviewer, stock-keeper, clinician,
		/// certificate-officer, key-officer.
		#[arg(long = "role", required = true)]
		roles: Vec<String>,
	},
	/// A member's roles in your organisation (signed by its admin).
	#[command(subcommand)]
	Role(RoleCommand),
	/// An organisation's capabilities (signed by an admin of the authority above it; the
	/// council proposes `council propose capability` for a national authority).
	#[command(subcommand)]
	Capability(CapabilityCommand),
	/// Accept an organisation's invitation (signed by the invited account).
	Accept { id: OrgId },
	/// Turn down an organisation's invitation (signed by the invited account).
	Decline { id: OrgId },
	/// Withdraw your organisation's invitation of an account (signed by its admin).
	CancelInvitation { account: String },
	/// Replace a lost or stolen admin key of an organisation below your authority (signed by
	/// the authority's admin; the council proposes `council propose replace-admin`).
	ReplaceAdmin {
		id: OrgId,
		/// The new admin account, invited; it must accept.
		#[arg(long)]
		invite: String,
		/// The admin account to remove at once.
		#[arg(long)]
		remove: Option<String>,
	},
	/// Remove a member account from your organisation (signed by its admin).
	RemoveMember { account: String },
}

#[derive(Subcommand)]
pub enum RoleCommand {
	/// Give a member a role, keeping the roles it holds.
	Grant { account: String, role: String },
	/// Take a role from a member, keeping its others (a member keeps at least one).
	Revoke { account: String, role: String },
}

#[derive(Subcommand)]
pub enum CapabilityCommand {
	/// Grant an organisation a capability: report-cases, issue-certificates, hold-stock,
	/// manufacture, read-research-data, provide-care.
	Grant { id: OrgId, capability: String },
	/// Take a capability from an organisation; calls that need it are refused at once.
	Revoke { id: OrgId, capability: String },
}

/// An organisation as JSON.
pub fn organisation_json(id: OrgId, org: &Organisation) -> Value {
	json!({
		"id": id,
		"kind": format!("{:?}", org.kind),
		"name": text(&org.name.0),
		"region": text(&org.region.0),
		"parent": org.parent,
		"cluster": org.cluster,
		"status": format!("{:?}", org.status),
		"capabilities": registry::capability_names(&org.capabilities),
	})
}

/// An organisation in one line of text.
pub fn organisation_line(id: OrgId, org: &Organisation) -> String {
	let cluster = org.cluster.map(|c| format!(", cluster {c}")).unwrap_or_default();
	let capabilities = registry::capability_names(&org.capabilities);
	format!(
		"{id}: {} — {:?} in {}{cluster}, {:?}, capabilities: {}",
		text(&org.name.0),
		org.kind,
		if org.region.0.is_empty() { "the world".into() } else { text(&org.region.0) },
		org.status,
		if capabilities.is_empty() { "none".to_string() } else { capabilities.join(", ") }
	)
}

pub async fn run(session: &Session, command: OrgCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		OrgCommand::Show { id } => {
			let org = client.organisation(id).await?;
			Output::new(organisation_line(id, &org), organisation_json(id, &org))
		},
		OrgCommand::Of { account } => {
			let account = keys::account(&account)?;
			match client.organisation_of(&account).await? {
				Some((id, roles, org)) => Output::new(
					format!(
						"{account} is {} of {}",
						registry::role_names(&roles).join(", "),
						organisation_line(id, &org)
					),
					json!({ "account": account.to_string(), "roles": registry::role_names(&roles),
						"organisation": organisation_json(id, &org) }),
				),
				None => {
					return Err(Error::NotFound(format!(
						"{account} is not a member account of any organisation"
					)))
				},
			}
		},
		OrgCommand::List { region } => {
			let mut lines = Vec::new();
			let mut entries = Vec::new();
			for id in client.organisations_in_region(&region).await? {
				let org = client.organisation(id).await?;
				lines.push(organisation_line(id, &org));
				entries.push(organisation_json(id, &org));
			}
			if lines.is_empty() {
				lines.push(format!("no organisations in {region}"));
			}
			Output::new(lines.join("\n"), Value::Array(entries))
		},
		OrgCommand::Register { kind, name, region, admin, capabilities, cluster } => {
			let call = registry::register_organisation(
				registry::kind(&kind)?,
				&name,
				&region,
				registry::capabilities(&capabilities)?,
				keys::account(&admin)?,
				cluster,
			);
			created(session.send(call).await?, "Registry", "OrganisationRegistered", |id| {
				format!("registered {name} as organisation {id}")
			})?
		},
		OrgCommand::Suspend { id } => done(
			session.send(registry::suspend_organisation(id)).await?,
			format!("suspended organisation {id}"),
		),
		OrgCommand::Reinstate { id } => done(
			session.send(registry::reinstate_organisation(id)).await?,
			format!("reinstated organisation {id}"),
		),
		OrgCommand::Invite { account, roles } => {
			let account = keys::account(&account)?;
			let call = registry::invite_member(account.clone(), registry::roles(&roles)?);
			done(session.send(call).await?, format!("invited {account} as {}", roles.join(", ")))
		},
		OrgCommand::Role(command) => {
			let (account, role, grant) = match command {
				RoleCommand::Grant { account, role } => (account, role, true),
				RoleCommand::Revoke { account, role } => (account, role, false),
			};
			let account = keys::account(&account)?;
			let role = registry::role(&role)?;
			let (org, mut roles, _) = client.organisation_of(&account).await?.ok_or_else(|| {
				Error::NotFound(format!("{account} is not a member account of any organisation"))
			})?;
			let mine = client.organisation_of(&session.account()?).await?.map(|(org, ..)| org);
			if mine != Some(org) {
				return Err(Error::BadInput(format!(
					"{account} is a member of organisation {org}, not of yours: only its own admins change its roles"
				)));
			}
			if grant {
				roles.0 |= role as u16;
			} else {
				roles.0 &= !(role as u16);
			}
			let names = registry::role_names(&roles);
			let said = format!("{account} now holds: {}", names.join(", "));
			let mut output =
				done(session.send(registry::set_roles(account.clone(), roles)).await?, said);
			output.json["roles"] = json!(names);
			output
		},
		OrgCommand::Capability(command) => {
			let (id, word, grant) = match command {
				CapabilityCommand::Grant { id, capability } => (id, capability, true),
				CapabilityCommand::Revoke { id, capability } => (id, capability, false),
			};
			let capability = registry::capability(&word)?;
			let included = if grant {
				session.send(registry::grant_capability(id, capability)).await?
			} else {
				session.send(registry::revoke_capability(id, capability)).await?
			};
			let verb = if grant { "granted" } else { "took away" };
			done(included, format!("{verb} {word} of organisation {id}"))
		},
		OrgCommand::Accept { id } => done(
			session.send(registry::accept_membership(id)).await?,
			format!("joined organisation {id}"),
		),
		OrgCommand::Decline { id } => done(
			session.send(registry::decline_invitation(id)).await?,
			format!("declined the invitation of organisation {id}"),
		),
		OrgCommand::CancelInvitation { account } => {
			let account = keys::account(&account)?;
			let call = registry::cancel_invitation(account.clone());
			done(session.send(call).await?, format!("withdrew the invitation of {account}"))
		},
		OrgCommand::ReplaceAdmin { id, invite, remove } => {
			let invited = keys::account(&invite)?;
			let removed = remove.as_deref().map(keys::account).transpose()?;
			let said = match &removed {
				Some(removed) => format!(
					"removed {removed} from organisation {id} and invited {invited} as admin"
				),
				None => format!("invited {invited} as admin of organisation {id}"),
			};
			done(session.send(registry::replace_admin(id, removed, invited)).await?, said)
		},
		OrgCommand::RemoveMember { account } => {
			let account = keys::account(&account)?;
			let call = registry::remove_member(account);
			done(session.send(call).await?, format!("removed {account}"))
		},
	})
}
