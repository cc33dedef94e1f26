// Whether a decoded answer holds everything the node's JSON said. polkadot-js fills a struct
// field that the JSON lacks with its default (0, none, empty) without a word, so a field
// named differently from the node's would read as zero: this walks the JSON and the codec
// together and fails on any field, variant or value that did not come across.

import assert from 'node:assert/strict';

import { Enum, Option, Struct, Tuple, Vec, bool } from '@polkadot/types';
import { stringCamelCase, u8aToHex } from '@polkadot/util';

/** A codec's value as a number, for comparison with a JSON number. */
function numberOf(codec) {
	return Number(codec.toBigInt());
}

/** Asserts that `codec` (what polkadot-js decoded) carries all of `json` (what the node sent). */
export function assertDecodesFully(codec, json, path = 'answer') {
	if (codec instanceof Option) {
		if (json === null) {
			assert.ok(codec.isNone, `${path}: the node said null, the codec holds a value`);
			return;
		}
		assert.ok(codec.isSome, `${path}: the node said ${JSON.stringify(json)}, the codec holds none`);
		assertDecodesFully(codec.unwrap(), json, path);
		return;
	}
	if (codec instanceof Struct) {
		assert.equal(typeof json, 'object', `${path}: expected an object, the node said ${JSON.stringify(json)}`);
		const fields = new Set(codec.defKeys);
		for (const [key, value] of Object.entries(json)) {
			// A field named like a method of every codec carries a `_` (`hash_`).
			const camel = stringCamelCase(key);
			const field = fields.has(camel) ? camel : `${camel}_`;
			assert.ok(fields.has(field), `${path}: the node's field \`${key}\` has no place in ${codec.toRawType()}`);
			assertDecodesFully(codec.get(field), value, `${path}.${key}`);
			fields.delete(field);
		}
		// Fields the node left out (serde skips some nones) must have decoded as none.
		for (const field of fields) {
			const value = codec.get(field);
			assert.ok(value instanceof Option && value.isNone, `${path}: \`${field}\` was not in the node's answer`);
		}
		return;
	}
	if (codec instanceof Enum) {
		const [name, inner] = typeof json === 'string' ? [json, undefined] : Object.entries(json)[0];
		assert.equal(codec.type.toLowerCase(), name.toLowerCase(), `${path}: variant`);
		if (inner !== undefined) {
			assertDecodesFully(codec.value, inner, `${path}.${name}`);
		}
		return;
	}
	if (codec instanceof Uint8Array) {
		// Bytes and fixed byte arrays: the node writes them as numbers or as 0x hex; an
		// account as SS58 text.
		if (Array.isArray(json)) {
			assert.deepEqual(Array.from(codec), json, `${path}: bytes`);
		} else if (json.startsWith('0x')) {
			assert.equal(u8aToHex(codec), json, `${path}: bytes`);
		} else {
			assert.equal(codec.toString(), json, `${path}: account`);
		}
		return;
	}
	if (codec instanceof Vec || codec instanceof Tuple) {
		assert.ok(Array.isArray(json), `${path}: expected an array, the node said ${JSON.stringify(json)}`);
		assert.equal(codec.length, json.length, `${path}: length`);
		codec.forEach((item, index) => assertDecodesFully(item, json[index], `${path}[${index}]`));
		return;
	}
	if (codec instanceof bool) {
		assert.equal(codec.valueOf(), json, path);
		return;
	}
	if (typeof json === 'number') {
		assert.equal(numberOf(codec), json, path);
		return;
	}
	// Text and accounts (SS58 text).
	assert.equal(codec.toString(), json, path);
}
