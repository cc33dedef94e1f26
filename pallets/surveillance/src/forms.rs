//! A facility's form: the reports of several diseases for one period in one transaction, as a
//! weekly or daily notification form holds them. Each disease is taken by the rules of a
//! single submission, writes the same first version and deposits the same event; if one is
//! refused, none is taken. A form saves the fixed cost every transaction pays (its signature,
//! nonce, fee and membership gate) once per disease after the first.

use super::*;
use frame_support::weights::Weight;

impl<T: Config> Pallet<T> {
	/// [`Pallet::submit_reports`] for the signed caller `who`; returns the weight it used.
	pub(crate) fn submit_form(
		who: T::AccountId,
		period: Period,
		form: FormOf<T>,
	) -> Result<Weight, sp_runtime::DispatchError> {
		ensure!(!form.is_empty(), Error::<T>::EmptyForm);
		ensure!(
			Self::lineages_in(&form) <= T::MaxLineagesPerForm::get(),
			Error::<T>::TooManyLineagesInForm
		);
		for (index, entry) in form.iter().enumerate() {
			ensure!(
				!form[..index].iter().any(|earlier| earlier.disease == entry.disease),
				Error::<T>::DiseaseTwiceInForm
			);
		}
		let mut used = Weight::zero();
		for FormEntry { disease, counts, variants } in form {
			let moved = Self::submit(who.clone(), None, disease, period, counts, variants)?;
			used = used.saturating_add(moved.weight::<T>());
		}
		Ok(used)
	}

	/// The lineages a form breaks its confirmed cases into, over all its diseases.
	pub(crate) fn lineages_in(form: &FormOf<T>) -> u32 {
		form.iter().map(|entry| entry.variants.len() as u32).sum()
	}

	/// The weight [`Pallet::submit_reports`] is charged before it runs: each disease's as a
	/// single submission with its lineages. A form with more lineages than the runtime allows
	/// is charged as the largest allowed, and refused.
	pub fn form_weight(form: &FormOf<T>) -> Weight {
		let mut room = T::MaxLineagesPerForm::get();
		form.iter().fold(Weight::zero(), |sum, entry| {
			let lineages = (entry.variants.len() as u32).min(room);
			room -= lineages;
			sum.saturating_add(Self::submit_weight(lineages))
		})
	}
}
