//! Benchmarks of every call, each in its worst case: a facility in the deepest region the
//! registry allows, in the largest cluster, and reports with the most variants.
//!
//! A report's weight has parts measured apart so that each component stays independent of the
//! others: the call with its `v` lineages, adding to pending changes that another report of the
//! block already opened (`submit_report`, `amend_report`, `reject_report`, `void_report`); the
//! roll-up at the block's end of `k` pending totals and `n` pending lineages, each merged into
//! nothing else, at every level of the deepest region and in a cluster (`roll_up`); and what
//! each alert it settles costs, as an alert that opens in the deepest region (`open_alerts`).
//! The pallet charges a change the call, and for each pending key it is the first of its block
//! to touch, that key's share of the roll-up, the thresholds of its levels, and an alert for
//! each level with one; first as if every key were new with a threshold everywhere, then for
//! what it did.

use super::*;
use alloc::vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_system::pallet_prelude::BlockNumberFor;
use frame_system::RawOrigin;
use sp_runtime::traits::Zero;

/// A disease code of the longest length allowed.
fn disease<T: Config>() -> DiseaseCode<T> {
	DiseaseCode::<T>::try_from(vec![b'D'; T::MaxDiseaseCodeLength::get() as usize])
		.expect("the longest allowed")
}

/// The `i`th of a set of distinct lineage names of the longest length; sets told apart by
/// `set`.
fn lineage<T: Config>(set: u8, i: u32) -> Lineage<T> {
	let mut name = vec![set; T::MaxLineageLength::get() as usize];
	name[0] = b'A' + (i % 26) as u8;
	name[1] = b'A' + (i / 26 % 26) as u8;
	Lineage::<T>::try_from(name).expect("the longest allowed")
}

/// `n` distinct lineages of set `set`, one confirmed case each.
fn variants<T: Config>(set: u8, n: u32) -> VariantsOf<T> {
	let variants: Vec<_> = (0..n).map(|i| (lineage::<T>(set, i), 1)).collect();
	variants.try_into().expect("at most the variants allowed")
}

fn counts(confirmed: u32) -> Counts {
	Counts {
		suspected: 1,
		confirmed,
		deaths: 0,
		recovered: 0,
		hospitalised: 1,
		tests_performed: confirmed + 1,
		tests_positive: confirmed,
	}
}

/// The region of organisation `org`, bounded.
fn region_code<T: Config>(org: OrgId) -> RegionCode<T> {
	let region = T::Registry::region_of(org).expect("a registered organisation has a region");
	RegionCode::<T>::try_from(region).expect("the registry's limit")
}

/// The `i`th of a set of distinct disease codes of the longest length.
fn disease_n<T: Config>(i: u32) -> DiseaseCode<T> {
	disease_in::<T>(b'D', i)
}

/// The `i`th of a set of distinct disease codes of the longest length, sets told apart by
/// `set` (the set `D` holds [`disease`]).
fn disease_in<T: Config>(set: u8, i: u32) -> DiseaseCode<T> {
	let mut disease = vec![set; T::MaxDiseaseCodeLength::get() as usize];
	disease[0] = b'A' + (i % 26) as u8;
	disease[1] = b'A' + (i / 26 % 26) as u8;
	disease.try_into().expect("the longest allowed")
}

/// `facility` reports `confirmed` cases of [`disease`] for today, and the block ends; returns
/// today.
fn submitted<T: Config>(facility: &T::AccountId, confirmed: u32) -> Period {
	let period = Pallet::<T>::today();
	Pallet::<T>::submit_report(
		RawOrigin::Signed(facility.clone()).into(),
		disease::<T>(),
		period,
		counts(confirmed),
		Default::default(),
	)
	.expect("the helper's facility reports");
	Pallet::<T>::roll_up();
	period
}

