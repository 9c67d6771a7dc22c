#!/usr/bin/env bash
# Save-to-reload latency of `khumue serve` on the 2,000-page corpus, next to the time of a full
# `khumue build` measured in the same run.
#
#   bench/serve/run.sh [EDITS]      (default 20 edits)
#
# Each edit appends a line to one page and times the moment the file is written until the
# `reload` event arrives on the live-reload stream (/__khumue/events). Before the next edit the
# script waits for `synced` (the background search index is in and the output folder equals a
# full build), so every edit is measured from the same idle state, as when a person edits,
# looks, and edits again.
set -euo pipefail

EDITS="${1:-20}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$(cd "$REPO" && realpath -m "${CARGO_TARGET_DIR:-target}")/release/khumue"
(cd "$REPO" && cargo build --release --quiet)

WORK="$(mktemp -d)"
SERVE_PID=""
cleanup() {
    if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

SHARED="${KHUMUE_SHARED:-$REPO/../shared}"
python3 "$SHARED/corpus/gen_corpus.py" --out "$WORK/corpus" -n 2000 >/dev/null
mkdir -p "$WORK/project"
cp -r "$WORK/corpus/corpus-2k" "$WORK/project/content"

full_start=$(date +%s.%N)
"$BIN" build --no-pdf --root "$WORK/project" --out "$WORK/full" >/dev/null 2>&1
full_end=$(date +%s.%N)
FULL_MS=$(python3 -c "print(round(($full_end - $full_start) * 1000))")

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --root "$WORK/project" --out "$WORK/serve-out" --port "$PORT" 2>"$WORK/serve.log" &
SERVE_PID=$!

python3 - "$PORT" "$WORK/project/content" "$EDITS" "$FULL_MS" <<'PY'
import os, socket, statistics, sys, time

port, content, edits, full_ms = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

deadline = time.time() + 300
while True:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("server did not start")
        time.sleep(0.1)

sock = socket.create_connection(("127.0.0.1", port))
sock.sendall(b"GET /__khumue/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
stream = sock.makefile("rb")

def next_event():
    name = None
    while True:
        line = stream.readline()
        if not line:
            sys.exit("event stream closed")
        line = line.rstrip(b"\r\n")
        if line.startswith(b"retry:"):
            return "ready"
        if line.startswith(b"event: "):
            name = line[7:].decode()
        elif line == b"" and name:
            return name

def wait_for(wanted):
    while True:
        name = next_event()
        if name == wanted:
            return time.perf_counter()
        if name == "error":
            sys.exit("the build failed during the benchmark")

wait_for("ready")
pages = sorted(f for f in os.listdir(content) if f.endswith(".md"))
reload_ms, synced_ms = [], []
for i in range(edits):
    path = os.path.join(content, pages[(i * 97) % len(pages)])
    with open(path, encoding="utf-8") as f:
        text = f.read()
    started = time.perf_counter()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + f"\nแก้ไขครั้งที่ {i} BENCH-EDIT-{i}\n")
    reload_ms.append((wait_for("reload") - started) * 1000)
    synced_ms.append((wait_for("synced") - started) * 1000)

print(f"corpus: {len(pages)} pages; {edits} edits")
print(f"full build (khumue build --no-pdf): {full_ms} ms")
print(f"save -> reload event:           median {statistics.median(reload_ms):.0f} ms, max {max(reload_ms):.0f} ms (target: median <= 150 ms)")
print(f"save -> search index in sync:   median {statistics.median(synced_ms):.0f} ms, max {max(synced_ms):.0f} ms")
print(f"median reload / full build:     {statistics.median(reload_ms) / full_ms:.2f}")
PY
