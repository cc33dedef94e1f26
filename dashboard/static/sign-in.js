// Sign-in through the wallet's standard interface (window.injectedWeb3): list the accounts the
// wallet shares with this site, have the chosen one sign the dashboard's challenge, and hand
// the signature to the dashboard, which opens the session. No key is ever seen here.
(function () {
	'use strict';
	const status = document.getElementById('sign-in-status');
	const list = document.getElementById('accounts');
	const say = (text) => { status.textContent = text; };
	const hex = (text) => '0x' + Array.from(new TextEncoder().encode(text))
		.map((b) => b.toString(16).padStart(2, '0')).join('');
	const post = async (path, body) => {
		const answer = await fetch(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify(body),
		});
		const json = await answer.json().catch(() => ({ error: 'The dashboard gave no answer.' }));
		if (!answer.ok) { throw new Error(json.error || 'The dashboard refused.'); }
		return json;
	};
	async function signIn(name, wallet, account) {
		say('Asking ' + (account.name || account.address) + ' to sign…');
		try {
			const challenge = await post('/sign-in/challenge', { account: account.address });
			const signed = await wallet.signer.signRaw({
				address: account.address, data: hex(challenge.message), type: 'bytes',
			});
			const session = await post('/sign-in', {
				account: account.address, nonce: challenge.nonce, signature: signed.signature,
			});
			sessionStorage.setItem('healthnet-wallet', name);
			say('Signed in as ' + session.name + ' (' + session.roles.join(', ') + ').');
			window.location.assign('/');
		} catch (error) {
			say(error.message || String(error));
		}
	}
	document.getElementById('find-accounts').addEventListener('click', async () => {
		const wallets = window.injectedWeb3 || {};
		const names = Object.keys(wallets);
		if (names.length === 0) {
			say('No wallet extension was found in this browser: install polkadot{.js} or a peer, add your account, and reload this page.');
			return;
		}
		list.replaceChildren();
		for (const name of names) {
			let wallet;
			try {
				wallet = await wallets[name].enable('Healthnet dashboard');
			} catch (error) {
				say(name + ' did not share its accounts: ' + (error.message || error));
				continue;
			}
			const accounts = await wallet.accounts.get();
			for (const account of accounts) {
				const item = document.createElement('li');
				const button = document.createElement('button');
				button.type = 'button';
				button.className = 'account';
				button.dataset.address = account.address;
				button.textContent = (account.name ? account.name + ' · ' : '') + account.address;
				button.addEventListener('click', () => signIn(name, wallet, account));
				item.append(button);
				list.append(item);
			}
		}
		say(list.children.length ? 'Choose the account to sign in with.' : 'The wallet shares no account with this site.');
	});
}());
