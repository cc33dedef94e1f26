//! Sign in: the visitor's wallet (the polkadot{.js} extension or a peer, found through the
//! standard `window.injectedWeb3`) lists its accounts; the chosen one signs the dashboard's
//! challenge in the wallet, and the dashboard opens a session for it if the chain says, at
//! the finalized head, that it is a member of an active organisation. `static/sign-in.js`
//! does the browser's part; the private key never leaves the wallet.

/// The page's content.
pub fn page() -> String {
	"<section class=\"sign-in\">\
	 <p>Sign in with your organisation's member account, held in a wallet extension of the \
	 Polkadot ecosystem (polkadot{.js}, Talisman, SubWallet or a peer). The wallet signs a \
	 sentence naming this chain and a one-time number: it approves and pays for nothing.</p>\
	 <p><button type=\"button\" id=\"find-accounts\">Find my accounts</button></p>\
	 <ul id=\"accounts\" aria-label=\"Your accounts\"></ul>\
	 <p id=\"sign-in-status\" role=\"status\" aria-live=\"polite\"></p>\
	 <script src=\"/static/sign-in.js\"></script></section>"
		.to_string()
}
