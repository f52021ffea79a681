# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # Each vendor's credential and region options. The environment variables are read, in the
    # order listed, only when the option is not set; the same names serve the vendor's CLI, SDK
    # and Terraform provider, so one AWX credential serves every tool.

    VOLCENGINE = r"""
options:
  access_key:
    description:
      - Volcengine access key id.
      - Read from E(VOLCENGINE_ACCESS_KEY) (Volcengine CLI, newer SDK and Terraform provider), then
        E(VOLC_ACCESSKEY) (Python SDK), when not set.
    type: str
  secret_key:
    description:
      - Volcengine secret access key.
      - Read from E(VOLCENGINE_SECRET_KEY), then E(VOLC_SECRETKEY), when not set.
    type: str
  session_token:
    description:
      - Security token of temporary (STS) credentials.
      - Read from E(VOLCENGINE_SESSION_TOKEN) when not set.
    type: str
  region:
    description:
      - Region of the signing scope. RTC serves every account from V(cn-north-1).
      - Read from E(VOLCENGINE_REGION) when not set; V(cn-north-1) when neither is set.
    type: str
  endpoint:
    description:
      - Base URL, such as V(http://127.0.0.1:8443), that replaces the public API host V(https://rtc.volcengineapi.com) for private
        endpoints, proxies and the local emulator. Only a scheme, a host and an optional port.
      - Read from E(CLOUDAPPS_VOLCENGINE_ENDPOINT) when not set.
      - An empty value means not set (AWX injects an unset credential field as an empty string), so the
        public endpoint is used.
    type: str
  assume_role:
    description:
      - Assume this IAM role with the credential above (STS C(AssumeRole), 2018-01-01) and sign every other
        call of the task with the role's temporary key, so that one automation key reaches every account
        whose role trusts it. One STS call per task, however many items it has.
      - When not set, built from the environment if E(VOLCENGINE_ASSUME_ROLE_TRN) is set.
      - The temporary secret key and session token never appear in the output. A refused role fails the
        task before any other call, naming the role and the STS error code.
    type: dict
    suboptions:
      role_trn:
        description:
          - TRN of the role, such as V(trn:iam::2100000000:role/provisioner).
          - Read from E(VOLCENGINE_ASSUME_ROLE_TRN) when not set.
        type: str
      session_name:
        description:
          - Name of the role session (2-64 letters, digits and C(.@_-)), which the audit log records.
          - Read from E(VOLCENGINE_ASSUME_ROLE_SESSION_NAME) when not set.
        type: str
        default: cloudapps-provision
      duration_seconds:
        description:
          - How long the temporary key lives, 900 to 43200 seconds (at most the role's maximum session duration).
          - Read from E(VOLCENGINE_ASSUME_ROLE_DURATION_SECONDS) when not set.
        type: int
        default: 3600
      policy:
        description:
          - A policy document (JSON) that narrows what the temporary key may do below the role's policies.
          - Read from E(VOLCENGINE_ASSUME_ROLE_POLICY) when not set.
        type: json
      endpoint:
        description:
          - Base URL of the STS, V(https://sts.volcengineapi.com) when not set.
          - Read from E(VOLCENGINE_STS_ENDPOINT) when not set.
        type: str
"""

    ALICLOUD = r"""
options:
  access_key_id:
    description:
      - Alibaba Cloud AccessKey ID.
      - Read from E(ALIBABA_CLOUD_ACCESS_KEY_ID), then E(ALICLOUD_ACCESS_KEY) (older tools and the
        Terraform provider), when not set.
    type: str
    aliases: [alicloud_access_key, access_key]
  access_key_secret:
    description:
      - Alibaba Cloud AccessKey secret.
      - Read from E(ALIBABA_CLOUD_ACCESS_KEY_SECRET), then E(ALICLOUD_SECRET_KEY), when not set.
    type: str
    aliases: [alicloud_secret_key, secret_key]
  security_token:
    description:
      - STS security token of temporary credentials.
      - Read from E(ALIBABA_CLOUD_SECURITY_TOKEN), then E(ALICLOUD_SECURITY_TOKEN), when not set.
    type: str
    aliases: [alicloud_security_token]
  region:
    description:
      - Region id, such as V(cn-hangzhou). The API host is C(apigateway.<region>.aliyuncs.com).
      - Read from E(ALIBABA_CLOUD_REGION_ID), then E(ALICLOUD_REGION), when not set.
      - Required unless O(endpoint) is set; Alibaba Cloud has no default region.
    type: str
  endpoint:
    description:
      - Base URL, such as V(http://127.0.0.1:8443), that replaces the regional API host for private
        endpoints, proxies and the local emulator. Only a scheme, a host and an optional port.
      - Read from E(CLOUDAPPS_ALICLOUD_ENDPOINT) when not set.
      - An empty value means not set (AWX injects an unset credential field as an empty string), so the
        public endpoint is used.
    type: str
  assume_role:
    description:
      - Assume this RAM role with the AccessKey above (STS C(AssumeRole), 2015-04-01) and sign every other
        call of the task with the role's temporary key, so that one automation key reaches every account
        whose role trusts it. One STS call per task, however many items it has.
      - When not set, built from the environment if E(ALIBABA_CLOUD_ROLE_ARN) or E(ALICLOUD_ASSUME_ROLE_ARN)
        is set, unless E(ALIBABA_CLOUD_OIDC_PROVIDER_ARN) is set too (the role variable then belongs to a
        pod's OIDC login, RRSA, which this collection does not make).
      - The temporary AccessKey secret and security token never appear in the output. A refused role fails
        the task before any other call, naming the role and the STS error code.
    type: dict
    suboptions:
      role_arn:
        description:
          - ARN of the RAM role, such as V(acs:ram::1234567890123456:role/provisioner).
          - Read from E(ALIBABA_CLOUD_ROLE_ARN) (Alibaba Cloud credentials tools), then
            E(ALICLOUD_ASSUME_ROLE_ARN) (Terraform provider), when not set.
        type: str
      session_name:
        description:
          - Name of the role session (2-64 letters, digits and C(.@_-)), which ActionTrail records.
          - Read from E(ALIBABA_CLOUD_ROLE_SESSION_NAME), then E(ALICLOUD_ASSUME_ROLE_SESSION_NAME), when not set.
        type: str
        default: cloudapps-provision
      duration_seconds:
        description:
          - How long the temporary key lives, 900 to 43200 seconds (at most the role's maximum session
            duration, one hour unless raised on the role).
          - Read from E(ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION) when not set.
        type: int
        default: 3600
      policy:
        description:
          - A policy document (JSON) that narrows what the temporary key may do below the role's policies.
        type: json
      external_id:
        description:
          - The external id the role's trust policy asks for (C(sts:ExternalId)).
          - Read from E(ALIBABA_CLOUD_EXTERNAL_ID) when not set.
        type: str
      endpoint:
        description:
          - Base URL of the STS, V(https://sts.aliyuncs.com) when not set (a regional or VPC STS endpoint
            can be given).
          - Read from E(ALIBABA_CLOUD_STS_ENDPOINT) when not set.
        type: str
"""

    # The Cloud-native API Gateway's region and endpoint; listed before ALICLOUD, whose options it
    # replaces (the first fragment to set an option wins).
    ALICLOUD_APIG = r"""
options:
  region:
    description:
      - Region id, such as V(cn-hangzhou). The API host is C(apig.<region>.aliyuncs.com).
      - Read from E(ALIBABA_CLOUD_REGION_ID), then E(ALICLOUD_REGION), when not set.
      - Required unless O(endpoint) is set; Alibaba Cloud has no default region.
    type: str
  endpoint:
    description:
      - Base URL, such as V(http://127.0.0.1:8443), that replaces the regional API host for private
        endpoints, proxies and the local emulator. Only a scheme, a host and an optional port.
      - Read from E(CLOUDAPPS_ALICLOUD_APIG_ENDPOINT) when not set (not from the traditional gateway's
        C(CLOUDAPPS_ALICLOUD_ENDPOINT), as the two services have different hosts).
      - An empty value means not set (AWX injects an unset credential field as an empty string), so the
        public endpoint is used.
    type: str
"""

    HUAWEICLOUD = r"""
options:
  access_key:
    description:
      - Huawei Cloud access key (AK).
      - Read from E(HUAWEICLOUD_SDK_AK) (Huawei Cloud SDK), then E(HW_ACCESS_KEY) (KooCLI and the
        Terraform provider), when not set.
    type: str
  secret_key:
    description:
      - Huawei Cloud secret key (SK).
      - Read from E(HUAWEICLOUD_SDK_SK), then E(HW_SECRET_KEY), when not set.
    type: str
  security_token:
    description:
      - Security token of temporary AK/SK credentials.
      - Read from E(HUAWEICLOUD_SDK_SECURITY_TOKEN), then E(HW_SECURITY_TOKEN), when not set.
    type: str
  project_id:
    description:
      - Project id of the region. Sent as C(X-Project-Id); required with O(instance_id), whose API
        paths carry it.
      - Read from E(HUAWEICLOUD_SDK_PROJECT_ID), then E(HW_PROJECT_ID), when not set.
    type: str
  region:
    description:
      - Region id, such as V(cn-north-4). The API host is C(apig.<region>.myhuaweicloud.com).
      - Read from E(HUAWEICLOUD_REGION), then E(HW_REGION_NAME), when not set.
      - Required unless O(endpoint) is set; Huawei Cloud has no default region.
    type: str
  endpoint:
    description:
      - Base URL, such as V(http://127.0.0.1:8443), that replaces the regional API host for private
        endpoints, proxies and the local emulator. Only a scheme, a host and an optional port.
      - Read from E(CLOUDAPPS_HUAWEICLOUD_ENDPOINT) when not set.
      - An empty value means not set (AWX injects an unset credential field as an empty string), so the
        public endpoint is used.
    type: str
  assume_role:
    description:
      - Get a temporary AK/SK of this agency with the AK/SK above (IAM
        C(POST /v3.0/OS-CREDENTIAL/securitytokens), method C(assume_role)) and sign every other call of the
        task with it, so that one automation key reaches every account that delegates to it. One IAM call
        per task, however many items it has.
      - Give the agency's own account (O(assume_role.domain_name) or O(assume_role.domain_id)) and its
        O(project_id) in the region.
      - When not set, built from the environment if E(HW_ASSUME_ROLE_AGENCY_NAME) is set.
      - The temporary secret key and security token never appear in the output. A refused agency fails the
        task before any other call, naming the agency and the IAM error code.
    type: dict
    suboptions:
      agency_name:
        description:
          - Name of the agency to assume.
          - Read from E(HW_ASSUME_ROLE_AGENCY_NAME) (Terraform provider) when not set.
        type: str
      domain_name:
        description:
          - Name of the account (domain) the agency is in. Give this or O(assume_role.domain_id).
          - Read from E(HW_ASSUME_ROLE_DOMAIN_NAME) when not set.
        type: str
      domain_id:
        description:
          - Id of the account (domain) the agency is in. Give this or O(assume_role.domain_name).
          - Read from E(HW_ASSUME_ROLE_DOMAIN_ID) when not set.
        type: str
      duration_seconds:
        description:
          - How long the temporary AK/SK lives, 900 to 86400 seconds.
          - Read from E(HW_ASSUME_ROLE_DURATION) when not set.
        type: int
        default: 3600
      endpoint:
        description:
          - Base URL of IAM, V(https://iam.myhuaweicloud.com) when not set.
          - Read from E(HUAWEICLOUD_SDK_IAM_ENDPOINT) (Huawei Cloud SDK) when not set.
        type: str
"""

    TENCENTCLOUD = r"""
options:
  secret_id:
    description:
      - Tencent Cloud SecretId.
      - Read from E(TENCENTCLOUD_SECRET_ID) (SDK, tccli and the Terraform provider) when not set.
    type: str
  secret_key:
    description:
      - Tencent Cloud SecretKey.
      - Read from E(TENCENTCLOUD_SECRET_KEY) when not set.
    type: str
  security_token:
    description:
      - Token of temporary credentials, sent as C(X-TC-Token).
      - Read from E(TENCENTCLOUD_SECURITY_TOKEN) when not set.
    type: str
  region:
    description:
      - Region id sent as C(X-TC-Region), such as V(ap-guangzhou).
      - Read from E(TENCENTCLOUD_REGION) when not set.
      - Required; Tencent Cloud has no default region.
    type: str
  endpoint:
    description:
      - Base URL, such as V(http://127.0.0.1:8443), that replaces the public API host V(https://apigateway.tencentcloudapi.com) for private
        endpoints, proxies and the local emulator. Only a scheme, a host and an optional port.
      - Read from E(CLOUDAPPS_TENCENTCLOUD_ENDPOINT) when not set.
      - An empty value means not set (AWX injects an unset credential field as an empty string), so the
        public endpoint is used.
    type: str
  assume_role:
    description:
      - Assume this CAM role with the SecretId above (STS C(AssumeRole), 2018-08-13) and sign every other
        call of the task with the role's temporary key, so that one automation key reaches every account
        whose role trusts it. One STS call per task, however many items it has.
      - When not set, built from the environment if E(TENCENTCLOUD_ASSUME_ROLE_ARN) is set.
      - The temporary SecretKey and token never appear in the output. A refused role fails the task before
        any other call, naming the role and the STS error code.
    type: dict
    suboptions:
      role_arn:
        description:
          - Resource description of the role, such as V(qcs::cam::uin/100000000001:roleName/provisioner).
          - Read from E(TENCENTCLOUD_ASSUME_ROLE_ARN) (Terraform provider) when not set.
        type: str
      session_name:
        description:
          - Name of the role session (2-64 letters, digits and C(.@_-)), which CloudAudit records.
          - Read from E(TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME) when not set.
        type: str
        default: cloudapps-provision
      duration_seconds:
        description:
          - How long the temporary key lives, 900 to 43200 seconds.
          - Read from E(TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION) when not set.
        type: int
        default: 3600
      external_id:
        description:
          - The external id the role's trust policy asks for.
          - Read from E(TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID) when not set.
        type: str
      endpoint:
        description:
          - Base URL of the STS, V(https://sts.tencentcloudapi.com) when not set.
          - Read from E(TENCENTCLOUD_STS_ENDPOINT) when not set.
        type: str
"""
