//! The `healthnet` command line: the global options, one subcommand per domain, and the run
//! that prints a command's output or its failure.
//!
//! Each domain is a module with its clap subcommand enum, its handlers and its output lines;
//! [`session`] and [`output`] are what they share. A new domain is a new module, a variant of
//! [`Command`] and a line of [`run`].

mod alert;
mod cert;
mod chain;
mod channel;
mod cluster;
mod compare;
mod council;
mod environment;
mod guidance;
mod instrument;
mod load;
mod org;
mod output;
mod population;
mod records;
mod report;
mod session;
mod signals;
mod supply;
mod validator;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use healthnet_client::{Error, DEFAULT_URL};

use output::Output;
use session::Session;

/// Healthnet from the command line: organisations, clusters, disease reports, alerts,
/// guidance, medical records, the supply chain, health certificates, diagnostic instruments,
/// environmental monitors, secured channels, the council and the validators.
#[derive(Parser)]
#[command(name = "healthnet", version, propagate_version = true)]
struct Cli {
	/// The node to talk to.
	#[arg(long, global = true, env = "HEALTHNET_URL", default_value = DEFAULT_URL)]
	url: String,
	/// The signing key for commands that send a transaction: a secret URI (//Alice, a mnemonic
	/// phrase, a 0x seed) or the path of a file holding one.
	#[arg(long, global = true, env = "HEALTHNET_SURI", hide_env_values = true)]
	suri: Option<String>,
	/// Print machine-readable JSON on standard output instead of text.
	#[arg(long, global = true)]
	json: bool,
	/// How many seconds to wait for a transaction to be finalized before giving up.
	#[arg(long, global = true, default_value_t = 120)]
	timeout: u64,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Organisations and their member accounts.
	#[command(subcommand)]
	Org(org::OrgCommand),
	/// Clusters: facilities of one locality with a coordinating organisation.
	#[command(subcommand)]
	Cluster(cluster::ClusterCommand),
	/// Disease case reports, their review and their aggregates.
	#[command(subcommand)]
	Report(report::ReportCommand),
	/// Outbreak thresholds and open alerts.
	#[command(subcommand)]
	Alert(alert::AlertCommand),
	/// Guidance from authorities, and its acknowledgement by facilities.
	#[command(subcommand)]
	Guidance(guidance::GuidanceCommand),
	/// Patients' medical records: enrolment, consent, entries, audited access, emergencies.
	#[command(subcommand)]
	Records(records::RecordsCommand),
	/// The medical supply chain: products, lots, shipments, stock, cold chain, recalls.
	#[command(subcommand)]
	Supply(supply::SupplyCommand),
	/// Health certificates: issuers' keys, issuing, updating, revoking, verifying, QR codes.
	#[command(subcommand)]
	Cert(cert::CertCommand),
	/// Secured channels between chosen organisations: members, documents sealed here and kept
	/// by the gatekeeper, every read audited.
	#[command(subcommand)]
	Channel(channel::ChannelCommand),
	/// Diagnostic instruments: registration with their proof, suspension, what they attested,
	/// the HL7 v2 gateway that signs their results, and the relay of signed batches.
	#[command(subcommand)]
	Instrument(instrument::InstrumentCommand),
	/// Environmental monitors: the gateway that signs gamma dose-rate and PM2.5 days from a
	/// network's CSV, their relay, thresholds, and regions' and clusters' daily levels.
	#[command(subcommand)]
	Environment(environment::EnvironmentCommand),
	/// The council of health authorities and its motions.
	#[command(subcommand)]
	Council(council::CouncilCommand),
	/// The validators and their session keys.
	#[command(subcommand)]
	Validator(validator::ValidatorCommand),
	/// The chain the node follows.
	#[command(subcommand)]
	Chain(chain::ChainCommand),
	/// Signals over a region's or cluster's daily confirmed cases, read at the finalized head:
	/// EARS C1, C2, C3, Farrington flexible, the reproduction number Rt, the growth rate,
	/// lineages (docs/SIGNALS.md).
	Signals(signals::SignalsArgs),
	/// Regions and clusters side by side: population, cases, incidence per 100,000, Rt,
	/// growth and completeness, read at one finalized block (docs/SIGNALS.md).
	Compare(compare::CompareArgs),
	/// The population of a region or cluster, the denominator of its rates.
	#[command(subcommand)]
	Population(population::PopulationCommand),
	/// Throughput and latency of a bench chain on this machine (`healthnet-node --chain
	/// bench`), for reports and for transfers.
	Load(load::LoadArgs),
}

