//! `healthnet council`: the council of health authorities, its members and its motions.

use std::path::PathBuf;

use clap::Subcommand;
use healthnet_client::{
	api::runtime_types::healthnet_runtime::RuntimeCall, council, keys, motion_of, registry,
	validators, Error, Motion,
};
use serde_json::json;
use subxt::utils::{AccountId32, H256};

use super::{
	output::{done, listing, parse_hash, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum CouncilCommand {
	/// The council's members.
	Members,
	/// The motions open for votes.
	Motions,
	/// Propose a motion (a council member); it executes once the threshold voted aye.
	Propose {
		/// The ayes needed; by default two thirds of the council, what its motions need.
		#[arg(long)]
		threshold: Option<u32>,
		#[command(subcommand)]
		action: CouncilAction,
	},
	/// Vote on a motion (a council member).
	Vote {
		/// The motion's hash.
		#[arg(long)]
		hash: String,
		/// The motion's index.
		#[arg(long)]
		index: u32,
		/// Vote nay instead of aye.
		#[arg(long)]
		nay: bool,
	},
	/// Close a motion that has its votes, executing it.
	Close {
		#[arg(long)]
		hash: String,
		#[arg(long)]
		index: u32,
	},
}

#[derive(Subcommand, Clone)]
pub enum CouncilAction {
	/// Register a global or national authority.
	RegisterAuthority {
		/// global-authority or national-authority.
		#[arg(long)]
		kind: String,
		#[arg(long)]
		name: String,
		/// The country code of a national authority; leave out for a global one.
		#[arg(long, default_value = "")]
		region: String,
		#[arg(long)]
		admin: String,
	},
	/// Replace a lost or stolen admin key of any organisation, a top-level authority's too.
	ReplaceAdmin {
		id: u32,
		/// The new admin account, invited; it must accept.
		#[arg(long)]
		invite: String,
		/// The admin account to remove at once.
		#[arg(long)]
		remove: Option<String>,
	},
	/// Grant (or, with --revoke, take away) a capability of any organisation, a national
	/// authority's too.
	Capability {
		id: u32,
		/// report-cases, issue-certificates, hold-stock, manufacture, read-research-data,
		/// provide-care.
		capability: String,
		#[arg(long)]
		revoke: bool,
	},
	/// Add a validator (its operator must have set its session keys).
	AddValidator { account: String },
	/// Remove a validator.
	RemoveValidator { account: String },
	/// Allow nodes, by peer id, to connect and sync. The first listing closes the network: list
	/// every node that is to stay in it, the validators' first.
	AllowNodes {
		#[arg(required = true)]
		peer_ids: Vec<String>,
	},
	/// Take nodes, by peer id, off the allow list (at least one stays listed).
	DisallowNodes {
		#[arg(required = true)]
		peer_ids: Vec<String>,
	},
	/// Authorize a runtime upgrade to a wasm file (anyone may then apply it).
	AuthorizeUpgrade { wasm: PathBuf },
	/// Add a member to the council.
	AddMember { account: String },
	/// Remove a member from the council.
	RemoveMember { account: String },
}

fn council_call(action: &CouncilAction) -> Result<RuntimeCall, Error> {
	Ok(match action {
		CouncilAction::RegisterAuthority { kind, name, region, admin } => {
			registry::register_authority(registry::kind(kind)?, name, region, keys::account(admin)?)
		},
		CouncilAction::ReplaceAdmin { id, invite, remove } => registry::replace_admin_by_council(
			*id,
			remove.as_deref().map(keys::account).transpose()?,
			keys::account(invite)?,
		),
		CouncilAction::Capability { id, capability, revoke } => {
			registry::change_capability_by_council(*id, registry::capability(capability)?, !revoke)
		},
		CouncilAction::AddValidator { account } => {
			validators::add_validator(keys::account(account)?)
		},
		CouncilAction::RemoveValidator { account } => {
			validators::remove_validator(keys::account(account)?)
		},
		CouncilAction::AllowNodes { peer_ids } => validators::allow_nodes(node_keys(peer_ids)?),
		CouncilAction::DisallowNodes { peer_ids } => {
			validators::disallow_nodes(node_keys(peer_ids)?)
		},
		CouncilAction::AuthorizeUpgrade { wasm } => {
			let code = std::fs::read(wasm).map_err(|e| {
				Error::BadInput(format!("could not read the runtime {}: {e}", wasm.display()))
			})?;
			validators::authorize_upgrade(H256(sp_crypto_hashing::blake2_256(&code)))
		},
		CouncilAction::AddMember { account } => council::add_member(keys::account(account)?),
		CouncilAction::RemoveMember { account } => council::remove_member(keys::account(account)?),
	})
}

fn node_keys(peer_ids: &[String]) -> Result<Vec<[u8; 32]>, Error> {
	peer_ids.iter().map(|id| validators::node_key(id)).collect()
}

pub async fn run(session: &Session, command: CouncilCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		CouncilCommand::Members => {
			let members = client.council_members().await?;
			let names: Vec<String> = members.iter().map(AccountId32::to_string).collect();
			Output::new(names.join("\n"), json!(names))
		},
		CouncilCommand::Motions => {
			let motions = client.motions().await?;
			let line = |m: &Motion| {
				format!(
					"motion {} ({:?}): {} ayes, {} nays of {} needed; closes after block #{}",
					m.index,
					m.hash,
					m.ayes.len(),
					m.nays.len(),
					m.threshold,
					m.end
				)
			};
			listing(&motions, line, "no open motions".into())
		},
		CouncilCommand::Propose { threshold, action } => {
			let call = council_call(&action)?;
			let threshold = match threshold {
				Some(threshold) => threshold,
				None => (client.council_members().await?.len() as u32 * 2).div_ceil(3).max(1),
			};
			let included = session.send(council::propose(threshold, call)?).await?;
			match motion_of(&included) {
				Some((index, hash)) => {
					let summary = format!(
						"proposed motion {index} ({hash:?}); it needs {threshold} ayes, the \
						 proposer's included once voted: `healthnet council vote --hash {hash:?} \
						 --index {index}`"
					);
					let mut output = done(included, summary);
					output.json["index"] = json!(index);
					output.json["hash"] = json!(format!("{hash:?}"));
					output
				},
				None => {
					client.motion_outcome(&included).await?;
					done(included, "the motion executed at once (threshold 1)".into())
				},
			}
		},
		CouncilCommand::Vote { hash, index, nay } => {
			let hash = parse_hash(&hash)?;
			done(
				session.send(council::vote(hash, index, !nay)).await?,
				format!("voted {} on motion {index}", if nay { "nay" } else { "aye" }),
			)
		},
		CouncilCommand::Close { hash, index } => {
			let hash = parse_hash(&hash)?;
			let included = session.send(council::close(hash, index)).await?;
			client.motion_outcome(&included).await?;
			let summary = if included.event("Council", "Executed").is_some() {
				format!("closed motion {index}: approved and executed")
			} else {
				format!("closed motion {index}")
			};
			done(included, summary)
		},
	})
}
