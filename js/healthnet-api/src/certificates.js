// Health certificates: the verdict on a certificate version, a certificate with its versions,
// and the trust list verifiers cache (node/src/rpc/certificates.rs). A certificate id is `0x`
// and 32 hex digits; an issuer key id is 8 bytes.

import { U8aFixed } from '@polkadot/types';

import { method, optional, param } from './method.js';

/**
 * An issuer key id as the cursor of `issuerKeys`. The node reads this cursor as a JSON array
 * of 8 numbers, not as hex (the key ids inside the answer are hex); this type takes hex, bytes
 * or a page's `next` and writes the array.
 */
export class HealthnetKeyCursor extends U8aFixed.with(64) {
	toJSON() {
		return Array.from(this);
	}
}

const REVOCATION_REASONS = [
	'IssuedInError',
	'Fraudulent',
	'ResultWithdrawn',
	'KeyCompromised',
	'HolderRequest',
];

export const types = {
	HealthnetCertificateKind: { _enum: ['TestResult', 'Vaccination', 'Recovery', 'Infectivity'] },
	HealthnetRevocationReason: { _enum: REVOCATION_REASONS },
	HealthnetVerdictKind: {
		_enum: [
			'Unknown',
			'UnknownVersion',
			'PayloadMismatch',
			'Revoked',
			'Superseded',
			'Suspended',
			'IssuerSuspended',
			'KeySuspended',
			'KeyRemoved',
			'LotRecalled',
			'NotYetValid',
			'Expired',
			'Valid',
		],
	},
	// The node writes a verdict as one flat object: `verdict` names it and the fields of that
	// verdict sit beside it (`{ "verdict": "revoked", "reason": ..., "at": ... }`), so every
	// field but `verdict` is optional. `at` is a block number, or for `Expired` a Unix second;
	// `from` and `until` are Unix seconds.
	HealthnetVerdict: {
		verdict: 'HealthnetVerdictKind',
		latest: 'Option<u32>',
		reason: 'Option<HealthnetRevocationReason>',
		at: 'Option<u64>',
		by: 'Option<u32>',
		lot: 'Option<u32>',
		from: 'Option<u64>',
		until: 'Option<u64>',
	},
	HealthnetCertificateState: {
		_enum: {
			Active: 'Null',
			Suspended: { at: 'u32' },
			Revoked: { reason: 'HealthnetRevocationReason', at: 'u32' },
		},
	},
	HealthnetCertificate: {
		issuer: 'u32',
		kind: 'HealthnetCertificateKind',
		holder: 'H256',
		lot: 'Option<u32>',
		version: 'u32',
		state: 'HealthnetCertificateState',
		issuedAt: 'u32',
	},
	HealthnetCertificateVersion: {
		key: '[u8; 8]',
		payloadHash: 'H256',
		validFrom: 'u64',
		validUntil: 'u64',
		issuedAt: 'u32',
		supersededAt: 'Option<u32>',
	},
	HealthnetCertificateView: {
		certificate: 'HealthnetCertificate',
		versions: 'Vec<HealthnetCertificateVersion>',
	},
	HealthnetKeyStatus: {
		_enum: {
			Active: 'Null',
			Suspended: { at: 'u32', byAuthority: 'bool' },
			Removed: { at: 'u32' },
		},
	},
	// An issuer's Ed25519 key: `kinds` is a bit set of HealthnetCertificateKind.
	HealthnetIssuerKey: {
		org: 'u32',
		public: '[u8; 32]',
		kinds: 'u8',
		validFrom: 'u64',
		validUntil: 'u64',
		addedAt: 'u32',
		status: 'HealthnetKeyStatus',
	},
	HealthnetListedKey: { id: '[u8; 8]', key: 'HealthnetIssuerKey' },
	HealthnetKeyCursor,
	HealthnetIssuerKeyPage: { items: 'Vec<HealthnetListedKey>', next: 'Option<[u8; 8]>' },
	// (issuer, block of its suspension), after issuer `next`.
	HealthnetSuspendedIssuerPage: { items: 'Vec<(u32, u32)>', next: 'Option<u32>' },
};

// The node reads a certificate id as text, `0x` and 32 hex digits: 16 bytes, which is what
// polkadot-js writes for them (Text would read such a string as the bytes it encodes).
const id = param('id', '[u8; 16]');
const limit = optional('limit', 'u32');

export const rpc = {
	verifyCertificate: method(
		'What the chain says of version `version` of certificate `id` (0x and 32 hex digits), signed as the payload with hash `payloadHash`: valid, not yet valid, expired, superseded, revoked, suspended, issuer or key suspended, key removed, lot recalled, unknown, or a payload that is not the one registered.',
		[id, param('version', 'u32'), param('payloadHash', 'H256')],
		'HealthnetVerdict',
	),
	certificate: method(
		'A certificate (issuer, kind, holder commitment, lot, state) and all its versions; none when no certificate has this id.',
		[id],
		'Option<HealthnetCertificateView>',
	),
	issuerKeys: method(
		'Issuer keys with their organisation, kinds, validity and status, after key `after` (a page of at most `limit`, and 100): with the suspended issuers, what a verifier caches to check signatures offline.',
		[optional('after', 'HealthnetKeyCursor'), limit],
		'HealthnetIssuerKeyPage',
	),
	suspendedIssuers: method(
		'The issuers suspended as a whole, with the block of their suspension, after issuer `after` (a page of at most `limit`, and 100).',
		[optional('after', 'u32'), limit],
		'HealthnetSuspendedIssuerPage',
	),
};
