//! The dashboard's connection to its node: connects, follows the finalized head, and when the
//! node cannot be reached says why and tries again, so that pages can say so and recover.

use std::{sync::Arc, time::Duration};

use healthnet_client::{export::Registry, Client, Error};
use serde::de::DeserializeOwned;
use subxt::utils::H256;
use tokio::sync::watch;

/// How long the dashboard waits before trying an unreachable node again.
pub const RETRY: Duration = Duration::from_secs(3);

/// How often it asks the node for its finalized head (a block is made every 3 seconds).
const POLL: Duration = Duration::from_millis(750);

/// What the dashboard knows of its node.
#[derive(Clone)]
pub enum Status {
	/// Not connected yet.
	Connecting,
	/// Connected; the finalized head.
	Up {
		/// The connection.
		client: Client,
		/// The finalized head's hash.
		block: H256,
		/// Its number.
		number: u32,
	},
	/// The node cannot be reached, or runs another runtime: why, in a sentence.
	Down(String),
}

/// The node connection, shared by every request.
pub struct Node {
	url: String,
	status: watch::Sender<Status>,
}

impl Node {
	/// Starts following the node at `url` in the background.
	pub fn start(url: &str) -> Arc<Node> {
		let (status, _) = watch::channel(Status::Connecting);
		let node = Arc::new(Node { url: url.to_string(), status });
		tokio::spawn(node.clone().follow());
		node
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The status now.
	pub fn status(&self) -> Status {
		self.status.borrow().clone()
	}

	/// The status now and each change after it.
	pub fn watch(&self) -> watch::Receiver<Status> {
		self.status.subscribe()
	}

	/// The status in a sentence, for a page's header.
	pub fn sentence(&self, status: &Status) -> String {
		match status {
			Status::Connecting => format!("Connecting to the node at {}…", self.url),
			Status::Up { number, .. } => format!("Finalized block #{number}"),
			Status::Down(reason) => format!(
				"The node at {} cannot be reached: {reason}. Retrying every {} seconds.",
				self.url,
				RETRY.as_secs()
			),
		}
	}

	async fn follow(self: Arc<Self>) {
		loop {
			let client = match Client::connect(&self.url).await {
				Ok(client) => client,
				Err(error) => {
					self.down(&error);
					tokio::time::sleep(RETRY).await;
					continue;
				},
			};
			loop {
				match client.finalized_head().await {
					Ok((block, number)) => {
						self.status.send_if_modified(|now| {
							let moved = !matches!(now, Status::Up { block: b, .. } if *b == block);
							if moved {
								*now = Status::Up { client: client.clone(), block, number };
							}
							moved
						});
					},
					Err(error) => {
						self.down(&error);
						break;
					},
				}
				tokio::time::sleep(POLL).await;
			}
			tokio::time::sleep(RETRY).await;
		}
	}

	fn down(&self, error: &Error) {
		let reason = match error {
			Error::Unreachable { reason, .. } => reason.clone(),
			other => other.to_string(),
		};
		let reason = reason.trim_end_matches('.').to_string();
		self.status.send_if_modified(|now| {
			let changed = !matches!(now, Status::Down(r) if *r == reason);
			*now = Status::Down(reason.clone());
			changed
		});
	}
}

/// Why a page cannot show what was asked, in a sentence, with the HTTP status to answer.
#[derive(Debug)]
pub struct Problem {
	/// The HTTP status.
	pub status: u16,
	/// What went wrong and what to do.
	pub sentence: String,
}

impl Problem {
	/// The chain has nothing of what the visitor asked for (a region no one is registered in,
	/// a disease no one reported, a lot never made): a page like any other, answered 200 with
	/// a sentence that says what to do next. A fresh chain is not an error.
	pub fn nothing(sentence: impl Into<String>) -> Problem {
		Problem { status: 200, sentence: sentence.into() }
	}

	/// There is no such page: the one answer 404 is for.
	pub fn no_page(sentence: impl Into<String>) -> Problem {
		Problem { status: 404, sentence: sentence.into() }
	}

	/// The node failed to answer a storage read.
	pub fn unreadable(error: impl std::fmt::Display) -> Problem {
		Problem { status: 502, sentence: format!("The node could not read the chain: {error}.") }
	}

	/// The visitor may not do this: who they are or their role does not allow it.
	pub fn forbidden(sentence: impl Into<String>) -> Problem {
		Problem { status: 403, sentence: sentence.into() }
	}

	/// The visitor's input is malformed.
	pub fn bad_input(sentence: impl Into<String>) -> Problem {
		Problem { status: 400, sentence: sentence.into() }
	}
}

impl From<Error> for Problem {
	fn from(error: Error) -> Problem {
		let status = match error {
			Error::NotFound(_) => 200,
			Error::BadInput(_) => 400,
			_ => 502,
		};
		let sentence = error.to_string();
		Problem { status, sentence: format!("The node could not answer: {sentence}") }
	}
}

/// The most pages of a listing one page of the dashboard reads: 1,000 items.
pub const MAX_PAGES: usize = 10;

/// The chain as one page reads it: every figure at the same finalized block.
pub struct View {
	/// The connection.
	pub client: Client,
	/// The finalized block read.
	pub block: H256,
	/// Its number.
	pub number: u32,
}

impl View {
	/// The view at the finalized head, or why there is none.
	pub fn of(node: &Node) -> Result<View, Problem> {
		match node.status() {
			Status::Up { client, block, number } => Ok(View { client, block, number }),
			status => Err(Problem { status: 503, sentence: node.sentence(&status) }),
		}
	}

	/// Calls the `healthnet_*` method `method` with `params` at this view's block.
	pub async fn rpc<T: DeserializeOwned>(
		&self,
		method: &str,
		params: Vec<serde_json::Value>,
	) -> Result<T, Problem> {
		let mut rpc = subxt_rpcs::client::RpcParams::new();
		for param in params {
			rpc.push(param).map_err(|e| Problem::bad_input(e.to_string()))?;
		}
		rpc.push(self.block).map_err(|e| Problem::bad_input(e.to_string()))?;
		Ok(self.client.request(method, rpc).await?)
	}

	/// The items of at most [`MAX_PAGES`] pages of the listing `method` at the view's block
	/// (`leading` are its own parameters), and whether more follow.
	pub async fn pages<T: DeserializeOwned>(
		&self,
		method: &str,
		leading: &[serde_json::Value],
	) -> Result<(Vec<T>, bool), Problem> {
		Ok(self.client.pages_at(method, leading, self.block, MAX_PAGES).await?)
	}

	/// When block `number` was made (Unix seconds), from its timestamp; `None` if the node
	/// no longer has it.
	pub async fn block_time(&self, number: u32) -> Option<u64> {
		let hash: Option<H256> = self
			.client
			.request("chain_getBlockHash", subxt_rpcs::rpc_params![number])
			.await
			.ok()?;
		let at = self.client.subxt().at_block(hash?).await.ok()?;
		let now = at
			.storage()
			.try_fetch(healthnet_client::api::storage().timestamp().now(), ())
			.await
			.ok()??;
		now.decode().ok().map(|millis: u64| millis / 1000)
	}

	/// The registry at this view's block.
	pub async fn registry(&self) -> Result<Registry, Problem> {
		Ok(self.client.registry_at(self.block).await?)
	}
}
