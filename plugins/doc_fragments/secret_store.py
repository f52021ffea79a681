# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The secret_store option of every identity module (plugins/module_utils/_secret_store.py).
    DOCUMENTATION = r"""
options:
  secret_store:
    description:
      - Hand the identity's credential to a KV version 2 secrets engine of HashiCorp Vault or OpenBao
        (they speak the same API), so it never has to pass through Ansible's output.
      - Written at O(secret_store.path) when the identity is created, when its secret is rotated or
        changed, and when the stored copy is missing or stale (its fingerprint, recomputed from the
        stored fields, differs from the vendor's current credential, or it belongs to another id).
        Otherwise nothing is written; reading the stored copy is one store read per item.
      - "The data written: the credential fields under the vendor's own names (for example C(AppKey),
        C(AppSecret), C(AppCode) of an Alibaba app; C(AccessKeyId), C(AccessKeySecret) of a Tencent key;
        C(app_key), C(app_secret) of a Huawei app; C(AppKey), C(SecondaryAppKey) of a Volcengine app;
        C(credentials) of an APIG consumer in C(UpdateConsumer)'s shape, with C(apikey), C(ak) and C(sk)
        when it has one of a kind), plus C(vendor) (the vendor's key), C(id), C(name), C(fingerprint)
        and C(rotated_at) (UTC, when this module wrote it)."
      - Every write is a check-and-set against the version read, so two runs never overwrite each
        other silently; a write that lost that race fails the item, and nothing is overwritten.
      - In check mode nothing is written; RV(secret_store) says what would be. With
        O(compare_secrets=false) as well (a plan report), no secret is read from the vendor; a stored
        copy of the same identity counts as current, and only a missing one (or another id's) is
        reported as to be written.
      - A store failure after the vendor's change fails the item (the task fails at the end), naming
        the path and the store's error; the identity's change stays done. The next run finds the copy
        missing or stale and writes it, without changing the credential again. Every vendor here lets
        a secret be read again later, so a credential is never lost between the two runs.
      - The option names and environment variables are those of the community.hashi_vault collection,
        so the same settings carry over.
      - C({name}) in O(secret_store.path) is replaced by the item's name and C({vendor}) by the vendor's
        key (V(volcengine), V(alicloud), V(alicloud_apig), V(huaweicloud), V(tencentcloud)), so one
        setting such as V(cloudapps/{vendor}/{name}) serves every item of every vendor, in O(items) and
        in the C(cloudapps.provision.cloud_apps) role. An item's own O(secret_store) replaces the task's.
      - Each identity needs its own path. Two items of one task with the same path are refused before
        any call; a stored copy that belongs to another vendor or another name is never overwritten
        (the item fails saying whose it is). The same vendor and name with a new id is the identity
        created again, and is overwritten.
    type: dict
    suboptions:
      url:
        description:
          - URL of the Vault or OpenBao server, such as V(https://vault.example.com:8200).
          - Falls back to the E(VAULT_ADDR) environment variable.
        type: str
      auth_method:
        description:
          - V(token) uses O(secret_store.token); V(approle) logs in once per task with
            O(secret_store.role_id) and O(secret_store.secret_id).
          - When unset, V(approle) if O(secret_store.role_id) is set (or E(VAULT_ROLE_ID)) and
            O(secret_store.token) is not, else V(token).
        type: str
        choices: [token, approle]
      token:
        description:
          - The Vault token, with O(secret_store.auth_method=token).
          - Falls back to the E(VAULT_TOKEN) environment variable.
        type: str
      role_id:
        description:
          - The AppRole role id, with O(secret_store.auth_method=approle).
          - Falls back to the E(VAULT_ROLE_ID) environment variable.
        type: str
      secret_id:
        description:
          - The AppRole secret id, with O(secret_store.auth_method=approle).
          - Falls back to the E(VAULT_SECRET_ID) environment variable.
        type: str
      namespace:
        description:
          - The Vault Enterprise or OpenBao namespace, sent as C(X-Vault-Namespace).
          - Falls back to the E(VAULT_NAMESPACE) environment variable.
        type: str
      engine_mount_point:
        description: Where the KV version 2 secrets engine is mounted.
        type: str
        default: secret
      path:
        description:
          - The secret's path within the engine, such as V(cloudapps/{vendor}/{name}). Segments of
            letters, digits and C(. _ - @), separated by C(/).
        type: str
        required: true
      validate_certs:
        description: Verify the server's TLS certificate.
        type: bool
        default: true
      ca_cert:
        description:
          - A PEM bundle of the CA certificates that sign the server's certificate.
          - Falls back to the E(VAULT_CACERT) environment variable.
        type: path
"""
