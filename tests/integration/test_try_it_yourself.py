# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""README "Try it yourself": `make emulator`, source the env file, then the README's ad-hoc command,
its first playbook and the plan report run as written, with no warning; `make emulator-stop` ends it.
Run with a clean environment whose python3 is not the virtualenv's."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess

import pytest
import yaml

from .conftest import HUAWEI_INSTANCE, REPO


def _readme():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        return handle.read()


def _clean_env(bare_python):
    env = dict((k, v) for k, v in os.environ.items()
               if not k.startswith(("MAKE", "MFLAGS", "ANSIBLE_", "CLOUDAPPS_")) and k not in ("VIRTUAL_ENV",))
    # python3 on PATH lacks requests, as on a user's machine; the .venv of the tests is not on it.
    env["PATH"] = os.path.dirname(bare_python) + os.pathsep + os.pathsep.join(
        part for part in env.get("PATH", "").split(os.pathsep) if not part.startswith(os.path.join(REPO, ".venv")))
    return env


def _shell(script, env):
    proc = subprocess.run(["bash", "-c", "set -e; source .cache/emulator.env; " + script], cwd=REPO, env=env,
                          capture_output=True, universal_newlines=True, timeout=600, check=False)
    return proc.returncode, proc.stdout + proc.stderr


# Both use the demo's virtualenv under .cache: one worker runs them, one after the other.
pytestmark = pytest.mark.xdist_group("demo_venv")


# Both use the demo's virtualenv under .cache: one worker runs them, one after the other.
pytestmark = pytest.mark.xdist_group("demo_venv")


def test_make_emulator_then_the_readme_examples_as_written(bare_python, tmp_path):
    env = _clean_env(bare_python)
    start = subprocess.run(["make", "--no-print-directory", "emulator"], cwd=REPO, env=env, capture_output=True,
                           universal_newlines=True, timeout=600, check=False)
    assert start.returncode == 0, start.stdout + start.stderr
    try:
        readme = _readme()
        section = readme.split("### Try it yourself", 1)[1].split("\n## ", 1)[0]
        adhoc = re.search(r"^ansible localhost -m .*$", section, re.M).group(0)
        rc, output = _shell("command -v ansible; " + adhoc, env)
        assert rc == 0, output
        assert output.splitlines()[0] == os.path.join(REPO, ".cache", "venv-demo", "bin", "ansible")
        assert "CHANGED" in output and "WARNING" not in output, output

        rc, output = _shell("ansible-doc cloudapps.provision.alicloud_apig_consumer | head -1", env)
        assert rc == 0 and "cloudapps.provision.alicloud_apig_consumer" in output, output

        # The README's "Use" ad-hoc line, with a real gateway id for its placeholder.
        use = readme.split("\n## Use\n", 1)[1].split("\n### ", 1)[0]
        line = re.search(r"^Ad hoc: `(ansible localhost .*?)`", use, re.M).group(1)
        rc, output = _shell(line.replace("<gateway id>", HUAWEI_INSTANCE), env)
        assert rc == 0 and "CHANGED" in output, output

        # The README's first playbook as written, with and without an inventory naming localhost.
        playbook = tmp_path / "use.yml"
        playbook.write_text(re.search(r"```yaml\n(.*?)```", use, re.S).group(1))
        for inventory in ("", "-i localhost, "):
            rc, output = _shell("ansible-playbook %s%s" % (inventory, playbook), env)
            assert rc == 0 and "failed=0" in output, output
            warnings = [w for w in output.splitlines() if "WARNING" in w and "deprecat" not in w.lower()]
            assert warnings == [], output

        # The plan report over what the playbook created: nothing to do.
        apps = tmp_path / "my_apps.yml"
        apps.write_text(yaml.safe_dump({"cloud_apps_volcengine_rtc_apps": [{"name": "live_rooms"}]}))
        plan = re.search(r"^ansible-playbook playbooks/plan.yml -e @my_apps.yml", section, re.M).group(0)
        rc, output = _shell(plan.replace("@my_apps.yml", "@%s" % apps), env)
        assert rc == 0 and "WARNING" not in output, output
        assert re.search(r"volcengine\s+\|\s*live_rooms\s+\|\s*unchanged", output) or "unchanged" in output, output
    finally:
        stop = subprocess.run(["make", "--no-print-directory", "emulator-stop"], cwd=REPO, env=env,
                              capture_output=True, universal_newlines=True, timeout=60, check=False)
    assert stop.returncode == 0 and "emulator stopped" in stop.stdout, stop.stdout + stop.stderr
    assert not os.path.exists(os.path.join(REPO, ".cache", "emulator.env"))
