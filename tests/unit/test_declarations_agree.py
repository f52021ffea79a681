# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is declared once in code agrees with every place that repeats it for users.

The environment variables of each vendor (module_utils Vendor declarations) are the ones the
credentials doc fragment documents, the README lists, and the AWX credential types inject; the
version in galaxy.yml is the one sent in the User-Agent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

import pytest
import yaml

from ansible_collections.cloudapps.provision.plugins.doc_fragments.credentials import ModuleDocFragment
from ansible_collections.cloudapps.provision.plugins.module_utils import _version
from tests.vendors import COLLECTION_MODULES, VENDORS as REGISTRY, declared_env, vendor_module

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# module_utils file, AWX credential type file, README row (module name)
VENDORS = [(vendor_module(vendor), vendor.awx_credential, vendor.identity) for vendor in REGISTRY]


def declared(vendor):
    return set(declared_env(vendor))


def documented_env(module):
    """The E() variables of the credential options as ansible-doc shows them: the module's own
    documentation of an option first, then the credentials fragments in the order the module lists
    them (the first to document an option wins, as ansible-doc merges them)."""
    source = read("plugins", "modules", module + ".py")
    doc = yaml.safe_load(source.split('DOCUMENTATION = r"""', 1)[1].split('"""', 1)[0])
    prefix = "cloudapps.provision.credentials."
    fragments = [name[len(prefix):].upper() for name in doc["extends_documentation_fragment"] if name.startswith(prefix)]
    assert fragments, "%s lists no credentials fragment" % module
    own = doc.get("options") or {}
    merged = {}
    for fragment in fragments:
        for name, option in yaml.safe_load(getattr(ModuleDocFragment, fragment))["options"].items():
            merged.setdefault(name, own.get(name, option))
    return set(re.findall(r"E\(([A-Z0-9_]+)\)", json.dumps(merged)))


def read(*parts):
    with open(os.path.join(REPO, *parts), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("module_utils, awx, module", VENDORS, ids=[v[2] for v in VENDORS])
def test_environment_variables_agree(module_utils, awx, module):
    names = declared(module_utils.VENDOR)
    assert names
    assert documented_env(module) == names
    injected = set(yaml.safe_load(read("extensions", "awx", "credential_types", awx))["injectors"]["env"])
    # AWX injects the first (vendor) name of each variable; every injected one is read by a
    # module that the credential type serves.
    assert injected <= set().union(*(declared(row[0].VENDOR) for row in VENDORS if row[1] == awx))
    firsts = set(c.env[0] for c in module_utils.VENDOR.credentials if c.env)
    firsts.update(env[0] for env in (module_utils.VENDOR.region_env, module_utils.VENDOR.endpoint_env) if env)
    assert firsts <= injected
    (row,) = [line for line in read("README.md").splitlines() if line.startswith("| %s |" % module)]
    listed = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", row))
    assert listed == names - set(module_utils.VENDOR.endpoint_env)


def test_version_matches_galaxy_yml():
    assert yaml.safe_load(read("galaxy.yml"))["version"] == _version.COLLECTION_VERSION


# The vendors' modules (run_modules calls none itself: it runs them).
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(REPO, "plugins", "modules")) if name.endswith(".py")
                 and not name.startswith("_") and name[:-3] not in COLLECTION_MODULES)


def module_doc(module, block):
    source = read("plugins", "modules", module + ".py")
    return yaml.safe_load(source.split('%s = r"""' % block, 1)[1].split('"""', 1)[0])


@pytest.mark.parametrize("module", MODULES)
def test_every_module_documents_the_error_result_with_every_category(module):
    """Users write rescue/until on error.category: each module lists every category the code maps to,
    and every key of CloudError.to_dict()."""
    from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CATEGORIES, CloudError
    error = module_doc(module, "RETURN")["error"]
    categories = " ".join(error["contains"]["category"]["description"])
    assert set(re.findall(r"V\(([a-z_]+)\)", categories)) == set(CATEGORIES)
    assert set(error["contains"]) == set(CloudError("x").to_dict())
    assert "retries" in module_doc(module, "RETURN")


