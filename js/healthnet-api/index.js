// Healthnet's JSON-RPC methods, types and transaction extensions for @polkadot/api.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { options } from '@healthnet/api';
//   const api = await ApiPromise.create(options({ provider: new WsProvider('ws://127.0.0.1:9944') }));
//   const series = await api.rpc.healthnet.regionSeries('IN-KA', 'RA01', 20000, 20030);
//
// The runtime APIs (api.call.surveillanceApi.regionSeries, ...) need nothing from here: the
// node's metadata (v15 and v16) describes them, and polkadot-js builds api.call from it.

import * as certificates from './src/certificates.js';
import * as channels from './src/channels.js';
import * as environment from './src/environment.js';
import * as instruments from './src/instruments.js';
import * as records from './src/records.js';
import * as supply from './src/supply.js';
import * as surveillance from './src/surveillance.js';
import { HealthnetText } from './src/text.js';

const domains = [surveillance, records, supply, certificates, instruments, channels, environment];

/** The `healthnet_*` methods, as the `rpc` option of ApiPromise.create. */
export const rpc = {
	healthnet: Object.assign({}, ...domains.map((domain) => domain.rpc)),
};

/** The types the methods' parameters and answers decode into, as the `types` option. */
export const types = Object.assign({ HealthnetText }, ...domains.map((domain) => domain.types));

/**
 * The transaction extensions polkadot-js does not know, as the `signedExtensions` option.
 * The membership gate (pallet_registry::CheckMembership) adds nothing to a transaction nor
 * to what its signer signs; polkadot-js knows every other extension of the runtime.
 */
export const signedExtensions = {
	CheckMembership: { extrinsic: {}, payload: {} },
};

/**
 * The options of ApiPromise.create (or ApiRx.create) for a Healthnet node: `provider` and any
 * other option given, with Healthnet's `rpc`, `types` and `signedExtensions` added to the
 * ones given.
 */
export function options({
	rpc: moreRpc = {},
	types: moreTypes = {},
	signedExtensions: moreExtensions = {},
	...rest
} = {}) {
	return {
		...rest,
		rpc: { ...rpc, ...moreRpc },
		types: { ...types, ...moreTypes },
		signedExtensions: { ...signedExtensions, ...moreExtensions },
	};
}

/**
 * The custom code of `InvalidTransaction` with which the membership gate refuses a signer the
 * chain does not know (healthnet_primitives::UNKNOWN_SIGNER).
 */
export const UNKNOWN_SIGNER = 1;

/**
 * A sentence for the reason a node gave for refusing a transaction (the error that
 * signAndSend rejects with, or its message): what the membership gate's code means, or the
 * node's own words for any other reason.
 */
export function refusalReason(error) {
	const message = String(error?.message ?? error);
	if (new RegExp(`custom error: ${UNKNOWN_SIGNER}\\b`, 'i').test(message)) {
		return (
			'the membership gate refused the transaction: the signing account is not a member ' +
			"account of an active organisation, a council member or a validator; ask the " +
			"organisation's admin to invite it, and accept the invitation with it."
		);
	}
	return message;
}

export { HealthnetAccessTarget } from './src/records.js';
export { HealthnetKeyCursor } from './src/certificates.js';
export { HealthnetText } from './src/text.js';
