//! # Healthnet end-to-end harness
//!
//! Starts real `healthnet-node` processes on loopback, each with a temporary base path and
//! free ports, and reads them over JSON-RPC. A node is killed when its [`Node`] is dropped;
//! when a test fails, the node's data directory and log are kept and the end of the log is
//! printed, so that the failure can be understood.
//!
//! The node binary is `$HEALTHNET_NODE` (set by `scripts/test`), or else `healthnet-node` next
//! to the test binary's target directory.
//!
//! The `dev`, `local` and `bench` networks that tests start run [`TEST_SLOT`]s instead of the
//! production block time: the harness writes the node's own spec of that chain with the genesis
//! field `validators.slotDuration`, and sessions of [`TEST_SESSION_LENGTH`] blocks instead of
//! the production hour (`validators.sessionLength`; see [`test_chain_spec`]), so the node under test is the
//! shipped one and only the test network's genesis differs. Spec files run as they are, and so
//! does a chain asked for with [`NodeConfig::production_slot`].

/// The WebDriver client the dashboard's browser test uses (see `Cargo.toml` for why it is here).
pub use fantoccini;
/// The JSON Schema validator the client's FHIR test uses (see `Cargo.toml` for why it is here).
pub use jsonschema;

pub mod chain;
pub mod privacy;
pub mod prometheus;
pub mod runbook;
pub mod runtime_code;
pub mod tls;

use std::{
	fs::File,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context, Result};
use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams},
	http_client::{HttpClient, HttpClientBuilder},
};
use serde_json::Value;

/// How long a node may take to open its RPC port: a debug build compiles the runtime first.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(180);

/// The slot of the `dev` and `local` networks the harness starts: a third of the production
/// block time.
pub const TEST_SLOT: Duration = Duration::from_millis(1_000);

/// Blocks per session of the networks the harness starts, so that a validator change takes
/// effect within seconds.
pub const TEST_SESSION_LENGTH: u32 = 10;

/// The `healthnet-node` binary the tests run.
pub fn node_binary() -> Result<PathBuf> {
	if let Some(path) = std::env::var_os("HEALTHNET_NODE") {
		return Ok(PathBuf::from(path));
	}
	// Test binaries live in `<target>/<profile>/deps/`; the node in `<target>/<profile>/`.
	let exe = std::env::current_exe()?;
	let candidate = exe
		.parent()
		.and_then(Path::parent)
		.map(|dir| dir.join("healthnet-node"))
		.ok_or_else(|| anyhow!("cannot tell the target directory from {}", exe.display()))?;
	if candidate.is_file() {
		Ok(candidate)
	} else {
		bail!(
			"no node binary at {}: build it first (scripts/test does) or set HEALTHNET_NODE",
			candidate.display()
		)
	}
}

/// A binary of the workspace, such as `healthnet-gatekeeper`, from the target directory the
/// tests run from (`scripts/test` builds every binary first).
pub fn workspace_binary(name: &str) -> Result<PathBuf> {
	let exe = std::env::current_exe()?;
	let candidate = exe
		.parent()
		.and_then(Path::parent)
		.map(|dir| dir.join(name))
		.ok_or_else(|| anyhow!("cannot tell the target directory from {}", exe.display()))?;
	if candidate.is_file() {
		Ok(candidate)
	} else {
		bail!("no {name} binary at {}: build it first (scripts/test does)", candidate.display())
	}
}

