//! The records test's gatekeeper: a real `healthnet-gatekeeper` process serving HTTPS on every
//! interface with a certificate of the test's own authority, what its TLS refuses, a renewed
//! certificate taken up on SIGHUP, and a trail made busy by another organisation's writes.

use std::{
	fmt,
	process::{Child, Command, Stdio},
	time::Duration,
};

use anyhow::{ensure, Context, Result};
use healthnet_client::gatekeeper::Gatekeeper as Remote;
use healthnet_e2e::{
	free_port,
	tls::{ServerFiles, TestAuthority},
	workspace_binary,
};
use subxt::{config::DefaultExtrinsicParamsBuilder, utils::H256, PolkadotConfig};
use subxt_rpcs::rpc_params;

/// A gatekeeper process on a free port, stopped when dropped.
pub struct Gatekeeper {
	child: Child,
	/// `https://localhost:<port>`.
	pub url: String,
	/// Its documents and keys.
	pub data: tempfile::TempDir,
	/// Its certificate, its key and the authority that signed it.
	pub tls: ServerFiles,
	_tls_dir: tempfile::TempDir,
}

impl fmt::Display for Gatekeeper {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.url)
	}
}

impl Gatekeeper {
	/// Serves HTTPS on 0.0.0.0 (any address needs TLS) for the node at `rpc_port`.
	pub async fn start(rpc_port: u16) -> Result<Gatekeeper> {
		let data = tempfile::tempdir()?;
		let tls_dir = tempfile::tempdir()?;
		let tls = TestAuthority::new("Healthnet test authority")?.issue(tls_dir.path(), "gk")?;
		let port = free_port()?;
		let child = Command::new(workspace_binary("healthnet-gatekeeper")?)
			.args(["--url", &format!("ws://127.0.0.1:{rpc_port}")])
			.args(["--listen", &format!("0.0.0.0:{port}")])
			.arg("--tls-certificate")
			.arg(&tls.certificate)
			.arg("--tls-key")
			.arg(&tls.key)
			.arg("--data")
			.arg(data.path())
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.context("could not start healthnet-gatekeeper")?;
		let url = format!("https://localhost:{port}");
		for _ in 0..100 {
			if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
				return Ok(Gatekeeper { child, url, data, tls, _tls_dir: tls_dir });
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
		anyhow::bail!("the gatekeeper did not listen on {url} within 20 seconds")
	}

	/// The authority file, for `healthnet … --gatekeeper-ca`.
	pub fn ca(&self) -> &str {
		self.tls.authority.to_str().expect("a UTF-8 temporary path")
	}

	/// The client library's handle on this gatekeeper, trusting the test authority.
	pub fn remote(&self) -> Result<Remote> {
		Ok(Remote::trusting(&self.url, Some(&std::fs::read(&self.tls.authority)?))?)
	}

	/// A plain HTTP client that trusts the test authority, for hand-made requests.
	pub fn http(&self) -> Result<reqwest::Client> {
		let authority = reqwest::Certificate::from_pem(&std::fs::read(&self.tls.authority)?)?;
		Ok(reqwest::Client::builder().add_root_certificate(authority).build()?)
	}
}

impl Drop for Gatekeeper {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// What the transport refuses: a client that does not trust the gatekeeper's authority, plain
/// HTTP to it, plain HTTP to a host other than this machine, and a gatekeeper asked to serve
/// plain HTTP beyond loopback or with a key that is not its certificate's.
pub async fn tls_refusals(gk: &Gatekeeper, account: &subxt::utils::AccountId32) -> Result<()> {
	let untrusting = Remote::new(&gk.url)?.challenge(account).await.expect_err("an unknown issuer");
	ensure!(untrusting.to_string().contains("UnknownIssuer"), "{untrusting}");
	let plain = gk.url.replace("https://", "http://");
	let said = Remote::new(&plain)?.challenge(account).await.expect_err("plain HTTP to TLS");
	ensure!(matches!(said, healthnet_client::Error::Unreachable { .. }), "{said}");
	let said = Remote::new("http://192.0.2.10:8090").err().context("plain HTTP to a network")?;
	ensure!(said.to_string().contains("not on this machine"), "{said}");

	let port = free_port()?.to_string();
	let refuse = |args: &[&str]| -> Result<String> {
		let run = Command::new(workspace_binary("healthnet-gatekeeper")?)
			.args(["--url", "ws://127.0.0.1:1"])
			.args(args)
			.output()?;
		ensure!(!run.status.success(), "the gatekeeper started with {args:?}");
		Ok(String::from_utf8(run.stderr)?)
	};
	let said = refuse(&["--listen", &format!("0.0.0.0:{port}")])?;
	ensure!(said.contains("serves HTTPS only"), "{said}");
	let (certificate, key) = (gk.tls.certificate.to_str().unwrap(), gk.tls.key.to_str().unwrap());
	let said = refuse(&["--tls-certificate", key, "--tls-key", key])?;
	ensure!(said.contains("holds no certificate"), "{said}");
	let said = refuse(&["--tls-certificate", certificate, "--tls-key", certificate])?;
	ensure!(said.contains("could not read a PEM private key"), "{said}");
	let other = tempfile::tempdir()?;
	let stranger = TestAuthority::new("another")?.issue(other.path(), "x")?;
	let said =
		refuse(&["--tls-certificate", certificate, "--tls-key", stranger.key.to_str().unwrap()])?;
	ensure!(said.contains("does not sign for the first certificate"), "{said}");
	Ok(())
}

/// A renewed certificate, from another authority, written over the files: after SIGHUP the
/// gatekeeper serves it without a restart, and a client trusting only the old authority is
/// refused.
pub async fn renewal(gk: &mut Gatekeeper, account: &subxt::utils::AccountId32) -> Result<()> {
	let dir = gk.tls.certificate.parent().context("a directory")?.to_path_buf();
	let old_authority = std::fs::read(&gk.tls.authority)?;
	let renewed = TestAuthority::new("Healthnet renewed authority")?.issue(&dir, "gk")?;
	let status = Command::new("kill").args(["-HUP", &gk.child.id().to_string()]).status()?;
	ensure!(status.success(), "could not send SIGHUP");
	let new_authority = std::fs::read(&renewed.authority)?;
	let mut served = None;
	for _ in 0..50 {
		let remote = Remote::trusting(&gk.url, Some(&new_authority))?;
		match remote.challenge(account).await {
			Ok(_) => {
				served = Some(());
				break;
			},
			Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
		}
	}
	served.context("the renewed certificate was not served within 5 seconds of SIGHUP")?;
	let said = Remote::trusting(&gk.url, Some(&old_authority))?
		.challenge(account)
		.await
		.expect_err("the old authority still trusted");
	ensure!(said.to_string().contains("UnknownIssuer"), "{said}");
	ensure!(gk.child.try_wait()?.is_none(), "the gatekeeper stopped on SIGHUP");
	Ok(())
}

/// The author organisation (`author`) writes `count` entries to `record`, all signed at once
/// and submitted without waiting, and they reach the finalized trail: the record's trail then
/// holds `count` lines after any earlier read.
pub async fn busy_trail(rpc_port: u16, author: &str, record: H256, count: u32) -> Result<usize> {
	let client = healthnet_client::Client::connect(&format!("ws://127.0.0.1:{rpc_port}")).await?;
	let signer = healthnet_client::keys::signer(author)?;
	let before = client.audit_trail(record, None).await?.len();
	let account = signer.public_key().to_account_id().to_string();
	let first: u64 = client.request("system_accountNextIndex", rpc_params![account]).await?;
	let tx = client.subxt().tx().await?;
	for n in 0..count {
		let hash = H256(sp_crypto_hashing::blake2_256(&n.to_le_bytes()));
		let call = healthnet_client::records::add_entry(
			record,
			healthnet_primitives::records::ResourceType::Observation,
			hash,
			None,
		)?;
		let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
			.nonce(first + u64::from(n))
			.build();
		let signed = tx.create_signable_offline(&call, params)?.sign(&signer)?.into_encoded();
		let bytes = format!("0x{}", hex::encode(signed));
		let _: H256 = client.request("author_submitExtrinsic", rpc_params![bytes]).await?;
	}
	for _ in 0..120 {
		let (finalized, _) = client.finalized_head().await?;
		let lines = client.audit_trail(record, Some(finalized)).await?.len();
		if lines >= before + count as usize {
			return Ok(lines);
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	anyhow::bail!("{count} entries did not reach the finalized trail within a minute")
}
