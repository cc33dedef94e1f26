// Surveillance: series of totals and of lineages, completeness, report histories, open alerts
// and unacknowledged guidance (node/src/rpc/surveillance.rs). Region and disease codes are
// text (`"IN-KA"`, `"RA01"`; `""` is the whole world); a period is a day counted from
// 1970-01-01.

import { method, optional, param } from './method.js';

export const types = {
	// The counts of one facility, disease and day; never a person.
	HealthnetCounts: {
		suspected: 'u32',
		confirmed: 'u32',
		deaths: 'u32',
		recovered: 'u32',
		hospitalised: 'u32',
		testsPerformed: 'u32',
		testsPositive: 'u32',
	},
	// The sum of many facilities' counts, and how many reports it holds.
	HealthnetTotals: {
		suspected: 'u64',
		confirmed: 'u64',
		deaths: 'u64',
		recovered: 'u64',
		hospitalised: 'u64',
		testsPerformed: 'u64',
		testsPositive: 'u64',
		reports: 'u32',
	},
	HealthnetPeriodTotals: { period: 'u32', totals: 'HealthnetTotals' },
	HealthnetLineageCases: { lineage: 'HealthnetText', confirmed: 'u64' },
	HealthnetLineagePeriod: { period: 'u32', lineages: 'Vec<HealthnetLineageCases>', others: 'u64' },
	HealthnetCompletenessReport: {
		expected: 'u32',
		reported: 'u32',
		onTime: 'u32',
		missing: 'Vec<u32>',
		late: 'Vec<u32>',
	},
	HealthnetRejectionReason: {
		_enum: ['IncompleteCounts', 'ImplausibleCounts', 'WrongDisease', 'WrongPeriod', 'Duplicate'],
	},
	HealthnetVoidReason: { _enum: ['Duplicate', 'Fraudulent', 'WrongFacility', 'EnteredInError'] },
	HealthnetReportStatus: {
		_enum: {
			Pending: 'Null',
			Approved: 'Null',
			Rejected: 'HealthnetRejectionReason',
			Voided: 'HealthnetVoidReason',
		},
	},
	HealthnetReport: {
		version: 'u32',
		status: 'HealthnetReportStatus',
		submittedAt: 'u32',
		onTime: 'bool',
		reopened: 'u32',
		cluster: 'Option<u32>',
	},
	// A lineage's name comes as the bytes of its text: `.toUtf8()` reads it.
	HealthnetReportVersion: {
		counts: 'HealthnetCounts',
		variants: 'Vec<(Bytes, u32)>',
		submittedBy: 'AccountId',
		relayedBy: 'Option<AccountId>',
		at: 'u32',
	},
	HealthnetReportHistory: { report: 'HealthnetReport', versions: 'Vec<HealthnetReportVersion>' },
	HealthnetAlertView: {
		region: 'HealthnetText',
		disease: 'HealthnetText',
		lineage: 'Option<HealthnetText>',
		period: 'u32',
		confirmed: 'u64',
		threshold: 'u32',
	},
	// Where an alert stands in a region's list: (region, disease, lineage, period).
	HealthnetAlertCursor: '(HealthnetText, HealthnetText, Option<HealthnetText>, u32)',
	HealthnetAlertPage: { items: 'Vec<HealthnetAlertView>', next: 'Option<HealthnetAlertCursor>' },
	// A page of ids (organisations, lots, channels) and the id to read on from.
	HealthnetIdPage: { items: 'Vec<u32>', next: 'Option<u32>' },
};

const region = param('region', 'HealthnetText');
const cluster = param('cluster', 'u32');
const disease = param('disease', 'HealthnetText');
const from = param('from', 'u32');
const to = param('to', 'u32');
const period = param('period', 'u32');

export const rpc = {
	regionSeries: method(
		"A region's totals of a disease per period from `from` to `to` (days since 1970-01-01), at most 366 periods; periods without reports are left out.",
		[region, disease, from, to],
		'Vec<HealthnetPeriodTotals>',
	),
	clusterSeries: method(
		"A cluster's totals of a disease per period from `from` to `to`.",
		[cluster, disease, from, to],
		'Vec<HealthnetPeriodTotals>',
	),
	regionLineages: method(
		"A region's confirmed cases of a disease per lineage, for each period from `from` to `to` (at most 366) that has any.",
		[region, disease, from, to],
		'Vec<HealthnetLineagePeriod>',
	),
	clusterLineages: method(
		"A cluster's confirmed cases of a disease per lineage, for each period that has any.",
		[cluster, disease, from, to],
		'Vec<HealthnetLineagePeriod>',
	),
	completeness: method(
		"A cluster's reporting for a disease and period, from its current members: expected, reported, on time, missing and late facilities.",
		[cluster, disease, period],
		'HealthnetCompletenessReport',
	),
	reportHistory: method(
		'A report and every version of it, oldest first; none when there is no such report.',
		[param('org', 'u32'), disease, period],
		'Option<HealthnetReportHistory>',
	),
	openAlerts: method(
		'The alerts still above their thresholds in a region and every region inside it, a page after the cursor `after`.',
		[region, optional('after', 'HealthnetAlertCursor'), optional('limit', 'u32')],
		'HealthnetAlertPage',
	),
	unacknowledgedGuidance: method(
		'The reporting facilities a guidance addresses that have not acknowledged it, among organisations `from`, `from + 1`, ... (a page of at most `limit`, and 100, read).',
		[param('guidance', 'u32'), optional('from', 'u32'), optional('limit', 'u32')],
		'HealthnetIdPage',
	),
};
