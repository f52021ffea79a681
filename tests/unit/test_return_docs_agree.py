# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ansible-core cannot single-source agrees wherever it is repeated.

RETURN has no doc fragments, so the blocks every identity module returns (``action``,
``changed_fields``, ``item_results``, ``error``, ``retries``) are written in each module: they must
be the same text, with the module's resource key (``app``, ``consumer``, ``api_key``) in place. The
``authorizations`` option of an identity takes the options of its authorization module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import json
import os

import pytest
import yaml

from tests.vendors import VENDORS

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = ("action", "changed_fields", "item_results", "error", "secret_store", "rotate_reason", "retries")
# A vendor's own sentence in a shared block: (module, block) -> the description line it adds.
VENDOR_NOTES = {
    ("volcengine_rtc_app", "action"): "The RTC API cannot delete an app, so V(delete) means the app was disabled.",
}
# Options of an authorization module that name the identity or where it lives (the identity item's
# own options there), not the scope of the authorizations.
IDENTITY_OPTIONS = {"app", "app_id", "consumer", "consumer_id", "gateway_type", "instance_id", "shared_gateway"}
# Deliberate: an identity's Huawei authorizations default to the release environment (ENTRY_SPEC),
# the authorization module requires env_id.
DELIBERATE = {("huaweicloud", "env_id", "default"), ("huaweicloud", "env_id", "required")}


def doc(module, name):
    with open(os.path.join(REPO, "plugins", "modules", module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == name]
    return yaml.safe_load(node.value.value)


def resource_key(module):
    """The module's own resource block: the RETURN key the item results' resource stands for."""
    returned = doc(module, "RETURN")
    (key,) = [key for key in ("app", "consumer", "api_key") if key in returned]
    return key


def normalized(module, block):
    value = json.loads(json.dumps(doc(module, "RETURN")[block]))
    note = VENDOR_NOTES.get((module, block))
    if note:
        assert note in value["description"], "%s: the vendor note of %s is gone; remove it from VENDOR_NOTES" % (module, block)
        value["description"].remove(note)
    text = json.dumps(value, sort_keys=True).replace("RV(%s)" % resource_key(module), "RV(<resource>)")
    text = text.replace('"%s": {' % resource_key(module), '"<resource>": {')
    return json.loads(text)


IDENTITIES = [vendor.identity for vendor in VENDORS]


@pytest.mark.parametrize("block", SHARED)
def test_shared_return_blocks_are_the_same_in_every_identity_module(block):
    with_authorizations = [v.identity for v in VENDORS if v.authorization]
    first = dict((has, normalized(next(m for m in IDENTITIES if (m in with_authorizations) == has), block))
                 for has in (True, False))
    for module in IDENTITIES:
        wanted = first[module in with_authorizations]
        assert normalized(module, block) == wanted, "%s: RETURN %s differs from the other identity modules'" % (module, block)


def test_item_results_differ_only_by_authorizations():
    with_auth = [v.identity for v in VENDORS if v.authorization]
    without = [v.identity for v in VENDORS if not v.authorization]
    one, other = normalized(with_auth[0], "item_results"), normalized(without[0], "item_results")
    assert set(one["contains"]) - set(other["contains"]) == {"authorizations"}
    one["contains"].pop("authorizations")
    assert one == other


@pytest.mark.parametrize("vendor", [v for v in VENDORS if v.authorization], ids=lambda v: v.key)
def test_authorizations_option_takes_the_authorization_modules_scope_options(vendor):
    entry = doc(vendor.identity, "DOCUMENTATION")["options"]["authorizations"]["suboptions"]
    module = doc(vendor.authorization, "DOCUMENTATION")
    scope = dict((name, spec) for name, spec in (module.get("options") or {}).items() if name not in IDENTITY_OPTIONS)
    assert sorted(entry) == sorted(scope)
    for name, spec in scope.items():
        for key in ("type", "elements", "choices", "default", "required"):
            if (vendor.key, name, key) in DELIBERATE:
                assert entry[name].get(key) != spec.get(key), "%s %s %s agree now: drop it from DELIBERATE" % (vendor.key, name, key)
                continue
            assert entry[name].get(key) == spec.get(key), "%s.authorizations.%s: %s differs from %s's" % (
                vendor.identity, name, key, vendor.authorization)


@pytest.mark.parametrize("vendor", [v for v in VENDORS if v.authorization], ids=lambda v: v.key)
def test_authorizations_return_blocks_have_one_shape(vendor):
    returned = doc(vendor.identity, "RETURN")["authorizations"]
    assert (returned["type"], returned["elements"]) == ("list", "dict")
    sample = returned["sample"][0]
    assert set(["changed", "action", "added", "removed", "authorized"]) <= set(sample)
