//! Roles inside a care provider: only a clinician enrols, writes, reads and breaks the glass,
//! only an administrator registers the document base; the chain's access decision says when a
//! reader lacks the role. Each refusal changes nothing.

use super::*;
use healthnet_primitives::{Role, Roles};

/// A pharmacist of the clinic: a member who keeps stock, not a clinician.
const PHARMACIST: u64 = 17;

#[test]
fn only_a_clinician_enrols_writes_reads_and_breaks_the_glass() {
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		testing::add_with_roles(PHARMACIST, CLINIC, Roles::only(Role::StockKeeper));
		let pharmacist = RuntimeOrigin::signed(PHARMACIST);
		let before = root();
		assert_noop!(
			Records::add_entry(
				pharmacist.clone(),
				record,
				ResourceType::Observation,
				H256::repeat_byte(1),
				None
			),
			Error::<Test>::NotAClinician
		);
		assert_noop!(
			Records::record_access(
				pharmacist.clone(),
				record,
				AccessTarget::Type(ResourceType::Observation),
				Purpose::Treatment
			),
			Error::<Test>::NotAClinician
		);
		assert_noop!(
			Records::declare_emergency(pharmacist, record, EmergencyReason::PatientUnconscious),
			Error::<Test>::NotAClinician
		);
		assert_eq!(root(), before);
		assert_eq!(
			Records::can_access(PHARMACIST, record, ResourceType::Observation, Purpose::Treatment),
			AccessDecision::Refused(Refusal::NotAClinician)
		);
		testing::set_roles(PHARMACIST, Roles::of(&[Role::StockKeeper, Role::Clinician]));
		assert!(matches!(
			Records::can_access(PHARMACIST, record, ResourceType::Observation, Purpose::Treatment),
			AccessDecision::Allowed(_)
		));
	});
}

#[test]
fn only_an_administrator_registers_the_document_base() {
	new_test_ext().execute_with(|| {
		testing::add_with_roles(PHARMACIST, CLINIC, Roles::only(Role::Clinician));
		assert_noop!(
			Records::set_document_base(
				RuntimeOrigin::signed(PHARMACIST),
				b"https://gk.clinic.example/documents".to_vec().try_into().unwrap()
			),
			Error::<Test>::NotAnAdmin
		);
	});
}

#[test]
fn a_capability_granted_or_revoked_decides_the_next_research_consent() {
	use super::consents::{grant, treatment, ForResearch};
	new_test_ext().execute_with(|| {
		let record = enrolled(0);
		// The institute loses ReadResearchData: a research consent for it is refused.
		testing::update(INSTITUTE, |org| org.capabilities = Capabilities::default());
		let research = treatment(INSTITUTE, Access::Read, None).research();
		assert_noop!(grant(0, record, research, 1), Error::<Test>::GranteeNotEligible);
		// Granted it again, the next one is taken.
		testing::update(INSTITUTE, |org| {
			org.capabilities = Capabilities::of(&[Capability::ReadResearchData])
		});
		assert_ok!(grant(0, record, research, 1));
	});
}
