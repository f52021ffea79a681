# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The README's first command, `make demo`, as written: its own small virtualenv, the role against
the emulator, a second run that changes nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess

import pytest

from .conftest import REPO


# Both use the demo's virtualenv under .cache: one worker runs them, one after the other.
pytestmark = pytest.mark.xdist_group("demo_venv")


def test_make_demo_runs_the_role_twice_and_changes_nothing_the_second_time():
    env = dict((k, v) for k, v in os.environ.items()
               if not k.startswith(("MAKE", "MFLAGS", "ANSIBLE_")) and k not in ("VIRTUAL_ENV",))
    proc = subprocess.run(["make", "--no-print-directory", "demo"], cwd=REPO, env=env, capture_output=True,
                          universal_newlines=True, timeout=900, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    assert "the role is idempotent" in output, output[-4000:]
    assert "failed=0" in output and "Traceback" not in output
    # A clean demo: no Ansible warning, no deprecation noise from the tool chain.
    noise = [line for line in output.splitlines()
             if line.startswith(("[WARNING]", "[DEPRECATION WARNING]")) or "DeprecationWarning" in line]
    assert noise == [], noise
    # The third run lists what the first created on each vendor.
    assert ("inventory: {'alicloud': 1, 'alicloud_apig': 1, 'huaweicloud': 1, 'tencentcloud': 2, 'volcengine': 2}"
            in output), output[-4000:]
    # The first run authorized the Alibaba app, the consumer and the Huawei app to the APIs they list.
    for api_id in ("baacc592e63a4cb6a41920d9d3f91f38", "hr-cloudapps000000000001", "5f918d104dc84480a75166ba99efff21"):
        assert re.search(r'"added": \[\s*"%s"\s*\]' % api_id, output), api_id
