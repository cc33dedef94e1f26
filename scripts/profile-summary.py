#!/usr/bin/env python3
"""Sums `perf script` samples of a node importing blocks (scripts/profile) by what they did.

Reads perf script's output (fields comm,tid,time,ip,sym,dso; call graphs included) of the
import proper (scripts/profile leaves out the node's start: genesis, compiling the wasm) on
standard input and the load run's JSON named by the last argument; `--hz N` is perf's
sampling rate (999 by default). Each sample goes to the innermost host function of the
runtime interface on its stack (`sp_io::storage::ExtStorageGetVersion1` is "host: storage
get"); a sample in the runtime's compiled code, to "runtime code"; else to the node's work it
is part of (the state root's trie, the trie cache, the database, the block's commit). Stacks
are unwound only up to the runtime's compiled code (perf has no unwind tables for it), which
is why a host function, not the runtime function that called it, is what a sample names.
"""

import json
import re
import sys
from collections import Counter

HOST = re.compile(r"sp_io::(\w+)::Ext(\w+?)Version\d+::call")
# Where the node's own work begins, matched against each frame's function (the start of its
# name, or the method after `::`), not against the type parameters that a frame's name spells.
AROUND = [
    (re.compile(r"^<?sp_trie::cache::(LocalTrieCache|shared_cache|SharedTrieCache)"), "node: trie cache merged after the block"),
    (re.compile(r"^<?(parity_db::|sc_client_db::parity_db::)"), "node: database (parity-db)"),
    (re.compile(r"::(try_)?commit_operation$|::note_finalized$"), "node: block commit"),
    (re.compile(r"^<?sc_consensus_aura::"), "node: seal and header checks"),
    (re.compile(r"::(full_)?storage_root$|^sp_trie::delta_trie_root"), "node: state root"),
]


def words(name):
    """`StorageGet` as `storage get`, `CryptoSr25519Verify` as `crypto sr25519 verify`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def classify(frames):
    for sym, dso in frames:
        match = HOST.search(sym)
        if match:
            module, function = match.groups()
            name = words(function)
            if name.startswith(module + " "):
                name = name[len(module) + 1:]
            return f"host: {module} {name}"
    leaf_sym, leaf_dso = frames[0] if frames else ("", "")
    in_wasm = any(dso.startswith("/tmp/perf-") or "[JIT]" in dso for _, dso in frames[:3])
    if leaf_dso.startswith("/tmp/perf-") or "[JIT]" in leaf_dso:
        return "runtime code (compiled wasm)"
    if in_wasm and "kernel" in leaf_dso:
        return "runtime memory first touched (page faults)"
    for pattern, name in AROUND:
        if any(pattern.search(sym) for sym, _ in frames):
            return name
    stack = " ".join(sym for sym, _ in frames)
    if in_wasm or "sc_executor" in stack or "wasmtime" in stack:
        return "node: wasm executor (instances, calls)"
    return "node: other"


def samples(lines):
    header, frames = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if header is not None:
                yield header, frames
            header, frames = None, []
        elif line.startswith("\t") or line.startswith(" "):
            parts = line.strip().split(" ", 1)
            rest = parts[1] if len(parts) > 1 else ""
            match = re.match(r"(.*) \((.*)\)$", rest)
            frames.append((match.group(1), match.group(2)) if match else (rest, ""))
        else:
            header = line
    if header is not None:
        yield header, frames


def main():
    args = sys.argv[1:]
    hz = float(args[args.index("--hz") + 1]) if "--hz" in args else 999.0
    load = json.load(open(args[-1]))["runs"][0]
    counts, total = Counter(), 0
    for header, frames in samples(sys.stdin):
        total += 1
        counts[classify(frames)] += 1
    if not total:
        sys.exit("no sample of the import: was perf allowed to record?")
    transactions = load["finalized"]
    reports = transactions * (load.get("reports_per_transaction") or 0)
    print(f"{load['workload']}: {transactions} transactions"
          + (f", {reports} disease reports" if reports else "")
          + f" in {load['blocks']} blocks; {total} samples at {hz:.0f} Hz"
          + f" ({total / hz:.2f} s of CPU)")
    unit = reports or transactions
    per = f"µs a {'disease report' if reports else 'transaction'}"
    print(f"{'share':>7}  {per:>24}  what")
    for name, n in counts.most_common():
        print(f"{100.0 * n / total:6.1f}%  {1e6 * n / hz / unit:24.1f}  {name}")
    print(f"{100.0:6.1f}%  {1e6 * total / hz / unit:24.1f}  all")


if __name__ == "__main__":
    main()
