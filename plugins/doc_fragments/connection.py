# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # How every module of the collection talks to a vendor API, besides credentials and region.
    DOCUMENTATION = r"""
options:
  validate_certs:
    description:
      - Verify the TLS certificate of the API endpoint. Set V(false) only for a trusted private endpoint.
      - The CA bundle is O(ca_cert), else the E(REQUESTS_CA_BUNDLE) (or E(CURL_CA_BUNDLE)) environment
        variable, else the bundle of C(certifi).
      - A certificate that is not trusted, expired or issued for another host name fails the task at once
        (no retry), naming the host and the reason.
    type: bool
    default: true
  ca_cert:
    description:
      - Path of a PEM file with the CA certificates that sign the endpoint's certificate (a private CA,
        or a TLS-inspecting proxy), on the host that runs the module. Checked before any call.
      - Ignored when O(validate_certs=false).
    type: path
  timeout:
    description:
      - Seconds one HTTP request may take as a whole, connecting, sending and reading the complete
        answer (an answer that trickles in is cut off). A finite number above 0, at most 86400.
      - Throttled requests, server errors and network errors of reads are retried up to 5 times with
        exponential backoff and jitter, honouring C(Retry-After). Writes are retried only when they
        cannot have taken effect. A failure names the URL (without its query) and the attempts made;
        with C(-vvv) the result lists every retry under C(retries).
      - Proxies are taken from the E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables.
    type: float
    default: 30
notes:
  - Requests are signed by the collection itself; the only Python library needed is C(requests).
requirements:
  - python >= 3.10
  - requests >= 2.28
"""
