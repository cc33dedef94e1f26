//! What the records pallet, its runtime API, the node's `healthnet_*` RPC, the gatekeeper and
//! the client share: record, entry and consent ids, FHIR resource types, HL7 purposes of use,
//! consent terms, the statements a patient signs offline and the exact bytes they sign, and
//! the answers of the records runtime API.
//!
//! Nothing here holds medical content or identity: a record is a pseudonymous id and the
//! patient's public key, an entry is a resource type, a content hash and an opaque pointer.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;

use crate::OrgId;

mod access;
mod oversight;
pub use access::*;
pub use oversight::*;

/// A medical record's id: [`record_id`] of the chain and the key it was enrolled with. It
/// stays the record's id when the patient moves to another key.
pub type RecordId = H256;

/// Numbers the entries of one record, from 0 in the order they were added.
pub type EntryIndex = u32;

/// Numbers the consents of one record, from 0 in the order they were granted. The consent the
/// enrolment gives the enrolling provider is 0.
pub type ConsentId = u32;

/// Numbers the audit trail of one record, from 0.
pub type AuditIndex = u32;

/// Milliseconds since 1970-01-01 (UTC), the chain's clock.
pub type Moment = u64;

/// What a patient's key signs first: Healthnet's records, payload layout v2 (with validity).
pub const PATIENT_PAYLOAD_TAG: &[u8] = b"healthnet/records/patient/v2";

pub use crate::MAX_PAGE;

/// The id of the record enrolled with `key` on the chain whose genesis block is `genesis`: a
/// hash of the two, so that it says nothing about the person and nothing outside this chain.
/// A patient's device computes it offline.
pub fn record_id<Key: Encode>(genesis: &H256, key: &Key) -> RecordId {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&(
		b"healthnet/records/id",
		genesis,
		key,
	))
}

/// The bytes a patient's key signs for `statement` about `record` on the chain whose genesis
/// block is `genesis`: the tag, then the genesis hash, record id, nonce, `valid_until` (ms since
/// 1970-01-01) and statement, SCALE-encoded: good on this chain, for this record, once, and
/// until then.
pub fn patient_payload<Key: Encode>(
	genesis: &H256,
	record: &RecordId,
	nonce: u64,
	valid_until: Moment,
	statement: &PatientStatement<Key>,
) -> Vec<u8> {
	let mut payload = PATIENT_PAYLOAD_TAG.to_vec();
	(genesis, record, nonce, valid_until, statement).encode_to(&mut payload);
	payload
}

/// A kind of FHIR R4 resource an entry holds. A closed list: the resources a patient's record
/// is made of.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum ResourceType {
	/// A measurement or finding: a vital sign, a laboratory result.
	Observation,
	/// A diagnosis or problem.
	Condition,
	/// A vaccination given.
	Immunization,
	/// The report of a laboratory or imaging study.
	DiagnosticReport,
	/// A medication the patient takes or took.
	MedicationStatement,
	/// A surgery or other procedure performed.
	Procedure,
	/// A visit or admission.
	Encounter,
	/// Any other document: a discharge letter, a scan.
	DocumentReference,
	/// An allergy or intolerance.
	AllergyIntolerance,
}

impl ResourceType {
	/// Every resource type, in the order of their bits in [`ResourceTypes`].
	pub const ALL: [ResourceType; 9] = [
		ResourceType::Observation,
		ResourceType::Condition,
		ResourceType::Immunization,
		ResourceType::DiagnosticReport,
		ResourceType::MedicationStatement,
		ResourceType::Procedure,
		ResourceType::Encounter,
		ResourceType::DocumentReference,
		ResourceType::AllergyIntolerance,
	];

	/// The resource's name in FHIR (`Observation`).
	pub fn name(&self) -> &'static str {
		match self {
			ResourceType::Observation => "Observation",
			ResourceType::Condition => "Condition",
			ResourceType::Immunization => "Immunization",
			ResourceType::DiagnosticReport => "DiagnosticReport",
			ResourceType::MedicationStatement => "MedicationStatement",
			ResourceType::Procedure => "Procedure",
			ResourceType::Encounter => "Encounter",
			ResourceType::DocumentReference => "DocumentReference",
			ResourceType::AllergyIntolerance => "AllergyIntolerance",
		}
	}

	/// The resource type FHIR calls `name`.
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|t| t.name() == name)
	}
}

/// A set of [`ResourceType`], stored as bits.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct ResourceTypes(pub u16);

impl ResourceTypes {
	/// The set of the given types.
	pub fn of(types: &[ResourceType]) -> Self {
		Self(types.iter().fold(0, |bits, t| bits | 1 << *t as u16))
	}

	/// Whether the set holds `t`.
	pub fn has(&self, t: ResourceType) -> bool {
		self.0 & 1 << t as u16 != 0
	}

	/// Whether the set is empty or holds a bit that is no resource type.
	pub fn is_well_formed(&self) -> bool {
		self.0 != 0 && self.0 & !Self::of(&ResourceType::ALL).0 == 0
	}
}

