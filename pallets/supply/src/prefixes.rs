//! GS1 company prefixes: the authority over a manufacturer records the prefixes GS1 licensed
//! to it, and a manufacturer registers only GTINs under a prefix it holds, so that nobody
//! squats another company's products. A GTIN-14 is an indicator digit, the company prefix (6
//! to 12 digits), the item reference and a check digit.

use super::*;
use frame_support::traits::Get;

/// The shortest and longest GS1 company prefix, in digits.
pub const PREFIX_DIGITS: core::ops::RangeInclusive<usize> = 6..=12;

/// The prefixes and who holds them: part of the pallet's storage, and the genesis prefixes.
#[pallet_section]
mod prefix_storage {
	/// Each GS1 company prefix and the manufacturer an authority recorded it for. Prefixes
	/// are chosen by callers, hence the hasher.
	#[pallet::storage]
	pub type CompanyPrefixes<T: Config> = StorageMap<_, Blake2_128Concat, CompanyPrefix, OrgId>;

	/// For each shorter run of digits that a recorded prefix extends, how many recorded
	/// prefixes extend it: so that no prefix is recorded that extends, or is extended by,
	/// another, in a bounded number of reads.
	#[pallet::storage]
	pub type PrefixStems<T: Config> =
		StorageMap<_, Blake2_128Concat, CompanyPrefix, u32, ValueQuery>;

	/// How many prefixes each manufacturer holds, at most
	/// [`Config::MaxPrefixesPerManufacturer`].
	#[pallet::storage]
	pub type PrefixCounts<T: Config> = StorageMap<_, Twox64Concat, OrgId, u32, ValueQuery>;

	/// The company prefixes the chain starts with: (digits, manufacturer).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The prefixes, each with the organisation that holds it.
		pub company_prefixes: Vec<(alloc::string::String, OrgId)>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A chain spec that breaks the rules stops the build with the reason, as the
			// registry's genesis does: a chain never starts from it.
			for (digits, org) in &self.company_prefixes {
				let recorded = Pallet::<T>::checked_prefix(digits.as_bytes().to_vec())
					.and_then(|prefix| Pallet::<T>::insert_prefix(prefix, *org));
				if let Err(error) = recorded {
					panic!("genesis company prefix {digits} of organisation {org}: {error:?}");
				}
			}
		}
	}
}

impl<T: Config> Pallet<T> {
	/// `digits`, if they are a company prefix: 6 to 12 ASCII digits.
	pub(crate) fn checked_prefix(digits: Vec<u8>) -> Result<CompanyPrefix, Error<T>> {
		ensure!(
			PREFIX_DIGITS.contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit),
			Error::<T>::BadCompanyPrefix
		);
		CompanyPrefix::try_from(digits).map_err(|_| Error::<T>::BadCompanyPrefix)
	}

	/// The prefix (6 to 12 digits after the indicator) of `gtin` that is recorded, and its
	/// holder; GS1 prefixes never extend one another, so there is at most one.
	pub(crate) fn prefix_of(gtin: &Gtin) -> Option<(CompanyPrefix, OrgId)> {
		PREFIX_DIGITS
			.filter_map(|n| CompanyPrefix::try_from(gtin[1..1 + n].to_vec()).ok())
			.find_map(|prefix| CompanyPrefixes::<T>::get(&prefix).map(|org| (prefix, org)))
	}

	/// The shorter runs of digits `prefix` extends that could be prefixes themselves.
	fn stems(prefix: &CompanyPrefix) -> impl Iterator<Item = CompanyPrefix> + '_ {
		(*PREFIX_DIGITS.start()..prefix.len())
			.map(|n| CompanyPrefix::truncate_from(prefix[..n].to_vec()))
	}

	/// Records `prefix` for `org`, if neither it nor a prefix it extends, nor one that extends
	/// it, is recorded, and `org` holds fewer than the most allowed.
	pub(crate) fn insert_prefix(prefix: CompanyPrefix, org: OrgId) -> Result<(), Error<T>> {
		ensure!(
			!CompanyPrefixes::<T>::contains_key(&prefix)
				&& PrefixStems::<T>::get(&prefix) == 0
				&& !Self::stems(&prefix).any(CompanyPrefixes::<T>::contains_key),
			Error::<T>::PrefixTaken
		);
		let count = PrefixCounts::<T>::get(org);
		ensure!(count < T::MaxPrefixesPerManufacturer::get(), Error::<T>::TooManyPrefixes);
		PrefixCounts::<T>::insert(org, count + 1);
		for stem in Self::stems(&prefix) {
			PrefixStems::<T>::mutate(stem, |n| *n += 1);
		}
		CompanyPrefixes::<T>::insert(prefix, org);
		Ok(())
	}

	/// [`Pallet::assign_company_prefix`] for `who`.
	pub(crate) fn assign_prefix(
		who: &T::AccountId,
		org: OrgId,
		digits: Vec<u8>,
	) -> Result<CompanyPrefix, Error<T>> {
		Self::key_officer_over(who, org)?;
		ensure!(
			T::Registry::org_has_capability(org, Capability::Manufacture),
			Error::<T>::NotAManufacturer
		);
		let prefix = Self::checked_prefix(digits)?;
		Self::insert_prefix(prefix.clone(), org)?;
		Ok(prefix)
	}

	/// [`Pallet::withdraw_company_prefix`] for `who`: returns its holder.
	pub(crate) fn withdraw_prefix(
		who: &T::AccountId,
		prefix: &CompanyPrefix,
	) -> Result<OrgId, Error<T>> {
		let org = CompanyPrefixes::<T>::get(prefix).ok_or(Error::<T>::UnknownPrefix)?;
		Self::key_officer_over(who, org)?;
		CompanyPrefixes::<T>::remove(prefix);
		for stem in Self::stems(prefix) {
			PrefixStems::<T>::mutate_exists(stem, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
			});
		}
		PrefixCounts::<T>::mutate(org, |count| *count = count.saturating_sub(1));
		Ok(org)
	}

	/// Checks that `who` is a key officer of an active authority over `org`'s region.
	fn key_officer_over(who: &T::AccountId, org: OrgId) -> Result<(), Error<T>> {
		let region = T::Registry::region_of(org).ok_or(Error::<T>::UnknownOrganisation)?;
		let authority =
			T::Registry::authority_over(who, &region).ok_or(Error::<T>::NotAuthorityOverHolder)?;
		ensure!(authority.roles.has(Role::KeyOfficer), Error::<T>::NotAKeyOfficer);
		Ok(())
	}
}
