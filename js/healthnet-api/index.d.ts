// Types of @healthnet/api, written by hand: the package's exports, the codecs its registered
// types decode into, and `api.rpc.healthnet.*` with each method's parameters and answer.
// Importing the package (even `import type`) adds the methods to ApiPromise's `api.rpc` and
// the types to `api.createType`.

import '@polkadot/api/augment';
import '@polkadot/rpc-core/types/jsonrpc';

import type { ApiOptions } from '@polkadot/api/types';
import type { AugmentedRpc } from '@polkadot/rpc-core/types';
import { Enum, Text } from '@polkadot/types-codec';
import type { Bytes, Option, Struct, U8aFixed, Vec, bool, i64, u8, u16, u32, u64 } from '@polkadot/types-codec';
import type { AnyNumber, ITuple, Registry } from '@polkadot/types-codec/types';
import type { ExtDef } from '@polkadot/types/extrinsic/signedExtensions/types';
import type { BlockHash } from '@polkadot/types/interfaces/chain';
import type { AccountId, H256 } from '@polkadot/types/interfaces/runtime';
import type { DefinitionRpc, Observable, RegistryTypes } from '@polkadot/types/types';

// What a parameter takes, besides its codec.
type AnyU8 = u8 | AnyNumber | Uint8Array;
type AnyU32 = u32 | AnyNumber | Uint8Array;
type AnyU64 = u64 | AnyNumber | Uint8Array;
type AnyText = Text | string;
type AnyAccount = AccountId | string | Uint8Array;
type AnyHash = H256 | string | Uint8Array;
type At = BlockHash | string | Uint8Array | null;
type MaybeU32 = Option<u32> | AnyU32 | null;

/** Text whose string is the text itself, even when it looks like hex. */
export declare class HealthnetText extends Text {}

// ---- surveillance ----

export interface HealthnetCounts extends Struct {
	readonly suspected: u32;
	readonly confirmed: u32;
	readonly deaths: u32;
	readonly recovered: u32;
	readonly hospitalised: u32;
	readonly testsPerformed: u32;
	readonly testsPositive: u32;
}

export interface HealthnetTotals extends Struct {
	readonly suspected: u64;
	readonly confirmed: u64;
	readonly deaths: u64;
	readonly recovered: u64;
	readonly hospitalised: u64;
	readonly testsPerformed: u64;
	readonly testsPositive: u64;
	readonly reports: u32;
}

export interface HealthnetPeriodTotals extends Struct {
	readonly period: u32;
	readonly totals: HealthnetTotals;
}

export interface HealthnetLineageCases extends Struct {
	readonly lineage: Text;
	readonly confirmed: u64;
}

export interface HealthnetLineagePeriod extends Struct {
	readonly period: u32;
	readonly lineages: Vec<HealthnetLineageCases>;
	readonly others: u64;
}

export interface HealthnetCompletenessReport extends Struct {
	readonly expected: u32;
	readonly reported: u32;
	readonly onTime: u32;
	readonly missing: Vec<u32>;
	readonly late: Vec<u32>;
}

export interface HealthnetRejectionReason extends Enum {
	readonly isIncompleteCounts: boolean;
	readonly isImplausibleCounts: boolean;
	readonly isWrongDisease: boolean;
	readonly isWrongPeriod: boolean;
	readonly isDuplicate: boolean;
	readonly type:
		| 'IncompleteCounts'
		| 'ImplausibleCounts'
		| 'WrongDisease'
		| 'WrongPeriod'
		| 'Duplicate';
}

export interface HealthnetVoidReason extends Enum {
	readonly isDuplicate: boolean;
	readonly isFraudulent: boolean;
	readonly isWrongFacility: boolean;
	readonly isEnteredInError: boolean;
	readonly type: 'Duplicate' | 'Fraudulent' | 'WrongFacility' | 'EnteredInError';
}

export interface HealthnetReportStatus extends Enum {
	readonly isPending: boolean;
	readonly isApproved: boolean;
	readonly isRejected: boolean;
	readonly asRejected: HealthnetRejectionReason;
	readonly isVoided: boolean;
	readonly asVoided: HealthnetVoidReason;
	readonly type: 'Pending' | 'Approved' | 'Rejected' | 'Voided';
}

export interface HealthnetReport extends Struct {
	readonly version: u32;
	readonly status: HealthnetReportStatus;
	readonly submittedAt: u32;
	readonly onTime: bool;
	readonly reopened: u32;
	readonly cluster: Option<u32>;
}

export interface HealthnetReportVersion extends Struct {
	readonly counts: HealthnetCounts;
	/** Confirmed cases per lineage; the name's bytes read with `.toUtf8()`. */
	readonly variants: Vec<ITuple<[Bytes, u32]>>;
	readonly submittedBy: AccountId;
	readonly relayedBy: Option<AccountId>;
	readonly at: u32;
}

export interface HealthnetReportHistory extends Struct {
	readonly report: HealthnetReport;
	readonly versions: Vec<HealthnetReportVersion>;
}

export interface HealthnetAlertView extends Struct {
	readonly region: Text;
	readonly disease: Text;
	readonly lineage: Option<Text>;
	readonly period: u32;
	readonly confirmed: u64;
	readonly threshold: u32;
}

/** (region, disease, lineage, period): where an alert stands in a region's list. */
export type HealthnetAlertCursor = ITuple<[Text, Text, Option<Text>, u32]>;

