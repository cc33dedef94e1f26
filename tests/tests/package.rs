//! The Debian package, on this machine: `scripts/package` builds it from the suite's binaries,
//! `dpkg -i` installs it (the `healthnet` system user, its base path with a fresh node key,
//! `/etc/default/healthnet`, the units), `systemd-analyze verify` accepts the three units, the
//! installed `healthnet-node` runs as the unit's `ExecStart` says with the installed settings
//! and an example chain spec, as the `healthnet` user, with the node key the package made;
//! `dpkg -r` takes the binaries and units away and leaves the settings and data, `dpkg -P`
//! the settings too. No systemd runs here (nor in CI), so the unit's command line is run by
//! this test with systemd's expansion of `${VAR}` and `$VAR`, without its sandbox.
//!
//! The test installs a package system-wide, so it runs as root (as CI does) and refuses to
//! touch a machine where Healthnet is installed for real.

use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	process::Command,
	time::Duration,
};

use anyhow::{anyhow, bail, ensure, Context, Result};
use healthnet_e2e::{free_port, node_binary, prometheus, tls::TestAuthority, Node, NodeConfig};
use jsonrpsee::core::params::ArrayParams;

/// Left in the base path by this test, so that a later run may clean up after a failed one.
const MARKER: &str = "/var/lib/healthnet/.installed-by-the-package-test";
const UNITS: [&str; 3] = ["healthnet-node", "healthnet-gatekeeper", "healthnet-dashboard"];

/// Runs `program`, which must succeed; its standard output.
fn run(program: &str, args: &[&str]) -> Result<String> {
	Ok(run_both(program, args)?.0)
}

/// Runs `program`, which must succeed; its standard output and standard error.
fn run_both(program: &str, args: &[&str]) -> Result<(String, String)> {
	let output = Command::new(program)
		.args(args)
		.output()
		.with_context(|| format!("could not run {program}"))?;
	if !output.status.success() {
		bail!(
			"`{program} {}` failed ({}): {}{}",
			args.join(" "),
			output.status,
			String::from_utf8_lossy(&output.stdout),
			String::from_utf8_lossy(&output.stderr)
		);
	}
	let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
	Ok((text(&output.stdout), text(&output.stderr)))
}

/// Removes what the package and this test left: the package, the data, the user.
fn clean_up() {
	let _ = run("dpkg", &["--purge", "healthnet"]);
	for dir in ["/var/lib/healthnet", "/var/lib/healthnet-gatekeeper", "/etc/healthnet"] {
		let _ = std::fs::remove_dir_all(dir);
	}
	let _ = run("deluser", &["--system", "healthnet"]);
}

struct Installed;

impl Drop for Installed {
	fn drop(&mut self) {
		clean_up();
	}
}

/// `KEY=VALUE` lines of an environment file.
fn environment(text: &str) -> BTreeMap<String, String> {
	text.lines()
		.map(str::trim)
		.filter(|l| !l.is_empty() && !l.starts_with('#'))
		.filter_map(|l| l.split_once('='))
		.map(|(k, v)| (k.to_owned(), v.to_owned()))
		.collect()
}

/// A unit's `ExecStart` as systemd expands it: `${VAR}` inside a word, `$VAR` as a whole
/// word split at white space (none when empty).
fn expand(exec_start: &str, env: &BTreeMap<String, String>) -> Result<Vec<String>> {
	let mut words = Vec::new();
	for word in exec_start.split_whitespace() {
		if let Some(name) = word.strip_prefix('$').filter(|n| !n.starts_with('{')) {
			let value = env.get(name).with_context(|| format!("${name} is not set"))?;
			words.extend(value.split_whitespace().map(str::to_owned));
			continue;
		}
		let mut expanded = word.to_owned();
		while let Some(start) = expanded.find("${") {
			let end = expanded[start..].find('}').context("an unclosed ${")? + start;
			let name = &expanded[start + 2..end];
			let value = env.get(name).with_context(|| format!("${{{name}}} is not set"))?;
			expanded.replace_range(start..=end, value);
		}
		words.push(expanded);
	}
	Ok(words)
}

