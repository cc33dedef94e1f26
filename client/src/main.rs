//! `healthnet`: the command-line tool of Healthnet, for health workers, authorities and
//! validator operators. Every subcommand is one thing a person does on the network; what it
//! reads or what its transaction did is printed as text, or as JSON with `--json`. Every
//! failure is a sentence on standard error and a non-zero exit.

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};
use healthnet_client::{
	api::runtime_types::{
		healthnet_runtime::RuntimeCall, pallet_membership::pallet::Call as MembershipCall,
	},
	calls, keys, period, Client, Error, Included, Organisation, Progress, DEFAULT_URL,
};
use healthnet_primitives::{surveillance::Period, ClusterId, OrgId};
use serde_json::{json, Value};
use subxt::utils::{AccountId32, MultiAddress, H256};

/// Healthnet from the command line: organisations, clusters, disease reports, alerts,
/// guidance, the council and the validators.
#[derive(Parser)]
#[command(name = "healthnet", version, propagate_version = true)]
struct Cli {
	/// The node to talk to.
	#[arg(long, global = true, env = "HEALTHNET_URL", default_value = DEFAULT_URL)]
	url: String,
	/// The signing key for commands that send a transaction: a secret URI (//Alice, a mnemonic
	/// phrase, a 0x seed) or the path of a file holding one.
	#[arg(long, global = true, env = "HEALTHNET_SURI", hide_env_values = true)]
	suri: Option<String>,
	/// Print machine-readable JSON on standard output instead of text.
	#[arg(long, global = true)]
	json: bool,
	/// How many seconds to wait for a transaction to be finalized before giving up.
	#[arg(long, global = true, default_value_t = 120)]
	timeout: u64,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Organisations and their member accounts.
	#[command(subcommand)]
	Org(OrgCommand),
	/// Clusters: facilities of one locality with a coordinating organisation.
	#[command(subcommand)]
	Cluster(ClusterCommand),
	/// Disease case reports, their review and their aggregates.
	#[command(subcommand)]
	Report(ReportCommand),
	/// Outbreak thresholds and open alerts.
	#[command(subcommand)]
	Alert(AlertCommand),
	/// Guidance from authorities, and its acknowledgement by facilities.
	#[command(subcommand)]
	Guidance(GuidanceCommand),
	/// The council of health authorities and its motions.
	#[command(subcommand)]
	Council(CouncilCommand),
	/// The validators and their session keys.
	#[command(subcommand)]
	Validator(ValidatorCommand),
	/// The chain the node follows.
	#[command(subcommand)]
	Chain(ChainCommand),
}

#[derive(Subcommand)]
enum OrgCommand {
	/// Show an organisation.
	Show { id: OrgId },
	/// Show the organisation an account belongs to, and its role there.
	Of { account: String },
	/// List the organisations registered with exactly this region code.
	List {
		#[arg(long)]
		region: String,
	},
	/// Register an organisation in your authority's region (signed by an authority's member).
	Register {
		/// hospital, clinic, nursing-home, laboratory, manufacturer, distributor, warehouse,
		/// research-institute, regional-authority or local-authority.
		#[arg(long)]
		kind: String,
		#[arg(long)]
		name: String,
		/// Its region code, such as IN-KA-BLR.
		#[arg(long)]
		region: String,
		/// The account that will administer it.
		#[arg(long)]
		admin: String,
		/// A capability (repeat for several): report-cases, issue-certificates, hold-stock,
		/// manufacture, read-research-data, provide-care.
		#[arg(long = "capability")]
		capabilities: Vec<String>,
		/// The cluster it joins.
		#[arg(long)]
		cluster: Option<ClusterId>,
	},
	/// Suspend an organisation: its accounts lose every right until it is reinstated.
	Suspend { id: OrgId },
	/// Reinstate a suspended organisation.
	Reinstate { id: OrgId },
	/// Add a member account to your organisation (signed by its admin).
	AddMember {
		account: String,
		/// admin or operator.
		#[arg(long, default_value = "operator")]
		role: String,
	},
	/// Remove a member account from your organisation (signed by its admin).
	RemoveMember { account: String },
}

