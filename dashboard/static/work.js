// The daily work's pages: the facility's form and the reviewer's queue. The dashboard prepares
// each transaction; the wallet (window.injectedWeb3, the standard interface) signs its payload
// here, in the browser; the dashboard checks the signature, sends the transaction, and this page
// follows it to finality. No key is ever seen by the page or the dashboard.
(function () {
	'use strict';
	const statusList = document.getElementById('write-status');
	const csrfInput = document.querySelector('#account input[name="csrf"]');
	const csrf = csrfInput ? csrfInput.value : '';

	const post = async (path, body) => {
		const answer = await fetch(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify(Object.assign({ csrf }, body)),
		});
		const json = await answer.json().catch(() => ({ error: 'The dashboard gave no answer.' }));
		if (!answer.ok) {
			const error = new Error(json.error || 'The dashboard refused.');
			error.status = answer.status;
			throw error;
		}
		return json;
	};
	const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

	// The wallet the visitor signed in with (remembered by the sign-in page), else the first.
	async function wallet() {
		const wallets = window.injectedWeb3 || {};
		const name = sessionStorage.getItem('healthnet-wallet') || Object.keys(wallets)[0];
		if (!name || !wallets[name]) {
			const missing = new Error('No wallet extension was found in this browser: install polkadot{.js} or a peer, add your account, and reload this page.');
			missing.wallet = true;
			throw missing;
		}
		return wallets[name].enable('Healthnet dashboard');
	}

	function line(text) {
		const item = document.createElement('li');
		item.textContent = text;
		statusList.append(item);
		return item;
	}

	// Signs each prepared write in order, sends it, and follows it until it is final; stops at
	// the first that fails (the next ones count on its nonce). Resolves to whether all did;
	// `outcome` says why not: `failed` is 'unsigned' when the wallet did not sign, else the
	// sentence; `status` the dashboard's HTTP status, or 'network' when it could not be reached;
	// `sent` whether the transaction had reached the dashboard (it may be on the chain).
	const outcome = { failed: '', status: 0, sent: false };
	// Other pages' scripts (issue.js) sign and follow their writes the same way.
	window.healthnetWork = { post: (path, body) => post(path, body), signAndFollow: (writes) => signAndFollow(writes), line: (text) => line(text) };
	async function signAndFollow(writes) {
		Object.assign(outcome, { failed: '', status: 0, sent: false });
		let signer;
		try {
			signer = (await wallet()).signer;
		} catch (error) {
			if (error.wallet) { throw error; }
			// The visitor did not let the page use the wallet.
			line('Your wallet was not opened: ' + (error.message || String(error))).className = 'failed';
			outcome.failed = 'unsigned';
			return false;
		}
		for (const write of writes) {
			const item = line(write.what + ': asking your wallet to sign…');
			let signed;
			try {
				signed = await signer.signPayload(write.payload);
			} catch (error) {
				item.textContent = write.what + ': not signed. ' + (error.message || String(error));
				item.className = 'failed';
				outcome.failed = 'unsigned';
				return false;
			}
			try {
				await post('/writes/' + write.id, { signature: signed.signature });
				outcome.sent = true;
				item.textContent = write.what + ': sent; waiting for a block…';
				for (;;) {
					await sleep(1000);
					const answer = await fetch('/writes/' + write.id, { credentials: 'same-origin' });
					const step = await answer.json().catch(() => ({ error: 'The dashboard gave no answer.' }));
					if (!answer.ok) {
						const lost = new Error(step.error || 'The dashboard lost the transaction.');
						lost.status = answer.status;
						throw lost;
					}
					if (step.state === 'in-block') {
						item.textContent = write.what + ': in a block; waiting for finality…';
					} else if (step.state === 'finalized') {
						item.textContent = write.what + ': final in block #' + step.number + '.';
						item.className = 'done';
						break;
					} else if (step.state === 'failed') {
						throw new Error(step.sentence);
					}
				}
			} catch (error) {
				item.textContent = write.what + ': not done. ' + (error.message || String(error));
				item.className = 'failed';
				outcome.failed = error.message || String(error);
				outcome.status = error instanceof TypeError ? 'network' : (error.status || 0);
				return false;
			}
		}
		return true;
	}

	// The facility's form.
	const form = document.getElementById('report-form');
	if (form) {
		const draftKey = 'healthnet-form:' + form.dataset.account + ':' + form.dataset.org + ':' + form.dataset.period;
		const errors = document.getElementById('form-errors');
		const inputs = () => Array.from(form.querySelectorAll('input[type="number"]'));
		const saved = JSON.parse(localStorage.getItem(draftKey) || 'null');
		if (saved) {
			for (const input of inputs()) {
				if (Object.prototype.hasOwnProperty.call(saved, input.id)) { input.value = saved[input.id]; }
			}
			errors.textContent = 'What you typed earlier and did not sign is back in the form.';
		}
		form.addEventListener('input', () => {
			const draft = {};
			for (const input of inputs()) { draft[input.id] = input.value; }
			localStorage.setItem(draftKey, JSON.stringify(draft));
		});
		const number = (input) => (input.value.trim() === '' ? 0 : Number(input.value));
		// The same rules the dashboard checks, told before anything is signed.
		function entries() {
			const problems = [];
			const list = [];
			for (const set of form.querySelectorAll('fieldset.disease')) {
				const fields = Array.from(set.querySelectorAll('input'));
				fields.forEach((input) => input.removeAttribute('aria-invalid'));
				if (set.dataset.reported !== 'true' && fields.every((input) => input.value.trim() === '')) { continue; }
				const counts = {};
				for (const input of fields) {
					const value = number(input);
					if (!Number.isInteger(value) || value < 0 || value > 4294967295) {
						problems.push([input, set.dataset.name + ': ' + input.labels[0].textContent + ' must be a whole number of 0 or more.']);
					}
					counts[input.name] = value;
				}
				const cases = counts.suspected + counts.confirmed;
				for (const [field, what] of [['deaths', 'deaths'], ['hospitalised', 'hospitalised'], ['recovered', 'recovered']]) {
					if (counts[field] > cases) {
						problems.push([set.querySelector('input[name="' + field + '"]'), set.dataset.name + ': ' + counts[field] + ' ' + what + ' is more than the ' + cases + ' cases (suspected and confirmed) reported for the period.']);
					}
				}
				if (counts.tests_positive > counts.tests_performed) {
					problems.push([set.querySelector('input[name="tests_positive"]'), set.dataset.name + ': ' + counts.tests_positive + ' positive tests is more than the ' + counts.tests_performed + ' tests performed.']);
				}
				list.push({ disease: set.dataset.disease, counts });
			}
			return { problems, list };
		}
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			const { problems, list } = entries();
			errors.replaceChildren();
			if (problems.length) {
				for (const [input, sentence] of problems) {
					input.setAttribute('aria-invalid', 'true');
					const p = document.createElement('p');
					p.textContent = sentence;
					errors.append(p);
				}
				problems[0][0].focus();
				return;
			}
			if (!list.length) { errors.textContent = 'The form has no disease filled in: nothing to sign.'; return; }
			let prepared;
			try {
				prepared = await post('/report', { period: Number(form.dataset.period), entries: list });
			} catch (error) {
				// No connection: the wallet signs the form offline, and it waits in the queue.
				if (error instanceof TypeError || !navigator.onLine) {
					await signOffline(list).catch((e) => { errors.textContent = e.message || String(e); });
				} else {
					errors.textContent = error.message || String(error);
				}
				return;
			}
			if (await signAndFollow(prepared.writes)) {
				localStorage.removeItem(draftKey);
				line('The form is final.');
			}
		});

		// The offline form format (`healthnet report sign-form`'s): the chain's context, then the
		// SCALE encoding of (genesis, org, period, reports, valid until), signed by the member.
		const FIELDS = ['suspected', 'confirmed', 'deaths', 'recovered', 'hospitalised', 'tests_performed', 'tests_positive'];
		const u32 = (n) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
		const compact = (n) => (n < 64 ? [n << 2] : [((n & 63) << 2) | 1, n >> 6]);
		const text = (s) => Array.from(new TextEncoder().encode(s));
		const hexBytes = (h) => h.slice(2).match(/../g).map((b) => parseInt(b, 16));
		const toHex = (bytes) => '0x' + bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
		function message(signed) {
			const bytes = text('healthnet:offline-form:v1:').concat(hexBytes(signed.genesis), u32(signed.org), u32(signed.period), compact(signed.reports.length));
			for (const entry of signed.reports) {
				const code = text(entry.disease);
				bytes.push(...compact(code.length), ...code);
				for (const field of FIELDS) { bytes.push(...u32(entry.counts[field])); }
				bytes.push(...compact(0));
			}
			const until = BigInt(signed.valid_until);
			for (let i = 0n; i < 8n; i += 1n) { bytes.push(Number((until >> (8n * i)) & 255n)); }
			return bytes;
		}
		async function signOffline(list) {
			const fresh = list.filter((entry) => form.querySelector('fieldset[data-disease="' + entry.disease + '"]').dataset.reported !== 'true');
			if (fresh.length !== list.length) {
				throw new Error('An amendment needs the connection: what you typed stays in the form until it is back.');
			}
			const signed = {
				genesis: form.dataset.genesis, org: Number(form.dataset.org), period: Number(form.dataset.period),
				reports: fresh.map((entry) => ({ disease: entry.disease, counts: entry.counts, variants: [] })),
				valid_until: Date.now() + 14 * 86400000, signer: form.dataset.account, signature: '',
			};
			const answer = await (await wallet()).signer.signRaw({ address: signed.signer, data: toHex(message(signed)), type: 'bytes' });
			signed.signature = answer.signature;
			const queue = JSON.parse(localStorage.getItem(QUEUE) || '[]');
			queue.push(signed);
			localStorage.setItem(QUEUE, JSON.stringify(queue));
			localStorage.removeItem(draftKey);
			showQueue();
			line('No connection: the form is signed and waits in the queue below; it is sent when the connection is back.');
		}
	}

	// Forms signed offline, relayed in order once the dashboard answers again: this account's
	// on this chain only. A form the dashboard or the chain refuses moves to a list of its own,
	// with the reason and a way to discard it, and the queue goes on.
	const queueSection = document.getElementById('queue');
	const QUEUE = form ? 'healthnet-queue:' + form.dataset.genesis + ':' + form.dataset.account : '';
	const UNSENT = QUEUE.replace('healthnet-queue:', 'healthnet-unsent:');
	const read = (key) => JSON.parse(localStorage.getItem(key) || '[]');
	function showQueue() {
		if (!queueSection) { return; }
		const queue = read(QUEUE);
		const unsent = read(UNSENT);
		const names = {};
		for (const set of document.querySelectorAll('fieldset.disease')) { names[set.dataset.disease] = set.dataset.name; }
		const describe = (signed) => signed.reports.map((r) => names[r.disease] || r.disease).join(', ') + ' for ' + new Date(signed.period * 86400000).toISOString().slice(0, 10);
		queueSection.hidden = queue.length === 0 && unsent.length === 0;
		queueSection.querySelector('ul').replaceChildren(...queue.map((signed) => {
			const item = document.createElement('li');
			item.textContent = describe(signed);
			return item;
		}), ...unsent.map(([signed, reason]) => {
			const item = document.createElement('li');
			item.className = 'failed';
			item.textContent = describe(signed) + ': not sent. ' + reason + ' ';
			const discard = document.createElement('button');
			discard.type = 'button';
			discard.textContent = 'Discard it';
			discard.addEventListener('click', () => {
				drop(UNSENT, signed);
				showQueue();
			});
			item.append(discard);
			return item;
		}));
	}
	// Why the queue waits, said once for each new reason.
	let said = '';
	function waiting(reason) {
		if (reason === said) { return; }
		said = reason;
		line(reason + ' The forms signed offline stay in the queue until they can be sent.').className = 'waiting';
	}
	// Retried on its own only while the dashboard cannot be reached, or until the wallet signs.
	let relaying = false;
	let paused = false;
	async function relayQueue() {
		if (relaying || paused || read(QUEUE).length === 0) { return; }
		relaying = true;
		// One tab relays at a time: two would send the same form.
		if (navigator.locks) {
			await navigator.locks.request(QUEUE, relayHeads);
		} else {
			await relayHeads();
		}
	}
	// A queued form leaves the queue by what it is, not by its place: another tab may have
	// changed the list since it was read.
	const drop = (key, signed) => {
		localStorage.setItem(key, JSON.stringify(read(key).filter((f) => (f[0] || f).signature !== signed.signature)));
	};
	// Not about the form: the dashboard or the chain out of reach, the session ended, another
	// tab's transaction in its place. The form stays queued.
	const passing = (status) => status === 'network' || status === 403 || status === 409 || status >= 500;
	async function relayHeads() {
		try {
			while (read(QUEUE).length > 0 && !paused) {
				const head = read(QUEUE)[0];
				let refusal = '';
				try {
					await wallet();
					const prepared = await post('/report/relay', { form: head });
					if (prepared.done) {
						line(prepared.sentence).className = 'done';
						drop(QUEUE, head);
						showQueue();
						continue;
					}
					if (!(await signAndFollow(prepared.writes))) {
						if (outcome.failed === 'unsigned') {
							waiting('Your wallet did not sign the form signed offline.');
							paused = true;
							break;
						}
						if (!outcome.sent && passing(outcome.status)) {
							waiting(outcome.failed);
							if (outcome.status === 403) { paused = true; }
							break;
						}
						// It reached the chain's pool and then failed, or was lost sight of: the
						// chain may hold it (an earlier relay's), which the dashboard can tell.
						const checked = await post('/report/relay', { form: head, check: true }).catch(() => null);
						if (!checked) { waiting(outcome.failed); break; }
						if (checked.done) {
							line(checked.sentence).className = 'done';
							drop(QUEUE, head);
							showQueue();
							continue;
						}
						refusal = outcome.failed;
					}
				} catch (error) {
					if (error instanceof TypeError) { break; }
					// The wallet is not there yet (an extension may inject itself after the page's
					// scripts start): the form waits for it, and the next round asks again.
					if (error.wallet) { waiting(error.message); break; }
					// Not about the form: the session ended (sign in again, and the queue goes on)
					// or the dashboard cannot reach the chain. The form stays queued.
					if (error.status === 403 || error.status >= 500) {
						waiting(error.message || String(error));
						if (error.status === 403) { paused = true; }
						break;
					}
					refusal = error.message || String(error);
				}
				if (refusal) { localStorage.setItem(UNSENT, JSON.stringify(read(UNSENT).concat([[head, refusal]]))); }
				drop(QUEUE, head);
				showQueue();
			}
		} finally {
			relaying = false;
			showQueue();
		}
	}
	if (queueSection) {
		showQueue();
		// A wallet that did not sign, or a session that ended, holds the queue until the clerk
		// comes back to the tab (not on focus: closing the wallet's window gives focus back, and
		// would ask again at once).
		const resume = () => { paused = false; relayQueue(); };
		window.addEventListener('online', resume);
		document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') { resume(); } });
		setInterval(relayQueue, 5000);
		relayQueue();
	}
	if ('serviceWorker' in navigator && form) {
		navigator.serviceWorker.register('/sw.js').catch(() => {});
	}

	// The reviewer's queue.
	for (const button of document.querySelectorAll('#review-queue button[data-decision]')) {
		button.addEventListener('click', async () => {
			const row = button.closest('tr');
			const buttons = row.querySelectorAll('button');
			buttons.forEach((b) => { b.disabled = true; });
			try {
				const prepared = await post('/review', {
					org: Number(row.dataset.org),
					disease: row.dataset.disease,
					period: Number(row.dataset.period),
					version: Number(row.dataset.version),
					decision: button.dataset.decision,
					reason: row.querySelector('select').value,
				});
				if (await signAndFollow(prepared.writes)) {
					row.querySelector('td.decide').textContent = button.dataset.decision === 'approve' ? 'Approved' : 'Rejected';
					return;
				}
			} catch (error) {
				line(error.message || String(error)).className = 'failed';
			}
			buttons.forEach((b) => { b.disabled = false; });
		});
	}

	// Stock: shipments to accept or refuse, and uses, waste and counts per lot.
	const done = (button, text) => {
		const cell = button.closest('p, td');
		cell.replaceChildren(document.createTextNode(text));
	};
	for (const button of document.querySelectorAll('#shipments button[data-action]')) {
		button.addEventListener('click', async () => {
			const section = button.closest('section.shipment');
			const shortfalls = Array.from(section.querySelectorAll('tr[data-lot]')).map((row) => ({
				lot: Number(row.dataset.lot),
				short: Number(row.querySelector('input.short').value || 0),
				why: row.querySelector('select').value,
			}));
			const bad = shortfalls.find((s) => !Number.isInteger(s.short) || s.short < 0);
			if (bad) { line('Lot ' + bad.lot + ': what arrived short must be a whole number of 0 or more.').className = 'failed'; return; }
			await act(button, { action: button.dataset.action, shipment: Number(section.dataset.shipment), shortfalls },
				button.dataset.action === 'accept' ? 'Accepted' : 'Refused');
		});
	}
	for (const button of document.querySelectorAll('#stock button[data-action]')) {
		button.addEventListener('click', async () => {
			const row = button.closest('tr');
			const quantity = Number(row.querySelector('input.quantity').value || 0);
			if (!Number.isInteger(quantity) || quantity < 0 || (quantity === 0 && button.dataset.action !== 'count')) {
				line('Give how many units: a whole number of at least 1.').className = 'failed';
				row.querySelector('input.quantity').focus();
				return;
			}
			await act(button, {
				action: button.dataset.action,
				lot: Number(row.dataset.lot),
				quantity,
				kind: row.querySelector('select.use').value,
				day: row.querySelector('input.day').value,
				reason: row.querySelector('select.why').value,
			}, null);
		});
	}
	async function act(button, body, finalWord) {
		button.disabled = true;
		try {
			const prepared = await post('/stock', body);
			if (await signAndFollow(prepared.writes)) {
				if (finalWord) { done(button, finalWord); }
				return;
			}
		} catch (error) {
			line(error.message || String(error)).className = 'failed';
		}
		button.disabled = false;
	}

	// Guidance: a facility acknowledges what addresses it (the buttons live in content the page
	// refreshes, so one listener on the document serves them); an authority publishes.
	document.addEventListener('click', async (event) => {
		const button = event.target.closest('button[data-acknowledge]');
		if (!button) { return; }
		button.disabled = true;
		try {
			const prepared = await post('/guidance', { acknowledge: Number(button.dataset.acknowledge) });
			if (await signAndFollow(prepared.writes)) { button.replaceWith('Acknowledged.'); return; }
		} catch (error) {
			line(error.message || String(error)).className = 'failed';
		}
		button.disabled = false;
	});
	const publish = document.getElementById('publish-guidance');
	if (publish) {
		publish.addEventListener('submit', async (event) => {
			event.preventDefault();
			const data = new FormData(publish);
			data.append('csrf', csrf);
			try {
				const answer = await fetch('/guidance', { method: 'POST', credentials: 'same-origin', body: data });
				const json = await answer.json().catch(() => ({ error: 'The dashboard gave no answer.' }));
				if (!answer.ok) { throw new Error(json.error || 'The dashboard refused.'); }
				if (await signAndFollow(json.writes)) { publish.reset(); }
			} catch (error) {
				line(error.message || String(error)).className = 'failed';
			}
		});
	}
}());
