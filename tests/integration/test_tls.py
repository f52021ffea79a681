# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS as a user meets it: real TLS servers on 127.0.0.1 (the emulator with generated certificates)
that are self-signed, issued for another host name, expired, or not TLS at all. Every failure is
the module's own message naming the host, the problem and what to do; a trusted private CA works
through ca_cert and REQUESTS_CA_BUNDLE."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import os

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .conftest import start_emulator, stop_emulator

VOLC = "cloudapps.provision.volcengine_rtc_app"
NOW = datetime.datetime.now(datetime.timezone.utc)


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, issuer, public_key, signing_key, sans=None, ca=False, days=(-1, 30)):
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(NOW + datetime.timedelta(days=days[0]))
               .not_valid_after(NOW + datetime.timedelta(days=days[1]))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _write(path, *objects):
    with open(path, "wb") as handle:
        for obj in objects:
            if isinstance(obj, x509.Certificate):
                handle.write(obj.public_bytes(serialization.Encoding.PEM))
            else:
                handle.write(obj.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return str(path)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A private CA and server certificates: good for 127.0.0.1, for another host, expired, self-signed."""
    base = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("cloudapps test CA", "cloudapps test CA", ca_key.public_key(), ca_key, ca=True)
    files = {"ca": _write(base / "ca.pem", ca)}
    loopback = [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    for kind, sans, days, self_signed in (
            ("good", loopback, (-1, 30), False),
            ("other_host", [x509.DNSName("api.example.com")], (-1, 30), False),
            ("expired", loopback, (-30, -1), False),
            ("self_signed", loopback, (-1, 30), True)):
        key = ec.generate_private_key(ec.SECP256R1())
        subject = "127.0.0.1" if kind != "other_host" else "api.example.com"
        issuer, signer = (subject, key) if self_signed else ("cloudapps test CA", ca_key)
        cert = _certificate(subject, issuer, key.public_key(), signer, sans=sans, days=days)
        files[kind] = (_write(base / (kind + ".crt"), cert), _write(base / (kind + ".key"), key))
    return files


@pytest.fixture(scope="module")
def tls_servers(pki, tmp_path_factory):
    """One emulator per server certificate, and a plain-http one."""
    servers, processes = {}, []
    for kind in ("good", "other_host", "expired", "self_signed", "plain"):
        extra = () if kind == "plain" else ("--tls-cert", pki[kind][0], "--tls-key", pki[kind][1])
        process, server = start_emulator(tmp_path_factory.mktemp("tls_" + kind), extra)
        processes.append(process)
        servers[kind] = server
    yield servers
    for process in processes:
        stop_emulator(process)


def _env(server, scheme_url=None):
    env = server.env("volcengine")
    env["CLOUDAPPS_VOLCENGINE_ENDPOINT"] = scheme_url or server.base_url
    return env


def _failure(run):
    assert run.rc != 0, run
    (entry,) = run.results
    assert entry["status"] == "failed", run
    return entry["result"]


@pytest.mark.parametrize("kind, reason, remedy", [
    ("self_signed", "self-signed certificate", "set ca_cert or the REQUESTS_CA_BUNDLE environment variable"),
    ("other_host", "IP address mismatch, certificate is not valid for '127.0.0.1'",
     "write the endpoint with a host name the certificate is issued for"),
    ("expired", "certificate has expired", "the server's certificate must be renewed"),
])
def test_an_untrusted_certificate_names_host_problem_and_remedy(ansible, tls_servers, pki, kind, reason, remedy):
    server = tls_servers[kind]
    assert server.base_url.startswith("https://127.0.0.1:")
    # Expired and wrong-host certificates are signed by a CA the module is told to trust.
    args = {"name": "tls_app"} if kind == "self_signed" else {"name": "tls_app", "ca_cert": pki["ca"]}
    result = _failure(ansible.playbook([{VOLC: args}], env=_env(server)))
    host = server.base_url[len("https://"):]
    assert "the TLS certificate of %s was rejected (%s" % (host, reason) in result["msg"], result["msg"]
    assert remedy in result["msg"], result["msg"]
    assert "(1 attempt)" in result["msg"], "a certificate problem is not retried: %s" % result["msg"]
    assert result["error"]["category"] == "network"
    assert server.calls() == 0


def test_https_against_a_plain_http_port_says_so(ansible, tls_servers):
    server = tls_servers["plain"]
    url = server.base_url.replace("http://", "https://")
    result = _failure(ansible.playbook([{VOLC: {"name": "tls_app"}}], env=_env(server, url)))
    assert "%s did not answer TLS" % url[len("https://"):] in result["msg"], result["msg"]
    assert "http://" in result["msg"]
    assert server.calls() == 0


def test_a_private_ca_is_trusted_through_ca_cert_or_requests_ca_bundle(ansible, tls_servers, pki):
    server = tls_servers["good"]
    server.reset()
    run = ansible.playbook([{VOLC: {"name": "tls_app", "ca_cert": pki["ca"]}, "register": "r"}], env=_env(server))
    assert run.rc == 0, run
    assert run.results[0]["result"]["changed"] is True
    env = dict(_env(server), REQUESTS_CA_BUNDLE=pki["ca"])
    run = ansible.playbook([{VOLC: {"name": "tls_app"}}], env=env)
    assert run.rc == 0, run
    assert run.results[0]["result"]["changed"] is False
    # Without the CA the same server is refused, so the two runs above trusted it through the CA.
    result = _failure(ansible.playbook([{VOLC: {"name": "tls_app"}}], env=_env(server)))
    assert "unable to get local issuer certificate" in result["msg"], result["msg"]


def test_validate_certs_false_accepts_a_self_signed_certificate(ansible, tls_servers):
    server = tls_servers["self_signed"]
    server.reset()
    run = ansible.playbook([{VOLC: {"name": "tls_app", "validate_certs": False}}], env=_env(server))
    assert run.rc == 0, run
    assert server.mutating_calls() == 1


def test_a_ca_cert_that_is_not_a_file_fails_before_any_call(ansible, tls_servers, tmp_path):
    server = tls_servers["good"]
    server.reset()
    missing = os.path.join(str(tmp_path), "no-such-ca.pem")
    result = _failure(ansible.playbook([{VOLC: {"name": "tls_app", "ca_cert": missing}}], env=_env(server)))
    assert result["msg"].startswith("ca_cert: %s is not a file" % missing), result["msg"]
    assert server.calls() == 0


def test_the_role_passes_cloud_apps_ca_cert(ansible, tls_servers, pki):
    server = tls_servers["good"]
    server.reset()
    play_vars = {"cloud_apps_volcengine_rtc_apps": [{"name": "tls_role_app"}], "cloud_apps_ca_cert": pki["ca"]}
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}}],
                           env=_env(server), play_vars=play_vars)
    assert run.rc == 0, run
    assert server.mutating_calls() == 1
    # The same run without the CA fails on the certificate: the variable is what made it work.
    del play_vars["cloud_apps_ca_cert"]
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}}],
                           env=_env(server), play_vars=play_vars)
    assert run.rc != 0
    assert "unable to get local issuer certificate" in run.stdout