/// Opens the pending changes a report of `org` for [`disease`], `period` and `lineages` adds
/// to, as another facility of its cluster and region reporting first in the block does: the
/// common case, whose call the report benchmarks measure.
fn pending<T: Config>(org: OrgId, period: Period, lineages: &[Lineage<T>]) {
	let cluster = T::Registry::cluster_of(org);
	let leaf = region_code::<T>(org);
	open_pending::<T>((cluster, &leaf, &disease::<T>(), period), lineages.iter());
}

/// Writes the pending totals `key` and its `lineages`, as an earlier change of the block did.
/// They live in the block's overlay, not the database, so the change measured adding to them
/// is not charged a database read or write for them: they are whitelisted. (The first change
/// of a block to touch a key pays the key's entry as part of `roll_up`, read and write.)
fn open_pending<'a, T: Config>(
	key: (Option<ClusterId>, &RegionCode<T>, &DiseaseCode<T>, Period),
	lineages: impl Iterator<Item = &'a Lineage<T>>,
) {
	use frame_benchmarking::benchmarking::add_to_whitelist;
	let (cluster, leaf, disease, period) = key;
	PendingTotals::<T>::insert(key, TotalsDelta::default());
	add_to_whitelist(PendingTotals::<T>::hashed_key_for(key).into());
	for lineage in lineages {
		let key = (cluster, leaf, disease, period, lineage);
		PendingLineages::<T>::insert(key, 0);
		add_to_whitelist(PendingLineages::<T>::hashed_key_for(key).into());
	}
}

/// A form of `d` diseases with `v` lineages in all, each disease at most
/// `MaxVariantsPerReport` of them, the first diseases first; with the pending changes each
/// disease adds to already open, as for a single report.
fn form<T: Config>(org: OrgId, period: Period, d: u32, v: u32) -> FormOf<T> {
	let per = T::MaxVariantsPerReport::get();
	let entries: Vec<_> = (0..d)
		.map(|i| {
			let n = v.saturating_sub(i * per).min(per);
			let variants: Vec<_> = (0..n).map(|j| (lineage::<T>(b'F', i * per + j), 1)).collect();
			FormEntry {
				disease: disease_n::<T>(i),
				counts: counts(per),
				variants: variants.try_into().expect("at most the variants allowed"),
			}
		})
		.collect();
	let cluster = T::Registry::cluster_of(org);
	let leaf = region_code::<T>(org);
	for entry in &entries {
		let lineages = entry.variants.iter().map(|(lineage, _)| lineage);
		open_pending::<T>((cluster, &leaf, &entry.disease, period), lineages);
	}
	entries.try_into().expect("at most the diseases allowed")
}

/// A guidance to the cluster of `org`, with the longest address. A cluster is the costlier
/// target: publishing reads the cluster's region from the registry.
fn guidance<T: Config>(
	org: OrgId,
) -> (BoundedVec<u8, T::MaxUriLength>, GuidanceTarget<T::MaxRegionCodeLength>) {
	let uri = vec![b'u'; T::MaxUriLength::get() as usize];
	let cluster = T::Registry::cluster_of(org).expect("the helper's facility is in a cluster");
	(uri.try_into().expect("the longest allowed"), GuidanceTarget::Cluster(cluster))
}

/// `who` as the origin of a measured call of a signed transaction: the keys the transaction
/// read before its call ([`BenchmarkHelper::read_before_the_call`]) are whitelisted, so the
/// call's weight charges only what the call itself adds.
fn signed<T: Config>(who: T::AccountId) -> RawOrigin<T::AccountId> {
	use frame_benchmarking::benchmarking::add_to_whitelist;
	for key in T::BenchmarkHelper::read_before_the_call(&who) {
		add_to_whitelist(key.into());
	}
	RawOrigin::Signed(who)
}

/// A reporting facility in the deepest region; returns its account and id.
fn facility<T: Config>() -> (T::AccountId, OrgId) {
	let (facility, _) = T::BenchmarkHelper::reporting_facility();
	let org = T::Registry::org_of(&facility).expect("the helper registers the facility");
	(facility, org)
}

