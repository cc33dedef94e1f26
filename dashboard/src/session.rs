//! Sign-in with the account the chain knows: the dashboard gives a browser a challenge, the
//! visitor's wallet (the polkadot{.js} extension or a peer, through `window.injectedWeb3`)
//! signs it, and the dashboard checks the signature and, at the finalized head, that the
//! account is a member of an active organisation. It then opens a session: a random id in a
//! cookie the page's scripts cannot read, sent only to this site, for [`SESSION_LIFETIME`], and
//! a token every action must carry back (CSRF). The dashboard never holds a private key.
//!
//! What a wallet signs is a sentence naming the chain, the account and a one-time nonce,
//! wrapped as every wallet wraps raw bytes (`<Bytes>…</Bytes>`), so that it can never be a
//! transaction. Challenges are given only to member accounts, live [`CHALLENGE_LIFETIME`] and
//! are used once; at most [`MAX_CHALLENGES_PER_ACCOUNT`] wait per account, [`MAX_CHALLENGES`]
//! in all, and [`MAX_SESSIONS`] are open, so that no visitor can make the dashboard hold more.

use std::{
	collections::HashMap,
	sync::Mutex,
	time::{Duration, Instant},
};

use axum::http::{header, HeaderMap};
use healthnet_client::{registry::role_names, Client};
use subxt::utils::{AccountId32, H256};

/// How long a challenge may be answered.
pub const CHALLENGE_LIFETIME: Duration = Duration::from_secs(300);
/// How long a session lasts: a working day.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 3600);
/// The most challenges waiting at once.
pub const MAX_CHALLENGES: usize = 1024;
/// The most challenges one account has waiting: only members are given challenges, so filling
/// [`MAX_CHALLENGES`] takes hundreds of member accounts.
pub const MAX_CHALLENGES_PER_ACCOUNT: usize = 4;
/// The most sessions open at once.
pub const MAX_SESSIONS: usize = 4096;
/// The session cookie's name.
pub const COOKIE: &str = "healthnet_session";

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

struct Challenge {
	account: AccountId32,
	message: String,
	expires: Instant,
}

/// The challenges waiting and the sessions open.
#[derive(Default)]
pub struct Sessions {
	challenges: Mutex<HashMap<String, Challenge>>,
	open: Mutex<HashMap<String, Session>>,
}

/// Why a sign-in or an action is refused, as a sentence for the visitor.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

fn random_hex<const N: usize>() -> String {
	let mut bytes = [0u8; N];
	getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
	hex::encode(bytes)
}

/// The sentence a wallet signs to sign `account` in on the chain whose genesis is `genesis`.
pub fn challenge_message(genesis: H256, account: &AccountId32, nonce: &str) -> String {
	format!(
		"Sign in to the Healthnet dashboard\nChain: {genesis:?}\nAccount: {account}\n\
		 Nonce: {nonce}\nThis signature opens a session; it approves and pays for nothing."
	)
}

