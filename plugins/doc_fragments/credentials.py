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
"""