/// `facility` reports one case of each of `v` lineages for today; returns today.
fn submitted_with<T: Config>(facility: &T::AccountId, v: u32) -> Period {
	let period = Pallet::<T>::today();
	Pallet::<T>::submit_report(
		RawOrigin::Signed(facility.clone()).into(),
		disease::<T>(),
		period,
		counts(T::MaxVariantsPerReport::get()),
		variants::<T>(b'N', v),
	)
	.expect("the helper's facility reports");
	Pallet::<T>::roll_up();
	period
}

/// `facility` reports one confirmed case, of `v` lineages, for every period of the alert
/// window.
fn report_the_window<T: Config>(facility: &T::AccountId, v: u32) {
	let today = Pallet::<T>::today();
	for period in today - T::AlertWindow::get()..=today {
		Pallet::<T>::submit_report(
			RawOrigin::Signed(facility.clone()).into(),
			disease::<T>(),
			period,
			counts(1),
			variants::<T>(b'N', v),
		)
		.expect("the facility reports each period of the window");
	}
	Pallet::<T>::roll_up();
}

/// A reporting facility whose every region level has a threshold of one confirmed case;
/// returns its account, its authority's account and its id.
fn facility_with_thresholds<T: Config>() -> (T::AccountId, T::AccountId, OrgId) {
	let (facility, authority) = T::BenchmarkHelper::reporting_facility();
	let org = T::Registry::org_of(&facility).expect("the helper registers the facility");
	let region = region_code::<T>(org);
	// Set by another organisation than the authority, so that changing one checks its owner.
	let threshold = Threshold { confirmed: 1, set_by: org };
	for level in Pallet::<T>::levels(&region) {
		Thresholds::<T>::insert((level, disease::<T>(), None::<Lineage<T>>), threshold);
	}
	(facility, authority, org)
}

/// What the benchmarks need from the runtime's registry and keystore.
pub trait BenchmarkHelper<AccountId, Signature> {
	/// Registers a reporting facility in the deepest region the registry allows, in a cluster
	/// as full as it may be, and returns a member account of it and an admin account of an
	/// authority over it.
	fn reporting_facility() -> (AccountId, AccountId);

	/// Makes a member account of the organisation `facility` is a member of whose key the
	/// benchmark can sign with (of the scheme whose check costs most), and returns it.
	fn offline_signer(facility: &AccountId) -> AccountId;

	/// Signs `message` with the key of an account [`BenchmarkHelper::offline_signer`] made.
	fn sign(signer: &AccountId, message: &[u8]) -> Signature;

