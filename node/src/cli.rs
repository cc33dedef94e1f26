//! The node's command line.

use sc_cli::RunCmd;

/// `healthnet-node [SUBCOMMAND] [OPTIONS]`: without a subcommand, runs the node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: RunCmd,

	/// How many blocks behind the best block a validator's finality votes stay: 0 by default,
	/// the best block itself, final once the validators' votes on it complete, where
	/// Substrate's default of 2 adds two blocks (6 s) to every transaction's time to finality.
	#[arg(long, value_name = "BLOCKS", default_value_t = 0)]
	pub finality_lag: u32,
}

/// What the node can do besides running.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate keys, inspect them, insert them into the keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Write a chain spec (`--raw` for the form nodes share) to standard output.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Check that a block imports.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state at a block as a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Delete the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: pallet weights, the base weights of blocks and extrinsics, storage, blocks
	/// and this machine.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Benchmarks, in a node built with `--features runtime-benchmarks` (scripts/bench builds
	/// one); this node says so.
	#[cfg(not(feature = "runtime-benchmarks"))]
	Benchmark(NoBenchmarks),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// What `benchmark` takes in a node built without the benchmarks: anything, to refuse it with
/// a sentence rather than a parse error.
#[cfg(not(feature = "runtime-benchmarks"))]
#[derive(Debug, clap::Args)]
pub struct NoBenchmarks {
	/// The benchmark and its options.
	#[arg(trailing_var_arg = true, allow_hyphen_values = true)]
	pub args: Vec<String>,
}
