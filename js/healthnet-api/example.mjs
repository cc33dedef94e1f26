// A week of a disease on a Healthnet chain, through the healthnet_* methods:
//
//   node example.mjs ws://127.0.0.1:9944 [disease code, RA01 by default]

import { ApiPromise, WsProvider } from '@polkadot/api';

import { options } from '@healthnet/api';

const [url, disease = 'RA01'] = process.argv.slice(2);
if (!url) {
	console.error('usage: node example.mjs <node url, such as ws://127.0.0.1:9944> [disease code]');
	process.exit(2);
}

const provider = new WsProvider(url, false);
try {
	await provider.connect();
} catch {
	console.error(`could not reach the node at ${url}; is scripts/run running?`);
	process.exit(1);
}
const api = await ApiPromise.create(options({ provider }));

// Read everything at one block, so that the figures agree with one another.
const at = await api.rpc.chain.getFinalizedHead();
const { number } = await api.rpc.chain.getHeader(at);
const today = Math.floor(Date.now() / 86_400_000);
console.log(`${await api.rpc.system.chain()}, finalized block ${number.toNumber()}`);

// The world's totals ("" is the whole world) of each day of the last week that has reports.
const series = await api.rpc.healthnet.regionSeries('', disease, today - 7, today, at);
console.log(`${disease}, the last 7 days: ${series.length} day(s) with reports`);
for (const { period, totals } of series) {
	const day = new Date(period.toNumber() * 86_400_000).toISOString().slice(0, 10);
	console.log(
		`  ${day}: ${totals.confirmed} confirmed, ${totals.suspected} suspected, ` +
			`${totals.testsPositive}/${totals.testsPerformed} tests positive, from ${totals.reports} report(s)`,
	);
}

// How many facilities of the first cluster have reported yesterday.
const completeness = await api.rpc.healthnet.completeness(0, disease, today - 1, at);
console.log(
	`cluster 0 yesterday: ${completeness.reported} of ${completeness.expected} facilities reported, ` +
		`${completeness.onTime} on time; missing: ${completeness.missing.join(', ') || 'none'}`,
);

// The alerts still open anywhere, a page of at most 100.
const alerts = await api.rpc.healthnet.openAlerts('', null, 100, at);
console.log(`open alerts: ${alerts.items.length}`);
for (const alert of alerts.items) {
	const what = alert.lineage.isSome ? `${alert.disease} ${alert.lineage.unwrap()}` : `${alert.disease}`;
	console.log(`  ${alert.region} ${what}: ${alert.confirmed} confirmed, threshold ${alert.threshold}`);
}

await api.disconnect();
