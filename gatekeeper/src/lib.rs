//! # Healthnet gatekeeper
//!
//! The document service in front of patients' records and of secured channels' documents. A provider adds an entry naming a
//! document's hash on the chain, then uploads the document sealed on its own machine
//! (`healthnet records put`) and the document key wrapped for the readers it names; the
//! gatekeeper stores them by content hash and never sees a plaintext or an unwrapped key. It
//! trusts no caller: every rule below is checked against the chain's finalized head.
//!
//! - **Authorship.** A document is stored only for the organisation whose finalized entry
//!   names its hash, signed by one of its member accounts; a document once stored keeps its
//!   record and entry for good. A wrapped key for a reader is written only by the entry's
//!   author organisation, once per (document, reader): nobody can overwrite a reader's key.
//! - **Release.** A reader receives a document only when the entry names it, the chain's
//!   `healthnet_canAccess` allows the reader that entry's resource type for the purpose it
//!   states, and the chain's `healthnet_auditedAccess` shows the reader's own `record_access`
//!   of that entry for that purpose within the last [`Config::audit_window`] blocks, whatever
//!   the length of the trail. No document leaves without a line the patient reads.
//! - **Keys that cannot be swapped.** An account publishes its X25519 key with its own
//!   signature; the gatekeeper checks it, serves both, and clients check it again.
//! - **No account can starve another.** Challenges are issued to a named account the chain
//!   knows (a member, or a patient's key), at most [`Config::challenges_per_account`] waiting
//!   per account; stored bytes count against the uploading account's
//!   [`Config::storage_quota`].
//!
//! Every refusal is an HTTP status and a sentence.
//!
//! ## Transport
//!
//! With `--tls-certificate` and `--tls-key` (PEM files) the gatekeeper serves HTTPS (rustls,
//! TLS 1.2 and 1.3) on any address and reads both files again on `SIGHUP`; without them it
//! serves plain HTTP and refuses any address but loopback. Requests carry no secret, but which
//! account asks for which record's documents is itself health information.
//!
//! ## Requests
//!
//! - `POST /challenges?account=SS58`: a fresh challenge (hex) for that account, good once for a
//!   minute.
//! - `PUT /keys/{account}`: the account publishes its X25519 key and its signature of it.
//! - `GET /keys/{account}`: an account's key and signature, to check and then wrap for it.
//! - `PUT /documents/{hash}?record=R&entry=N`: upload the sealed document of entry `N`.
//! - `PUT /documents/{hash}/keys/{account}`: add the document key wrapped for a reader.
//! - `GET /documents/{hash}?record=R&entry=N&purpose=P`: download, as described above; the
//!   body is the sealed document and the `x-healthnet-wrapped-key` header the reader's key.
//! - `PUT /channels/{channel}/documents/{index}`: a secured channel's member uploads the sealed
//!   document it shared (the finalized `share_document` names its hash and its organisation).
//! - `PUT /channels/{channel}/documents/{index}/keys/{account}`: its author adds the key
//!   wrapped for an account the chain says may read the channel now, never for another.
//! - `GET /channels/{channel}/documents/{index}`: released to an account that may read the
//!   channel and whose `record_read` of the document lies within [`Config::audit_window`].

mod channels;
mod routes;
mod store;
pub mod tls;

use std::{
	collections::HashMap,
	path::PathBuf,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use healthnet_client::Client;

pub use routes::router;
pub use store::Store;

/// How the gatekeeper runs.
#[derive(Clone, Debug)]
pub struct Config {
	/// How many blocks before the finalized head a reader's audited access may lie.
	pub audit_window: u32,
	/// The most bytes (documents and wrapped keys) one account may have stored.
	pub storage_quota: u64,
	/// The most challenges waiting for one account.
	pub challenges_per_account: usize,
}

impl Default for Config {
	fn default() -> Config {
		Config { audit_window: 600, storage_quota: 1 << 30, challenges_per_account: 16 }
	}
}

/// How long an issued challenge may be used.
const CHALLENGE_LIFETIME: Duration = Duration::from_secs(60);

/// What every request handler shares.
pub struct State {
	/// The documents and keys on disk.
	pub store: Store,
	/// The chain.
	pub chain: Client,
	/// The rules of release.
	pub config: Config,
	/// The challenges waiting, per account.
	challenges: Mutex<HashMap<[u8; 32], Vec<([u8; 32], Instant)>>>,
}

impl State {
	/// The gatekeeper's state over `store`, asking `chain`.
	pub fn new(store: Store, chain: Client, config: Config) -> Arc<State> {
		Arc::new(State { store, chain, config, challenges: Mutex::new(HashMap::new()) })
	}

	/// A fresh challenge for `account`, or `None` when as many as allowed are waiting for it.
	fn issue_challenge(&self, account: &[u8; 32]) -> Option<[u8; 32]> {
		let mut challenges = self.challenges.lock().expect("no handler panics holding it");
		let now = Instant::now();
		let waiting = challenges.entry(*account).or_default();
		waiting.retain(|(_, issued)| now.duration_since(*issued) < CHALLENGE_LIFETIME);
		if waiting.len() >= self.config.challenges_per_account {
			return None;
		}
		let mut challenge = [0u8; 32];
		getrandom::getrandom(&mut challenge).ok()?;
		waiting.push((challenge, now));
		Some(challenge)
	}

	/// Whether `challenge` was issued to `account` and is still unused and unexpired.
	fn challenge_waiting(&self, account: &[u8; 32], challenge: &[u8; 32]) -> bool {
		let challenges = self.challenges.lock().expect("no handler panics holding it");
		challenges.get(account).is_some_and(|waiting| {
			waiting
				.iter()
				.any(|(c, issued)| c == challenge && issued.elapsed() < CHALLENGE_LIFETIME)
		})
	}

	/// Uses up `challenge` of `account`: whether it was issued to it, unused and unexpired.
	fn take_challenge(&self, account: &[u8; 32], challenge: &[u8; 32]) -> bool {
		let mut challenges = self.challenges.lock().expect("no handler panics holding it");
		let Some(waiting) = challenges.get_mut(account) else { return false };
		let Some(at) = waiting.iter().position(|(c, _)| c == challenge) else { return false };
		let (_, issued) = waiting.swap_remove(at);
		if waiting.is_empty() {
			challenges.remove(account);
		}
		issued.elapsed() < CHALLENGE_LIFETIME
	}
}

/// Where the gatekeeper keeps its data, by default.
pub fn default_data_dir() -> PathBuf {
	PathBuf::from("gatekeeper-data")
}
