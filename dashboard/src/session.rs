//! Sign-in with the account the chain knows: the dashboard gives a browser a challenge, the
//! visitor's wallet (the polkadot{.js} extension or a peer, through `window.injectedWeb3`)
//! signs it, and the dashboard checks the signature and, at the finalized head, that the
//! account is a member of an active organisation. It then opens a session: a random id in a
//! cookie the page's scripts cannot read, sent only to this site, for [`SESSION_LIFETIME`], and
//! a token every action must carry back (CSRF). The dashboard never holds a private key.
//!
//! What a wallet signs is a sentence naming this dashboard's public address, the chain, the
//! account, when it was issued and a nonce, wrapped as every wallet wraps raw bytes
//! (`<Bytes>…</Bytes>`), so that it can never be a transaction and a look-alike site cannot pass
//! it off as its own. A challenge is kept nowhere: its nonce carries a random part, the moment
//! it was issued and a MAC under a key the dashboard draws at start, so nobody can make the
//! dashboard hold challenges or block another's. It is good for [`CHALLENGE_LIFETIME`], and
//! once: the dashboard keeps, per member account, the moment of the last nonce used. A member
//! account has at most [`SESSIONS_PER_ACCOUNT`] sessions (a new one ends its oldest), and at
//! most [`MAX_SESSIONS`] are open.

use std::{
	collections::HashMap,
	sync::Mutex,
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use axum::http::{header, HeaderMap};
use healthnet_client::{period, registry::role_names, Client};
use subxt::utils::{AccountId32, H256};

/// How long a challenge may be answered.
pub const CHALLENGE_LIFETIME: Duration = Duration::from_secs(300);
/// How long a session lasts: a working day.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 3600);
/// The most sessions open at once.
pub const MAX_SESSIONS: usize = 4096;
/// The most sessions one account has open: a new one ends its oldest.
pub const SESSIONS_PER_ACCOUNT: usize = 4;

/// A signed-in visitor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
	/// The member account that signed.
	pub account: AccountId32,
	/// Its organisation.
	pub org: u32,
	/// The organisation's name.
	pub org_name: String,
	/// The account's roles in it.
	pub roles: Vec<&'static str>,
	/// The token every action of this session carries.
	pub csrf: String,
	expires: Instant,
}

/// Challenges' key, the sessions open, and the last nonce each member used.
pub struct Sessions {
	key: [u8; 32],
	site: String,
	secure: bool,
	used: Mutex<HashMap<[u8; 32], u64>>,
	open: Mutex<HashMap<String, Session>>,
}

/// Why a sign-in or an action is refused, as a sentence for the visitor.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

fn random<const N: usize>() -> [u8; N] {
	let mut bytes = [0u8; N];
	getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
	bytes
}

fn now_secs() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Whether `a` and `b` are equal, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
	a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The sentence a wallet signs to sign `account` in at `site` on the chain whose genesis is
/// `genesis`, issued at `issued` (Unix seconds).
pub fn challenge_message(
	site: &str,
	genesis: H256,
	account: &AccountId32,
	nonce: &str,
	issued: u64,
) -> String {
	format!(
		"{site} asks you to sign in to the Healthnet dashboard.\nURI: {site}\n\
		 Chain: {genesis:?}\nAccount: {account}\nNonce: {nonce}\nIssued: {} {:02}:{:02} UTC\n\
		 This signature opens a session; it approves and pays for nothing.",
		period::date((issued / 86_400) as u32),
		issued % 86_400 / 3600,
		issued % 3600 / 60
	)
}

/// Whether `signature` is `account`'s (sr25519, else ed25519) over `message` as a wallet signs
/// raw bytes: wrapped in `<Bytes>` and `</Bytes>`. The all-zero key is no one's.
pub fn signed_by(account: &AccountId32, message: &str, signature: &[u8]) -> bool {
	use sp_core::Pair;
	let Ok(signature) = <[u8; 64]>::try_from(signature) else { return false };
	if account.0 == [0; 32] {
		return false;
	}
	let wrapped = [b"<Bytes>".as_slice(), message.as_bytes(), b"</Bytes>"].concat();
	sp_core::sr25519::Pair::verify(
		&sp_core::sr25519::Signature::from_raw(signature),
		&wrapped,
		&sp_core::sr25519::Public::from_raw(account.0),
	) || sp_core::ed25519::Pair::verify(
		&sp_core::ed25519::Signature::from_raw(signature),
		&wrapped,
		&sp_core::ed25519::Public::from_raw(account.0),
	)
}