#[derive(Subcommand)]
enum ClusterCommand {
	/// Show a cluster and its facilities.
	Show { id: ClusterId },
	/// Create a cluster in your authority's region.
	Create {
		#[arg(long)]
		name: String,
		#[arg(long)]
		region: String,
		/// The organisation that coordinates it.
		#[arg(long)]
		coordinator: OrgId,
	},
	/// Add a facility to a cluster.
	Add { cluster: ClusterId, org: OrgId },
	/// Take a facility out of its cluster.
	Remove { org: OrgId },
}

/// A facility's counts of one disease and period.
#[derive(Args)]
struct CountArgs {
	/// The disease code, such as RA01 (ICD-11 for COVID-19).
	#[arg(long)]
	disease: String,
	/// The day: YYYY-MM-DD, today, yesterday, or a day number.
	#[arg(long, value_parser = parse_period)]
	period: Period,
	#[arg(long, default_value_t = 0)]
	suspected: u32,
	#[arg(long, default_value_t = 0)]
	confirmed: u32,
	#[arg(long, default_value_t = 0)]
	deaths: u32,
	#[arg(long, default_value_t = 0)]
	recovered: u32,
	#[arg(long, default_value_t = 0)]
	hospitalised: u32,
	#[arg(long, default_value_t = 0)]
	tests_performed: u32,
	#[arg(long, default_value_t = 0)]
	tests_positive: u32,
	/// Confirmed cases of a variant, as NAME=COUNT (repeat for several).
	#[arg(long = "variant")]
	variants: Vec<String>,
}

/// One facility's report.
#[derive(Args)]
struct ReportKey {
	/// The reporting organisation.
	#[arg(long)]
	org: OrgId,
	#[arg(long)]
	disease: String,
	#[arg(long, value_parser = parse_period)]
	period: Period,
}

#[derive(Subcommand)]
enum ReportCommand {
	/// Report your facility's counts of a disease for a day.
	Submit(CountArgs),
	/// Replace the counts of your facility's report with a new version: give every count again
	/// (a count left out is zero).
	Amend {
		/// Your organisation.
		#[arg(long)]
		org: OrgId,
		#[command(flatten)]
		counts: CountArgs,
	},
	/// Approve a facility's report (its authority).
	Approve(ReportKey),
	/// Reject a facility's report (its authority).
	Reject {
		#[command(flatten)]
		report: ReportKey,
		/// incomplete-counts, implausible-counts, wrong-disease, wrong-period or duplicate.
		#[arg(long)]
		reason: String,
	},
	/// Re-open an approved report for amendment (its authority).
	Reopen(ReportKey),
	/// A report and all its versions.
	History(ReportKey),
	/// Totals of a disease per day, for a region or a cluster.
	Series {
		/// A region code; "" for the whole world.
		#[arg(long, conflicts_with = "cluster", required_unless_present = "cluster")]
		region: Option<String>,
		#[arg(long)]
		cluster: Option<ClusterId>,
		#[arg(long)]
		disease: String,
		#[arg(long, value_parser = parse_period)]
		from: Period,
		/// The last day (default: the first).
		#[arg(long, value_parser = parse_period)]
		to: Option<Period>,
	},
	/// Which facilities of a cluster reported a disease for a day, and in time.
	Completeness {
		#[arg(long)]
		cluster: ClusterId,
		#[arg(long)]
		disease: String,
		#[arg(long, value_parser = parse_period)]
		period: Period,
	},
}

#[derive(Subcommand)]
enum AlertCommand {
	/// Set the daily confirmed cases that raise an alert in your region (0 removes it).
	Threshold {
		#[arg(long)]
		region: String,
		#[arg(long)]
		disease: String,
		#[arg(long)]
		confirmed: u32,
	},
	/// The alerts above their thresholds in a region and inside it.
	List {
		/// A region code; the whole world when left out.
		#[arg(long, default_value = "")]
		region: String,
	},
}

