//! # Healthnet node
//!
//! Runs a validator or a full node of Healthnet. `healthnet-node --dev` starts a one-validator
//! chain for development; `--chain local` joins the four-validator network on one machine;
//! `--chain <file>` joins the network a chain spec describes, and `--chain network.toml` the one
//! a network's own genesis file describes (`network_file`, docs/OPERATIONS.md).

mod chain_spec;
mod cli;
mod closed_network;
mod command;
mod metrics;
mod network_file;
mod rpc;
mod rpc_nodelay;
mod service;

fn main() {
	// A person reads this: print the error's sentence, not its debug form.
	if let Err(error) = command::run() {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
