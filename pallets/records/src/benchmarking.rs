//! Benchmarks of every call, each in its worst case: patients whose keys sign with the
//! costliest scheme to verify (the helper's), document bases of the longest length, and for an
//! access check an organisation whose live consents are as many as allowed and none of which
//! allows it, so that every one is read before its emergency access decides, and whose last
//! read of the target is a line under another grant, read before a new line is written.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;

/// The helper's `index`th patient, enrolled by `provider`; returns the record.
fn enrolled<T: Config>(provider: &T::AccountId, index: u32) -> RecordId {
	let key = T::BenchmarkHelper::patient_key(index);
	let record = record_id(&Pallet::<T>::genesis(), &key);
	let org = Pallet::<T>::care_provider(provider, Role::Clinician).expect("the helper's provider");
	let statement = PatientStatement::<T::PatientKey>::AcceptEnrolment { provider: org };
	let signature = T::BenchmarkHelper::sign(
		index,
		&patient_payload(&Pallet::<T>::genesis(), &record, 0, valid_until::<T>(), &statement),
	);
	Pallet::<T>::enrol_patient(
		RawOrigin::Signed(provider.clone()).into(),
		key,
		valid_until::<T>(),
		signature,
	)
	.expect("the helper's provider enrols");
	DocumentBases::<T>::insert(org, longest_base::<T>());
	record
}

/// When the benchmarks' statements stop being valid: as far ahead as allowed.
fn valid_until<T: Config>() -> Moment {
	Pallet::<T>::now() + T::MaxStatementValidity::get()
}

/// The `index`th patient's signature of `statement` about `record` with `nonce`.
fn signed<T: Config>(
	index: u32,
	record: &RecordId,
	nonce: u64,
	statement: &PatientStatement<T::PatientKey>,
) -> T::PatientSignature {
	T::BenchmarkHelper::sign(
		index,
		&patient_payload(&Pallet::<T>::genesis(), record, nonce, valid_until::<T>(), statement),
	)
}

/// A document base of the longest length allowed.
fn longest_base<T: Config>() -> DocumentBase<T> {
	let mut bytes = b"https://".to_vec();
	bytes.resize(T::MaxPointerLength::get() as usize - POINTER_TAIL, b'g');
	bytes.try_into().expect("the longest allowed")
}

/// The enrolling provider asks to move `record` to the helper's patient 1's key, which proves
/// it holds it.
fn requested<T: Config>(provider: &T::AccountId, record: &RecordId) {
	let org = Pallet::<T>::care_provider(provider, Role::Clinician).expect("the helper's provider");
	let proof = signed::<T>(1, record, 1, &PatientStatement::AcceptRecovery { provider: org });
	Pallet::<T>::request_key_recovery(
		RawOrigin::Signed(provider.clone()).into(),
		*record,
		T::BenchmarkHelper::patient_key(1),
		valid_until::<T>(),
		proof,
	)
	.expect("the enrolling provider asks");
}

/// Gives `org` as many live consents on `record` as allowed: all for research, so that none
/// allows treatment, except that the last is for treatment and read-write when `last_allows`.
fn fill_consents<T: Config>(record: &RecordId, org: OrgId, last_allows: bool) {
	let mut info = PatientRecords::<T>::get(record).expect("an enrolled record");
	let most = T::MaxLiveConsentsPerGrantee::get();
	let mut live = Vec::new();
	for i in 0..most {
		let allows = last_allows && i + 1 == most;
		let terms = ConsentTerms {
			grantee: org,
			scope: Scope::All,
			purpose: if allows { Purpose::Treatment } else { Purpose::Research },
			access: Access::ReadWrite,
			expires: None,
		};
		let id = info.consents;
		Consents::<T>::insert(
			record,
			id,
			Consent { terms, granted_at: 0u32.into(), revoked_at: None },
		);
		live.push(id);
		info.consents += 1;
	}
	LiveConsents::<T>::insert(record, org, BoundedVec::try_from(live).expect("the most allowed"));
	PatientRecords::<T>::insert(record, info);
}

