//! Reports signed offline and relayed later. A facility that is offline when its report is due
//! signs an [`OfflineReport`] with a member account's key; any member account relays it once
//! the facility's data reaches a connection. The relay pays the fee; the report is taken
//! exactly as the signer's own submission or amendment, with the relay recorded beside it.
//!
//! A relayed report is taken once: it names the version it writes, which must be the report's
//! next, so a replay (or a report overtaken by a change made online) is refused. It names the
//! chain by its genesis hash, so it cannot be relayed to another chain, and a moment after which
//! it is refused, so that a relayer cannot hold it back and send it months later.

use super::*;
use codec::Encode;
use frame_support::weights::Weight;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::surveillance::{offline_form_message, offline_report_message};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// [`Pallet::relay_report`] for the signed caller `who`; returns the weight it used.
	pub(crate) fn relay(
		who: T::AccountId,
		report: OfflineReportOf<T>,
		signer: T::AccountId,
		signature: T::OfflineSignature,
	) -> Result<Weight, sp_runtime::DispatchError> {
		let relay = T::Registry::membership_of(&who).ok_or(Error::<T>::NotAMember)?;
		ensure!(relay.active, Error::<T>::OrganisationNotActive);
		Self::check_offline_report(&report, &signer, &signature)?;
		let OfflineReport { org, disease, period, counts, variants, version, .. } = report;
		let relayed_by = Some(who.clone());
		let moved = if version == 1 {
			Self::submit(signer, relayed_by, disease.clone(), period, counts, variants)?
		} else {
			Self::amend(signer, relayed_by, org, disease.clone(), period, counts, variants)?
		};
		Self::deposit_event(Event::ReportRelayed {
			org,
			disease,
			period,
			version,
			relayed_by: who,
		});
		Ok(<T as Config>::WeightInfo::check_offline_report().saturating_add(moved.weight::<T>()))
	}

	/// Checks what only a relayed report must pass: that it is for this chain and still valid
	/// (for no longer than [`Config::MaxOfflineValidity`] ahead), that `signer` signed it, that
	/// `signer` reports for the report's organisation, and that the report writes the next
	/// version. The rest is checked as for any submission or amendment.
	pub(crate) fn check_offline_report(
		report: &OfflineReportOf<T>,
		signer: &T::AccountId,
		signature: &T::OfflineSignature,
	) -> Result<(), Error<T>> {
		Self::check_chain_and_validity(&report.genesis, report.valid_until)?;
		// A single report may amend, so only the device's own signature of it counts: a wallet's
		// wrapped signature, which a look-alike page could ask for, is taken for forms alone
		// (each of whose diseases writes a first version).
		let message = offline_report_message(&report.encode());
		ensure!(signature.verify(&message[..], signer), Error::<T>::BadOfflineSignature);
		let reporter = Self::reporter(signer)?;
		ensure!(reporter.org == report.org, Error::<T>::NotReportingOrganisation);
		let disease = Self::checked_disease(report.disease.clone())?;
		let current = Reports::<T>::get((report.org, &disease, report.period))
			.map_or(0, |existing| existing.state.version);
		ensure!(report.version == current.saturating_add(1), Error::<T>::NotNextVersion);
		Ok(())
	}

	/// That something signed offline names this chain by `genesis` and is valid now, until
	/// `valid_until`, for no longer than [`Config::MaxOfflineValidity`] ahead.
	fn check_chain_and_validity(genesis: &T::Hash, valid_until: u64) -> Result<(), Error<T>> {
		let ours = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		ensure!(*genesis == ours, Error::<T>::WrongChain);
		let now = T::UnixTime::now().as_millis() as u64;
		ensure!(now <= valid_until, Error::<T>::OfflineReportExpired);
		ensure!(
			valid_until - now <= T::MaxOfflineValidity::get(),
			Error::<T>::OfflineValidityTooLong
		);
		Ok(())
	}

	/// [`Pallet::relay_reports`] for the signed caller `who`; returns the weight it used.
	pub(crate) fn relay_form(
		who: T::AccountId,
		form: OfflineFormOf<T>,
		signer: T::AccountId,
		signature: T::OfflineSignature,
	) -> Result<Weight, sp_runtime::DispatchError> {
		let relay = T::Registry::membership_of(&who).ok_or(Error::<T>::NotAMember)?;
		ensure!(relay.active, Error::<T>::OrganisationNotActive);
		Self::check_offline_form(&form, &signer, &signature)?;
		let diseases = form.reports.len() as u32;
		let OfflineForm { org, period, reports, .. } = form;
		let names: Vec<DiseaseCode<T>> = reports.iter().map(|e| e.disease.clone()).collect();
		let used = Self::submit_form(signer, Some(who.clone()), period, reports)?;
		for disease in names {
			let relayed_by = who.clone();
			Self::deposit_event(Event::ReportRelayed {
				org,
				disease,
				period,
				version: 1,
				relayed_by,
			});
		}
		Ok(<T as Config>::WeightInfo::check_offline_form(diseases).saturating_add(used))
	}

	/// Checks what only a relayed form must pass: that it is for this chain and still valid,
	/// that `signer` signed it and reports for its organisation, and that none of its diseases
	/// is reported yet (each writes a first version, so a replay is refused). The rest is
	/// checked as for any form.
	pub(crate) fn check_offline_form(
		form: &OfflineFormOf<T>,
		signer: &T::AccountId,
		signature: &T::OfflineSignature,
	) -> Result<(), Error<T>> {
		Self::check_chain_and_validity(&form.genesis, form.valid_until)?;
		let message = offline_form_message(&form.encode());
		ensure!(signed_offline(signature, &message, signer), Error::<T>::BadOfflineSignature);
		let reporter = Self::reporter(signer)?;
		ensure!(reporter.org == form.org, Error::<T>::NotReportingOrganisation);
		for entry in &form.reports {
			let disease = Self::checked_disease(entry.disease.clone())?;
			let key = (form.org, &disease, form.period);
			ensure!(!Reports::<T>::contains_key(key), Error::<T>::NotNextVersion);
		}
		Ok(())
	}

	/// The weight [`Pallet::relay_reports`] is charged before it runs: the check of its
	/// diseases, and the form.
	pub(crate) fn relay_form_weight(form: &OfflineFormOf<T>) -> Weight {
		<T as Config>::WeightInfo::check_offline_form(form.reports.len() as u32)
			.saturating_add(Self::form_weight(&form.reports))
	}

	/// The weight [`Pallet::relay_report`] is charged before it runs, with `variants`
	/// lineages: the check, and a submission or an amendment, whichever may cost more.
	pub(crate) fn relay_weight(variants: u32) -> Weight {
		<T as Config>::WeightInfo::check_offline_report()
			.saturating_add(Self::submit_weight(variants).max(Self::amend_weight(variants)))
	}
}

/// Whether `signer` signed the form `message` offline: as it is (a device holding the key), or
/// as a browser wallet signs raw bytes, wrapped in `<Bytes>` and `</Bytes>` (polkadot{.js} and its
/// peers wrap every raw message, so that no raw signature passes for a transaction's). The
/// wrapped form is tried second; the benchmarks sign it, so the weight covers both checks.
pub(crate) fn signed_offline<S: Verify>(
	signature: &S,
	message: &[u8],
	signer: &<S::Signer as sp_runtime::traits::IdentifyAccount>::AccountId,
) -> bool {
	signature.verify(message, signer) || signature.verify(&wallet_wrapped(message)[..], signer)
}

/// `message` as a browser wallet signs it: between `<Bytes>` and `</Bytes>`.
pub fn wallet_wrapped(message: &[u8]) -> Vec<u8> {
	[b"<Bytes>".as_slice(), message, b"</Bytes>"].concat()
}