export interface HealthnetAlertPage extends Struct {
	readonly items: Vec<HealthnetAlertView>;
	readonly next: Option<HealthnetAlertCursor>;
}

export interface HealthnetIdPage extends Struct {
	readonly items: Vec<u32>;
	readonly next: Option<u32>;
}

// ---- records ----

export interface HealthnetResourceType extends Enum {
	readonly isObservation: boolean;
	readonly isCondition: boolean;
	readonly isImmunization: boolean;
	readonly isDiagnosticReport: boolean;
	readonly isMedicationStatement: boolean;
	readonly isProcedure: boolean;
	readonly isEncounter: boolean;
	readonly isDocumentReference: boolean;
	readonly isAllergyIntolerance: boolean;
	readonly type: ResourceTypeName;
}

export type ResourceTypeName =
	| 'Observation'
	| 'Condition'
	| 'Immunization'
	| 'DiagnosticReport'
	| 'MedicationStatement'
	| 'Procedure'
	| 'Encounter'
	| 'DocumentReference'
	| 'AllergyIntolerance';

export type PurposeName = 'Treatment' | 'EmergencyTreatment' | 'PublicHealth' | 'Research';

export interface HealthnetPurpose extends Enum {
	readonly isTreatment: boolean;
	readonly isEmergencyTreatment: boolean;
	readonly isPublicHealth: boolean;
	readonly isResearch: boolean;
	readonly type: PurposeName;
}

/** What a read names: one entry, or the entries of one resource type. */
export declare class HealthnetAccessTarget extends Enum {
	readonly isEntry: boolean;
	readonly asEntry: u32;
	readonly isType: boolean;
	readonly asType: HealthnetResourceType;
	get type(): 'Entry' | 'Type';
	/** `{ Entry: n }` or `{ Type: name }`, as the node reads it. */
	toJSON(): { Entry: number } | { Type: ResourceTypeName };
}

export interface HealthnetGrant extends Enum {
	readonly isConsent: boolean;
	readonly asConsent: u32;
	readonly isEmergency: boolean;
	readonly asEmergency: { readonly until: u32 } & Struct;
	readonly type: 'Consent' | 'Emergency';
}

export interface HealthnetRefusal extends Enum {
	readonly isNotAMember: boolean;
	readonly isUnknownRecord: boolean;
	readonly isNoConsent: boolean;
	readonly isPurposeNotConsented: boolean;
	readonly isScopeDoesNotCover: boolean;
	readonly isConsentReadOnly: boolean;
	readonly isConsentWasRevoked: boolean;
	readonly isConsentExpired: boolean;
	readonly isEmergencyReadOnly: boolean;
	readonly isNotAClinician: boolean;
	readonly type:
		| 'NotAMember'
		| 'UnknownRecord'
		| 'NoConsent'
		| 'PurposeNotConsented'
		| 'ScopeDoesNotCover'
		| 'ConsentReadOnly'
		| 'ConsentWasRevoked'
		| 'ConsentExpired'
		| 'EmergencyReadOnly'
		| 'NotAClinician';
}

export interface HealthnetAccessDecision extends Enum {
	readonly isAllowed: boolean;
	readonly asAllowed: HealthnetGrant;
	readonly isRefused: boolean;
	readonly asRefused: HealthnetRefusal;
	readonly type: 'Allowed' | 'Refused';
}

export interface HealthnetRecordInfo extends Struct {
	readonly key: AccountId;
	readonly enrolledBy: u32;
	readonly enrolledAt: u32;
	readonly nonce: u64;
	/** The node's `entries`: how many entries the record has. */
	readonly entries_: u32;
	readonly consents: u32;
	readonly audits: u32;
}

export interface HealthnetEntryView extends Struct {
	readonly index: u32;
	readonly resourceType: HealthnetResourceType;
	readonly contentHash: H256;
	readonly pointer: Text;
	readonly author: u32;
	readonly block: u32;
	readonly at: u64;
	readonly supersedes: Option<u32>;
	readonly supersededBy: Option<u32>;
}

export interface HealthnetScope extends Enum {
	readonly isAll: boolean;
	readonly isOnly: boolean;
	/** A set of resource types as bits, in the order of HealthnetResourceType. */
	readonly asOnly: u16;
	readonly type: 'All' | 'Only';
}

export interface HealthnetAccess extends Enum {
	readonly isRead: boolean;
	readonly isReadWrite: boolean;
	readonly type: 'Read' | 'ReadWrite';
}

export interface HealthnetConsentTerms extends Struct {
	readonly grantee: u32;
	readonly scope: HealthnetScope;
	readonly purpose: HealthnetPurpose;
	readonly access: HealthnetAccess;
	readonly expires: Option<u64>;
}

export interface HealthnetConsentView extends Struct {
	readonly id: u32;
	readonly terms: HealthnetConsentTerms;
	readonly grantedAt: u32;
	readonly revokedAt: Option<u32>;
}

export interface HealthnetEmergencyReason extends Enum {
	readonly isPatientUnconscious: boolean;
	readonly isLifeThreatening: boolean;
	readonly isPatientCannotConsent: boolean;
	readonly type: 'PatientUnconscious' | 'LifeThreatening' | 'PatientCannotConsent';
}

