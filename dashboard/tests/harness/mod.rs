//! What the browser test drives: the `healthnet-dashboard` binary on a free port, Debian's
//! Chromium under ChromeDriver, and plain HTTP requests to the dashboard.

use std::{
	path::{Path, PathBuf},
	process::Stdio,
	time::{Duration, Instant},
};

use anyhow::{bail, ensure, Context, Result};
use healthnet_e2e::fantoccini::{
	error::CmdError, wd::WebDriverCompatibleCommand, Client as Browser, ClientBuilder, Locator,
};
use healthnet_e2e::free_port;
use serde_json::{json, Value};
use tokio::process::{Child, Command};

/// How long a page may take to show what the test waits for.
pub const PATIENCE: Duration = Duration::from_secs(45);

/// `healthnet-dashboard --url <url> [args]` on a free port; killed on drop.
pub struct Dashboard {
	process: Option<Child>,
	/// Where it serves: `http://127.0.0.1:<port>`.
	pub base: String,
	/// Its port.
	pub port: u16,
	url: String,
	args: Vec<String>,
}

impl Dashboard {
	pub async fn start(url: &str, args: &[&str]) -> Result<Dashboard> {
		let port = free_port()?;
		let mut dashboard = Dashboard {
			process: None,
			base: format!("http://127.0.0.1:{port}"),
			port,
			url: url.into(),
			args: args.iter().map(|a| a.to_string()).collect(),
		};
		dashboard.start_again().await?;
		Ok(dashboard)
	}

	/// Stops it, as a crash or a restart does: its sessions and writes are gone with it.
	pub async fn stop(&mut self) -> Result<()> {
		if let Some(mut process) = self.process.take() {
			process.kill().await?;
		}
		Ok(())
	}

	/// Starts it (again) on its port, and waits until it serves pages.
	pub async fn start_again(&mut self) -> Result<()> {
		let (port, base) = (self.port, &self.base);
		let process = Command::new(env!("CARGO_BIN_EXE_healthnet-dashboard"))
			.args(["--url", &self.url, "--listen", &format!("127.0.0.1:{port}")])
			.args(&self.args)
			.stdout(Stdio::null())
			.kill_on_drop(true)
			.spawn()
			.context("could not start healthnet-dashboard")?;
		self.process = Some(process);
		let deadline = Instant::now() + PATIENCE;
		while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
			ensure!(Instant::now() < deadline, "the dashboard did not listen on {base}");
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		// It listens before it has reached the node: until then every page answers 503
		// ("Connecting to the node…") and refreshes itself once connected. Wait for that, so
		// that what the test reads first is a page, not the wait.
		loop {
			let (status, _) = get(port, "/network").await?;
			if status != 503 {
				ensure!(status == 200, "{base}/network answered {status}");
				break;
			}
			ensure!(Instant::now() < deadline, "the dashboard at {base} never reached the node");
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		Ok(())
	}
}

/// ChromeDriver's log of the browser's console (the legacy endpoint ChromeDriver keeps).
#[derive(Debug)]
struct ConsoleLog;

impl WebDriverCompatibleCommand for ConsoleLog {
	fn endpoint(
		&self,
		base: &url::Url,
		session: Option<&str>,
	) -> Result<url::Url, url::ParseError> {
		base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
	}

	fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
		(http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
	}
}

impl Drop for Chromium {
	fn drop(&mut self) {
		if let Some(group) = self._driver.id() {
			let _ = std::process::Command::new("kill")
				.args(["-KILL", "--", &format!("-{group}")])
				.status();
		}
	}
}

/// Headless Chromium under ChromeDriver; both stop when dropped.
pub struct Chromium {
	/// The WebDriver session.
	pub browser: Browser,
	_driver: Child,
	/// Where screenshots are written.
	pub shots: PathBuf,
}

impl Chromium {
	pub async fn start() -> Result<Chromium> {
		let chromium = std::env::var("HEALTHNET_CHROMIUM").unwrap_or("/usr/bin/chromium".into());
		let chromedriver =
			std::env::var("HEALTHNET_CHROMEDRIVER").unwrap_or("/usr/bin/chromedriver".into());
		for program in [&chromium, &chromedriver] {
			ensure!(Path::new(program).exists(), "{program} is missing: run scripts/setup");
		}
		let port = free_port()?;
		// In a process group of its own with the browser it starts, so that both go when the
		// test ends, even when it fails before closing the session.
		let driver = Command::new(&chromedriver)
			.arg(format!("--port={port}"))
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.process_group(0)
			.kill_on_drop(true)
			.spawn()
			.context("could not start chromedriver")?;
		let profile = tempfile::tempdir()?;
		// Without the background-networking flags Chromium keeps calling Google's hosts.
		let args = [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
			"--window-size=1280,1000",
			&format!("--user-data-dir={}", profile.path().display()),
		];
		let mut capabilities = serde_json::Map::new();
		capabilities
			.insert("goog:chromeOptions".into(), json!({ "binary": chromium, "args": args }));
		capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
		let deadline = Instant::now() + PATIENCE;
		let browser = loop {
			let connector = hyper_util::client::legacy::connect::HttpConnector::new();
			match ClientBuilder::new(connector)
				.capabilities(capabilities.clone())
				.connect(&format!("http://127.0.0.1:{port}"))
				.await
			{
				Ok(browser) => break browser,
				Err(error) if Instant::now() > deadline => {
					bail!("ChromeDriver did not start: {error}")
				},
				Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
			}
		};
		std::mem::forget(profile);
		let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dashboard-screenshots");
		std::fs::create_dir_all(&shots)?;
		Ok(Chromium { browser, _driver: driver, shots })
	}

	/// Opens `url` and waits until its content is there.
	pub async fn open(&self, url: &str) -> Result<()> {
		self.browser.goto(url).await?;
		self.browser
			.wait()
			.at_most(PATIENCE)
			.for_element(Locator::Css("main#content"))
			.await
			.with_context(|| format!("{url} has no content"))?;
		Ok(())
	}

	/// Clicks `button`, a form's submit, and waits for `shows` on the page the form leads to.
	/// ChromeDriver answers a command that the form's navigation interrupts with "aborted by
	/// navigation" (seen on a loaded machine), which says nothing about the element: it asks
	/// again, as for an element not there yet.
	pub async fn submit(&self, button: &str, shows: &str) -> Result<()> {
		match self.browser.find(Locator::Css(button)).await?.click().await {
			Err(error) if !interrupted(&error) => return Err(error.into()),
			_ => {},
		}
		let deadline = Instant::now() + PATIENCE;
		loop {
			match self.browser.find(Locator::Css(shows)).await {
				Ok(_) => return Ok(()),
				Err(error) if error.is_no_such_element() || interrupted(&error) => {
					ensure!(Instant::now() < deadline, "{button} never led to {shows}");
					tokio::time::sleep(Duration::from_millis(200)).await;
				},
				Err(error) => return Err(error.into()),
			}
		}
	}

	/// The console's messages since the last call.
	pub async fn console(&self) -> Result<Vec<Value>> {
		let log = self.browser.issue_cmd(ConsoleLog).await?;
		Ok(log.as_array().cloned().unwrap_or_default())
	}

	/// Fails on any console error since the last call.
	pub async fn no_console_errors(&self, page: &str) -> Result<()> {
		let errors: Vec<Value> =
			self.console().await?.into_iter().filter(|m| m["level"] == "SEVERE").collect();
		ensure!(errors.is_empty(), "{page}: console errors {errors:?}");
		Ok(())
	}

	/// The rendered text of the first element `css` selects. Read in one script: the page
	/// replaces its content as blocks finalize, so an element found first may be gone when read.
	pub async fn text(&self, css: &str) -> Result<String> {
		let script =
			"const e = document.querySelector(arguments[0]); return e ? e.innerText : null";
		let text = self.browser.execute(script, vec![json!(css)]).await?;
		text.as_str().map(str::to_string).with_context(|| format!("the page has no {css}"))
	}

	/// Attribute `name` of the first element `css` selects, read in one script.
	pub async fn attr(&self, css: &str, name: &str) -> Result<String> {
		let script = "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null";
		let value = self.browser.execute(script, vec![json!(css), json!(name)]).await?;
		value
			.as_str()
			.map(str::to_string)
			.with_context(|| format!("the page has no {css} with {name}"))
	}

	pub async fn js(&self, script: &str) -> Result<Value> {
		Ok(self.browser.execute(script, vec![]).await?)
	}