/// Whether `signature` is `account`'s (sr25519, else ed25519) over `message` as a wallet signs
/// raw bytes: wrapped in `<Bytes>` and `</Bytes>`.
pub fn signed_by(account: &AccountId32, message: &str, signature: &[u8]) -> bool {
	use sp_core::Pair;
	let Ok(signature) = <[u8; 64]>::try_from(signature) else { return false };
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
	/// A challenge for `account` on the chain whose genesis is `genesis`: its nonce and the
	/// sentence to sign.
	pub fn challenge(
		&self,
		genesis: H256,
		account: AccountId32,
	) -> Result<(String, String), Refusal> {
		let now = Instant::now();
		let mut challenges = self.challenges.lock().expect("no thread panics holding it");
		challenges.retain(|_, c| c.expires > now);
		if challenges.values().filter(|c| c.account == account).count()
			>= MAX_CHALLENGES_PER_ACCOUNT
		{
			return Err(Refusal(
				"This account has sign-in requests waiting: answer one, or wait five minutes."
					.into(),
			));
		}
		if challenges.len() >= MAX_CHALLENGES {
			return Err(Refusal(
				"Too many sign-ins are waiting right now: try again in a few minutes.".into(),
			));
		}
		let nonce = random_hex::<16>();
		let message = challenge_message(genesis, &account, &nonce);
		challenges.insert(
			nonce.clone(),
			Challenge { account, message: message.clone(), expires: now + CHALLENGE_LIFETIME },
		);
		Ok((nonce, message))
	}

	/// Answers challenge `nonce` with `signature` (hex): checks it, and the account's
	/// membership at the finalized head through `client`, and opens a session; returns its id.
	pub async fn sign_in(
		&self,
		client: &Client,
		nonce: &str,
		signature: &str,
	) -> Result<(String, Session), Refusal> {
		let challenge = {
			let mut challenges = self.challenges.lock().expect("no thread panics holding it");
			challenges.remove(nonce).filter(|c| c.expires > Instant::now())
		}
		.ok_or_else(|| {
			Refusal("This sign-in request expired or was already used: start again.".into())
		})?;
		let account = challenge.account;
		let signature = hex::decode(signature.trim_start_matches("0x")).unwrap_or_default();
		if !signed_by(&account, &challenge.message, &signature) {
			return Err(Refusal(format!(
				"This is not {account}'s signature of the sign-in request: sign it with the \
				 account you chose (sr25519 or ed25519)."
			)));
		}
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
		let session = Session {
			account,
			org,
			org_name,
			roles: role_names(&roles),
			csrf: random_hex::<32>(),
			expires: Instant::now() + SESSION_LIFETIME,
		};
		let now = Instant::now();
		let mut open = self.open.lock().expect("no thread panics holding it");
		open.retain(|_, s| s.expires > now);
		if open.len() >= MAX_SESSIONS {
			return Err(Refusal(
				"The dashboard has as many sessions open as it keeps: try again later.".into(),
			));
		}
		let id = random_hex::<32>();
		open.insert(id.clone(), session.clone());
		Ok((id, session))
	}

	/// The session the request's cookie names, if it is open.
	pub fn of(&self, headers: &HeaderMap) -> Option<(String, Session)> {
		let id = cookie(headers)?;
		let open = self.open.lock().expect("no thread panics holding it");
		open.get(&id).filter(|s| s.expires > Instant::now()).map(|s| (id, s.clone()))
	}

	/// The session the request names, if its action carries the session's token.
	pub fn acting(&self, headers: &HeaderMap, csrf: &str) -> Result<(String, Session), Refusal> {
		let (id, session) = self.of(headers).ok_or_else(|| {
			Refusal("You are not signed in, or your session ended: sign in again.".into())
		})?;
		if csrf.is_empty() || csrf != session.csrf {
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
}

/// The session id in the request's cookie.
fn cookie(headers: &HeaderMap) -> Option<String> {
	headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|line| {
		line.split(';').find_map(|pair| {
			let (name, value) = pair.trim().split_once('=')?;
			(name == COOKIE && value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
				.then(|| value.to_string())
		})
	})
}

/// The `Set-Cookie` value that opens session `id` (`secure` when served over HTTPS).
pub fn set_cookie(id: &str, secure: bool) -> String {
	format!(
		"{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
		SESSION_LIFETIME.as_secs(),
		if secure { "; Secure" } else { "" }
	)
}

/// The `Set-Cookie` value that ends the session in the browser.
pub fn clear_cookie() -> String {
	format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_the_accounts_signature_of_the_wrapped_sentence_holds() {
		use sp_core::Pair;
		let pair = sp_core::sr25519::Pair::from_string("//Alice//stash", None).unwrap();
		let account = AccountId32(pair.public().0);
		let message = challenge_message(H256::zero(), &account, "00");
		let wrapped = format!("<Bytes>{message}</Bytes>");
		assert!(signed_by(&account, &message, &pair.sign(wrapped.as_bytes()).0));
		// Unwrapped, it could be a transaction's payload: refused.
		assert!(!signed_by(&account, &message, &pair.sign(message.as_bytes()).0));
		let other = sp_core::sr25519::Pair::from_string("//Bob", None).unwrap();
		assert!(!signed_by(&account, &message, &other.sign(wrapped.as_bytes()).0));
		assert!(!signed_by(&account, &message, &[0; 12]));
	}

	#[test]
	fn a_cookie_names_a_session_only_in_its_own_form() {
		let mut headers = HeaderMap::new();
		let id = "ab".repeat(32);
		headers.insert(header::COOKIE, format!("other=1; {COOKIE}={id}").parse().unwrap());
		assert_eq!(cookie(&headers), Some(id));
		headers.insert(header::COOKIE, format!("{COOKIE}=../../x").parse().unwrap());
		assert_eq!(cookie(&headers), None);
	}

	#[test]
	fn challenges_are_bounded_per_account_and_in_all() {
		let sessions = Sessions::default();
		let account = |n: usize| {
			AccountId32([
				(n % 256) as u8,
				(n / 256) as u8,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
				1,
			])
		};
		for _ in 0..MAX_CHALLENGES_PER_ACCOUNT {
			sessions.challenge(H256::zero(), account(0)).unwrap();
		}
		assert!(sessions.challenge(H256::zero(), account(0)).is_err());
		for n in 1..=(MAX_CHALLENGES - MAX_CHALLENGES_PER_ACCOUNT) {
			sessions.challenge(H256::zero(), account(n)).unwrap();
		}
		assert!(sessions.challenge(H256::zero(), account(5000)).is_err());
	}
}
