//! # Healthnet gatekeeper
//!
//! The document service in front of patients' records. A provider uploads a document sealed on
//! its own machine (`healthnet records put`), and the document keys wrapped for the readers it
//! names; the gatekeeper stores them by content hash and never sees a plaintext or an
//! unwrapped key. A reader proves control of its account key by signing a challenge the
//! gatekeeper issued, and receives a document only when, at the chain's finalized head,
//!
//! 1. the record's entry names the document's hash,
//! 2. the chain's `healthnet_canAccess` allows the reader that entry's resource type for the
//!    purpose it states, and
//! 3. the reader's own `record_access` for that entry and purpose is finalized in the
//!    record's audit trail, within the last [`Config::audit_window`] blocks,
//!
//! so that no document leaves without a line in the audit trail the patient reads. Every
//! refusal is an HTTP status and a sentence.
//!
//! ## Requests
//!
//! - `POST /challenges`: a fresh challenge (hex), good once for a minute.
//! - `PUT /keys/{account}`: the account publishes its X25519 key (signed by itself).
//! - `GET /keys/{account}`: an account's X25519 key, to wrap document keys for it.
//! - `PUT /documents/{hash}?record=R&type=T`: upload a sealed document (signed by an account
//!   the chain allows to read the record's `T` entries for treatment).
//! - `PUT /documents/{hash}/keys/{account}`: add the document key wrapped for another reader
//!   (signed likewise).
//! - `GET /documents/{hash}?record=R&entry=N&purpose=P`: download, as described above; the
//!   body is the sealed document and the `x-healthnet-wrapped-key` header the reader's key.

mod routes;
mod store;

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
}

/// How long an issued challenge may be used.
const CHALLENGE_LIFETIME: Duration = Duration::from_secs(60);

/// The most challenges waiting to be used; more are refused until some expire.
const MAX_CHALLENGES: usize = 10_000;

/// What every request handler shares.
pub struct State {
	/// The documents and keys on disk.
	pub store: Store,
	/// The chain.
	pub chain: Client,
	/// The rules of release.
	pub config: Config,
	challenges: Mutex<HashMap<[u8; 32], Instant>>,
}

impl State {
	/// The gatekeeper's state over `store`, asking `chain`.
	pub fn new(store: Store, chain: Client, config: Config) -> Arc<State> {
		Arc::new(State { store, chain, config, challenges: Mutex::new(HashMap::new()) })
	}

	/// A fresh challenge, or `None` when too many are waiting.
	fn issue_challenge(&self) -> Option<[u8; 32]> {
		let mut challenges = self.challenges.lock().expect("no handler panics holding it");
		let now = Instant::now();
		challenges.retain(|_, issued| now.duration_since(*issued) < CHALLENGE_LIFETIME);
		if challenges.len() >= MAX_CHALLENGES {
			return None;
		}
		let mut challenge = [0u8; 32];
		getrandom::getrandom(&mut challenge).ok()?;
		challenges.insert(challenge, now);
		Some(challenge)
	}

	/// Uses up `challenge`: whether it was issued, unused and unexpired.
	fn take_challenge(&self, challenge: &[u8; 32]) -> bool {
		let mut challenges = self.challenges.lock().expect("no handler panics holding it");
		challenges.remove(challenge).is_some_and(|issued| issued.elapsed() < CHALLENGE_LIFETIME)
	}
}

/// Where the gatekeeper keeps its data, by default.
pub fn default_data_dir() -> PathBuf {
	PathBuf::from("gatekeeper-data")
}
