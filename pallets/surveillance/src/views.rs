//! What the view functions answer: series of totals, completeness, report histories, open
//! alerts and unacknowledged guidance. The view functions in `lib.rs` (which the runtime API
//! and the node's `healthnet_*` JSON-RPC methods call) hand each question to one of these.

use super::*;

/// The longest series a view function returns: a year of days.
pub(crate) const MAX_SERIES: u32 = 366;

impl<T: Config> Pallet<T> {
	/// What [`Pallet::region_series`] answers.
	pub(crate) fn region_totals(
		region: Vec<u8>,
		disease: Vec<u8>,
		from: Period,
		to: Period,
	) -> Vec<(Period, Totals)> {
		let (Ok(region), Ok(disease)) =
			(RegionCode::<T>::try_from(region), DiseaseCode::<T>::try_from(disease))
		else {
			return Vec::new();
		};
		Self::series_from_buckets(from, to, |bucket| {
			RegionBuckets::<T>::get((&region, &disease, bucket))
		})
	}

	/// What [`Pallet::cluster_series`] answers.
	pub(crate) fn cluster_totals(
		cluster: ClusterId,
		disease: Vec<u8>,
		from: Period,
		to: Period,
	) -> Vec<(Period, Totals)> {
		let Ok(disease) = DiseaseCode::<T>::try_from(disease) else { return Vec::new() };
		Self::series_from_buckets(from, to, |bucket| {
			ClusterBuckets::<T>::get((cluster, &disease, bucket))
		})
	}

	/// What [`Pallet::completeness`] answers, computed from the cluster's current members: a
	/// member that may report cases counts as reported when its report is counted now, on time
	/// when the report's first version was. Nothing is kept per cluster, so a void, a
	/// rejection, an amendment, a move or a suspension shows at once. A cluster has at most the
	/// registry's `MaxClusterSize` members: at most two reads for each.
	pub(crate) fn completeness_of(
		cluster: ClusterId,
		disease: Vec<u8>,
		period: Period,
	) -> CompletenessReport {
		let Ok(disease) = DiseaseCode::<T>::try_from(disease) else {
			return CompletenessReport::default();
		};
		let mut members = T::Registry::cluster_members(cluster);
		members.sort();
		let mut answer = CompletenessReport::default();
		for org in members {
			if !T::Registry::org_has_capability(org, Capability::ReportCases) {
				continue;
			}
			answer.expected += 1;
			match Reports::<T>::get((org, &disease, period)) {
				Some(StoredReport { state: report, .. }) if report.status.is_counted() => {
					answer.reported += 1;
					if report.on_time {
						answer.on_time += 1;
					} else {
						answer.late.push(org);
					}
				},
				_ => answer.missing.push(org),
			}
		}
		answer
	}

	/// What [`Pallet::report_history`] answers.
	pub(crate) fn history_of(
		org: OrgId,
		disease: Vec<u8>,
		period: Period,
	) -> Option<ReportHistory<T::AccountId>> {
		let disease = DiseaseCode::<T>::try_from(disease).ok()?;
		let stored = Reports::<T>::get((org, &disease, period))?;
		let (report, current) = Self::with_current_version(org, &disease, period, stored)?;
		let versions = (1..report.version)
			.filter_map(|version| ReportVersions::<T>::get((org, &disease, period, version)))
			.chain(Some(current))
			.map(|version| VersionView {
				counts: version.counts,
				variants: version
					.variants
					.into_iter()
					.map(|(lineage, cases)| (lineage.into_inner(), cases))
					.collect(),
				submitted_by: version.submitted_by,
				relayed_by: version.relayed_by,
				at: version.at.saturated_into(),
			})
			.collect();
		let report = Report {
			version: report.version,
			status: report.status,
			submitted_at: report.submitted_at.saturated_into(),
			on_time: report.on_time,
			reopened: report.reopened,
			cluster: report.cluster,
		};
		Some(ReportHistory { report, versions })
	}

	/// What [`Pallet::region_lineages`] answers.
	pub(crate) fn region_lineage_series(
		region: Vec<u8>,
		disease: Vec<u8>,
		from: Period,
		to: Period,
	) -> Vec<LineageBreakdown> {
		let (Ok(region), Ok(disease)) =
			(RegionCode::<T>::try_from(region), DiseaseCode::<T>::try_from(disease))
		else {
			return Vec::new();
		};
		Self::breakdowns(from, to, |period| {
			RegionLineages::<T>::iter_prefix((&region, &disease, period)).collect()
		})
	}