/// Which of a record's entries a consent opens.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Scope {
	/// Every entry, of every resource type.
	All,
	/// The entries of these resource types only.
	Only(ResourceTypes),
}

impl Scope {
	/// Whether the scope opens entries of type `t`.
	pub fn covers(&self, t: ResourceType) -> bool {
		match self {
			Scope::All => true,
			Scope::Only(types) => types.has(t),
		}
	}
}

/// Why a record is read: HL7's purpose of use (`TREAT`, `ETREAT`, `PUBHLTH`, `HRESCH`).
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Purpose {
	/// Treatment of the patient (`TREAT`).
	Treatment,
	/// Emergency treatment (`ETREAT`).
	EmergencyTreatment,
	/// Public health (`PUBHLTH`).
	PublicHealth,
	/// Research (`HRESCH`).
	Research,
}

/// Whether a grantee may only read entries, or also add them.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Access {
	/// Read entries.
	Read,
	/// Read entries and add them.
	ReadWrite,
}

/// What a patient grants an organisation.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct ConsentTerms {
	/// The organisation whose member accounts may access the record.
	pub grantee: OrgId,
	/// The entries it opens.
	pub scope: Scope,
	/// The one purpose it allows.
	pub purpose: Purpose,
	/// Read, or read and write.
	pub access: Access,
	/// When it ends (milliseconds since 1970-01-01), or `None` until revoked.
	pub expires: Option<Moment>,
}

/// Why a provider broke the glass: a closed list, so that no free text reaches the chain.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum EmergencyReason {
	/// The patient is unconscious.
	PatientUnconscious,
	/// The patient's life is at risk and there is no time to ask.
	LifeThreatening,
	/// The patient cannot communicate or decide.
	PatientCannotConsent,
}

/// What a patient's key signs: one statement about the record, which any member account
/// then submits.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum PatientStatement<Key> {
	/// The patient accepts to be enrolled by `provider`, which receives consent 0: treatment,
	/// every entry, read and write, until revoked.
	AcceptEnrolment {
		/// The enrolling organisation.
		provider: OrgId,
	},
	/// The patient grants a consent.
	GrantConsent(ConsentTerms),
	/// The patient revokes one of the record's consents.
	RevokeConsent {
		/// The consent.
		consent: ConsentId,
	},
	/// The patient moves the record to another key (a new phone or card); the old key
	/// loses every power over it.
	MoveKey {
		/// The new key.
		new_key: Key,
	},
	/// Signed by the *new* key of a key recovery, with the record's next nonce: proof that
	/// the enrolling `provider` asks to move the record to a key that someone (the patient,
	/// with a new phone or card) really holds.
	AcceptRecovery {
		/// The enrolling provider that asks.
		provider: OrgId,
	},
	/// The patient, with the record's current key, refuses the key recovery waiting for it:
	/// the key was not lost.
	RefuseRecovery,
}

/// What an audit entry records being done.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum AuditAction {
	/// Read one entry.
	ReadEntry(EntryIndex),
	/// Read the entries of one resource type.
	ReadType(ResourceType),
	/// Added an entry.
	AddedEntry(EntryIndex),
	/// Declared emergency access.
	DeclaredEmergency(EmergencyReason),
}

/// One line of a record's audit trail. Repeated reads of the same target by the same account
/// for the same purpose under the same grant, within the runtime's coalescing period from the
/// line's first block, are this one line: `count` says how many, `last_block` when the last was.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct AuditEntry<AccountId, BlockNumber> {
	/// The organisation that acted.
	pub org: OrgId,
	/// The member account that signed.
	pub account: AccountId,
	/// What it did.
	pub action: AuditAction,
	/// Why.
	pub purpose: Purpose,
	/// What allowed it; an emergency grant flags a break-glass access.
	pub grant: Grant<BlockNumber>,
	/// The block that included it (the first, for a line that counts several reads).
	pub block: BlockNumber,
	/// The chain's time then, in milliseconds since 1970-01-01.
	pub at: Moment,
	/// How many accesses the line stands for: 1, or more for repeated reads.
	pub count: u32,
	/// The block of the last access the line stands for.
	pub last_block: BlockNumber,
}

/// What the chain holds of a record.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct RecordInfo<Key, BlockNumber> {
	/// The patient's current key, which signs every statement about the record.
	pub key: Key,
	/// The organisation that enrolled the patient.
	pub enrolled_by: OrgId,
	/// The block of the enrolment.
	pub enrolled_at: BlockNumber,
	/// The nonce of the last statement the patient signed; the next must be higher.
	pub nonce: u64,
	/// How many entries it has.
	pub entries: u32,
	/// How many consents were granted, revoked ones included.
	pub consents: u32,
	/// How many lines its audit trail has.
	pub audits: u32,
}

