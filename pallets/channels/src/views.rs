//! What apps and the gatekeeper read of channels: a channel with its members, the channels of
//! an organisation, a channel's documents, whether an account may read, and the audit of
//! reads. Each listing reads at most a page ([`MAX_PAGE`]) of storage entries: for runtime
//! APIs, never for a dispatchable.

use alloc::vec::Vec;

use super::*;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{
	channels::{ChannelView, DocumentView, ReadLine},
	Page, MAX_PAGE,
};

impl<T: Config> Pallet<T> {
	/// Channel `id` with its members (at most [`Config::MaxMembers`]), by number.
	pub fn channel_view(id: ChannelId) -> Option<ChannelView> {
		let record = Channels::<T>::get(id)?;
		let mut members: Vec<OrgId> = Members::<T>::iter_key_prefix(id).collect();
		members.sort();
		Some(ChannelView {
			id,
			name: record.name.into_inner(),
			purpose: record.purpose,
			creator: record.creator,
			expires: record.expires,
			closed: record.closed,
			members,
			documents: record.documents,
		})
	}

	/// The channels `org` is a member of, after `after` in storage order (not by number).
	pub fn channels_of(
		org: OrgId,
		after: Option<ChannelId>,
		limit: u32,
	) -> Page<ChannelId, ChannelId> {
		let keys = match after {
			Some(after) => OrgChannels::<T>::iter_key_prefix_from(
				org,
				OrgChannels::<T>::hashed_key_for(org, after),
			),
			None => OrgChannels::<T>::iter_key_prefix(org),
		};
		Self::page(keys, limit, |id| *id)
	}

	/// A channel's documents from number `from`.
	pub fn documents_of(
		channel: ChannelId,
		from: DocumentIndex,
		limit: u32,
	) -> Page<DocumentView<T::AccountId, BlockNumberFor<T>>, DocumentIndex> {
		let end = Channels::<T>::get(channel).map_or(0, |record| record.documents);
		let limit = limit.clamp(1, MAX_PAGE);
		let to = from.saturating_add(limit).min(end);
		let items = (from..to)
			.filter_map(|index| {
				Documents::<T>::get(channel, index).map(|document| DocumentView {
					index,
					hash: document.hash,
					kind: document.kind,
					author: document.author,
					shared_by: document.shared_by,
					block: document.block,
				})
			})
			.collect();
		Page { items, next: (to < end).then_some(to) }
	}

	/// Whether `account` may read the channel's documents now.
	pub fn may_read(channel: ChannelId, account: T::AccountId) -> bool {
		Self::reader(&account, channel).is_ok()
	}

	/// `account`'s reads of document `index`.
	pub fn read_mark(
		channel: ChannelId,
		index: DocumentIndex,
		account: T::AccountId,
	) -> Option<ReadMark<BlockNumberFor<T>>> {
		Reads::<T>::get((channel, index, account))
	}

	/// The reads of document `index`, by account, after `after`.
	pub fn reads_of(
		channel: ChannelId,
		index: DocumentIndex,
		after: Option<T::AccountId>,
		limit: u32,
	) -> Page<ReadLine<T::AccountId, BlockNumberFor<T>>, T::AccountId> {
		let lines = match after {
			Some(after) => Reads::<T>::iter_prefix_from(
				(channel, index),
				Reads::<T>::hashed_key_for((channel, index, after)),
			),
			None => Reads::<T>::iter_prefix((channel, index)),
		};
		let lines = lines.map(|(reader, mark)| ReadLine { index, reader, mark });
		Self::page(lines, limit, |line| line.reader.clone())
	}

	/// At most `limit` (and [`MAX_PAGE`]) of `items`, and the cursor after the last when more
	/// follow.
	fn page<I, C>(
		mut items: impl Iterator<Item = I>,
		limit: u32,
		cursor: impl Fn(&I) -> C,
	) -> Page<I, C> {
		let limit = limit.clamp(1, MAX_PAGE) as usize;
		let page: Vec<I> = items.by_ref().take(limit).collect();
		let next = match items.next() {
			Some(_) => page.last().map(cursor),
			None => None,
		};
		Page { items: page, next }
	}
}
