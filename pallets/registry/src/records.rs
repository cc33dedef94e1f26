//! The writes behind the calls and genesis: registering organisations, members and clusters,
//! and changing an organisation's status. Each keeps the registry's indexes (by name, by
//! region, by cluster, the member counts) in step with the records.

use super::*;

impl<T: Config> Pallet<T> {
	pub(crate) fn set_status(
		origin: OriginFor<T>,
		org: OrgId,
		status: OrgStatus,
	) -> DispatchResult {
		Self::ensure_governs(origin, org)?;
		let mut record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
		let (required, error, event) = match status {
			OrgStatus::Suspended => (
				OrgStatus::Active,
				Error::<T>::AlreadySuspended,
				Event::OrganisationSuspended { org },
			),
			OrgStatus::Active => (
				OrgStatus::Suspended,
				Error::<T>::NotSuspended,
				Event::OrganisationReinstated { org },
			),
		};
		ensure!(record.status == required, error);
		record.status = status;
		Organisations::<T>::insert(org, record);
		Self::deposit_event(event);
		Ok(())
	}

	/// Writes a new organisation, without members: the callers invite its first admin (or, at
	/// genesis, make it one).
	pub(crate) fn insert_organisation(
		kind: OrgKind,
		name: Name<T>,
		region: RegionCode<T>,
		parent: Option<OrgId>,
		capabilities: Capabilities,
	) -> Result<OrgId, sp_runtime::DispatchError> {
		ensure!(
			!OrganisationByName::<T>::contains_key(&region, &name),
			Error::<T>::AlreadyRegistered
		);
		ensure!(
			!kind.is_authority() || !AuthorityOfRegion::<T>::contains_key(&region),
			Error::<T>::RegionHasAuthority
		);
		let org = NextOrgId::<T>::get();
		let next = org.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		if kind.is_authority() {
			AuthorityOfRegion::<T>::insert(&region, org);
		}
		OrganisationByName::<T>::insert(&region, &name, org);
		OrganisationsInRegion::<T>::insert(&region, org, ());
		Organisations::<T>::insert(
			org,
			Organisation {
				kind,
				name,
				region,
				parent,
				cluster: None,
				status: OrgStatus::Active,
				capabilities,
			},
		);
		NextOrgId::<T>::put(next);
		Self::deposit_event(Event::OrganisationRegistered { org, kind, parent });
		Ok(org)
	}

	/// Offers `account` a place in `org` with `roles`; members and pending invitations
	/// together stay within [`Config::MaxMembersPerOrganisation`].
	pub(crate) fn invite(org: OrgId, account: T::AccountId, roles: Roles) -> DispatchResult {
		if !Invitations::<T>::contains_key(org, &account) {
			let (members, _) = MemberCounts::<T>::get(org);
			let pending = PendingInvitations::<T>::get(org);
			ensure!(
				members.saturating_add(pending) < T::MaxMembersPerOrganisation::get(),
				Error::<T>::TooManyMembers
			);
			PendingInvitations::<T>::insert(org, pending + 1);
		}
		Invitations::<T>::insert(org, &account, roles);
		Self::deposit_event(Event::MemberInvited { org, account, roles });
		Ok(())
	}

	/// Removes the invitation of `account` to `org`, which exists.
	pub(crate) fn take_invitation(account: &T::AccountId, org: OrgId) {
		Invitations::<T>::remove(org, account);
		PendingInvitations::<T>::mutate(org, |pending| *pending = pending.saturating_sub(1));
	}

	/// Withdraws every invitation `org` has pending, each with its event; how many. They are
	/// at most [`Config::MaxMembersPerOrganisation`].
	pub(crate) fn cancel_invitations(org: OrgId) -> u32 {
		let mut cancelled = 0;
		for (account, _) in Invitations::<T>::drain_prefix(org) {
			cancelled += 1;
			Self::deposit_event(Event::InvitationCancelled { org, account });
		}
		PendingInvitations::<T>::remove(org);
		cancelled
	}

