# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""One error type for every vendor, and the mapping of vendor codes to a few categories."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

THROTTLED = "throttled"
AUTH = "auth"
SIGNATURE = "signature"
INVALID_PARAMETER = "invalid_parameter"
QUOTA = "quota"
CONFLICT = "conflict"
NOT_FOUND = "not_found"
SERVER = "server"
NETWORK = "network"

CATEGORIES = (THROTTLED, AUTH, SIGNATURE, INVALID_PARAMETER, QUOTA, CONFLICT, NOT_FOUND, SERVER, NETWORK)

# What a retry can fix: the vendor asked us to slow down, or had a passing fault.
RETRYABLE = frozenset((THROTTLED, SERVER, NETWORK))

_HINTS = {
    THROTTLED: "the vendor throttled the request; retry later or lower the request rate",
    AUTH: "check the credentials and the permissions of the access key",
    SIGNATURE: "the request signature or timestamp was rejected; check the secret key and the clock of the machine running the module",
    INVALID_PARAMETER: "the vendor rejected a parameter value",
    QUOTA: "an account quota is exhausted; remove unused resources or raise the quota",
    CONFLICT: "the resource conflicts with one that already exists or is in a state that does not allow this",
    NOT_FOUND: "the resource does not exist",
    SERVER: "the vendor had an internal error; retry later",
    NETWORK: "the vendor could not be reached; check endpoint, proxy and network",
}


class CloudError(Exception):
    """A failed vendor call: vendor code, message, request id and category.

    ``may_have_applied`` is true when a mutating request may have reached the vendor although no
    answer came back, so the caller must look before trying again.
    """

    def __init__(self, message, code=None, request_id=None, category=SERVER, vendor=None,
                 http_status=None, retry_after=None, may_have_applied=False, malformed=False):
        super(CloudError, self).__init__(message)
        self.message = message
        self.code = code
        self.request_id = request_id
        self.category = category if category in CATEGORIES else SERVER
        self.vendor = vendor
        self.http_status = http_status
        self.retry_after = retry_after
        self.may_have_applied = may_have_applied
        # The vendor answered, but not in its documented shape: never read as "nothing there".
        self.malformed = malformed
        # What to do, when the category's general hint would mislead (a service that is gone).
        self.hint = None
        # How many times the transport sent the call: after a retry, "not found" may be our own doing.
        self.attempts = 1

    @property
    def retryable(self):
        return self.category in RETRYABLE

    def __str__(self):
        parts = ["%s API error" % (self.vendor or "cloud")]
        if self.code:
            parts.append(str(self.code))
        text = " ".join(parts) + ": " + str(self.message)
        details = ["category: %s" % self.category]
        if self.http_status:
            details.append("HTTP %s" % self.http_status)
        if self.request_id:
            details.append("request id: %s" % self.request_id)
        return "%s (%s). Hint: %s." % (text, ", ".join(details), self.hint or _HINTS[self.category])

    def to_dict(self):
        return dict(vendor=self.vendor, code=self.code, message=self.message, request_id=self.request_id,
                    category=self.category, http_status=self.http_status)


MALFORMED_CODE = "MalformedAnswer"


def without_string_to_sign(message):
    """A vendor message without the server's string to sign, which quotes the signed parameters (a
    security token, an AppSecret) percent-encoded: the sentence that introduces it goes too."""
    cut = message.lower().find("string to sign")
    if cut < 0:
        return message
    sentence = message.rfind(". ", 0, cut)
    head = message[:sentence] if sentence >= 0 else message[:cut]
    return head.rstrip(" .:,") + " (the server's string to sign is left out)"


def malformed_answer(vendor, action, request_id=None, detail=None):
    """The error for an answer that is not the documented shape (fail closed, never an empty list)."""
    message = "malformed answer from %s %s" % (vendor, action)
    if detail:
        message += ": " + detail
    return CloudError(message, code=MALFORMED_CODE, request_id=request_id, category=SERVER, vendor=vendor,
                      malformed=True)


def category_by_status(http_status):
    if http_status == 429:
        return THROTTLED
    if http_status in (401, 403):
        return AUTH
    if http_status == 404:
        return NOT_FOUND
    if http_status == 409:
        return CONFLICT
    if http_status is not None and http_status >= 500:
        return SERVER
    return INVALID_PARAMETER


def categorize(code_rules, http_status, code):
    """Category of a vendor error.

    ``code_rules`` is a vendor's ordered sequence of ``(code_prefix, category)``; a prefix matches
    the code itself or any dotted sub-code (``Throttling`` matches ``Throttling.User``), and a
    prefix ending in ``*`` any code that starts with it (``NotFound*`` matches ``NotFoundApp``).
    Codes no rule knows fall back to the HTTP status.
    """
    if code:
        for prefix, category in code_rules:
            if prefix.endswith("*"):
                if code.startswith(prefix[:-1]):
                    return category
            elif code == prefix or code.startswith(prefix + "."):
                return category
    return category_by_status(http_status)