#[derive(Subcommand)]
enum GuidanceCommand {
	/// Publish guidance to the facilities of a region or a cluster (an authority).
	Publish {
		#[arg(long, conflicts_with = "cluster", required_unless_present = "cluster")]
		region: Option<String>,
		#[arg(long)]
		cluster: Option<ClusterId>,
		/// Where the document is, off chain.
		#[arg(long)]
		uri: String,
		/// The document itself, to put its BLAKE2-256 hash on chain.
		#[arg(long, conflicts_with = "content_hash", required_unless_present = "content_hash")]
		document: Option<PathBuf>,
		/// The document's hash, if you do not have the file at hand.
		#[arg(long)]
		content_hash: Option<String>,
		/// information, advisory, warning or emergency.
		#[arg(long)]
		severity: String,
		/// The disease it is about.
		#[arg(long)]
		disease: Option<String>,
	},
	/// Acknowledge guidance for your facility.
	Acknowledge { id: u32 },
	/// The facilities that have not acknowledged guidance yet.
	Pending { id: u32 },
}

#[derive(Subcommand)]
enum CouncilCommand {
	/// The council's members.
	Members,
	/// The motions open for votes.
	Motions,
	/// Propose a motion (a council member); it executes once the threshold voted aye.
	Propose {
		/// The ayes needed; by default two thirds of the council, what its motions need.
		#[arg(long)]
		threshold: Option<u32>,
		#[command(subcommand)]
		action: CouncilAction,
	},
	/// Vote on a motion (a council member).
	Vote {
		/// The motion's hash.
		#[arg(long)]
		hash: String,
		/// The motion's index.
		#[arg(long)]
		index: u32,
		/// Vote nay instead of aye.
		#[arg(long)]
		nay: bool,
	},
	/// Close a motion that has its votes, executing it.
	Close {
		#[arg(long)]
		hash: String,
		#[arg(long)]
		index: u32,
	},
}

#[derive(Subcommand, Clone)]
enum CouncilAction {
	/// Register a global or national authority.
	RegisterAuthority {
		/// global-authority or national-authority.
		#[arg(long)]
		kind: String,
		#[arg(long)]
		name: String,
		/// The country code of a national authority; leave out for a global one.
		#[arg(long, default_value = "")]
		region: String,
		#[arg(long)]
		admin: String,
	},
	/// Add a validator (its operator must have set its session keys).
	AddValidator { account: String },
	/// Remove a validator.
	RemoveValidator { account: String },
	/// Authorize a runtime upgrade to a wasm file (anyone may then apply it).
	AuthorizeUpgrade { wasm: PathBuf },
	/// Add a member to the council.
	AddMember { account: String },
	/// Remove a member from the council.
	RemoveMember { account: String },
}

#[derive(Subcommand)]
enum ValidatorCommand {
	/// The validators the council decided on.
	List,
	/// Set the session keys of your validator account (its operator), as the node's
	/// `author_rotateKeysWithOwner` returned them; the council can then add it.
	SetKeys {
		/// The keys, in hex.
		#[arg(long)]
		keys: String,
		/// The proof that the signing account owns them, in hex.
		#[arg(long)]
		proof: String,
	},
}

#[derive(Subcommand)]
enum ChainCommand {
	/// The chain's name, runtime version, best and finalized blocks, and whether this tool
	/// was built for the node's runtime.
	Info,
}

fn parse_period(text: &str) -> Result<Period, String> {
	period::parse(text).map_err(|e| e.to_string())
}

/// What a command prints: a text for people and a JSON value for programs.
struct Output {
	text: String,
	json: Value,
}

impl Output {
	fn new(text: impl Into<String>, json: Value) -> Output {
		Output { text: text.into(), json }
	}
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let json = cli.json;
	match run(cli).await {
		Ok(output) => {
			if json {
				println!("{}", output.json);
			} else {
				println!("{}", output.text);
			}
			ExitCode::SUCCESS
		},
		Err(error) => {
			eprintln!("healthnet: {error}");
			ExitCode::FAILURE
		},
	}
}

/// The session with the node a command needs.
struct Session {
	client: Client,
	suri: Option<String>,
	quiet: bool,
	timeout: std::time::Duration,
}

