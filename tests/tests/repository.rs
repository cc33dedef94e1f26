//! Checks on the repository itself rather than on a running chain: the project documents
//! itself (every relative link in its Markdown files resolves to a file or directory inside
//! the repository, and every `#anchor` to a heading of the target), and its code stays in
//! files a reader can take in.

use std::{
	fs,
	path::{Component, Path, PathBuf},
};

/// The repository's root: this crate lives in `tests/`.
fn root() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// The files under `dir` whose names end with `extension`, leaving out version control and
/// build output.
fn files_ending(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
	let Ok(entries) = fs::read_dir(dir) else { return };
	for entry in entries.flatten() {
		let path = entry.path();
		let name = entry.file_name();
		let name = name.to_string_lossy();
		if path.is_dir() {
			if !(name.starts_with('.') || name == "target" || name == "node_modules") {
				files_ending(&path, extension, found);
			}
		} else if name.ends_with(extension) {
			found.push(path);
		}
	}
}

/// The link targets of a Markdown text: inline `[text](target)` and reference
/// `[label]: target`, outside code blocks and code spans.
fn links(markdown: &str) -> Vec<String> {
	let mut targets = Vec::new();
	let mut in_fence = false;
	for line in markdown.lines() {
		if line.trim_start().starts_with("```") {
			in_fence = !in_fence;
			continue;
		}
		if in_fence {
			continue;
		}
		// Code spans hold examples, not links.
		let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
		let mut rest = prose.as_str();
		while let Some(at) = rest.find("](") {
			let after = &rest[at + 2..];
			let end = after.find(')').unwrap_or(after.len());
			let target = after[..end].split_whitespace().next().unwrap_or_default();
			targets.push(target.trim_matches(|c| c == '<' || c == '>').to_string());
			rest = &after[end..];
		}
		let trimmed = prose.trim_start();
		if trimmed.starts_with('[') {
			if let Some((_, target)) = trimmed.split_once("]: ") {
				targets.push(target.split_whitespace().next().unwrap_or_default().to_string());
			}
		}
	}
	targets
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes.
fn anchor(heading: &str) -> String {
	heading
		.trim()
		.to_lowercase()
		.chars()
		.filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
		.map(|c| if c == ' ' { '-' } else { c })
		.collect()
}

/// The anchors of the headings of a Markdown file.
fn anchors(markdown: &str) -> Vec<String> {
	let mut in_fence = false;
	let mut found = Vec::new();
	for line in markdown.lines() {
		if line.trim_start().starts_with("```") {
			in_fence = !in_fence;
		} else if !in_fence && line.starts_with('#') {
			found.push(anchor(line.trim_start_matches('#')));
		}
	}
	found
}

/// Removes `.` and `..` from a path without touching the file system.
fn normalise(path: &Path) -> PathBuf {
	let mut parts: Vec<Component> = Vec::new();
	for component in path.components() {
		match component {
			Component::CurDir => {},
			Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
				parts.pop();
			},
			other => parts.push(other),
		}
	}
	parts.iter().collect()
}

/// What is wrong with each relative link of the Markdown files under `root`, one sentence a
/// link; empty when every link resolves inside `root`.
fn broken_links(root: &Path) -> Vec<String> {
	let root = normalise(root);
	let mut files = Vec::new();
	files_ending(&root, ".md", &mut files);
	let mut broken = Vec::new();
	for file in files {
		let text = fs::read_to_string(&file).unwrap_or_default();
		let shown = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
		for target in links(&text) {
			if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
				continue;
			}
			let (path, fragment) = match target.split_once('#') {
				Some((path, fragment)) => (path, Some(fragment)),
				None => (target.as_str(), None),
			};
			let resolved = if path.is_empty() {
				file.clone()
			} else {
				normalise(&file.parent().expect("a file has a directory").join(path))
			};
			if !resolved.starts_with(&root) {
				broken.push(format!("{shown}: {target} points outside the repository"));
			} else if !resolved.exists() {
				broken.push(format!("{shown}: {target} does not exist"));
			} else if let Some(fragment) = fragment {
				let headings =
					fs::read_to_string(&resolved).map(|t| anchors(&t)).unwrap_or_default();
				if !headings.iter().any(|heading| heading == fragment) {
					broken.push(format!("{shown}: {target} names no heading of that file"));
				}
			}
		}
	}
	broken
}

