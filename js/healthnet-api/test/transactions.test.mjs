// Signed transactions through api.tx on a fresh dev chain, and what the chain then answers.
// The demonstration registry's members act: the Bengaluru General Hospital (//Ferdie, org 4)
// reports yesterday's cases of a disease; Karnataka's authority (//Dave, org 2) sets two
// outbreak thresholds and opens a channel, shares a document in it and reads it; Pune Vaccine
// Works (//Dave//stash, org 8) registers a vaccine and makes a lot. Once all are finalized, the
// healthnet_* methods and the runtime APIs read them back at that block. A funded account in
// no organisation (//Ferdie//stash) is refused by the membership gate.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';

import { refusalReason, rpc, types } from '../index.js';
import { assertDecodesFully } from './decoded.mjs';
import { connect, quietly, startDevNode, waitForFinalized } from './node.mjs';

const DAY_MS = 86_400_000;
const period = Math.floor(Date.now() / DAY_MS) - 1; // yesterday: a period that has ended
const DISEASE = 'RA01'; // ICD-11 COVID-19
const counts = {
	suspected: 3,
	confirmed: 7,
	deaths: 0,
	recovered: 2,
	hospitalised: 1,
	testsPerformed: 40,
	testsPositive: 7,
};
const CHANNEL_NAME = 'Dengue line lists, Bengaluru';
const documentHash = blake2AsHex('a line list kept sealed by the gatekeeper');
const GTIN = '10614141000415'; // GS1's example GTIN, of Pune Vaccine Works' prefix 0614141
const LOT_NUMBER = 'PVW-2026-0001';

let node;
let api;
let keyring;
const warnings = [];
let at; // the finalized block every read below is made at
let reportEvents;
let lotId;
let productId;