impl Session {
	fn signer(&self) -> Result<subxt_signer::sr25519::Keypair, Error> {
		let suri = self.suri.as_deref().ok_or_else(|| {
			Error::BadKey(
				"this command sends a transaction: give the signing key with --suri (such as \
				 --suri //Alice on a dev chain, or the path of a key file) or set HEALTHNET_SURI"
					.into(),
			)
		})?;
		keys::signer(suri)
	}

	async fn send<Call: subxt::tx::Payload>(&self, call: Call) -> Result<Included, Error> {
		let signer = self.signer()?;
		let quiet = self.quiet;
		let submitted = self.client.submit(&call, &signer, |step: &Progress| {
			if !quiet {
				eprintln!("healthnet: {step}");
			}
		});
		tokio::time::timeout(self.timeout, submitted).await.map_err(|_| {
			Error::Node(format!(
				"the transaction was not finalized within {} seconds; the network may have \
				 stalled (`healthnet chain info` shows whether blocks are produced and \
				 finalized), or raise --timeout",
				self.timeout.as_secs()
			))
		})?
	}
}

async fn run(cli: Cli) -> Result<Output, Error> {
	if let Command::Chain(ChainCommand::Info) = cli.command {
		let client = Client::connect_unchecked(&cli.url).await?;
		let info = client.chain_info().await?;
		let text = format!(
			"chain {} (genesis {:?})\nruntime spec version {}{}\nbest block #{}, finalized #{}",
			info.chain,
			info.genesis,
			info.spec_version,
			if info.metadata_matches {
				""
			} else {
				" — this healthnet was built for another runtime: use one built from the node's release"
			},
			info.best,
			info.finalized
		);
		return Ok(Output::new(text, serde_json::to_value(&info).unwrap_or_default()));
	}
	let session = Session {
		client: Client::connect(&cli.url).await?,
		suri: cli.suri,
		quiet: cli.json,
		timeout: std::time::Duration::from_secs(cli.timeout),
	};
	match cli.command {
		Command::Org(command) => org(&session, command).await,
		Command::Cluster(command) => cluster(&session, command).await,
		Command::Report(command) => report(&session, command).await,
		Command::Alert(command) => alert(&session, command).await,
		Command::Guidance(command) => guidance(&session, command).await,
		Command::Council(command) => council(&session, command).await,
		Command::Validator(command) => validator(&session, command).await,
		Command::Chain(ChainCommand::Info) => unreachable!("answered before connecting"),
	}
}

/// A list: for people one line per item (or `none`), for programs the items as JSON.
fn listing<T: serde::Serialize>(items: &[T], line: impl Fn(&T) -> String, none: String) -> Output {
	let text =
		if items.is_empty() { none } else { items.iter().map(line).collect::<Vec<_>>().join("\n") };
	Output::new(text, serde_json::to_value(items).unwrap_or_default())
}

/// What a finalized transaction did: its block and events.
fn done(included: Included, summary: String) -> Output {
	let mut text = format!("{summary} (block #{})", included.block_number);
	for event in &included.events {
		if !matches!(event.pallet.as_str(), "System" | "TransactionPayment" | "Balances") {
			text.push_str(&format!("\n  {}.{} {}", event.pallet, event.name, event.fields));
		}
	}
	let json = json!({
		"summary": summary,
		"block": format!("{:?}", included.block),
		"block_number": included.block_number,
		"events": included.events,
	});
	Output::new(text, json)
}

