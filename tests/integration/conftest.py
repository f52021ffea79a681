# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration fixtures: the emulator as a subprocess, and real ansible-playbook / ansible runs.

Usage in a test::

    def test_create(emulator, ansible):
        run = ansible.playbook([{"cloudapps.provision.volcengine_rtc_app": {"name": "demo"}, "register": "r"}],
                               env=emulator.env("volcengine"))
        assert run.rc == 0
        assert run.results[0]["result"]["changed"]
        assert emulator.mutating_calls() == 1
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
import tempfile
import warnings

import pytest
import requests
import urllib3
import yaml

# tests.emulator.env makes the collection importable from the source tree: imported first.
from tests.emulator.env import EXTRA, vendor_variables
from tests.vendors import BY_EMULATOR, declared_env, vendor_module
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import ENVIRONMENT  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CALLBACKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "callback_plugins")

# The dedicated Huawei gateway the tests use (the emulator accepts any ids unless told otherwise);
# the project id travels as HUAWEICLOUD_SDK_PROJECT_ID, the instance id as the module option.
HUAWEI_PROJECT = EXTRA["project_id"]
HUAWEI_INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341"
HUAWEI_GATEWAY = "%s/%s" % (HUAWEI_PROJECT, HUAWEI_INSTANCE)  # the emulator's state key of that gateway

# Every variable a module could fall back to: cleared so the developer's own environment never leaks in.
_FALLBACK_VARS = set(name for vendor in BY_EMULATOR.values() for name in declared_env(vendor_module(vendor).VENDOR))
_FALLBACK_VARS.update(name for name, dummy in ENVIRONMENT)
_FALLBACK_VARS.update(name.lower() for name, dummy in ENVIRONMENT if name.endswith("_PROXY"))


class Emulator:
    def __init__(self, base_url, access_key, secret_key):
        self.base_url = base_url
        self.access_key = access_key
        self.secret_key = secret_key

    def _admin(self, method, path, payload=None):
        with warnings.catch_warnings():
            # The harness talks to its own TLS emulators, whose certificates are wrong on purpose.
            warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
            response = requests.request(method, self.base_url + "/_emulator/" + path, json=payload, timeout=10,
                                        verify=False)
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self):
        self._admin("POST", "reset")

    def faults(self, rules):
        """Replace the fault rules (see tests/emulator/README.md)."""
        self._admin("POST", "faults", rules)

    def log(self, vendor=None):
        entries = self._admin("GET", "log")
        return [e for e in entries if vendor is None or e["vendor"] == vendor]

    def state(self):
        return self._admin("GET", "state")

    def sessions(self):
        """The temporary keys the emulated STSs issued, by key id (secret and token included)."""
        return self._admin("GET", "sessions")

    def seed(self, vendor, count, prefix, **options):
        """``count`` resources named ``prefix0000``... created through the emulator's own create path."""
        self._admin("POST", "seed", {"vendor": vendor, "count": count, "prefix": prefix, "options": options})

    def secrets(self, state=None):
        """Every piece of secret material the emulator generated or was given (for leak checks)."""
        state = state or self.state()
        found = [app[k] for app in state["volcengine"]["apps"] for k in ("AppKey", "SecondaryAppKey")]
        found += [app[k] for app in state["alibaba"]["apps"].values() for k in ("AppKey", "AppSecret", "AppCode")]
        found += [pair[k] for app in state["alibaba"]["apps"].values() for pair in app.get("ExtraKeys", [])
                  for k in ("AppKey", "AppSecret")]
        found += [app["app_secret"] for gateway in state["huawei"]["gateways"].values() for app in gateway.values()]
        found += [code["app_code"] for gateway in state["huawei"]["gateways"].values() for app in gateway.values()
                  for code in app.get("app_codes", [])]
        found += [key["AccessKeySecret"] for key in state["tencent"]["keys"].values()]
        for consumer in state["apig"]["consumers"].values():
            found += [cred["apikey"] for cred in (consumer.get("apikey") or {}).get("credentials", [])]
            found += [pair["sk"] for pair in consumer.get("aksk") or []]
        return [s for s in found if s]

    def age(self, vendor, days):
        """Make the vendor's credentials ``days`` older (rotation by age)."""
        self._admin("POST", "age", {"vendor": vendor, "days": days})

    def calls(self, vendor=None):
        return len(self.log(vendor))

    def mutating_calls(self, vendor=None):
        return sum(1 for e in self.log(vendor) if e["mutating"])

    def env(self, vendor):
        """Credentials, region and endpoint as environment variables, the way AWX injects them."""
        return vendor_variables(vendor_module(BY_EMULATOR[vendor]).VENDOR, self.base_url, self.access_key,
                                self.secret_key)

    def env_all(self):
        """The environment of every vendor in the registry (tests/vendors.py)."""
        env = {}
        for vendor in BY_EMULATOR:
            env.update(self.env(vendor))
        return env


