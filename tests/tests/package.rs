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
use healthnet_e2e::{free_port, node_binary, prometheus, Node, NodeConfig};
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

	// An operator's settings: a name, free ports, the network's raw spec.
	let spec = run(
		"/usr/bin/healthnet-node",
		&["build-spec", "--chain", "/usr/share/doc/healthnet/examples/network.toml", "--raw"],
	)?;
	std::fs::write("/etc/healthnet/network-raw.json", spec)?;
	let p2p_port = free_port()?;
	let (rpc_port, metrics_port) = (free_port()?, free_port()?);
	let defaults = std::fs::read_to_string("/etc/default/healthnet")?
		.replace("HEALTHNET_NAME=healthnet-node", "HEALTHNET_NAME=package-test")
		.replace("HEALTHNET_P2P_PORT=30333", &format!("HEALTHNET_P2P_PORT={p2p_port}"))
		.replace("HEALTHNET_RPC_PORT=9944", &format!("HEALTHNET_RPC_PORT={rpc_port}"))
		.replace(
			"HEALTHNET_PROMETHEUS_PORT=9615",
			&format!("HEALTHNET_PROMETHEUS_PORT={metrics_port}"),
		);
	std::fs::write("/etc/default/healthnet", &defaults)?;

	// The node unit's command line, as the healthnet user.
	let node_unit = unit("healthnet-node")?;
	ensure!(setting(&node_unit, "EnvironmentFile")? == "/etc/default/healthnet");
	let words = expand(setting(&node_unit, "ExecStart")?, &environment(&defaults))?;
	let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
	let command = format!(
		"setpriv --reuid=healthnet --regid=healthnet --init-groups -- {}",
		quoted.join(" ")
	);
	let node = Node::start_in(NodeConfig::shell(&command, Vec::new()), Node::data_dir()?, p2p_port)
		.await?;
	let name: String = node.rpc("system_name", ArrayParams::new()).await?;
	let chain: String = node.rpc("system_chain", ArrayParams::new()).await?;
	ensure!(chain == "Healthnet example network", "the node runs {chain} ({name})");
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