	/// Gives `account`, a member of `org`, exactly `roles`, keeping an admin in `org`.
	pub(crate) fn change_roles(org: OrgId, account: T::AccountId, roles: Roles) -> DispatchResult {
		let before = OrganisationMembers::<T>::get(org, &account)
			.ok_or(Error::<T>::NotMemberOfOrganisation)?;
		let (was, is) = (before.has(Role::Admin), roles.has(Role::Admin));
		if was != is {
			MemberCounts::<T>::try_mutate(org, |(_, admins)| -> DispatchResult {
				if was {
					ensure!(*admins > 1, Error::<T>::LastAdmin);
					*admins -= 1;
				} else {
					*admins += 1;
				}
				Ok(())
			})?;
		}
		Members::<T>::insert(&account, (org, roles));
		OrganisationMembers::<T>::insert(org, &account, roles);
		Self::deposit_event(Event::RolesChanged { org, account, roles });
		Ok(())
	}

	/// Grants (`grant`) or revokes `capability` of `org`, for `by` (`None`: the council).
	pub(crate) fn change_capability(
		org: OrgId,
		capability: Capability,
		grant: bool,
		by: Option<OrgId>,
	) -> DispatchResult {
		let mut record = Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
		let holds = record.capabilities.has(capability);
		if grant {
			ensure!(!holds, Error::<T>::AlreadyHasCapability);
			record.capabilities.0 |= capability as u16;
		} else {
			ensure!(holds, Error::<T>::LacksCapability);
			record.capabilities.0 &= !(capability as u16);
		}
		Organisations::<T>::insert(org, record);
		Self::deposit_event(if grant {
			Event::CapabilityGranted { org, capability, by }
		} else {
			Event::CapabilityRevoked { org, capability, by }
		});
		Ok(())
	}

	/// Removes `account`, a member of `org` with `roles`, from it.
	pub(crate) fn take_member(org: OrgId, account: &T::AccountId, roles: Roles) {
		MemberCounts::<T>::mutate(org, |(total, admins)| {
			*total = total.saturating_sub(1);
			if roles.has(Role::Admin) {
				*admins = admins.saturating_sub(1);
			}
		});
		Members::<T>::remove(account);
		OrganisationMembers::<T>::remove(org, account);
		Self::deposit_event(Event::MemberRemoved { org, account: account.clone() });
	}

	/// Makes `account` a member of `org`: at genesis directly, otherwise only when the account
	/// accepts an invitation.
	pub(crate) fn insert_member(org: OrgId, account: T::AccountId, roles: Roles) -> DispatchResult {
		ensure!(!Members::<T>::contains_key(&account), Error::<T>::AlreadyAMember);
		MemberCounts::<T>::try_mutate(org, |(total, admins)| -> DispatchResult {
			ensure!(*total < T::MaxMembersPerOrganisation::get(), Error::<T>::TooManyMembers);
			*total += 1;
			if roles.has(Role::Admin) {
				*admins += 1;
			}
			Ok(())
		})?;
		Members::<T>::insert(&account, (org, roles));
		OrganisationMembers::<T>::insert(org, &account, roles);
		Self::deposit_event(Event::MemberAdded { org, account, roles });
		Ok(())
	}

	pub(crate) fn insert_cluster(
		name: Name<T>,
		region: RegionCode<T>,
		coordinator: OrgId,
	) -> Result<ClusterId, Error<T>> {
		let coordinating =
			Organisations::<T>::get(coordinator).ok_or(Error::<T>::UnknownOrganisation)?;
		ensure!(
			region_contains(&coordinating.region, &region)
				|| region_contains(&region, &coordinating.region),
			Error::<T>::OutsideCluster
		);
		let cluster = NextClusterId::<T>::get();
		let next = cluster.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		Clusters::<T>::insert(cluster, Cluster { name, region, coordinator, size: 0 });
		NextClusterId::<T>::put(next);
		Self::deposit_event(Event::ClusterCreated { cluster, coordinator });
		Ok(cluster)
	}

	pub(crate) fn join_cluster(cluster: ClusterId, org: OrgId) -> DispatchResult {
		Clusters::<T>::try_mutate(cluster, |grouping| -> DispatchResult {
			let grouping = grouping.as_mut().ok_or(Error::<T>::UnknownCluster)?;
			grouping.size += 1;
			Ok(())
		})?;
		Organisations::<T>::try_mutate(org, |record| -> DispatchResult {
			let record = record.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
			record.cluster = Some(cluster);
			Ok(())
		})?;
		ClusterMembers::<T>::insert(cluster, org, ());
		Self::deposit_event(Event::AddedToCluster { cluster, org });
		Ok(())
	}
}
