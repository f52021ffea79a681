# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: playbooks/accounts.yml over 6 account-regions (3 accounts x 2 regions, a region being
another emulator, each account-region with its own rate limits), N new items per vendor list on
every host, with forks 6.

It prints the wall time of the create run and of the no-change rerun, the slowest account-region's
floor (the wall time of the same playbook over the same inventory with no items, plus that
account-region's calls to its slowest vendor / the vendor's published rate) and the ratio, the
controller CPU per account-region (for the AWX job-slicing projection in the README), and in the
first round each account-region's calls and busiest second per vendor against the limit; then the
median and range of the ratios over the rounds (this machine's speed varies from run to run).
Timed as a user runs it (the default callback only). It measures and prints; it asserts nothing.
From the repository root:

    .venv/bin/python -m tests.benchmarks.bench_accounts [--items 50] [--forks 6] [--repeat 3]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import resource
import tempfile
import time

from tests.benchmarks.bench_batch import VENDORS, busiest_second
from tests.emulator import sts
from tests.integration.conftest import Ansible, start_emulator, stop_emulator
from tests.integration.test_accounts import ACCOUNTS_PLAYBOOK, inventory

REGIONS = {"a": {"alicloud": "cn-hangzhou", "huaweicloud": "cn-north-4", "tencentcloud": "ap-guangzhou"},
           "b": {"alicloud": "cn-shanghai", "huaweicloud": "cn-east-3", "tencentcloud": "ap-shanghai"}}
RATES = dict((vendor, rate) for vendor, unused, rate, unused_page in VENDORS)


def timed(ansible, argv, env):
    started = time.monotonic()
    run = ansible._run(argv, dict(env, RECORD_RESULTS_FILE=""))  # pylint: disable=protected-access
    elapsed = time.monotonic() - started
    if run.rc != 0:
        raise RuntimeError("benchmark run failed:\n%r" % run)
    return elapsed


def measure(ansible, argv, base, regions, empty, title, verbose):
    """One run: (ratio to the slowest account-region's floor, wall time); the details when verbose."""
    marks = [len(server.log()) for server, unused in regions.values()]
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(ansible, argv, base)
    spent = resource.getrusage(resource.RUSAGE_CHILDREN)
    floors = {}
    rows = []
    for (label, (server, unused)), mark in zip(regions.items(), marks):
        log = server.log()[mark:]
        for account in sts.ACCOUNTS:
            mine = [e for e in log if e["account"] == account]
            calls = dict((vendor, [e for e in mine if e["vendor"] == vendor]) for vendor in RATES)
            floor = empty + max(len(calls[vendor]) / float(RATES[vendor]) for vendor in RATES)
            floors["%s/%s" % (account, label)] = floor
            rows.append("  %s/%s: %4d calls (%d throttled), floor %5.2f s; busiest second %s" % (
                account, label, len(mine), sum(1 for e in mine if e.get("limited")), floor, ", ".join(
                    "%s %d/%d" % (vendor, busiest_second(calls[vendor]), RATES[vendor]) for vendor in RATES)))
    slowest = max(floors, key=floors.get)
    ratio = wall / floors[slowest]
    used = (spent.ru_utime + spent.ru_stime) - (cpu.ru_utime + cpu.ru_stime)
    print("%-16s wall %6.2f s, slowest floor %5.2f s (%s), ratio %.2fx; CPU %.1f s (%.2f s per account-region)" % (
        title, wall, floors[slowest], slowest, ratio, used, used / len(floors)))
    if verbose:
        print("\n".join(rows))
    return ratio, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50, help="new items per vendor list on every host")
    parser.add_argument("--forks", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3, help="create and rerun this many times on empty accounts")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="cloudapps-bench-accounts-")
    servers = []
    try:
        for label in REGIONS:
            os.makedirs(os.path.join(workdir, label))
            servers.append(start_emulator(os.path.join(workdir, label), ["--huawei-app-quota", "1000"]))
        regions = dict((label, (server, REGIONS[label])) for label, (unused, server) in zip(REGIONS, servers))
        ansible = Ansible(workdir)
        base = dict((k, v) for k, v in servers[0][1].env_all().items() if "ENDPOINT" not in k)
        names = ["bench_%03d" % number for number in range(options.items)]
        empty_inventory = inventory(os.path.join(workdir, "a"), regions, names=())
        full_inventory = inventory(workdir, regions, names=names)
        playbook = [os.path.join(ansible.bindir, "ansible-playbook"), ACCOUNTS_PLAYBOOK, "-f", str(options.forks), "-i"]
        empty = min(timed(ansible, playbook + [empty_inventory], base) for dummy in range(3))
        hosts = len(REGIONS) * len(sts.ACCOUNTS)
        print("%d account-regions (%d accounts x %d regions), %d new items per vendor list each (%d vendors), forks %d"
              % (hosts, len(sts.ACCOUNTS), len(REGIONS), options.items, len(VENDORS), options.forks))
        print("empty run over the same inventory: %.2f s (the fixed part of every floor)" % empty)
        ratios = {"create": [], "no-change rerun": []}
        for repeat in range(options.repeat):
            for server in (s for unused, s in servers):
                server.reset()
            for title in ("create", "no-change rerun"):
                ratios[title].append(measure(ansible, playbook + [full_inventory], base, regions, empty, title,
                                             verbose=repeat == 0))
        for title, found in ratios.items():
            found.sort()
            print("%-16s over %d runs: ratio median %.2fx (%.2fx to %.2fx), wall median %.2f s" % (
                title, len(found), found[len(found) // 2][0], found[0][0], found[-1][0],
                sorted(wall for unused, wall in found)[len(found) // 2]))
    finally:
        for process, unused in servers:
            stop_emulator(process)


if __name__ == "__main__":
    main()
