# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The connection checks made before any call: endpoint, region, credentials' characters, timeout."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.six.moves.urllib.parse import urlsplit

_HOSTNAME = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\Z")
_IPV6 = re.compile(r"^\[[0-9A-Fa-f:.]+\]\Z")
REGION_ID = re.compile(r"^[a-z]{2,}(?:-[a-z0-9]+)+\Z")
PRINTABLE_ASCII = re.compile(r"^[\x21-\x7e]+\Z")
# A request's whole time (connect, send, answer) is bounded by timeout: a day at most.
MAX_TIMEOUT = 86400


def parse_endpoint(value):
    """Base URL ``scheme://host[:port]`` from a user-given endpoint, or raise ValueError saying why."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        # Python checks a bracketed host itself ("'zz::1' does not appear to be an IPv6 address").
        raise ValueError("has an invalid IPv6 host (got %r)" % value)
    if parts.scheme not in ("http", "https"):
        raise ValueError("must start with https:// or http:// (got %r)" % value)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        # Never echo it: user info in a URL is a credential.
        raise ValueError("must be a base URL without user info (user:password@); give credentials through "
                         "their own options")
    if parts.query or parts.fragment:
        raise ValueError("must be a base URL without query or fragment (got %r)" % value)
    if parts.path not in ("", "/"):
        raise ValueError("must be a base URL without a path, such as https://host:8443 (got %r)" % value)
    host = parts.hostname or ""
    netloc_host = parts.netloc.rsplit("@", 1)[-1]
    if netloc_host.startswith("["):
        if not _IPV6.match(netloc_host.split("]")[0] + "]"):
            raise ValueError("has an invalid IPv6 host (got %r)" % value)
    elif not host or not _HOSTNAME.match(host):
        raise ValueError("has an invalid host name (got %r)" % value)
    try:
        port = parts.port
    except ValueError:
        raise ValueError("has an invalid port (got %r)" % value)
    if port == 0:
        raise ValueError("has an invalid port (got %r)" % value)
    return "%s://%s" % (parts.scheme, parts.netloc)
