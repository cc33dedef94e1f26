//! Channels: the secured channels on the chain, or those one organisation is in, with their
//! purpose, creator, members, documents shared and when they end; never a document's content,
//! which stays sealed with the gatekeeper.

use healthnet_client::api;
use healthnet_primitives::{
	channels::{ChannelId, ChannelPurpose, ChannelView},
	surveillance::{Period, PERIOD_MILLIS},
	OrgId,
};

use crate::{
	html::{date, esc, notice, num_cell, table},
	node::{Problem, View},
};

/// How many channels the page lists, newest first.
pub const SHOWN: u32 = 100;

/// The channels page's content: those of `org`, or the newest [`SHOWN`] of the chain.
pub async fn render(view: &View, org: Option<OrgId>) -> Result<String, Problem> {
	let registry = view.registry().await?;
	let name = |org: &OrgId| match registry.organisations.get(org) {
		Some((name, _)) => esc(name),
		None => format!("organisation {org}"),
	};
	let mut more = false;
	let ids: Vec<ChannelId> = match org {
		Some(org) => {
			let (ids, cut) = view.pages::<ChannelId>("healthnet_channelsOf", &[org.into()]).await?;
			more = cut;
			ids
		},
		None => {
			let at = view.client.subxt().at_block(view.block).await.map_err(Problem::unreadable)?;
			let next: u32 = match at
				.storage()
				.try_fetch(api::storage().channels().next_channel_id(), ())
				.await
				.map_err(Problem::unreadable)?
			{
				Some(value) => value.decode().map_err(Problem::unreadable)?,
				None => 0,
			};
			(next.saturating_sub(SHOWN)..next).rev().collect()
		},
	};
	let mut channels = Vec::new();
	for id in ids {
		if let Some(channel) =
			view.rpc::<Option<ChannelView>>("healthnet_channel", vec![id.into()]).await?
		{
			channels.push(channel);
		}
	}
	if channels.is_empty() {
		return Ok(notice(
			"info",
			&match org {
				Some(org) => format!("{} is in no channel.", name(&org)),
				None => "No authority has created a channel on this chain yet: an authority's \
				         administrator creates one with `healthnet channel create`."
					.to_string(),
			},
		));
	}
	let rows: Vec<String> = channels
		.iter()
		.map(|c| {
			let members: Vec<String> = c.members.iter().map(|org| name(org)).collect();
			let state = if c.closed {
				"closed".to_string()
			} else {
				format!("until {}", date((c.expires.saturating_sub(1) / PERIOD_MILLIS) as Period))
			};
			format!(
				"<tr data-channel=\"{}\" data-members=\"{}\" data-documents=\"{}\"><td class=\"n\">{}</td>\
				 <th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td>{}<td>{state}</td></tr>",
				c.id,
				c.members.len(),
				c.documents,
				c.id,
				esc(&String::from_utf8_lossy(&c.name)),
				purpose(c.purpose),
				name(&c.creator),
				if members.is_empty() { "none".to_string() } else { members.join(", ") },
				num_cell(c.documents),
			)
		})
		.collect();
	let caption = match org {
		Some(org) => {
			format!("The channels {} is in, as finalized at block #{}", name(&org), view.number)
		},
		None => format!("Channels, newest first, as finalized at block #{}", view.number),
	};
	let mut html = table(
		"channels",
		&caption,
		&["Channel", "Name", "Purpose", "Created by", "Members", "Documents", "Ends"],
		&rows,
	);
	if more {
		html.push_str(&notice(
			"info",
			"More channels follow than the dashboard reads; the command line lists them all \
			 (healthnet channel list --org).",
		));
	}
	Ok(html)
}

fn purpose(purpose: ChannelPurpose) -> &'static str {
	match purpose {
		ChannelPurpose::OutbreakInvestigation => "Outbreak investigation",
		ChannelPurpose::GenomicSurveillance => "Genomic surveillance",
		ChannelPurpose::ResearchAgreement => "Research agreement",
	}
}