def test_the_secret_store_credential_type_injects_every_store_variable():
    from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import STORE_OPTIONS
    declared_store = set(env for spec in STORE_OPTIONS.values() for env in (spec.get("fallback") or (None, []))[1])
    credential_type = yaml.safe_load(read("extensions", "awx", "credential_types", "secret_store.yml"))
    assert set(credential_type["injectors"]["env"]) == declared_store
    secret_fields = set(field["id"] for field in credential_type["inputs"]["fields"] if field["secret"])
    assert secret_fields == set(name for name, spec in STORE_OPTIONS.items() if spec.get("no_log"))


@pytest.mark.parametrize("awx", sorted(set(row[1] for row in VENDORS)) + ["secret_store.yml"])
def test_awx_readme_lists_what_each_credential_type_injects(awx):
    injected = set(yaml.safe_load(read("extensions", "awx", "credential_types", awx))["injectors"]["env"])
    (row,) = [line for line in read("extensions", "awx", "README.md").splitlines() if line.startswith("| `%s` |" % awx)]
    assert set(re.findall(r"`([A-Z][A-Z0-9_]+)`", row)) == injected


def test_the_local_execution_environment_installs_this_version():
    (entry,) = yaml.safe_load(read("extensions", "ee", "requirements-local.yml"))["collections"]
    assert entry["name"] == "collection/cloudapps-provision-%s.tar.gz" % yaml.safe_load(read("galaxy.yml"))["version"]


def test_the_docs_site_lists_every_environment_variable_the_modules_document():
    """scripts/docs_env_vars.py writes the site's page from the declarations; every variable any
    module's documentation names (its own text and its doc fragments) must be on it, and each
    vendor's declared variables with the modules that read them."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("docs_env_vars", os.path.join(REPO, "scripts", "docs_env_vars.py"))
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    page = generator.render()
    listed = set(re.findall(r"\.\. envvar:: ([A-Z0-9_]+)", page))
    documented = set()
    for name in os.listdir(os.path.join(REPO, "plugins", "doc_fragments")) + os.listdir(os.path.join(REPO, "plugins", "modules")):
        if name.endswith(".py"):
            folder = "doc_fragments" if os.path.exists(os.path.join(REPO, "plugins", "doc_fragments", name)) else "modules"
            documented.update(re.findall(r"E\(([A-Z][A-Z0-9_]+)\)", read("plugins", folder, name)))
    assert documented and documented <= listed, documented - listed
    for module_utils, dummy, module in VENDORS:
        for env in declared(module_utils.VENDOR):
            (row,) = [r for r in generator.rows() if r[0] == env]
            assert module in row[2], (env, row)
    assert "No environment variables" not in page


def test_merged_attributes_match_the_action_groups(tmp_path):
    """As ansible-doc merges the fragments: every module has check_mode and diff_mode, and an
    action_group whose membership is meta/runtime.yml's (a fragment name that shadows another,
    like the old attributes.info, would drop attributes silently)."""
    import subprocess
    import sys
    namespace = tmp_path / "ansible_collections" / "cloudapps"
    namespace.mkdir(parents=True)
    os.symlink(REPO, str(namespace / "provision"))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(tmp_path))
    ansible_doc = os.path.join(os.path.dirname(sys.executable), "ansible-doc")
    names = ["cloudapps.provision." + module for module in MODULES + list(COLLECTION_MODULES)]
    proc = subprocess.run([ansible_doc, "--json"] + names, env=env, capture_output=True, universal_newlines=True,
                          check=True)
    docs = json.loads(proc.stdout)
    groups = yaml.safe_load(read("meta", "runtime.yml"))["action_groups"]
    for module in MODULES:
        attributes = docs["cloudapps.provision." + module]["doc"]["attributes"]
        assert {"check_mode", "diff_mode", "action_group"} <= set(attributes), (module, sorted(attributes))
        expected = sorted("cloudapps.provision." + group for group, members in groups.items() if module in members)
        assert sorted(attributes["action_group"]["membership"]) == expected, module
    for module in COLLECTION_MODULES:
        # In no group: a vendor group's defaults (region, credentials) are not its options.
        attributes = docs["cloudapps.provision." + module]["doc"]["attributes"]
        assert {"action", "check_mode", "diff_mode"} <= set(attributes) and "action_group" not in attributes, module
