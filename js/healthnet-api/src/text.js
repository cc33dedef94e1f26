// Text as the node writes and reads it in JSON.

import { Text } from '@polkadot/types';

/**
 * Text whose string is the text itself. polkadot-js's Text reads a string that looks like
 * hex (`0x` and an even number of hex digits) as the bytes it encodes, so `'0x12'` would
 * become the one character U+0012; a String object is read as it is.
 */
export class HealthnetText extends Text {
	constructor(registry, value) {
		// eslint-disable-next-line no-new-wrappers -- the wrapper is what keeps it text
		super(registry, typeof value === 'string' ? new String(value) : value);
	}
}
