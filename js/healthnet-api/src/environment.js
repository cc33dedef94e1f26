// Environmental monitoring: a region's or a cluster's days of a measure with their alerts, a
// monitor's readings, and a region's thresholds (node/src/rpc/environment.rs). A measure is
// `GammaDoseRate` (nSv/h) or `Pm25` (ng/m³): every value is in thousandths of µSv/h or µg/m³.

import { method, param } from './method.js';

export const types = {
	HealthnetMeasure: { _enum: ['GammaDoseRate', 'Pm25'] },
	HealthnetStatistic: { _enum: ['DailyMean', 'DailyMax'] },
	HealthnetAreaLevel: {
		monitors: 'u32',
		sumOfMeans: 'u64',
		highestMean: 'u32',
		highestMeanAt: 'u32',
		highestMax: 'u32',
		highestMaxAt: 'u32',
	},
	HealthnetLevelThreshold: { statistic: 'HealthnetStatistic', level: 'u32', setBy: 'u32' },
	HealthnetLevelAlert: { value: 'u32', threshold: 'HealthnetLevelThreshold', holder: 'u32' },
	HealthnetLevelDay: {
		day: 'u32',
		level: 'HealthnetAreaLevel',
		alert: 'Option<HealthnetLevelAlert>',
	},
	HealthnetReading: {
		day: 'u32',
		measure: 'HealthnetMeasure',
		mean: 'u32',
		max: 'u32',
		hours: 'u8',
	},
};

const measure = param('measure', 'HealthnetMeasure');
const from = param('from', 'u32');
const to = param('to', 'u32');

export const rpc = {
	regionLevels: method(
		"A region's days of `measure` from `from` to `to` (at most 366, cut there) with readings or an alert: its monitors' count, the sum of their means, the highest mean and maximum with who holds the monitor, and the alert. The empty code is the world.",
		[param('region', 'HealthnetText'), measure, from, to],
		'Vec<HealthnetLevelDay>',
	),
	clusterLevels: method(
		"A cluster's days of `measure`, as regionLevels (a cluster has no alerts).",
		[param('cluster', 'u32'), measure, from, to],
		'Vec<HealthnetLevelDay>',
	),
	monitorReadings: method(
		"A monitor's readings of `measure` from `from` to `to` (at most 366).",
		[param('monitor', 'AccountId'), measure, from, to],
		'Vec<HealthnetReading>',
	),
	levelThresholds: method(
		'The thresholds set on a region, by measure.',
		[param('region', 'HealthnetText')],
		'Vec<(HealthnetMeasure, HealthnetLevelThreshold)>',
	),
};