/// What a transaction that creates something did: the new id, read from the `pallet.event` it
/// emitted, goes into the summary and into the JSON as `id`.
fn created(
	included: Included,
	pallet: &str,
	event: &str,
	summary: impl FnOnce(u32) -> String,
) -> Result<Output, Error> {
	let id = included.new_id(pallet, event)?;
	let mut output = done(included, summary(id));
	output.json["id"] = json!(id);
	Ok(output)
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn organisation_json(id: OrgId, org: &Organisation) -> Value {
	json!({
		"id": id,
		"kind": format!("{:?}", org.kind),
		"name": text(&org.name.0),
		"region": text(&org.region.0),
		"parent": org.parent,
		"cluster": org.cluster,
		"status": format!("{:?}", org.status),
		"capabilities": calls::capability_names(&org.capabilities),
	})
}

fn organisation_line(id: OrgId, org: &Organisation) -> String {
	let cluster = org.cluster.map(|c| format!(", cluster {c}")).unwrap_or_default();
	let capabilities = calls::capability_names(&org.capabilities);
	format!(
		"{id}: {} — {:?} in {}{cluster}, {:?}, capabilities: {}",
		text(&org.name.0),
		org.kind,
		if org.region.0.is_empty() { "the world".into() } else { text(&org.region.0) },
		org.status,
		if capabilities.is_empty() { "none".to_string() } else { capabilities.join(", ") }
	)
}

async fn org(session: &Session, command: OrgCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		OrgCommand::Show { id } => {
			let org = client.organisation(id).await?;
			Output::new(organisation_line(id, &org), organisation_json(id, &org))
		},
		OrgCommand::Of { account } => {
			let account = keys::account(&account)?;
			match client.organisation_of(&account).await? {
				Some((id, role, org)) => Output::new(
					format!("{account} is {:?} of {}", role, organisation_line(id, &org)),
					json!({ "account": account.to_string(), "role": format!("{role:?}"),
						"organisation": organisation_json(id, &org) }),
				),
				None => {
					return Err(Error::NotFound(format!(
						"{account} is not a member account of any organisation"
					)))
				},
			}
		},
		OrgCommand::List { region } => {
			let mut lines = Vec::new();
			let mut entries = Vec::new();
			for id in client.organisations_in_region(&region).await? {
				let org = client.organisation(id).await?;
				lines.push(organisation_line(id, &org));
				entries.push(organisation_json(id, &org));
			}
			if lines.is_empty() {
				lines.push(format!("no organisations in {region}"));
			}
			Output::new(lines.join("\n"), Value::Array(entries))
		},
		OrgCommand::Register { kind, name, region, admin, capabilities, cluster } => {
			let call = calls::registry::register_organisation(
				calls::kind(&kind)?,
				&name,
				&region,
				calls::capabilities(&capabilities)?,
				keys::account(&admin)?,
				cluster,
			);
			created(session.send(call).await?, "Registry", "OrganisationRegistered", |id| {
				format!("registered {name} as organisation {id}")
			})?
		},
		OrgCommand::Suspend { id } => done(
			session.send(calls::registry::suspend_organisation(id)).await?,
			format!("suspended organisation {id}"),
		),
		OrgCommand::Reinstate { id } => done(
			session.send(calls::registry::reinstate_organisation(id)).await?,
			format!("reinstated organisation {id}"),
		),
		OrgCommand::AddMember { account, role } => {
			let account = keys::account(&account)?;
			let call = calls::registry::add_member(account, calls::role(&role)?);
			done(session.send(call).await?, format!("added {account} as {role}"))
		},
		OrgCommand::RemoveMember { account } => {
			let account = keys::account(&account)?;
			let call = calls::registry::remove_member(account);
			done(session.send(call).await?, format!("removed {account}"))
		},
	})
}

async fn cluster(session: &Session, command: ClusterCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		ClusterCommand::Show { id } => {
			let cluster = client.cluster(id).await?;
			let members = client.cluster_members(id).await?;
			let mut lines = vec![format!(
				"cluster {id}: {} in {}, coordinated by organisation {}, {} facilities",
				text(&cluster.name.0),
				text(&cluster.region.0),
				cluster.coordinator,
				cluster.size
			)];
			for member in &members {
				lines.push(format!(
					"  {}",
					organisation_line(*member, &client.organisation(*member).await?)
				));
			}
			Output::new(
				lines.join("\n"),
				json!({ "id": id, "name": text(&cluster.name.0), "region": text(&cluster.region.0),
					"coordinator": cluster.coordinator, "members": members }),
			)
		},
		ClusterCommand::Create { name, region, coordinator } => created(
			session.send(calls::registry::create_cluster(&name, &region, coordinator)).await?,
			"Registry",
			"ClusterCreated",
			|id| format!("created cluster {id}, {name}"),
		)?,
		ClusterCommand::Add { cluster, org } => done(
			session.send(calls::registry::add_to_cluster(cluster, org)).await?,
			format!("added organisation {org} to cluster {cluster}"),
		),
		ClusterCommand::Remove { org } => done(
			session.send(calls::registry::remove_from_cluster(org)).await?,
			format!("took organisation {org} out of its cluster"),
		),
	})
}

