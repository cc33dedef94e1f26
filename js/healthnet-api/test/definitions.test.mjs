// The definitions against their sources, without a node: every `healthnet_*` method the
// node's Rust declares is defined here with the same parameters, every type string resolves,
// and index.d.ts describes every method and type and compiles against @polkadot/api.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { Struct, TypeRegistry } from '@polkadot/types';
import { stringCamelCase } from '@polkadot/util';

import { rpc, types } from '../index.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const rustRpcDir = join(packageDir, '../../node/src/rpc');

/** Splits a parameter list at its top-level commas. */
function splitTopLevel(text) {
	const parts = [];
	let depth = 0;
	let current = '';
	for (const char of text) {
		if ('<(['.includes(char)) depth += 1;
		if ('>)]'.includes(char)) depth -= 1;
		if (char === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter(Boolean);
}

/** Every `#[method(name = ...)]` of node/src/rpc/*.rs: its name and parameters (name, type). */
function rustMethods() {
	const methods = new Map();
	for (const file of readdirSync(rustRpcDir).filter((name) => name.endsWith('.rs'))) {
		const source = readFileSync(join(rustRpcDir, file), 'utf8');
		const declaration = /#\[method\(name = "(\w+)"\)\]\s*fn \w+\(\s*&self,?([^)]*(?:\([^)]*\)[^)]*)*)\)\s*->/g;
		for (const [, name, params] of source.matchAll(declaration)) {
			const parsed = splitTopLevel(params).map((param) => {
				const [paramName, ...type] = param.split(':');
				return { name: paramName.trim(), type: type.join(':').replace(/\s+/g, ' ').trim() };
			});
			methods.set(name, { file, params: parsed });
		}
	}
	return methods;
}

/** The polkadot-js type that writes the JSON the node reads for a Rust parameter type. */
const RUST_TO_JS = {
	String: 'HealthnetText',
	u8: 'u8',
	u32: 'u32',
	Period: 'u32',
	ClusterId: 'u32',
	OrgId: 'u32',
	GuidanceId: 'u32',
	LotId: 'u32',
	ProductId: 'u32',
	RequisitionId: 'u32',
	ChannelId: 'u32',
	DocumentIndex: 'u32',
	EntryIndex: 'u32',
	ConsentId: 'u32',
	AuditIndex: 'u32',
	DeclarationId: 'u64',
	AccountId: 'AccountId',
	RecordId: 'H256',
	H256: 'H256',
	BlockHash: 'BlockHash',
	ResourceType: 'HealthnetResourceType',
	Purpose: 'HealthnetPurpose',
	Measure: 'HealthnetMeasure',
	AccessTarget: 'HealthnetAccessTarget',
	KeyId: 'HealthnetKeyCursor',
	AlertCursor: 'HealthnetAlertCursor',
	'(OrgId, LotId)': '(u32, u32)',
};

/** Parameters the node declares as text but parses further. */
const PARSED_TEXT = {
	// `0x` and 32 hex digits: 16 bytes, which polkadot-js writes as such.
	'verifyCertificate.id': '[u8; 16]',
	'certificate.id': '[u8; 16]',
};

function jsTypeOf(rustType) {
	const inner = /^Option<(.*)>$/.exec(rustType);
	if (inner) {
		return `Option<${jsTypeOf(inner[1])}>`;
	}
	assert.ok(rustType in RUST_TO_JS, `no polkadot-js type is known for the Rust type ${rustType}`);
	return RUST_TO_JS[rustType];
}

test('every healthnet_* method of the node is defined, with its parameters in order', () => {
	const methods = rustMethods();
	assert.equal(methods.size, 43, 'the node declares 43 healthnet_* methods');
	assert.deepEqual(Object.keys(rpc.healthnet).sort(), [...methods.keys()].sort());
	for (const [name, { file, params }] of methods) {
		const defined = rpc.healthnet[name].params;
		const expected = params.map((param) => ({
			name: stringCamelCase(param.name),
			type: PARSED_TEXT[`${name}.${param.name}`] ?? jsTypeOf(param.type),
			optional: param.type.startsWith('Option<'),
		}));
		assert.deepEqual(
			defined.map((param) => ({ name: param.name, type: param.type, optional: !!param.isOptional })),
			expected,
			`healthnet_${name} (node/src/rpc/${file})`,
		);
		assert.ok(rpc.healthnet[name].description.length > 20, `healthnet_${name} has a description`);
	}
});

test('every type a method names resolves in a registry with the definitions', () => {
	const registry = new TypeRegistry();
	registry.register(types);
	for (const [name, definition] of Object.entries(rpc.healthnet)) {
		for (const type of [definition.type, ...definition.params.map((param) => param.type)]) {
			assert.doesNotThrow(() => registry.createType(type), `healthnet_${name}: ${type}`);
		}
	}
	// No definition replaces one of polkadot-js's own.
	const plain = new TypeRegistry();
	assert.deepEqual(
		Object.keys(types).filter((name) => plain.hasType(name)),
		[],
	);
});

test("every field of a struct reads as a property of the decoded answer", () => {
	const registry = new TypeRegistry();
	registry.register(types);
	const hidden = [];
	for (const name of Object.keys(types)) {
		const codec = registry.createType(name);
		if (!(codec instanceof Struct)) {
			continue;
		}
		for (const field of codec.defKeys) {
			if (codec[field] !== codec.get(field)) {
				hidden.push(`${name}.${field}`);
			}
		}
	}
	assert.deepEqual(hidden, [], 'fields hidden behind a method of the codec');
});

test('parameters are written as the node reads them', () => {
	const registry = new TypeRegistry();
	registry.register(types);
	const json = (type, value) => registry.createType(type, value).toJSON();
	assert.deepEqual(json('HealthnetAccessTarget', { entry: 3 }), { Entry: 3 });
	assert.deepEqual(json('HealthnetAccessTarget', { Type: 'Observation' }), { Type: 'Observation' });
	assert.deepEqual(json('Option<HealthnetKeyCursor>', '0x0102030405060708'), [1, 2, 3, 4, 5, 6, 7, 8]);
	assert.equal(json('HealthnetPurpose', 'PublicHealth'), 'PublicHealth');
	// Text that looks like hex stays text (polkadot-js's Text would make '0x12' one character).
	assert.equal(json('HealthnetText', '0x12'), '0x12');
	assert.equal(json('Text', '0x12'), '\u0012');
	assert.equal(json('[u8; 16]', `0x${'AB'.repeat(16)}`), `0x${'ab'.repeat(16)}`);
	assert.deepEqual(json('Option<HealthnetAlertCursor>', ['IN', 'RA01', null, 20000]), ['IN', 'RA01', null, 20000]);
	// An argument left undefined in the middle of a call is the node's None, not a zero.
	assert.equal(json('Option<u32>', undefined), null);
});

test('index.d.ts describes every method and every type', () => {
	const declarations = readFileSync(join(packageDir, 'index.d.ts'), 'utf8');
	for (const name of Object.keys(rpc.healthnet)) {
		assert.match(declarations, new RegExp(`\\n\\t+${name}: AugmentedRpc<`), `healthnet_${name}`);
	}
	for (const name of Object.keys(types)) {
		assert.match(declarations, new RegExp(`\\n\\t+${name}: ${name};`), `InterfaceTypes.${name}`);
		assert.match(declarations, new RegExp(`(interface|class|type) ${name}\\b`), name);
	}
});

test('index.d.ts compiles, and types a method call and its answer', () => {
	const tsc = join(packageDir, 'node_modules/typescript/bin/tsc');
	try {
		execFileSync(process.execPath, [tsc, '--project', join(here, 'typescript/tsconfig.json')], {
			encoding: 'utf8',
		});
	} catch (error) {
		assert.fail(`tsc found errors:\n${error.stdout}${error.stderr}`);
	}
});
