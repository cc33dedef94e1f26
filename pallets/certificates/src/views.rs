//! What verifiers and apps read: the verdict on a certificate version, a certificate with its
//! versions, and the trust list. Served by the runtime API, never called in a transaction.

use super::*;
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// What the chain says now of version `version` of certificate `id`, signed as the payload
	/// with hash `payload_hash`: the first verdict that applies, in the order of [`Verdict`].
	pub fn verify(id: CertificateId, version: u32, payload_hash: H256) -> VerdictOf<T> {
		let Some(certificate) = Certificates::<T>::get(id) else { return Verdict::Unknown };
		let latest = certificate.version;
		let Some(signed) = Versions::<T>::get(id, version) else {
			return Verdict::UnknownVersion { latest };
		};
		if signed.payload_hash != payload_hash {
			return Verdict::PayloadMismatch;
		}
		match certificate.state {
			CertificateState::Revoked { reason, at } => return Verdict::Revoked { reason, at },
			CertificateState::Suspended { at } if signed.superseded_at.is_none() => {
				return Verdict::Suspended { at }
			},
			_ => {},
		}
		if let Some(at) = signed.superseded_at {
			return Verdict::Superseded { by: latest, at };
		}
		if let Some(at) = SuspendedIssuers::<T>::get(certificate.issuer) {
			return Verdict::IssuerSuspended { at };
		}
		match IssuerKeys::<T>::get(signed.key).map(|key| key.status) {
			Some(KeyStatus::Active) => {},
			Some(KeyStatus::Suspended { at, .. }) => return Verdict::KeySuspended { at },
			Some(KeyStatus::Removed { at }) => return Verdict::KeyRemoved { at },
			// Keys are never deleted: a version names a key the trust list has held.
			None => return Verdict::Unknown,
		}
		if let Some(lot) = certificate.lot {
			if let Some(at) = T::Lots::recalled_at(lot) {
				return Verdict::LotRecalled { lot, at };
			}
		}
		let now = Self::now();
		if now < signed.valid_from {
			return Verdict::NotYetValid { from: signed.valid_from };
		}
		if now >= signed.valid_until {
			return Verdict::Expired { at: signed.valid_until };
		}
		Verdict::Valid { until: signed.valid_until }
	}

	/// A certificate and its versions, from 1.
	pub fn certificate_view(id: CertificateId) -> Option<CertificateView<BlockNumberFor<T>>> {
		let certificate = Certificates::<T>::get(id)?;
		let versions = (1..=certificate.version)
			.filter_map(|version| Versions::<T>::get(id, version))
			.collect();
		Some(CertificateView { certificate, versions })
	}

	/// At most `limit` (and [`MAX_PAGE`]) issuer keys after key `after`, in storage order.
	pub fn issuer_keys(
		after: Option<KeyId>,
		limit: u32,
	) -> Page<ListedKey<BlockNumberFor<T>>, KeyId> {
		let mut keys = match after {
			Some(id) => IssuerKeys::<T>::iter_from(IssuerKeys::<T>::hashed_key_for(id)),
			None => IssuerKeys::<T>::iter(),
		};
		let items: Vec<_> = keys
			.by_ref()
			.take(limit.min(MAX_PAGE) as usize)
			.map(|(id, key)| ListedKey { id, key })
			.collect();
		let next = if keys.next().is_some() { items.last().map(|listed| listed.id) } else { None };
		Page { items, next }
	}

	/// At most `limit` (and [`MAX_PAGE`]) suspended issuers, with the block of their
	/// suspension, after issuer `after`, in storage order.
	pub fn suspended_issuers(
		after: Option<OrgId>,
		limit: u32,
	) -> Page<(OrgId, BlockNumberFor<T>), OrgId> {
		let mut issuers = match after {
			Some(org) => {
				SuspendedIssuers::<T>::iter_from(SuspendedIssuers::<T>::hashed_key_for(org))
			},
			None => SuspendedIssuers::<T>::iter(),
		};
		let items: Vec<_> = issuers.by_ref().take(limit.min(MAX_PAGE) as usize).collect();
		let next = if issuers.next().is_some() { items.last().map(|(org, _)| *org) } else { None };
		Page { items, next }
	}
}