#[test]
fn every_relative_link_in_the_documents_resolves_inside_the_repository() {
	let broken = broken_links(&root());
	assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_link_check_finds_missing_files_anchors_and_links_that_leave_the_repository() {
	let dir = tempfile::tempdir().expect("a temporary directory");
	let repo = dir.path().join("repo");
	fs::create_dir_all(repo.join("docs")).unwrap();
	fs::write(repo.join("docs/MAP.md"), "# The map\n\n## Known gaps\n").unwrap();
	fs::write(dir.path().join("outside.md"), "# Outside\n").unwrap();
	fs::write(
		repo.join("README.md"),
		"[map](docs/MAP.md) [gaps](docs/MAP.md#known-gaps) [web](https://example.org)\n\
		 `[code](missing.md)`\n\
		 ```\n[fenced](missing.md)\n```\n\
		 [gone](docs/GONE.md) [anchor](docs/MAP.md#nothing) [out](../outside.md)\n\
		 [ref]: docs/ALSO-GONE.md\n",
	)
	.unwrap();
	let broken = broken_links(&repo);
	assert_eq!(
		broken,
		[
			"README.md: docs/GONE.md does not exist",
			"README.md: docs/MAP.md#nothing names no heading of that file",
			"README.md: ../outside.md points outside the repository",
			"README.md: docs/ALSO-GONE.md does not exist",
		]
	);
}

/// The most lines a hand-written Rust source file may have; generated weights (`weights.rs`,
/// `runtime/src/weights/`) are exempt. A longer file is a sign that a module wants splitting by concern.
const MAX_LINES: usize = 700;

#[test]
fn no_hand_written_rust_file_is_longer_than_the_limit() {
	let root = root();
	let mut files = Vec::new();
	files_ending(&root, ".rs", &mut files);
	assert!(files.len() > 20, "found only {} Rust files under {}", files.len(), root.display());
	let long: Vec<String> = files
		.iter()
		.filter(|file| !file.ends_with("weights.rs"))
		.filter(|file| !file.parent().is_some_and(|dir| dir.ends_with("runtime/src/weights")))
		.filter_map(|file| {
			let lines = fs::read_to_string(file).ok()?.lines().count();
			let shown = file.strip_prefix(&root).unwrap_or(file).display();
			(lines > MAX_LINES).then(|| format!("{shown}: {lines} lines"))
		})
		.collect();
	assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

/// The binary a generated `weights.rs` names after `Executed Command:`, or `None` for a file
/// that does not say.
fn weights_generator(weights: &str) -> Option<&str> {
	let mut lines = weights.lines();
	lines.find(|line| line.trim() == "// Executed Command:")?;
	lines.next().map(|line| line.trim_start_matches("//").trim())
}

/// Whether `binary` (a path) is a release build: `<target>/release/healthnet-node`.
fn is_release_build(binary: &str) -> bool {
	Path::new(binary).parent().and_then(Path::file_name).is_some_and(|dir| dir == "release")
}

#[test]
fn every_weights_file_was_generated_by_a_release_node() {
	let root = root();
	let mut files = Vec::new();
	files_ending(&root.join("pallets"), "weights.rs", &mut files);
	assert!(files.len() >= 3, "pallet weights files missing: {files:?}");
	// The runtime's own: block and extrinsic base weights and the five frame pallets that
	// scripts/bench measures.
	let mut runtime = Vec::new();
	files_ending(&root.join("runtime/src/weights"), ".rs", &mut runtime);
	runtime.retain(|file| !file.ends_with("mod.rs"));
	assert!(runtime.len() >= 7, "runtime weights files missing: {runtime:?}");
	files.extend(runtime);
	let wrong: Vec<String> = files
		.iter()
		.filter_map(|file| {
			let text = fs::read_to_string(file).ok()?;
			let shown = file.strip_prefix(&root).unwrap_or(file).display();
			match weights_generator(&text) {
				Some(binary) if is_release_build(binary) => None,
				Some(binary) => Some(format!("{shown}: generated by {binary}")),
				None => Some(format!("{shown}: names no generating command")),
			}
		})
		.collect();
	assert!(
		wrong.is_empty(),
		"weights must be measured on a release node (scripts/bench builds one):\n{}",
		wrong.join("\n")
	);
}

#[test]
fn the_weights_check_tells_release_from_debug() {
	let header = |binary: &str| format!("// Executed Command:\n// {binary}\n// benchmark\n");
	let release = header("/root/.cache/healthnet/target/release/healthnet-node");
	let debug = header("/root/.cache/healthnet/target/debug/healthnet-node");
	assert_eq!(weights_generator(&release).map(is_release_build), Some(true));
	assert_eq!(weights_generator(&debug).map(is_release_build), Some(false));
	assert_eq!(weights_generator("// no header\n"), None);
	assert!(!is_release_build("/tmp/release-notes/healthnet-node/x"));
}
