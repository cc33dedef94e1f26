//! `healthnet-gatekeeper`: serves the document gatekeeper (see the library's documentation).

use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use clap::Parser;
use healthnet_client::{Client, DEFAULT_URL};
use healthnet_gatekeeper::{
	router,
	tls::{TlsFiles, TlsListener},
	Config, State, Store,
};

/// The Healthnet document gatekeeper: keeps documents sealed by their authors and releases one
/// only to a reader the chain allows, once the reader's access is in the audit trail.
#[derive(Parser)]
#[command(name = "healthnet-gatekeeper", version)]
struct Cli {
	/// The node whose finalized head decides every release.
	#[arg(long, default_value = DEFAULT_URL)]
	url: String,
	/// The address to serve on: loopback only without TLS.
	#[arg(long, default_value = "127.0.0.1:8090")]
	listen: SocketAddr,
	/// The certificate chain (PEM, the gatekeeper's own certificate first) to serve HTTPS with;
	/// read again on SIGHUP.
	#[arg(long, requires = "tls_key")]
	tls_certificate: Option<PathBuf>,
	/// The private key (PEM) of the certificate; read again on SIGHUP.
	#[arg(long, requires = "tls_certificate")]
	tls_key: Option<PathBuf>,
	/// Where to keep the documents and keys.
	#[arg(long, default_value_os_t = healthnet_gatekeeper::default_data_dir())]
	data: PathBuf,
	/// How many blocks before the finalized head a reader's recorded access may lie (600
	/// blocks are 30 minutes).
	#[arg(long, default_value_t = 600)]
	audit_window: u32,
	/// The most bytes (documents and wrapped keys) one account may store.
	#[arg(long, default_value_t = 1 << 30)]
	storage_quota: u64,
	/// The most challenges waiting for one account at once.
	#[arg(long, default_value_t = 16)]
	challenges_per_account: usize,
}

/// Connects to the node, waiting up to a minute for it to start answering (`scripts/run` starts
/// both at once).
async fn connect(url: &str) -> anyhow::Result<Client> {
	let mut attempts = 0;
	loop {
		match Client::connect(url).await {
			Ok(client) => return Ok(client),
			Err(healthnet_client::Error::Unreachable { .. }) if attempts < 60 => {
				attempts += 1;
				tokio::time::sleep(std::time::Duration::from_secs(1)).await;
			},
			Err(error) => return Err(error.into()),
		}
	}
}

/// Until the process is asked to stop: Ctrl-C, or SIGTERM from a service manager.
async fn stopped() {
	#[cfg(unix)]
	{
		use tokio::signal::unix::{signal, SignalKind};
		match signal(SignalKind::terminate()) {
			Ok(mut terminate) => tokio::select! {
				_ = tokio::signal::ctrl_c() => {},
				_ = terminate.recv() => {},
			},
			Err(_) => {
				let _ = tokio::signal::ctrl_c().await;
			},
		}
	}
	#[cfg(not(unix))]
	{
		let _ = tokio::signal::ctrl_c().await;
	}
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
	let cli = Cli::parse();
	// Requests carry no secret, but documents, wrapped keys and who asks for which record are
	// the patients': over a network they travel under TLS only.
	let tls = match (cli.tls_certificate, cli.tls_key) {
		(Some(certificate), Some(key)) => {
			let files = TlsFiles { certificate, key };
			// Refuse a bad certificate before anything else starts.
			files.load()?;
			Some(files)
		},
		_ => None,
	};
	if tls.is_none() && !cli.listen.ip().is_loopback() {
		anyhow::bail!(
			"{} is not a loopback address: over a network the gatekeeper serves HTTPS only; give --tls-certificate and --tls-key",
			cli.listen
		);
	}
	let store = Store::open(&cli.data)?;
	let chain = connect(&cli.url).await?;
	let config = Config {
		audit_window: cli.audit_window,
		storage_quota: cli.storage_quota,
		challenges_per_account: cli.challenges_per_account,
	};
	let state = State::new(store, chain, config);
	let listener = tokio::net::TcpListener::bind(cli.listen)
		.await
		.with_context(|| format!("could not listen on {}", cli.listen))?;
	let local = listener.local_addr()?;
	let stop = stopped();
	match tls {
		Some(files) => {
			eprintln!("healthnet-gatekeeper: serving on https://{local} for {}", cli.url);
			axum::serve(TlsListener::new(listener, files)?, router(state))
				.with_graceful_shutdown(stop)
				.await
		},
		None => {
			eprintln!("healthnet-gatekeeper: serving on http://{local} for {}", cli.url);
			axum::serve(listener, router(state)).with_graceful_shutdown(stop).await
		},
	}
	.context("the server stopped")
}
