//! `healthnet chain`: the chain the node follows, and whether this tool matches its runtime.

use clap::Subcommand;
use healthnet_client::{demo, Error};

use super::{output::Output, session::Session};

#[derive(Subcommand)]
pub enum ChainCommand {
	/// The chain's name, runtime version, best and finalized blocks, and whether this tool
	/// was built for the node's runtime.
	Info,
	/// Plays the demonstration scenario on a development or local chain, with the public
	/// development keys of its demonstration registry: a day of reports with one clinic
	/// missing, an outbreak alert, guidance half acknowledged, a shipment, test kits used
	/// beyond the tests reported, and a recall. Once per chain and day.
	Demo,
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
		ChainCommand::Demo => {
			let info = session.client.chain_info().await?;
			if !["Healthnet Development", "Healthnet Local Testnet"].contains(&info.chain.as_str())
			{
				return Err(Error::BadInput(format!(
					"the demonstration signs with public development keys: it runs only on a \
					 development or local chain, and this node follows {:?}",
					info.chain
				)));
			}
			let demo = demo::play(&session.client, |step| eprintln!("demo: {step}")).await?;
			let text = format!(
				"the demonstration is on chain at block {:?}: guidance {}, vaccine lot {} \
				 (recalled), test kit lot {}; the laboratory's certificate:\n{}",
				demo.block, demo.guidance, demo.vaccine_lot, demo.kit_lot, demo.certificate
			);
			let json = serde_json::json!({
				"today": demo.today,
				"guidance": demo.guidance,
				"vaccineLot": demo.vaccine_lot,
				"kitLot": demo.kit_lot,
				"certificate": demo.certificate,
				"block": demo.block,
			});
			Ok(Output::new(text, json))
		},
	}
}