	pub async fn screenshot(&self, name: &str) -> Result<()> {
		let png = self.browser.screenshot().await?;
		std::fs::write(self.shots.join(format!("{name}.png")), png)?;
		Ok(())
	}

	/// Waits until `check` holds of the page, without navigating.
	pub async fn until(&self, what: &str, check: &str) -> Result<()> {
		let deadline = Instant::now() + PATIENCE;
		loop {
			match self.browser.execute(check, vec![]).await {
				Ok(Value::Bool(true)) => return Ok(()),
				Ok(_) => {},
				Err(error) if interrupted(&error) => {},
				Err(error) => return Err(error.into()),
			}
			ensure!(Instant::now() < deadline, "the page never showed {what}");
			tokio::time::sleep(Duration::from_millis(300)).await;
		}
	}
}

/// Whether ChromeDriver gave up on a command because the page navigated meanwhile (a form's
/// submit, a script's `location.assign`): no answer about the page, to be asked again.
fn interrupted(error: &CmdError) -> bool {
	error.to_string().contains("aborted by navigation")
}

/// `GET path` on the dashboard at 127.0.0.1:`port`: its status and body.
pub async fn get(port: u16, path: &str) -> Result<(u16, String)> {
	let (status, _, body) = request(port, "GET", path, &[], "").await?;
	Ok((status, body))
}

/// `method path` on the dashboard at 127.0.0.1:`port` with `headers` and `body`: its status,
/// head and body.
pub async fn request(
	port: u16,
	method: &str,
	path: &str,
	headers: &[(&str, &str)],
	body: &str,
) -> Result<(u16, String, String)> {
	use tokio::io::{AsyncReadExt, AsyncWriteExt};
	let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
	let mut head = format!(
		"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
		body.len()
	);
	for (name, value) in headers {
		head.push_str(&format!("{name}: {value}\r\n"));
	}
	stream.write_all(format!("{head}\r\n{body}").as_bytes()).await?;
	let mut answer = Vec::new();
	stream.read_to_end(&mut answer).await?;
	let answer = String::from_utf8_lossy(&answer).into_owned();
	let status = answer
		.get(9..12)
		.and_then(|code| code.parse().ok())
		.with_context(|| format!("the dashboard answered {answer:?}"))?;
	let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
	Ok((status, head.to_string(), body.to_string()))
}

/// A wallet for the browser, injected through the standard `window.injectedWeb3`: it shares
/// one account, and its signer asks this process, which holds the key, to sign: raw bytes
/// with the `<Bytes>` wrapping every wallet adds (`signRaw`), and transactions from the fields
/// of their payload, encoded here as a wallet encodes them (`signPayload`). Stops when dropped.
pub struct TestWallet {
	/// The account it shares.
	pub address: String,
	port: u16,
	task: tokio::task::JoinHandle<()>,
}

impl TestWallet {
	/// A wallet holding `suri`'s key.
	pub async fn start(suri: &str) -> Result<TestWallet> {
		use tokio::io::{AsyncReadExt, AsyncWriteExt};
		let key = healthnet_client::keys::signer(suri)?;
		let address = key.public_key().to_account_id().to_string();
		let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
		let port = listener.local_addr()?.port();
		let task = tokio::spawn(async move {
			while let Ok((mut stream, _)) = listener.accept().await {
				let mut request = Vec::new();
				let mut buffer = [0u8; 4096];
				// A request is small: read until its body (hex of the sentence) is whole.
				while let Ok(n) = stream.read(&mut buffer).await {
					if n == 0 {
						break;
					}
					request.extend_from_slice(&buffer[..n]);
					let text = String::from_utf8_lossy(&request);
					if let Some((head, body)) = text.split_once("\r\n\r\n") {
						let length = head
							.lines()
							.find_map(|l| {
								l.to_lowercase()
									.strip_prefix("content-length:")
									.map(|v| v.trim().parse::<usize>().unwrap_or(0))
							})
							.unwrap_or(0);
						if body.len() >= length {
							break;
						}
					}
				}
				let text = String::from_utf8_lossy(&request).into_owned();
				let (head, data) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
				let signature = if head.starts_with("POST /payload") {
					// A transaction: the bytes encoded here from the payload's fields, as a
					// wallet does, never taken from the dashboard.
					match serde_json::from_str(data.trim())
						.map_err(anyhow::Error::from)
						.and_then(|payload: serde_json::Value| signing_bytes(&payload))
					{
						Ok(bytes) => format!("0x01{}", hex::encode(key.sign(&bytes).0)),
						Err(refusal) => format!("refused: {refusal}"),
					}
				} else {
					let message =
						hex::decode(data.trim().trim_start_matches("0x")).unwrap_or_default();
					let wrapped = [b"<Bytes>".as_slice(), &message, b"</Bytes>"].concat();
					format!("0x{}", hex::encode(key.sign(&wrapped).0))
				};
				let answer = format!(
					"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{signature}",
					signature.len()
				);
				let _ = stream.write_all(answer.as_bytes()).await;
			}
		});
		Ok(TestWallet { address, port, task })
	}

