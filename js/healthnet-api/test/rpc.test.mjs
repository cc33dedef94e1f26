// Every healthnet_* method on a fresh dev chain, through the definitions: each answers what
// the chain holds at genesis (the demonstration registry, and nothing reported, stocked,
// certified or shared yet), decoded without losing a field, and each passes on the node's
// error for a block the node does not know. Bad arguments get the node's own error.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';

import { rpc } from '../index.js';
import { assertDecodesFully } from './decoded.mjs';
import { connect, quietly, startDevNode } from './node.mjs';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice').address; // a validator, in no organisation
const dave = keyring.addFromUri('//Dave').address; // Karnataka's health authority (2)
const ferdie = keyring.addFromUri('//Ferdie').address; // Bengaluru General Hospital (4)

const DAY_MS = 86_400_000;
const yesterday = Math.floor(Date.now() / DAY_MS) - 1;
const unknownRecord = `0x${'5a'.repeat(32)}`;
const unknownCertificate = `0x${'c3'.repeat(16)}`;
const zeroHash = `0x${'00'.repeat(32)}`;

/** Sensible arguments for every method, without the block to read at. */
const CALLS = {
	regionSeries: ['IN-KA', 'RA01', yesterday - 30, yesterday],
	clusterSeries: [0, 'RA01', yesterday - 30, yesterday],
	regionLineages: ['IN-KA', 'RA01', yesterday - 30, yesterday],
	clusterLineages: [0, 'RA01', yesterday - 30, yesterday],
	completeness: [0, 'RA01', yesterday],
	reportHistory: [4, 'RA01', yesterday],
	openAlerts: ['IN', null, 10],
	unacknowledgedGuidance: [0, null, 10],
	canAccess: [alice, unknownRecord, 'Observation', 'Treatment'],
	record: [unknownRecord],
	recordOfKey: [alice],
	recordEntries: [unknownRecord, 0, 10],
	recordConsents: [unknownRecord, 0],
	auditTrail: [unknownRecord, 0, 10],
	emergencyAccesses: [4],
	emergencyDeclaration: [0],
	auditedAccess: [unknownRecord, ferdie, { Entry: 0 }, 'Treatment'],
	pendingRecovery: [unknownRecord],
	stock: [8, null, 10],
	lot: [0],
	lotTrace: [0],
	regionStock: [null, 'IN', null, 10],
	openRequisitions: [null, 10],
	recalledLots: [null, 10],
	quarantinedStock: [null, 10],
	reportingGaps: ['IN-KA', 'RA01', yesterday, 10, null, 4],
	verifyCertificate: [unknownCertificate, 1, zeroHash],
	certificate: [unknownCertificate],
	issuerKeys: [null, 10],
	suspendedIssuers: [null, 10],
	instrument: [alice],
	instruments: [7, null, 10],
	attested: [7, 'RA01', yesterday - 7, yesterday],
	channel: [0],
	channelsOf: [2, null, 10],
	channelDocuments: [0, null, 10],
	mayReadChannel: [0, dave],
	channelReadMark: [0, 0, dave],
	channelReads: [0, 0, null, 10],
	regionLevels: ['IN', 'Pm25', yesterday - 7, yesterday],
	clusterLevels: [0, 'GammaDoseRate', yesterday - 7, yesterday],
	monitorReadings: [alice, 'Pm25', yesterday - 7, yesterday],
	levelThresholds: ['IN'],
};

let node;
let api;
let provider;

before(async () => {
	node = await startDevNode();
	({ api, provider } = await connect(node.url));
}, { timeout: 180_000 });

after(async () => {
	await api?.disconnect();
	await node?.stop();
}, { timeout: 60_000 });

/** The decoded answer of `method`, checked against the node's JSON for the same arguments. */
async function ask(method, ...args) {
	const decoded = await api.rpc.healthnet[method](...args);
	const json = await api.rpc.healthnet[method].raw(...args);
	assertDecodesFully(decoded, json, `healthnet_${method}`);
	return decoded;
}