/// One entry of a record: what it is and where it lives, never what it says.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct EntryView<BlockNumber> {
	/// Its index in the record.
	pub index: EntryIndex,
	/// The FHIR resource it holds.
	pub resource_type: ResourceType,
	/// The BLAKE2b-256 hash of the encrypted document.
	pub content_hash: H256,
	/// Where the encrypted document lives (a gatekeeper address ending in its hash); a
	/// string in JSON.
	#[serde(with = "ascii")]
	pub pointer: Vec<u8>,
	/// The organisation that wrote it.
	pub author: OrgId,
	/// The block that included it.
	pub block: BlockNumber,
	/// The chain's time then.
	pub at: Moment,
	/// The entry it corrects, if any.
	pub supersedes: Option<EntryIndex>,
	/// The entry that corrects it, if any.
	pub superseded_by: Option<EntryIndex>,
}

/// One consent of a record, as the patient and the grantee see it.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct ConsentView<BlockNumber> {
	/// Its id in the record.
	pub id: ConsentId,
	/// What it grants.
	pub terms: ConsentTerms,
	/// The block that included the grant.
	pub granted_at: BlockNumber,
	/// The block that included its revocation, if any.
	pub revoked_at: Option<BlockNumber>,
}

/// Serialises an entry's pointer, visible ASCII by the pallet's rule, as a JSON string.
mod ascii {
	use alloc::{string::String, vec::Vec};
	use serde::{Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes))
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
		Ok(String::deserialize(deserializer)?.into_bytes())
	}
}

sp_api::decl_runtime_apis! {
	/// What apps and the gatekeeper read of medical records. The patient's key has the form of
	/// an account: an sr25519 or ed25519 public key, or the hash of an ECDSA one.
	pub trait RecordsApi<AccountId, BlockNumber> where
		AccountId: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// Whether `reader` may access `resource_type` entries of `record` for `purpose` at
		/// this block, and what decides it.
		fn can_access(reader: AccountId, record: RecordId, resource_type: ResourceType, purpose: Purpose) -> AccessDecision<BlockNumber>;
		/// A record's key, enrolling provider and counts.
		fn record(record: RecordId) -> Option<RecordInfo<AccountId, BlockNumber>>;
		/// The record a key holds, current or retired.
		fn record_of_key(key: AccountId) -> Option<RecordId>;
		/// Up to `limit` (at most [`MAX_PAGE`]) entries of a record from index `from`.
		fn entries(record: RecordId, from: EntryIndex, limit: u32) -> Vec<EntryView<BlockNumber>>;
		/// Up to [`MAX_PAGE`] consents of a record from id `from`, revoked ones included.
		fn consents(record: RecordId, from: ConsentId) -> Vec<ConsentView<BlockNumber>>;
		/// Up to `limit` (at most [`MAX_PAGE`]) lines of a record's audit trail from `from`.
		fn audit_trail(record: RecordId, from: AuditIndex, limit: u32) -> Vec<AuditEntry<AccountId, BlockNumber>>;
		/// An organisation's emergency declarations: made, found justified, found abusive.
		fn emergency_accesses(org: OrgId) -> EmergencyTally;
		/// One emergency declaration, with its review.
		fn emergency_declaration(id: DeclarationId) -> Option<EmergencyDeclaration<BlockNumber>>;
		/// Where the audit trail holds `reader`'s latest access to `target` of `record` for
		/// `purpose`, if it has one: the gatekeeper's check, whatever the trail's length.
		fn audited_access(record: RecordId, reader: AccountId, target: AccessTarget, purpose: Purpose) -> Option<AccessMark<BlockNumber>>;
		/// The key recovery waiting for `record`, if any.
		fn pending_recovery(record: RecordId) -> Option<RecoveryView<AccountId, BlockNumber>>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn resource_types_are_a_set_and_scopes_cover_them() {
		let set = ResourceTypes::of(&[ResourceType::Observation, ResourceType::Immunization]);
		assert!(set.has(ResourceType::Immunization));
		assert!(!set.has(ResourceType::Condition));
		assert!(set.is_well_formed());
		assert!(!ResourceTypes(0).is_well_formed());
		assert!(!ResourceTypes(1 << 12).is_well_formed());
		assert!(Scope::Only(set).covers(ResourceType::Observation));
		assert!(!Scope::Only(set).covers(ResourceType::Procedure));
		assert!(Scope::All.covers(ResourceType::Procedure));
		for t in ResourceType::ALL {
			assert_eq!(ResourceType::from_name(t.name()), Some(t));
		}
	}

	#[test]
	fn a_payload_is_bound_to_its_chain_record_nonce_and_validity() {
		let genesis = H256::repeat_byte(1);
		let record = record_id(&genesis, &[7u8; 32]);
		assert_ne!(record, record_id(&H256::repeat_byte(2), &[7u8; 32]));
		let statement = PatientStatement::<[u8; 32]>::RevokeConsent { consent: 3 };
		let payload = patient_payload(&genesis, &record, 5, 1_000, &statement);
		assert!(payload.starts_with(PATIENT_PAYLOAD_TAG));
		assert_ne!(payload, patient_payload(&H256::repeat_byte(2), &record, 5, 1_000, &statement));
		assert_ne!(payload, patient_payload(&genesis, &H256::zero(), 5, 1_000, &statement));
		assert_ne!(payload, patient_payload(&genesis, &record, 6, 1_000, &statement));
		assert_ne!(payload, patient_payload(&genesis, &record, 5, 1_001, &statement));
	}
}
