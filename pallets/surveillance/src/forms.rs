//! A facility's form: the reports of several diseases for one period in one transaction, as a
//! weekly or daily notification form holds them. Each disease is taken by the rules of a
//! single submission, writes the same first version and deposits the same event; if one is
//! refused, none is taken. A form saves the fixed cost every transaction pays (its signature,
//! nonce, fee and membership gate) once per disease after the first.

use super::*;
use frame_support::weights::Weight;

impl<T: Config> Pallet<T> {
	/// [`Pallet::submit_reports`] for the signed caller `who`, relayed by `relayed_by` if the
	/// facility signed it offline; returns the weight it used.
	pub(crate) fn submit_form(
		who: T::AccountId,
		relayed_by: Option<T::AccountId>,
		period: Period,
		form: FormOf<T>,
	) -> Result<Weight, sp_runtime::DispatchError> {
		ensure!(!form.is_empty(), Error::<T>::EmptyForm);
		let lineages = Self::lineages_in(&form);
		ensure!(lineages <= T::MaxLineagesPerForm::get(), Error::<T>::TooManyLineagesInForm);
		for (index, entry) in form.iter().enumerate() {
			ensure!(
				!form[..index].iter().any(|earlier| earlier.disease == entry.disease),
				Error::<T>::DiseaseTwiceInForm
			);
		}
		let mut used = Self::form_call_weight(form.len() as u32, lineages);
		for FormEntry { disease, counts, variants } in form {
			let moved =
				Self::submit(who.clone(), relayed_by.clone(), disease, period, counts, variants)?;
			used = used.saturating_add(moved.pended.weight::<T>());
		}
		Ok(used)
	}

	/// The lineages a form breaks its confirmed cases into, over all its diseases.
	pub(crate) fn lineages_in(form: &FormOf<T>) -> u32 {
		form.iter().map(|entry| entry.variants.len() as u32).sum()
	}

	/// The weight [`Pallet::submit_reports`] is charged before it runs: the form's call with
	/// its diseases and lineages, and for each disease the most it can add to the block's
	/// roll-up (every key new, a threshold at every level). A form with more lineages than the
	/// runtime allows is charged as the largest allowed, and refused.
	pub fn form_weight(form: &FormOf<T>) -> Weight {
		let mut room = T::MaxLineagesPerForm::get();
		let pended = form.iter().fold(Weight::zero(), |sum, entry| {
			let lineages = (entry.variants.len() as u32).min(room);
			room -= lineages;
			sum.saturating_add(Pended::worst::<T>(lineages).weight::<T>())
		});
		let lineages = T::MaxLineagesPerForm::get() - room;
		Self::form_call_weight(form.len() as u32, lineages).saturating_add(pended)
	}

	/// The call's own part of a form's weight, with `diseases` diseases and `lineages`
	/// lineages in all: measured with each disease's pending changes already open. Its two
	/// parts are measured apart, each component on its own: a form of `diseases` diseases
	/// without lineages (`submit_reports`), and what `lineages` lineages add to a form of the
	/// most diseases (`form_lineages`), where a lineage costs most. (Measured together, the
	/// disease's component was taken at the most lineages and the lineage's at the most
	/// diseases, the fit's intercept came out below zero, and frame-benchmarking then fits
	/// through the smallest measure, which charged a small form twice its time and the
	/// largest less than its time.)
	pub(crate) fn form_call_weight(diseases: u32, lineages: u32) -> Weight {
		let lineages = <T as Config>::WeightInfo::form_lineages(lineages)
			.saturating_sub(<T as Config>::WeightInfo::form_lineages(0));
		<T as Config>::WeightInfo::submit_reports(diseases.max(1)).saturating_add(lineages)
	}
}
