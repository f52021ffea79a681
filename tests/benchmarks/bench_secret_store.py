# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: N Alibaba apps handed off to a real OpenBao dev server, rerun, then rotated by age.

Against the emulator with its rate limits on (Alibaba: 50 calls/s) and an OpenBao dev server whose
file audit device counts the store's requests. Prints, for the create, the no-change rerun and the
rotation run (after the emulator ages every key pair by 100 days; max_secret_age 90): wall time,
vendor calls and writes, store reads and writes, the floor (an empty ansible-playbook run plus the
vendor calls / 50) and the ratio to it. It measures and prints; it asserts nothing. From the
repository root:

    .venv/bin/python -m tests.benchmarks.bench_secret_store [--size 100]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import tempfile

from tests.benchmarks.bench_batch import busiest_second, timed_playbook
from tests.integration.conftest import Ansible, start_emulator, stop_emulator
from tests.openbao import OpenBao

RATE = 50
MODULE = "cloudapps.provision.alicloud_apigateway_app"


def store_requests(audit_path, since):
    """(reads, writes) of KV data and metadata paths in the audit log after line ``since``; the new line count."""
    with open(audit_path, encoding="utf-8") as handle:
        lines = handle.readlines()
    reads = writes = 0
    for line in lines[since:]:
        entry = json.loads(line)
        if entry.get("type") != "request":
            continue
        request = entry.get("request") or {}
        if not str(request.get("path", "")).startswith(("secret/data/", "secret/metadata/")):
            continue
        if request.get("operation") == "read":
            reads += 1
        elif request.get("operation") in ("create", "update"):
            writes += 1
    return reads, writes, len(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100, help="apps")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="cloudapps-bench-store-")
    process, emulator = start_emulator(workdir)
    bao = OpenBao(workdir, audit=True).start()
    audit = bao.audit_path
    try:
        ansible = Ansible(workdir)
        env = dict(emulator.env("alibaba"), VAULT_ADDR=bao.url, VAULT_TOKEN=bao.root_token)
        empty = min(timed_playbook(ansible, [], env) for dummy in range(3))
        items = [{"name": "store_bench_%03d" % number} for number in range(options.size)]
        task = {MODULE: {"items": items, "secret_store": {"path": "cloudapps/{vendor}/{name}"}, "max_secret_age": 90}}
        print("%d Alibaba apps with secret_store (OpenBao dev server), rate limit %d/s; empty ansible-playbook run "
              "%.2f s" % (options.size, RATE, empty))
        header = ("run", "wall s", "calls", "writes", "st.read", "st.write", "floor s", "ratio", "max/s (limit)")
        print("%-26s %7s %7s %7s %7s %7s %8s %6s %14s" % header)
        line = store_requests(audit, 0)[2]
        for title, before in (("create and hand off", None), ("rerun, nothing to change", None),
                              ("rotate by age (100 d > 90)", 100)):
            if before:
                emulator.age("alibaba", before)
            start = len(emulator.log("alibaba"))
            wall = timed_playbook(ansible, [task], env)
            log = emulator.log("alibaba")[start:]
            reads, writes, line = store_requests(audit, line)
            floor = empty + len(log) / float(RATE)
            print("%-26s %7.2f %7d %7d %7d %7d %8.2f %5.2fx %8d (%d)" % (
                title, wall, len(log), sum(1 for e in log if e["mutating"]), reads, writes, floor, wall / floor,
                busiest_second(log), RATE))
    finally:
        bao.stop()
        stop_emulator(process)


if __name__ == "__main__":
    main()