/// What the benchmarks need from the runtime: organisations in the registry, and patient keys
/// that sign.
pub trait BenchmarkHelper<AccountId, PatientKey, PatientSignature> {
	/// Registers a care provider with one member account, `index` telling providers apart, in
	/// the deepest region the registry allows, and returns that account and a member account of
	/// an authority over it.
	fn care_provider(index: u32) -> (AccountId, AccountId);
	/// The public key of the `index`th patient; the costliest scheme to verify.
	fn patient_key(index: u32) -> PatientKey;
	/// The `index`th patient's signature over `message`.
	fn sign(index: u32, message: &[u8]) -> PatientSignature;
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn enrol_patient() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let key = T::BenchmarkHelper::patient_key(0);
		let record = record_id(&Pallet::<T>::genesis(), &key);
		let org =
			Pallet::<T>::care_provider(&provider, Role::Clinician).expect("the helper's provider");
		let statement = PatientStatement::<T::PatientKey>::AcceptEnrolment { provider: org };
		let signature = signed::<T>(0, &record, 0, &statement);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), key, valid_until::<T>(), signature);

		assert!(PatientRecords::<T>::contains_key(record));
	}

	#[benchmark]
	fn add_entry() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let record = enrolled::<T>(&provider, 0);
		let org =
			Pallet::<T>::care_provider(&provider, Role::Clinician).expect("the helper's provider");
		// Consent 0 leaves the live list, which fills with consents of which the last allows.
		LiveConsents::<T>::remove(record, org);
		fill_consents::<T>(&record, org, true);
		let first = H256::repeat_byte(1);
		Pallet::<T>::add_entry(
			RawOrigin::Signed(provider.clone()).into(),
			record,
			ResourceType::Observation,
			first,
			None,
		)
		.expect("the provider writes");
		let hash = H256::repeat_byte(2);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), record, ResourceType::Observation, hash, Some(0));

		assert_eq!(Entries::<T>::get(record, 0).and_then(|e| e.superseded_by), Some(1));
	}

	#[benchmark]
	fn grant_consent() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let (grantee, _) = T::BenchmarkHelper::care_provider(1);
		let record = enrolled::<T>(&provider, 0);
		let org =
			Pallet::<T>::care_provider(&grantee, Role::Clinician).expect("the helper's provider");
		// A full live list whose first consent is revoked: every one is read, one leaves.
		fill_consents::<T>(&record, org, false);
		let first = LiveConsents::<T>::get(record, org)[0];
		Consents::<T>::mutate(record, first, |c| {
			c.as_mut().expect("filled").revoked_at = Some(0u32.into())
		});
		let terms = ConsentTerms {
			grantee: org,
			scope: Scope::Only(ResourceTypes::of(&ResourceType::ALL)),
			purpose: Purpose::Treatment,
			access: Access::ReadWrite,
			expires: Some(Pallet::<T>::now() + 86_400_000),
		};
		let signature = signed::<T>(0, &record, 1, &PatientStatement::GrantConsent(terms));

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), record, terms, 1, valid_until::<T>(), signature);

		assert_eq!(PatientRecords::<T>::get(record).map(|r| r.nonce), Some(1));
	}

	#[benchmark]
	fn revoke_consent() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let record = enrolled::<T>(&provider, 0);
		let signature = signed::<T>(0, &record, 1, &PatientStatement::RevokeConsent { consent: 0 });

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), record, 0, 1, valid_until::<T>(), signature);

		assert!(Consents::<T>::get(record, 0).is_some_and(|c| c.revoked_at.is_some()));
	}

	#[benchmark]
	fn record_access() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let (reader, _) = T::BenchmarkHelper::care_provider(1);
		let record = enrolled::<T>(&provider, 0);
		let hash = H256::repeat_byte(1);
		Pallet::<T>::add_entry(
			RawOrigin::Signed(provider).into(),
			record,
			ResourceType::Observation,
			hash,
			None,
		)
		.expect("the provider writes");
		let org =
			Pallet::<T>::care_provider(&reader, Role::Clinician).expect("the helper's provider");
		fill_consents::<T>(&record, org, false);
		Pallet::<T>::declare_emergency(
			RawOrigin::Signed(reader.clone()).into(),
			record,
			EmergencyReason::LifeThreatening,
		)
		.expect("a provider breaks the glass");
		// Its last read of the entry is line 0, under a consent: read, then left for a new line.
		let block = frame_system::Pallet::<T>::block_number();
		let key = (reader.clone(), AccessTarget::Entry(0), Purpose::Treatment);
		ReadMarks::<T>::insert(record, &key, AccessMark { line: 0, opened: block, last: block });

		#[extrinsic_call]
		_(RawOrigin::Signed(reader), record, AccessTarget::Entry(0), Purpose::Treatment);

		assert_eq!(PatientRecords::<T>::get(record).map(|r| r.audits), Some(3));
	}

	#[benchmark]
	fn declare_emergency() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let (reader, _) = T::BenchmarkHelper::care_provider(1);
		let record = enrolled::<T>(&provider, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(reader), record, EmergencyReason::PatientUnconscious);

		assert_eq!(PatientRecords::<T>::get(record).map(|r| r.audits), Some(1));
	}

	#[benchmark]
	fn move_key() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let record = enrolled::<T>(&provider, 0);
		let new_key = T::BenchmarkHelper::patient_key(1);
		let signature =
			signed::<T>(0, &record, 1, &PatientStatement::MoveKey { new_key: new_key.clone() });

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), record, new_key.clone(), 1, valid_until::<T>(), signature);

		assert_eq!(PatientRecords::<T>::get(record).map(|r| r.key), Some(new_key));
	}

	#[benchmark]
	fn request_key_recovery() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let record = enrolled::<T>(&provider, 0);
		let org =
			Pallet::<T>::care_provider(&provider, Role::Clinician).expect("the helper's provider");
		let proof = signed::<T>(1, &record, 1, &PatientStatement::AcceptRecovery { provider: org });

		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider),
			record,
			T::BenchmarkHelper::patient_key(1),
			valid_until::<T>(),
			proof,
		);

		assert!(Recoveries::<T>::contains_key(record));
	}

	#[benchmark]
	fn cancel_key_recovery() {
		let (provider, authority) = T::BenchmarkHelper::care_provider(0);
		let record = enrolled::<T>(&provider, 0);
		requested::<T>(&provider, &record);

		// The authority's check reads more than the provider's.
		#[extrinsic_call]
		_(RawOrigin::Signed(authority), record);

		assert!(!Recoveries::<T>::contains_key(record));
	}

	#[benchmark]
	fn refuse_key_recovery() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);
		let record = enrolled::<T>(&provider, 0);
		requested::<T>(&provider, &record);
		let signature = signed::<T>(0, &record, 1, &PatientStatement::RefuseRecovery);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), record, 1, valid_until::<T>(), signature);

		assert!(!Recoveries::<T>::contains_key(record));
	}

	#[benchmark]
	fn approve_key_recovery() {
		let (provider, authority) = T::BenchmarkHelper::care_provider(0);
		let record = enrolled::<T>(&provider, 0);
		requested::<T>(&provider, &record);
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number() + T::RecoveryDelay::get(),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), record);

		assert_eq!(
			PatientRecords::<T>::get(record).map(|r| r.key),
			Some(T::BenchmarkHelper::patient_key(1))
		);
	}

	#[benchmark]
	fn review_emergency() {
		let (provider, authority) = T::BenchmarkHelper::care_provider(0);
		let (reader, _) = T::BenchmarkHelper::care_provider(1);
		let record = enrolled::<T>(&provider, 0);
		Pallet::<T>::declare_emergency(
			RawOrigin::Signed(reader).into(),
			record,
			EmergencyReason::LifeThreatening,
		)
		.expect("a provider breaks the glass");

		// Abusive: the open access is read and removed too.
		#[extrinsic_call]
		_(RawOrigin::Signed(authority), 0, Verdict::Abusive);

		assert_eq!(Declarations::<T>::get(0).and_then(|d| d.verdict), Some(Verdict::Abusive));
	}

	#[benchmark]
	fn set_document_base() {
		let (provider, _) = T::BenchmarkHelper::care_provider(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), longest_base::<T>());

		let org =
			Pallet::<T>::care_provider(&provider, Role::Clinician).expect("the helper's provider");
		assert!(DocumentBases::<T>::contains_key(org));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
