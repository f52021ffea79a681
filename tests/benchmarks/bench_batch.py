# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the cloud_apps role over many items per vendor, against the emulator with its rate limits on.

For N items per vendor (default 10, 50 and 100), with no added latency and with a simulated vendor
latency of 100 ms per answer, it runs the role once per vendor to create the items and prints:
wall time, API calls, calls per item, the floor (the wall time of an empty ansible-playbook run plus
API calls / the vendor's published rate), the ratio to the floor, and the highest request count in
any 1-second window next to the published limit. Then it reruns the role over all four vendors at
once with nothing to change and prints the wall time and the calls per vendor. First, every vendor's
N new items in one role run (the vendors run at the same time), then its no-change rerun: the wall
time against the slowest vendor's floor, and each vendor's busiest second. Last, for the vendors
with authorizations, N identities each with one authorization entry of two APIs in the role (applied
by the identity task), created then rerun unchanged, next to the same authorizations applied by a
looped authorization module task (one task run per identity). It measures and prints; it asserts
nothing. From the repository root:

    .venv/bin/python -m tests.benchmarks.bench_batch [--sizes 10 50 100] [--latency 0 0.1] [--auth-size 100]
        [--together-size 100] [--only-together] [--only-authorizations]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import math
import tempfile
import time

from tests.integration.conftest import HUAWEI_INSTANCE, Ansible, start_emulator, stop_emulator

ROLE = "cloudapps.provision.cloud_apps"
# vendor of the emulator log, role list variable, published rate (calls/s), page size of the listing
VENDORS = (
    ("volcengine", "cloud_apps_volcengine_rtc_apps", 20, 100),
    ("alibaba", "cloud_apps_alicloud_apigateway_apps", 50, 100),
    ("apig", "cloud_apps_alicloud_apig_consumers", 50, 100),
    ("huawei", "cloud_apps_huaweicloud_apig_apps", 10, 500),
    ("tencent", "cloud_apps_tencentcloud_apigateway_api_keys", 20, 100),
)


def items(vendor, count):
    return [{"name": "bench_%s_%03d" % (vendor[:4], number)} for number in range(count)]


# vendor, role list variable, published rate, authorization module, its identity option and one entry
AUTHORIZATIONS = (
    ("alibaba", "cloud_apps_alicloud_apigateway_apps", 50, "alicloud_apigateway_app_authorization", "app",
     {"group_id": "523e8dc7bbe04613b5b1d726c2a7889d",
      "api_ids": ["baacc592e63a4cb6a41920d9d3f91f38", "jkscc489e63a4cb6a41920d9d3f92d78"]}),
    ("huawei", "cloud_apps_huaweicloud_apig_apps", 10, "huaweicloud_apig_app_authorization", "app",
     {"env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID",
      "api_ids": ["5f918d104dc84480a75166ba99efff21", "6a9f25b5e4a347f3b0ffb4e8c2c9e6a1"]}),
    ("apig", "cloud_apps_alicloud_apig_consumers", 50, "alicloud_apig_consumer_authorization", "consumer",
     {"environment_id": "env-cti17hem1hktoruj98ug",
      "resource_ids": ["hr-cloudapps000000000001", "hr-cloudapps000000000002"]}),
)


def bench_authorizations(ansible, emulator, env, empty, size):
    role = [{"ansible.builtin.import_role": {"name": ROLE}}]
    print("authorizations: %d identities, one entry of two APIs each" % size)
    print("%-10s %-34s %7s %6s %8s %6s %14s" % ("vendor", "run", "wall s", "calls", "floor s", "ratio", "max/s (limit)"))
    for vendor, variable, rate, module, identity_option, entry in AUTHORIZATIONS:
        names = [item["name"] for item in items(vendor, size)]
        play_vars = {variable: [{"name": name, "authorizations": [entry]} for name in names],
                     "cloud_apps_huaweicloud_instance_id": HUAWEI_INSTANCE}
        emulator.reset()
        runs = [("role: create and authorize", role), ("role: rerun, nothing to change", role)]
        for title, tasks in runs:
            start = len(emulator.log(vendor))
            wall = timed_playbook(ansible, tasks, env, play_vars)
            log = emulator.log(vendor)[start:]
            floor = empty + len(log) / float(rate)
            print("%-10s %-34s %7.2f %6d %8.2f %5.2fx %8d (%d)" % (
                vendor, title, wall, len(log), floor, wall / floor, busiest_second(log), rate))
        # The same authorizations by a looped authorization task, on identities that exist already.
        play_vars[variable] = [{"name": name} for name in names]
        emulator.reset()
        timed_playbook(ansible, role, env, play_vars)
        args = dict(entry, **{identity_option: "{{ item }}"})
        if vendor == "huawei":
            args["instance_id"] = HUAWEI_INSTANCE
        looped = [{"cloudapps.provision." + module: args, "loop": names}]
        start = len(emulator.log(vendor))
        wall = timed_playbook(ansible, looped, env)
        log = emulator.log(vendor)[start:]
        floor = empty + len(log) / float(rate)
        print("%-10s %-34s %7.2f %6d %8.2f %5.2fx %8d (%d)" % (
            vendor, "looped authorization module task", wall, len(log), floor, wall / floor, busiest_second(log), rate))


def bench_together(ansible, emulator, env, size, vendors=VENDORS):
    """Every vendor's N new items in one role run, then the no-change rerun: the run against the
    slowest vendor's floor, and each vendor's busiest 1-second window of arrivals against its limit.
    Timed as a user runs it (the default callback only); the floor's empty run is timed the same way."""
    empty = min(timed_playbook(ansible, [], env, as_a_user=True) for dummy in range(3))
    play_vars = dict((variable, items(vendor, size)) for vendor, variable, unused, unused_page in vendors)
    play_vars["cloud_apps_huaweicloud_instance_id"] = HUAWEI_INSTANCE
    role = [{"ansible.builtin.import_role": {"name": ROLE}}]
    emulator.reset()
    print("all %d vendors at once: %d new items each in one role run" % (len(vendors), size))
    print("%-26s %7s %6s %15s %6s" % ("run", "wall s", "calls", "slowest floor s", "ratio"))
    for title in ("create", "no-change rerun"):
        start = dict((vendor, len(emulator.log(vendor))) for vendor, unused, unused_rate, unused_page in vendors)
        wall = timed_playbook(ansible, role, env, play_vars, as_a_user=True)
        logs = dict((vendor, emulator.log(vendor)[start[vendor]:]) for vendor, unused, unused_r, unused_p in vendors)
        floors = dict((vendor, empty + len(logs[vendor]) / float(rate)) for vendor, unused, rate, unused_p in vendors)
        slowest = max(floors, key=floors.get)
        print("%-26s %7.2f %6d %9.2f (%s) %5.2fx" % (
            title, wall, sum(len(log) for log in logs.values()), floors[slowest], slowest, wall / floors[slowest]))
        for vendor, unused, rate, unused_p in vendors:
            print("  %-10s %5d calls, floor %6.2f s, busiest second %3d (limit %d)" % (
                vendor, len(logs[vendor]), floors[vendor], busiest_second(logs[vendor]), rate))


def busiest_second(entries):
    stamps = sorted(entry["ts"] for entry in entries)
    best = start = 0
    for end, stamp in enumerate(stamps):
        while stamp - stamps[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def timed_playbook(ansible, tasks, env, play_vars=None, as_a_user=False):
    """Wall time of one run; ``as_a_user``: without the tests' callback that records every result
    (it serialises each task's whole result, seconds for a run of hundreds of items)."""
    if as_a_user:
        env = dict(env, RECORD_RESULTS_FILE="")
    started = time.monotonic()
    run = ansible.playbook(tasks, env=env, play_vars=play_vars)
    elapsed = time.monotonic() - started
    if run.rc != 0:
        raise RuntimeError("benchmark run failed:\n%r" % run)
    return elapsed


def environment(emulator):
    env = {}
    for vendor, unused, unused_rate, unused_page in VENDORS:
        env.update(emulator.env(vendor))
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100], help="items per vendor")
    parser.add_argument("--latency", type=float, nargs="+", default=[0.0, 0.1], help="seconds added to each answer")
    parser.add_argument("--auth-size", type=int, default=100, help="identities with authorizations (0: skip)")
    parser.add_argument("--only-authorizations", action="store_true", help="run only the authorizations part")
    parser.add_argument("--together-size", type=int, default=100, help="items per vendor for all vendors at once (0: skip)")
    parser.add_argument("--only-together", action="store_true", help="run only the all-vendors-at-once part")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="cloudapps-bench-batch-")
    # A Huawei gateway's credential quota is 50 by default; raised as an account would raise it.
    process, emulator = start_emulator(workdir, ["--huawei-app-quota", "1000"])
    try:
        ansible = Ansible(workdir)
        env = environment(emulator)
        empty = min(timed_playbook(ansible, [], env) for dummy in range(3))
        print("empty ansible-playbook run: %.2f s (the fixed part of every floor)" % empty)
        if options.only_authorizations:
            bench_authorizations(ansible, emulator, env, empty, options.auth_size)
            return
        if options.together_size:
            bench_together(ansible, emulator, env, options.together_size)
            # The four vendors of the role's first releases (without the APIG consumers).
            bench_together(ansible, emulator, env, options.together_size,
                           [row for row in VENDORS if row[0] != "apig"])
        if options.only_together:
            return
        print("%-10s %5s %7s %7s %6s %9s %8s %6s %14s" % (
            "vendor", "N", "latency", "wall s", "calls", "calls/it", "floor s", "ratio", "max/s (limit)"))
        for latency in options.latency:
            for size in options.sizes:
                for vendor, variable, rate, unused_page in VENDORS:
                    emulator.reset()
                    if latency:
                        emulator.faults([{"vendor": "*", "action": "*", "kind": "delay", "count": -1,
                                          "delay": latency}])
                    play_vars = {variable: items(vendor, size), "cloud_apps_huaweicloud_instance_id": HUAWEI_INSTANCE}
                    wall = timed_playbook(ansible, [{"ansible.builtin.import_role": {"name": ROLE}}], env, play_vars)
                    log = emulator.log(vendor)
                    floor = empty + len(log) / float(rate)
                    print("%-10s %5d %7.2f %7.2f %6d %9.2f %8.2f %5.2fx %8d (%d)" % (
                        vendor, size, latency, wall, len(log), len(log) / float(size), floor, wall / floor,
                        busiest_second(log), rate))
        # No-change rerun of the largest N on all four vendors in one role run.
        size = max(options.sizes)
        emulator.reset()
        play_vars = dict((variable, items(vendor, size)) for vendor, variable, unused, unused_page in VENDORS)
        play_vars["cloud_apps_huaweicloud_instance_id"] = HUAWEI_INSTANCE
        role = [{"ansible.builtin.import_role": {"name": ROLE}}]
        timed_playbook(ansible, role, env, play_vars)
        before = dict((vendor, emulator.calls(vendor)) for vendor, unused, unused_rate, unused_page in VENDORS)
        wall = timed_playbook(ansible, role, env, play_vars)
        calls = dict((vendor, emulator.calls(vendor) - before[vendor]) for vendor, unused, unused_r, unused_p in VENDORS)
        writes = sum(1 for entry in emulator.log() if entry["mutating"]) - len(VENDORS) * size
        print("no-change rerun, %d items on each of the %d vendors in one role run: %.2f s wall, %d writes"
              % (size, len(VENDORS), wall, writes))
        for vendor, unused, unused_rate, page in VENDORS:
            print("  %-10s %d API calls (target at most %d)" % (vendor, calls[vendor], int(math.ceil(size / float(page))) + 1))
        if options.auth_size:
            bench_authorizations(ansible, emulator, env, empty, options.auth_size)
    finally:
        stop_emulator(process)


if __name__ == "__main__":
    main()
