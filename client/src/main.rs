//! `healthnet`: the command-line tool of Healthnet, for health workers, authorities and
//! validator operators. Every subcommand is one thing a person does on the network; what it
//! reads or what its transaction did is printed as text, or as JSON with `--json`. Every
//! failure is a sentence on standard error and a non-zero exit.
//!
//! The commands live in [`cli`], one module per domain.

mod cli;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
	cli::main().await
}
