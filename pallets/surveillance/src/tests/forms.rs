//! A facility's form: several diseases for one period in one transaction, each taken as a
//! single submission would be, all or none.

use super::*;
use crate::{FormEntry, FormOf};

/// Account 40 reports for facility 3; the mock takes forms of at most 4 diseases and 5 lineages.
const CLINIC: u64 = 40;

fn entry(disease: &[u8], confirmed: u32, of: &[(&[u8], u32)]) -> crate::FormEntryOf<Test> {
	FormEntry { disease: code(disease), counts: counts(confirmed), variants: variants(of) }
}

fn form(entries: Vec<crate::FormEntryOf<Test>>) -> FormOf<Test> {
	entries.try_into().unwrap()
}

fn submit_form(account: u64, entries: Vec<crate::FormEntryOf<Test>>) -> DispatchResultWithPostInfo {
	Surveillance::submit_reports(RuntimeOrigin::signed(account), TODAY - 1, form(entries))
}

fn region_total(disease: &[u8], at: &[u8]) -> u64 {
	RegionAggregates::<Test>::get((region(at), code(disease), TODAY - 1)).confirmed
}

#[test]
fn a_form_submits_each_disease_as_its_own_first_version() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit_form(
			CLINIC,
			vec![entry(COVID, 5, &[(b"JN.1", 3)]), entry(b"1F40", 2, &[]), entry(b"1D6Z", 0, &[])]
		));
		next_block();
		for (disease, confirmed) in [(COVID, 5), (&b"1F40"[..], 2), (&b"1D6Z"[..], 0)] {
			let report = Reports::<Test>::get((3, code(disease), TODAY - 1)).unwrap().state;
			assert_eq!((report.version, report.status), (1, ReportStatus::Pending));
			let version = Surveillance::report_version(3, &code(disease), TODAY - 1, 1).unwrap();
			assert_eq!(version.counts, counts(confirmed));
			assert_eq!(region_total(disease, b""), u64::from(confirmed));
		}
		// One event per disease, in the form's order.
		let submitted: Vec<_> = System::events()
			.into_iter()
			.filter_map(|record| match record.event {
				RuntimeEvent::Surveillance(Event::ReportSubmitted { disease, .. }) => {
					Some(disease.into_inner())
				},
				_ => None,
			})
			.collect();
		assert_eq!(submitted, vec![COVID.to_vec(), b"1F40".to_vec(), b"1D6Z".to_vec()]);
	});
}

#[test]
fn a_form_is_taken_whole_or_not_at_all() {
	new_test_ext().execute_with(|| {
		assert_ok!(submit(CLINIC, 4));
		// The second disease is reported already: the first is not taken either.
		assert_noop!(
			submit_form(CLINIC, vec![entry(b"1F40", 2, &[]), entry(COVID, 5, &[])]),
			Error::<Test>::ReportExists
		);
		assert_noop!(
			submit_form(CLINIC, vec![entry(b"1F40", 2, &[]), entry(b"1f40", 2, &[])]),
			Error::<Test>::MalformedDiseaseCode
		);
		let mut impossible = entry(b"1D6Z", 1, &[]);
		impossible.counts.deaths = 2;
		assert_noop!(
			submit_form(CLINIC, vec![entry(b"1F40", 2, &[]), impossible]),
			Error::<Test>::MoreDeathsThanConfirmed
		);
	});
}

#[test]
fn a_form_follows_the_rules_of_a_single_report() {
	new_test_ext().execute_with(|| {
		let one = || vec![entry(b"1F40", 2, &[])];
		// Not a member; an organisation that may not report cases.
		assert_noop!(submit_form(999, one()), Error::<Test>::NotAMember);
		assert_noop!(submit_form(20, one()), Error::<Test>::CannotReportCases);
		set_now(TODAY, 1);
		assert_noop!(
			Surveillance::submit_reports(RuntimeOrigin::signed(CLINIC), TODAY + 1, form(one())),
			Error::<Test>::FuturePeriod
		);
		assert_noop!(
			submit_form(CLINIC, vec![entry(b"1F40", 2, &[(b"JN.1", 3)])]),
			Error::<Test>::VariantsExceedConfirmed
		);
	});
}

