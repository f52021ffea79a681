"""Local emulator of the Volcengine, Alibaba, Huawei and Tencent app-identity APIs (tests only)."""
