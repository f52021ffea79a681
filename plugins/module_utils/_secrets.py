# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Secrets the module must never echo: their encoded forms, and the secret options of every item."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.six.moves.urllib.parse import quote, quote_plus


def encoded_forms(value):
    """The forms a secret takes on the wire and in vendor messages: percent-encoded (once, twice,
    with '+' for spaces) and JSON-escaped, besides the raw value."""
    if not isinstance(value, str) or not value:
        return set()
    once = quote(value, safe="")
    forms = set((once, quote(once, safe=""), quote_plus(value), quote(value, safe="/"), quote(value, safe="~"),
                 json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]))
    forms.discard(value)
    return forms


def item_secret_values(spec, value):
    """The no_log values inside ``value`` (an item, or a sub-option's value) as ``spec`` declares
    them, aliases and nested sub-options (a dict, or a list of dicts) included."""
    found = []
    if not isinstance(value, dict):
        return found
    for name, option in spec.items():
        for key in [name] + list(option.get("aliases") or ()):
            if key not in value or value[key] in (None, ""):
                continue
            given = value[key]
            if option.get("no_log"):
                found.extend(str(v) for v in (given if isinstance(given, list) else [given]) if v not in (None, ""))
            elif option.get("options"):
                for entry in given if isinstance(given, list) else [given]:
                    found.extend(item_secret_values(option["options"], entry))
    return found


class _ItemSecretsModule(AnsibleModule):
    """AnsibleModule that treats the secret options of every O(items) entry as no_log values.

    They are collected as soon as the input is read, before AnsibleModule validates it, so that
    no message of a task that fails early (an unsupported option, a bad region) can echo them.
    """

    def __init__(self, item_spec, **kwargs):
        self._item_spec = item_spec
        super(_ItemSecretsModule, self).__init__(**kwargs)

    def _load_params(self):
        super(_ItemSecretsModule, self)._load_params()
        endpoint = self.params.get("endpoint")
        if isinstance(endpoint, str) and "@" in endpoint:
            # user:password@ in a URL is a credential, whatever the option is called.
            userinfo = endpoint.split("//", 1)[-1].rsplit("@", 1)[0]
            self.no_log_values.update(part for part in (userinfo, userinfo.split(":", 1)[-1]) if part)
        items = self.params.get("items")
        for item in items if isinstance(items, list) else ():
            self.no_log_values.update(item_secret_values(self._item_spec, item))
