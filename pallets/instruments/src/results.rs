//! Counting a batch of results an instrument signed: every check before any write, then each
//! (disease, day) and (disease, day, lineage) the batch touches written once.

use alloc::collections::BTreeMap;

use super::*;
use healthnet_primitives::{
	instruments::{result_batch_message, Outcome, TestKind},
	surveillance::{disease_code_is_well_formed, lineage_name_is_well_formed},
	Role,
};

impl<T: Config> Pallet<T> {
	/// [`Pallet::attest_results`] for `who`.
	pub(crate) fn attest(
		who: &T::AccountId,
		batch: ResultBatchOf<T>,
		signature: &T::InstrumentSignature,
	) -> DispatchResult {
		let mut record =
			Instruments::<T>::get(&batch.instrument).ok_or(Error::<T>::UnknownInstrument)?;
		let holder = Self::holder(who, Role::Reporter)?;
		ensure!(holder == record.holder, Error::<T>::NotAReporter);
		ensure!(record.status == InstrumentStatus::Active, Error::<T>::InstrumentNotActive);
		ensure!(batch.genesis == Self::genesis(), Error::<T>::WrongChain);
		ensure!(batch.number >= record.next_batch, Error::<T>::WrongBatchNumber);
		let next = batch.number.checked_add(1).ok_or(Error::<T>::BatchNumbersExhausted)?;
		ensure!(!batch.results.is_empty(), Error::<T>::EmptyBatch);
		let message = result_batch_message(&batch);
		ensure!(signature.verify(&message[..], &batch.instrument), Error::<T>::BadSignature);

		let today = Self::today();
		let oldest = today.saturating_sub(T::MaxResultAge::get()).max(record.counts_from);
		let mut counts = BTreeMap::<(DiseaseCode<T>, Period), AttestedCounts>::new();
		let mut lineages = BTreeMap::<(DiseaseCode<T>, Period, LineageOf<T>), u32>::new();
		let mut positives = 0u32;
		for result in &batch.results {
			ensure!(result.day <= today, Error::<T>::FutureDay);
			ensure!(result.day >= oldest, Error::<T>::DayTooOld);
			ensure!(disease_code_is_well_formed(&result.disease), Error::<T>::MalformedDiseaseCode);
			ensure!(record.kind.runs(result.test), Error::<T>::TestNotOfInstrumentKind);
			let counted = counts.entry((result.disease.clone(), result.day)).or_default();
			if result.test == TestKind::Sequencing {
				counted.sequenced += 1;
			} else {
				counted.tests += 1;
				match result.outcome {
					Outcome::Positive => {
						counted.positives += 1;
						positives += 1;
					},
					Outcome::Invalid => counted.invalid += 1,
					Outcome::Negative => {},
				}
			}
			if let Some(lineage) = &result.lineage {
				let sequenced =
					result.test == TestKind::Sequencing && result.outcome == Outcome::Positive;
				ensure!(sequenced, Error::<T>::LineageWithoutSequencing);
				ensure!(lineage_name_is_well_formed(lineage), Error::<T>::MalformedLineage);
				*lineages
					.entry((result.disease.clone(), result.day, lineage.clone()))
					.or_default() += 1;
			}
		}

		// Lineages not named yet on their day, checked against the day's bound before writing.
		let mut totals = BTreeMap::new();
		for (disease, day, lineage) in lineages.keys() {
			let total = totals
				.entry((disease.clone(), *day))
				.or_insert_with(|| Attested::<T>::get((holder, disease, day)));
			if !AttestedLineages::<T>::contains_key((holder, disease, day, lineage)) {
				total.lineages = total.lineages.saturating_add(1);
				ensure!(total.lineages <= T::MaxLineagesPerDay::get(), Error::<T>::TooManyLineages);
			}
		}
		for ((disease, day), added) in counts {
			let mut total = match totals.remove(&(disease.clone(), day)) {
				Some(total) => total,
				None => Attested::<T>::get((holder, &disease, day)),
			};
			total.tests = total.tests.saturating_add(added.tests);
			total.positives = total.positives.saturating_add(added.positives);
			total.invalid = total.invalid.saturating_add(added.invalid);
			total.sequenced = total.sequenced.saturating_add(added.sequenced);
			Attested::<T>::insert((holder, disease, day), total);
		}
		for ((disease, day, lineage), added) in lineages {
			AttestedLineages::<T>::mutate((holder, disease, day, lineage), |total| {
				*total = total.saturating_add(added)
			});
		}
		let (skipped, number) = (record.next_batch, batch.number);
		record.next_batch = next;
		Instruments::<T>::insert(&batch.instrument, record);
		if number > skipped {
			Self::deposit_event(Event::BatchesSkipped {
				instrument: batch.instrument.clone(),
				from: skipped,
				to: number - 1,
			});
		}
		Self::deposit_event(Event::ResultsAttested {
			instrument: batch.instrument,
			holder,
			number,
			results: batch.results.len() as u32,
			positives,
		});
		Ok(())
	}
}
