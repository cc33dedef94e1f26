//! Who may create, join, leave, close, share in and read a channel, and each change. Every
//! check comes before any write.

use super::*;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{
	channels::{READING_ROLES, SHARING_ROLES},
	registry::Membership,
	surveillance::PERIOD_MILLIS,
	Capability,
};

impl<T: Config> Pallet<T> {
	/// Now, in milliseconds since 1970-01-01.
	pub(crate) fn now() -> u64 {
		T::UnixTime::now().as_millis() as u64
	}

	/// The caller's membership, if its organisation is active.
	fn active_member(who: &T::AccountId) -> Result<Membership, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		Ok(member)
	}

	/// The caller's membership, if it is an administrator of an active organisation.
	fn active_admin(who: &T::AccountId) -> Result<Membership, Error<T>> {
		let member = Self::active_member(who)?;
		ensure!(member.is_admin(), Error::<T>::NotAnAdmin);
		Ok(member)
	}

	/// The channel, if it is open, unexpired and its creator active (a suspended authority's
	/// channels share and release nothing until it is reinstated).
	pub(crate) fn open_channel(channel: ChannelId) -> Result<ChannelOf<T>, Error<T>> {
		let record = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(!record.closed && record.expires > Self::now(), Error::<T>::ChannelEnded);
		ensure!(T::Registry::org_is_active(record.creator), Error::<T>::ChannelEnded);
		Ok(record)
	}

	/// Refuses a member of a research agreement, other than its creator, that may no longer
	/// read research data: membership alone does not let it read or share.
	fn ensure_research_reader(record: &ChannelOf<T>, org: OrgId) -> Result<(), Error<T>> {
		if record.purpose == ChannelPurpose::ResearchAgreement && org != record.creator {
			ensure!(
				T::Registry::org_has_capability(org, Capability::ReadResearchData),
				Error::<T>::CannotReadResearchData
			);
		}
		Ok(())
	}

	/// The organisation `who` reads a channel's documents for: an account holding a reading
	/// role in an active member of an open, unexpired channel.
	pub(crate) fn reader(who: &T::AccountId, channel: ChannelId) -> Result<OrgId, Error<T>> {
		let record = Self::open_channel(channel)?;
		let member = Self::active_member(who)?;
		ensure!(Members::<T>::contains_key(channel, member.org), Error::<T>::NotAChannelMember);
		ensure!(READING_ROLES.iter().any(|r| member.roles.has(*r)), Error::<T>::CannotRead);
		Self::ensure_research_reader(&record, member.org)?;
		Ok(member.org)
	}

	/// [`Pallet::create_channel`] for `who`: the channel and its creator.
	pub(crate) fn create(
		who: &T::AccountId,
		name: NameOf<T>,
		purpose: ChannelPurpose,
		expires: u64,
	) -> Result<(ChannelId, OrgId), Error<T>> {
		let admin = Self::active_admin(who)?;
		ensure!(
			T::Registry::authority_over(who, &admin.region).is_some(),
			Error::<T>::NotAnAuthority
		);
		let readable = core::str::from_utf8(&name)
			.is_ok_and(|text| !text.trim().is_empty() && !text.chars().any(char::is_control));
		ensure!(readable, Error::<T>::BadName);
		let now = Self::now();
		ensure!(expires > now && expires - now <= T::MaxLifetime::get(), Error::<T>::BadExpiry);
		let open = OpenChannels::<T>::get(admin.org);
		ensure!(open < T::MaxOpenChannels::get(), Error::<T>::TooManyOpenChannels);
		let channel = NextChannelId::<T>::get();
		let next = channel.checked_add(1).ok_or(Error::<T>::TooManyOpenChannels)?;

		NextChannelId::<T>::put(next);
		OpenChannels::<T>::insert(admin.org, open + 1);
		Channels::<T>::insert(
			channel,
			ChannelOf::<T> {
				name,
				purpose,
				creator: admin.org,
				expires,
				closed: false,
				members: 1,
				documents: 0,
			},
		);
		Self::join(channel, admin.org);
		Ok((channel, admin.org))
	}

	fn join(channel: ChannelId, org: OrgId) {
		Members::<T>::insert(channel, org, frame_system::Pallet::<T>::block_number());
		OrgChannels::<T>::insert(org, channel, ());
	}

	/// [`Pallet::add_member`] for `who`.
	pub(crate) fn add(who: &T::AccountId, channel: ChannelId, org: OrgId) -> Result<(), Error<T>> {
		let admin = Self::active_admin(who)?;
		let mut record = Self::open_channel(channel)?;
		ensure!(admin.org == record.creator, Error::<T>::NotTheCreator);
		ensure!(T::Registry::org_is_active(org), Error::<T>::OrganisationUnavailable);
		if record.purpose == ChannelPurpose::ResearchAgreement {
			ensure!(
				T::Registry::org_has_capability(org, Capability::ReadResearchData),
				Error::<T>::CannotReadResearchData
			);
		}
		ensure!(!Members::<T>::contains_key(channel, org), Error::<T>::AlreadyAMember);
		ensure!(record.members < T::MaxMembers::get(), Error::<T>::TooManyMembers);
		record.members += 1;
		Channels::<T>::insert(channel, record);
		Self::join(channel, org);
		Ok(())
	}

	/// [`Pallet::remove_member`] for `who`: who removed it.
	pub(crate) fn remove(
		who: &T::AccountId,
		channel: ChannelId,
		org: OrgId,
	) -> Result<OrgId, Error<T>> {
		let admin = Self::active_admin(who)?;
		let mut record = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(admin.org == record.creator || admin.org == org, Error::<T>::NotTheCreator);
		ensure!(org != record.creator, Error::<T>::CreatorStays);
		ensure!(Members::<T>::contains_key(channel, org), Error::<T>::NotAChannelMember);
		record.members = record.members.saturating_sub(1);
		Channels::<T>::insert(channel, record);
		Members::<T>::remove(channel, org);
		OrgChannels::<T>::remove(org, channel);
		Ok(admin.org)
	}

	/// [`Pallet::close_channel`] for `who`.
	pub(crate) fn close(who: &T::AccountId, channel: ChannelId) -> Result<(), Error<T>> {
		let admin = Self::active_admin(who)?;
		let mut record = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(admin.org == record.creator, Error::<T>::NotTheCreator);
		ensure!(!record.closed, Error::<T>::ChannelEnded);
		// At most `MaxMembers` entries: the weight charges that many.
		for (org, _) in Members::<T>::drain_prefix(channel) {
			OrgChannels::<T>::remove(org, channel);
		}
		OpenChannels::<T>::mutate(record.creator, |open| *open = open.saturating_sub(1));
		record.closed = true;
		record.members = 0;
		Channels::<T>::insert(channel, record);
		Ok(())
	}

	/// [`Pallet::share_document`] for `who`: the document's number and author.
	pub(crate) fn share(
		who: &T::AccountId,
		channel: ChannelId,
		kind: DocumentKind,
		hash: [u8; 32],
	) -> Result<(DocumentIndex, OrgId), Error<T>> {
		let mut record = Self::open_channel(channel)?;
		let member = Self::active_member(who)?;
		ensure!(Members::<T>::contains_key(channel, member.org), Error::<T>::NotAChannelMember);
		ensure!(SHARING_ROLES.iter().any(|r| member.roles.has(*r)), Error::<T>::CannotShare);
		Self::ensure_research_reader(&record, member.org)?;
		ensure!(!DocumentHashes::<T>::contains_key(channel, hash), Error::<T>::DuplicateDocument);
		let today = (Self::now() / PERIOD_MILLIS) as u32;
		let shares = Shares::<T>::get(channel, member.org)
			.one_more(today, T::MaxSharesPerDay::get())
			.ok_or(Error::<T>::TooManySharesToday)?;
		let index = record.documents;
		record.documents = index.checked_add(1).ok_or(Error::<T>::TooManySharesToday)?;

		Shares::<T>::insert(channel, member.org, shares);
		Channels::<T>::insert(channel, record);
		DocumentHashes::<T>::insert(channel, hash, index);
		Documents::<T>::insert(
			channel,
			index,
			DocumentOf::<T> {
				hash,
				kind,
				author: member.org,
				shared_by: who.clone(),
				block: frame_system::Pallet::<T>::block_number(),
			},
		);
		Ok((index, member.org))
	}

	/// [`Pallet::record_read`] for `who`: the reader's organisation.
	pub(crate) fn read(
		who: &T::AccountId,
		channel: ChannelId,
		index: DocumentIndex,
	) -> Result<OrgId, Error<T>> {
		let org = Self::reader(who, channel)?;
		ensure!(Documents::<T>::contains_key(channel, index), Error::<T>::UnknownDocument);
		let now: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number();
		Reads::<T>::mutate((channel, index, who), |mark| {
			*mark = Some(match mark.take() {
				Some(mark) => ReadMark { last: now, count: mark.count.saturating_add(1), ..mark },
				None => ReadMark { first: now, last: now, count: 1 },
			});
		});
		Ok(org)
	}
}
