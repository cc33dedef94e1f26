// Diagnostic instruments: one instrument, a holder's instruments a page at a time, and what a
// holder's instruments attested per disease and day (node/src/rpc/instruments.rs).

import { method, optional, param } from './method.js';

export const types = {
	HealthnetInstrumentKind: {
		_enum: [
			'PcrAnalyser',
			'RapidTestReader',
			'ImmunoassayAnalyser',
			'Sequencer',
			'GammaDoseRateMonitor',
			'AirQualityMonitor',
		],
	},
	HealthnetInstrumentStatus: {
		_enum: { Active: 'Null', Suspended: { by: 'u32' }, Removed: { by: 'u32' } },
	},
	// Model and serial come as the bytes of their text: `.toUtf8()` reads them.
	HealthnetInstrumentView: {
		account: 'AccountId',
		holder: 'u32',
		kind: 'HealthnetInstrumentKind',
		model: 'Bytes',
		serial: 'Bytes',
		status: 'HealthnetInstrumentStatus',
		countsFrom: 'u32',
		nextBatch: 'u32',
	},
	HealthnetInstrumentPage: { items: 'Vec<HealthnetInstrumentView>', next: 'Option<AccountId>' },
	HealthnetAttestedCounts: {
		tests: 'u32',
		positives: 'u32',
		invalid: 'u32',
		sequenced: 'u32',
		lineages: 'u32',
	},
	HealthnetAttestedDay: {
		period: 'u32',
		counts: 'HealthnetAttestedCounts',
		lineages: 'Vec<(Bytes, u32)>',
	},
};

const holder = param('holder', 'u32');

export const rpc = {
	instrument: method(
		'An instrument by its account, removed ones included; none when the key never registered.',
		[param('account', 'AccountId')],
		'Option<HealthnetInstrumentView>',
	),
	instruments: method(
		"A holder's instruments after account `after`, at most `limit` (100 when not given).",
		[holder, optional('after', 'AccountId'), optional('limit', 'u32')],
		'HealthnetInstrumentPage',
	),
	attested: method(
		"What a holder's instruments attested for a disease from `from` to `to` (at most 366 days, cut there): the days with results, with tests, positives, invalid results, sequencing results and lineages.",
		[holder, param('disease', 'HealthnetText'), param('from', 'u32'), param('to', 'u32')],
		'Vec<HealthnetAttestedDay>',
	),
};
