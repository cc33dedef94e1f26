//! Population denominators: who sets them, for which places, and who may change them.

use super::*;
use crate::{Place, Populations};
use frame_support::dispatch::DispatchResult;

fn region(code: &str) -> crate::PlaceOf<Test> {
	Place::Region(code.as_bytes().to_vec().try_into().unwrap())
}

fn set(
	caller: u64,
	place: crate::PlaceOf<Test>,
	people: u64,
	year: u16,
	source: &str,
) -> DispatchResult {
	Registry::set_population(
		RuntimeOrigin::signed(caller),
		place,
		people,
		year,
		source.as_bytes().to_vec().try_into().unwrap(),
	)
}

fn people(place: crate::PlaceOf<Test>) -> Option<u64> {
	Populations::<Test>::get(place).map(|figure| figure.people)
}

/// A cluster over Bengaluru coordinated by the hospital, formed by Karnataka (admin 20).
fn bengaluru_cluster() {
	assert_ok!(Registry::create_cluster(
		RuntimeOrigin::signed(20),
		b"Bengaluru".to_vec().try_into().unwrap(),
		b"IN-KA-BLR".to_vec().try_into().unwrap(),
		HOSPITAL
	));
}

#[test]
fn an_authority_sets_and_clears_the_population_of_its_regions_and_clusters() {
	with_hierarchy().execute_with(|| {
		assert_ok!(set(20, region("IN-KA"), 61_095_297, 2011, "Census of India 2011"));
		System::assert_last_event(
			Event::PopulationSet {
				place: region("IN-KA"),
				people: 61_095_297,
				year: 2011,
				by: KARNATAKA,
			}
			.into(),
		);
		let figure = Populations::<Test>::get(region("IN-KA")).unwrap();
		assert_eq!((figure.year, figure.set_by), (2011, KARNATAKA));
		assert_eq!(figure.source.to_vec(), b"Census of India 2011".to_vec());

		// A district with only a hospital registered in it is known; so is a cluster.
		assert_ok!(set(20, region("IN-KA-BLR"), 9_621_551, 2011, "Census"));
		bengaluru_cluster();
		assert_ok!(set(20, Place::Cluster(0), 250_000, 2024, "District projection"));
		assert_eq!(people(Place::Cluster(0)), Some(250_000));

		// A new figure replaces the old one.
		assert_ok!(set(20, region("IN-KA"), 67_562_686, 2024, "Projection 2024"));
		assert_eq!(people(region("IN-KA")), Some(67_562_686));

		assert_ok!(Registry::clear_population(RuntimeOrigin::signed(20), Place::Cluster(0)));
		System::assert_last_event(
			Event::PopulationCleared { place: Place::Cluster(0), by: KARNATAKA }.into(),
		);
		assert_eq!(people(Place::Cluster(0)), None);
	});
}

#[test]
fn only_an_active_admin_of_an_authority_over_the_place_sets_its_population() {
	with_hierarchy().execute_with(|| {
		// Kerala's admin, for Karnataka.
		assert_noop!(set(30, region("IN-KA"), 1, 2011, "S"), Error::<Test>::NotAuthorityForRegion);
		// The hospital's admin: not an authority.
		assert_noop!(set(40, region("IN-KA-BLR"), 1, 2011, "S"), Error::<Test>::NotAnAuthority);
		// A member of Karnataka who is not an admin.
		assert_ok!(join(20, 21, OPERATOR));
		assert_noop!(set(21, region("IN-KA"), 1, 2011, "S"), Error::<Test>::NotAdmin);
		// Nobody of the chain.
		assert_noop!(set(99, region("IN-KA"), 1, 2011, "S"), Error::<Test>::NotAMember);
		// A cluster in Karnataka, for Kerala.
		bengaluru_cluster();
		assert_noop!(
			set(30, Place::Cluster(0), 1, 2011, "S"),
			Error::<Test>::NotAuthorityForRegion
		);
		// A suspended authority.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::signed(10), KARNATAKA));
		assert_noop!(set(20, region("IN-KA"), 1, 2011, "S"), Error::<Test>::OrganisationNotActive);
		assert_eq!(people(region("IN-KA")), None);
	});
}

#[test]
fn a_population_is_kept_only_for_places_the_chain_knows() {
	with_hierarchy().execute_with(|| {
		// Made-up regions inside the caller's own would fill storage without end.
		assert_noop!(set(20, region("IN-KA-MYS"), 1, 2011, "S"), Error::<Test>::NobodyInRegion);
		// The world is the global authority's; a national one asking is refused for that first.
		assert_noop!(set(10, region(""), 1, 2011, "S"), Error::<Test>::NotAuthorityForRegion);
		assert_noop!(set(20, region("in-ka"), 1, 2011, "S"), Error::<Test>::MalformedRegionCode);
		assert_noop!(set(20, region("IND"), 1, 2011, "S"), Error::<Test>::RegionNotACountry);
		assert_noop!(set(20, Place::Cluster(7), 1, 2011, "S"), Error::<Test>::UnknownCluster);
		assert_noop!(
			Registry::clear_population(RuntimeOrigin::signed(20), region("IN-KA")),
			Error::<Test>::NoPopulation
		);
		assert_eq!(Populations::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_population_figure_must_be_plausible() {
	with_hierarchy().execute_with(|| {
		let place = || region("IN-KA");
		assert_noop!(set(20, place(), 0, 2011, "S"), Error::<Test>::PopulationOutOfRange);
		assert_noop!(
			set(20, place(), 20_000_000_001, 2011, "S"),
			Error::<Test>::PopulationOutOfRange
		);
		assert_noop!(set(20, place(), 1, 1949, "S"), Error::<Test>::YearOutOfRange);
		assert_noop!(set(20, place(), 1, 2101, "S"), Error::<Test>::YearOutOfRange);
		assert_noop!(set(20, place(), 1, 2011, ""), Error::<Test>::EmptySource);
		assert_ok!(set(20, place(), 20_000_000_000, 2100, "S"));
		assert_ok!(set(20, place(), 1, 1950, "S"));
	});
}

#[test]
fn an_authority_below_never_changes_a_figure_set_above_it() {
	with_hierarchy().execute_with(|| {
		assert_ok!(set(10, region("IN-KA"), 61_095_297, 2011, "Census of India 2011"));
		assert_noop!(
			set(20, region("IN-KA"), 1, 2024, "Karnataka's own"),
			Error::<Test>::PopulationOwnedAbove
		);
		assert_noop!(
			Registry::clear_population(RuntimeOrigin::signed(20), region("IN-KA")),
			Error::<Test>::PopulationOwnedAbove
		);
		// The authority above replaces a figure of the one below.
		assert_ok!(set(20, region("IN-KA-BLR"), 9_621_551, 2011, "Karnataka's census"));
		assert_ok!(set(10, region("IN-KA-BLR"), 9_700_000, 2012, "India's"));
		assert_eq!(Populations::<Test>::get(region("IN-KA-BLR")).unwrap().set_by, INDIA);
		assert_noop!(
			set(20, region("IN-KA-BLR"), 1, 2024, "S"),
			Error::<Test>::PopulationOwnedAbove
		);
		assert_ok!(Registry::clear_population(RuntimeOrigin::signed(10), region("IN-KA-BLR")));
	});
}
