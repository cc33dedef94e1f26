//! GS1 company prefixes: a manufacturer registers only GTINs under a prefix its authority
//! recorded for it, so that nobody squats another company's products; prefixes never extend
//! one another; only a key officer of an authority over the manufacturer records or withdraws
//! one. Each refusal changes nothing.

use super::*;
use crate::{CompanyPrefix, CompanyPrefixes};
use healthnet_primitives::supply::gtin_check_digit;

/// A GTIN-14 of the 13 digits `first`, with its check digit.
fn gtin(first: &[u8; 13]) -> Gtin {
	let mut gtin = [0; 14];
	gtin[..13].copy_from_slice(first);
	gtin[13] = gtin_check_digit(first);
	gtin
}

fn register(org: OrgId, gtin: Gtin) -> frame_support::dispatch::DispatchResult {
	Supply::register_product(
		signed(org),
		gtin,
		ProductKind::Vaccine,
		Unit::Dose,
		(20, 80),
		60,
		24,
		None,
	)
}

fn prefix(digits: &str) -> CompanyPrefix {
	digits.as_bytes().to_vec().try_into().unwrap()
}

fn assign(by: OrgId, org: OrgId, digits: &str) -> frame_support::dispatch::DispatchResult {
	Supply::assign_company_prefix(signed(by), org, prefix(digits))
}

#[test]
fn a_manufacturer_registers_only_gtins_under_its_own_prefix() {
	new_test_ext().execute_with(|| {
		let before = root();
		// Another manufacturer squats a GTIN of Pune's prefix, or any GTIN under no prefix.
		assert_noop!(register(OTHER_MAKER, gtin(b"0890123000017")), Error::<Test>::GtinNotYours);
		assert_noop!(register(MAKER, gtin(b"0777777000017")), Error::<Test>::GtinNotYours);
		assert_eq!(root(), before);
		assert_ok!(register(MAKER, gtin(b"0890123000017")));
		// India records a GS1 US prefix for the other manufacturer, which may then use it.
		assert_ok!(assign(INDIA, OTHER_MAKER, "0614141"));
		System::assert_last_event(
			Event::CompanyPrefixAssigned { prefix: prefix("0614141"), org: OTHER_MAKER }.into(),
		);
		assert_ok!(register(OTHER_MAKER, gtin(b"1061414100041")));
	});
}

#[test]
fn prefixes_never_extend_one_another_and_are_well_formed() {
	new_test_ext().execute_with(|| {
		assert_ok!(assign(INDIA, OTHER_MAKER, "0614141"));
		for (digits, error) in [
			("890123", Error::<Test>::PrefixTaken),
			("8901234", Error::<Test>::PrefixTaken),
			("061414", Error::<Test>::PrefixTaken),
			("06141410", Error::<Test>::PrefixTaken),
			("89012", Error::<Test>::BadCompanyPrefix),
			("89012A", Error::<Test>::BadCompanyPrefix),
		] {
			assert_noop!(assign(INDIA, OTHER_MAKER, digits), error);
		}
		assert_noop!(assign(INDIA, CLINIC, "4006381"), Error::<Test>::NotAManufacturer);
		assert_ok!(assign(INDIA, MAKER, "4006381"));
		assert_ok!(assign(INDIA, MAKER, "5012345"));
		assert_noop!(assign(INDIA, MAKER, "5098765"), Error::<Test>::TooManyPrefixes);
	});
}

#[test]
fn only_a_key_officer_of_an_authority_over_the_manufacturer_records_or_withdraws() {
	new_test_ext().execute_with(|| {
		// Karnataka is not over Pune (Maharashtra); Pune may not record its own.
		assert_noop!(assign(KARNATAKA, MAKER, "4006381"), Error::<Test>::NotAuthorityOverHolder);
		assert_noop!(assign(MAKER, MAKER, "4006381"), Error::<Test>::NotAuthorityOverHolder);
		healthnet_testing::add_with_roles(
			11,
			INDIA,
			healthnet_primitives::Roles::only(healthnet_primitives::Role::Admin),
		);
		assert_noop!(
			Supply::assign_company_prefix(RuntimeOrigin::signed(11), MAKER, prefix("4006381")),
			Error::<Test>::NotAKeyOfficer
		);
		// Withdrawn, the prefix takes no new product; what was registered stays.
		let vaccine = vaccine();
		assert_ok!(Supply::withdraw_company_prefix(signed(INDIA), prefix("890123")));
		assert_eq!(CompanyPrefixes::<Test>::get(prefix("890123")), None);
		assert_noop!(register(MAKER, gtin(b"0890123000017")), Error::<Test>::GtinNotYours);
		assert!(crate::Products::<Test>::contains_key(vaccine));
		assert_noop!(
			Supply::withdraw_company_prefix(signed(INDIA), prefix("890123")),
			Error::<Test>::UnknownPrefix
		);
		// Once withdrawn, a longer prefix under it may be recorded.
		assert_ok!(assign(INDIA, OTHER_MAKER, "8901235"));
	});
}
