//! The session with the node a command needs: the connection, the signing key and how long to
//! wait for finality.

use std::time::Duration;

use healthnet_client::{keys, Client, Error, Included, Progress};

/// The session with the node a command needs.
pub struct Session {
	/// The connection to the node.
	pub client: Client,
	suri: Option<String>,
	quiet: bool,
	timeout: Duration,
}

impl Session {
	/// Connects to the node at `url`; with `check_runtime`, refuses a node whose runtime this
	/// build of the tool does not match. `quiet` keeps the transaction progress off standard
	/// error (for `--json`).
	pub async fn open(
		url: &str,
		suri: Option<String>,
		quiet: bool,
		timeout_secs: u64,
		check_runtime: bool,
	) -> Result<Session, Error> {
		let client = if check_runtime {
			Client::connect(url).await?
		} else {
			Client::connect_unchecked(url).await?
		};
		Ok(Session { client, suri, quiet, timeout: Duration::from_secs(timeout_secs) })
	}

	/// Whether progress stays off standard error (`--json`).
	pub fn quiet(&self) -> bool {
		self.quiet
	}

	/// The account of the session's signing key.
	pub fn account(&self) -> Result<subxt::utils::AccountId32, Error> {
		Ok(self.signer()?.public_key().to_account_id())
	}

	/// The X25519 secret that opens documents wrapped for the session's account.
	pub fn encryption_secret(&self) -> Result<[u8; 32], Error> {
		healthnet_client::documents::encryption_secret(self.suri.as_deref().ok_or_else(|| {
			Error::BadKey("give your key with --suri: it also opens your documents".into())
		})?)
	}

	/// The session's signing key.
	pub fn signer(&self) -> Result<subxt_signer::sr25519::Keypair, Error> {
		let suri = self.suri.as_deref().ok_or_else(|| {
			Error::BadKey(
				"this command sends a transaction: give the signing key with --suri (such as \
				 --suri //Alice on a dev chain, or the path of a key file) or set HEALTHNET_SURI"
					.into(),
			)
		})?;
		keys::signer(suri)
	}

	/// Signs `call` with the session's key, submits it, prints its progress (unless quiet) and
	/// waits until it is finalized or the timeout passes.
	pub async fn send<Call: subxt::tx::Payload>(&self, call: Call) -> Result<Included, Error> {
		let signer = self.signer()?;
		let quiet = self.quiet;
		let submitted = self.client.submit(&call, &signer, |step: &Progress| {
			if !quiet {
				eprintln!("healthnet: {step}");
			}
		});
		tokio::time::timeout(self.timeout, submitted).await.map_err(|_| {
			Error::Node(format!(
				"the transaction was not finalized within {} seconds; the network may have \
				 stalled (`healthnet chain info` shows whether blocks are produced and \
				 finalized), or raise --timeout",
				self.timeout.as_secs()
			))
		})?
	}
}