/// The chain a node of the harness runs for `chain`: for `dev`, `local` and `bench`, the path of the
/// node's spec of that chain with [`TEST_SLOT`] set in its genesis, in raw form; anything else
/// as it is.
/// A spec is written once per node binary, next to the system's temporary files, and shared by
/// every test process (each writes a file of its own and renames it into place).
pub fn test_chain_spec(chain: &str) -> Result<String> {
	if !matches!(chain, "dev" | "local" | "bench") {
		return Ok(chain.to_string());
	}
	let node = node_binary()?;
	let built = std::fs::metadata(&node)?.modified()?.duration_since(std::time::UNIX_EPOCH)?;
	let dir = std::env::temp_dir().join("healthnet-e2e-specs");
	std::fs::create_dir_all(&dir)?;
	let slot = TEST_SLOT.as_millis();
	let name = format!("{chain}-{slot}ms-{}.json", built.as_nanos());
	let path = dir.join(&name);
	if !path.is_file() {
		let spec =
			run_node_command(&["build-spec", "--chain", chain, "--disable-default-bootnode"])?;
		let mut spec: Value = serde_json::from_str(&spec)?;
		let validators = spec
			.pointer_mut("/genesis/runtimeGenesis/patch/validators")
			.and_then(Value::as_object_mut)
			.ok_or_else(|| anyhow!("the node's `{chain}` spec has no validators genesis patch"))?;
		validators.insert("slotDuration".into(), Value::from(slot as u64));
		// Validator changes take effect two sessions after the council decides them: ten
		// blocks a session instead of the production hour.
		validators.insert("sessionLength".into(), Value::from(TEST_SESSION_LENGTH));
		// The raw form, genesis storage written out, so that no node of the test network
		// builds the genesis state again when it starts.
		let plain = dir.join(format!("{name}.{}.plain", std::process::id()));
		std::fs::write(&plain, serde_json::to_vec(&spec)?)?;
		let raw = run_node_command(&["build-spec", "--chain", &plain.to_string_lossy(), "--raw"]);
		let _ = std::fs::remove_file(&plain);
		let part = dir.join(format!("{name}.{}", std::process::id()));
		std::fs::write(&part, raw?)?;
		std::fs::rename(&part, &path)?;
		// Specs of earlier node builds are of no more use.
		for entry in std::fs::read_dir(&dir)?.flatten() {
			let old = entry.file_name().to_string_lossy().into_owned();
			if old.starts_with(&format!("{chain}-")) && old.ends_with(".json") && old != name {
				let _ = std::fs::remove_file(entry.path());
			}
		}
	}
	Ok(path.to_string_lossy().into_owned())
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> Result<u16> {
	Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Runs the node binary with `args` to completion and returns its standard output.
pub fn run_node_command(args: &[&str]) -> Result<String> {
	let output = Command::new(node_binary()?)
		.args(args)
		.stdin(Stdio::null())
		.output()
		.context("could not run the node binary")?;
	if !output.status.success() {
		bail!(
			"`healthnet-node {}` failed: {}",
			args.join(" "),
			String::from_utf8_lossy(&output.stderr)
		);
	}
	Ok(String::from_utf8(output.stdout)?)
}

/// How to start one node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
	/// `dev`, `local`, `bench` (all three with [`TEST_SLOT`]s) or the path of a chain spec.
	pub chain: String,
	/// A well-known development key (`alice`, `bob`, ...) that makes the node a validator.
	pub validator: Option<String>,
	/// Peers to connect to at start, as multiaddresses.
	pub bootnodes: Vec<String>,
	/// Extra command-line arguments.
	pub extra_args: Vec<String>,
	/// Whether a `dev`, `local` or `bench` node runs the production block time rather than
	/// [`TEST_SLOT`]s (the runtime's metadata states the slot, so a check of the metadata
	/// that `scripts/metadata` writes needs it).
	pub production_slot: bool,
	/// A shell command that starts the node instead of the harness's own command line (see
	/// [`NodeConfig::shell`]).
	pub shell: Option<String>,
	/// Environment variables for [`NodeConfig::shell`]'s command.
	pub env: Vec<(String, String)>,
	/// Whether the node serves its Prometheus metrics (on [`Node::metrics_port`]).
	pub metrics: bool,
}

impl NodeConfig {
	/// A node of chain `chain` without a validator key.
	pub fn new(chain: &str) -> Self {
		Self {
			chain: chain.into(),
			validator: None,
			bootnodes: Vec::new(),
			extra_args: Vec::new(),
			production_slot: false,
			shell: None,
			env: Vec::new(),
			metrics: false,
		}
	}

	/// Serves the node's Prometheus metrics on a free port of 127.0.0.1.
	pub fn with_metrics(mut self) -> Self {
		self.metrics = true;
		self
	}

	/// A node started by `command`, a shell command line such as docs/OPERATIONS.md writes
	/// (run by `bash -c "exec COMMAND"`, so the node is the process the harness stops), with
	/// `env` and `HEALTHNET_BASE`, `HEALTHNET_RPC_PORT`, `HEALTHNET_P2P_PORT` and
	/// `HEALTHNET_PROMETHEUS_PORT` set by the harness, the workspace's binaries first on `PATH`.
	/// The command names the chain, ports and keys itself.
	pub fn shell(command: &str, env: Vec<(String, String)>) -> Self {
		Self { shell: Some(command.into()), env, ..Self::new("") }
	}

	/// Runs the chain's own spec, at the production block time.
	pub fn production_slot(mut self) -> Self {
		self.production_slot = true;
		self
	}

	/// Makes the node a validator with the development key `name`.
	pub fn validator(mut self, name: &str) -> Self {
		self.validator = Some(name.into());
		self
	}

	/// Connects the node to `bootnode` at start.
	pub fn bootnode(mut self, bootnode: String) -> Self {
		self.bootnodes.push(bootnode);
		self
	}
}

/// An HTTP JSON-RPC client of the node whose server is on `port` of 127.0.0.1.
fn rpc_client(port: u16) -> Result<HttpClient> {
	Ok(HttpClientBuilder::default()
		.request_timeout(Duration::from_secs(60))
		.build(format!("http://127.0.0.1:{port}"))?)
}

/// A running node process; killed on drop.
pub struct Node {
	config: NodeConfig,
	child: Option<Child>,
	data: Option<tempfile::TempDir>,
	log: PathBuf,
	/// The port of the node's JSON-RPC server on 127.0.0.1.
	pub rpc_port: u16,
	/// The port the node listens on for peers.
	pub p2p_port: u16,
	/// The port of the node's Prometheus metrics on 127.0.0.1, if it serves them.
	pub metrics_port: Option<u16>,
	rpc: HttpClient,
}

impl Node {
	/// Starts a node with a new temporary base path and waits until its RPC server answers.
	pub async fn start(config: NodeConfig) -> Result<Node> {
		Node::start_in(config, Node::data_dir()?, free_port()?).await
	}

	/// A new temporary directory for a node's data: its base path is `base` inside.
	pub fn data_dir() -> Result<tempfile::TempDir> {
		Ok(tempfile::Builder::new().prefix("healthnet-e2e-").tempdir()?)
	}

	/// Starts a node whose data directory is `data` (a base path `base` prepared inside it, or
	/// none yet), listening for peers on `p2p_port`.
	pub async fn start_in(
		config: NodeConfig,
		data: tempfile::TempDir,
		p2p_port: u16,
	) -> Result<Node> {
		let rpc_port = free_port()?;
		let log = data.path().join("node.log");
		let rpc = rpc_client(rpc_port)?;
		let metrics_port = if config.metrics { Some(free_port()?) } else { None };
		let mut node = Node {
			config,
			child: None,
			data: Some(data),
			log,
			rpc_port,
			p2p_port,
			metrics_port,
			rpc,
		};
		node.spawn().await?;
		Ok(node)
	}

	/// How the node is started; a change takes effect at the next [`Node::restart`].
	pub fn config_mut(&mut self) -> &mut NodeConfig {
		&mut self.config
	}

	/// The node's base path.
	pub fn base_path(&self) -> PathBuf {
		self.data.as_ref().map(|d| d.path().join("base")).unwrap_or_default()
	}

	async fn spawn(&mut self) -> Result<()> {
		let mut command = match &self.config.shell {
			Some(shell) => self.shell_command(shell)?,
			None => self.command()?,
		};
		let log = File::options().create(true).append(true).open(&self.log)?;
		let this_start = log.metadata()?.len() as usize;
		command.stdin(Stdio::null()).stdout(log.try_clone()?).stderr(log);
		self.child = Some(command.spawn().context("could not start healthnet-node")?);

		let deadline = Instant::now() + STARTUP_TIMEOUT;
		let mut bound = false;
		loop {
			if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
				bail!("the node exited during start-up ({status}); log:\n{}", self.log_tail(40));
			}
			if !bound {
				bound = self.follow_rpc_port(this_start)?;
			}
			if bound && self.rpc::<Value>("system_health", ArrayParams::new()).await.is_ok() {
				return Ok(());
			}
			if Instant::now() > deadline {
				bail!(
					"the node's RPC did not answer within {STARTUP_TIMEOUT:?}; log:\n{}",
					self.log_tail(40)
				);
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	/// The harness's own command line for the node.
	fn command(&self) -> Result<Command> {
		let mut command = Command::new(node_binary()?);
		command
			.arg("--chain")
			.arg(if self.config.production_slot {
				self.config.chain.clone()
			} else {
				test_chain_spec(&self.config.chain)?
			})
			.arg("--base-path")
			.arg(self.base_path())
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--no-telemetry", "--no-mdns", "--rpc-methods", "unsafe"])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", self.p2p_port)])
			.args(&self.config.extra_args);
		match self.metrics_port {
			Some(port) => command.args(["--prometheus-port", &port.to_string()]),
			None => command.arg("--no-prometheus"),
		};
		if let Some(name) = &self.config.validator {
			// A test node's network key is thrown away with its base path.
			command.arg(format!("--{name}")).arg("--unsafe-force-node-key-generation");
		}
		for bootnode in &self.config.bootnodes {
			command.args(["--bootnodes", bootnode]);
		}
		Ok(command)
	}

	/// [`NodeConfig::shell`]'s command.
	fn shell_command(&self, shell: &str) -> Result<Command> {
		let mut command = Command::new("bash");
		command
			.args(["-c", &format!("exec {}", shell.trim())])
			.env("PATH", runbook::path_with_binaries()?)
			.env("HEALTHNET_BASE", self.base_path())
			.env("HEALTHNET_RPC_PORT", self.rpc_port.to_string())
			.env("HEALTHNET_P2P_PORT", self.p2p_port.to_string())
			.env("HEALTHNET_PROMETHEUS_PORT", free_port()?.to_string())
			.envs(self.config.env.iter().map(|(k, v)| (k, v)));
		Ok(command)
	}

	/// Reads the port the node's RPC server bound from its log since `this_start`, once the node
	/// has written it. `--rpc-port` is a preference, not a promise: when another process took the
	/// port between [`free_port`] and the node's bind, the node quietly binds a random port
	/// (sc-cli sets `retry_random_port` for `--rpc-port`), and a client on the old port would wait
	/// for nothing.
	fn follow_rpc_port(&mut self, this_start: usize) -> Result<bool> {
		let text = std::fs::read(&self.log)?;
		let text = String::from_utf8_lossy(text.get(this_start..).unwrap_or_default());
		let Some(line) =
			text.lines().find_map(|l| l.split("Running JSON-RPC server: addr=").nth(1))
		else {
			return Ok(false);
		};
		let port = line
			.split(|c| c == ',' || c == ' ')
			.next()
			.and_then(|addr| addr.parse::<std::net::SocketAddr>().ok())
			.map(|addr| addr.port())
			.ok_or_else(|| {
				anyhow!("the node logged an RPC address this test cannot read: {line}")
			})?;
		if port != self.rpc_port {
			self.rpc_port = port;
			self.rpc = rpc_client(port)?;
		}
		Ok(true)
	}

	/// Stops the node with SIGINT, as Ctrl-C would, and waits until it has exited.
	pub async fn stop(&mut self) -> Result<()> {
		let Some(mut child) = self.child.take() else { return Ok(()) };
		let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status()?;
		if !status.success() {
			bail!("could not send SIGINT to the node");
		}
		let deadline = Instant::now() + Duration::from_secs(60);
		while child.try_wait()?.is_none() {
			if Instant::now() > deadline {
				child.kill()?;
				bail!("the node did not stop within a minute of SIGINT");
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		Ok(())
	}

	/// Starts the node again on the same base path and ports.
	pub async fn restart(&mut self) -> Result<()> {
		self.stop().await?;
		self.spawn().await
	}

	/// The node's network key, the Ed25519 public key inside its peer id, which the closed
	/// network's allow list names it by.
	pub async fn node_key(&self) -> Result<[u8; 32]> {
		let peer_id: String = self.rpc("system_localPeerId", ArrayParams::new()).await?;
		let bytes = bs58::decode(&peer_id).into_vec()?;
		healthnet_primitives::network::node_key_of(&bytes)
			.ok_or_else(|| anyhow!("the peer id {peer_id} is not an Ed25519 one"))
	}

	/// The multiaddress other nodes use to connect to this one.
	pub async fn multiaddr(&self) -> Result<String> {
		let peer_id: String = self.rpc("system_localPeerId", ArrayParams::new()).await?;
		Ok(format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}", self.p2p_port))
	}

	/// Calls the JSON-RPC method `method` with `params`.
	pub async fn rpc<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: ArrayParams,
	) -> Result<T> {
		self.rpc.request(method, params).await.with_context(|| format!("RPC {method} failed"))
	}

	/// The header of the block `hash`, or of the best block when `None`.
	pub async fn header(&self, hash: Option<&str>) -> Result<Header> {
		let mut params = ArrayParams::new();
		if let Some(hash) = hash {
			params.insert(hash)?;
		}
		let header: Value = self.rpc("chain_getHeader", params).await?;
		Header::from_json(&header)
	}

	/// The hash of the block at `number` on the best chain.
	pub async fn block_hash(&self, number: u32) -> Result<String> {
		let mut params = ArrayParams::new();
		params.insert(number)?;
		let hash: Option<String> = self.rpc("chain_getBlockHash", params).await?;
		hash.ok_or_else(|| anyhow!("the node has no block {number}"))
	}

	/// The number of the best block.
	pub async fn best_number(&self) -> Result<u32> {
		Ok(self.header(None).await?.number)
	}

	/// The number of the last finalized block.
	pub async fn finalized_number(&self) -> Result<u32> {
		let hash: String = self.rpc("chain_getFinalizedHead", ArrayParams::new()).await?;
		Ok(self.header(Some(&hash)).await?.number)
	}

	/// Waits until `condition` holds for the node, checking every second, for at most `timeout`.
	pub async fn wait_until(
		&self,
		what: &str,
		timeout: Duration,
		condition: impl AsyncFn(&Node) -> Result<bool>,
	) -> Result<()> {
		let deadline = Instant::now() + timeout;
		loop {
			if condition(self).await.unwrap_or(false) {
				return Ok(());
			}
			if Instant::now() > deadline {
				bail!(
					"timed out after {timeout:?} waiting until {what}; log:\n{}",
					self.log_tail(30)
				);
			}
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
	}

	/// The last `lines` lines of the node's log.
	pub fn log_tail(&self, lines: usize) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let all: Vec<&str> = text.lines().collect();
		all[all.len().saturating_sub(lines)..].join("\n")
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
		if std::thread::panicking() {
			if let Some(data) = self.data.take() {
				let kept = data.keep();
				eprintln!(
					"node on RPC port {} kept its data and log in {}; the end of its log:\n{}",
					self.rpc_port,
					kept.display(),
					self.log_tail(40)
				);
			}
		}
	}
}

/// The four-validator `local` network: Alice, Bob, Charlie and Dave, each on a node of its
/// own, the others bootnoded to Alice's.
pub struct LocalNetwork {
	/// Alice's node, the one the tests talk to.
	pub alice: Node,
	/// Bob's node.
	pub bob: Node,
	/// Charlie's node.
	pub charlie: Node,
	/// Dave's node.
	pub dave: Node,
	/// Alice's multiaddress, for further nodes to join through.
	pub bootnode: String,
}

impl LocalNetwork {
	/// Starts the four nodes and waits until Alice's has finalized block `finalized`.
	pub async fn start(finalized: u32) -> Result<LocalNetwork> {
		let alice = Node::start(NodeConfig::new("local").validator("alice")).await?;
		let bootnode = alice.multiaddr().await?;
		let joining = |name| NodeConfig::new("local").validator(name).bootnode(bootnode.clone());
		let bob = Node::start(joining("bob")).await?;
		let charlie = Node::start(joining("charlie")).await?;
		let dave = Node::start(joining("dave")).await?;
		alice
			.wait_until(
				&format!("block {finalized} is finalized"),
				Duration::from_secs(180),
				async |n| Ok(n.finalized_number().await? >= finalized),
			)
			.await?;
		Ok(LocalNetwork { alice, bob, charlie, dave, bootnode })
	}
}

/// The fields of a block header the tests look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
	/// The block number.
	pub number: u32,
	/// The state root after the block, as 0x-prefixed hex.
	pub state_root: String,
	/// The Aura slot the block was authored in.
	pub aura_slot: Option<u64>,
}

