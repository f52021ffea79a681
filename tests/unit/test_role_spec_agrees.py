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

import pytest
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LISTS = {
    "cloud_apps_volcengine_rtc_apps": "volcengine_rtc_app",
    "cloud_apps_alicloud_apigateway_apps": "alicloud_apigateway_app",
    "cloud_apps_alicloud_apig_consumers": "alicloud_apig_consumer",
    "cloud_apps_huaweicloud_apig_apps": "huaweicloud_apig_app",
    "cloud_apps_tencentcloud_apigateway_api_keys": "tencentcloud_apigateway_api_key",
}


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


@pytest.mark.parametrize("variable", ["cloud_apps_alicloud_apigateway_apps", "cloud_apps_alicloud_apig_consumers",
                                      "cloud_apps_huaweicloud_apig_apps"])
def test_role_documents_every_authorization_option(variable):
    role = role_options()[variable]["options"]["authorizations"]["options"]
    module = module_options(LISTS[variable])["authorizations"]["suboptions"]
    assert sorted(role) == sorted(module)
