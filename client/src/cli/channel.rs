//! `healthnet channel`: secured channels between chosen organisations. An authority creates
//! one and chooses its members; a member shares a document sealed on its own machine, its key
//! wrapped for every account that may read the channel; a reader records its read on chain and
//! fetches it through the gatekeeper. Keys are published once with `healthnet records
//! publish-key`, for records and channels alike.

use std::path::PathBuf;

use clap::Subcommand;
use healthnet_client::{channels, documents, period, Error};
use healthnet_primitives::{
	channels::{ChannelId, ChannelView, DocumentIndex},
	surveillance::{Period, PERIOD_MILLIS},
	OrgId,
};
use serde_json::json;

use super::{
	output::{created, done, listing, parse_period, text, Output},
	records::GatekeeperArg,
	session::Session,
};

#[derive(Subcommand)]
pub enum ChannelCommand {
	/// Create a channel (an administrator of an authority): its name, purpose and last day.
	Create {
		/// Its name, such as "Dengue, Bengaluru Urban, 2026".
		#[arg(long)]
		name: String,
		/// outbreak-investigation, genomic-surveillance or research-agreement.
		#[arg(long)]
		purpose: String,
		/// Its last day (YYYY-MM-DD, or a day number): it ends at that day's end, UTC, at
		/// most two years ahead.
		#[arg(long, value_parser = parse_period)]
		until: Period,
	},
	/// Add an organisation (the creator's administrator).
	Add {
		channel: ChannelId,
		#[arg(long)]
		org: OrgId,
	},
	/// Remove an organisation (the creator's administrator), or leave (its own).
	Remove {
		channel: ChannelId,
		#[arg(long)]
		org: OrgId,
	},
	/// Close a channel: every membership ends (the creator's administrator).
	Close { channel: ChannelId },
	/// Share a document: seal it here, register its hash, upload it and wrap its key for
	/// every account that may read the channel and has published a key.
	Share {
		channel: ChannelId,
		/// The document.
		file: PathBuf,
		/// line-list, fhir-bundle, sequences or report.
		#[arg(long)]
		kind: String,
		#[command(flatten)]
		gatekeeper: GatekeeperArg,
	},
	/// Record your read of a document on chain, fetch it and open it.
	Fetch {
		channel: ChannelId,
		index: DocumentIndex,
		/// Where to write the document.
		#[arg(long)]
		out: PathBuf,
		#[command(flatten)]
		gatekeeper: GatekeeperArg,
	},
	/// The channels an organisation is in (yours when not given): names, members, documents.
	List {
		#[arg(long)]
		org: Option<OrgId>,
	},
	/// A channel, its members and its documents (hashes and kinds, never contents).
	Show { channel: ChannelId },
	/// Every read of a document: who, first, last, how many.
	Audit { channel: ChannelId, index: DocumentIndex },
}

