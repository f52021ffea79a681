# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: N Huawei apps created in one task, each bound to one app quota and given an access list.

Against the emulator with its rate limits on (Huawei: 10 calls/s). Prints the wall time, the calls,
the writes, the floor (an empty ansible-playbook run plus the calls / 10) and the ratio to it, for
the create and for a rerun that has nothing to change (which only reads), and the busiest second.
It measures and prints; it asserts nothing. From the repository root:

    .venv/bin/python -m tests.benchmarks.bench_fences [--size 100]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import tempfile

from tests.benchmarks.bench_batch import busiest_second, timed_playbook
from tests.integration.conftest import HUAWEI_INSTANCE, Ansible, start_emulator, stop_emulator

RATE = 10


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100, help="apps")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="cloudapps-bench-fences-")
    process, emulator = start_emulator(workdir, ["--huawei-app-quota", "1000"])
    try:
        ansible = Ansible(workdir)
        env = emulator.env("huawei")
        empty = min(timed_playbook(ansible, [], env) for dummy in range(3))
        quota = {"cloudapps.provision.huaweicloud_apig_app_quota": {
            "name": "bench_quota", "instance_id": HUAWEI_INSTANCE, "call_limits": 100, "time_unit": "MINUTE",
            "time_interval": 1}}
        timed_playbook(ansible, [quota], env)
        items = [{"name": "fenced_%03d" % n, "quota": "bench_quota",
                  "acl": {"type": "PERMIT", "values": ["10.%d.%d.0/24" % (n // 256, n % 256)]}}
                 for n in range(options.size)]
        task = {"cloudapps.provision.huaweicloud_apig_app": {"items": items, "instance_id": HUAWEI_INSTANCE}}
        print("%d Huawei apps, each bound to one quota and given an access list, in one task; rate limit %d/s; "
              "empty ansible-playbook run %.2f s" % (options.size, RATE, empty))
        header = ("run", "wall s", "calls", "writes", "floor s", "ratio", "max/s (limit)")
        print("%-26s %7s %7s %7s %8s %6s %14s" % header)
        for title in ("create, bind, fence", "rerun, nothing to change"):
            start = len(emulator.log("huawei"))
            wall = timed_playbook(ansible, [task], env)
            log = emulator.log("huawei")[start:]
            floor = empty + len(log) / float(RATE)
            print("%-26s %7.2f %7d %7d %8.2f %5.2fx %8d (%d)" % (
                title, wall, len(log), sum(1 for e in log if e["mutating"]), floor, wall / floor, busiest_second(log),
                RATE))
    finally:
        stop_emulator(process)


if __name__ == "__main__":
    main()
