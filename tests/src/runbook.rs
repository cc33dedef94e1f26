//! The operators' commands as docs/OPERATIONS.md writes them, for tests that follow the
//! document literally.
//!
//! Every `sh` block of the document is preceded by an HTML comment that says what it is:
//! `<!-- tested: NAME -->` for a block a test runs by its name, `<!-- prose -->` for one that
//! only explains (a command of the host, such as `systemctl`, that a test cannot run). A block
//! with neither is an error, so no command of the runbook goes untested unnoticed.

use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	process::{Command, Stdio},
};

use anyhow::{anyhow, bail, Context, Result};

/// The runbook's blocks that tests run, by name.
#[derive(Debug)]
pub struct Runbook {
	steps: BTreeMap<String, String>,
}

impl Runbook {
	/// Reads docs/OPERATIONS.md.
	pub fn read() -> Result<Runbook> {
		let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/OPERATIONS.md");
		let text = std::fs::read_to_string(&path)
			.with_context(|| format!("could not read {}", path.display()))?;
		Runbook::parse(&text)
	}

	/// The tested blocks of `text`, a runbook in Markdown.
	pub fn parse(text: &str) -> Result<Runbook> {
		let mut steps = BTreeMap::new();
		let mut marker: Option<&str> = None;
		let mut lines = text.lines().enumerate();
		while let Some((number, line)) = lines.next() {
			let line = line.trim();
			if let Some(comment) = line.strip_prefix("<!--").and_then(|l| l.strip_suffix("-->")) {
				marker = Some(comment.trim());
				continue;
			}
			if line.starts_with("```sh") {
				let mut body = String::new();
				for (_, line) in lines.by_ref() {
					if line.trim() == "```" {
						break;
					}
					body.push_str(line);
					body.push('\n');
				}
				match marker.take() {
					Some("prose") => {},
					Some(comment) => {
						let name =
							comment.strip_prefix("tested:").map(str::trim).ok_or_else(|| {
								anyhow!("line {}: `<!-- {comment} -->` is neither `tested: NAME` nor `prose`", number + 1)
							})?;
						if steps.insert(name.to_owned(), body).is_some() {
							bail!("line {}: a second block named `{name}`", number + 1);
						}
					},
					None => bail!(
						"line {}: a `sh` block with no `<!-- tested: NAME -->` or `<!-- prose -->` before it",
						number + 1
					),
				}
				continue;
			}
			if !line.is_empty() {
				marker = None;
			}
		}
		Ok(Runbook { steps })
	}

	/// The names of the tested blocks.
	pub fn names(&self) -> impl Iterator<Item = &str> {
		self.steps.keys().map(String::as_str)
	}

	/// The block named `name`.
	pub fn step(&self, name: &str) -> Result<&str> {
		self.steps
			.get(name)
			.map(String::as_str)
			.ok_or_else(|| anyhow!("docs/OPERATIONS.md has no block `<!-- tested: {name} -->`"))
	}

	/// Runs the block named `name` with `bash -euo pipefail` in `dir`, with `env` set and the
	/// workspace's binaries (`healthnet-node`, `healthnet`) first on `PATH`; returns its standard
	/// output.
	pub fn run(&self, name: &str, dir: &Path, env: &[(&str, String)]) -> Result<String> {
		let output = Command::new("bash")
			.args(["-euo", "pipefail", "-c", self.step(name)?])
			.current_dir(dir)
			.env("PATH", path_with_binaries()?)
			.envs(env.iter().map(|(k, v)| (k, v)))
			.stdin(Stdio::null())
			.output()
			.with_context(|| format!("could not run the runbook's `{name}`"))?;
		if !output.status.success() {
			bail!(
				"the runbook's `{name}` failed ({}): {}",
				output.status,
				String::from_utf8_lossy(&output.stderr)
			);
		}
		Ok(String::from_utf8(output.stdout)?)
	}
}

/// `PATH` with the directory of the node binary (and the workspace's other binaries beside it)
/// first.
pub fn path_with_binaries() -> Result<std::ffi::OsString> {
	let node = crate::node_binary()?;
	let dir: PathBuf = node.parent().map(Path::to_path_buf).unwrap_or_default();
	let mut paths = vec![dir];
	paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
	Ok(std::env::join_paths(paths)?)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn blocks_are_named_or_prose_and_nothing_else() {
		let runbook = Runbook::parse(
			"<!-- tested: keys -->\n```sh\nhealthnet-node key\n```\n\n<!-- prose -->\n```sh\nsystemctl stop x\n```\n",
		)
		.unwrap();
		assert_eq!(runbook.names().collect::<Vec<_>>(), ["keys"]);
		assert_eq!(runbook.step("keys").unwrap(), "healthnet-node key\n");
		let unmarked = Runbook::parse("Some text.\n\n```sh\nrm -rf /\n```\n").unwrap_err();
		assert!(unmarked.to_string().contains("line 3"), "{unmarked}");
		let far = Runbook::parse("<!-- tested: a -->\nA paragraph between.\n```sh\nx\n```\n");
		assert!(far.is_err(), "a marker must stand right before its block");
		let twice = "<!-- tested: a -->\n```sh\nx\n```\n<!-- tested: a -->\n```sh\ny\n```\n";
		assert!(Runbook::parse(twice).is_err());
	}
}
