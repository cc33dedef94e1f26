//! Break-glass: an emergency declaration, which lets a care provider read a record for a
//! while, and its review by an authority over the provider. The calls in `lib.rs` hand their
//! signed caller here.

use super::*;
use frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// [`Pallet::declare_emergency`] for `who`.
	pub(crate) fn declare(
		who: T::AccountId,
		record: RecordId,
		reason: EmergencyReason,
	) -> DispatchResult {
		let org = Self::care_provider(&who, Role::Clinician)?;
		let mut info = PatientRecords::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		let block = frame_system::Pallet::<T>::block_number();
		ensure!(
			Emergencies::<T>::get(record, org).is_none_or(|open| open.until < block),
			Error::<T>::EmergencyAlreadyOpen
		);
		let day = EmergencyDays::<T>::get(org)
			.one_more(Self::today(), T::MaxEmergenciesPerDay::get())
			.ok_or(Error::<T>::TooManyEmergencies)?;
		let mut tally = EmergencyTallies::<T>::get(org);
		tally.declared = tally.declared.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let declaration = NextDeclaration::<T>::get();
		let next = declaration.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let until = block + T::EmergencyAccessDuration::get();
		Self::audit(
			&record,
			&mut info,
			org,
			who,
			AuditAction::DeclaredEmergency(reason),
			Purpose::EmergencyTreatment,
			Grant::Emergency { until },
		)?;
		PatientRecords::<T>::insert(record, info);
		Emergencies::<T>::insert(record, org, EmergencyAccess { until, declaration });
		Declarations::<T>::insert(
			declaration,
			EmergencyDeclaration { record, org, reason, declared_at: block, until, verdict: None },
		);
		NextDeclaration::<T>::put(next);
		EmergencyDays::<T>::insert(org, day);
		EmergencyTallies::<T>::insert(org, tally);
		Self::deposit_event(Event::EmergencyAccessDeclared {
			record,
			org,
			reason,
			until,
			declaration,
		});
		Ok(())
	}

	/// [`Pallet::review_emergency`] for `who`.
	pub(crate) fn review(
		who: T::AccountId,
		declaration: DeclarationId,
		verdict: Verdict,
	) -> DispatchResult {
		let mut declared =
			Declarations::<T>::get(declaration).ok_or(Error::<T>::UnknownDeclaration)?;
		let by = Self::authority_over_provider(&who, declared.org)
			.filter(|member| member.is_admin())
			.ok_or(Error::<T>::NotAuthorityOverDeclarer)?
			.org;
		ensure!(declared.verdict.is_none(), Error::<T>::AlreadyReviewed);
		ensure!(
			frame_system::Pallet::<T>::block_number()
				<= declared.declared_at + T::EmergencyReviewPeriod::get(),
			Error::<T>::ReviewPeriodOver
		);
		let mut tally = EmergencyTallies::<T>::get(declared.org);
		match verdict {
			Verdict::Justified => tally.justified += 1,
			Verdict::Abusive => {
				tally.abusive += 1;
				if Emergencies::<T>::get(declared.record, declared.org)
					.is_some_and(|open| open.declaration == declaration)
				{
					Emergencies::<T>::remove(declared.record, declared.org);
				}
			},
		}
		declared.verdict = Some(verdict);
		Declarations::<T>::insert(declaration, declared);
		EmergencyTallies::<T>::insert(declared.org, tally);
		Self::deposit_event(Event::EmergencyReviewed {
			declaration,
			record: declared.record,
			org: declared.org,
			verdict,
			by,
		});
		Ok(())
	}
}