fn counts_of(
	args: &CountArgs,
) -> healthnet_client::api::runtime_types::healthnet_primitives::surveillance::Counts {
	calls::surveillance::counts(
		args.suspected,
		args.confirmed,
		args.deaths,
		args.recovered,
		args.hospitalised,
		args.tests_performed,
		args.tests_positive,
	)
}

fn totals_line(period: Period, totals: &healthnet_primitives::surveillance::Totals) -> String {
	format!(
		"{}: confirmed {}, suspected {}, deaths {}, recovered {}, hospitalised {}, tests {} ({} positive), reports: {}",
		period::date(period),
		totals.confirmed,
		totals.suspected,
		totals.deaths,
		totals.recovered,
		totals.hospitalised,
		totals.tests_performed,
		totals.tests_positive,
		totals.reports
	)
}

async fn report(session: &Session, command: ReportCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		ReportCommand::Submit(args) => {
			let call = calls::surveillance::submit_report(
				&args.disease,
				args.period,
				counts_of(&args),
				calls::variants(&args.variants)?,
			);
			done(
				session.send(call).await?,
				format!("reported {} for {}", args.disease, period::date(args.period)),
			)
		},
		ReportCommand::Amend { org, counts } => {
			let call = calls::surveillance::amend_report(
				org,
				&counts.disease,
				counts.period,
				counts_of(&counts),
				calls::variants(&counts.variants)?,
			);
			done(
				session.send(call).await?,
				format!(
					"amended the {} report for {}",
					counts.disease,
					period::date(counts.period)
				),
			)
		},
		ReportCommand::Approve(key) => done(
			session
				.send(calls::surveillance::approve_report(key.org, &key.disease, key.period))
				.await?,
			format!("approved the report of organisation {}", key.org),
		),
		ReportCommand::Reject { report, reason } => {
			let reason = calls::rejection_reason(&reason)?;
			let call = calls::surveillance::reject_report(
				report.org,
				&report.disease,
				report.period,
				reason,
			);
			done(
				session.send(call).await?,
				format!("rejected the report of organisation {}", report.org),
			)
		},
		ReportCommand::Reopen(key) => done(
			session
				.send(calls::surveillance::reopen_report(key.org, &key.disease, key.period))
				.await?,
			format!("re-opened the report of organisation {}", key.org),
		),
		ReportCommand::History(key) => {
			let history = client
				.report_history(key.org, &key.disease, key.period)
				.await?
				.ok_or_else(|| {
					Error::NotFound(format!(
						"organisation {} has no {} report for {}",
						key.org,
						key.disease,
						period::date(key.period)
					))
				})?;
			let mut lines = vec![format!(
				"report of organisation {} on {} for {}: version {}, {:?}, {}",
				key.org,
				key.disease,
				period::date(key.period),
				history.report.version,
				history.report.status,
				if history.report.on_time { "on time" } else { "late" }
			)];
			let mut versions = Vec::new();
			for (number, version) in history.versions.iter().enumerate() {
				let variants: Vec<String> = version
					.variants
					.iter()
					.map(|(name, count)| format!(" {}={count}", text(name)))
					.collect();
				lines.push(format!(
					"  version {}: confirmed {}, suspected {}, deaths {}{}{} (block #{}, by {})",
					number + 1,
					version.counts.confirmed,
					version.counts.suspected,
					version.counts.deaths,
					if variants.is_empty() { "" } else { "; variants" },
					variants.concat(),
					version.at,
					version.submitted_by
				));
				versions.push(json!({
					"version": number + 1,
					"counts": version.counts,
					"variants": version.variants.iter().map(|(name, count)| json!([text(name), count])).collect::<Vec<_>>(),
					"submitted_by": version.submitted_by.to_string(),
					"at": version.at,
				}));
			}
			Output::new(lines.join("\n"), json!({ "report": history.report, "versions": versions }))
		},
		ReportCommand::Series { region, cluster, disease, from, to } => {
			let to = to.unwrap_or(from);
			let series = match (&region, cluster) {
				(_, Some(cluster)) => client.cluster_series(cluster, &disease, from, to).await?,
				(Some(region), None) => client.region_series(region, &disease, from, to).await?,
				(None, None) => unreachable!("clap requires a region or a cluster"),
			};
			let none =
				format!("no {disease} reports from {} to {}", period::date(from), period::date(to));
			listing(&series, |p| totals_line(p.period, &p.totals), none)
		},
		ReportCommand::Completeness { cluster, disease, period: day } => {
			let report = client.completeness(cluster, &disease, day).await?;
			let text = format!(
				"cluster {cluster}, {disease}, {}: {} of {} facilities reported, {} on time; missing: {}",
				period::date(day),
				report.reported,
				report.expected,
				report.on_time,
				if report.missing.is_empty() {
					"none".to_string()
				} else {
					report.missing.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ")
				}
			);
			Output::new(text, serde_json::to_value(&report).unwrap_or_default())
		},
	})
}