	/// The script that injects the wallet into the open page.
	pub fn injection(&self) -> String {
		format!(
			"window.injectedWeb3 = {{ 'healthnet-test-wallet': {{ version: '1.0.0', enable: async () => ({{\
			 accounts: {{ get: async () => [{{ address: '{address}', name: 'Test wallet' }}] }},\
			 signer: {{ signRaw: async ({{ data }}) => {{\
			   const answer = await fetch('http://127.0.0.1:{port}/sign', {{ method: 'POST', body: data }});\
			   return {{ id: 1, signature: await answer.text() }}; }},\
			   signPayload: async (payload) => {{\
			   const answer = await fetch('http://127.0.0.1:{port}/payload', {{ method: 'POST', body: JSON.stringify(payload) }});\
			   const signature = await answer.text();\
			   if (!signature.startsWith('0x')) {{ throw new Error(signature); }}\
			   return {{ id: 2, signature }}; }} }} }}) }} }}; return true;",
			address = self.address,
			port = self.port
		)
	}
}

/// The runtime's transaction extensions as this wallet knows them, in order: those that add
/// nothing to the payload, and those it encodes. A payload naming another is refused, as a
/// wallet refuses what it cannot show.
const EXTENSIONS: [&str; 10] = [
	"CheckNonZeroSender",
	"CheckMembership",
	"CheckSpecVersion",
	"CheckTxVersion",
	"CheckGenesis",
	"CheckMortality",
	"CheckNonce",
	"CheckWeight",
	"ChargeTransactionPayment",
	"WeightReclaim",
];

/// The bytes a wallet signs for a `signPayload` request (polkadot{.js}'s `SignerPayloadJSON`):
/// the call, then what the extensions carry (era, nonce, tip), then what they check without
/// carrying (spec and transaction versions, genesis, the era's block); hashed beyond 256 bytes.
pub fn signing_bytes(payload: &Value) -> Result<Vec<u8>> {
	use subxt::ext::codec::{Compact, Encode};
	let extensions: Vec<&str> = payload["signedExtensions"]
		.as_array()
		.context("the payload names its extensions")?
		.iter()
		.filter_map(Value::as_str)
		.collect();
	ensure!(extensions == EXTENSIONS, "this wallet does not know the extensions {extensions:?}");
	ensure!(payload["version"] == 4, "this wallet signs version 4 transactions");
	let field = |name: &str| -> Result<Vec<u8>> {
		let text = payload[name].as_str().with_context(|| format!("the payload's {name}"))?;
		Ok(hex::decode(text.trim_start_matches("0x"))?)
	};
	let number = |name: &str| -> Result<u128> {
		let text = payload[name].as_str().with_context(|| format!("the payload's {name}"))?;
		Ok(u128::from_str_radix(text.trim_start_matches("0x"), 16)?)
	};
	let mut bytes = field("method")?;
	bytes.extend(field("era")?);
	Compact(u64::try_from(number("nonce")?)?).encode_to(&mut bytes);
	Compact(number("tip")?).encode_to(&mut bytes);
	u32::try_from(number("specVersion")?)?.encode_to(&mut bytes);
	u32::try_from(number("transactionVersion")?)?.encode_to(&mut bytes);
	bytes.extend(field("genesisHash")?);
	bytes.extend(field("blockHash")?);
	Ok(if bytes.len() > 256 { sp_crypto_hashing::blake2_256(&bytes).to_vec() } else { bytes })
}

impl Drop for TestWallet {
	fn drop(&mut self) {
		self.task.abort();
	}
}
