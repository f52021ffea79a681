# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: each info module listing N resources (default 300) against the emulator, rate limits on.

Prints per vendor: wall time of the task, list calls made and the target ceil(N / page size), and
with return_secrets the extra calls (one per resource only where the listing lacks the secrets).
It measures and prints; it asserts nothing. From the repository root:

    .venv/bin/python -m tests.benchmarks.bench_info [--count 300] [--latency 0 0.1]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import math
import tempfile
import time

from tests.integration.conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE, Ansible, start_emulator, stop_emulator

# emulator vendor, info module, extra module arguments, seed options, page size
VENDORS = (
    ("volcengine", "volcengine_rtc_app_info", {}, {}, 100),
    ("alibaba", "alicloud_apigateway_app_info", {}, {}, 100),
    ("huawei", "huaweicloud_apig_app_info", {"instance_id": HUAWEI_INSTANCE}, {"gateway": HUAWEI_GATEWAY}, 500),
    ("tencent", "tencentcloud_apigateway_api_key_info", {}, {}, 100),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="resources per vendor")
    parser.add_argument("--latency", type=float, nargs="+", default=[0.0, 0.1], help="seconds added to each answer")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="cloudapps-bench-info-")
    process, emulator = start_emulator(workdir)
    try:
        ansible = Ansible(workdir)
        print("%-11s %7s %9s %8s %11s %14s %12s" % ("vendor", "latency", "wall (s)", "calls", "target", "secrets wall", "secret calls"))
        for latency in options.latency:
            for vendor, module, args, seed, page in VENDORS:
                emulator.reset()
                emulator.seed(vendor, options.count, "bench_", **seed)
                if latency:
                    emulator.faults([{"vendor": vendor, "action": "*", "kind": "delay", "count": -1, "delay": latency}])
                walls = []
                for secrets in (False, True):
                    before = emulator.calls(vendor)
                    task = {"name": "list", "cloudapps.provision." + module: dict(args, return_secrets=secrets),
                            "no_log": True}
                    started = time.monotonic()
                    run = ansible.playbook([task], env=emulator.env(vendor))
                    walls.append((time.monotonic() - started, emulator.calls(vendor) - before))
                    if run.rc != 0:
                        raise RuntimeError("benchmark run failed:\n%r" % run)
                print("%-11s %6.0fms %9.2f %8d %11d %14.2f %12d" % (
                    vendor, latency * 1000, walls[0][0], walls[0][1], math.ceil(options.count / page),
                    walls[1][0], walls[1][1] - walls[0][1]))
    finally:
        stop_emulator(process)


if __name__ == "__main__":
    main()