async fn alert(session: &Session, command: AlertCommand) -> Result<Output, Error> {
	Ok(match command {
		AlertCommand::Threshold { region, disease, confirmed } => done(
			session.send(calls::surveillance::set_threshold(&region, &disease, confirmed)).await?,
			format!("threshold of {disease} in {region}: {confirmed} confirmed cases a day"),
		),
		AlertCommand::List { region } => {
			let alerts = session.client.open_alerts(&region).await?;
			let line = |a: &healthnet_primitives::surveillance::AlertView| {
				format!(
					"{} {} on {}: {} confirmed, threshold {}",
					if a.region.is_empty() { "world" } else { &a.region },
					a.disease,
					period::date(a.period),
					a.confirmed,
					a.threshold
				)
			};
			listing(&alerts, line, "no open alerts".into())
		},
	})
}

async fn guidance(session: &Session, command: GuidanceCommand) -> Result<Output, Error> {
	Ok(match command {
		GuidanceCommand::Publish {
			region,
			cluster,
			uri,
			document,
			content_hash,
			severity,
			disease,
		} => {
			let content_hash = match (document, content_hash) {
				(Some(path), _) => {
					let bytes = std::fs::read(&path).map_err(|e| {
						Error::BadInput(format!(
							"could not read the document {}: {e}",
							path.display()
						))
					})?;
					H256(sp_crypto_hashing::blake2_256(&bytes))
				},
				(None, Some(hash)) => parse_hash(&hash)?,
				(None, None) => unreachable!("clap requires a document or its hash"),
			};
			let call = calls::surveillance::publish_guidance(
				content_hash,
				&uri,
				calls::surveillance::target(region.as_deref(), cluster)?,
				disease.as_deref(),
				calls::severity(&severity)?,
			);
			created(session.send(call).await?, "Surveillance", "GuidancePublished", |id| {
				format!("published guidance {id}")
			})?
		},
		GuidanceCommand::Acknowledge { id } => done(
			session.send(calls::surveillance::acknowledge_guidance(id)).await?,
			format!("acknowledged guidance {id}"),
		),
		GuidanceCommand::Pending { id } => {
			let pending = session.client.unacknowledged_guidance(id).await?;
			let text = if pending.is_empty() {
				format!("every facility addressed has acknowledged guidance {id}")
			} else {
				format!(
					"not yet acknowledged by organisations {}",
					pending.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ")
				)
			};
			Output::new(text, json!(pending))
		},
	})
}

