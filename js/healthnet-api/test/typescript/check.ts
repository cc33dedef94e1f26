// Compiled by definitions.test.mjs, never run: a TypeScript app's view of the package. Each
// `@ts-expect-error` is a mistake the types must catch; tsc fails if one is not caught.

import { ApiPromise, WsProvider } from '@polkadot/api';

import { options, refusalReason, rpc, signedExtensions, types, UNKNOWN_SIGNER } from '@healthnet/api';
import type { HealthnetPeriodTotals, HealthnetVerdict } from '@healthnet/api';

export async function read(url: string): Promise<number> {
	const api = await ApiPromise.create(options({ provider: new WsProvider(url) }));
	const series = await api.rpc.healthnet.regionSeries('IN-KA', 'RA01', 20000, 20030);
	const first: HealthnetPeriodTotals | undefined = series[0];
	const confirmed: bigint = first ? first.totals.confirmed.toBigInt() : 0n;

	const history = await api.rpc.healthnet.reportHistory(4, 'RA01', 20000);
	if (history.isSome) {
		const status: 'Pending' | 'Approved' | 'Rejected' | 'Voided' = history.unwrap().report.status.type;
		const lineage: string = history.unwrap().versions[0].variants[0][0].toUtf8();
		void status;
		void lineage;
	}
	const alerts = await api.rpc.healthnet.openAlerts('IN', null, 10);
	await api.rpc.healthnet.openAlerts('IN', alerts.next, 10, '0x00');
	const verdict: HealthnetVerdict = await api.rpc.healthnet.verifyCertificate('0x' + '0'.repeat(32), 1, '0x' + '0'.repeat(64));
	const valid: boolean = verdict.verdict.isValid;
	await api.rpc.healthnet.auditedAccess('0x' + '0'.repeat(64), '5F', { Entry: 1 }, 'Treatment');
	const mark = await api.rpc.healthnet.channelReadMark(0, 0, '5F');
	const reads: number = mark.isSome ? mark.unwrap().count.toNumber() : 0;
	const keys = await api.rpc.healthnet.issuerKeys();
	await api.rpc.healthnet.issuerKeys(keys.next, 10);
	const trace = await api.rpc.healthnet.lotTrace(0);
	const made: number = trace.length && trace[0].step.isMade ? trace[0].step.asMade.quantity.toNumber() : 0;
	const created = api.createType('HealthnetTotals', { confirmed: 3 });

	// @ts-expect-error a cluster is a number, not a region code
	await api.rpc.healthnet.clusterSeries({ region: 'IN' }, 'RA01', 1, 2);
	// @ts-expect-error completeness needs the period
	await api.rpc.healthnet.completeness(0, 'RA01');
	// @ts-expect-error a purpose is one of HL7's four
	await api.rpc.healthnet.canAccess('5F', '0x00', 'Observation', 'Curiosity');
	// @ts-expect-error totals have no field `cases`
	void series[0].totals.cases;

	const defined: number = Object.keys(rpc.healthnet).length + Object.keys(types).length + Object.keys(signedExtensions).length;
	const code: 1 = UNKNOWN_SIGNER;
	const sentence: string = refusalReason(new Error('1010: Invalid Transaction: Custom error: 1'));
	void sentence;
	return Number(confirmed) + Number(valid) + reads + made + defined + code + created.reports.toNumber();
}
