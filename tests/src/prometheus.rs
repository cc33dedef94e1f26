//! Prometheus for the tests: a node's metrics page read as text (over a plain HTTP/1.0 GET,
//! also used for other local servers), and a real Prometheus server (Debian's `prometheus`,
//! which `scripts/setup` installs) scraping nodes on loopback.

use std::{
	io::{Read, Write},
	net::TcpStream,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

/// The body of `GET path` from 127.0.0.1:`port`, which must answer 200.
pub fn http_get(port: u16, path: &str) -> Result<String> {
	let (status, body) = http_response(port, path)?;
	if !status.contains(" 200") {
		bail!("GET {path} on port {port} answered {status}: {body}");
	}
	Ok(body)
}

/// The status line and body of `GET path` from 127.0.0.1:`port`, whatever the status.
pub fn http_response(port: u16, path: &str) -> Result<(String, String)> {
	let mut stream = TcpStream::connect(("127.0.0.1", port))?;
	stream.set_read_timeout(Some(Duration::from_secs(30)))?;
	write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n")?;
	let mut response = String::new();
	stream.read_to_string(&mut response)?;
	let (head, body) = response
		.split_once("\r\n\r\n")
		.ok_or_else(|| anyhow!("GET {path} on port {port}: no HTTP response"))?;
	let status = head.lines().next().unwrap_or_default();
	Ok((status.to_owned(), body.to_owned()))
}

/// A node's metrics page (`/metrics` on its Prometheus port).
pub fn scrape(port: u16) -> Result<String> {
	http_get(port, "/metrics")
}

/// The value of the sample of metric `name` whose labels include `labels` (such as
/// `verdict="Unknown"`; empty for any), in a metrics page.
pub fn sample(page: &str, name: &str, labels: &str) -> Option<f64> {
	page.lines().filter(|line| !line.starts_with('#')).find_map(|line| {
		let rest = line.strip_prefix(name)?;
		let (labelled, value) = match rest.strip_prefix('{') {
			Some(rest) => rest.split_once("} ")?,
			None => ("", rest.strip_prefix(' ')?),
		};
		labelled.contains(labels).then(|| value.trim().parse().ok())?
	})
}

/// A Prometheus server on a free port of 127.0.0.1 that scrapes nodes' metrics every second;
/// stopped on drop.
pub struct PrometheusServer {
	child: Child,
	port: u16,
	_data: tempfile::TempDir,
}

impl PrometheusServer {
	/// Starts a server scraping the metrics ports `targets` (job `healthnet`), with `rules`
	/// (paths of rule files) loaded; waits until it is ready.
	pub fn start(targets: &[u16], rules: &[&std::path::Path]) -> Result<PrometheusServer> {
		let data = tempfile::Builder::new().prefix("healthnet-prometheus-").tempdir()?;
		let targets: Vec<String> = targets.iter().map(|p| format!("\"127.0.0.1:{p}\"")).collect();
		let rules: Vec<String> = rules.iter().map(|p| format!("\"{}\"", p.display())).collect();
		let config = format!(
			"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files: [{}]\n\
			 scrape_configs:\n  - job_name: healthnet\n    static_configs:\n      - targets: [{}]\n",
			rules.join(", "),
			targets.join(", ")
		);
		let config_path = data.path().join("prometheus.yml");
		std::fs::write(&config_path, config)?;
		let port = crate::free_port()?;
		let log = std::fs::File::create(data.path().join("prometheus.log"))?;
		let child = Command::new("prometheus")
			.arg(format!("--config.file={}", config_path.display()))
			.arg(format!("--storage.tsdb.path={}", data.path().join("tsdb").display()))
			.arg(format!("--web.listen-address=127.0.0.1:{port}"))
			.stdin(Stdio::null())
			.stdout(log.try_clone()?)
			.stderr(log)
			.spawn()
			.context("could not start prometheus (scripts/setup installs Debian's package)")?;
		let mut server = PrometheusServer { child, port, _data: data };
		let deadline = Instant::now() + Duration::from_secs(60);
		while http_get(port, "/-/ready").is_err() {
			if let Some(status) = server.child.try_wait()? {
				let log = std::fs::read_to_string(server._data.path().join("prometheus.log"))?;
				bail!("prometheus exited ({status}): {log}");
			}
			if Instant::now() > deadline {
				bail!("prometheus was not ready within a minute");
			}
			std::thread::sleep(Duration::from_millis(200));
		}
		Ok(server)
	}

	/// The value of the PromQL `expression` now: the first series' value, if it has any.
	pub fn query(&self, expression: &str) -> Result<Option<f64>> {
		let body = http_get(self.port, &format!("/api/v1/query?query={}", encode(expression)))?;
		let answer: Value = serde_json::from_str(&body)?;
		let Some(first) = answer["data"]["result"].get(0) else { return Ok(None) };
		let value = first["value"][1].as_str().context("a result without a value")?;
		Ok(Some(value.parse()?))
	}

	/// The scrape targets and their health, as Prometheus's API answers (for failure messages).
	pub fn targets(&self) -> Result<String> {
		http_get(self.port, "/api/v1/targets")
	}

	/// The alerts firing now, by name.
	pub fn firing_alerts(&self) -> Result<Vec<String>> {
		let answer: Value = serde_json::from_str(&http_get(self.port, "/api/v1/alerts")?)?;
		let alerts = answer["data"]["alerts"].as_array().cloned().unwrap_or_default();
		Ok(alerts
			.iter()
			.filter(|a| a["state"] == "firing")
			.filter_map(|a| a["labels"]["alertname"].as_str().map(str::to_owned))
			.collect())
	}
}

impl Drop for PrometheusServer {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// `text` percent-encoded for a URL's query.
fn encode(text: &str) -> String {
	text.bytes()
		.map(|b| match b {
			b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
				(b as char).to_string()
			},
			_ => format!("%{b:02X}"),
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn samples_are_found_by_name_and_labels() {
		let page = "# HELP x\nhealthnet_open_alerts{chain=\"dev\"} 3\nhealthnet_open_alerts_x 9\n\
		            healthnet_c{chain=\"dev\",verdict=\"Unknown\"} 2\nplain 5\n";
		assert_eq!(sample(page, "healthnet_open_alerts", ""), Some(3.0));
		assert_eq!(sample(page, "healthnet_c", "verdict=\"Unknown\""), Some(2.0));
		assert_eq!(sample(page, "healthnet_c", "verdict=\"Valid\""), None);
		assert_eq!(sample(page, "plain", ""), Some(5.0));
		assert_eq!(sample(page, "absent", ""), None);
		assert_eq!(encode("a{b=\"c\"}"), "a%7Bb%3D%22c%22%7D");
	}
}
