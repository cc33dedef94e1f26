// Issuing certificates: two keys sign here, in the browser. The issuer key file the officer
// opens (an Ed25519 seed, 64 hex digits, as `healthnet cert issuer add-key` writes it) signs the
// certificate with the browser's own cryptography and is never sent; the wallet signs the
// transaction that registers it. The dashboard fixes the claims and checks both signatures.
(function () {
	'use strict';
	const work = window.healthnetWork;
	if (!work) { return; }
	const hexOf = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	const bytesOf = (hex) => new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
	// PKCS #8's fixed prefix for an Ed25519 private key (RFC 8410), before its 32-byte seed.
	const PKCS8 = bytesOf('302e020100300506032b657004220420');

	// The key in `file`: its public half (hex) and a key the page can sign with, not export.
	async function issuerKey(file) {
		if (!file) { throw new Error('Choose your issuer key file first.'); }
		if (!window.crypto || !window.crypto.subtle) {
			throw new Error('This browser cannot sign with the key here: open the dashboard over HTTPS (or on this computer).');
		}
		const text = (await file.text()).trim().replace(/^0x/, '');
		if (!/^[0-9a-fA-F]{64}$/.test(text)) {
			throw new Error(file.name + ' does not hold an issuer key: such a file holds 64 hex digits.');
		}
		const der = new Uint8Array(PKCS8.length + 32);
		der.set(PKCS8);
		der.set(bytesOf(text), PKCS8.length);
		try {
			const readable = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, true, ['sign']);
			const jwk = await crypto.subtle.exportKey('jwk', readable);
			const publicKey = hexOf(Uint8Array.from(atob(jwk.x.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
			const signer = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
			return { publicKey, signer };
		} finally {
			der.fill(0);
		}
	}

	const number = (form, name) => {
		const field = form.elements[name];
		return field.value.trim() === '' ? undefined : Number(field.value);
	};
	// What the form asks for, as the dashboard reads it; a sentence for a field that cannot be.
	function asked(form) {
		const body = { validDays: number(form, 'valid-days') };
		for (const name of ['disease', 'result', 'date']) { body[name] = form.elements[name].value.trim() || undefined; }
		for (const name of ['lot', 'dose', 'of', 'percent']) { body[name] = number(form, name); }
		for (const name of ['validDays', 'lot', 'dose', 'of', 'percent']) {
			const value = body[name];
			if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
				throw new Error('Every number of the form is a whole number of 0 or more.');
			}
		}
		if (form.dataset.mode === 'issue') {
			body.kind = form.elements.kind.value;
			body.name = form.elements.name.value;
			body.birthDate = form.elements['birth-date'].value;
		} else {
			body.certificate = form.elements.certificate.value.trim();
		}
		return body;
	}

	const issued = document.getElementById('issued');
	for (const form of document.querySelectorAll('form.certificate')) {
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			const button = form.querySelector('button[type="submit"]');
			button.disabled = true;
			try {
				const body = asked(form);
				const key = await issuerKey(form.elements.key.files[0]);
				body.publicKey = key.publicKey;
				const prepared = await work.post('/certificates/issue', body);
				const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', key.signer, bytesOf(prepared.toSign)));
				const sealed = await work.post('/certificates/seal/' + prepared.writes[0].id, { signature: hexOf(signature) });
				if (await work.signAndFollow(prepared.writes)) {
					issued.querySelector('#issued-text').value = sealed.text;
					issued.querySelector('input[name="text"]').value = sealed.text;
					issued.querySelector('#issued-qr').src = 'data:image/svg+xml;base64,' + btoa(sealed.qr);
					issued.hidden = false;
					form.reset();
					issued.querySelector('#issued-text').focus();
				}
			} catch (error) {
				work.line(error.message || String(error)).className = 'failed';
			}
			button.disabled = false;
		});
	}
}());