/** `promise`, or an error after `seconds`. */
function within(seconds, what, promise) {
	let timer;
	const timeout = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: not finalized within ${seconds} s`)), seconds * 1000);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Signs and sends `tx` as `signer` (with `nonce`, or the next one) and resolves with its
 * block and events once finalized; rejects with the pallet's error when it fails.
 */
function submit(tx, signer, nonce = -1) {
	const sent = new Promise((resolve, reject) => {
		let unsubscribe = () => {};
		tx.signAndSend(signer, { nonce }, ({ status, events, dispatchError }) => {
			if (dispatchError) {
				unsubscribe();
				if (dispatchError.isModule) {
					const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
					reject(new Error(`${section}.${name}: ${docs.join(' ')}`));
				} else {
					reject(new Error(dispatchError.toString()));
				}
			} else if (status.isFinalized) {
				unsubscribe();
				resolve({ blockHash: status.asFinalized, events });
			} else if (status.isInvalid || status.isDropped || status.isUsurped) {
				unsubscribe();
				reject(new Error(`the transaction was ${status.type.toLowerCase()}`));
			}
		})
			.then((unsub) => {
				unsubscribe = unsub;
			})
			.catch(reject);
	});
	return within(120, tx.method.method, sent);
}

/** The first event `section.method` among `events`. */
function eventOf(events, section, method) {
	const found = events.find(({ event }) => event.section === section && event.method === method);
	assert.ok(found, `no ${section}.${method} event`);
	return found.event;
}

/** The decoded answer of healthnet_`method` at the block of the test, checked against its JSON. */
async function ask(method, ...args) {
	const decoded = await api.rpc.healthnet[method](...args, at);
	const json = await api.rpc.healthnet[method].raw(...args, at);
	assertDecodesFully(decoded, json, `healthnet_${method}`);
	return decoded;
}

before(async () => {
	await cryptoWaitReady();
	keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
	node = await startDevNode();
	const warn = console.warn;
	console.warn = (...args) => warnings.push(args.join(' '));
	try {
		({ api } = await connect(node.url));
	} finally {
		console.warn = warn;
	}
	await waitForFinalized(api, 1);
}, { timeout: 180_000 });

after(async () => {
	await api?.disconnect();
	await node?.stop();
}, { timeout: 60_000 });

describe('transaction extensions', { timeout: 120_000 }, () => {
	test('polkadot-js knows every extension of the runtime, with the definitions', () => {
		assert.deepEqual(api.registry.signedExtensions, [
			'CheckNonZeroSender',
			'CheckMembership',
			'CheckSpecVersion',
			'CheckTxVersion',
			'CheckGenesis',
			'CheckMortality',
			'CheckNonce',
			'CheckWeight',
			'ChargeTransactionPayment',
			'WeightReclaim',
		]);
		assert.deepEqual(warnings.filter((warning) => /signed extension/i.test(warning)), []);
	});

	test('without them polkadot-js warns of the membership gate', async () => {
		const warn = console.warn;
		const heard = [];
		console.warn = (...args) => heard.push(args.join(' '));
		try {
			const provider = new WsProvider(node.url, false);
			await provider.connect();
			const bare = await ApiPromise.create({ provider, rpc, types, throwOnConnect: true });
			await bare.disconnect();
		} finally {
			console.warn = warn;
		}
		assert.ok(
			heard.some((warning) => /Unknown signed extensions CheckMembership found/.test(warning)),
			`warnings: ${heard.join('\n')}`,
		);
	});

	test('the metadata says the membership gate adds nothing to sign or send', () => {
		const gate = api.registry.metadata.extrinsic.transactionExtensions.find((extension) =>
			extension.identifier.eq('CheckMembership'),
		);
		assert.ok(gate, 'the metadata names CheckMembership');
		for (const type of [gate.type, gate.implicit]) {
			const codec = api.registry.createType(api.registry.createLookupType(type));
			assert.equal(codec.toU8a().length, 0, codec.toRawType());
		}
	});
});

describe('members transact', { timeout: 400_000 }, () => {
	before(async () => {
		const hospital = keyring.addFromUri('//Ferdie');
		const karnataka = keyring.addFromUri('//Dave');
		const manufacturer = keyring.addFromUri('//Dave//stash');
		const tx = api.tx;

		const report = submit(
			tx.surveillance.submitReport(DISEASE, period, counts, [['JN.1', 4]]),
			hospital,
		);

		// Karnataka's five transactions in a row, numbered so that the pool takes them in order.
		const first = (await api.rpc.system.accountNextIndex(karnataka.address)).toNumber();
		const expires = Date.now() + 7 * DAY_MS;
		const authority = Promise.all(
			[
				tx.surveillance.setThreshold('IN-KA', DISEASE, null, 5),
				tx.surveillance.setThreshold('IN-KA', DISEASE, 'JN.1', 3),
				tx.channels.createChannel(CHANNEL_NAME, 'OutbreakInvestigation', expires),
				tx.channels.shareDocument(0, 'LineList', documentHash),
				tx.channels.recordRead(0, 0),
			].map((call, index) => submit(call, karnataka, first + index)),
		);

		const supply = (async () => {
			const registered = await submit(
				tx.supply.registerProduct(GTIN, 'Vaccine', 'Dose', [20, 80], 60, 24, null),
				manufacturer,
			);
			productId = eventOf(registered.events, 'supply', 'ProductRegistered').data.product.toNumber();
			const made = await submit(tx.supply.createLot(productId, LOT_NUMBER, period + 400, 1000), manufacturer);
			lotId = eventOf(made.events, 'supply', 'LotCreated').data.lot.toNumber();
		})();

		reportEvents = (await report).events;
		await authority;
		await supply;
		at = await api.rpc.chain.getFinalizedHead();
	});

	test('the hospital reports and the chain says so', () => {
		const submitted = eventOf(reportEvents, 'surveillance', 'ReportSubmitted');
		assert.equal(submitted.data.org.toNumber(), 4);
		assert.equal(submitted.data.disease.toUtf8(), DISEASE);
		assert.equal(submitted.data.period.toNumber(), period);
		assert.equal(submitted.data.onTime.isTrue, true);
	});

	test("healthnet_reportHistory reads the report's first version back", async () => {
		const history = (await ask('reportHistory', 4, DISEASE, period)).unwrap();
		assert.equal(history.report.version.toNumber(), 1);
		assert.equal(history.report.status.type, 'Pending');
		assert.equal(history.report.onTime.isTrue, true);
		assert.equal(history.report.cluster.unwrap().toNumber(), 0);
		assert.equal(history.versions.length, 1);
		const [version] = history.versions;
		assert.deepEqual(version.counts.toJSON(), counts);
		assert.deepEqual(
			version.variants.map(([lineage, cases]) => [lineage.toUtf8(), cases.toNumber()]),
			[['JN.1', 4]],
		);
		assert.equal(version.submittedBy.toString(), keyring.addFromUri('//Ferdie').address);
		assert.ok(version.relayedBy.isNone);
	});

	test('the totals of the cluster, the district, the state, the country and the world hold it', async () => {
		const totals = { ...counts, reports: 1 };
		for (const region of ['IN-KA-BLR', 'IN-KA', 'IN', '']) {
			const series = await ask('regionSeries', region, DISEASE, period - 3, period);
			assert.deepEqual(series.toJSON(), [{ period, totals }], `region "${region}"`);
		}
		const cluster = await ask('clusterSeries', 0, DISEASE, period - 3, period);
		assert.deepEqual(cluster.toJSON(), [{ period, totals }]);
		for (const lineages of [
			await ask('regionLineages', 'IN-KA', DISEASE, period, period),
			await ask('clusterLineages', 0, DISEASE, period, period),
		]) {
			assert.deepEqual(lineages.toJSON(), [{ period, lineages: [{ lineage: 'JN.1', confirmed: 4 }], others: 0 }]);
		}
	});

	test('completeness counts the hospital as reported on time, the two clinics as missing', async () => {
		const completeness = await ask('completeness', 0, DISEASE, period);
		assert.deepEqual(completeness.toJSON(), { expected: 3, reported: 1, onTime: 1, missing: [5, 6], late: [] });
	});

	test("the runtime API answers what the RPC does, from the metadata's types", async () => {
		// api.call comes from the metadata's own description of the runtime APIs (v15 on).
		assert.ok(api.runtimeMetadata.version >= 15, `metadata v${api.runtimeMetadata.version}`);
		const described = api.runtimeMetadata.asLatest.apis.map((runtimeApi) => runtimeApi.name.toString());
		for (const name of ['SurveillanceApi', 'RecordsApi', 'SupplyApi', 'CertificatesApi', 'ChannelsApi', 'InstrumentsApi', 'EnvironmentApi', 'NetworkApi']) {
			assert.ok(described.includes(name), name);
		}
		const apiAt = await api.at(at);
		const series = await apiAt.call.surveillanceApi.regionSeries('IN-KA', DISEASE, period, period);
		assert.equal(series.length, 1);
		const [[seriesPeriod, totals]] = series;
		assert.equal(seriesPeriod.toNumber(), period);
		assert.equal(totals.confirmed.toNumber(), 7);
		const viaRpc = await ask('regionSeries', 'IN-KA', DISEASE, period, period);
		assert.deepEqual(totals.toJSON(), viaRpc[0].totals.toJSON());

		const history = (await apiAt.call.surveillanceApi.reportHistory(4, DISEASE, period)).unwrap();
		assert.equal(history.versions.length, 1);
		assert.deepEqual(history.versions[0].counts.toJSON(), counts);
		assert.equal(history.versions[0].submittedBy.toString(), keyring.addFromUri('//Ferdie').address);

		const lot = (await apiAt.call.supplyApi.lot(lotId)).unwrap();
		assert.equal(lot.number.toUtf8(), LOT_NUMBER);
		const channel = (await apiAt.call.channelsApi.channel(0)).unwrap();
		assert.equal(channel.name.toUtf8(), CHANNEL_NAME);
		assert.equal((await apiAt.call.networkApi.allowedNodes()).length, 0, 'the dev network is open');
	});

	test("Karnataka's thresholds open two alerts, read a page at a time", async () => {
		const first = await ask('openAlerts', 'IN', null, 1);
		assert.equal(first.items.length, 1);
		assert.ok(first.next.isSome);
		const second = await ask('openAlerts', 'IN', first.next, 1);
		assert.equal(second.items.length, 1);
		assert.ok(second.next.isNone);
		const alerts = [...first.items, ...second.items].map((alert) => alert.toJSON());
		assert.deepEqual(
			alerts.sort((a, b) => String(a.lineage).localeCompare(String(b.lineage))),
			[
				{ region: 'IN-KA', disease: DISEASE, lineage: 'JN.1', period, confirmed: 4, threshold: 3 },
				{ region: 'IN-KA', disease: DISEASE, lineage: null, period, confirmed: 7, threshold: 5 },
			],
		);
	});

	test('the reporting-gap check finds tests reported with no test kits used', async () => {
		const gaps = await ask('reportingGaps', 'IN-KA', DISEASE, period, 10, 4, 1);
		assert.deepEqual(gaps.toJSON(), {
			items: [
				{
					org: 4,
					testsUsed: 0,
					testsReported: 40,
					positivesReported: 7,
					testsAttested: 0,
					positivesAttested: 0,
					found: { kits: true, attestedTests: false, attestedPositives: false },
				},
			],
			next: 5,
		});
	});

	test("the channel holds Karnataka's document and its read", async () => {
		const dave = keyring.addFromUri('//Dave').address;
		const ferdie = keyring.addFromUri('//Ferdie').address;
		const channel = (await ask('channel', 0)).unwrap();
		assert.equal(channel.name.toUtf8(), CHANNEL_NAME);
		assert.equal(channel.purpose.type, 'OutbreakInvestigation');
		assert.equal(channel.creator.toNumber(), 2);
		assert.deepEqual(channel.members.toJSON(), [2]);
		assert.equal(channel.documents.toNumber(), 1);
		assert.equal(channel.closed.isTrue, false);
		assert.deepEqual((await ask('channelsOf', 2, null, 10)).toJSON(), { items: [0], next: null });
		const documents = await ask('channelDocuments', 0, null, 10);
		assert.equal(documents.items.length, 1);
		const [shared] = documents.items;
		assert.equal(shared.hash_.toHex(), documentHash);
		assert.equal(shared.kind.type, 'LineList');
		assert.equal(shared.author.toNumber(), 2);
		assert.equal(shared.sharedBy.toString(), dave);
		assert.equal((await ask('mayReadChannel', 0, dave)).isTrue, true);
		assert.equal((await ask('mayReadChannel', 0, ferdie)).isTrue, false, 'the hospital is no member');
		assert.equal((await ask('channelReadMark', 0, 0, dave)).unwrap().count.toNumber(), 1);
		const reads = await ask('channelReads', 0, 0, null, 10);
		assert.deepEqual(
			reads.items.map((line) => [line.index.toNumber(), line.reader.toString(), line.mark.count.toNumber()]),
			[[0, dave, 1]],
		);
	});

	test("the manufacturer's lot, its trace and its stock", async () => {
		const lot = (await ask('lot', lotId)).unwrap();
		assert.equal(lot.product.toNumber(), productId);
		assert.equal(lot.number.toUtf8(), LOT_NUMBER);
		assert.equal(lot.expiry.toNumber(), period + 400);
		assert.deepEqual(lot.totals.toJSON(), { produced: 1000, held: 1000, inTransit: 0, used: 0, wasted: 0 });
		assert.ok(lot.recalled.isNone);
		const trace = await ask('lotTrace', lotId);
		assert.equal(trace.length, 1);
		assert.equal(trace[0].step.type, 'Made');
		assert.deepEqual(trace[0].step.asMade.toJSON(), { by: 8, quantity: 1000 });
		const stock = await ask('stock', 8, null, 10);
		assert.deepEqual(stock.toJSON(), {
			items: [{ lot: lotId, available: 1000, quarantined: 0, recalled: 0, expired: 0 }],
			next: null,
		});
		const maharashtra = await ask('regionStock', productId, 'IN-MH', null, 10);
		assert.deepEqual(
			maharashtra.items.map((line) => [line.holder.toNumber(), line.lot.toNumber(), line.figures.available.toNumber()]),
			[[8, lotId, 1000]],
		);
		assert.equal((await ask('regionStock', null, 'IN-KA', null, 10)).items.length, 0);
	});
});

test('example.mjs prints the week, the cluster and the alerts', { timeout: 60_000 }, async () => {
	const example = join(dirname(fileURLToPath(import.meta.url)), '../example.mjs');
	const { stdout } = await promisify(execFile)(process.execPath, [example, node.url, DISEASE], { timeout: 60_000 });
	const day = new Date(period * DAY_MS).toISOString().slice(0, 10);
	const lines = stdout.split('\n');
	assert.match(lines[0], /^Healthnet Development, finalized block \d+$/);
	assert.deepEqual(lines.slice(1, 5), [
		`${DISEASE}, the last 7 days: 1 day(s) with reports`,
		`  ${day}: 7 confirmed, 3 suspected, 7/40 tests positive, from 1 report(s)`,
		'cluster 0 yesterday: 1 of 3 facilities reported, 1 on time; missing: 5, 6',
		'open alerts: 2',
	]);
	// The alerts come in the chain's order.
	assert.deepEqual(lines.slice(5).sort(), [
		'',
		`  IN-KA ${DISEASE} JN.1: 4 confirmed, threshold 3`,
		`  IN-KA ${DISEASE}: 7 confirmed, threshold 5`,
	]);
});

describe('the membership gate', { timeout: 120_000 }, () => {
	test('refuses a funded account in no organisation, and says why', async () => {
		const stranger = keyring.addFromUri('//Ferdie//stash');
		const before = await api.query.system.account(stranger.address);
		assert.ok(before.data.free.toBigInt() > 0n, 'the stranger is funded');
		const transfer = api.tx.balances.transferKeepAlive(keyring.addFromUri('//Ferdie').address, 10n ** 12n);
		const error = await quietly(() =>
			submit(transfer, stranger).then(
				() => assert.fail('the gate let a non-member transact'),
				(refused) => refused,
			),
		);
		assert.match(error.message, /^1010: Invalid Transaction: Custom error: 1$/);
		assert.match(refusalReason(error), /^the membership gate refused the transaction/);
		const after = await api.query.system.account(stranger.address);
		assert.equal(after.nonce.toNumber(), 0);
		assert.equal(after.data.free.toBigInt(), before.data.free.toBigInt());
	});
});
