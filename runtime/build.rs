//! Compiles the runtime to wasm32v1-none and embeds it in the native crate.

fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