export interface HealthnetAuditAction extends Enum {
	readonly isReadEntry: boolean;
	readonly asReadEntry: u32;
	readonly isReadType: boolean;
	readonly asReadType: HealthnetResourceType;
	readonly isAddedEntry: boolean;
	readonly asAddedEntry: u32;
	readonly isDeclaredEmergency: boolean;
	readonly asDeclaredEmergency: HealthnetEmergencyReason;
	readonly type: 'ReadEntry' | 'ReadType' | 'AddedEntry' | 'DeclaredEmergency';
}

export interface HealthnetAuditEntry extends Struct {
	readonly org: u32;
	readonly account: AccountId;
	readonly action: HealthnetAuditAction;
	readonly purpose: HealthnetPurpose;
	readonly grant: HealthnetGrant;
	readonly block: u32;
	readonly at: u64;
	readonly count: u32;
	readonly lastBlock: u32;
}

export interface HealthnetEmergencyTally extends Struct {
	readonly declared: u32;
	readonly justified: u32;
	readonly abusive: u32;
}

export interface HealthnetEmergencyVerdict extends Enum {
	readonly isJustified: boolean;
	readonly isAbusive: boolean;
	readonly type: 'Justified' | 'Abusive';
}

export interface HealthnetEmergencyDeclaration extends Struct {
	readonly record: H256;
	readonly org: u32;
	readonly reason: HealthnetEmergencyReason;
	readonly declaredAt: u32;
	readonly until: u32;
	readonly verdict: Option<HealthnetEmergencyVerdict>;
}

export interface HealthnetAccessMark extends Struct {
	readonly line: u32;
	readonly opened: u32;
	readonly last: u32;
}

export interface HealthnetRecoveryView extends Struct {
	readonly newKey: AccountId;
	readonly requestedAt: u32;
	readonly due: u32;
}

// ---- supply ----

export interface HealthnetRecallReason extends Enum {
	readonly isQualityDefect: boolean;
	readonly isContamination: boolean;
	readonly isMislabelled: boolean;
	readonly isSafetySignal: boolean;
	readonly isRegulatoryAction: boolean;
	readonly type:
		| 'QualityDefect'
		| 'Contamination'
		| 'Mislabelled'
		| 'SafetySignal'
		| 'RegulatoryAction';
}

export interface HealthnetLotTotals extends Struct {
	readonly produced: u64;
	readonly held: u64;
	readonly inTransit: u64;
	readonly used: u64;
	readonly wasted: u64;
}

export interface HealthnetStockFigures extends Struct {
	readonly available: u64;
	readonly quarantined: u64;
	readonly recalled: u64;
	readonly expired: u64;
}

export interface HealthnetLotHolding extends Struct {
	readonly lot: u32;
	readonly available: u64;
	readonly quarantined: u64;
	readonly recalled: u64;
	readonly expired: u64;
}

export interface HealthnetLotHoldingPage extends Struct {
	readonly items: Vec<HealthnetLotHolding>;
	readonly next: Option<u32>;
}

export interface HealthnetLotView extends Struct {
	readonly lot: u32;
	readonly product: u32;
	/** The lot number's bytes; `.toUtf8()` reads it. */
	readonly number: Bytes;
	readonly expiry: u32;
	readonly totals: HealthnetLotTotals;
	readonly recalled: Option<ITuple<[u32, HealthnetRecallReason]>>;
}

export interface HealthnetSite extends Enum {
	readonly isHolder: boolean;
	readonly asHolder: u32;
	readonly isShipment: boolean;
	readonly asShipment: u32;
	readonly type: 'Holder' | 'Shipment';
}

export interface HealthnetTraceStep extends Enum {
	readonly isMade: boolean;
	readonly asMade: { readonly by: u32; readonly quantity: u32 } & Struct;
	readonly isShipped: boolean;
	readonly asShipped: {
		readonly shipment: u32;
		readonly from: u32;
		readonly to: u32;
		readonly quantity: u32;
	} & Struct;
	readonly isReceived: boolean;
	readonly asReceived: {
		readonly shipment: u32;
		readonly accepted: u32;
		readonly short: u32;
	} & Struct;
	readonly isReturned: boolean;
	readonly asReturned: { readonly shipment: u32; readonly quantity: u32 } & Struct;
	readonly isExcursion: boolean;
	readonly asExcursion: {
		readonly site: HealthnetSite;
		readonly minutes: u32;
		readonly quarantined: u32;
	} & Struct;
	readonly isReleased: boolean;
	readonly asReleased: { readonly holder: u32; readonly quantity: u32 } & Struct;
	readonly isCondemned: boolean;
	readonly asCondemned: { readonly holder: u32; readonly quantity: u32 } & Struct;
	readonly isCounted: boolean;
	readonly asCounted: {
		readonly holder: u32;
		readonly counted: u32;
		readonly difference: i64;
	} & Struct;
	readonly isRecalled: boolean;
	readonly asRecalled: { readonly by: u32; readonly reason: HealthnetRecallReason } & Struct;
	readonly type:
		| 'Made'
		| 'Shipped'
		| 'Received'
		| 'Returned'
		| 'Excursion'
		| 'Released'
		| 'Condemned'
		| 'Counted'
		| 'Recalled';
}

export interface HealthnetTraceEntry extends Struct {
	readonly block: u32;
	readonly step: HealthnetTraceStep;
}

export interface HealthnetStockLine extends Struct {
	readonly holder: u32;
	readonly lot: u32;
	readonly product: u32;
	readonly figures: HealthnetStockFigures;
}

