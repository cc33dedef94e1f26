# Sourced by the other scripts: where builds go, how cargo is called, how a script fails.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "$(basename "$0")" "$*"; }

# Builds live outside the clone so that they survive a fresh checkout and later sessions.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthnet/target}"

# The runtime wasm must be byte-for-byte the same wherever it is built, or the checked-in
# chain specs (which embed it) would differ between machines: strip the local paths.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
rustup_home="${RUSTUP_HOME:-$HOME/.rustup}"
export WASM_BUILD_RUSTFLAGS="--remap-path-prefix=$ROOT=/healthnet --remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$rustup_home=/rustup --remap-path-prefix=$CARGO_TARGET_DIR=/target"

# One profile for running, testing and benchmarking, so that every script reuses the same
# build. The node and runtime that run networks are built without `runtime-benchmarks`: a
# runtime built with it needs benchmarking host functions that a production node lacks.
CARGO_FLAGS=(--workspace --locked)
# HEALTHNET_NODE runs another build of the node (scripts/soak: the release one).
NODE="${HEALTHNET_NODE:-$CARGO_TARGET_DIR/debug/healthnet-node}"

build_node() {
	say "building the node (the first build takes 20-30 minutes on two cores)"
	(cd "$ROOT" && cargo build "${CARGO_FLAGS[@]}" --bins) ||
		die "the build failed; the compiler's message is above."
}

# The Healthnet pallets, as cargo package names.
pallet_packages() {
	local dir
	for dir in "$ROOT"/pallets/*/; do
		[ -f "$dir/Cargo.toml" ] && printf -- '-p\npallet-%s\n' "$(basename "$dir")"
	done
}

# Fails with a sentence when something already listens on the TCP port $1.
require_free_port() {
	if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
		die "port $1 is in use by another program; stop it or choose other ports (see --help)."
	fi
}
