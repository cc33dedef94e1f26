// The supply chain: stock, lots and their traces, a region's stock, open requisitions,
// recalls and quarantines, and the under-reporting check (node/src/rpc/supply.rs). Every
// listing answers a page of at most `limit` items (100 when not given, and never more) after
// a cursor: pass the page's `next` to read the following one, at the same block.

import { method, optional, param } from './method.js';

export const types = {
	HealthnetRecallReason: {
		_enum: [
			'QualityDefect',
			'Contamination',
			'Mislabelled',
			'SafetySignal',
			'RegulatoryAction',
		],
	},
	// Where a lot's units are: produced = held + inTransit + used + wasted.
	HealthnetLotTotals: {
		produced: 'u64',
		held: 'u64',
		inTransit: 'u64',
		used: 'u64',
		wasted: 'u64',
	},
	HealthnetStockFigures: {
		available: 'u64',
		quarantined: 'u64',
		recalled: 'u64',
		expired: 'u64',
	},
	// One lot of an organisation's stock: the node writes the figures beside the lot.
	HealthnetLotHolding: {
		lot: 'u32',
		available: 'u64',
		quarantined: 'u64',
		recalled: 'u64',
		expired: 'u64',
	},
	HealthnetLotHoldingPage: { items: 'Vec<HealthnetLotHolding>', next: 'Option<u32>' },
	// A lot number comes as the bytes of its text: `.toUtf8()` reads it.
	HealthnetLotView: {
		lot: 'u32',
		product: 'u32',
		number: 'Bytes',
		expiry: 'u32',
		totals: 'HealthnetLotTotals',
		recalled: 'Option<(u32, HealthnetRecallReason)>',
	},
	HealthnetSite: { _enum: { Holder: 'u32', Shipment: 'u32' } },
	HealthnetTraceStep: {
		_enum: {
			Made: { by: 'u32', quantity: 'u32' },
			Shipped: { shipment: 'u32', from: 'u32', to: 'u32', quantity: 'u32' },
			Received: { shipment: 'u32', accepted: 'u32', short: 'u32' },
			Returned: { shipment: 'u32', quantity: 'u32' },
			Excursion: { site: 'HealthnetSite', minutes: 'u32', quarantined: 'u32' },
			Released: { holder: 'u32', quantity: 'u32' },
			Condemned: { holder: 'u32', quantity: 'u32' },
			Counted: { holder: 'u32', counted: 'u32', difference: 'i64' },
			Recalled: { by: 'u32', reason: 'HealthnetRecallReason' },
		},
	},
	HealthnetTraceEntry: { block: 'u32', step: 'HealthnetTraceStep' },
	HealthnetStockLine: {
		holder: 'u32',
		lot: 'u32',
		product: 'u32',
		figures: 'HealthnetStockFigures',
	},
	HealthnetStockLinePage: { items: 'Vec<HealthnetStockLine>', next: 'Option<(u32, u32)>' },
	HealthnetOpenRequisition: {
		id: 'u32',
		requester: 'u32',
		product: 'u32',
		requested: 'u32',
		received: 'u32',
		awaitingRelease: 'u32',
	},
	HealthnetRequisitionPage: { items: 'Vec<HealthnetOpenRequisition>', next: 'Option<u32>' },
	// (holder, lot, units quarantined), after (holder, lot).
	HealthnetQuarantinePage: { items: 'Vec<(u32, u32, u32)>', next: 'Option<(u32, u32)>' },
	HealthnetGapFindings: { kits: 'bool', attestedTests: 'bool', attestedPositives: 'bool' },
	HealthnetReportingGap: {
		org: 'u32',
		testsUsed: 'u32',
		testsReported: 'Option<u32>',
		positivesReported: 'Option<u32>',
		testsAttested: 'u32',
		positivesAttested: 'u32',
		found: 'HealthnetGapFindings',
	},
	HealthnetReportingGapPage: { items: 'Vec<HealthnetReportingGap>', next: 'Option<u32>' },
};

const lot = param('lot', 'u32');
const limit = optional('limit', 'u32');

export const rpc = {
	stock: method(
		"An organisation's stock per lot after lot `after`: available, quarantined, recalled and expired units.",
		[param('org', 'u32'), optional('after', 'u32'), limit],
		'HealthnetLotHoldingPage',
	),
	lot: method(
		'A lot: product, number, expiry, where its units are, its recall; none when there is no such lot.',
		[lot],
		'Option<HealthnetLotView>',
	),
	lotTrace: method(
		'Every custody step, excursion, count, quarantine decision and recall of a lot, in order.',
		[lot],
		'Vec<HealthnetTraceEntry>',
	),
	regionStock: method(
		"The holdings in a region and the regions inside it, of one product (or of all when `product` is none): of a page of the chain's holdings after (holder, lot) `after`, those that match.",
		[optional('product', 'u32'), param('region', 'HealthnetText'), optional('after', '(u32, u32)'), limit],
		'HealthnetStockLinePage',
	),
	openRequisitions: method(
		'The requisitions still open or partly fulfilled, after requisition `after`.',
		[optional('after', 'u32'), limit],
		'HealthnetRequisitionPage',
	),
	recalledLots: method(
		'The recalled lots among lots `from`, `from + 1`, ...',
		[optional('from', 'u32'), limit],
		'HealthnetIdPage',
	),
	quarantinedStock: method(
		"The (holder, lot, units) quarantined after an excursion: of a page of the chain's holdings after (holder, lot) `after`, those with quarantined units.",
		[optional('after', '(u32, u32)'), limit],
		'HealthnetQuarantinePage',
	),
	reportingGaps: method(
		'The facilities of a region, among organisations `from`, `from + 1`, ..., whose test kits used for a disease on a day differ from the tests they reported by more than `tolerancePercent` of the larger, or whose reports are below what their instruments attested.',
		[
			param('region', 'HealthnetText'),
			param('disease', 'HealthnetText'),
			param('period', 'u32'),
			param('tolerancePercent', 'u8'),
			optional('from', 'u32'),
			limit,
		],
		'HealthnetReportingGapPage',
	),
};
