//! `healthnet chain`: the chain the node follows, and whether this tool matches its runtime.

use clap::Subcommand;
use healthnet_client::Error;

use super::{output::Output, session::Session};

#[derive(Subcommand)]
pub enum ChainCommand {
	/// The chain's name, runtime version, best and finalized blocks, and whether this tool
	/// was built for the node's runtime.
	Info,
}

pub async fn run(session: &Session, command: ChainCommand) -> Result<Output, Error> {
	match command {
		ChainCommand::Info => {
			let info = session.client.chain_info().await?;
			let text = format!(
				"chain {} (genesis {:?})\nruntime spec version {}{}\nbest block #{}, finalized #{}",
				info.chain,
				info.genesis,
				info.spec_version,
				if info.metadata_matches {
					""
				} else {
					" — this healthnet was built for another runtime: use one built from the \
					 node's release"
				},
				info.best,
				info.finalized
			);
			Ok(Output::new(text, serde_json::to_value(&info).unwrap_or_default()))
		},
	}
}
