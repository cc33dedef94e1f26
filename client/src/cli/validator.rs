//! `healthnet validator`: the validators, their session keys, and the nodes allowed in a closed
//! network.

use clap::Subcommand;
use healthnet_client::{validators, Error};
use serde_json::json;
use subxt::utils::AccountId32;

use super::{
	output::{done, Output},
	session::Session,
};

#[derive(Subcommand)]
pub enum ValidatorCommand {
	/// The validators the council decided on.
	List,
	/// The nodes allowed to connect and sync, by peer id (none: the network is open).
	Nodes,
	/// Set the session keys of your validator account (its operator), as the node's
	/// `author_rotateKeysWithOwner` returned them; the council can then add it.
	SetKeys {
		/// The keys, in hex.
		#[arg(long)]
		keys: String,
		/// The proof that the signing account owns them, in hex.
		#[arg(long)]
		proof: String,
	},
}

pub async fn run(session: &Session, command: ValidatorCommand) -> Result<Output, Error> {
	Ok(match command {
		ValidatorCommand::List => {
			let validators = session.client.validators().await?;
			let names: Vec<String> = validators.iter().map(AccountId32::to_string).collect();
			Output::new(names.join("\n"), json!(names))
		},
		ValidatorCommand::Nodes => {
			let nodes = session.client.allowed_nodes().await?;
			let listed: Vec<_> = nodes
				.iter()
				.map(
					|(node, block)| json!({ "peerId": validators::peer_id(node), "listedAt": block }),
				)
				.collect();
			let text = if nodes.is_empty() {
				"the network is open: no node list on chain".to_owned()
			} else {
				let lines = nodes.iter().map(|(node, block)| {
					format!("{} (listed at block #{block})", validators::peer_id(node))
				});
				lines.collect::<Vec<_>>().join("\n")
			};
			Output::new(text, json!(listed))
		},
		ValidatorCommand::SetKeys { keys, proof } => {
			let hex_of = |what: &str, text: &str| {
				hex::decode(text.trim_start_matches("0x")).map_err(|_| {
					Error::BadInput(format!("the {what} {text} is not hex, as the node returns it"))
				})
			};
			let call = validators::set_keys(&hex_of("keys", &keys)?, hex_of("proof", &proof)?)?;
			done(session.send(call).await?, "set the session keys".into())
		},
	})
}
