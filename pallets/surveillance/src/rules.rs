//! The rules a call must pass before it changes anything: who the caller is and what it may
//! do, and whether the disease code, region code, period and counts it gives are well formed.

use super::*;

/// A reporting facility, as the registry describes it.
pub(crate) struct Reporter {
	/// The facility.
	pub org: OrgId,
	/// Its region code.
	pub region: Vec<u8>,
	/// Its cluster, if it belongs to one.
	pub cluster: Option<ClusterId>,
}

impl<T: Config> Pallet<T> {
	/// The caller's organisation, if it is active and reports cases and the caller holds the
	/// reporter role there.
	pub(crate) fn reporter(who: &T::AccountId) -> Result<Reporter, Error<T>> {
		let member = T::Registry::membership_of(who).ok_or(Error::<T>::NotAMember)?;
		ensure!(member.active, Error::<T>::OrganisationNotActive);
		ensure!(member.capabilities.has(Capability::ReportCases), Error::<T>::CannotReportCases);
		ensure!(member.roles.has(Role::Reporter), Error::<T>::NotAReporter);
		Ok(Reporter { org: member.org, region: member.region, cluster: member.cluster })
	}

	/// The caller's authority, if it is active, governs `region` and the caller holds the
	/// reviewer role there; `outside` when it does not govern `region`.
	pub(crate) fn reviewer(
		who: &T::AccountId,
		region: &[u8],
		outside: Error<T>,
	) -> Result<OrgId, Error<T>> {
		let member = T::Registry::authority_over(who, region).ok_or(outside)?;
		ensure!(member.roles.has(Role::Reviewer), Error::<T>::NotAReviewer);
		Ok(member.org)
	}

	/// `disease`, if it is a disease code: 2 or more uppercase letters and digits with at most
	/// one `.` inside. (Its length was bounded when the call was decoded.)
	pub(crate) fn checked_disease(disease: DiseaseCode<T>) -> Result<DiseaseCode<T>, Error<T>> {
		ensure!(
			healthnet_primitives::surveillance::disease_code_is_well_formed(&disease),
			Error::<T>::MalformedDiseaseCode
		);
		Ok(disease)
	}

	/// `region`, if it is a region code; empty for the whole world.
	pub(crate) fn checked_region(region: RegionCode<T>) -> Result<RegionCode<T>, Error<T>> {
		if !region.is_empty() {
			validate_region_code(&region, u32::MAX).map_err(|_| Error::<T>::MalformedRegionCode)?;
		}
		Ok(region)
	}

	/// The day the chain's clock is in.
	pub(crate) fn today() -> Period {
		(T::UnixTime::now().as_millis() / u128::from(PERIOD_MILLIS)) as Period
	}

	/// Refuses a period that has not begun, or that lies more than [`Config::MaxReportAge`]
	/// days before today: the record of a period closes after that.
	pub(crate) fn ensure_open(period: Period) -> Result<(), Error<T>> {
		let today = Self::today();
		ensure!(period <= today, Error::<T>::FuturePeriod);
		ensure!(today - period <= T::MaxReportAge::get(), Error::<T>::PeriodTooOld);
		Ok(())
	}

	/// Whether now is at most [`Config::ReportingDeadline`] blocks' time after `period` ended.
	pub(crate) fn within_deadline(period: Period) -> bool {
		let ended = u128::from(period + 1) * u128::from(PERIOD_MILLIS);
		let grace =
			u128::from(T::ReportingDeadline::get()) * u128::from(T::MillisecsPerBlock::get());
		T::UnixTime::now().as_millis() <= ended + grace
	}

	/// Checks the counts and the variants against each other and returns the variants. (How
	/// many variants, and how long their names, was bounded when the call was decoded.)
	pub(crate) fn checked_counts(
		counts: &Counts,
		variants: BoundedVec<(Lineage<T>, u32), T::MaxVariantsPerReport>,
	) -> Result<BoundedVec<(Lineage<T>, u32), T::MaxVariantsPerReport>, Error<T>> {
		counts.check().map_err(|error| match error {
			CountsError::MorePositiveThanPerformed => Error::<T>::MorePositiveThanPerformed,
		})?;
		let mut sum = 0u64;
		for (index, (lineage, cases)) in variants.iter().enumerate() {
			ensure!(
				healthnet_primitives::surveillance::lineage_name_is_well_formed(lineage),
				Error::<T>::MalformedLineage
			);
			ensure!(
				!variants[..index].iter().any(|(seen, _)| seen == lineage),
				Error::<T>::DuplicateLineage
			);
			sum += u64::from(*cases);
		}
		ensure!(sum <= u64::from(counts.confirmed), Error::<T>::VariantsExceedConfirmed);
		Ok(variants)
	}

	/// Applies an authority's decision to a report that is not void; returns the authority,
	/// the code and the report as it was before.
	pub(crate) fn decide(
		who: &T::AccountId,
		org: OrgId,
		disease: DiseaseCode<T>,
		period: Period,
		decision: impl FnOnce(&mut ReportOf<T>) -> Result<(), Error<T>>,
	) -> Result<(OrgId, DiseaseCode<T>, StoredReportOf<T>), Error<T>> {
		let disease = Self::checked_disease(disease)?;
		let key = (org, disease.clone(), period);
		let mut stored = Reports::<T>::get(&key).ok_or(Error::<T>::UnknownReport)?;
		let region = T::Registry::region_of(org).ok_or(Error::<T>::UnknownReport)?;
		let by = Self::reviewer(who, &region, Error::<T>::NotAuthorityForFacility)?;
		ensure!(by != org, Error::<T>::CannotReviewOwnReport);
		ensure!(!stored.state.status.is_void(), Error::<T>::ReportIsVoid);
		let before = stored.state.clone();
		decision(&mut stored.state)?;
		Reports::<T>::insert(&key, &stored);
		stored.state = before;
		Ok((by, disease, stored))
	}

	/// Whether a guidance addressed to `target` addresses organisation `org`.
	pub(crate) fn addresses(target: &GuidanceTarget<T::MaxRegionCodeLength>, org: OrgId) -> bool {
		match target {
			GuidanceTarget::Region(region) => {
				T::Registry::region_of(org).is_some_and(|own| region_contains(region, &own))
			},
			GuidanceTarget::Cluster(cluster) => T::Registry::cluster_of(org) == Some(*cluster),
		}
	}

	/// The constants that must agree (the pallet's `integrity_test`): with the registry's
	/// region limits (every region code it registers must fit here, and the benchmarks' worst
	/// case is its deepest region), and among themselves.
	pub(crate) fn check_constants() {
		assert_eq!(
			(T::MaxRegionCodeLength::get(), T::MaxRegionDepth::get()),
			T::Registry::region_limits(),
			"surveillance's MaxRegionCodeLength and MaxRegionDepth must be the registry's"
		);
		assert!(
			T::AlertWindow::get() <= T::MaxReportAge::get(),
			"the AlertWindow must lie within the MaxReportAge in which reports still change"
		);
		assert!(T::MaxAlertExpiriesPerBlock::get() > 0, "alerts must be able to expire");
		assert!(T::MaxDiseasesPerForm::get() > 0, "a form must take at least one disease");
		assert!(
			T::MaxLineagesPerForm::get() >= T::MaxVariantsPerReport::get(),
			"one disease's full breakdown into lineages must fit a form"
		);
	}
}
