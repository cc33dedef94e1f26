//! What can go wrong when talking to a Healthnet node, each case worded so that a person knows
//! what to do next.

use healthnet_primitives::UNKNOWN_SIGNER;

/// An error of the client library. Its `Display` is a sentence for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// Nothing answered at the URL, or not as a Healthnet node.
	#[error(
		"could not reach a Healthnet node at {url} ({reason}); is the node running \
		 (`scripts/run` starts one) and is the URL right? Give another one with --url."
	)]
	Unreachable {
		/// The URL tried.
		url: String,
		/// What the connection attempt said.
		reason: String,
	},
	/// The node's runtime has other calls, storage or types than this client was built for.
	#[error(
		"the node at {url} runs a runtime (spec version {spec_version}) whose calls and types \
		 differ from the ones this client was built for; use a client built from the same \
		 release as the node, or regenerate the client's metadata with `scripts/metadata` \
		 against such a node and rebuild."
	)]
	MetadataMismatch {
		/// The URL of the node.
		url: String,
		/// The node's runtime spec version.
		spec_version: u32,
	},
	/// The signing key could not be read.
	#[error("{0}")]
	BadKey(String),
	/// An argument cannot be what the chain accepts; nothing was sent.
	#[error("{0}")]
	BadInput(String),
	/// The node refused the transaction before it reached a block.
	#[error("the node refused the transaction: {0}")]
	Refused(String),
	/// The transaction reached a block, and the runtime refused it there.
	#[error("{pallet}.{error}: {docs}")]
	Dispatch {
		/// The pallet whose rule was broken, such as `Surveillance`.
		pallet: String,
		/// The error's name, such as `ReportExists`.
		error: String,
		/// The error's documentation: the rule, in a sentence.
		docs: String,
	},
	/// A council motion executed, but the call it carried failed.
	#[error("the council's motion executed but its call failed: {0}")]
	MotionFailed(Box<Error>),
	/// The document gatekeeper refused a request; `message` is its sentence.
	#[error("the gatekeeper refused ({status}): {message}")]
	Gatekeeper {
		/// The HTTP status.
		status: u16,
		/// The gatekeeper's sentence.
		message: String,
	},
	/// A reader's published encryption key is not signed by the reader's account: no document
	/// key is wrapped to it.
	#[error("{0}")]
	UnsignedKey(String),
	/// A health certificate could not be read, or does not hold up.
	#[error("{0}")]
	Certificate(#[from] crate::portable::CertificateError),
	/// Something the chain should hold was not found.
	#[error("{0}")]
	NotFound(String),
	/// Anything else the node or the connection reported.
	#[error("{0}")]
	Node(String),
}

impl Error {
	/// A node error with `context` in front of what subxt said.
	pub(crate) fn node(context: &str, error: impl std::fmt::Display) -> Error {
		Error::Node(format!("{context}: {error}"))
	}

	/// Words the reason a node's transaction pool gave for refusing a transaction.
	pub(crate) fn refused(message: &str) -> Error {
		let lower = message.to_lowercase();
		let sentence = if lower.contains(&format!("custom error: {UNKNOWN_SIGNER}"))
			|| lower.contains(&format!("custom({UNKNOWN_SIGNER})"))
		{
			"the signing account is not a member account of an active organisation, a council \
			 member or a validator (the membership gate); ask your organisation's admin to \
			 invite it and accept with `healthnet org accept`, or check that the organisation \
			 is not suspended."
				.to_string()
		} else if lower.contains("call is not expected") {
			"the chain takes this call from no one, or not from this account: plain remarks \
			 are refused, and a validator may not withdraw its session keys while the council \
			 has it in the set."
				.to_string()
		} else if lower.contains("invalid format") || lower.contains("could not decode") {
			"the node could not decode the transaction: an argument is longer than the chain \
			 allows (a disease or region code, a name, an address, a list of variants)."
				.to_string()
		} else if lower.contains("inability to pay") || lower.contains("payment") {
			"the signing account cannot pay the transaction fee; fund it first.".to_string()
		} else if lower.contains("outdated") || lower.contains("stale") {
			"the transaction's nonce is already used; wait for the account's previous \
			 transaction to be included, then retry."
				.to_string()
		} else if lower.contains("bad proof") || lower.contains("badproof") {
			"its signature is not valid for this chain.".to_string()
		} else {
			message.to_string()
		};
		Error::Refused(sentence)
	}

	/// Turns a runtime dispatch error into the pallet's error name and documentation.
	pub(crate) fn dispatch(error: &subxt::error::DispatchError) -> Error {
		use subxt::error::DispatchError;
		match error {
			DispatchError::Module(module) => match module.details() {
				Ok(details) => Error::Dispatch {
					pallet: details.pallet.name().to_string(),
					error: details.variant.name.clone(),
					docs: details.variant.docs.join(" ").trim().to_string(),
				},
				Err(_) => Error::Node(format!("the runtime refused the call: {module}")),
			},
			DispatchError::BadOrigin => Error::Dispatch {
				pallet: "System".into(),
				error: "BadOrigin".into(),
				docs: "the signing account may not make this call (for a council-only call, \
				       propose it as a council motion)."
					.into(),
			},
			other => Error::Node(format!("the runtime refused the call: {other}")),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::Error;

	fn sentence(message: &str) -> String {
		Error::refused(message).to_string()
	}

	#[test]
	fn the_pools_refusals_become_sentences() {
		assert!(sentence("Invalid Transaction: Custom error: 1").contains("membership gate"));
		assert!(sentence("Invalid Transaction: Transaction call is not expected")
			.contains("plain remarks are refused"));
		assert!(sentence("Extrinsic has invalid format: BoundedVec exceeds its limit")
			.contains("longer than the chain allows"));
		assert_eq!(sentence("something new"), "the node refused the transaction: something new");
	}
}