/// Parses the command line, runs the command and prints what it did (as JSON with `--json`),
/// or its failure as one sentence on standard error.
pub async fn main() -> ExitCode {
	let cli = Cli::parse();
	let json = cli.json;
	match run(cli).await {
		Ok(output) => {
			output.print(json);
			ExitCode::SUCCESS
		},
		Err(error) => {
			eprintln!("healthnet: {error}");
			ExitCode::FAILURE
		},
	}
}

async fn run(cli: Cli) -> Result<Output, Error> {
	// Only `chain info` talks to a node whose runtime this build does not match: to say so;
	// and `load`, which also drives a release node built with benchmarks (whose metadata adds
	// the benchmarking API) and which subxt checks call by call as it signs.
	// A patient's device signs a statement offline: it reaches the node only to read the
	// record's next nonce, when not given one.
	if let Command::Records(records::RecordsCommand::Consent(records::ConsentCommand::Sign(args))) =
		cli.command
	{
		return records::sign_offline(&cli.url, args).await;
	}
	// A facility member's device signs a report offline: no node is needed, or reached.
	if let Command::Report(report::ReportCommand::Sign(args)) = cli.command {
		return report::sign_offline(args, cli.suri);
	}
	if let Command::Report(report::ReportCommand::SignForm(args)) = cli.command {
		return report::edge::sign_form_offline(args, cli.suri);
	}
	// An instrument's proof, and the gateway given the chain's genesis and a batch number, are
	// made where the instrument's key is, with no node.
	if let Command::Instrument(command) = cli.command {
		if instrument::runs_without_session(&command) {
			return instrument::run_without_session(command);
		}
		let session = Session::open(&cli.url, cli.suri, cli.json, cli.timeout, true).await?;
		return instrument::run(&session, command).await;
	}
	if let Command::Environment(command) = cli.command {
		if environment::runs_without_session(&command) {
			return environment::run_without_session(command);
		}
		let session = Session::open(&cli.url, cli.suri, cli.json, cli.timeout, true).await?;
		return environment::run(&session, command).await;
	}
	// A verifier decides for itself whether the node is reachable (else it checks offline),
	// and a QR code needs no node.
	if let Command::Cert(command) = cli.command {
		if cert::runs_without_session(&command) {
			return cert::run_without_session(&cli.url, command).await;
		}
		let session = Session::open(&cli.url, cli.suri, cli.json, cli.timeout, true).await?;
		return cert::run(&session, command).await;
	}
	let check_runtime = !matches!(cli.command, Command::Chain(_) | Command::Load(_));
	if matches!(cli.command, Command::Load(_)) {
		healthnet_client::load::ensure_loopback(&cli.url)?;
	}
	let session = Session::open(&cli.url, cli.suri, cli.json, cli.timeout, check_runtime).await?;
	match cli.command {
		Command::Org(command) => org::run(&session, command).await,
		Command::Cluster(command) => cluster::run(&session, command).await,
		Command::Report(command) => report::run(&session, command).await,
		Command::Alert(command) => alert::run(&session, command).await,
		Command::Guidance(command) => guidance::run(&session, command).await,
		Command::Records(command) => records::run(&session, command).await,
		Command::Supply(command) => supply::run(&session, command).await,
		Command::Cert(_) => unreachable!("`cert` commands ran above"),
		Command::Instrument(_) => unreachable!("`instrument` commands ran above"),
		Command::Environment(_) => unreachable!("`environment` commands ran above"),
		Command::Council(command) => council::run(&session, command).await,
		Command::Validator(command) => validator::run(&session, command).await,
		Command::Signals(args) => signals::run(&session, args).await,
		Command::Compare(args) => compare::run(&session, args).await,
		Command::Population(command) => population::run(&session, command).await,
		Command::Channel(command) => channel::run(&session, command).await,
		Command::Chain(command) => chain::run(&session, command).await,
		Command::Load(args) => load::run(&session, args).await,
	}
}

#[cfg(test)]
mod tests {
	use clap::CommandFactory;

	#[test]
	fn the_command_line_is_well_formed() {
		// Clap checks its rules (unique names, valid defaults) only when a command is built.
		super::Cli::command().debug_assert();
	}
}