def start_emulator(workdir, extra_args=()):
    """Start ``python -m tests.emulator`` on a free port; returns (process, Emulator)."""
    workdir = str(workdir)
    command = [sys.executable, "-m", "tests.emulator", "--port", "0", "--log", os.path.join(workdir, "requests.jsonl")]
    command.extend(extra_args)
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=open(os.path.join(workdir, "stderr"), "w"),
                               universal_newlines=True)
    base_url = process.stdout.readline().strip()
    if not base_url.startswith("http"):
        process.kill()
        raise RuntimeError("emulator did not start: %r (see %s)" % (base_url, os.path.join(workdir, "stderr")))
    return process, Emulator(base_url, "AKIDEMULATOR0000000001", "EmulatorSecretKey0000000000000000000001")


def stop_emulator(process):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def emulator_server(tmp_path_factory):
    process, server = start_emulator(tmp_path_factory.mktemp("emulator"))
    yield server
    stop_emulator(process)


@pytest.fixture
def emulator(emulator_server):
    emulator_server.reset()
    yield emulator_server
    emulator_server.reset()


class Run:
    def __init__(self, rc, stdout, stderr, results):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.results = results  # one dict per task result: task, status, result

    def result(self, task_name):
        for entry in self.results:
            if entry["task"] == task_name:
                return entry["result"]
        raise KeyError("no result for task %r; tasks: %s" % (task_name, [e["task"] for e in self.results]))

    def __repr__(self):
        return "Run(rc=%s)\nSTDOUT:\n%s\nSTDERR:\n%s" % (self.rc, self.stdout[-4000:], self.stderr[-2000:])


def assert_no_module_crash(run):
    """Every test that sees a module crash fails, whatever it checks itself.

    ansible-core 2.19 records an unhandled exception as a result whose ``msg`` is ``Task failed:
    Module failed: <exception>`` (a fail_json of ours keeps its own msg there, although the console
    shows that prefix for both); older cores print ``MODULE FAILURE`` with the traceback in
    ``module_stderr``.
    """
    text = run.stdout + run.stderr
    assert "Traceback (most recent call last)" not in text, "a module crashed:\n%r" % (run,)
    assert "MODULE FAILURE" not in text, "a module crashed:\n%r" % (run,)
    for entry in run.results:
        result = entry.get("result") or {}
        msg = str(result.get("msg") or "")
        assert "Module failed:" not in msg and not result.get("module_stderr"), (
            "task %r crashed: %s %s" % (entry.get("task"), msg[:2000], str(result.get("module_stderr"))[:2000]))


