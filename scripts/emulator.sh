#!/usr/bin/env bash
# `make emulator` / `make emulator-stop`: the local emulator of the vendor APIs, left running for
# you to try the collection by hand. `start` writes .cache/emulator.env (source it: the demo's
# ansible on PATH, the collection path, every vendor's credentials, region and endpoint).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir="$root/.cache/emulator"
env_file="$root/.cache/emulator.env"
pid_file="$dir/pid"

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

case "${1:-}" in
start)
    venv=$(PYTHON="${PYTHON:-python3}" "$root/scripts/tool_venv.sh" demo tests/requirements-demo.txt)
    mkdir -p "$dir"
    if ! running; then
        rm -f "$dir/url"
        # Only the emulator itself in the background, with no fd of ours: $! is its pid, and a
        # caller capturing this script's output is not kept waiting by it.
        cd "$root"
        nohup "$venv/bin/python" -m tests.emulator --port 0 >"$dir/url" 2>"$dir/emulator.log" </dev/null &
        echo $! >"$pid_file"
        for _ in $(seq 100); do grep -q '^http' "$dir/url" 2>/dev/null && break; sleep 0.1; done
        grep -q '^http' "$dir/url" || { echo "the emulator did not start; see $dir/emulator.log" >&2; exit 1; }
    fi
    url=$(sed -n 1p "$dir/url")
    (cd "$root" && "$venv/bin/python" -m tests.emulator.env "$url" "$venv") >"$env_file"
    echo "emulator running at $url (pid $(cat "$pid_file")); stop it with: make emulator-stop"
    echo "now run: source .cache/emulator.env"
    ;;
stop)
    if running; then kill "$(cat "$pid_file")"; echo "emulator stopped"; else echo "no emulator running"; fi
    rm -f "$pid_file" "$env_file"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