	/// The storage keys a signed transaction of `signer` has read before its call runs, which
	/// the call's weight must not charge again: the membership gate's look-ups of a member
	/// account, charged in the gate's weight, and the block's timestamp, which the timestamp
	/// inherent writes at the start of every block, so that every later read of it finds it
	/// in the block's overlay.
	fn read_before_the_call(_signer: &AccountId) -> Vec<Vec<u8>> {
		Vec::new()
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// `v`: the report's lineages, each adding to a pending change another report opened; what
	// a key new to the block adds is charged from `roll_up` and the thresholds it reads.
	#[benchmark]
	fn submit_report(v: Linear<0, { T::MaxVariantsPerReport::get() }>) {
		let (facility, org) = facility::<T>();
		let period = Pallet::<T>::today();
		let new = variants::<T>(b'N', v);
		pending::<T>(org, period, &new.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>());

		let origin = signed::<T>(facility);
		#[extrinsic_call]
		_(origin, disease::<T>(), period, counts(T::MaxVariantsPerReport::get()), new);

		assert!(Reports::<T>::contains_key((org, disease::<T>(), period)));
		let moved = PendingLineages::<T>::iter_values().filter(|change| *change == 1).count();
		assert_eq!(moved as u32, v);
		Pallet::<T>::roll_up();
		let moved = RegionLineages::<T>::iter_keys().count() as u32;
		assert_eq!(moved, v * Pallet::<T>::alert_levels());
	}

	// `v`: the lineages whose totals move: the new version's, then the previous version's,
	// which all leave.
	#[benchmark]
	fn amend_report(v: Linear<0, { 2 * T::MaxVariantsPerReport::get() }>) {
		let (facility, org) = facility::<T>();
		let added = v.min(T::MaxVariantsPerReport::get());
		let (new, old) = (variants::<T>(b'N', added), variants::<T>(b'O', v - added));
		let period = Pallet::<T>::today();
		Pallet::<T>::submit_report(
			RawOrigin::Signed(facility.clone()).into(),
			disease::<T>(),
			period,
			counts(v - added),
			old.clone(),
		)
		.expect("the helper's facility reports");
		Pallet::<T>::roll_up();
		let lineages: Vec<_> = new.iter().chain(old.iter()).map(|(l, _)| l.clone()).collect();
		pending::<T>(org, period, &lineages);

		let origin = signed::<T>(facility);
		#[extrinsic_call]
		_(origin, org, disease::<T>(), period, counts(T::MaxVariantsPerReport::get()), new);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.state.version), Some(2));
		Pallet::<T>::roll_up();
		let moved = RegionLineages::<T>::iter_keys().count() as u32;
		assert_eq!(moved, added * Pallet::<T>::alert_levels());
	}

	// What settling `a` alerts costs beyond reading their thresholds: each opens (the
	// costliest change of an alert: it is indexed under every region containing its own), in
	// the deepest region, one per lineage.
	#[benchmark]
	fn open_alerts(a: Linear<0, { Pallet::<T>::alert_slots(T::MaxVariantsPerReport::get()) }>) {
		let (_, _, org) = facility_with_thresholds::<T>();
		let region = region_code::<T>(org);
		let lineages: Vec<_> = (0..a).map(|i| lineage::<T>(b'A', i)).collect();
		let threshold = Threshold { confirmed: 1, set_by: org };
		for lineage in &lineages {
			Thresholds::<T>::insert((&region, disease::<T>(), Some(lineage)), threshold);
		}
		let period = Pallet::<T>::today();
		let disease = disease::<T>();

		#[block]
		{
			for lineage in &lineages {
				Pallet::<T>::settle_alert(&region, &disease, Some(lineage), period, 1);
			}
		}

		assert_eq!(OpenAlerts::<T>::iter().count() as u32, a);
	}

	// What a relayed report costs beyond the submission or amendment it is: the chain's
	// genesis hash, the signature (of the costliest scheme) over the longest report, the
	// signer's membership and the report's current version.
	#[benchmark]
	fn check_offline_report() {
		let (facility, org) = facility::<T>();
		let signer = T::BenchmarkHelper::offline_signer(&facility);
		let period = submitted::<T>(&facility, 0);
		let report = OfflineReport {
			genesis: frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
			org,
			disease: disease::<T>(),
			period,
			counts: counts(T::MaxVariantsPerReport::get()),
			variants: variants::<T>(b'N', T::MaxVariantsPerReport::get()),
			version: 2,
			valid_until: T::UnixTime::now().as_millis() as u64 + T::MaxOfflineValidity::get(),
		};
		let message = healthnet_primitives::surveillance::offline_report_message(&report.encode());
		let signature = T::BenchmarkHelper::sign(&signer, &message);
		let checked;

		#[block]
		{
			checked = Pallet::<T>::check_offline_report(&report, &signer, &signature);
		}

		assert!(checked.is_ok());
	}

	// A form of `d` diseases without lineages, each disease adding to pending changes another
	// report opened; what a key new to the block adds is charged from `roll_up` and the
	// thresholds it reads.
	#[benchmark]
	fn submit_reports(d: Linear<1, { T::MaxDiseasesPerForm::get() }>) {
		let (facility, org) = facility::<T>();
		let period = Pallet::<T>::today();
		let form = form::<T>(org, period, d, 0);

		let origin = signed::<T>(facility);
		#[extrinsic_call]
		_(origin, period, form);

		assert_eq!(Reports::<T>::iter_keys().count() as u32, d);
	}

	// A form of the most diseases with `v` lineages in all, the first diseases first: what
	// lineages add to a form, where each costs most (see `Pallet::form_call_weight`).
	#[benchmark]
	fn form_lineages(v: Linear<0, { T::MaxLineagesPerForm::get() }>) {
		let (facility, org) = facility::<T>();
		let period = Pallet::<T>::today();
		let form = form::<T>(org, period, T::MaxDiseasesPerForm::get(), v);

		let origin = signed::<T>(facility);
		#[block]
		{
			Pallet::<T>::submit_reports(origin.into(), period, form)
				.expect("the facility's form is taken");
		}

		let moved = PendingLineages::<T>::iter_values().filter(|change| *change == 1).count();
		assert_eq!(moved as u32, v);
	}

	// What a relayed form costs beyond the form it is: the chain's genesis hash, the signature
	// (of the costliest scheme) over a form of `d` diseases with the most lineages, the
	// signer's membership, and each disease's report not yet written.
	#[benchmark]
	fn check_offline_form(d: Linear<1, { T::MaxDiseasesPerForm::get() }>) {
		let (facility, org) = facility::<T>();
		let signer = T::BenchmarkHelper::offline_signer(&facility);
		let period = Pallet::<T>::today();
		let lineages = T::MaxLineagesPerForm::get().min(d * T::MaxVariantsPerReport::get());
		let form = OfflineForm {
			genesis: frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
			org,
			period,
			reports: form::<T>(org, period, d, lineages),
			valid_until: T::UnixTime::now().as_millis() as u64 + T::MaxOfflineValidity::get(),
		};
		let message = healthnet_primitives::surveillance::offline_form_message(&form.encode());
		// As a browser wallet signs it: the second of the two forms checked.
		let signature = T::BenchmarkHelper::sign(&signer, &crate::relay::wallet_wrapped(&message));
		let checked;

		#[block]
		{
			checked = Pallet::<T>::check_offline_form(&form, &signer, &signature);
		}

		assert!(checked.is_ok());
	}

	#[benchmark]
	fn approve_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = submitted::<T>(&facility, 1);

		let origin = signed::<T>(authority);
		#[extrinsic_call]
		_(origin, org, disease::<T>(), period);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.state.status), Some(ReportStatus::Approved));
	}

	// `v`: the report's lineages, whose totals all go; the alerts they settle are charged as
	// `open_alerts`.
	#[benchmark]
	fn reject_report(v: Linear<0, { T::MaxVariantsPerReport::get() }>) {
		let (facility, authority) = T::BenchmarkHelper::reporting_facility();
		let org = T::Registry::org_of(&facility).expect("the helper registers the facility");
		let period = submitted_with::<T>(&facility, v);
		let lineages: Vec<_> = (0..v).map(|i| lineage::<T>(b'N', i)).collect();
		pending::<T>(org, period, &lineages);
		let reason = RejectionReason::ImplausibleCounts;

		let origin = signed::<T>(authority);
		#[extrinsic_call]
		_(origin, org, disease::<T>(), period, reason);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.state.status), Some(ReportStatus::Rejected(reason)));
		Pallet::<T>::roll_up();
		assert_eq!(RegionLineages::<T>::iter_keys().count(), 0, "every lineage left");
	}

	#[benchmark]
	fn void_report(v: Linear<0, { T::MaxVariantsPerReport::get() }>) {
		let (facility, authority) = T::BenchmarkHelper::reporting_facility();
		let org = T::Registry::org_of(&facility).expect("the helper registers the facility");
		let period = submitted_with::<T>(&facility, v);
		let lineages: Vec<_> = (0..v).map(|i| lineage::<T>(b'N', i)).collect();
		pending::<T>(org, period, &lineages);
		let reason = VoidReason::Fraudulent;

		let origin = signed::<T>(authority);
		#[extrinsic_call]
		_(origin, org, disease::<T>(), period, reason);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.state.status), Some(ReportStatus::Voided(reason)));
		Pallet::<T>::roll_up();
		assert_eq!(RegionLineages::<T>::iter_keys().count(), 0, "every lineage left");
	}

	#[benchmark]
	fn reopen_report() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let period = submitted::<T>(&facility, 1);
		let origin = RawOrigin::Signed(authority.clone());
		Pallet::<T>::approve_report(origin.into(), org, disease::<T>(), period)
			.expect("the authority approves the report");

		let origin = signed::<T>(authority);
		#[extrinsic_call]
		_(origin, org, disease::<T>(), period);

		let report = Reports::<T>::get((org, disease::<T>(), period));
		assert_eq!(report.map(|r| r.state.reopened), Some(1));
	}

	#[benchmark]
	fn set_threshold() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let region = region_code::<T>(org);
		// A report for every period of the alert window, each with its alerts open.
		report_the_window::<T>(&facility, 0);

		// Raised above every count: every period's alert of the region closes, at the block's
		// end, which the call pays.
		let origin = signed::<T>(authority);
		#[block]
		{
			Pallet::<T>::set_threshold(origin.into(), region.clone(), disease::<T>(), None, 2)
				.expect("the authority raises the threshold");
			Pallet::<T>::settle_thresholds();
		}

		let threshold = Thresholds::<T>::get((&region, disease::<T>(), None::<Lineage<T>>));
		assert_eq!(threshold.map(|t| t.confirmed), Some(2));
		assert_eq!(AlertsWithin::<T>::iter_key_prefix(&region).count(), 0);
	}

	// The same for a variant of concern: the window's lineage totals instead of the totals.
	#[benchmark]
	fn set_lineage_threshold() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let region = region_code::<T>(org);
		let lineage = lineage::<T>(b'N', 0);
		for level in Pallet::<T>::levels(&region) {
			let threshold = Threshold { confirmed: 1, set_by: org };
			Thresholds::<T>::insert((level, disease::<T>(), Some(&lineage)), threshold);
		}
		report_the_window::<T>(&facility, 1);

		let origin = signed::<T>(authority);
		#[block]
		{
			Pallet::<T>::set_threshold(
				origin.into(),
				region.clone(),
				disease::<T>(),
				Some(lineage.clone()),
				2,
			)
			.expect("the authority raises the threshold");
			Pallet::<T>::settle_thresholds();
		}

		let threshold = Thresholds::<T>::get((&region, disease::<T>(), Some(&lineage)));
		assert_eq!(threshold.map(|t| t.confirmed), Some(2));
		let lineage_alerts = AlertsWithin::<T>::iter_key_prefix(&region)
			.filter(|(_, _, lineage, _)| lineage.is_some())
			.count();
		assert_eq!(lineage_alerts, 0);
	}

	#[benchmark]
	fn expire_alerts(n: Linear<0, { T::MaxAlertExpiriesPerBlock::get() }>) {
		let (_, _, org) = facility_with_thresholds::<T>();
		let region = region_code::<T>(org);
		// `n` alerts of the deepest region, one per disease, in the first expired period.
		let expired = Pallet::<T>::today() - T::AlertWindow::get() - 1;
		for i in 0..n {
			let disease = disease_n::<T>(i);
			let subject =
				crate::alerts::Subject { region: &region, disease: &disease, lineage: None };
			Pallet::<T>::open_alert(&subject, expired, 1, 1);
		}
		AlertExpiryCursor::<T>::put(expired);
		let steps;

		#[block]
		{
			steps = Pallet::<T>::expire_alerts(n);
		}

		assert_eq!(steps, n);
		assert_eq!(AlertsByPeriod::<T>::iter_key_prefix(expired).count(), 0);
	}

	// The end of a block with `k` pending totals of a facility in the deepest region, each in
	// a cluster of its own (its cluster's aggregate and bucket to write), all reaching the same
	// region levels; `l` more region levels reached (pending totals of `l` other diseases at
	// the world's level, no cluster: each an aggregate and a bucket to write); and `n` pending
	// lineages (distinct), each moving its cluster's and every level's cases. Every bucket is
	// full but for the day written.
	#[benchmark]
	fn roll_up(k: Linear<0, 100>, l: Linear<0, 100>, n: Linear<0, 100>) {
		let (_, org) = facility::<T>();
		let cluster = T::Registry::cluster_of(org);
		let leaf = region_code::<T>(org);
		let world = RegionCode::<T>::default();
		let period = Pallet::<T>::today();
		let bucket = bucket_of(period);
		let one = TotalsDelta { confirmed: 1, reports: 1, ..Default::default() };
		let first = bucket * BUCKET_DAYS;
		let others: Vec<_> = (first..first + BUCKET_DAYS)
			.filter(|day| *day != period)
			.map(|day| (day, Totals { confirmed: 1, reports: 1, ..Default::default() }))
			.collect();
		let full = Bucket::truncate_from(others);
		if k > 0 {
			for level in Pallet::<T>::levels(&leaf) {
				RegionBuckets::<T>::insert((&level, disease::<T>(), bucket), &full);
				PendingLevels::<T>::insert((level, disease::<T>(), period), ());
			}
		}
		for i in 0..k {
			PendingTotals::<T>::insert((Some(i), &leaf, disease::<T>(), period), one);
			ClusterBuckets::<T>::insert((i, disease::<T>(), bucket), &full);
		}
		for i in 0..l {
			let other = disease_in::<T>(b'L', i);
			PendingTotals::<T>::insert((None::<ClusterId>, &world, &other, period), one);
			PendingLevels::<T>::insert((&world, &other, period), ());
			RegionBuckets::<T>::insert((&world, &other, bucket), &full);
		}
		for i in 0..n {
			let key = (cluster, &leaf, disease::<T>(), period, lineage::<T>(b'R', i));
			PendingLineages::<T>::insert(key, 1);
		}
		let done;

		#[block]
		{
			done = Pallet::<T>::roll_up();
		}

		assert_eq!((done.totals_keys, done.lineage_keys), (k + l, n));
		assert!(Pallet::<T>::nothing_pending());
		let levels = Pallet::<T>::alert_levels();
		let reached = if k > 0 { levels } else { 0 } + l;
		assert_eq!(RegionAggregates::<T>::iter_keys().count() as u32, reached);
		assert_eq!(ClusterAggregates::<T>::iter_keys().count() as u32, k);
		let full = RegionBuckets::<T>::iter_values().filter(|b| b.len() as u32 == BUCKET_DAYS);
		assert_eq!(full.count() as u32, reached, "each bucket took its day");
		assert_eq!(RegionLineages::<T>::iter_keys().count() as u32, n * levels);
	}

	#[benchmark]
	fn publish_guidance() {
		let (_, authority, org) = facility_with_thresholds::<T>();
		let (uri, target) = guidance::<T>(org);

		let origin = signed::<T>(authority);
		#[extrinsic_call]
		_(origin, T::Hash::default(), uri, target, Some(disease::<T>()), Severity::Emergency);

		assert!(Guidances::<T>::contains_key(0));
	}

	#[benchmark]
	fn acknowledge_guidance() {
		let (facility, authority, org) = facility_with_thresholds::<T>();
		let (uri, target) = guidance::<T>(org);
		Pallet::<T>::publish_guidance(
			RawOrigin::Signed(authority).into(),
			T::Hash::default(),
			uri,
			target,
			Some(disease::<T>()),
			Severity::Emergency,
		)
		.expect("the authority publishes guidance");

		let origin = signed::<T>(facility);
		#[extrinsic_call]
		_(origin, 0);

		assert!(Acknowledgements::<T>::contains_key(0, org));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