pub async fn run(session: &Session, command: ChannelCommand) -> Result<Output, Error> {
	Ok(match command {
		ChannelCommand::Create { name, purpose, until } => {
			let expires = (u64::from(until) + 1) * PERIOD_MILLIS;
			let call = channels::create_channel(&name, channels::purpose(&purpose)?, expires)?;
			created(session.send(call).await?, "Channels", "ChannelCreated", |id| {
				format!("created channel {id}, {name}, until {}", period::date(until))
			})?
		},
		ChannelCommand::Add { channel, org } => done(
			session.send(channels::add_member(channel, org)).await?,
			format!("added organisation {org} to channel {channel}"),
		),
		ChannelCommand::Remove { channel, org } => done(
			session.send(channels::remove_member(channel, org)).await?,
			format!("organisation {org} is no longer in channel {channel}"),
		),
		ChannelCommand::Close { channel } => done(
			session.send(channels::close_channel(channel)).await?,
			format!("closed channel {channel}"),
		),
		ChannelCommand::Share { channel, file, kind, gatekeeper } => {
			let kind = channels::document_kind(&kind)?;
			let plaintext = std::fs::read(&file).map_err(|e| {
				Error::BadInput(format!("could not read the document {}: {e}", file.display()))
			})?;
			let gatekeeper = gatekeeper.open()?;
			let signer = session.signer()?;
			let sealed = documents::seal(&plaintext);
			// The hash on chain first: the gatekeeper stores a document only for the member
			// whose finalized share names it.
			let included =
				session.send(channels::share_document(channel, kind, sealed.hash)?).await?;
			let index = channels::shared_index(&included)?;
			gatekeeper.channel_upload(&signer, channel, index, &sealed).await.map_err(|e| {
				Error::Node(format!(
					"document {index} was shared, but it did not reach the gatekeeper: {e}"
				))
			})?;
			// Every reader is tried: one refused (a member leaving meanwhile) leaves the others
			// their keys, and is said.
			let mut wrapped_for = Vec::new();
			let mut without_key = Vec::new();
			let mut failed = Vec::new();
			for reader in session.client.channel_readers(channel).await? {
				let wrapped = match gatekeeper.encryption_key(&reader).await {
					Ok(Some(key)) => documents::wrap(&sealed.key, sealed.hash, &key),
					Ok(None) => {
						without_key.push(reader.to_string());
						continue;
					},
					Err(e) => {
						failed.push(format!("{reader}: {e}"));
						continue;
					},
				};
				match gatekeeper.channel_share(&signer, channel, index, &reader, wrapped).await {
					Ok(()) => wrapped_for.push(reader.to_string()),
					Err(e) => failed.push(format!("{reader}: {e}")),
				}
			}
			let mut summary = format!(
				"shared document {index} ({:?}) in channel {channel}, readable by {}",
				sealed.hash,
				wrapped_for.join(", ")
			);
			if !failed.is_empty() {
				summary.push_str(&format!("; refused for {}", failed.join("; ")));
			}
			if !without_key.is_empty() {
				summary.push_str(&format!(
					"; not by {}, who published no key (`healthnet records publish-key`)",
					without_key.join(", ")
				));
			}
			let mut output = done(included, summary);
			output.json["index"] = json!(index);
			output.json["hash"] = json!(sealed.hash);
			output.json["wrapped_for"] = json!(wrapped_for);
			output.json["without_key"] = json!(without_key);
			output.json["refused"] = json!(failed);
			output
		},
		ChannelCommand::Fetch { channel, index, out, gatekeeper } => {
			let gatekeeper = gatekeeper.open()?;
			let document =
				session.client.channel_document(channel, index, None).await?.ok_or_else(|| {
					Error::NotFound(format!("channel {channel} has no document {index}"))
				})?;
			// The read on chain first: the gatekeeper releases nothing the audit does not show.
			let read = session.send(channels::record_read(channel, index)).await?;
			let released = gatekeeper.channel_download(&session.signer()?, channel, index).await?;
			let hash = subxt::utils::H256(document.hash);
			if documents::hash_of(&released.sealed) != hash {
				return Err(Error::BadInput(format!(
					"the gatekeeper sent a document whose hash is not document {index}'s; nothing was written"
				)));
			}
			let key =
				documents::unwrap(&released.wrapped_key, hash, &session.encryption_secret()?)?;
			let plaintext = documents::open(&released.sealed, &key)?;
			std::fs::write(&out, &plaintext)
				.map_err(|e| Error::BadInput(format!("could not write {}: {e}", out.display())))?;
			done(
				read,
				format!(
					"wrote document {index} of channel {channel} ({} bytes, hash checked) to {}",
					plaintext.len(),
					out.display()
				),
			)
		},
		ChannelCommand::List { org } => {
			let org = match org {
				Some(org) => org,
				None => session
					.client
					.organisation_of(&session.account()?)
					.await?
					.map(|(org, ..)| org)
					.ok_or_else(|| {
						Error::BadInput(
							"your account is a member of no organisation: give --org".into(),
						)
					})?,
			};
			let mut views = Vec::new();
			for id in session.client.channels_of(org).await? {
				if let Some(view) = session.client.channel(id, None).await? {
					views.push(view);
				}
			}
			listing(&views, line, format!("organisation {org} is in no channel"))
		},
		ChannelCommand::Show { channel } => {
			let view = session
				.client
				.channel(channel, None)
				.await?
				.ok_or_else(|| Error::NotFound(format!("there is no channel {channel}")))?;
			let documents = session.client.channel_documents(channel).await?;
			let mut lines = vec![line(&view)];
			lines.extend(documents.iter().map(|d| {
				format!(
					"  document {}: {:?} by organisation {} at block #{} ({:?})",
					d.index,
					d.kind,
					d.author,
					d.block,
					subxt::utils::H256(d.hash)
				)
			}));
			Output::new(lines.join("\n"), json!({ "channel": view, "documents": documents }))
		},
		ChannelCommand::Audit { channel, index } => listing(
			&session.client.channel_reads(channel, index).await?,
			|r| {
				format!(
					"{} read it {} times, first at block #{}, last at #{}",
					r.reader, r.mark.count, r.mark.first, r.mark.last
				)
			},
			format!("nobody has read document {index} of channel {channel}"),
		),
	})
}

fn line(view: &ChannelView) -> String {
	let members: Vec<String> = view.members.iter().map(|org| org.to_string()).collect();
	format!(
		"channel {} {} ({:?}) of organisation {}: {}; members {}; {} documents",
		view.id,
		text(&view.name),
		view.purpose,
		view.creator,
		if view.closed {
			"closed".to_string()
		} else {
			format!(
				"until {}",
				period::date((view.expires.saturating_sub(1) / PERIOD_MILLIS) as Period)
			)
		},
		if members.is_empty() { "none".into() } else { members.join(", ") },
		view.documents
	)
}
