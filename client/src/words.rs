//! Reading the words people type for kinds, roles, reasons and the like, so that a typo is
//! refused with the accepted words before anything is sent.

use codec::{Decode, Encode};

use crate::Error;

/// Looks `word` up among `choices` (compared without case, `-` and `_`), or says which words
/// are accepted.
pub(crate) fn choose<T: Clone>(what: &str, word: &str, choices: &[(&str, T)]) -> Result<T, Error> {
	let canonical = |s: &str| s.to_lowercase().replace(['-', '_'], "");
	choices
		.iter()
		.find(|(name, _)| canonical(name) == canonical(word))
		.map(|(_, value)| value.clone())
		.ok_or_else(|| {
			let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
			Error::BadInput(format!("{word} is not a {what}; give one of: {}", names.join(", ")))
		})
}

/// The runtime's own type for a value of a shared type with the same encoding.
pub(crate) fn same<From: Encode, To: Decode>(value: &From) -> Result<To, Error> {
	To::decode(&mut &value.encode()[..])
		.map_err(|e| Error::Node(format!("the runtime's types differ from this client's: {e}")))
}