impl Sessions {
	/// The sessions of a dashboard whose visitors reach it at `site` (its public address, which
	/// every challenge names), with `Secure` cookies when `secure`.
	pub fn new(site: &str, secure: bool) -> Sessions {
		Sessions {
			key: random(),
			site: site.trim_end_matches('/').to_string(),
			secure,
			used: Mutex::default(),
			open: Mutex::default(),
		}
	}

	/// The session cookie's name: with `Secure`, the `__Host-` prefix, which no other site
	/// (a sibling subdomain, another port) can set for this one.
	pub fn cookie_name(&self) -> &'static str {
		if self.secure {
			"__Host-healthnet_session"
		} else {
			"healthnet_session"
		}
	}

	fn mac(&self, genesis: H256, account: &AccountId32, part: &[u8; 16], issued: u64) -> [u8; 32] {
		let input = [&self.key[..], &genesis.0, &account.0, part, &issued.to_be_bytes()].concat();
		sp_crypto_hashing::blake2_256(&input)
	}

	/// A challenge for `account` on the chain whose genesis is `genesis`: its nonce and the
	/// sentence to sign. Nothing is kept.
	pub fn challenge(&self, genesis: H256, account: &AccountId32) -> (String, String) {
		let (part, issued) = (random::<16>(), now_secs());
		let mac = self.mac(genesis, account, &part, issued);
		let nonce = hex::encode([&part[..], &issued.to_be_bytes(), &mac].concat());
		let message = challenge_message(&self.site, genesis, account, &nonce, issued);
		(nonce, message)
	}

	/// Checks that `nonce` is a challenge this dashboard gave `account`, still good, and that
	/// `signature` (hex) is the account's over it: returns when it was issued.
	pub fn check(
		&self,
		genesis: H256,
		account: &AccountId32,
		nonce: &str,
		signature: &str,
	) -> Result<u64, Refusal> {
		let foreign =
			|| Refusal("This is not a sign-in request this dashboard gave: start again.".into());
		let bytes = hex::decode(nonce).map_err(|_| foreign())?;
		let (part, rest) = bytes.split_at_checked(16).ok_or_else(foreign)?;
		let (issued, mac) = rest.split_at_checked(8).ok_or_else(foreign)?;
		let part: [u8; 16] = part.try_into().map_err(|_| foreign())?;
		let issued = u64::from_be_bytes(issued.try_into().map_err(|_| foreign())?);
		if !same(mac, &self.mac(genesis, account, &part, issued)) {
			return Err(foreign());
		}
		let now = now_secs();
		if issued > now + 60 || now.saturating_sub(issued) > CHALLENGE_LIFETIME.as_secs() {
			return Err(Refusal("This sign-in request expired: start again.".into()));
		}
		let message = challenge_message(&self.site, genesis, account, nonce, issued);
		let signature = hex::decode(signature.trim_start_matches("0x")).unwrap_or_default();
		if !signed_by(account, &message, &signature) {
			return Err(Refusal(format!(
				"This is not {account}'s signature of the sign-in request: sign it with the \
				 account you chose (sr25519 or ed25519)."
			)));
		}
		Ok(issued)
	}

	/// Answers `account`'s challenge `nonce` with `signature` (hex): checks them, then the
	/// account's membership at the finalized head through `client`, and opens a session, ending
	/// `current` (the request's own) if any; returns the new session's id.
	pub async fn sign_in(
		&self,
		client: &Client,
		account: AccountId32,
		nonce: &str,
		signature: &str,
		current: Option<&str>,
	) -> Result<(String, Session), Refusal> {
		let issued = self.check(client.subxt().genesis_hash(), &account, nonce, signature)?;
		let membership = client.organisation_of(&account).await.map_err(|e| {
			Refusal(format!("The node could not say who {account} is: {e}. Try again."))
		})?;
		let Some((org, roles, organisation)) = membership else {
			return Err(Refusal(format!(
				"{account} is not a member of any organisation on this chain (at the finalized \
				 head): ask your organisation's administrator to invite it, and accept."
			)));
		};
		let org_name = String::from_utf8_lossy(&organisation.name.0).into_owned();
		if !matches!(
			organisation.status,
			healthnet_client::api::runtime_types::pallet_registry::types::OrgStatus::Active
		) {
			return Err(Refusal(format!(
				"{org_name} is suspended: its members cannot sign in until its authority \
				 reinstates it."
			)));
		}
		// Used once: only members are remembered, and only for a challenge's lifetime.
		{
			let mut used = self.used.lock().expect("no thread panics holding it");
			let oldest = now_secs().saturating_sub(CHALLENGE_LIFETIME.as_secs());
			used.retain(|_, at| *at >= oldest);
			if used.get(&account.0).is_some_and(|last| *last >= issued) {
				return Err(Refusal("This sign-in request was already used: start again.".into()));
			}
			used.insert(account.0, issued);
		}
		let session = Session {
			account: account.clone(),
			org,
			org_name,
			roles: role_names(&roles),
			csrf: hex::encode(random::<32>()),
			expires: Instant::now() + SESSION_LIFETIME,
		};
		let now = Instant::now();
		let mut open = self.open.lock().expect("no thread panics holding it");
		open.retain(|id, s| s.expires > now && Some(id.as_str()) != current);
		let mut own: Vec<(String, Instant)> = open
			.iter()
			.filter(|(_, s)| s.account == account)
			.map(|(id, s)| (id.clone(), s.expires))
			.collect();
		own.sort_by_key(|(_, expires)| *expires);
		for (id, _) in own.iter().take((own.len() + 1).saturating_sub(SESSIONS_PER_ACCOUNT)) {
			open.remove(id);
		}
		if open.len() >= MAX_SESSIONS {
			return Err(Refusal(
				"The dashboard has as many sessions open as it keeps: try again later.".into(),
			));
		}
		let id = hex::encode(random::<32>());
		open.insert(id.clone(), session.clone());
		Ok((id, session))
	}

	/// The session the request's cookie names, if it is open.
	pub fn of(&self, headers: &HeaderMap) -> Option<(String, Session)> {
		let id = self.cookie(headers)?;
		let open = self.open.lock().expect("no thread panics holding it");
		open.get(&id).filter(|s| s.expires > Instant::now()).map(|s| (id, s.clone()))
	}

	/// The session the request names, if its action carries the session's token.
	pub fn acting(&self, headers: &HeaderMap, csrf: &str) -> Result<(String, Session), Refusal> {
		let (id, session) = self.of(headers).ok_or_else(|| {
			Refusal("You are not signed in, or your session ended: sign in again.".into())
		})?;
		if csrf.is_empty() || !same(csrf.as_bytes(), session.csrf.as_bytes()) {
			return Err(Refusal(
				"This action did not come from a page of your session (its token is missing or \
				 wrong): nothing was done. Reload the page and try again."
					.into(),
			));
		}
		Ok((id, session))
	}

	/// Ends session `id`.
	pub fn sign_out(&self, id: &str) {
		self.open.lock().expect("no thread panics holding it").remove(id);
	}

	/// The session id in the request's cookie.
	pub fn cookie(&self, headers: &HeaderMap) -> Option<String> {
		let name = self.cookie_name();
		headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|line| {
			line.split(';').find_map(|pair| {
				let (key, value) = pair.trim().split_once('=')?;
				(key == name && value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
					.then(|| value.to_string())
			})
		})
	}

	/// The `Set-Cookie` value that opens session `id`.
	pub fn set_cookie(&self, id: &str) -> String {
		format!(
			"{}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
			self.cookie_name(),
			SESSION_LIFETIME.as_secs(),
			if self.secure { "; Secure" } else { "" }
		)
	}

	/// The `Set-Cookie` value that ends the session in the browser.
	pub fn clear_cookie(&self) -> String {
		format!(
			"{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
			self.cookie_name(),
			if self.secure { "; Secure" } else { "" }
		)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::Pair;

	fn alice() -> (sp_core::sr25519::Pair, AccountId32) {
		let pair = sp_core::sr25519::Pair::from_string("//Alice//stash", None).unwrap();
		let account = AccountId32(pair.public().0);
		(pair, account)
	}

	fn sign(pair: &sp_core::sr25519::Pair, message: &str) -> String {
		hex::encode(pair.sign(format!("<Bytes>{message}</Bytes>").as_bytes()).0)
	}

	#[test]
	fn only_the_accounts_signature_of_the_wrapped_sentence_holds() {
		let (pair, account) = alice();
		let message = challenge_message("http://127.0.0.1:8080", H256::zero(), &account, "00", 0);
		let wrapped = format!("<Bytes>{message}</Bytes>");
		assert!(signed_by(&account, &message, &pair.sign(wrapped.as_bytes()).0));
		// Unwrapped, it could be a transaction's payload: refused.
		assert!(!signed_by(&account, &message, &pair.sign(message.as_bytes()).0));
		let other = sp_core::sr25519::Pair::from_string("//Bob", None).unwrap();
		assert!(!signed_by(&account, &message, &other.sign(wrapped.as_bytes()).0));
		assert!(!signed_by(&account, &message, &[0; 12]));
		assert!(!signed_by(&AccountId32([0; 32]), &message, &[0; 64]));
	}

	#[test]
	fn a_challenge_holds_only_as_given_to_its_account_here() {
		let sessions = Sessions::new("https://dashboard.example/", true);
		let (pair, account) = alice();
		let genesis = H256::repeat_byte(7);
		let (nonce, message) = sessions.challenge(genesis, &account);
		assert!(message.contains("URI: https://dashboard.example\n"), "{message}");
		let signature = sign(&pair, &message);
		assert!(sessions.check(genesis, &account, &nonce, &signature).is_ok());
		// Another chain, another account, another dashboard, a nonce changed: not given here.
		assert!(sessions.check(H256::zero(), &account, &nonce, &signature).is_err());
		let bob =
			AccountId32(sp_core::sr25519::Pair::from_string("//Bob", None).unwrap().public().0);
		assert!(sessions.check(genesis, &bob, &nonce, &signature).is_err());
		let elsewhere = Sessions::new("https://dashboard.example/", true);
		assert!(elsewhere.check(genesis, &account, &nonce, &signature).is_err());
		let mut changed = hex::decode(&nonce).unwrap();
		changed[20] ^= 1;
		assert!(sessions.check(genesis, &account, &hex::encode(changed), &signature).is_err());
		// Issued long ago, with a MAC this dashboard made: expired.
		let part = [1u8; 16];
		let old = now_secs() - 600;
		let mac = sessions.mac(genesis, &account, &part, old);
		let stale = hex::encode([&part[..], &old.to_be_bytes(), &mac].concat());
		let message = challenge_message(&sessions.site, genesis, &account, &stale, old);
		let refused = sessions.check(genesis, &account, &stale, &sign(&pair, &message));
		assert_eq!(refused, Err(Refusal("This sign-in request expired: start again.".into())));
	}

	#[test]
	fn a_cookie_names_a_session_only_in_its_own_form() {
		let sessions = Sessions::new("http://127.0.0.1:8080", false);
		let mut headers = HeaderMap::new();
		let id = "ab".repeat(32);
		headers.insert(header::COOKIE, format!("other=1; healthnet_session={id}").parse().unwrap());
		assert_eq!(sessions.cookie(&headers), Some(id.clone()));
		headers.insert(header::COOKIE, "healthnet_session=../../x".parse().unwrap());
		assert_eq!(sessions.cookie(&headers), None);
		let secure = Sessions::new("https://d.example", true);
		headers.insert(header::COOKIE, format!("healthnet_session={id}").parse().unwrap());
		assert_eq!(secure.cookie(&headers), None, "over HTTPS only the __Host- cookie counts");
		assert!(secure.set_cookie(&id).starts_with("__Host-healthnet_session="));
		assert!(secure.set_cookie(&id).ends_with("; Secure"));
	}
}