export interface HealthnetStockLinePage extends Struct {
	readonly items: Vec<HealthnetStockLine>;
	readonly next: Option<ITuple<[u32, u32]>>;
}

export interface HealthnetOpenRequisition extends Struct {
	readonly id: u32;
	readonly requester: u32;
	readonly product: u32;
	readonly requested: u32;
	readonly received: u32;
	readonly awaitingRelease: u32;
}

export interface HealthnetRequisitionPage extends Struct {
	readonly items: Vec<HealthnetOpenRequisition>;
	readonly next: Option<u32>;
}

export interface HealthnetQuarantinePage extends Struct {
	/** (holder, lot, units quarantined). */
	readonly items: Vec<ITuple<[u32, u32, u32]>>;
	readonly next: Option<ITuple<[u32, u32]>>;
}

export interface HealthnetGapFindings extends Struct {
	readonly kits: bool;
	readonly attestedTests: bool;
	readonly attestedPositives: bool;
}

export interface HealthnetReportingGap extends Struct {
	readonly org: u32;
	readonly testsUsed: u32;
	readonly testsReported: Option<u32>;
	readonly positivesReported: Option<u32>;
	readonly testsAttested: u32;
	readonly positivesAttested: u32;
	readonly found: HealthnetGapFindings;
}

export interface HealthnetReportingGapPage extends Struct {
	readonly items: Vec<HealthnetReportingGap>;
	readonly next: Option<u32>;
}

// ---- certificates ----

export interface HealthnetCertificateKind extends Enum {
	readonly isTestResult: boolean;
	readonly isVaccination: boolean;
	readonly isRecovery: boolean;
	readonly isInfectivity: boolean;
	readonly type: 'TestResult' | 'Vaccination' | 'Recovery' | 'Infectivity';
}

export interface HealthnetRevocationReason extends Enum {
	readonly isIssuedInError: boolean;
	readonly isFraudulent: boolean;
	readonly isResultWithdrawn: boolean;
	readonly isKeyCompromised: boolean;
	readonly isHolderRequest: boolean;
	readonly type:
		| 'IssuedInError'
		| 'Fraudulent'
		| 'ResultWithdrawn'
		| 'KeyCompromised'
		| 'HolderRequest';
}

export interface HealthnetVerdictKind extends Enum {
	readonly isUnknown: boolean;
	readonly isUnknownVersion: boolean;
	readonly isPayloadMismatch: boolean;
	readonly isRevoked: boolean;
	readonly isSuperseded: boolean;
	readonly isSuspended: boolean;
	readonly isIssuerSuspended: boolean;
	readonly isKeySuspended: boolean;
	readonly isKeyRemoved: boolean;
	readonly isLotRecalled: boolean;
	readonly isNotYetValid: boolean;
	readonly isExpired: boolean;
	readonly isValid: boolean;
	readonly type:
		| 'Unknown'
		| 'UnknownVersion'
		| 'PayloadMismatch'
		| 'Revoked'
		| 'Superseded'
		| 'Suspended'
		| 'IssuerSuspended'
		| 'KeySuspended'
		| 'KeyRemoved'
		| 'LotRecalled'
		| 'NotYetValid'
		| 'Expired'
		| 'Valid';
}

/** A verdict and the fields of that verdict; the others are none. */
export interface HealthnetVerdict extends Struct {
	readonly verdict: HealthnetVerdictKind;
	/** UnknownVersion: the newest version. */
	readonly latest: Option<u32>;
	/** Revoked: why. */
	readonly reason: Option<HealthnetRevocationReason>;
	/** A block number, or for Expired the Unix second it expired. */
	readonly at: Option<u64>;
	/** Superseded: the newest version. */
	readonly by: Option<u32>;
	/** LotRecalled: the lot. */
	readonly lot: Option<u32>;
	/** NotYetValid: the first Unix second it is valid. */
	readonly from: Option<u64>;
	/** Valid: the Unix second from which it no longer is. */
	readonly until: Option<u64>;
}

export interface HealthnetCertificateState extends Enum {
	readonly isActive: boolean;
	readonly isSuspended: boolean;
	readonly asSuspended: { readonly at: u32 } & Struct;
	readonly isRevoked: boolean;
	readonly asRevoked: { readonly reason: HealthnetRevocationReason; readonly at: u32 } & Struct;
	readonly type: 'Active' | 'Suspended' | 'Revoked';
}

export interface HealthnetCertificate extends Struct {
	readonly issuer: u32;
	readonly kind: HealthnetCertificateKind;
	readonly holder: H256;
	readonly lot: Option<u32>;
	readonly version: u32;
	readonly state: HealthnetCertificateState;
	readonly issuedAt: u32;
}

export interface HealthnetCertificateVersion extends Struct {
	readonly key: U8aFixed;
	readonly payloadHash: H256;
	readonly validFrom: u64;
	readonly validUntil: u64;
	readonly issuedAt: u32;
	readonly supersededAt: Option<u32>;
}

export interface HealthnetCertificateView extends Struct {
	readonly certificate: HealthnetCertificate;
	readonly versions: Vec<HealthnetCertificateVersion>;
}

