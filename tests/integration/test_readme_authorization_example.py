# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The README's playbook that creates an app and authorizes it, run as written against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import yaml

from .conftest import REPO


def test_readme_app_and_authorization_playbook_runs_and_reruns_unchanged(emulator, ansible, tmp_path):
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    section = readme.split("### Authorizing identities to call APIs", 1)[1]
    (play,) = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    path = str(tmp_path / "readme.yml")
    play["connection"] = "local"
    with open(path, "w") as handle:
        yaml.safe_dump([play], handle)
    argv = [os.path.join(ansible.bindir, "ansible-playbook"), "-i", "localhost,", path]
    run = ansible._run(argv, emulator.env("alibaba"))
    assert run.rc == 0, run
    auths = emulator.state()["alibaba"]["auths"].values()
    assert sorted(a["ApiId"] for a in auths if a["StageName"] == "RELEASE") == [
        "baacc592e63a4cb6a41920d9d3f91f38", "jkscc489e63a4cb6a41920d9d3f92d78"]
    assert [a["ApiId"] for a in auths if a["StageName"] == "TEST"] == ["baacc592e63a4cb6a41920d9d3f91f38"]
    run = ansible._run(argv, emulator.env("alibaba"))
    assert run.rc == 0 and "changed=0" in run.stdout, run