#[test]
fn a_form_names_each_disease_once_and_at_least_one() {
	new_test_ext().execute_with(|| {
		assert_noop!(submit_form(CLINIC, vec![]), Error::<Test>::EmptyForm);
		assert_noop!(
			submit_form(CLINIC, vec![entry(b"1F40", 2, &[]), entry(b"1F40", 3, &[])]),
			Error::<Test>::DiseaseTwiceInForm
		);
	});
}

#[test]
fn a_form_breaks_its_cases_into_at_most_the_lineages_allowed() {
	new_test_ext().execute_with(|| {
		let three: &[(&[u8], u32)] = &[(b"JN.1", 1), (b"XBB.1.5", 1), (b"BA.2", 1)];
		// Six lineages in all, one more than the mock's MaxLineagesPerForm.
		let over = || vec![entry(COVID, 5, three), entry(b"1F40", 5, three)];
		assert_noop!(submit_form(CLINIC, over()), Error::<Test>::TooManyLineagesInForm);
		// It is charged no more than the largest form allowed.
		let largest = vec![entry(COVID, 5, three), entry(b"1F40", 5, &three[..2])];
		assert_eq!(
			Surveillance::form_weight(&form(over())),
			Surveillance::form_weight(&form(largest.clone()))
		);
		assert_ok!(submit_form(CLINIC, largest));
	});
}

#[test]
fn a_form_and_single_reports_leave_the_same_state() {
	let entries =
		|| vec![entry(COVID, 5, &[(b"JN.1", 3)]), entry(b"1F40", 2, &[]), entry(b"1D6Z", 1, &[])];
	let mut roots = Vec::new();
	for as_form in [true, false] {
		new_test_ext().execute_with(|| {
			if as_form {
				assert_ok!(submit_form(CLINIC, entries()));
			} else {
				for FormEntry { disease, counts, variants } in entries() {
					assert_ok!(Surveillance::submit_report(
						RuntimeOrigin::signed(CLINIC),
						disease,
						TODAY - 1,
						counts,
						variants
					));
				}
			}
			// Events differ (one transaction or three); the state must not, in the block or
			// after it.
			System::reset_events();
			roots.push(sp_io::storage::root(sp_runtime::StateVersion::V1));
			next_block();
			System::reset_events();
			roots.push(sp_io::storage::root(sp_runtime::StateVersion::V1));
		});
	}
	assert_eq!(roots[..2], roots[2..], "the roots in the block and after it");
}

#[test]
fn a_form_is_charged_its_call_and_each_diseases_share_of_the_roll_up() {
	new_test_ext().execute_with(|| {
		let entries = vec![entry(COVID, 5, &[(b"JN.1", 3)]), entry(b"1F40", 2, &[])];
		let call = Surveillance::form_call_weight(2, 1);
		// Declared: every key new, with a threshold at each of the 4 levels of each.
		let worst = roll_up_share(1, 1, 8) + roll_up_share(1, 0, 4);
		assert_eq!(Surveillance::form_weight(&form(entries.clone())), call + worst);
		// Used: no threshold anywhere, so the keys' roll-up and their thresholds read.
		let used = submit_form(CLINIC, entries).unwrap().actual_weight.unwrap();
		assert_eq!(used, call + roll_up_share(1, 1, 0) + roll_up_share(1, 0, 0));
		// Another facility of the cluster's form of the same diseases adds to the same keys.
		let entries = vec![entry(COVID, 1, &[(b"JN.1", 1)]), entry(b"1F40", 1, &[])];
		let used = submit_form(50, entries).unwrap().actual_weight.unwrap();
		assert_eq!(used, call);
	});
}
