#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""TLS to STS is always verified: a self-signed endpoint is refused unless its certificate is
given with AWS_CA_BUNDLE or the profile's ca_bundle, and a wrong bundle is refused too.
STS is MiniSts (metadata_servers.py) served over HTTPS with a certificate made for the test."""
import http.server
import pathlib
import ssl
import subprocess
import threading

from metadata_servers import LOOPBACK, FakeCredentials, MiniSts, _Handler
from testlib import RolehelperTestCase, main

ROLE = "arn:aws:iam::123456789012:role/Ghijk"


def make_certificate(folder, name):
    key, cert = folder / f"{name}.key", folder / f"{name}.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return key, cert


class TlsMiniSts(MiniSts):
    """MiniSts behind TLS: the listening socket is wrapped before the server thread starts."""

    def __init__(self, key, cert, **kwargs):
        super().__init__(**kwargs)
        self._key, self._cert = key, cert

    def start(self):
        httpd = http.server.ThreadingHTTPServer((LOOPBACK, 0), _Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self._cert, self._key)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        httpd.daemon_threads = True
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    @property
    def url(self):
        return f"https://{LOOPBACK}:{self.port}"


class TlsVerificationTest(RolehelperTestCase):
    @classmethod
    def setUpClass(cls):
        cls.certs = pathlib.Path(__import__("tempfile").mkdtemp(prefix="rolehelper-tls-"))
        cls.key, cls.cert = make_certificate(cls.certs, "sts")
        _, cls.other_cert = make_certificate(cls.certs, "other")

    def setUp(self):
        super().setUp()
        self.source = FakeCredentials.make(prefix="AKIA", tag="TLS", session=False)
        self.sts = TlsMiniSts(self.key, self.cert, trust=[self.source]).start()
        self.addCleanup(self.sts.stop)
        self.write(self.credentials, f"[default]\naws_access_key_id = {self.source.access_key_id}\n"
                                     f"aws_secret_access_key = {self.source.secret_access_key}\n")
        self.assertSucceeds(self.run_rolehelper("add-profile", "ghijk", "--role-arn", ROLE,
                                                "--source-profile", "default", "--region", "us-east-1"))

    def get(self, **env):
        return self.run_rolehelper("get", "ghijk", env=self.env(AWS_ENDPOINT_URL_STS=self.sts.url, **env))

    def test_a_self_signed_endpoint_is_refused_and_no_request_is_sent(self):
        result = self.assertFailsWith(self.get(), 1, self.sts.url)
        self.assertRegex(result.stderr, "(?i)certificate|SSL|TLS")
        self.assertEqual(self.sts.requests, [])

    def test_aws_ca_bundle_makes_the_endpoint_trusted(self):
        result = self.assertSucceeds(self.get(AWS_CA_BUNDLE=self.cert))
        self.assertIn('"Version":1', result.stdout)
        self.assertEqual(result.stderr, "")
        self.assertEqual(len(self.sts.requests), 1)

    def test_the_profiles_ca_bundle_makes_the_endpoint_trusted(self):
        with open(self.config, "a") as config:
            config.write(f"ca_bundle = {self.cert}\n")
        self.assertSucceeds(self.get())

    def test_a_bundle_of_another_certificate_is_refused(self):
        self.assertFailsWith(self.get(AWS_CA_BUNDLE=self.other_cert), 1, self.sts.url)
        self.assertEqual(self.sts.requests, [])


if __name__ == "__main__":
    main()