export interface HealthnetKeyStatus extends Enum {
	readonly isActive: boolean;
	readonly isSuspended: boolean;
	readonly asSuspended: { readonly at: u32; readonly byAuthority: bool } & Struct;
	readonly isRemoved: boolean;
	readonly asRemoved: { readonly at: u32 } & Struct;
	readonly type: 'Active' | 'Suspended' | 'Removed';
}

export interface HealthnetIssuerKey extends Struct {
	readonly org: u32;
	readonly public: U8aFixed;
	/** A bit set of HealthnetCertificateKind. */
	readonly kinds: u8;
	readonly validFrom: u64;
	readonly validUntil: u64;
	readonly addedAt: u32;
	readonly status: HealthnetKeyStatus;
}

export interface HealthnetListedKey extends Struct {
	readonly id: U8aFixed;
	readonly key: HealthnetIssuerKey;
}

/** An issuer key id as the cursor of issuerKeys. */
export interface HealthnetKeyCursor extends Omit<U8aFixed, 'toJSON'> {
	/** The 8 bytes as numbers, as the node reads the cursor. */
	toJSON(): number[];
}
export declare const HealthnetKeyCursor: new (registry: Registry, value?: Uint8Array | string | number[]) => HealthnetKeyCursor;

export interface HealthnetIssuerKeyPage extends Struct {
	readonly items: Vec<HealthnetListedKey>;
	readonly next: Option<U8aFixed>;
}

export interface HealthnetSuspendedIssuerPage extends Struct {
	/** (issuer, block of its suspension). */
	readonly items: Vec<ITuple<[u32, u32]>>;
	readonly next: Option<u32>;
}

// ---- instruments ----

export interface HealthnetInstrumentKind extends Enum {
	readonly isPcrAnalyser: boolean;
	readonly isRapidTestReader: boolean;
	readonly isImmunoassayAnalyser: boolean;
	readonly isSequencer: boolean;
	readonly isGammaDoseRateMonitor: boolean;
	readonly isAirQualityMonitor: boolean;
	readonly type:
		| 'PcrAnalyser'
		| 'RapidTestReader'
		| 'ImmunoassayAnalyser'
		| 'Sequencer'
		| 'GammaDoseRateMonitor'
		| 'AirQualityMonitor';
}

export interface HealthnetInstrumentStatus extends Enum {
	readonly isActive: boolean;
	readonly isSuspended: boolean;
	readonly asSuspended: { readonly by: u32 } & Struct;
	readonly isRemoved: boolean;
	readonly asRemoved: { readonly by: u32 } & Struct;
	readonly type: 'Active' | 'Suspended' | 'Removed';
}

export interface HealthnetInstrumentView extends Struct {
	readonly account: AccountId;
	readonly holder: u32;
	readonly kind: HealthnetInstrumentKind;
	readonly model: Bytes;
	readonly serial: Bytes;
	readonly status: HealthnetInstrumentStatus;
	readonly countsFrom: u32;
	readonly nextBatch: u32;
}

export interface HealthnetInstrumentPage extends Struct {
	readonly items: Vec<HealthnetInstrumentView>;
	readonly next: Option<AccountId>;
}

export interface HealthnetAttestedCounts extends Struct {
	readonly tests: u32;
	readonly positives: u32;
	readonly invalid: u32;
	readonly sequenced: u32;
	readonly lineages: u32;
}

export interface HealthnetAttestedDay extends Struct {
	readonly period: u32;
	readonly counts: HealthnetAttestedCounts;
	readonly lineages: Vec<ITuple<[Bytes, u32]>>;
}

// ---- channels ----

export interface HealthnetChannelPurpose extends Enum {
	readonly isOutbreakInvestigation: boolean;
	readonly isGenomicSurveillance: boolean;
	readonly isResearchAgreement: boolean;
	readonly type: 'OutbreakInvestigation' | 'GenomicSurveillance' | 'ResearchAgreement';
}

export interface HealthnetDocumentKind extends Enum {
	readonly isLineList: boolean;
	readonly isFhirBundle: boolean;
	readonly isSequences: boolean;
	readonly isReport: boolean;
	readonly type: 'LineList' | 'FhirBundle' | 'Sequences' | 'Report';
}

export interface HealthnetChannelView extends Struct {
	readonly id: u32;
	/** The name's bytes; `.toUtf8()` reads it. */
	readonly name: Bytes;
	readonly purpose: HealthnetChannelPurpose;
	readonly creator: u32;
	/** Milliseconds since 1970-01-01. */
	readonly expires: u64;
	readonly closed: bool;
	readonly members: Vec<u32>;
	readonly documents: u32;
}

export interface HealthnetDocumentView extends Struct {
	readonly index: u32;
	/** The node's `hash`: the BLAKE2b-256 hash of the sealed document. */
	readonly hash_: U8aFixed;
	readonly kind: HealthnetDocumentKind;
	readonly author: u32;
	readonly sharedBy: AccountId;
	readonly block: u32;
}

export interface HealthnetDocumentPage extends Struct {
	readonly items: Vec<HealthnetDocumentView>;
	readonly next: Option<u32>;
}

export interface HealthnetReadMark extends Struct {
	readonly first: u32;
	readonly last: u32;
	readonly count: u32;
}

export interface HealthnetReadLine extends Struct {
	readonly index: u32;
	readonly reader: AccountId;
	readonly mark: HealthnetReadMark;
}

export interface HealthnetReadPage extends Struct {
	readonly items: Vec<HealthnetReadLine>;
	readonly next: Option<AccountId>;
}

