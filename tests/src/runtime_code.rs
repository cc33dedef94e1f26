//! The runtime's code as a chain stores it (a wasm module, compressed by the wasm builder),
//! and the runtime one `spec_version` ahead that the council upgrade test enacts.
//!
//! The upgrade runtime is made from the compiled one rather than compiled again: the version a
//! node and `frame_system::set_code` go by is the wasm's `runtime_version` custom section
//! (`sc_executor::read_embedded_version`, `sp_io::misc::runtime_version`), so raising the
//! `spec_version` in that section gives code that every node treats as the next runtime. The
//! runtime's own `Core_version` constant still says the old number, so the upgrade runs no
//! migration hooks; Healthnet has none yet. Compiling a second runtime for the test took
//! nine minutes of the suite on two cores.

use std::ops::Range;

use anyhow::{bail, ensure, Context, Result};
use codec::{Compact, Decode};

/// The most a runtime may decompress to (the node's limit is the same order).
const BOMB_LIMIT: usize = 50 * 1024 * 1024;

/// The bytes of the `runtime_version` custom section of a (possibly compressed) runtime:
/// its `RuntimeVersion`, SCALE-encoded.
pub fn runtime_version_section(code: &[u8]) -> Result<Vec<u8>> {
	let wasm = sp_maybe_compressed_blob::decompress(code, BOMB_LIMIT)?;
	let range = version_range(&wasm)?;
	Ok(wasm[range].to_vec())
}

/// The `spec_name` and `spec_version` of a (possibly compressed) runtime, from its
/// `runtime_version` section.
pub fn spec_of(code: &[u8]) -> Result<(String, u32)> {
	let section = runtime_version_section(code)?;
	let (name, at) = spec_version_offset(&section)?;
	Ok((name, u32::from_le_bytes(section[at..at + 4].try_into()?)))
}

/// The same runtime with its `spec_version` one higher, compressed again; with that version.
pub fn next_spec_version(code: &[u8]) -> Result<(Vec<u8>, u32)> {
	let mut wasm = sp_maybe_compressed_blob::decompress(code, BOMB_LIMIT)?.into_owned();
	let range = version_range(&wasm)?;
	let (_, offset) = spec_version_offset(&wasm[range.clone()])?;
	let at = range.start + offset;
	let version = u32::from_le_bytes(wasm[at..at + 4].try_into()?)
		.checked_add(1)
		.context("the spec_version is at its maximum")?;
	wasm[at..at + 4].copy_from_slice(&version.to_le_bytes());
	let compressed = sp_maybe_compressed_blob::compress_strongly(&wasm, BOMB_LIMIT)
		.context("the runtime did not compress within the limit")?;
	Ok((compressed, version))
}

/// Where the `runtime_version` custom section's payload lies in a wasm module.
fn version_range(wasm: &[u8]) -> Result<Range<usize>> {
	ensure!(wasm.starts_with(b"\0asm"), "the runtime is not a wasm module");
	let mut found = None;
	let mut at = 8; // magic and version
	while at < wasm.len() {
		let id = wasm[at];
		at += 1;
		let size = leb128(wasm, &mut at)?;
		let end =
			at.checked_add(size).filter(|&end| end <= wasm.len()).context("truncated wasm")?;
		if id == 0 {
			let mut name_at = at;
			let name_len = leb128(wasm, &mut name_at)?;
			if wasm.get(name_at..name_at + name_len) == Some(b"runtime_version") {
				ensure!(found.is_none(), "the runtime has two runtime_version sections");
				found = Some(name_at + name_len..end);
			}
		}
		at = end;
	}
	found.context("the runtime has no runtime_version section")
}

/// The spec name and the offset of `spec_version` in an encoded `RuntimeVersion`, which
/// begins `spec_name: String, impl_name: String, authoring_version: u32, spec_version: u32`.
fn spec_version_offset(version: &[u8]) -> Result<(String, usize)> {
	let mut input = version;
	let spec_name = String::decode(&mut input)?;
	let impl_len = Compact::<u32>::decode(&mut input)?.0 as usize;
	let at = version.len() - input.len() + impl_len + 4;
	if at + 4 > version.len() {
		bail!("the runtime_version section is too short");
	}
	Ok((spec_name, at))
}

/// Reads an unsigned LEB128 number at `at`, moving `at` past it.
fn leb128(bytes: &[u8], at: &mut usize) -> Result<usize> {
	let (mut value, mut shift) = (0usize, 0);
	loop {
		let byte = *bytes.get(*at).context("truncated wasm")?;
		*at += 1;
		ensure!(shift < 35, "a wasm size that does not fit 32 bits");
		value |= ((byte & 0x7f) as usize) << shift;
		if byte < 0x80 {
			return Ok(value);
		}
		shift += 7;
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

	/// A wasm module with a type section, the version section and another custom section.
	fn module(spec_version: u32) -> Vec<u8> {
		let mut version = ("healthnet".to_string(), "healthnet".to_string()).encode();
		version.extend(1u32.to_le_bytes()); // authoring_version
		version.extend(spec_version.to_le_bytes());
		version.extend([7u8; 20]); // the rest, kept as it is
		let custom = |name: &str, payload: &[u8]| {
			let mut body = vec![name.len() as u8];
			body.extend(name.as_bytes());
			body.extend(payload);
			let mut section = vec![0u8, body.len() as u8];
			section.extend(body);
			section
		};
		let mut wasm = b"\0asm\x01\0\0\0".to_vec();
		wasm.extend([1u8, 1, 0]); // an empty type section
		wasm.extend(custom("runtime_apis", &[1, 2, 3]));
		wasm.extend(custom("runtime_version", &version));
		wasm
	}

	#[test]
	fn the_next_runtime_differs_only_in_its_spec_version() {
		let code = sp_maybe_compressed_blob::compress_strongly(&module(100), BOMB_LIMIT).unwrap();
		assert_eq!(spec_of(&code).unwrap(), ("healthnet".into(), 100));
		let (next, version) = next_spec_version(&code).unwrap();
		assert_eq!(version, 101);
		assert_eq!(spec_of(&next).unwrap(), ("healthnet".into(), 101));
		let next = sp_maybe_compressed_blob::decompress(&next, BOMB_LIMIT).unwrap();
		assert_eq!(next.len(), module(101).len());
		assert_eq!(&next[..], &module(101)[..]);
	}

	#[test]
	fn code_without_a_version_section_is_refused() {
		let mut wasm = b"\0asm\x01\0\0\0".to_vec();
		wasm.extend([1u8, 1, 0]);
		let error = next_spec_version(&wasm).unwrap_err();
		assert!(error.to_string().contains("no runtime_version section"), "{error}");
		assert!(next_spec_version(b"not wasm at all").is_err());
	}
}
