// Secured channels: a channel with its members, the channels of an organisation, a channel's
// documents (hashes, never contents), whether an account may read, and the audit of reads
// (node/src/rpc/channels.rs).

import { method, optional, param } from './method.js';

export const types = {
	HealthnetChannelPurpose: {
		_enum: ['OutbreakInvestigation', 'GenomicSurveillance', 'ResearchAgreement'],
	},
	HealthnetDocumentKind: { _enum: ['LineList', 'FhirBundle', 'Sequences', 'Report'] },
	// A channel's name comes as the bytes of its text: `.toUtf8()` reads it. `expires` is in
	// milliseconds since 1970-01-01.
	HealthnetChannelView: {
		id: 'u32',
		name: 'Bytes',
		purpose: 'HealthnetChannelPurpose',
		creator: 'u32',
		expires: 'u64',
		closed: 'bool',
		members: 'Vec<u32>',
		documents: 'u32',
	},
	// `hash_` is the node's `hash` (every codec has a `hash` of its own encoding).
	HealthnetDocumentView: {
		_alias: { hash_: 'hash' },
		index: 'u32',
		hash_: '[u8; 32]',
		kind: 'HealthnetDocumentKind',
		author: 'u32',
		sharedBy: 'AccountId',
		block: 'u32',
	},
	HealthnetDocumentPage: { items: 'Vec<HealthnetDocumentView>', next: 'Option<u32>' },
	HealthnetReadMark: { first: 'u32', last: 'u32', count: 'u32' },
	HealthnetReadLine: { index: 'u32', reader: 'AccountId', mark: 'HealthnetReadMark' },
	HealthnetReadPage: { items: 'Vec<HealthnetReadLine>', next: 'Option<AccountId>' },
};

const channel = param('channel', 'u32');
const limit = optional('limit', 'u32');

export const rpc = {
	channel: method(
		'A channel: name, purpose, creator, expiry, whether closed, its members and how many documents were shared; none when there is none of this number.',
		[param('id', 'u32')],
		'Option<HealthnetChannelView>',
	),
	channelsOf: method(
		'The channels an organisation is a member of, after channel `after`.',
		[param('org', 'u32'), optional('after', 'u32'), limit],
		'HealthnetIdPage',
	),
	channelDocuments: method(
		"A channel's documents from number `from` (0 when not given): hash, kind, author, the account that shared it and its block.",
		[channel, optional('from', 'u32'), limit],
		'HealthnetDocumentPage',
	),
	mayReadChannel: method(
		"Whether an account may read a channel's documents now.",
		[channel, param('account', 'AccountId')],
		'bool',
	),
	channelReadMark: method(
		"An account's reads of a channel's document: first, last, how many; none when it has not read it.",
		[channel, param('index', 'u32'), param('account', 'AccountId')],
		'Option<HealthnetReadMark>',
	),
	channelReads: method(
		"The audit of a channel's document: each account's reads, after account `after`.",
		[channel, param('index', 'u32'), optional('after', 'AccountId'), limit],
		'HealthnetReadPage',
	),
};