/** The answer of `method` with the sensible arguments. */
const answer = (method) => ask(method, ...CALLS[method]);

/** Asserts an empty page: no items, and nothing after. */
function assertEmptyPage(page) {
	assert.equal(page.items.length, 0);
	assert.ok(page.next.isNone);
}

test('the node serves exactly the healthnet_* methods the package defines', { timeout: 60_000 }, async () => {
	const { methods } = await api.rpc.rpc.methods();
	const served = methods.map(String).filter((name) => name.startsWith('healthnet_'));
	const defined = Object.keys(rpc.healthnet).map((name) => `healthnet_${name}`);
	assert.deepEqual(served.sort(), defined.sort());
	assert.deepEqual(Object.keys(CALLS).sort(), Object.keys(rpc.healthnet).sort());
});

describe('surveillance, before anything is reported', { timeout: 120_000 }, () => {
	test('series and lineages are empty', async () => {
		for (const method of ['regionSeries', 'clusterSeries', 'regionLineages', 'clusterLineages']) {
			assert.equal((await answer(method)).length, 0, method);
		}
	});

	test("cluster 0 expects its three facilities and has heard from none", async () => {
		const completeness = await answer('completeness');
		assert.equal(completeness.expected.toNumber(), 3);
		assert.equal(completeness.reported.toNumber(), 0);
		assert.equal(completeness.onTime.toNumber(), 0);
		assert.deepEqual(completeness.missing.map((org) => org.toNumber()), [4, 5, 6]);
		assert.equal(completeness.late.length, 0);
	});

	test('no report, alert or guidance exists', async () => {
		assert.ok((await answer('reportHistory')).isNone);
		assertEmptyPage(await answer('openAlerts'));
		assertEmptyPage(await answer('unacknowledgedGuidance'));
	});
});

describe('records, before any is enrolled', { timeout: 120_000 }, () => {
	test('access is refused to a non-member, and for an unknown record to a clinician', async () => {
		const stranger = await answer('canAccess');
		assert.equal(stranger.type, 'Refused');
		assert.equal(stranger.asRefused.type, 'NotAMember');
		const clinician = await ask('canAccess', ferdie, unknownRecord, 'Immunization', 'Treatment');
		assert.equal(clinician.asRefused.type, 'UnknownRecord');
	});

	test('an unknown record has no key, entries, consents, trail, marks or recovery', async () => {
		assert.ok((await answer('record')).isNone);
		assert.ok((await answer('recordOfKey')).isNone);
		assert.equal((await answer('recordEntries')).length, 0);
		assert.equal((await answer('recordConsents')).length, 0);
		assert.equal((await answer('auditTrail')).length, 0);
		assert.ok((await answer('auditedAccess')).isNone);
		assert.ok((await ask('auditedAccess', unknownRecord, ferdie, { type: 'Observation' }, 'PublicHealth')).isNone);
		assert.ok((await answer('pendingRecovery')).isNone);
	});

	test('no emergency was declared', async () => {
		const tally = await answer('emergencyAccesses');
		assert.deepEqual(tally.toJSON(), { declared: 0, justified: 0, abusive: 0 });
		assert.ok((await answer('emergencyDeclaration')).isNone);
	});
});

describe('supply, before any lot is made', { timeout: 120_000 }, () => {
	test('no lot, stock, requisition, recall or quarantine exists', async () => {
		assertEmptyPage(await answer('stock'));
		assert.ok((await answer('lot')).isNone);
		assert.equal((await answer('lotTrace')).length, 0);
		assertEmptyPage(await answer('regionStock'));
		assertEmptyPage(await answer('openRequisitions'));
		assertEmptyPage(await answer('recalledLots'));
		assertEmptyPage(await answer('quarantinedStock'));
	});

	test('the reporting-gap check pages through organisations', async () => {
		const first = await answer('reportingGaps');
		assert.equal(first.items.length, 0);
		assert.equal(first.next.unwrap().toNumber(), 4, 'organisations 0 to 3 were read');
		const rest = await ask('reportingGaps', 'IN-KA', 'RA01', yesterday, 10, first.next, 100);
		assertEmptyPage(rest);
	});
});