// ---- environment ----

export interface HealthnetMeasure extends Enum {
	readonly isGammaDoseRate: boolean;
	readonly isPm25: boolean;
	readonly type: 'GammaDoseRate' | 'Pm25';
}

export interface HealthnetStatistic extends Enum {
	readonly isDailyMean: boolean;
	readonly isDailyMax: boolean;
	readonly type: 'DailyMean' | 'DailyMax';
}

export interface HealthnetAreaLevel extends Struct {
	readonly monitors: u32;
	readonly sumOfMeans: u64;
	readonly highestMean: u32;
	readonly highestMeanAt: u32;
	readonly highestMax: u32;
	readonly highestMaxAt: u32;
}

export interface HealthnetLevelThreshold extends Struct {
	readonly statistic: HealthnetStatistic;
	readonly level: u32;
	readonly setBy: u32;
}

export interface HealthnetLevelAlert extends Struct {
	readonly value: u32;
	readonly threshold: HealthnetLevelThreshold;
	readonly holder: u32;
}

export interface HealthnetLevelDay extends Struct {
	readonly day: u32;
	readonly level: HealthnetAreaLevel;
	readonly alert: Option<HealthnetLevelAlert>;
}

export interface HealthnetReading extends Struct {
	readonly day: u32;
	readonly measure: HealthnetMeasure;
	readonly mean: u32;
	readonly max: u32;
	readonly hours: u8;
}

// ---- the methods ----

type AnyResourceType = HealthnetResourceType | ResourceTypeName;
type AnyPurpose = HealthnetPurpose | PurposeName;
type AnyMeasure = HealthnetMeasure | 'GammaDoseRate' | 'Pm25';
type AnyAccessTarget =
	| HealthnetAccessTarget
	| { Entry: AnyU32 }
	| { Type: AnyResourceType }
	| { entry: AnyU32 }
	| { type: AnyResourceType };
type AnyAlertCursor = HealthnetAlertCursor | [string, string, string | null, AnyU32];
/** A certificate id: `0x` and 32 hex digits, or its 16 bytes. */
type AnyCertificateId = U8aFixed | string | Uint8Array;
type AnyHolding = ITuple<[u32, u32]> | [AnyU32, AnyU32];