fn parse_hash(text: &str) -> Result<H256, Error> {
	hex::decode(text.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
		.map(H256)
		.ok_or_else(|| Error::BadInput(format!("{text} is not a 32-byte hash in hex")))
}

fn council_call(action: &CouncilAction) -> Result<RuntimeCall, Error> {
	Ok(match action {
		CouncilAction::RegisterAuthority { kind, name, region, admin } => {
			calls::registry::register_authority(
				calls::kind(kind)?,
				name,
				region,
				keys::account(admin)?,
			)
		},
		CouncilAction::AddValidator { account } => {
			calls::validators::add_validator(keys::account(account)?)
		},
		CouncilAction::RemoveValidator { account } => {
			calls::validators::remove_validator(keys::account(account)?)
		},
		CouncilAction::AuthorizeUpgrade { wasm } => {
			let code = std::fs::read(wasm).map_err(|e| {
				Error::BadInput(format!("could not read the runtime {}: {e}", wasm.display()))
			})?;
			calls::validators::authorize_upgrade(H256(sp_crypto_hashing::blake2_256(&code)))
		},
		CouncilAction::AddMember { account } => {
			RuntimeCall::CouncilMembership(MembershipCall::add_member {
				who: MultiAddress::Id(keys::account(account)?),
			})
		},
		CouncilAction::RemoveMember { account } => {
			RuntimeCall::CouncilMembership(MembershipCall::remove_member {
				who: MultiAddress::Id(keys::account(account)?),
			})
		},
	})
}

async fn council(session: &Session, command: CouncilCommand) -> Result<Output, Error> {
	let client = &session.client;
	Ok(match command {
		CouncilCommand::Members => {
			let members = client.council_members().await?;
			let names: Vec<String> = members.iter().map(AccountId32::to_string).collect();
			Output::new(names.join("\n"), json!(names))
		},
		CouncilCommand::Motions => {
			let motions = client.motions().await?;
			let line = |m: &healthnet_client::Motion| {
				format!(
					"motion {} ({:?}): {} ayes, {} nays of {} needed; closes after block #{}",
					m.index,
					m.hash,
					m.ayes.len(),
					m.nays.len(),
					m.threshold,
					m.end
				)
			};
			listing(&motions, line, "no open motions".into())
		},
		CouncilCommand::Propose { threshold, action } => {
			let call = council_call(&action)?;
			let threshold = match threshold {
				Some(threshold) => threshold,
				None => (client.council_members().await?.len() as u32 * 2).div_ceil(3).max(1),
			};
			let included = session.send(calls::council::propose(threshold, call)?).await?;
			match healthnet_client::motion_of(&included) {
				Some((index, hash)) => {
					let summary = format!(
						"proposed motion {index} ({hash:?}); it needs {threshold} ayes, the \
						 proposer's included once voted: `healthnet council vote --hash {hash:?} \
						 --index {index}`"
					);
					let mut output = done(included, summary);
					output.json["index"] = json!(index);
					output.json["hash"] = json!(format!("{hash:?}"));
					output
				},
				None => {
					client.motion_outcome(&included).await?;
					done(included, "the motion executed at once (threshold 1)".into())
				},
			}
		},
		CouncilCommand::Vote { hash, index, nay } => {
			let hash = parse_hash(&hash)?;
			done(
				session.send(calls::council::vote(hash, index, !nay)).await?,
				format!("voted {} on motion {index}", if nay { "nay" } else { "aye" }),
			)
		},
		CouncilCommand::Close { hash, index } => {
			let hash = parse_hash(&hash)?;
			let included = session.send(calls::council::close(hash, index)).await?;
			client.motion_outcome(&included).await?;
			let summary = if included.event("Council", "Executed").is_some() {
				format!("closed motion {index}: approved and executed")
			} else {
				format!("closed motion {index}")
			};
			done(included, summary)
		},
	})
}

async fn validator(session: &Session, command: ValidatorCommand) -> Result<Output, Error> {
	Ok(match command {
		ValidatorCommand::List => {
			let validators = session.client.validators().await?;
			let names: Vec<String> = validators.iter().map(AccountId32::to_string).collect();
			Output::new(names.join("\n"), json!(names))
		},
		ValidatorCommand::SetKeys { keys, proof } => {
			let hex_of = |what: &str, text: &str| {
				hex::decode(text.trim_start_matches("0x")).map_err(|_| {
					Error::BadInput(format!("the {what} {text} is not hex, as the node returns it"))
				})
			};
			let call =
				calls::validators::set_keys(&hex_of("keys", &keys)?, hex_of("proof", &proof)?)?;
			done(session.send(call).await?, "set the session keys".into())
		},
	})
}