describe('certificates, before any is issued', { timeout: 120_000 }, () => {
	test('an unknown certificate is Unknown, and nothing else is said of it', async () => {
		const verdict = await answer('verifyCertificate');
		assert.equal(verdict.verdict.type, 'Unknown');
		for (const field of ['latest', 'reason', 'at', 'by', 'lot', 'from', 'until']) {
			assert.ok(verdict[field].isNone, field);
		}
		assert.ok((await answer('certificate')).isNone);
	});

	test('the trust list is empty, and takes a key id as its cursor', async () => {
		assertEmptyPage(await answer('issuerKeys'));
		assertEmptyPage(await ask('issuerKeys', '0x0102030405060708', 10));
		assertEmptyPage(await answer('suspendedIssuers'));
	});
});

describe('instruments, channels and environment, before any is registered', { timeout: 120_000 }, () => {
	test('no instrument has attested anything', async () => {
		assert.ok((await answer('instrument')).isNone);
		assertEmptyPage(await answer('instruments'));
		assert.equal((await answer('attested')).length, 0);
	});

	test('no channel exists, so nobody may read one', async () => {
		assert.ok((await answer('channel')).isNone);
		assertEmptyPage(await answer('channelsOf'));
		assertEmptyPage(await answer('channelDocuments'));
		assert.equal((await answer('mayReadChannel')).isTrue, false);
		assert.ok((await answer('channelReadMark')).isNone);
		assertEmptyPage(await answer('channelReads'));
	});

	test('no monitor has read a level, and no threshold is set', async () => {
		assert.equal((await answer('regionLevels')).length, 0);
		assert.equal((await answer('clusterLevels')).length, 0);
		assert.equal((await answer('monitorReadings')).length, 0);
		assert.equal((await answer('levelThresholds')).length, 0);
	});
});

describe("bad arguments get the node's error", { timeout: 120_000 }, () => {
	test('every method passes on the error for a block the node does not know', async () => {
		const unknownBlock = `0x${'11'.repeat(32)}`;
		await quietly(async () => {
			for (const [method, args] of Object.entries(CALLS)) {
				await assert.rejects(
					api.rpc.healthnet[method](...args, unknownBlock),
					/the runtime could not answer/,
					`healthnet_${method}`,
				);
			}
		});
	});

	test('a malformed certificate id is refused: by polkadot-js, and by the node in its words', async () => {
		await quietly(() =>
			assert.rejects(
				async () => api.rpc.healthnet.verifyCertificate('0x12', 1, zeroHash),
				/Expected input with 16 bytes \(128 bits\), found 1 bytes/,
			),
		);
		await assert.rejects(
			provider.send('healthnet_verifyCertificate', ['0x12', 1, zeroHash]),
			/-32602: `0x12` is not a certificate id: give 0x and 32 hex digits/,
		);
	});

	test('the node refuses the JSON polkadot-js writes by default for two parameters', async () => {
		// What the registered types write is taken (above); what polkadot-js writes for an
		// enum with data, or for 8 bytes, is not: this is why those types exist.
		await assert.rejects(
			provider.send('healthnet_auditedAccess', [unknownRecord, ferdie, { entry: 0 }, 'Treatment']),
			/unknown variant `entry`/,
		);
		await assert.rejects(
			provider.send('healthnet_issuerKeys', ['0x0102030405060708', 10]),
			/invalid type: string/,
		);
	});

	test('polkadot-js refuses a missing argument before asking the node', async () => {
		await quietly(() =>
			assert.rejects(
				async () => api.rpc.healthnet.completeness(0, 'RA01'),
				/Expected 4 parameters \(1 optional\), 2 found/,
			),
		);
	});
});
