// A fresh dev node for a test file: started on loopback with free ports and a temporary base
// path, connected with Healthnet's definitions, and stopped whatever happens.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ApiPromise, WsProvider } from '@polkadot/api';

import { options } from '../index.js';

/** The node binary the tests run: $HEALTHNET_NODE, or the debug build. */
export const NODE_BINARY =
	process.env.HEALTHNET_NODE ?? join(homedir(), '.cache/healthnet/target/debug/healthnet-node');

/** The signals that end a test process early. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A TCP port nobody listens on now. */
async function freePort() {
	const server = createServer();
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The node's answer to `method`, over HTTP; throws while the node is not serving. */
export async function rpcOverHttp(port, method, params = []) {
	const response = await fetch(`http://127.0.0.1:${port}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
	});
	const answer = await response.json();
	if (answer.error) {
		throw new Error(`${method}: ${answer.error.message}`);
	}
	return answer.result;
}

/**
 * Starts `healthnet-node --dev --tmp` and waits until its RPC server answers. Returns the node
 * with its `url`, its `log()` and `stop()`, which ends it (and removes the log) and may be
 * called more than once.
 */
export async function startDevNode() {
	if (!existsSync(NODE_BINARY)) {
		throw new Error(
			`there is no node binary at ${NODE_BINARY}: build it (scripts/run builds it) or set HEALTHNET_NODE to one.`,
		);
	}
	const [rpcPort, p2pPort] = [await freePort(), await freePort()];
	const dir = mkdtempSync(join(tmpdir(), 'healthnet-js-'));
	const logPath = join(dir, 'node.log');
	const logFile = createWriteStream(logPath);
	const child = spawn(
		NODE_BINARY,
		[
			'--dev',
			'--tmp',
			'--rpc-port',
			String(rpcPort),
			'--no-prometheus',
			'--no-telemetry',
			'--no-mdns',
			'--listen-addr',
			`/ip4/127.0.0.1/tcp/${p2pPort}`,
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	child.stdout.pipe(logFile);
	child.stderr.pipe(logFile);
	let exited = null;
	child.once('exit', (code, signal) => {
		exited = signal ?? code;
	});
	// The node must not outlive the test process, even when a signal (Ctrl-C, a timeout) cuts
	// it short and its `after` hooks never run.
	const killOnExit = () => child.kill('SIGKILL');
	const killOnSignal = (signal) => {
		child.kill('SIGKILL');
		process.exit(128 + constants.signals[signal]);
	};
	process.once('exit', killOnExit);
	for (const signal of SIGNALS) {
		process.once(signal, killOnSignal);
	}

	const log = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
	const stop = async () => {
		process.removeListener('exit', killOnExit);
		for (const signal of SIGNALS) {
			process.removeListener(signal, killOnSignal);
		}
		if (exited === null) {
			child.kill('SIGTERM');
			const deadline = Date.now() + 15_000;
			while (exited === null && Date.now() < deadline) {
				await sleep(100);
			}
			if (exited === null) {
				child.kill('SIGKILL');
				await new Promise((resolve) => child.once('exit', resolve));
			}
		}
		logFile.end();
		rmSync(dir, { recursive: true, force: true });
	};

	const deadline = Date.now() + 120_000;
	for (;;) {
		if (exited !== null) {
			const tail = log().split('\n').slice(-20).join('\n');
			await stop();
			throw new Error(`the dev node exited (${exited}) before it served RPC; its last lines:\n${tail}`);
		}
		try {
			await rpcOverHttp(rpcPort, 'system_health');
			break;
		} catch {
			if (Date.now() > deadline) {
				const tail = log().split('\n').slice(-20).join('\n');
				await stop();
				throw new Error(`the dev node did not answer RPC on port ${rpcPort} within 120 s; its last lines:\n${tail}`);
			}
			await sleep(250);
		}
	}
	return { url: `ws://127.0.0.1:${rpcPort}`, rpcPort, log, stop };
}

/** An ApiPromise on `url` with Healthnet's definitions, and the provider it talks through. */
export async function connect(url, extra = {}) {
	const provider = new WsProvider(url, false);
	await provider.connect();
	const api = await ApiPromise.create(options({ provider, throwOnConnect: true, ...extra }));
	return { api, provider };
}

/** Waits until the chain has finalized block `number`, for at most `seconds`. */
export async function waitForFinalized(api, number, seconds = 120) {
	const deadline = Date.now() + seconds * 1000;
	for (;;) {
		const head = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
		if (head.number.toNumber() >= number) {
			return head;
		}
		if (Date.now() > deadline) {
			throw new Error(`block ${number} was not finalized within ${seconds} s`);
		}
		await sleep(500);
	}
}

/**
 * Runs `action` with polkadot-js's log of failed RPC calls held back: for tests whose calls
 * fail on purpose, and assert the failure themselves.
 */
export async function quietly(action) {
	const error = console.error;
	console.error = (...args) => {
		if (!args.some((arg) => /RPC-CORE/.test(String(arg)))) {
			error(...args);
		}
	};
	try {
		return await action();
	} finally {
		console.error = error;
	}
}
