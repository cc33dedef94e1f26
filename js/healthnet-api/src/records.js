// Medical records: access decisions, records, entries, consents, audit trails and emergency
// access (node/src/rpc/records.rs). Nothing here is medical content: a record is a
// pseudonymous id (`0x` and 64 hex digits) and a patient key; an entry is a resource type, a
// content hash and an opaque pointer.

import { Enum } from '@polkadot/types';

import { method, param } from './method.js';

const RESOURCE_TYPES = [
	'Observation',
	'Condition',
	'Immunization',
	'DiagnosticReport',
	'MedicationStatement',
	'Procedure',
	'Encounter',
	'DocumentReference',
	'AllergyIntolerance',
];

/**
 * What a read names: one entry (`{ Entry: 3 }`) or the entries of one resource type
 * (`{ Type: 'Observation' }`). polkadot-js writes an enum with data as JSON under its variant's
 * name in camelCase (`{ entry: 3 }`), which the node's serde refuses; this type writes the
 * variant's name as the node spells it.
 */
export class HealthnetAccessTarget extends Enum.with({
	Entry: 'u32',
	Type: 'HealthnetResourceType',
}) {
	toJSON() {
		return { [this.type]: this.value.toJSON() };
	}
}

export const types = {
	HealthnetResourceType: { _enum: RESOURCE_TYPES },
	// HL7's purposes of use: TREAT, ETREAT, PUBHLTH, HRESCH.
	HealthnetPurpose: { _enum: ['Treatment', 'EmergencyTreatment', 'PublicHealth', 'Research'] },
	HealthnetAccessTarget,
	HealthnetGrant: { _enum: { Consent: 'u32', Emergency: { until: 'u32' } } },
	HealthnetRefusal: {
		_enum: [
			'NotAMember',
			'UnknownRecord',
			'NoConsent',
			'PurposeNotConsented',
			'ScopeDoesNotCover',
			'ConsentReadOnly',
			'ConsentWasRevoked',
			'ConsentExpired',
			'EmergencyReadOnly',
			'NotAClinician',
		],
	},
	HealthnetAccessDecision: { _enum: { Allowed: 'HealthnetGrant', Refused: 'HealthnetRefusal' } },
	// `entries_` is the node's `entries`: a struct's field may not be named after a method of
	// the Map it is (polkadot-js names the fields of metadata types the same way).
	HealthnetRecordInfo: {
		_alias: { entries_: 'entries' },
		key: 'AccountId',
		enrolledBy: 'u32',
		enrolledAt: 'u32',
		nonce: 'u64',
		entries_: 'u32',
		consents: 'u32',
		audits: 'u32',
	},
	HealthnetEntryView: {
		index: 'u32',
		resourceType: 'HealthnetResourceType',
		contentHash: 'H256',
		pointer: 'HealthnetText',
		author: 'u32',
		block: 'u32',
		at: 'u64',
		supersedes: 'Option<u32>',
		supersededBy: 'Option<u32>',
	},
	// A set of resource types as bits, in the order of HealthnetResourceType.
	HealthnetScope: { _enum: { All: 'Null', Only: 'u16' } },
	HealthnetAccess: { _enum: ['Read', 'ReadWrite'] },
	HealthnetConsentTerms: {
		grantee: 'u32',
		scope: 'HealthnetScope',
		purpose: 'HealthnetPurpose',
		access: 'HealthnetAccess',
		expires: 'Option<u64>',
	},
	HealthnetConsentView: {
		id: 'u32',
		terms: 'HealthnetConsentTerms',
		grantedAt: 'u32',
		revokedAt: 'Option<u32>',
	},
	HealthnetEmergencyReason: {
		_enum: ['PatientUnconscious', 'LifeThreatening', 'PatientCannotConsent'],
	},
	HealthnetAuditAction: {
		_enum: {
			ReadEntry: 'u32',
			ReadType: 'HealthnetResourceType',
			AddedEntry: 'u32',
			DeclaredEmergency: 'HealthnetEmergencyReason',
		},
	},
	HealthnetAuditEntry: {
		org: 'u32',
		account: 'AccountId',
		action: 'HealthnetAuditAction',
		purpose: 'HealthnetPurpose',
		grant: 'HealthnetGrant',
		block: 'u32',
		at: 'u64',
		count: 'u32',
		lastBlock: 'u32',
	},
	HealthnetEmergencyTally: { declared: 'u32', justified: 'u32', abusive: 'u32' },
	HealthnetEmergencyVerdict: { _enum: ['Justified', 'Abusive'] },
	HealthnetEmergencyDeclaration: {
		record: 'H256',
		org: 'u32',
		reason: 'HealthnetEmergencyReason',
		declaredAt: 'u32',
		until: 'u32',
		verdict: 'Option<HealthnetEmergencyVerdict>',
	},
	HealthnetAccessMark: { line: 'u32', opened: 'u32', last: 'u32' },
	HealthnetRecoveryView: { newKey: 'AccountId', requestedAt: 'u32', due: 'u32' },
};

const record = param('record', 'H256');
const reader = param('reader', 'AccountId');
const purpose = param('purpose', 'HealthnetPurpose');

export const rpc = {
	canAccess: method(
		'Whether `reader` may access `resourceType` entries of `record` for `purpose`, and the consent or emergency access that decides it, or why not.',
		[reader, record, param('resourceType', 'HealthnetResourceType'), purpose],
		'HealthnetAccessDecision',
	),
	record: method(
		"A record's key, enrolling provider and counts; none when there is no such record.",
		[record],
		'Option<HealthnetRecordInfo>',
	),
	recordOfKey: method(
		'The record a patient key holds, current or retired; none when it holds none.',
		[param('key', 'AccountId')],
		'Option<H256>',
	),
	recordEntries: method(
		'Up to `limit` (at most 100) entries of a record from index `from`: what they are and where they live, never what they say.',
		[record, param('from', 'u32'), param('limit', 'u32')],
		'Vec<HealthnetEntryView>',
	),
	recordConsents: method(
		'Up to 100 consents of a record from id `from`, revoked ones included.',
		[record, param('from', 'u32')],
		'Vec<HealthnetConsentView>',
	),
	auditTrail: method(
		"Up to `limit` (at most 100) lines of a record's audit trail from `from`: who accessed it, what, why, under which grant, when.",
		[record, param('from', 'u32'), param('limit', 'u32')],
		'Vec<HealthnetAuditEntry>',
	),
	emergencyAccesses: method(
		"An organisation's emergency declarations: made, found justified, found abusive.",
		[param('org', 'u32')],
		'HealthnetEmergencyTally',
	),
	emergencyDeclaration: method(
		'One emergency declaration, with its review; none when there is no such declaration.',
		[param('id', 'u64')],
		'Option<HealthnetEmergencyDeclaration>',
	),
	auditedAccess: method(
		"Where the audit trail holds `reader`'s latest access to `target` of `record` for `purpose` (its line, first and last block); none when it has none.",
		[record, reader, param('target', 'HealthnetAccessTarget'), purpose],
		'Option<HealthnetAccessMark>',
	),
	pendingRecovery: method(
		'The key recovery waiting for a record (new key, request block, first block it may be approved); none when there is none.',
		[record],
		'Option<HealthnetRecoveryView>',
	),
};
