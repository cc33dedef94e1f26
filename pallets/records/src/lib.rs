//! # Records
//!
//! Medical records access control for Healthnet: every patient has one record that follows
//! them between healthcare centres, the patient decides who may see it, and every access is
//! written where the patient can read it.
//!
//! ## Overview
//!
//! The chain holds no medical content and no identity. A record is a pseudonymous id
//! ([`record_id`] of the chain's genesis and the key it was enrolled with) and the patient's
//! public key, the key on their phone or smart card. Its entries are FHIR resource types and
//! hashes of documents kept encrypted off chain, behind the author's gatekeeper, which
//! releases a document only to a reader this pallet allows and whose access it has audited.
//!
//! A patient holds no funds and is often offline, so the patient never signs a transaction:
//! the patient's key signs a statement ([`PatientStatement`]) over a payload bound to this
//! chain, the record, a nonce and a moment of expiry ([`patient_payload`]), and any member
//! account submits it. The pallet verifies the signature; a payload signed for another chain,
//! another record, with a nonce not above the record's last, or expired, is refused.
//!
//! ## Calls
//!
//! Each call's documentation says who may make it and what it refuses; `docs/PERMISSIONS.md`
//! is the matrix the runtime's tests keep true. The bodies live by topic: `consents.rs`
//! (what the patient signs), `entries.rs` (document bases, entries, audited reads),
//! `emergencies.rs` (break-glass and its review) and `recovery.rs` (a lost key), on the rules
//! of `rules.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
mod consents;
mod emergencies;
mod entries;
#[cfg(test)]
mod mock;
mod recovery;
mod rules;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResult, ensure, traits::UnixTime};
use healthnet_primitives::{registry::Membership, Capability, OrgId, OrgRegistry, Role};
use sp_core::H256;
use sp_runtime::traits::{IdentifyAccount, Verify};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<Hash = H256> {
		/// Who is who: organisations, their capabilities and regions.
		type Registry: OrgRegistry<Self::AccountId>;

		/// The time now, for expiries and the audit trail.
		type UnixTime: UnixTime;

		/// A patient's public key, as the signature scheme identifies its signer.
		type PatientKey: Parameter + Member + MaxEncodedLen;

		/// What a patient's key signs with.
		type PatientSignature: Parameter
			+ Verify<Signer: IdentifyAccount<AccountId = Self::PatientKey>>;

		/// The longest address of an entry's document (its author's document base, `/` and the
		/// hash in hex), in bytes.
		#[pallet::constant]
		type MaxPointerLength: Get<u32>;

		/// The most entries one record may hold.
		#[pallet::constant]
		type MaxEntriesPerRecord: Get<u32>;

		/// The most consents one record may ever be granted, revoked ones included.
		#[pallet::constant]
		type MaxConsentsPerRecord: Get<u32>;

		/// The most consents one organisation may hold on one record at once; an access check
		/// reads each of them.
		#[pallet::constant]
		type MaxLiveConsentsPerGrantee: Get<u32>;

		/// For how many blocks from a read line's first block repeated reads of the same target
		/// by the same account, purpose and grant join that line instead of adding lines.
		#[pallet::constant]
		type AuditCoalescePeriod: Get<BlockNumberFor<Self>>;

		/// The most new read lines one organisation may open in one record's audit trail in a
		/// day (UTC); more reads are refused to that organisation only. Writes, emergencies and
		/// repeated reads that join a line do not count.
		#[pallet::constant]
		type MaxReadLinesPerDay: Get<u32>;

		/// How many blocks a declared emergency access lasts.
		#[pallet::constant]
		type EmergencyAccessDuration: Get<BlockNumberFor<Self>>;

		/// The most emergencies one organisation may declare in a day (UTC), all records
		/// together.
		#[pallet::constant]
		type MaxEmergenciesPerDay: Get<u32>;

		/// For how many blocks after a declaration an authority may review it.
		#[pallet::constant]
		type EmergencyReviewPeriod: Get<BlockNumberFor<Self>>;

		/// How many blocks a key recovery waits, refusable by the patient's current key,
		/// before an authority may approve it.
		#[pallet::constant]
		type RecoveryDelay: Get<BlockNumberFor<Self>>;

		/// How far ahead of the chain's time (milliseconds) a patient's statement may say it is
		/// valid: a statement held back longer is refused.
		#[pallet::constant]
		type MaxStatementValidity: Get<Moment>;

		/// Weights of the calls, generated by `scripts/bench`.
		type WeightInfo: WeightInfo;

		/// Sets up the organisations and patient keys the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<
			Self::AccountId,
			Self::PatientKey,
			Self::PatientSignature,
		>;
	}

	/// Each record, by id. Ids are hashes, but callers pick the key they derive from, so they
	/// are hashed again.
	#[pallet::storage]
	pub type PatientRecords<T: Config> = StorageMap<_, Blake2_128Concat, RecordId, RecordOf<T>>;

	/// The record each patient key holds, current or retired, so that a key is enrolled once.
	#[pallet::storage]
	pub type Keys<T: Config> = StorageMap<_, Blake2_128Concat, T::PatientKey, KeyUse>;

	/// Each record's entries, by (record, index from 0).
	#[pallet::storage]
	pub type Entries<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, RecordId, Twox64Concat, EntryIndex, EntryOf<T>>;

	/// Each record's consents, revoked ones included, by (record, id from 0).
	#[pallet::storage]
	pub type Consents<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, RecordId, Twox64Concat, ConsentId, ConsentOf<T>>;

	/// The consents each organisation holds on each record and that may still allow
	/// something; an access check reads only these. Revoked and expired ones leave it at the
	/// organisation's next grant.
	#[pallet::storage]
	pub type LiveConsents<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		RecordId,
		Twox64Concat,
		OrgId,
		BoundedVec<ConsentId, T::MaxLiveConsentsPerGrantee>,
		ValueQuery,
	>;

	/// Each record's audit trail, by (record, line from 0). Nothing ever removes a line.
	#[pallet::storage]
	pub type AuditTrail<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, RecordId, Twox64Concat, AuditIndex, AuditEntryOf<T>>;

	/// Where each account's latest read of each target of each record for each purpose is
	/// audited: one look-up for the gatekeeper, and the line repeated reads join.
	#[pallet::storage]
	pub type ReadMarks<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		RecordId,
		Blake2_128Concat,
		(T::AccountId, AccessTarget, Purpose),
		AccessMark<BlockNumberFor<T>>,
	>;

	/// How many new read lines each organisation opened in each record's trail today.
	#[pallet::storage]
	pub type ReadLines<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, RecordId, Twox64Concat, OrgId, DayCount, ValueQuery>;

	/// Each organisation's open (or last) emergency access to each record.
	#[pallet::storage]
	pub type Emergencies<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		RecordId,
		Twox64Concat,
		OrgId,
		EmergencyAccess<BlockNumberFor<T>>,
	>;

	/// Every emergency declaration, by id from 0, with its review.
	#[pallet::storage]
	pub type Declarations<T: Config> =
		StorageMap<_, Twox64Concat, DeclarationId, EmergencyDeclaration<BlockNumberFor<T>>>;

	/// The id of the next emergency declaration.
	#[pallet::storage]
	pub type NextDeclaration<T: Config> = StorageValue<_, DeclarationId, ValueQuery>;

	/// How many emergencies each organisation declared today.
	#[pallet::storage]
	pub type EmergencyDays<T: Config> = StorageMap<_, Twox64Concat, OrgId, DayCount, ValueQuery>;

	/// Each organisation's emergency declarations and their reviews, for its authority and
	/// the public.
	#[pallet::storage]
	pub type EmergencyTallies<T: Config> =
		StorageMap<_, Twox64Concat, OrgId, EmergencyTally, ValueQuery>;

	/// The key moves enrolling providers asked for, waiting for their delay and an
	/// authority's approval.
	#[pallet::storage]
	pub type Recoveries<T: Config> = StorageMap<_, Blake2_128Concat, RecordId, RecoveryOf<T>>;

	/// The address of each care provider's gatekeeper, under which its documents live.
	#[pallet::storage]
	pub type DocumentBases<T: Config> = StorageMap<_, Twox64Concat, OrgId, DocumentBase<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A care provider enrolled a patient, who accepted.
		PatientEnrolled { record: RecordId, provider: OrgId },
		/// A care provider added an entry to a record.
		EntryAdded {
			record: RecordId,
			entry: EntryIndex,
			resource_type: ResourceType,
			author: OrgId,
			supersedes: Option<EntryIndex>,
		},
		/// The patient granted an organisation a consent.
		ConsentGranted {
			record: RecordId,
			consent: ConsentId,
			grantee: OrgId,
			purpose: Purpose,
			access: Access,
		},
		/// The patient revoked a consent; it allows nothing from this block.
		ConsentRevoked { record: RecordId, consent: ConsentId, grantee: OrgId },
		/// A member of an organisation accessed a record; `audit` is the line written.
		RecordAccessed {
			record: RecordId,
			audit: AuditIndex,
			org: OrgId,
			purpose: Purpose,
			emergency: bool,
		},
		/// A care provider broke the glass: it may read the record until block `until`. The
		/// patient's app and the organisation's authority watch for it.
		EmergencyAccessDeclared {
			record: RecordId,
			org: OrgId,
			reason: EmergencyReason,
			until: BlockNumberFor<T>,
			declaration: DeclarationId,
		},
		/// An authority reviewed an emergency declaration; an abusive one ended its access.
		EmergencyReviewed {
			declaration: DeclarationId,
			record: RecordId,
			org: OrgId,
			verdict: Verdict,
			by: OrgId,
		},
		/// A care provider registered the address of its gatekeeper.
		DocumentBaseSet { org: OrgId },
		/// The patient moved the record to a new key.
		KeyMoved { record: RecordId },
		/// The enrolling provider asked to move the record to a new key; an authority may
		/// approve it from block `due`, and until then the patient's current key may refuse it.
		KeyRecoveryRequested { record: RecordId, provider: OrgId, due: BlockNumberFor<T> },
		/// A key recovery was cancelled by the provider or an authority.
		KeyRecoveryCancelled { record: RecordId, by: OrgId },
		/// The patient's current key refused a key recovery: the key was not lost.
		KeyRecoveryRefused { record: RecordId },
		/// An authority approved a key recovery: the record moved to the new key.
		KeyRecovered { record: RecordId, approved_by: OrgId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a member account of any organisation.
		NotAMember,
		/// The caller's organisation is suspended.
		OrganisationNotActive,
		/// The caller's organisation is not a care provider (no provide-care capability).
		CannotProvideCare,
		/// This key already holds a record.
		KeyAlreadyEnrolled,
		/// This key held a record that has moved to another key; it can never be used again.
		KeyRetired,
		/// The patient's signature does not verify: another key signed, or it was signed for
		/// another chain, record, nonce or statement.
		BadPatientSignature,
		/// The nonce is not above the last one the record's key signed: a replayed or
		/// outdated statement.
		StaleNonce,
		/// No record has this id.
		UnknownRecord,
		/// The record has no entry with this index.
		UnknownEntry,
		/// The record has no consent with this id.
		UnknownConsent,
		/// The consent was revoked before.
		AlreadyRevoked,
		/// The statement is no longer valid: its `valid_until` has passed.
		StatementExpired,
		/// A statement may be valid for at most the runtime's `MaxStatementValidity` ahead.
		ValidityTooLong,
		/// A document base is an `http://` or `https://` address in visible ASCII, with no
		/// query, fragment or trailing `/`, short enough for a pointer.
		BadDocumentBase,
		/// The organisation has registered no document base (`set_document_base`).
		NoDocumentBase,
		/// Only an administrator of the organisation may do this.
		NotAnAdmin,
		/// Only a member with the clinician role reads or writes records.
		NotAClinician,
		/// Only the organisation that wrote an entry may correct it.
		NotEntryAuthor,
		/// A correction must be of the same resource type as the entry it supersedes.
		SupersedesOtherType,
		/// The entry was already superseded; correct the entry that superseded it.
		AlreadySuperseded,
		/// The record holds the most entries allowed.
		TooManyEntries,
		/// The record has been granted the most consents allowed.
		TooManyConsents,
		/// The organisation holds the most live consents on the record allowed; revoke one.
		TooManyLiveConsents,
		/// The organisation has opened the most new read lines in this record's trail allowed
		/// today; repeated reads of a target it read in the last hour still join their line.
		TooManyReads,
		/// The grantee is not an organisation that may hold this consent: treatment and any
		/// write need a care provider, research an organisation that reads research data.
		GranteeNotEligible,
		/// A consent's scope must name at least one resource type, and only known ones.
		EmptyScope,
		/// A consent must expire after now.
		ExpiryInPast,
		/// The patient has granted the caller's organisation nothing, and it has no emergency
		/// access.
		NoConsent,
		/// The organisation's consents are for other purposes.
		PurposeNotConsented,
		/// The organisation's consents for this purpose do not cover this resource type.
		ScopeDoesNotCover,
		/// The organisation's consent allows reading only.
		ConsentReadOnly,
		/// The consent that would allow it was revoked.
		ConsentWasRevoked,
		/// The consent that would allow it has expired.
		ConsentExpired,
		/// Only an emergency access allows it, and an emergency access reads only: what the
		/// team writes needs a consent.
		EmergencyReadOnly,
		/// The organisation already has an open emergency access to this record.
		EmergencyAlreadyOpen,
		/// The organisation has declared the most emergencies allowed today.
		TooManyEmergencies,
		/// No emergency declaration has this id.
		UnknownDeclaration,
		/// The declaration was reviewed already.
		AlreadyReviewed,
		/// The declaration's review period is over.
		ReviewPeriodOver,
		/// Only an administrator of an active authority over the declaring organisation's
		/// region reviews its emergencies.
		NotAuthorityOverDeclarer,
		/// The key recovery's delay is not over: the patient may still refuse it.
		RecoveryNotDue,
		/// Only a member of the provider that enrolled the patient may ask for a key recovery.
		NotEnrollingProvider,
		/// Only an administrator of an active authority over the enrolling provider's region
		/// may approve a key recovery.
		NotAuthorityOverProvider,
		/// No key recovery is waiting for this record.
		NoRecoveryPending,
		/// A key recovery is already waiting for this record.
		RecoveryPending,
		/// A record's counter reached its limit.
		IdsExhausted,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Enrols the patient whose key is `key`, with the patient's signature over
		/// [`PatientStatement::AcceptEnrolment`] naming the caller's organisation, for the
		/// record [`record_id`] gives, nonce 0 and `valid_until`. The organisation receives
		/// consent 0: treatment, every entry, read and write, until the patient revokes it.
		/// Caller: a member of an active care provider.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::enrol_patient())]
		pub fn enrol_patient(
			origin: OriginFor<T>,
			key: T::PatientKey,
			valid_until: Moment,
			signature: T::PatientSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let provider = Self::care_provider(&who, Role::Clinician)?;
			Self::ensure_unused(&key)?;
			let record = record_id(&Self::genesis(), &key);
			let statement = PatientStatement::AcceptEnrolment { provider };
			Self::verify_patient(&key, &record, 0, valid_until, &statement, &signature)?;
			Self::create_record(record, key, provider)?;
			Self::deposit_event(Event::PatientEnrolled { record, provider });
			Ok(())
		}

		/// Adds an entry to a record: the resource type, the hash of the encrypted document
		/// (which lives at the caller's organisation's document base), and the entry it corrects
		/// if any (entries are never deleted; only their author corrects them). Caller: a member
		/// of an active care provider whose consent allows writing that resource type for
		/// treatment; an emergency access does not. The write is audited.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::add_entry())]
		pub fn add_entry(
			origin: OriginFor<T>,
			record: RecordId,
			resource_type: ResourceType,
			content_hash: H256,
			supersedes: Option<EntryIndex>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::write_entry(who, record, resource_type, content_hash, supersedes)
		}

		/// Grants a consent the patient signed ([`PatientStatement::GrantConsent`]) with a nonce
		/// above the record's last, valid until `valid_until`. Caller: any member account,
		/// which relays it.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::grant_consent())]
		pub fn grant_consent(
			origin: OriginFor<T>,
			record: RecordId,
			terms: ConsentTerms,
			nonce: u64,
			valid_until: Moment,
			signature: T::PatientSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::grant(who, record, terms, nonce, valid_until, signature)
		}

		/// Revokes a consent of the record, with the patient's signature over
		/// [`PatientStatement::RevokeConsent`]; from this block it allows nothing. Caller: any
		/// member account, which relays it.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::revoke_consent())]
		pub fn revoke_consent(
			origin: OriginFor<T>,
			record: RecordId,
			consent: ConsentId,
			nonce: u64,
			valid_until: Moment,
			signature: T::PatientSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::revoke(who, record, consent, nonce, valid_until, signature)
		}

		/// Records that the caller reads `target` of the record for `purpose`, if the
		/// patient's consent or the organisation's emergency access allows it at this block,
		/// and audits it: a new line, or, when the caller read the same target for the same
		/// purpose under the same grant within [`Config::AuditCoalescePeriod`] blocks of that
		/// line's first block, one more on that line. A refused access fails with the reason
		/// and writes nothing. Caller: a member of an active organisation.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::record_access())]
		pub fn record_access(
			origin: OriginFor<T>,
			record: RecordId,
			target: AccessTarget,
			purpose: Purpose,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::read_entry(who, record, target, purpose)
		}

		/// Declares emergency (break-glass) access to a record for the caller's organisation:
		/// for [`Config::EmergencyAccessDuration`] blocks it may read the record for treatment
		/// without consent (not write). One open emergency per organisation and record, at most
		/// [`Config::MaxEmergenciesPerDay`] a day per organisation. The declaration is a line
		/// of the audit trail, flagged, waits for its authority's review and counts in the
		/// organisation's public tally. Caller: a member of an active care provider.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::declare_emergency())]
		pub fn declare_emergency(
			origin: OriginFor<T>,
			record: RecordId,
			reason: EmergencyReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::declare(who, record, reason)
		}

		/// Moves the record to `new_key`, with the current key's signature over
		/// [`PatientStatement::MoveKey`]; the old key is retired for good. Caller: any member
		/// account, which relays it.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::move_key())]
		pub fn move_key(
			origin: OriginFor<T>,
			record: RecordId,
			new_key: T::PatientKey,
			nonce: u64,
			valid_until: Moment,
			signature: T::PatientSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::move_to(who, record, new_key, nonce, valid_until, signature)
		}

		/// Asks to move a record whose patient lost their key to `new_key`, which proves it is
		/// held: its signature over [`PatientStatement::AcceptRecovery`] naming the caller's
		/// organisation, with the record's next nonce, valid until `valid_until`. For
		/// [`Config::RecoveryDelay`] blocks the patient's current key may refuse it
		/// ([`Pallet::refuse_key_recovery`]); then an authority may approve it. Caller: a
		/// member of the active care provider that enrolled the patient.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::request_key_recovery())]
		pub fn request_key_recovery(
			origin: OriginFor<T>,
			record: RecordId,
			new_key: T::PatientKey,
			valid_until: Moment,
			proof: T::PatientSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::request_recovery(who, record, new_key, valid_until, proof)
		}

		/// Withdraws a waiting key recovery. Caller: a member of the enrolling provider, or of
		/// an authority over its region.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::cancel_key_recovery())]
		pub fn cancel_key_recovery(origin: OriginFor<T>, record: RecordId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::cancel_recovery(who, record)
		}

		/// Approves a waiting key recovery whose delay is over: the record moves to the new
		/// key and the old one is retired. Caller: an administrator of an active authority
		/// whose region contains the enrolling provider's.
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::approve_key_recovery())]
		pub fn approve_key_recovery(origin: OriginFor<T>, record: RecordId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::approve_recovery(who, record)
		}

		/// Refuses the key recovery waiting for the record, with the current key's signature
		/// over [`PatientStatement::RefuseRecovery`]: the patient still holds the key. It also
		/// raises the record's nonce, so the new key's proof cannot be used again. Caller: any
		/// member account, which relays it.
		#[pallet::call_index(10)]
		#[pallet::weight(<T as Config>::WeightInfo::refuse_key_recovery())]
		pub fn refuse_key_recovery(
			origin: OriginFor<T>,
			record: RecordId,
			nonce: u64,
			valid_until: Moment,
			signature: T::PatientSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::refuse_recovery(who, record, nonce, valid_until, signature)
		}

		/// Reviews an emergency declaration: justified, or abusive, which ends its access if
		/// still open and counts against the organisation. Within
		/// [`Config::EmergencyReviewPeriod`] blocks of the declaration, once. Caller: an
		/// administrator of an active authority whose region contains the declaring
		/// organisation's.
		#[pallet::call_index(11)]
		#[pallet::weight(<T as Config>::WeightInfo::review_emergency())]
		pub fn review_emergency(
			origin: OriginFor<T>,
			declaration: DeclarationId,
			verdict: Verdict,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::review(who, declaration, verdict)
		}

		/// Registers `base` as the address of the caller's organisation's gatekeeper: every
		/// entry it writes points to `base/` and the document's hash, and moves with the base
		/// when it changes. Caller: an administrator of an active care provider.
		#[pallet::call_index(12)]
		#[pallet::weight(<T as Config>::WeightInfo::set_document_base())]
		pub fn set_document_base(origin: OriginFor<T>, base: DocumentBase<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::register_base(who, base)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Whether `reader` may access `resource_type` entries of `record` for `purpose` now,
		/// and the consent or emergency access that decides it.
		pub fn can_access(
			reader: T::AccountId,
			record: RecordId,
			resource_type: ResourceType,
			purpose: Purpose,
		) -> AccessDecision<BlockNumberFor<T>> {
			Self::access_decision(reader, record, resource_type, purpose)
		}

		/// A record's key, enrolling provider and counts.
		pub fn record(record: RecordId) -> Option<RecordOf<T>> {
			PatientRecords::<T>::get(record)
		}

		/// The record a patient key holds, current or retired.
		pub fn record_of_key(key: T::PatientKey) -> Option<RecordId> {
			Keys::<T>::get(key).map(|used| used.record)
		}

		/// Up to `limit` (at most [`MAX_PAGE`]) entries of a record from index `from`.
		pub fn entries(
			record: RecordId,
			from: EntryIndex,
			limit: u32,
		) -> Vec<EntryView<BlockNumberFor<T>>> {
			Self::entries_page(record, from, limit)
		}

		/// Up to [`MAX_PAGE`] consents of a record from id `from`, revoked ones included.
		pub fn consents(record: RecordId, from: ConsentId) -> Vec<ConsentView<BlockNumberFor<T>>> {
			Self::consents_page(record, from)
		}

		/// Up to `limit` (at most [`MAX_PAGE`]) lines of a record's audit trail from `from`.
		pub fn audit_trail(record: RecordId, from: AuditIndex, limit: u32) -> Vec<AuditEntryOf<T>> {
			Self::audit_page(record, from, limit)
		}

		/// An organisation's emergency declarations: made, found justified, found abusive.
		pub fn emergency_accesses(org: OrgId) -> EmergencyTally {
			EmergencyTallies::<T>::get(org)
		}

		/// One emergency declaration, with its review.
		pub fn emergency_declaration(
			id: DeclarationId,
		) -> Option<EmergencyDeclaration<BlockNumberFor<T>>> {
			Declarations::<T>::get(id)
		}

		/// Where the audit trail holds `reader`'s latest access to `target` of `record` for
		/// `purpose`.
		pub fn audited_access(
			record: RecordId,
			reader: T::AccountId,
			target: AccessTarget,
			purpose: Purpose,
		) -> Option<AccessMark<BlockNumberFor<T>>> {
			ReadMarks::<T>::get(record, (reader, target, purpose))
		}

		/// The key recovery waiting for `record`.
		pub fn pending_recovery(
			record: RecordId,
		) -> Option<RecoveryView<T::PatientKey, BlockNumberFor<T>>> {
			Recoveries::<T>::get(record).map(|r| RecoveryView {
				new_key: r.new_key,
				requested_at: r.requested_at,
				due: r.due,
			})
		}
	}
}