declare module '@polkadot/rpc-core/types/jsonrpc' {
	interface RpcInterface {
		healthnet: {
			// surveillance
			regionSeries: AugmentedRpc<(region: AnyText, disease: AnyText, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetPeriodTotals>>>;
			clusterSeries: AugmentedRpc<(cluster: AnyU32, disease: AnyText, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetPeriodTotals>>>;
			regionLineages: AugmentedRpc<(region: AnyText, disease: AnyText, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetLineagePeriod>>>;
			clusterLineages: AugmentedRpc<(cluster: AnyU32, disease: AnyText, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetLineagePeriod>>>;
			completeness: AugmentedRpc<(cluster: AnyU32, disease: AnyText, period: AnyU32, at?: At) => Observable<HealthnetCompletenessReport>>;
			reportHistory: AugmentedRpc<(org: AnyU32, disease: AnyText, period: AnyU32, at?: At) => Observable<Option<HealthnetReportHistory>>>;
			openAlerts: AugmentedRpc<(region: AnyText, after?: Option<HealthnetAlertCursor> | AnyAlertCursor | null, limit?: AnyU32 | null, at?: At) => Observable<HealthnetAlertPage>>;
			unacknowledgedGuidance: AugmentedRpc<(guidance: AnyU32, from?: AnyU32 | null, limit?: AnyU32 | null, at?: At) => Observable<HealthnetIdPage>>;
			// records
			canAccess: AugmentedRpc<(reader: AnyAccount, record: AnyHash, resourceType: AnyResourceType, purpose: AnyPurpose, at?: At) => Observable<HealthnetAccessDecision>>;
			record: AugmentedRpc<(record: AnyHash, at?: At) => Observable<Option<HealthnetRecordInfo>>>;
			recordOfKey: AugmentedRpc<(key: AnyAccount, at?: At) => Observable<Option<H256>>>;
			recordEntries: AugmentedRpc<(record: AnyHash, from: AnyU32, limit: AnyU32, at?: At) => Observable<Vec<HealthnetEntryView>>>;
			recordConsents: AugmentedRpc<(record: AnyHash, from: AnyU32, at?: At) => Observable<Vec<HealthnetConsentView>>>;
			auditTrail: AugmentedRpc<(record: AnyHash, from: AnyU32, limit: AnyU32, at?: At) => Observable<Vec<HealthnetAuditEntry>>>;
			emergencyAccesses: AugmentedRpc<(org: AnyU32, at?: At) => Observable<HealthnetEmergencyTally>>;
			emergencyDeclaration: AugmentedRpc<(id: AnyU64, at?: At) => Observable<Option<HealthnetEmergencyDeclaration>>>;
			auditedAccess: AugmentedRpc<(record: AnyHash, reader: AnyAccount, target: AnyAccessTarget, purpose: AnyPurpose, at?: At) => Observable<Option<HealthnetAccessMark>>>;
			pendingRecovery: AugmentedRpc<(record: AnyHash, at?: At) => Observable<Option<HealthnetRecoveryView>>>;
			// supply
			stock: AugmentedRpc<(org: AnyU32, after?: MaybeU32, limit?: AnyU32 | null, at?: At) => Observable<HealthnetLotHoldingPage>>;
			lot: AugmentedRpc<(lot: AnyU32, at?: At) => Observable<Option<HealthnetLotView>>>;
			lotTrace: AugmentedRpc<(lot: AnyU32, at?: At) => Observable<Vec<HealthnetTraceEntry>>>;
			regionStock: AugmentedRpc<(product: MaybeU32, region: AnyText, after?: Option<ITuple<[u32, u32]>> | AnyHolding | null, limit?: AnyU32 | null, at?: At) => Observable<HealthnetStockLinePage>>;
			openRequisitions: AugmentedRpc<(after?: MaybeU32, limit?: AnyU32 | null, at?: At) => Observable<HealthnetRequisitionPage>>;
			recalledLots: AugmentedRpc<(from?: MaybeU32, limit?: AnyU32 | null, at?: At) => Observable<HealthnetIdPage>>;
			quarantinedStock: AugmentedRpc<(after?: Option<ITuple<[u32, u32]>> | AnyHolding | null, limit?: AnyU32 | null, at?: At) => Observable<HealthnetQuarantinePage>>;
			reportingGaps: AugmentedRpc<(region: AnyText, disease: AnyText, period: AnyU32, tolerancePercent: AnyU8, from?: MaybeU32, limit?: AnyU32 | null, at?: At) => Observable<HealthnetReportingGapPage>>;
			// certificates
			verifyCertificate: AugmentedRpc<(id: AnyCertificateId, version: AnyU32, payloadHash: AnyHash, at?: At) => Observable<HealthnetVerdict>>;
			certificate: AugmentedRpc<(id: AnyCertificateId, at?: At) => Observable<Option<HealthnetCertificateView>>>;
			issuerKeys: AugmentedRpc<(after?: Option<U8aFixed> | U8aFixed | string | Uint8Array | number[] | null, limit?: AnyU32 | null, at?: At) => Observable<HealthnetIssuerKeyPage>>;
			suspendedIssuers: AugmentedRpc<(after?: MaybeU32, limit?: AnyU32 | null, at?: At) => Observable<HealthnetSuspendedIssuerPage>>;
			// instruments
			instrument: AugmentedRpc<(account: AnyAccount, at?: At) => Observable<Option<HealthnetInstrumentView>>>;
			instruments: AugmentedRpc<(holder: AnyU32, after?: Option<AccountId> | AnyAccount | null, limit?: AnyU32 | null, at?: At) => Observable<HealthnetInstrumentPage>>;
			attested: AugmentedRpc<(holder: AnyU32, disease: AnyText, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetAttestedDay>>>;
			// channels
			channel: AugmentedRpc<(id: AnyU32, at?: At) => Observable<Option<HealthnetChannelView>>>;
			channelsOf: AugmentedRpc<(org: AnyU32, after?: MaybeU32, limit?: AnyU32 | null, at?: At) => Observable<HealthnetIdPage>>;
			channelDocuments: AugmentedRpc<(channel: AnyU32, from?: MaybeU32, limit?: AnyU32 | null, at?: At) => Observable<HealthnetDocumentPage>>;
			mayReadChannel: AugmentedRpc<(channel: AnyU32, account: AnyAccount, at?: At) => Observable<bool>>;
			channelReadMark: AugmentedRpc<(channel: AnyU32, index: AnyU32, account: AnyAccount, at?: At) => Observable<Option<HealthnetReadMark>>>;
			channelReads: AugmentedRpc<(channel: AnyU32, index: AnyU32, after?: Option<AccountId> | AnyAccount | null, limit?: AnyU32 | null, at?: At) => Observable<HealthnetReadPage>>;
			// environment
			regionLevels: AugmentedRpc<(region: AnyText, measure: AnyMeasure, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetLevelDay>>>;
			clusterLevels: AugmentedRpc<(cluster: AnyU32, measure: AnyMeasure, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetLevelDay>>>;
			monitorReadings: AugmentedRpc<(monitor: AnyAccount, measure: AnyMeasure, from: AnyU32, to: AnyU32, at?: At) => Observable<Vec<HealthnetReading>>>;
			levelThresholds: AugmentedRpc<(region: AnyText, at?: At) => Observable<Vec<ITuple<[HealthnetMeasure, HealthnetLevelThreshold]>>>>;
		};
	}
}

declare module '@polkadot/types/types/registry' {
	interface InterfaceTypes {
		HealthnetText: HealthnetText;
		HealthnetCounts: HealthnetCounts;
		HealthnetTotals: HealthnetTotals;
		HealthnetPeriodTotals: HealthnetPeriodTotals;
		HealthnetLineageCases: HealthnetLineageCases;
		HealthnetLineagePeriod: HealthnetLineagePeriod;
		HealthnetCompletenessReport: HealthnetCompletenessReport;
		HealthnetRejectionReason: HealthnetRejectionReason;
		HealthnetVoidReason: HealthnetVoidReason;
		HealthnetReportStatus: HealthnetReportStatus;
		HealthnetReport: HealthnetReport;
		HealthnetReportVersion: HealthnetReportVersion;
		HealthnetReportHistory: HealthnetReportHistory;
		HealthnetAlertView: HealthnetAlertView;
		HealthnetAlertCursor: HealthnetAlertCursor;
		HealthnetAlertPage: HealthnetAlertPage;
		HealthnetIdPage: HealthnetIdPage;
		HealthnetResourceType: HealthnetResourceType;
		HealthnetPurpose: HealthnetPurpose;
		HealthnetAccessTarget: HealthnetAccessTarget;
		HealthnetGrant: HealthnetGrant;
		HealthnetRefusal: HealthnetRefusal;
		HealthnetAccessDecision: HealthnetAccessDecision;
		HealthnetRecordInfo: HealthnetRecordInfo;
		HealthnetEntryView: HealthnetEntryView;
		HealthnetScope: HealthnetScope;
		HealthnetAccess: HealthnetAccess;
		HealthnetConsentTerms: HealthnetConsentTerms;
		HealthnetConsentView: HealthnetConsentView;
		HealthnetEmergencyReason: HealthnetEmergencyReason;
		HealthnetAuditAction: HealthnetAuditAction;
		HealthnetAuditEntry: HealthnetAuditEntry;
		HealthnetEmergencyTally: HealthnetEmergencyTally;
		HealthnetEmergencyVerdict: HealthnetEmergencyVerdict;
		HealthnetEmergencyDeclaration: HealthnetEmergencyDeclaration;
		HealthnetAccessMark: HealthnetAccessMark;
		HealthnetRecoveryView: HealthnetRecoveryView;
		HealthnetRecallReason: HealthnetRecallReason;
		HealthnetLotTotals: HealthnetLotTotals;
		HealthnetStockFigures: HealthnetStockFigures;
		HealthnetLotHolding: HealthnetLotHolding;
		HealthnetLotHoldingPage: HealthnetLotHoldingPage;
		HealthnetLotView: HealthnetLotView;
		HealthnetSite: HealthnetSite;
		HealthnetTraceStep: HealthnetTraceStep;
		HealthnetTraceEntry: HealthnetTraceEntry;
		HealthnetStockLine: HealthnetStockLine;
		HealthnetStockLinePage: HealthnetStockLinePage;
		HealthnetOpenRequisition: HealthnetOpenRequisition;
		HealthnetRequisitionPage: HealthnetRequisitionPage;
		HealthnetQuarantinePage: HealthnetQuarantinePage;
		HealthnetGapFindings: HealthnetGapFindings;
		HealthnetReportingGap: HealthnetReportingGap;
		HealthnetReportingGapPage: HealthnetReportingGapPage;
		HealthnetCertificateKind: HealthnetCertificateKind;
		HealthnetRevocationReason: HealthnetRevocationReason;
		HealthnetVerdictKind: HealthnetVerdictKind;
		HealthnetVerdict: HealthnetVerdict;
		HealthnetCertificateState: HealthnetCertificateState;
		HealthnetCertificate: HealthnetCertificate;
		HealthnetCertificateVersion: HealthnetCertificateVersion;
		HealthnetCertificateView: HealthnetCertificateView;
		HealthnetKeyStatus: HealthnetKeyStatus;
		HealthnetIssuerKey: HealthnetIssuerKey;
		HealthnetListedKey: HealthnetListedKey;
		HealthnetKeyCursor: HealthnetKeyCursor;
		HealthnetIssuerKeyPage: HealthnetIssuerKeyPage;
		HealthnetSuspendedIssuerPage: HealthnetSuspendedIssuerPage;
		HealthnetInstrumentKind: HealthnetInstrumentKind;
		HealthnetInstrumentStatus: HealthnetInstrumentStatus;
		HealthnetInstrumentView: HealthnetInstrumentView;
		HealthnetInstrumentPage: HealthnetInstrumentPage;
		HealthnetAttestedCounts: HealthnetAttestedCounts;
		HealthnetAttestedDay: HealthnetAttestedDay;
		HealthnetChannelPurpose: HealthnetChannelPurpose;
		HealthnetDocumentKind: HealthnetDocumentKind;
		HealthnetChannelView: HealthnetChannelView;
		HealthnetDocumentView: HealthnetDocumentView;
		HealthnetDocumentPage: HealthnetDocumentPage;
		HealthnetReadMark: HealthnetReadMark;
		HealthnetReadLine: HealthnetReadLine;
		HealthnetReadPage: HealthnetReadPage;
		HealthnetMeasure: HealthnetMeasure;
		HealthnetStatistic: HealthnetStatistic;
		HealthnetAreaLevel: HealthnetAreaLevel;
		HealthnetLevelThreshold: HealthnetLevelThreshold;
		HealthnetLevelAlert: HealthnetLevelAlert;
		HealthnetLevelDay: HealthnetLevelDay;
		HealthnetReading: HealthnetReading;
	}
}

// ---- the exports ----

/** The `healthnet_*` methods, as the `rpc` option of ApiPromise.create. */
export declare const rpc: { healthnet: Record<string, DefinitionRpc> };

/** The types the methods' parameters and answers decode into, as the `types` option. */
export declare const types: RegistryTypes;

/** The transaction extensions polkadot-js does not know, as the `signedExtensions` option. */
export declare const signedExtensions: ExtDef;

/** ApiPromise.create's options with Healthnet's rpc, types and signedExtensions added. */
export declare function options(given?: ApiOptions): ApiOptions;

/** The custom InvalidTransaction code of the membership gate. */
export declare const UNKNOWN_SIGNER: 1;

/** A sentence for the reason a node gave for refusing a transaction. */
export declare function refusalReason(error: unknown): string;
