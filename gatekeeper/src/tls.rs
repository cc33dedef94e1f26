//! TLS for the gatekeeper's listener (rustls): the certificate chain and private key come from
//! PEM files, are read again on `SIGHUP` so that a renewed certificate takes effect without a
//! restart, and every connection's handshake runs in its own task, so that a client that never
//! finishes its handshake holds up nobody else.

use std::{
	io,
	net::SocketAddr,
	path::PathBuf,
	sync::{Arc, RwLock},
	time::Duration,
};

use anyhow::Context;
use rustls::{
	crypto::ring,
	pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer},
	server::{ClientHello, ResolvesServerCert},
	sign::CertifiedKey,
	ServerConfig,
};
use tokio::{net::TcpListener, sync::mpsc};
use tokio_rustls::{server::TlsStream, TlsAcceptor};

/// How long a client may take over its handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the certificate chain and its key are.
#[derive(Clone, Debug)]
pub struct TlsFiles {
	/// The certificate chain, PEM, the server's own certificate first.
	pub certificate: PathBuf,
	/// Its private key, PEM (PKCS#8, PKCS#1 or SEC1).
	pub key: PathBuf,
}

impl TlsFiles {
	/// The chain and key, checked to belong together.
	pub fn load(&self) -> anyhow::Result<CertifiedKey> {
		let chain = CertificateDer::pem_file_iter(&self.certificate)
			.and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
			.with_context(|| {
				format!(
					"could not read a PEM certificate chain from {}",
					self.certificate.display()
				)
			})?;
		anyhow::ensure!(
			!chain.is_empty(),
			"{} holds no certificate (expected PEM blocks \"BEGIN CERTIFICATE\")",
			self.certificate.display()
		);
		let key = PrivateKeyDer::from_pem_file(&self.key).with_context(|| {
			format!("could not read a PEM private key from {}", self.key.display())
		})?;
		let provider = ring::default_provider();
		let certified = CertifiedKey::from_der(chain, key, &provider).with_context(|| {
			format!(
				"the key in {} does not sign for the first certificate in {} (not its key, or of a kind rustls cannot use)",
				self.key.display(),
				self.certificate.display()
			)
		})?;
		Ok(certified)
	}
}

/// The certificate in use, replaced when the files are read again.
#[derive(Debug)]
struct Current(RwLock<Arc<CertifiedKey>>);

impl ResolvesServerCert for Current {
	fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
		Some(self.0.read().expect("no reader panics").clone())
	}
}

/// A TLS listener for `axum::serve`: accepts TCP connections and hands on those whose
/// handshake completed.
pub struct TlsListener {
	local: SocketAddr,
	ready: mpsc::Receiver<(TlsStream<tokio::net::TcpStream>, SocketAddr)>,
}

impl TlsListener {
	/// Serves TLS on `listener` with the certificate in `files`, reading the files again on
	/// every `SIGHUP` (a file that fails to load leaves the current certificate in use).
	pub fn new(listener: TcpListener, files: TlsFiles) -> anyhow::Result<TlsListener> {
		let current = Arc::new(Current(RwLock::new(Arc::new(files.load()?))));
		let mut config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
			.with_safe_default_protocol_versions()
			.context("the TLS provider offers no safe protocol version")?
			.with_no_client_auth()
			.with_cert_resolver(current.clone());
		config.alpn_protocols = vec![b"http/1.1".to_vec()];
		let acceptor = TlsAcceptor::from(Arc::new(config));
		reload_on_hangup(current, files)?;
		let local = listener.local_addr()?;
		let (send, ready) = mpsc::channel(64);
		tokio::spawn(async move {
			loop {
				let (tcp, from) = match listener.accept().await {
					Ok(accepted) => accepted,
					Err(_) => {
						// Out of file descriptors and the like: wait rather than spin.
						tokio::time::sleep(Duration::from_millis(100)).await;
						continue;
					},
				};
				let (acceptor, send) = (acceptor.clone(), send.clone());
				tokio::spawn(async move {
					if let Ok(Ok(tls)) =
						tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await
					{
						let _ = send.send((tls, from)).await;
					}
				});
			}
		});
		Ok(TlsListener { local, ready })
	}
}

impl axum::serve::Listener for TlsListener {
	type Io = TlsStream<tokio::net::TcpStream>;
	type Addr = SocketAddr;

	async fn accept(&mut self) -> (Self::Io, Self::Addr) {
		match self.ready.recv().await {
			Some(ready) => ready,
			// The accepting task only ends with the runtime.
			None => std::future::pending().await,
		}
	}

	fn local_addr(&self) -> io::Result<SocketAddr> {
		Ok(self.local)
	}
}

#[cfg(unix)]
fn reload_on_hangup(current: Arc<Current>, files: TlsFiles) -> anyhow::Result<()> {
	use tokio::signal::unix::{signal, SignalKind};
	let mut hangups = signal(SignalKind::hangup()).context("could not watch for SIGHUP")?;
	tokio::spawn(async move {
		while hangups.recv().await.is_some() {
			match files.load() {
				Ok(renewed) => {
					*current.0.write().expect("no reader panics") = Arc::new(renewed);
					eprintln!("healthnet-gatekeeper: read {} again", files.certificate.display());
				},
				Err(error) => eprintln!(
					"healthnet-gatekeeper: kept the certificate in use, the new one did not load: {error:#}"
				),
			}
		}
	});
	Ok(())
}

#[cfg(not(unix))]
fn reload_on_hangup(_current: Arc<Current>, _files: TlsFiles) -> anyhow::Result<()> {
	Ok(())
}