fn unit(name: &str) -> Result<String> {
	Ok(std::fs::read_to_string(format!("/lib/systemd/system/{name}.service"))?)
}

fn setting<'a>(unit: &'a str, key: &str) -> Result<&'a str> {
	unit.lines()
		.find_map(|l| l.strip_prefix(&format!("{key}=")))
		.ok_or_else(|| anyhow!("the unit has no {key}="))
}

/// `text`'s settings with each of `values` set, written to /etc/default/healthnet as an
/// operator edits it.
fn configure(text: &str, values: &[(&str, String)]) -> Result<String> {
	let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
	for (key, value) in values {
		let line = lines
			.iter_mut()
			.find(|l| l.starts_with(&format!("{key}=")))
			.with_context(|| format!("the settings have no {key}"))?;
		*line = format!("{key}={value}");
	}
	let settings = lines.join("\n") + "\n";
	std::fs::write("/etc/default/healthnet", &settings)?;
	Ok(settings)
}

/// The unit `name`'s command line with `settings`, after checking that it reads them.
fn unit_command(name: &str, settings: &str) -> Result<Vec<String>> {
	let text = unit(name)?;
	ensure!(setting(&text, "EnvironmentFile")? == "/etc/default/healthnet");
	expand(setting(&text, "ExecStart")?, &environment(settings))
}

/// A shell command line that runs `words` as the unit's user.
fn as_healthnet(words: &[String]) -> String {
	let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
	format!("setpriv --reuid=healthnet --regid=healthnet --init-groups -- {}", quoted.join(" "))
}

/// The node unit's command line with `settings`, as the unit's user, through the harness.
async fn start_node_unit(settings: &str, p2p_port: u16) -> Result<Node> {
	let command = as_healthnet(&unit_command("healthnet-node", settings)?);
	Node::start_in(NodeConfig::shell(&command, Vec::new()), Node::data_dir()?, p2p_port).await
}

/// A unit's command run as the unit's user, its output in a log; killed on drop.
struct Service {
	child: std::process::Child,
	log: PathBuf,
}

impl Service {
	fn start(name: &str, settings: &str, logs: &Path) -> Result<Service> {
		let log = logs.join(format!("{name}.log"));
		let file = std::fs::File::create(&log)?;
		let child = Command::new("bash")
			.args(["-c", &format!("exec {}", as_healthnet(&unit_command(name, settings)?))])
			.stdout(file.try_clone()?)
			.stderr(file)
			.spawn()?;
		Ok(Service { child, log })
	}

	async fn until_logged(&self, line: &str) -> Result<()> {
		for _ in 0..240 {
			if std::fs::read_to_string(&self.log)?.contains(line) {
				return Ok(());
			}
			tokio::time::sleep(Duration::from_millis(250)).await;
		}
		bail!("never logged {line:?}: {}", std::fs::read_to_string(&self.log)?)
	}
}

