//! `healthnet load`: throughput and latency of a `bench` chain on this machine, for reports
//! and for balance transfers from the same accounts, so that one run gives their ratio.

use clap::{Args, ValueEnum};
use healthnet_client::{
	load::{Latency, Outcome, Plan, Tick, Workload},
	Error,
};
use healthnet_primitives::bench::FACILITIES;
use serde_json::json;

use super::{output::Output, session::Session};

/// Which workloads a run sends.
#[derive(Clone, Copy, ValueEnum)]
pub enum Which {
	/// `submit_report` only.
	Reports,
	/// `transfer_keep_alive` only.
	Transfers,
	/// `submit_reports`: forms of --diseases diseases each.
	Forms,
	/// Reports, then as many transfers.
	Both,
	/// Forms, then as many single reports, then as many transfers: the peak's shape and its
	/// baseline in one run.
	All,
	/// No transactions: the latency of a year's series, a completeness and the open alerts,
	/// each asked --count times.
	Reads,
}

/// Sends pre-signed transactions from the bench chain's 1,000 facility accounts to a node on
/// this machine (started with `--chain bench`) and measures how many are included and
/// finalized a second, and how long each waits for finality.
#[derive(Args)]
pub struct LoadArgs {
	/// What to send.
	#[arg(long, value_enum, default_value = "both")]
	workload: Which,
	/// How many transactions of each workload (with `reads`, how many calls of each read).
	#[arg(long, default_value_t = 1_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
	count: u32,
	/// How many of the bench facility accounts sign, in turn.
	#[arg(long, default_value_t = FACILITIES, value_parser = clap::value_parser!(u32).range(1..=FACILITIES as i64))]
	accounts: u32,
	/// Transactions a second; without it, as fast as the node's pool takes them.
	#[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
	rate: Option<u32>,
	/// Without --rate, how many sent transactions may wait for a block at once.
	#[arg(long, default_value_t = 6_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
	max_pending: u32,
	/// The disease code of the reports (a form's first disease).
	#[arg(long, default_value = "RA01")]
	disease: String,
	/// How many diseases each form reports, with --workload forms.
	#[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=32))]
	diseases: u32,
	/// Stop each workload this many seconds after its first submission, finalized or not.
	#[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=3_600))]
	max_seconds: u64,
	/// The order in which each round visits the facilities: `shuffled`, a fixed shuffle, as a
	/// peak's forms come from facilities in no particular order, so a block's forms come from
	/// every cluster; `registry`, the registry's order, 20 facilities of one cluster after
	/// another (the figures before 2026-12-07).
	#[arg(long, value_enum, default_value = "shuffled")]
	order: Order,
}

/// The order of the facilities in a round.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Order {
	/// A fixed shuffle: facilities in no particular order.
	Shuffled,
	/// The registry's order: a cluster's facilities one after another.
	Registry,
}

pub async fn run(session: &Session, args: LoadArgs) -> Result<Output, Error> {
	let workloads: &[Workload] = match args.workload {
		Which::Reports => &[Workload::Reports],
		Which::Transfers => &[Workload::Transfers],
		Which::Forms => &[Workload::Forms],
		Which::Both => &[Workload::Reports, Workload::Transfers],
		Which::All => &[Workload::Forms, Workload::Reports, Workload::Transfers],
		Which::Reads => {
			let latencies = session.client.read_latency(args.count, &args.disease).await?;
			return Ok(reads_table(latencies));
		},
	};
	let mut outcomes = Vec::new();
	for &workload in workloads {
		let plan = Plan {
			workload,
			count: args.count,
			accounts: args.accounts,
			rate: args.rate,
			max_pending: args.max_pending,
			disease: args.disease.clone(),
			diseases: args.diseases,
			deadline: std::time::Duration::from_secs(args.max_seconds),
			shuffled: args.order == Order::Shuffled,
		};
		let quiet = session.quiet();
		let outcome = session
			.client
			.load(&plan, |tick| {
				if !quiet {
					eprintln!("healthnet: {}", progress_line(workload, &tick));
				}
			})
			.await?;
		outcomes.push(outcome);
	}
	let run = |workload| outcomes.iter().find(|o| o.workload == Some(workload));
	let ratio = match (run(Workload::Reports), run(Workload::Transfers)) {
		(Some(reports), Some(transfers)) if transfers.finalized_per_second > 0.0 => {
			Some(reports.finalized_per_second / transfers.finalized_per_second)
		},
		_ => None,
	};
	let mut text = table(&outcomes);
	if let Some(ratio) = ratio {
		text.push_str(&format!(
			"\nreports finalized a second per transfer finalized a second: {ratio:.2}"
		));
	}
	Ok(Output::new(text, json!({ "runs": outcomes, "reports_per_transfer": ratio })))
}

fn name(workload: Option<Workload>) -> &'static str {
	match workload {
		Some(Workload::Reports) => "reports",
		Some(Workload::Transfers) => "transfers",
		Some(Workload::Forms) => "forms",
		None => "",
	}
}

fn progress_line(workload: Workload, tick: &Tick) -> String {
	format!(
		"{} after {:.0} s: {} sent, {} refused, {} in a block, {} finalized",
		name(Some(workload)),
		tick.seconds,
		tick.submitted,
		tick.rejected,
		tick.included,
		tick.finalized
	)
}

/// The read latencies as a table, one row per read.
fn reads_table(latencies: Vec<Latency>) -> Output {
	let mut lines = vec![format!(
		"{:<44} {:>6} {:>9} {:>9} {:>9}",
		"read", "calls", "p50 ms", "p95 ms", "p99 ms"
	)];
	for l in &latencies {
		lines.push(format!(
			"{:<44} {:>6} {:>9.2} {:>9.2} {:>9.2}",
			l.read, l.calls, l.p50_ms, l.p95_ms, l.p99_ms
		));
	}
	Output::new(lines.join("\n"), json!({ "reads": latencies }))
}

/// The outcomes as a table, one row per workload, then the pool's refusals by reason.
fn table(outcomes: &[Outcome]) -> String {
	let mut lines = vec![format!(
		"{:<10} {:>9} {:>8} {:>5} {:>10} {:>8} {:>9} {:>6} {:>10} {:>11} {:>9} {:>6} {:>6} {:>6} {:>6} {:>9}",
		"workload",
		"submitted",
		"refused",
		"lost",
		"unfinished",
		"included",
		"finalized",
		"failed",
		"included/s",
		"finalized/s",
		"reports/s",
		"p50 s",
		"p95 s",
		"p99 s",
		"blocks",
		"max/block"
	)];
	for o in outcomes {
		lines.push(format!(
			"{:<10} {:>9} {:>8} {:>5} {:>10} {:>8} {:>9} {:>6} {:>10.1} {:>11.1} {:>9.1} {:>6.2} {:>6.2} {:>6.2} {:>6} {:>9}",
			name(o.workload),
			o.submitted,
			o.rejected.values().sum::<u32>(),
			o.lost,
			o.unfinished,
			o.included,
			o.finalized,
			o.failed,
			o.included_per_second,
			o.finalized_per_second,
			o.reports_finalized_per_second,
			o.finality_p50,
			o.finality_p95,
			o.finality_p99,
			o.blocks,
			o.most_in_a_block
		));
	}
	for o in outcomes {
		for (reason, count) in &o.rejected {
			lines.push(format!("{} refused by the pool: {count} × {reason}", name(o.workload)));
		}
	}
	lines.join("\n")
}
