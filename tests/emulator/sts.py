"""The vendors' security token services: roles in other accounts and the temporary credentials
that act in them.

Any account id names an account (the tests use ``ACCOUNTS``), and every role in it exists and
trusts the emulator's base key, except:

* ``cloudapps-external``, which trusts it only with the external id ``EXTERNAL_ID``;
* ``cloudapps-untrusted``, which exists and trusts nobody: assuming it is "not authorized";
* any role whose name starts with ``missing``, which does not exist.

A role is named the vendor's way (``role_arn``); Huawei names an account by domain name or id and
the role by agency name. A temporary key acts in its role's account only: what it creates is kept
in ``state["accounts"][account][vendor]``, never in the base account (``state[vendor]``) or
another account. The families: Alibaba's STS serves both Alibaba handlers (CloudAPI and APIG).
"""

import datetime
import secrets

ACCOUNTS = ("1000000000000001", "1000000000000002", "1000000000000003")
TRUSTED_ROLE = "cloudapps-provisioner"
EXTERNAL_ID_ROLE = "cloudapps-external"
UNTRUSTED_ROLE = "cloudapps-untrusted"
MISSING_PREFIX = "missing"
EXTERNAL_ID = "cloudapps-external-id"

# How a role is named: the account and the role name fill it in.
ROLE_NAMES = {
    "alibaba": "acs:ram::%s:role/%s",
    "tencent": "qcs::cam::uin/%s:roleName/%s",
    "volcengine": "trn:iam::%s:role/%s",
}
# Temporary key ids the way each vendor starts them.
KEY_PREFIX = {"alibaba": "STS.", "tencent": "AKIDTMP", "volcengine": "AKTPTMP", "huawei": "TMPHW"}


def role_arn(family, account, role=TRUSTED_ROLE):
    return ROLE_NAMES[family] % (account, role)


def huawei_domain_name(account):
    return "cloudapps-" + account


def huawei_domain_id(account):
    return account.rjust(32, "0")


class Refused(Exception):
    """An assume-role request refused: ``kind`` is not_found, not_authorized, external_id or invalid."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind
        self.message = message


class KeyRefused(Exception):
    """A request signed with a key the emulator does not accept: ``kind`` unknown_key, token or expired."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


def find_role(family, arn):
    """(account, role) named by ``arn``; Refused when malformed or absent."""
    pattern = ROLE_NAMES[family]
    prefix, suffix = pattern.split("%s", 1)[0], pattern.split("%s", 2)[1]
    if not isinstance(arn, str) or not arn.startswith(prefix) or suffix not in arn:
        raise Refused("invalid", "The role name %r is not a role of this vendor (%s)." % (arn, pattern % ("<account>", "<role>")))
    account, _sep, role = arn[len(prefix):].partition(suffix)
    if not account.isdigit() or not role or role.startswith(MISSING_PREFIX):
        raise Refused("not_found", "The role %s does not exist." % arn)
    return account, role


def find_agency(domain_name=None, domain_id=None, agency=None):
    """Huawei: (account, agency) named by domain name or id and agency name; Refused when absent.
    ``cloudapps-<account>`` and the account padded to 32 digits name the same account; any other
    domain name or id is an account of its own."""
    account = next((a for a in ACCOUNTS if domain_name == huawei_domain_name(a) or domain_id == huawei_domain_id(a)),
                   domain_name or domain_id)
    if not agency or agency.startswith(MISSING_PREFIX):
        raise Refused("not_found", "The agency %s does not exist in domain %s." % (agency, domain_name or domain_id))
    return account, agency


def assume(emu, family, account, role, duration, external_id=None):
    """Issue temporary credentials of ``role``: (access_key, secret, token, expires)."""
    if role == UNTRUSTED_ROLE:
        raise Refused("not_authorized", "The role's trust policy does not allow the caller to assume it.")
    if role == EXTERNAL_ID_ROLE and external_id != EXTERNAL_ID:
        raise Refused("external_id", "The role's trust policy requires an external id the request does not carry.")
    access_key = KEY_PREFIX[family] + secrets.token_hex(10).upper()
    secret = secrets.token_urlsafe(24)
    token = "tok-" + secrets.token_urlsafe(96)
    expires = emu.now() + datetime.timedelta(seconds=int(duration))
    with emu.lock:
        emu.sessions[access_key] = {"family": family, "account": account, "secret": secret, "token": token,
                                    "expires": expires.timestamp(), "role": role}
    return access_key, secret, token, expires


def signing_secret(emu, family, access_key, token):
    """(secret, account) of a key that may sign a request: the base key (account None) or a live
    temporary key of ``family`` sent with its token. KeyRefused otherwise."""
    if access_key == emu.access_key:
        return emu.secret_key, None
    session = emu.sessions.get(access_key)
    if session is None or session["family"] != family:
        raise KeyRefused("unknown_key")
    if not token or not secrets.compare_digest(token, session["token"]):
        raise KeyRefused("token")
    if session["expires"] <= emu.now().timestamp():
        raise KeyRefused("expired")
    return session["secret"], session["account"]
