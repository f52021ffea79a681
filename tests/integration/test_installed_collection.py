# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection works when installed from the built tarball, not only from the source tree."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os
import subprocess
import sys

from .conftest import HUAWEI_INSTANCE, REPO


def test_modules_and_role_run_from_the_installed_tarball(emulator, ansible, tmp_path):
    bindir = os.path.dirname(sys.executable)
    build_dir = tmp_path / "build"
    installed = tmp_path / "installed"
    # No ANSIBLE_* from the caller: a collections path holding the source tree would make install a no-op.
    galaxy_env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ANSIBLE_"))
    subprocess.run([os.path.join(bindir, "ansible-galaxy"), "collection", "build", "--output-path", str(build_dir), REPO],
                   check=True, capture_output=True, env=galaxy_env)
    tarball = glob.glob(str(build_dir / "cloudapps-provision-*.tar.gz"))[0]
    subprocess.run([os.path.join(bindir, "ansible-galaxy"), "collection", "install", "--offline", "--force",
                    "-p", str(installed), tarball], check=True, capture_output=True, env=galaxy_env)
    assert os.path.isfile(str(installed / "ansible_collections/cloudapps/provision/plugins/modules/huaweicloud_apig_app.py"))
    assert not os.path.exists(str(installed / "ansible_collections/cloudapps/provision/tests/emulator"))
    # Not shipped: the demo and the benchmarks need the emulator; docs/ is the docs site's source.
    for development_only in ("playbooks/demo.yml", "tests/benchmarks", "docs"):
        assert not os.path.exists(str(installed / "ansible_collections/cloudapps/provision" / development_only))
    assert os.path.isfile(str(installed / "ansible_collections/cloudapps/provision/playbooks/plan.yml"))

    env = dict(emulator.env("huawei"), **emulator.env("tencent"))
    env["ANSIBLE_COLLECTIONS_PATH"] = str(installed)
    run = ansible.playbook([
        {"name": "module",
         "cloudapps.provision.huaweicloud_apig_app": {"name": "from_tarball", "instance_id": HUAWEI_INSTANCE}},
        {"name": "role", "ansible.builtin.include_role": {"name": "cloudapps.provision.cloud_apps"},
         "vars": {"cloud_apps_tencentcloud_apigateway_api_keys": [{"name": "from_tarball"}]}},
    ], env=env)
    assert run.rc == 0, run
    assert run.result("module")["changed"] is True
    state = emulator.state()
    assert [app["name"] for app in _huawei_apps(state)] == ["from_tarball"]
    assert [key["SecretName"] for key in state["tencent"]["keys"].values()] == ["from_tarball"]


def _huawei_apps(state):
    # gateways: {gateway key: {app id: app}}
    return [app for gateway in state["huawei"]["gateways"].values() for app in gateway.values()]