impl Header {
	fn from_json(header: &Value) -> Result<Header> {
		let field = |name: &str| {
			header[name].as_str().map(str::to_owned).ok_or_else(|| anyhow!("header without {name}"))
		};
		let number = u32::from_str_radix(field("number")?.trim_start_matches("0x"), 16)?;
		let logs = header["digest"]["logs"].as_array().cloned().unwrap_or_default();
		let aura_slot = logs.iter().filter_map(Value::as_str).find_map(aura_slot);
		Ok(Header { number, state_root: field("stateRoot")?, aura_slot })
	}
}

/// The slot of an Aura pre-runtime digest item: `0x06` (pre-runtime), `aura`, a compact length
/// of 8 (`0x20`), then the slot as a little-endian u64.
fn aura_slot(item: &str) -> Option<u64> {
	let bytes = hex_decode(item.trim_start_matches("0x"))?;
	match bytes.as_slice() {
		[6, b'a', b'u', b'r', b'a', 0x20, slot @ ..] if slot.len() == 8 => {
			Some(u64::from_le_bytes(slot.try_into().ok()?))
		},
		_ => None,
	}
}

fn hex_decode(hex: &str) -> Option<Vec<u8>> {
	(0..hex.len())
		.step_by(2)
		.map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn aura_slot_is_read_from_a_pre_runtime_digest() {
		// Slot 0x0102 little-endian, as a dev node writes it.
		assert_eq!(aura_slot("0x0661757261200201000000000000"), Some(0x0102));
		// A seal (0x05) is not a pre-runtime digest.
		assert_eq!(aura_slot("0x0561757261200201000000000000"), None);
	}
}