class Ansible:
    """Runs real ansible-playbook and ansible commands with the collection from the source tree."""

    def __init__(self, workdir):
        self.workdir = workdir
        collections = os.path.join(workdir, "collections")
        target = os.path.join(collections, "ansible_collections", "cloudapps")
        os.makedirs(target)
        os.symlink(REPO, os.path.join(target, "provision"))
        self.base_env = dict(
            (k, v) for k, v in os.environ.items() if k not in _FALLBACK_VARS and not k.startswith("ANSIBLE_"))
        bindir = os.path.dirname(sys.executable)
        self.base_env.update(
            PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
            ANSIBLE_COLLECTIONS_PATH=collections,
            ANSIBLE_CALLBACK_PLUGINS=CALLBACKS,
            ANSIBLE_CALLBACKS_ENABLED="record_results",
            ANSIBLE_PYTHON_INTERPRETER=sys.executable,
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_LOCALHOST_WARNING="false",
            ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
            ANSIBLE_RETRY_FILES_ENABLED="false",
            ANSIBLE_LOAD_CALLBACK_PLUGINS="true",
            ANSIBLE_LOCAL_TEMP=os.path.join(workdir, "tmp"),
            ANSIBLE_REMOTE_TEMP=os.path.join(workdir, "tmp"),
            NO_PROXY="127.0.0.1,localhost",
        )
        self.bindir = bindir

    def _run(self, argv, env, input_text=None, no_interpreter=False):
        fd, results_file = tempfile.mkstemp(dir=self.workdir, suffix=".jsonl")
        os.close(fd)
        full_env = dict(self.base_env, RECORD_RESULTS_FILE=results_file)
        full_env.update(env or {})
        proc = subprocess.run(argv, env=full_env, cwd=self.workdir, input=input_text, capture_output=True,
                              universal_newlines=True, timeout=600, check=False)
        with open(results_file) as handle:
            results = [json.loads(line) for line in handle if line.strip()]
        run = Run(proc.returncode, proc.stdout, proc.stderr, results)
        if no_interpreter:
            # Only the shell's "not found" of a missing interpreter may be module output here.
            assert "Traceback" not in run.stdout + run.stderr, run
            for entry in run.results:
                stderr = (entry.get("result") or {}).get("module_stderr")
                assert not stderr or stderr.strip().endswith("not found"), run
        else:
            assert_no_module_crash(run)
        return run

    def playbook(self, tasks, env=None, check=False, diff=False, extra_args=(), play_vars=None, module_defaults=None,
                 no_interpreter=False):
        """Run a one-play playbook on localhost made of ``tasks`` (a list of task dicts)."""
        play = {"hosts": "localhost", "gather_facts": False, "connection": "local", "tasks": tasks}
        if play_vars:
            play["vars"] = play_vars
        if module_defaults:
            play["module_defaults"] = module_defaults
        fd, path = tempfile.mkstemp(dir=self.workdir, suffix=".yml")
        with os.fdopen(fd, "w") as handle:
            yaml.safe_dump([play], handle, allow_unicode=True, sort_keys=False)
        argv = [os.path.join(self.bindir, "ansible-playbook"), "-i", "localhost,", path]
        if check:
            argv.append("--check")
        if diff:
            argv.append("--diff")
        argv.extend(extra_args)
        return self._run(argv, env, no_interpreter=no_interpreter)

    def adhoc(self, module, args, env=None, extra_args=()):
        """``ansible localhost -m MODULE -a ARGS`` as a user would type it."""
        argv = [os.path.join(self.bindir, "ansible"), "localhost", "-i", "localhost,", "-c", "local",
                "-m", module, "-a", args]
        argv.extend(extra_args)
        return self._run(argv, env)


@pytest.fixture(scope="session")
def bare_python(tmp_path_factory):
    """A Python without requests, like the one interpreter discovery may find on a user's machine."""
    target = str(tmp_path_factory.mktemp("bare-python"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", target], check=True)
    python = os.path.join(target, "bin", "python")
    probe = subprocess.run([python, "-c", "import requests"], capture_output=True, check=False)
    assert probe.returncode != 0, "the bare Python must lack requests"
    return python


@pytest.fixture(scope="session")
def ansible(tmp_path_factory):
    workdir = str(tmp_path_factory.mktemp("ansible"))
    os.makedirs(os.path.join(workdir, "tmp"))
    return Ansible(workdir)
