//! Runs the `healthnet` binary the way a person does, against a node of the e2e harness.
// Each test binary uses part of these helpers.
#![allow(dead_code)]

use std::process::{Command, Output};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// What one run of `healthnet` printed, and how it exited.
pub struct Run {
	/// Standard output.
	pub stdout: String,
	/// Standard error: progress and failures.
	pub stderr: String,
	/// The exit code.
	pub code: i32,
}

/// Runs `healthnet --url ws://127.0.0.1:<rpc_port> <args>`.
pub fn healthnet(rpc_port: u16, args: &[&str]) -> Result<Run> {
	healthnet_at(&format!("ws://127.0.0.1:{rpc_port}"), args)
}

/// Runs `healthnet --url <url> <args>`.
pub fn healthnet_at(url: &str, args: &[&str]) -> Result<Run> {
	let output: Output = Command::new(env!("CARGO_BIN_EXE_healthnet"))
		.args(["--url", url])
		.args(args)
		.env_remove("HEALTHNET_SURI")
		.output()
		.context("could not run healthnet")?;
	Ok(Run {
		stdout: String::from_utf8(output.stdout)?,
		stderr: String::from_utf8(output.stderr)?,
		code: output.status.code().unwrap_or(-1),
	})
}

/// Runs `healthnet --json <args>`, requires success, and returns what it printed as JSON.
pub fn json(rpc_port: u16, args: &[&str]) -> Result<Value> {
	let mut all = vec!["--json"];
	all.extend_from_slice(args);
	let run = healthnet(rpc_port, &all)?;
	if run.code != 0 {
		bail!("`healthnet {}` exited {}: {}", args.join(" "), run.code, run.stderr);
	}
	serde_json::from_str(&run.stdout)
		.with_context(|| format!("`healthnet {}` printed no JSON: {}", args.join(" "), run.stdout))
}

/// Runs `healthnet <args>` and requires that it fails with a sentence, not a panic or a debug
/// dump; returns that sentence.
pub fn failure(rpc_port: u16, args: &[&str]) -> Result<String> {
	let run = healthnet(rpc_port, args)?;
	if run.code == 0 {
		bail!("`healthnet {}` succeeded but should have failed: {}", args.join(" "), run.stdout);
	}
	for sign_of_a_crash in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
		if run.stderr.contains(sign_of_a_crash) {
			bail!("`healthnet {}` crashed instead of explaining: {}", args.join(" "), run.stderr);
		}
	}
	let last = run.stderr.lines().last().unwrap_or_default().to_string();
	if last.is_empty() {
		bail!("`healthnet {}` failed without saying why", args.join(" "));
	}
	Ok(run.stderr)
}
