# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""What a vendor declares (its Vendor row and credentials) and the options every module shares."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

from ansible.module_utils.basic import env_fallback

from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import STORE_OPTIONS

# One credential-like option: its name, the environment variables read when it is not set
# (first found wins), whether it is secret and whether the module cannot work without it.
Credential = namedtuple("Credential", "option env secret required aliases")

# One assume_role suboption a vendor takes, and the environment variables that set it (first found wins).
RoleOption = namedtuple("RoleOption", "name env")

# A vendor's security token service: the assume_role suboptions it takes (the role's own first),
# the credential options the temporary key stands in for (key, secret, token), its public
# endpoint, the durations it accepts, the function that asks it
# (assume(transport, settings, base_keys) -> TemporaryKey), and the environment variables of
# another login that reads the same role variable (then the environment builds no assume_role).
Sts = namedtuple("Sts", "options key_options default_endpoint durations rate_limit assume other_login_env")
TemporaryKey = namedtuple("TemporaryKey", "key secret token expires")

# Every assume_role suboption of any vendor; each vendor's Sts row picks the ones it takes.
ROLE_OPTION_SPECS = dict(
    role_arn=dict(type="str"),
    role_trn=dict(type="str"),
    agency_name=dict(type="str"),
    domain_name=dict(type="str"),
    domain_id=dict(type="str"),
    session_name=dict(type="str", default="cloudapps-provision"),
    # An hour: the longest every vendor grants by default, long enough for a big batch.
    duration_seconds=dict(type="int", default=3600),
    policy=dict(type="json"),
    external_id=dict(type="str", no_log=False),
    endpoint=dict(type="str"),
)

# What the shared code needs to know of a vendor; each vendor file declares one.
Vendor = namedtuple("Vendor", [
    "name",            # short name used in messages: "Volcengine"
    "credentials",     # tuple of Credential
    "region_env",      # environment variables for region
    "default_region",  # None when the vendor has no default
    "endpoint_env",    # environment variables for endpoint
    "endpoint_for",    # function(region) -> default base URL
    "rate_limit",      # published calls per second per API, for the client-side limiter
    "sts",             # Sts: how assume_role gets a temporary key
])


def role_argument_spec(sts):
    """The suboptions of assume_role for one vendor, each with its environment fallback."""
    spec = {}
    for option in sts.options:
        spec[option.name] = dict(ROLE_OPTION_SPECS[option.name])
        if option.env:
            spec[option.name]["fallback"] = (env_fallback, list(option.env))
    return spec


def connection_argument_spec(vendor):
    spec = dict(
        region=dict(type="str", fallback=(env_fallback, list(vendor.region_env))),
        endpoint=dict(type="str", fallback=(env_fallback, list(vendor.endpoint_env))),
        validate_certs=dict(type="bool", default=True),
        ca_cert=dict(type="path"),
        timeout=dict(type="float", default=30.0),
        assume_role=dict(type="dict", options=role_argument_spec(vendor.sts), no_log=False),
    )
    for cred in vendor.credentials:
        spec[cred.option] = dict(type="str", no_log=cred.secret, aliases=list(cred.aliases),
                                 fallback=(env_fallback, list(cred.env)))
    return spec


def resource_argument_spec():
    return dict(
        # Required unless items is given (required_one_of below).
        name=dict(type="str"),
        items=dict(type="list", elements="dict"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        id=dict(type="str"),
        return_secrets=dict(type="bool", default=False),
        rotate_secret=dict(type="bool", default=False),
        max_secret_age=dict(type="int", no_log=False),
        previous_secret_grace=dict(type="int", default=7, no_log=False),
        compare_secrets=dict(type="bool", default=True),
        # Not a secret itself (a path and settings); its token, role_id and secret_id are no_log.
        secret_store=dict(type="dict", options=STORE_OPTIONS, no_log=False),
    )


def policy_argument_spec():
    """The options of a module for a policy an identity is bound to (a Huawei app quota): no secrets."""
    return dict(
        name=dict(type="str"),
        items=dict(type="list", elements="dict"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        id=dict(type="str"),
    )


def info_argument_spec():
    """The filters every info module has; all given filters must match."""
    return dict(
        name=dict(type="str"),
        name_prefix=dict(type="str"),
        id=dict(type="str"),
        return_secrets=dict(type="bool", default=False),
        list_credentials=dict(type="bool", default=False),
        list_fences=dict(type="bool", default=False),
        list_authorizations=dict(type="bool", default=False),
        older_than_days=dict(type="int", no_log=False),
    )
