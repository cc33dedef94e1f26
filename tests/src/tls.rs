//! A certificate authority of the tests' own: it signs a server certificate for `localhost`
//! (and 127.0.0.1) so that a test can serve and check real TLS without any system trust.

use std::path::{Path, PathBuf};

use anyhow::Result;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

/// A test certificate authority.
pub struct TestAuthority {
	issuer: Issuer<'static, KeyPair>,
	certificate: String,
}

/// The files of a server certificate the authority issued.
pub struct ServerFiles {
	/// The authority's own certificate (PEM): what a client trusts.
	pub authority: PathBuf,
	/// The server's certificate (PEM).
	pub certificate: PathBuf,
	/// The server's private key (PEM, PKCS#8).
	pub key: PathBuf,
}

impl TestAuthority {
	/// A new authority called `name`.
	pub fn new(name: &str) -> Result<TestAuthority> {
		let mut params = CertificateParams::new(Vec::<String>::new())?;
		params.distinguished_name.push(DnType::CommonName, name);
		params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
		let key = KeyPair::generate()?;
		let certificate = params.self_signed(&key)?.pem();
		Ok(TestAuthority { issuer: Issuer::new(params, key), certificate })
	}

	/// A certificate for `localhost` and 127.0.0.1 and its key, written with the authority's
	/// certificate into `dir` under names starting with `prefix` (files already there are
	/// replaced, as a renewal does).
	pub fn issue(&self, dir: &Path, prefix: &str) -> Result<ServerFiles> {
		let params =
			CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])?;
		let key = KeyPair::generate()?;
		let certificate = params.signed_by(&key, &self.issuer)?;
		let files = ServerFiles {
			authority: dir.join(format!("{prefix}-authority.pem")),
			certificate: dir.join(format!("{prefix}-certificate.pem")),
			key: dir.join(format!("{prefix}-key.pem")),
		};
		std::fs::write(&files.authority, &self.certificate)?;
		std::fs::write(&files.certificate, certificate.pem())?;
		std::fs::write(&files.key, key.serialize_pem())?;
		Ok(files)
	}
}
