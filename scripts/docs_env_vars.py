"""Write the docs site's environment-variables page from the modules' own declarations.

    PYTHONPATH=.cache/collections python scripts/docs_env_vars.py OUT.rst

Every variable a module reads: each vendor's credentials, region and endpoint (module_utils
VENDOR), the secret store's settings (module_utils._secret_store), and what requests reads (module_utils._transport.ENVIRONMENT). A unit test checks that
every E(...) in the modules' documentation is on the page.
"""

import os
import re
import sys

import importlib

from ansible_collections.cloudapps.provision.plugins.module_utils import _secret_store, _transport

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def vendor_files():
    """Every module_utils file that declares a vendor (``VENDOR = Vendor(``), by file name."""
    directory = os.path.join(REPO, "plugins", "module_utils")
    found = []
    for filename in sorted(name for name in os.listdir(directory) if name.endswith(".py")):
        with open(os.path.join(directory, filename), encoding="utf-8") as handle:
            if re.search(r"^VENDOR = Vendor\(", handle.read(), re.M):
                found.append(importlib.import_module(
                    "ansible_collections.cloudapps.provision.plugins.module_utils." + filename[:-3]))
    return found


def modules_of(vendor_file):
    """The modules that import this vendor file (its declarations, or the module's whole run)."""
    name = vendor_file.__name__.rsplit(".", 1)[1]
    pattern = re.compile(r"^from ansible_collections\.cloudapps\.provision\.plugins\.module_utils\.%s import " % name, re.M)
    directory = os.path.join(REPO, "plugins", "modules")
    found = []
    for filename in sorted(os.listdir(directory)):
        if filename.endswith(".py"):
            with open(os.path.join(directory, filename), encoding="utf-8") as handle:
                if pattern.search(handle.read()):
                    found.append(filename[:-3])
    return found


def modules_with_fragment(fragment):
    """The modules whose documentation extends ``fragment``."""
    directory = os.path.join(REPO, "plugins", "modules")
    found = []
    for filename in sorted(os.listdir(directory)):
        if filename.endswith(".py"):
            with open(os.path.join(directory, filename), encoding="utf-8") as handle:
                if re.search(r"^  - %s$" % re.escape(fragment), handle.read(), re.M):
                    found.append(filename[:-3])
    return found


def rows():
    """(variable, what it sets, modules) in declaration order; a variable shared by vendors once."""
    table = {}
    for vendor_file in vendor_files():
        vendor = vendor_file.VENDOR
        modules = modules_of(vendor_file)
        entries = []
        for credential in vendor.credentials:
            for position, env in enumerate(credential.env):
                what = "option ``%s``%s%s" % (credential.option, " (secret)" if credential.secret else "",
                                              "" if position == 0 else ", when %s is not set" % credential.env[0])
                entries.append((env, what))
        for position, env in enumerate(vendor.region_env):
            entries.append((env, "option ``region``" + ("" if position == 0 else ", when %s is not set"
                                                        % vendor.region_env[0])))
        for env in vendor.endpoint_env:
            entries.append((env, "option ``endpoint`` (an empty value means not set)"))
        for option in vendor.sts.options:
            for position, env in enumerate(option.env):
                entries.append((env, "option ``assume_role.%s``%s" % (
                    option.name, "" if position == 0 else ", when %s is not set" % option.env[0])))
        for env in vendor.sts.other_login_env:
            entries.append((env, "when set, ``assume_role`` is not built from the environment (another login's role)"))
        for env, what in entries:
            known = table.setdefault(env, [what, []])
            known[1].extend(m for m in modules if m not in known[1])
    with_store = modules_with_fragment("cloudapps.provision.secret_store")
    for option, spec in _secret_store.STORE_OPTIONS.items():
        for env in (spec.get("fallback") or (None, []))[1]:
            table[env] = ["option ``secret_store.%s``%s" % (option, " (secret)" if spec.get("no_log") else ""), with_store]
    for env, what in _transport.ENVIRONMENT:
        table[env] = [what, ["every module"]]
    return [(env, what, modules) for env, (what, modules) in table.items()]


def render():
    lines = [
        ".. _ansible_collections.environment_variables:", "",
        "Environment variables", "=====================", "",
        "A module reads these when the option they stand for is not set in the task (or in",
        "``module_defaults``); an option set in the task wins. They are read on the host that runs",
        "the module, usually the controller. The AWX credential types of the collection",
        "(``extensions/awx``) inject the first name of each.", "",
        ".. list-table::", "   :header-rows: 1", "   :widths: 30 40 30", "",
        "   * - Variable", "     - What it sets", "     - Read by",
    ]
    for env, what, modules in rows():
        readers = ", ".join(m if m == "every module" else ":ansplugin:`cloudapps.provision.%s#module`" % m
                            for m in modules)
        lines += ["   * - .. envvar:: %s" % env, "", "     - %s" % what, "     - %s" % readers]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        handle.write(render())