impl Drop for Service {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// The dashboard's overview once it answers on `port`.
async fn until_served(port: u16) -> Result<(String, String)> {
	for _ in 0..240 {
		if let Ok(answer) = prometheus::http_response(port, "/") {
			return Ok(answer);
		}
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
	bail!("the dashboard never answered on port {port}")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_package_installs_runs_and_uninstalls_cleanly() -> Result<()> {
	ensure!(
		run("id", &["-u"])?.trim() == "0",
		"the package test installs a Debian package system-wide: run the suite as root, as CI does"
	);
	let leftover = Path::new(MARKER).exists();
	if Path::new("/var/lib/healthnet").exists() && !leftover {
		bail!("/var/lib/healthnet exists and this test did not make it: Healthnet is installed here for real, and this test would remove it");
	}
	if leftover {
		clean_up();
	}

	// The package, from the suite's own binaries, uncompressed for speed.
	let binaries = node_binary()?.parent().map(Path::to_path_buf).context("the binaries' dir")?;
	let out = tempfile::tempdir()?;
	let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
	let package = root.join("scripts/package");
	let (from, to) = (binaries.to_string_lossy(), out.path().to_string_lossy());
	run(&package.to_string_lossy(), &["--from", &from, "--out", &to, "--compression", "none"])?;
	let deb = std::fs::read_dir(out.path())?
		.flatten()
		.map(|e| e.path())
		.find(|p| p.extension().is_some_and(|e| e == "deb"))
		.context("scripts/package made no .deb")?;

	run("dpkg", &["--install", &deb.to_string_lossy()])?;
	let _installed = Installed;
	std::fs::write(MARKER, "")?;

	// The user, the base path and its node key, the settings.
	let user = run("getent", &["passwd", "healthnet"])?;
	ensure!(user.trim_end().ends_with(":/var/lib/healthnet:/usr/sbin/nologin"), "{user}");
	let owner_and_mode = |path: &str| run("stat", &["-c", "%U %a", path]);
	ensure!(owner_and_mode("/var/lib/healthnet")?.trim() == "healthnet 700");
	ensure!(owner_and_mode("/var/lib/healthnet/node-key")?.trim() == "healthnet 600");
	let listed = run("dpkg", &["--listfiles", "healthnet"])?;
	for binary in ["healthnet-node", "healthnet", "healthnet-gatekeeper", "healthnet-dashboard"] {
		ensure!(listed.contains(&format!("/usr/bin/{binary}\n")), "no /usr/bin/{binary}");
	}

	// The units: hardened, and accepted by systemd-analyze.
	for name in UNITS {
		let text = unit(name)?;
		for line in ["ProtectSystem=strict", "NoNewPrivileges=true", "Restart=on-failure"] {
			ensure!(text.lines().any(|l| l == line), "{name}.service lacks {line}");
		}
		ensure!(setting(&text, "LimitNOFILE").is_ok() && setting(&text, "User")? == "healthnet");
		let path = format!("/lib/systemd/system/{name}.service");
		let (out, err) = run_both("systemd-analyze", &["verify", &path])?;
		ensure!(out.trim().is_empty() && err.trim().is_empty(), "verify {name}: {out}{err}");
	}

	// The validator's profile, as installed, with an operator's name and free ports, and the
	// network's raw spec.
	let spec = run(
		"/usr/bin/healthnet-node",
		&["build-spec", "--chain", "/usr/share/doc/healthnet/examples/network.toml", "--raw"],
	)?;
	std::fs::write("/etc/healthnet/network-raw.json", spec)?;
	let p2p_port = free_port()?;
	let metrics_port = free_port()?;
	let installed = std::fs::read_to_string("/etc/default/healthnet")?;
	let settings = configure(
		&installed,
		&[
			("HEALTHNET_NAME", "package-test".into()),
			("HEALTHNET_P2P_PORT", p2p_port.to_string()),
			("HEALTHNET_RPC_PORT", free_port()?.to_string()),
			("HEALTHNET_PROMETHEUS_PORT", metrics_port.to_string()),
		],
	)?;
	let node = start_node_unit(&settings, p2p_port).await?;
	let chain: String = node.rpc("system_chain", ArrayParams::new()).await?;
	ensure!(chain == "Healthnet example network", "the node runs {chain}");
	let roles: Vec<String> = node.rpc("system_nodeRoles", ArrayParams::new()).await?;
	ensure!(roles == ["Authority"], "the validator's profile runs a {roles:?} node");
	let peer_id: String = node.rpc("system_localPeerId", ArrayParams::new()).await?;
	let installed_key = run(
		"/usr/bin/healthnet-node",
		&["key", "inspect-node-key", "--file", "/var/lib/healthnet/node-key"],
	)?;
	ensure!(installed_key.trim() == peer_id, "the node ignores the package's node key");
	ensure!(Path::new("/var/lib/healthnet/chains/healthnet_example").is_dir());
	let page = prometheus::scrape(metrics_port)?;
	ensure!(prometheus::sample(&page, "healthnet_authorities", "") == Some(4.0), "{page}");
	let owner = run("stat", &["-c", "%U", "/var/lib/healthnet/chains/healthnet_example"])?;
	ensure!(owner.trim() == "healthnet", "the node wrote its database as {owner}");
	drop(node);

	// The cluster's profile, as OPERATIONS.md installs it: a full node with its RPC open to
	// the cluster, the gatekeeper on HTTPS, the dashboard on the cluster; both firewall rule
	// sets are valid nftables.
	run(
		"install",
		&["-m", "0644", "/usr/share/healthnet/profiles/cluster", "/etc/default/healthnet"],
	)?;
	std::fs::create_dir_all("/etc/healthnet/tls")?;
	let tls = TestAuthority::new("package test")?.issue(Path::new("/etc/healthnet/tls"), "test")?;
	for (from, to) in [(&tls.certificate, "gatekeeper.crt"), (&tls.key, "gatekeeper.key")] {
		std::fs::rename(from, format!("/etc/healthnet/tls/{to}"))?;
		run("chown", &["healthnet", &format!("/etc/healthnet/tls/{to}")])?;
	}
	let (gatekeeper_port, dashboard_port) = (free_port()?, free_port()?);
	let profile = std::fs::read_to_string("/etc/default/healthnet")?;
	let settings = configure(
		&profile,
		&[
			("HEALTHNET_P2P_PORT", p2p_port.to_string()),
			("HEALTHNET_RPC_PORT", free_port()?.to_string()),
			("HEALTHNET_PROMETHEUS_PORT", free_port()?.to_string()),
			("HEALTHNET_GATEKEEPER_LISTEN", format!("0.0.0.0:{gatekeeper_port}")),
			("HEALTHNET_DASHBOARD_LISTEN", format!("127.0.0.1:{dashboard_port}")),
		],
	)?;
	let node = start_node_unit(&settings, p2p_port).await?;
	let roles: Vec<String> = node.rpc("system_nodeRoles", ArrayParams::new()).await?;
	ensure!(roles == ["Full"], "the cluster's profile runs a {roles:?} node");
	// The units name the node's RPC port from the settings; the node took that port.
	let rpc = environment(&settings)["HEALTHNET_RPC_PORT"].parse::<u16>()?;
	ensure!(node.rpc_port == rpc, "the node serves RPC on {} rather than {rpc}", node.rpc_port);
	let logs = tempfile::tempdir()?;
	let gatekeeper = Service::start("healthnet-gatekeeper", &settings, logs.path())?;
	gatekeeper.until_logged(&format!("serving on https://0.0.0.0:{gatekeeper_port}")).await?;
	let _dashboard = Service::start("healthnet-dashboard", &settings, logs.path())?;
	let (_, overview) = until_served(dashboard_port).await?;
	ensure!(overview.contains("this cluster's region"), "the dashboard is not the cluster's");
	for rules in ["cluster", "validator"] {
		run("nft", &["-c", "-f", &format!("/usr/share/healthnet/nftables/{rules}.nft")])?;
	}
	drop(node);
	tokio::time::sleep(Duration::from_millis(500)).await;

	// Removal keeps the settings and the data; purging removes the settings.
	run("dpkg", &["--remove", "healthnet"])?;
	ensure!(!Path::new("/usr/bin/healthnet-node").exists(), "dpkg -r left the node binary");
	ensure!(
		!Path::new("/lib/systemd/system/healthnet-node.service").exists(),
		"dpkg -r left a unit"
	);
	ensure!(Path::new("/etc/default/healthnet").exists(), "dpkg -r removed the settings");
	ensure!(Path::new("/var/lib/healthnet/node-key").exists(), "dpkg -r removed the node key");
	run("dpkg", &["--purge", "healthnet"])?;
	ensure!(!Path::new("/etc/default/healthnet").exists(), "dpkg -P left the settings");
	ensure!(Path::new("/var/lib/healthnet/node-key").exists(), "dpkg -P removed the node key");
	ensure!(run("dpkg-query", &["-W", "healthnet"]).is_err(), "the package is still known");
	Ok(())
}
