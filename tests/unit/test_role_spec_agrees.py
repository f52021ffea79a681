# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role's item options (meta/argument_specs.yml) are options of the module each list goes to,
with the same type, elements and choices, nested options (authorizations) included.

The module side is what ansible-doc shows: the module's DOCUMENTATION with its fragments merged
in the order listed (sanity's validate-modules checks that documentation against the code).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import importlib
import os
import re

import pytest
import yaml

from tests.vendors import ROLE_LISTS as LISTS, VENDORS

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def role_options():
    with open(os.path.join(REPO, "roles", "cloud_apps", "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]["options"]


def module_options(module):
    with open(os.path.join(REPO, "plugins", "modules", module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "DOCUMENTATION"]
    doc = yaml.safe_load(node.value.value)
    merged = dict(doc.get("options") or {})
    for name in doc.get("extends_documentation_fragment") or []:
        parts = name.split(".")[2:]
        fragment = importlib.import_module("ansible_collections.cloudapps.provision.plugins.doc_fragments." + parts[0])
        text = getattr(fragment.ModuleDocFragment, parts[1].upper() if len(parts) > 1 else "DOCUMENTATION")
        for option, spec in (yaml.safe_load(text).get("options") or {}).items():
            merged.setdefault(option, spec)
    return merged


def differences(role, module, where):
    found = []
    aliases = dict((alias, option) for option, spec in module.items() for alias in spec.get("aliases") or ())
    for name, spec in sorted(role.items()):
        path = "%s.%s" % (where, name)
        if name not in module and name not in aliases:
            found.append("%s: not an option of the module" % path)
            continue
        other = module[aliases.get(name, name)]
        for key in ("type", "elements"):
            if spec.get(key, "str" if key == "type" else None) != other.get(key, "str" if key == "type" else None):
                found.append("%s: %s %r, the module's %r" % (path, key, spec.get(key), other.get(key)))
        if not set(spec.get("choices") or ()) <= set(other.get("choices") or spec.get("choices") or ()):
            found.append("%s: choices %r not all the module's %r" % (path, spec["choices"], other.get("choices")))
        if spec.get("options") or other.get("suboptions"):
            found.extend(differences(spec.get("options") or {}, other.get("suboptions") or {}, path))
    return found


@pytest.mark.parametrize("variable", sorted(LISTS))
def test_role_items_take_the_module_options(variable):
    role = role_options()[variable]["options"]
    assert differences(role, module_options(LISTS[variable]), variable) == []


@pytest.mark.parametrize("vendor", VENDORS, ids=[vendor.key for vendor in VENDORS])
def test_every_module_option_reaches_the_module_through_the_role(vendor):
    """The other direction: each option of the identity module is an item option of the role, or a
    role variable the role passes to every task (credentials, region, endpoint, timeouts)."""
    role = role_options()
    items = role[vendor.role_list]["options"]
    with open(os.path.join(REPO, "roles", "cloud_apps", "vars", "main.yml"), encoding="utf-8") as handle:
        variables = handle.read() + "\nend"
    # This vendor's connection dict only: up to the next top-level variable.
    passed = re.search(r"^cloud_apps_%s_connection:.*?(?=^\S)" % vendor.key, variables, re.M | re.S).group(0)
    # This vendor's run (in cloud_apps_runs, up to the next run), with what every identity run takes.
    run = re.search(r"\{'name': '%s',.*?(?=\{'name'|\Z)" % vendor.key, variables, re.S).group(0)
    passed += run
    if "cloud_apps_identity_args" in run:
        passed += re.search(r"^cloud_apps_identity_args:.*?(?=^\S)", variables, re.M | re.S).group(0)
    missing = []
    for option in sorted(module_options(vendor.identity)):
        if option in items or option == "items":
            continue
        variables = ["cloud_apps_%s" % option, "cloud_apps_%s_%s" % (vendor.key, option),
                     "cloud_apps_%s_%s" % (vendor.action_group, option)]
        known = [name for name in variables if name in role]
        if not known:
            missing.append("%s: neither an item option of %s nor a role variable (%s)"
                           % (option, vendor.role_list, " / ".join(variables)))
        elif not re.search(r"[\s{,'\"]%s['\"]?: " % re.escape(option), passed) or known[0] not in passed:
            missing.append("%s: role variable %s is not passed to the module" % (option, known[0]))
    assert missing == []


@pytest.mark.parametrize("variable", sorted(vendor.role_list for vendor in VENDORS if vendor.authorization))
def test_role_documents_every_authorization_option(variable):
    role = role_options()[variable]["options"]["authorizations"]["options"]
    module = module_options(LISTS[variable])["authorizations"]["suboptions"]
    assert sorted(role) == sorted(module)
