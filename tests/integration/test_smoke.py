# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The smoke suite (``make smoke``) run as written, with every endpoint pointed at the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

from tests.vendors import VENDORS

from .conftest import HUAWEI_INSTANCE, REPO

REPORTED = tuple(vendor.key for vendor in VENDORS)


def smoke(ansible, env, *args):
    full = dict(ansible.base_env, **env)
    proc = subprocess.run([sys.executable, "-m", "tests.smoke"] + list(args), cwd=REPO, env=full,
                          capture_output=True, universal_newlines=True, timeout=900, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def lines(output):
    return dict(line.split(None, 1) for line in output.splitlines() if line.startswith("  "))


def all_env(emulator):
    return dict(emulator.env_all(), CLOUDAPPS_SMOKE_HUAWEICLOUD_INSTANCE_ID=HUAWEI_INSTANCE)


def smoke_resources(state):
    return {
        "volcengine": [a for a in state["volcengine"]["apps"] if a["AppName"].startswith("cloudapps_smoke_")],
        "alibaba": [a for a in state["alibaba"]["apps"].values() if a["AppName"].startswith("cloudapps_smoke_")],
        "apig": [c for c in state["apig"]["consumers"].values() if c["name"].startswith("cloudapps_smoke_")],
        "huawei": [a for g in state["huawei"]["gateways"].values() for a in g.values() if a["name"].startswith("cloudapps_smoke_")],
        "tencent": [k for k in state["tencent"]["keys"].values() if k["SecretName"].startswith("cloudapps_smoke_")],
    }


def test_every_vendor_passes_and_leaves_nothing_but_disabled_volcengine_apps(
        emulator, ansible, bare_python, tmp_path):
    # A leftover of an interrupted run, found by the prefix and removed.
    emulator.seed("alibaba", 1, "cloudapps_smoke_")
    # As on a user's machine: no interpreter set by the harness, and the Python that Ansible would
    # otherwise pick for localhost lacks requests. The suite runs on the controller's Python.
    env = dict(all_env(emulator), ANSIBLE_PYTHON_INTERPRETER=bare_python, TMPDIR=str(tmp_path))
    rc, output = smoke(ansible, env)
    assert rc == 0, output
    assert os.listdir(str(tmp_path)) == [], "the suite leaves its temporary files behind"
    report = lines(output)
    assert sorted(report) == sorted(REPORTED), output
    assert all(report[vendor].startswith("passed") for vendor in REPORTED), output
    assert "cannot delete an app" in report["volcengine"]
    left = smoke_resources(emulator.state())
    assert all(not left[vendor] for vendor in ("alibaba", "apig", "huawei", "tencent")), left
    assert len(left["volcengine"]) == 1 and left["volcengine"][0]["Status"] == 98
    # Every step ran: creates, rotations and deletions on each vendor that has them.
    actions = [e["action"] for e in emulator.log()]
    for action in ("CreateApp", "ResetAppSecret", "DeleteApp", "CreateConsumer", "DeleteConsumer", "CreateApiKey",
                   "UpdateApiKey", "DeleteApiKey", "ModifyAppStatus"):
        assert action in actions, action
    for secret in emulator.secrets():
        assert secret not in output


def test_no_credentials_is_not_a_pass(emulator, ansible):
    rc, output = smoke(ansible, {})
    assert rc == 1
    assert "no vendor has credentials" in output and "this is not a pass" in output
    report = lines(output)
    assert all(report[vendor].startswith("not run (no credentials)") for vendor in REPORTED), output
    assert emulator.calls() == 0


def test_a_failed_step_is_reported_with_code_and_request_id_and_cleaned_up(emulator, ansible):
    env = emulator.env("alibaba")
    env.update(emulator.env("huawei"))  # Huawei credentials but no gateway id: not run
    emulator.faults([{"vendor": "alibaba", "action": "ModifyApp", "kind": "gone", "count": 1}])
    rc, output = smoke(ansible, env)
    assert rc == 1, output
    report = lines(output)
    assert report["alicloud"].startswith("failed at 'update' (code InvalidAction.NotFound, request id ")
    assert "request id None" not in report["alicloud"]
    assert report["huaweicloud"] == "not run (no credentials): set CLOUDAPPS_SMOKE_HUAWEICLOUD_INSTANCE_ID"
    assert report["volcengine"].startswith("not run")
    # The cleanup ran although the lifecycle failed.
    assert smoke_resources(emulator.state())["alibaba"] == []
    assert any(e["action"] == "DeleteApp" for e in emulator.log("alibaba"))
