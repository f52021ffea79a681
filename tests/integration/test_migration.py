# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/migrate_alicloud_apps.yml: traditional API Gateway apps become Cloud-native API
Gateway consumers, keeping their keys; check mode first, then the move, then a rerun with changed=0."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from .conftest import REPO

PLAYBOOK = os.path.join(REPO, "playbooks", "migrate_alicloud_apps.yml")


def run_migration(ansible, emulator, *extra):
    env = dict(emulator.env("alibaba"), **emulator.env("apig"))
    argv = [os.path.join(ansible.bindir, "ansible-playbook"), "-i", "localhost,", PLAYBOOK] + list(extra)
    return ansible._run(argv, env)


def test_migration_check_then_move_then_nothing_to_do(emulator, ansible):
    emulator.seed("alibaba", 3, "partner_")
    emulator.seed("alibaba", 1, "other_")
    apps = emulator.state()["alibaba"]["apps"]

    run = run_migration(ansible, emulator, "--check", "--diff")
    assert run.rc == 0, run
    assert emulator.mutating_calls() == 0
    assert "partner_0000: create" in run.stdout and "other_0000: create" in run.stdout

    run = run_migration(ansible, emulator)
    assert run.rc == 0, run
    consumers = dict((c["name"], c) for c in emulator.state()["apig"]["consumers"].values())
    assert sorted(consumers) == sorted(app["AppName"] for app in apps.values())
    for app in apps.values():
        pair = consumers[app["AppName"]]["aksk"]
        assert [(p["ak"], p["sk"], p["generateMode"]) for p in pair] == [(app["AppKey"], app["AppSecret"], "Custom")]
    for app in apps.values():
        assert app["AppSecret"] not in run.stdout and app["AppSecret"] not in run.stderr
    # The old gateway is left as it was.
    assert emulator.state()["alibaba"]["apps"] == apps

    writes = emulator.mutating_calls()
    run = run_migration(ansible, emulator)
    assert run.rc == 0, run
    assert "changed=0" in run.stdout and emulator.mutating_calls() == writes
    assert "partner_0001: unchanged" in run.stdout


def test_migration_of_a_prefix_with_new_keys(emulator, ansible):
    emulator.seed("alibaba", 2, "partner_")
    emulator.seed("alibaba", 1, "other_")
    run = run_migration(ansible, emulator, "-e", "migrate_name_prefix=partner_", "-e", "migrate_keep_keys=false")
    assert run.rc == 0, run
    consumers = list(emulator.state()["apig"]["consumers"].values())
    assert sorted(c["name"] for c in consumers) == ["partner_0000", "partner_0001"]
    assert all([p["generateMode"] for p in c["aksk"]] == ["System"] for c in consumers)
    # Without the old keys no DescribeAppSecurity was needed.
    assert not [e for e in emulator.log("alibaba") if e["action"] == "DescribeAppSecurity"]
    run = run_migration(ansible, emulator, "-e", "migrate_name_prefix=partner_", "-e", "migrate_keep_keys=false")
    assert run.rc == 0 and "changed=0" in run.stdout, run
