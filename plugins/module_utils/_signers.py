# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Request signers for the four clouds, byte-compatible with the official SDKs.

Pure functions: the caller passes the date/timestamp and the nonce; nothing here reads the
clock, draws random numbers or does I/O. Each signer returns a ``SignedRequest``:

* ``query``: the encoded query string to put after ``?`` ("" for none), byte for byte;
* ``headers``: every header to send (the caller's plus the ones the scheme adds);
* ``body``: the bytes to send;
* ``canonical_request``, ``string_to_sign``, ``signature``: the intermediate values, for
  debugging signature mismatches.

Every rule below follows the vendor SDK source (named in each docstring); where the SDK has
a quirk (which headers it signs, how it encodes keys) the quirk is reproduced on purpose,
because the server recomputes the same thing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import collections
import datetime
import hashlib
import hmac
import json
from urllib.parse import quote, unquote, urlencode

SignedRequest = collections.namedtuple(
    "SignedRequest", "query headers body canonical_request string_to_sign signature")

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


# ---------------------------------------------------------------- shared helpers

def _to_bytes(body):
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    return bytes(body)


def _sha256_hex(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _hmac_sha256(key, msg):
    if isinstance(key, str):
        key = key.encode("utf-8")
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def _set_header(headers, name, value):
    """Set ``name`` replacing any header of the same name in another letter case.

    HTTP clients merge names case-insensitively, so two spellings would reach the server as
    one header while the signature covered both.
    """
    for key in [k for k in headers if k.lower() == name.lower()]:
        del headers[key]
    headers[name] = value


def _has_header(headers, name):
    return any(k.lower() == name.lower() for k in headers)


# ---------------------------------------------------------------- Volcengine

def _volc_value(value):
    # volcengine.base.Service.prepare_request: str() on int/float/bool.
    return value if isinstance(value, str) else str(value)


def _volc_norm_query(query):
    # volcengine.util.Util.norm_query: keys sorted; RFC 3986 (safe '-_.~'); lists repeat the key.
    parts = []
    for key in sorted(query):
        value = query[key]
        values = value if isinstance(value, list) else [value]
        for item in values:
            parts.append(quote(key, safe="-_.~") + "=" + quote(_volc_value(item), safe="-_.~"))
    return "&".join(parts).replace("+", "%20")


def sign_volcengine(*, access_key, secret_key, method, host, path, query, headers, body, x_date,
                    session_token=None, region="cn-north-1", service="rtc"):
    """Volcengine HMAC-SHA256 (volcengine.auth.SignerV4.sign / sign_only).

    ``query``: dict of str -> str|int|list (a list repeats the key). ``headers`` should hold
    ``Host`` and ``Content-Type``; ``Host`` is added from ``host`` when missing and, like the
    SDK, a non-GET request without ``Content-Type`` gets the form content type.
    """
    body = _to_bytes(body)
    headers = dict(headers or {})
    query = dict(query or {})
    path = path or "/"
    if not _has_header(headers, "Host"):
        headers["Host"] = host
    if method != "GET" and "Content-Type" not in headers:
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    _set_header(headers, "X-Date", x_date)
    if session_token:
        _set_header(headers, "X-Security-Token", session_token)
    body_hash = _sha256_hex(body)
    _set_header(headers, "X-Content-Sha256", body_hash)

    # The SDK signs exactly these names (case-sensitive test on the names as given).
    signed = {}
    for key, value in headers.items():
        if key in ("Content-Type", "Content-Md5", "Host") or key.startswith("X-"):
            signed[key.lower()] = value
    if "host" in signed and ":" in signed["host"]:
        # SignerV4.hashed_canonical_request_v4 drops a default port only.
        parts = signed["host"].split(":")
        if parts[1] in ("80", "443"):
            signed["host"] = parts[0]
    names = sorted(signed)
    signed_headers = ";".join(names)
    canonical_headers = "".join(name + ":" + signed[name] + "\n" for name in names)
    canonical_query = _volc_norm_query(query)
    canonical_uri = quote(path).replace("%2F", "/").replace("+", "%20")
    canonical_request = "\n".join([method, canonical_uri, canonical_query, canonical_headers,
                                   signed_headers, body_hash])

    date = x_date[:8]
    scope = "/".join([date, region, service, "request"])
    string_to_sign = "\n".join(["HMAC-SHA256", x_date, scope, _sha256_hex(canonical_request)])
    key = _hmac_sha256(secret_key, date)
    for part in (region, service, "request"):
        key = _hmac_sha256(key, part)
    signature = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    headers["Authorization"] = "HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        access_key, scope, signed_headers, signature)
    return SignedRequest(canonical_query, headers, body, canonical_request, string_to_sign, signature)


# ---------------------------------------------------------------- Alibaba Cloud

def _acs_encode(value):
    # alibabacloud_openapi_util: quote(s, safe='~') on UTF-8 (RFC 3986, space as %20).
    return quote(value, safe="~", encoding="utf-8")


def _alibaba_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def alibaba_flatten(params):
    """Flatten nested params the way the tea SDK does (``Utils.query``).

    ``{"Tag": [{"Key": "k", "Value": "v"}]}`` becomes ``{"Tag.1.Key": "k", "Tag.1.Value": "v"}``
    (1-based list indexes, dict keys joined with "."). None values are dropped; scalars are
    kept as they are (the signers turn them into strings).
    """
    out = {}

    def walk(prefix, value):
        if value is None:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                walk("%s.%s" % (prefix, key) if prefix else str(key), item)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                walk("%s.%s" % (prefix, index + 1), item)
        else:
            out[prefix] = value

    walk("", params or {})
    return out


def _alibaba_params(params):
    return {k: _alibaba_value(v) for k, v in alibaba_flatten(params).items()}


def sign_alibaba_rpc(*, access_key_id, access_key_secret, method, params, timestamp, nonce,
                     security_token=None, version="2016-07-14", action):
    """Alibaba RPC signature v1, HMAC-SHA1 (alibabacloud_openapi_util Client.get_rpcsignature).

    Everything travels in the query; ``canonical_request`` holds the canonicalised query that
    the string to sign wraps. ``headers`` is empty: v1 signs no header.
    """
    signed = {
        "Action": action,
        "Format": "json",
        "Version": version,
        "Timestamp": timestamp,
        "SignatureNonce": nonce,
    }
    signed.update(_alibaba_params(params))
    if security_token:
        signed["SecurityToken"] = security_token
    signed.update({
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "AccessKeyId": access_key_id,
    })
    canonical = "&".join(_acs_encode(k) + "=" + _acs_encode(signed[k]) for k in sorted(signed))
    string_to_sign = method + "&%2F&" + _acs_encode(canonical)
    digest = hmac.new((access_key_secret + "&").encode("utf-8"), string_to_sign.encode("utf-8"),
                      hashlib.sha1).digest()
    signature = base64.b64encode(digest).decode("ascii")
    query = canonical + "&Signature=" + _acs_encode(signature)
    return SignedRequest(query, {}, b"", canonical, string_to_sign, signature)


def sign_alibaba_acs3(*, access_key_id, access_key_secret, method, host, action, version, query,
                      headers, body, date, nonce, security_token=None, path="/"):
    """Alibaba ACS3-HMAC-SHA256 (alibabacloud_tea_openapi Client.do_request + Utils.get_authorization).

    ``date`` is ``YYYY-MM-DDThh:mm:ssZ``. Every header sent is signed, as the SDK does; pass
    ``content-type`` in ``headers`` when there is a body. ``path`` is the ROA pathname, already
    percent-encoded as the generated clients build it; RPC calls use ``/``.
    """
    body = _to_bytes(body)
    params = _alibaba_params(query)
    out = {
        "host": host,
        "x-acs-version": version,
        "x-acs-action": action,
        "x-acs-date": date,
        "x-acs-signature-nonce": nonce,
        "accept": "application/json",
    }
    for key, value in (headers or {}).items():
        _set_header(out, key, value)
    payload_hash = _sha256_hex(body)
    _set_header(out, "x-acs-content-sha256", payload_hash)
    if security_token:
        _set_header(out, "x-acs-accesskey-id", access_key_id)
        _set_header(out, "x-acs-security-token", security_token)

    # get_canonicalized_headers: lower-case names, trimmed values, sorted.
    canon = {}
    for key, value in out.items():
        if value is not None:
            canon.setdefault(key.lower(), []).append(_alibaba_value(value).strip())
    names = sorted(canon)
    canonical_headers = "".join("%s:%s\n" % (n, ",".join(sorted(canon[n]))) for n in names)
    signed_headers = ";".join(names)
    # get_canonical_query_string leaves the keys unencoded; the URL needs them encoded.
    keys = sorted(params)
    canonical_query = "&".join(k + "=" + _acs_encode(params[k]) for k in keys)
    query_string = "&".join(_acs_encode(k) + "=" + _acs_encode(params[k]) for k in keys)
    canonical_request = "\n".join([method, path or "/", canonical_query, canonical_headers,
                                   signed_headers, payload_hash])
    string_to_sign = "ACS3-HMAC-SHA256\n" + _sha256_hex(canonical_request)
    signature = hmac.new(access_key_secret.encode("utf-8"), string_to_sign.encode("utf-8"),
                         hashlib.sha256).hexdigest()
    out["Authorization"] = "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (
        access_key_id, signed_headers, signature)
    return SignedRequest(query_string, out, body, canonical_request, string_to_sign, signature)


# ---------------------------------------------------------------- Huawei Cloud

def _hw_encode(value):
    # huaweicloudsdkcore.signer.Signer._url_encode
    return quote(value, safe="~")


def _huawei_query(query):
    # Signer._process_canonical_query_string: sort the pairs, lists sorted and repeated,
    # booleans lower-cased (only at the top level, as in the SDK).
    pairs = sorted(query.items() if isinstance(query, dict) else [tuple(p) for p in query])
    parts = []
    for key, value in pairs:
        k = _hw_encode(key)
        if isinstance(value, list):
            for item in sorted(value):
                parts.append("%s=%s" % (k, _hw_encode(str(item))))
        elif isinstance(value, bool):
            parts.append("%s=%s" % (k, _hw_encode(str(value).lower())))
        else:
            parts.append("%s=%s" % (k, _hw_encode(str(value))))
    return "&".join(parts)


def sign_huawei(*, access_key, secret_key, method, host, path, query, headers, body, x_sdk_date,
                security_token=None, project_id=None):
    """Huawei SDK-HMAC-SHA256 (huaweicloudsdkcore BasicCredentials.sign_request -> Signer.sign).

    ``path`` is sent as given (percent-encode path parameters first); the canonical URI
    decodes it, re-encodes each segment and adds a trailing "/". Every header whose name has
    no "_" is signed, like the SDK, so pass the same headers you send.
    """
    body = _to_bytes(body)
    headers = dict(headers or {})
    if project_id:
        _set_header(headers, "X-Project-Id", project_id)
    if security_token is not None:
        _set_header(headers, "X-Security-Token", security_token)
    content_type = headers.get("Content-Type")
    if content_type and not content_type.startswith(("application/json", "application/bson")):
        # Signer._process_content_header: non-JSON payloads are not hashed.
        _set_header(headers, "X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
    _set_header(headers, "X-Sdk-Date", x_sdk_date)
    if not _has_header(headers, "Host"):
        headers["Host"] = host

    names = sorted(k.lower() for k in headers if "_" not in k)
    values = {}
    for key in list(headers):
        # The SDK strips the values it signs and sends the stripped values.
        headers[key] = str(headers[key]).strip()
        values[key.lower()] = headers[key]
    canonical_headers = "".join(n + ":" + values[n] + "\n" for n in names)
    signed_headers = ";".join(names)

    if not body:
        payload_hash = EMPTY_SHA256
    else:
        unsigned = [v for k, v in headers.items() if k.lower() == "x-sdk-content-sha256"]
        payload_hash = unsigned[0] if unsigned and unsigned[0] else _sha256_hex(body)

    segments = unquote(path or "/").split("/")
    canonical_uri = "/".join(_hw_encode(s) for s in segments)
    if not canonical_uri.endswith("/"):
        canonical_uri += "/"
    canonical_query = _huawei_query(query or [])
    canonical_request = "\n".join([method.upper(), canonical_uri, canonical_query,
                                   canonical_headers, signed_headers, payload_hash])
    string_to_sign = "\n".join(["SDK-HMAC-SHA256", x_sdk_date, _sha256_hex(canonical_request)])
    signature = hmac.new(secret_key.encode("utf-8"), string_to_sign.encode("utf-8"),
                         hashlib.sha256).hexdigest()
    headers["Authorization"] = "SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s" % (
        access_key, signed_headers, signature)
    return SignedRequest(canonical_query, headers, body, canonical_request, string_to_sign, signature)


# ---------------------------------------------------------------- Tencent Cloud

def _tencent_format(prefix, params, out):
    # tencentcloud AbstractClient._format_params: 0-based list indexes, None dropped.
    if params is None:
        return
    if isinstance(params, (list, tuple)):
        for index, item in enumerate(params):
            _tencent_format("%s.%s" % (prefix, index) if prefix else str(index), item, out)
    elif isinstance(params, dict):
        for key, item in params.items():
            _tencent_format("%s.%s" % (prefix, key) if prefix else str(key), item, out)
    else:
        out[prefix] = params


def tencent_get_query(params):
    """The query string the Tencent SDK sends (and signs) for a GET request.

    Nested values flatten to ``Filters.0.Values.1``; order is the insertion order of
    ``params``; encoding is ``urlencode`` (space as "+").
    """
    flat = {}
    _tencent_format(None, params or {}, flat)
    return urlencode(flat)


def tencent_json_body(params):
    """The JSON body the Tencent SDK sends for a POST request (``json.dumps`` defaults)."""
    return json.dumps(params)


def sign_tencent(*, secret_id, secret_key, method, host, action, version, region, query, body,
                 timestamp, session_token=None, service="apigateway", language=None,
                 content_type=None):
    """Tencent TC3-HMAC-SHA256 (AbstractClient._build_req_with_tc3_signature, Sign.sign_tc3).

    GET: ``query`` is the encoded string from ``tencent_get_query`` and is signed verbatim;
    the body must be empty. Other methods: ``body`` is the JSON text and ``query`` must be "".
    """
    body = _to_bytes(body)
    query = query or ""
    if method == "GET":
        if body:
            raise ValueError("a Tencent GET request carries its parameters in the query, not the body")
        default_type = "application/x-www-form-urlencoded"
        canonical_query = query
    else:
        if query:
            raise ValueError("the Tencent SDK signs an empty query for %s requests" % method)
        default_type = "application/json" if method == "POST" else "application/x-www-form-urlencoded"
        canonical_query = ""
    timestamp = int(timestamp)
    headers = {
        "Content-Type": content_type or default_type,
        "Host": host,
        "X-TC-Action": action[0].upper() + action[1:],
        "X-TC-Timestamp": str(timestamp),
        "X-TC-Version": version,
    }
    if region:
        headers["X-TC-Region"] = region
    if session_token:
        headers["X-TC-Token"] = session_token
    if language:
        headers["X-TC-Language"] = language

    canonical_request = "%s\n/\n%s\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s" % (
        method, canonical_query, headers["Content-Type"], host, _sha256_hex(body))
    # The scope date is the UTC date of the timestamp, never the local one.
    date = datetime.datetime.fromtimestamp(timestamp, tz=datetime.timezone.utc).strftime("%Y-%m-%d")
    scope = "%s/%s/tc3_request" % (date, service)
    string_to_sign = "TC3-HMAC-SHA256\n%s\n%s\n%s" % (timestamp, scope, _sha256_hex(canonical_request))
    key = _hmac_sha256("TC3" + secret_key, date)
    key = _hmac_sha256(key, service)
    key = _hmac_sha256(key, "tc3_request")
    signature = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    headers["Authorization"] = "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, Signature=%s" % (
        secret_id, scope, signature)
    return SignedRequest(query, headers, body, canonical_request, string_to_sign, signature)
