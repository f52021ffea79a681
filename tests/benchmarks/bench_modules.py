# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: API calls and wall time per module, against the local emulator.

Prints, per module: the API calls of a create (target: at most 2 plus any read-back the vendor
forces) and of a no-change run (target: 1), and the wall time of a no-change task relative to an
``ansible.builtin.uri`` GET against the same emulator in the same playbook (target: at most 1.2x).
It measures and prints; it asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_modules [--rounds 10]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import statistics
import tempfile

from tests.integration.conftest import HUAWEI_INSTANCE, Ansible, start_emulator, stop_emulator

MODULES = (
    ("volcengine", "cloudapps.provision.volcengine_rtc_app", {"name": "bench_rtc"}),
    ("alibaba", "cloudapps.provision.alicloud_apigateway_app", {"name": "bench_gateway", "description": "bench"}),
    ("huawei", "cloudapps.provision.huaweicloud_apig_app",
     {"name": "bench_apig", "description": "bench", "instance_id": HUAWEI_INSTANCE}),
    ("tencent", "cloudapps.provision.tencentcloud_apigateway_api_key", {"name": "bench_key"}),
)


def measure(ansible, emulator, vendor, module, args, rounds):
    env = emulator.env(vendor)
    before = emulator.calls(vendor)
    created = ansible.playbook([{"name": "create", module: args}], env=env)
    if created.rc != 0:
        raise RuntimeError("create failed for %s:\n%r" % (module, created))
    create_calls = emulator.calls(vendor) - before

    tasks = []
    for dummy in range(rounds):
        tasks.append({"name": "no-change", module: args})
        tasks.append({"name": "uri", "ansible.builtin.uri": {"url": emulator.base_url + "/_emulator/health"}})
    before = emulator.calls(vendor)
    run = ansible.playbook(tasks, env=env)
    if run.rc != 0:
        raise RuntimeError("no-change run failed for %s:\n%r" % (module, run))
    no_change_calls = (emulator.calls(vendor) - before) / float(rounds)
    changed = sum(1 for r in run.results if r["task"] == "no-change" and r["result"].get("changed"))
    module_times = [r["duration"] for r in run.results if r["task"] == "no-change"]
    uri_times = [r["duration"] for r in run.results if r["task"] == "uri"]
    return dict(create_calls=create_calls, no_change_calls=no_change_calls, changed=changed,
                module_ms=statistics.median(module_times) * 1000, uri_ms=statistics.median(uri_times) * 1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="no-change tasks (and uri GETs) per module")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="cloudapps-bench-")
    process, emulator = start_emulator(workdir)
    try:
        ansible = Ansible(workdir)
        print("%-52s %12s %15s %10s %10s %8s" % ("module", "create calls", "no-change calls", "task ms", "uri ms", "ratio"))
        for vendor, module, args in MODULES:
            row = measure(ansible, emulator, vendor, module, args, options.rounds)
            print("%-52s %12d %15.1f %10.1f %10.1f %7.2fx%s" % (
                module, row["create_calls"], row["no_change_calls"], row["module_ms"], row["uri_ms"],
                row["module_ms"] / row["uri_ms"], "" if not row["changed"] else "  (%d no-change runs changed!)" % row["changed"]))
        print("targets: create calls <= 2 (+ forced read-back), no-change calls == 1, ratio <= 1.2x")
    finally:
        stop_emulator(process)


if __name__ == "__main__":
    main()