	/// What [`Pallet::cluster_lineages`] answers.
	pub(crate) fn cluster_lineage_series(
		cluster: ClusterId,
		disease: Vec<u8>,
		from: Period,
		to: Period,
	) -> Vec<LineageBreakdown> {
		let Ok(disease) = DiseaseCode::<T>::try_from(disease) else { return Vec::new() };
		Self::breakdowns(from, to, |period| {
			ClusterLineages::<T>::iter_prefix((cluster, &disease, period)).collect()
		})
	}

	/// The breakdown `lineages_of` gives for each period from `from` to `to`, at most
	/// [`MAX_SERIES`] periods, lineages by name; periods without lineages are left out.
	fn breakdowns(
		from: Period,
		to: Period,
		lineages_of: impl Fn(Period) -> Vec<(Lineage<T>, u64)>,
	) -> Vec<LineageBreakdown> {
		let to = to.min(from.saturating_add(MAX_SERIES - 1));
		(from..=to)
			.filter_map(|period| {
				let mut lineages: Vec<(Vec<u8>, u64)> = lineages_of(period)
					.into_iter()
					.map(|(lineage, cases)| (lineage.into_inner(), cases))
					.collect();
				if lineages.is_empty() {
					return None;
				}
				lineages.sort();
				let listed = lineages.len().min(MAX_LINEAGES_PER_PERIOD as usize);
				let others = lineages.split_off(listed).iter().map(|(_, cases)| cases).sum();
				Some(LineageBreakdown { period, lineages, others })
			})
			.collect()
	}

	/// What [`Pallet::open_alerts`] answers: at most `limit` (and [`MAX_PAGE`]) alerts after
	/// `after`, in storage order.
	pub(crate) fn alerts_within(
		region: Vec<u8>,
		after: Option<AlertKey>,
		limit: u32,
	) -> Page<OpenAlert, AlertKey> {
		let empty = Page { items: Vec::new(), next: None };
		let Ok(region) = RegionCode::<T>::try_from(region) else { return empty };
		let mut keys = AlertsWithin::<T>::iter_key_prefix(&region);
		if let Some((code, disease, lineage, period)) = after {
			let (Ok(code), Ok(disease)) =
				(RegionCode::<T>::try_from(code), DiseaseCode::<T>::try_from(disease))
			else {
				return empty;
			};
			let Ok(lineage) = lineage.map(Lineage::<T>::try_from).transpose() else { return empty };
			let from = AlertsWithin::<T>::hashed_key_for(&region, (code, disease, lineage, period));
			keys = AlertsWithin::<T>::iter_key_prefix_from(&region, from);
		}
		let limit = limit.min(MAX_PAGE) as usize;
		let mut items = Vec::new();
		let mut last = None;
		for (code, disease, lineage, period) in keys.by_ref().take(limit) {
			let key =
				(code.to_vec(), disease.to_vec(), lineage.as_ref().map(|l| l.to_vec()), period);
			if let Some((confirmed, threshold)) =
				OpenAlerts::<T>::get((&code, &disease, &lineage, period))
			{
				items.push(OpenAlert {
					region: key.0.clone(),
					disease: key.1.clone(),
					lineage: key.2.clone(),
					period,
					confirmed,
					threshold,
				});
			}
			last = Some(key);
		}
		let next = if keys.next().is_some() { last } else { None };
		Page { items, next }
	}

	/// What [`Pallet::unacknowledged_guidance`] answers.
	pub(crate) fn unacknowledged_by(
		guidance: GuidanceId,
		from: OrgId,
		limit: u32,
	) -> Page<OrgId, OrgId> {
		let Some(record) = Guidances::<T>::get(guidance) else {
			return Page { items: Vec::new(), next: None };
		};
		let addressed = match &record.target {
			GuidanceTarget::Region(region) => {
				T::Registry::organisations_within(region, from, limit)
			},
			GuidanceTarget::Cluster(cluster) => {
				// A cluster has at most `MaxClusterSize` members.
				let mut members = T::Registry::cluster_members(*cluster);
				members.sort();
				members.retain(|org| *org >= from);
				let rest = members.split_off(members.len().min(limit.min(MAX_PAGE) as usize));
				Page { items: members, next: rest.first().copied() }
			},
		};
		let items = addressed
			.items
			.into_iter()
			.filter(|org| T::Registry::org_has_capability(*org, Capability::ReportCases))
			.filter(|org| !Acknowledgements::<T>::contains_key(guidance, org))
			.collect();
		Page { items, next: addressed.next }
	}
}
