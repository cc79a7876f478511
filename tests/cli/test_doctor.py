#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`rolehelper doctor [NAME]`: a healthy setup against moto passes every check (STS reached,
clock skew read, a cached get timed); each problem it knows is reported on its own line with
the next step, and makes it exit 1: a credentials file others can read, a loop, a missing
source profile, a cache key file others can read, STS unreachable, a clock an hour off (a
loopback server whose Date header lies); role_arn beside credential_process is a warning.
"""
import email.utils
import http.server
import os
import pathlib
import threading
import time
import unittest

import testlib
from moto_fixture import MotoServer, closed_port
from testlib import BIN, RolehelperTestCase


class LateClockHandler(http.server.BaseHTTPRequestHandler):
    """Answers everything with 403, dated one hour ago."""

    def date_time_string(self, timestamp=None):
        return email.utils.formatdate(time.time() - 3600, usegmt=True)

    def do_GET(self):
        self.send_response(403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class DoctorTest(RolehelperTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.moto = MotoServer().start()
        cls.addClassCleanup(cls.moto.stop)

    def env(self, **extra):
        settings = {"AWS_ENDPOINT_URL_STS": self.moto.endpoint_url,
                    "PATH": f"{pathlib.Path(BIN).resolve().parent}:/usr/bin:/bin"}
        settings.update(extra)
        return super().env(**settings)

    def setUp(self):
        super().setUp()
        self.assertSucceeds(self.run_rolehelper(
            "set-credentials", "default",
            stdin=f"{self.moto.access_key_id}\n{self.moto.secret_access_key}\n"))
        self.assertSucceeds(self.run_rolehelper(
            "add-profile", "ghijk", "--role-arn", self.moto.ghijk_arn, "--source-profile", "default",
            "--region", "us-east-1"))

    def doctor(self, *args, env=None):
        return self.run_rolehelper("doctor", *args, env=env)

    def assertProblem(self, result, fragment):
        self.assertEqual(result.status, 1, result)
        self.assertEqual(result.stdout, "")
        lines = [line for line in result.stderr.splitlines() if line.startswith("rolehelper: problem: ")]
        self.assertTrue(any(fragment in line for line in lines), result.stderr)
        self.assertIn("checks found a problem", result.stderr.splitlines()[-1])

    def test_a_healthy_profile_passes_every_check(self):
        result = self.doctor("ghijk")
        self.assertEqual(result.status, 0, result)
        self.assertRegex(result.stdout, r"^rolehelper doctor: \d+ checks, no problem\n$")
        log = result.stderr
        self.assertNotIn("problem:", log)
        self.assertIn("PATH finds this rolehelper", log)
        self.assertIn("role arn:aws:iam::123456789012:role/Ghijk assumed with the keys of profile 'default'", log)
        self.assertRegex(log, r"STS at http://127\.0\.0\.1:\d+ reachable; this clock is -?\d+ s off")
        self.assertRegex(log, r"a second get of 'ghijk' \(a cache hit for a role\) takes \d+\.\d ms")
        self.assertNotIn(self.moto.secret_access_key, log + result.stdout)
        # Without a name: every profile that runs rolehelper, no network.
        everything = self.doctor()
        self.assertEqual(everything.status, 0, everything)
        self.assertIn("profile 'ghijk'", everything.stderr)
        self.assertNotIn("STS at", everything.stderr)

    def test_a_credentials_file_others_can_read(self):
        self.credentials.chmod(0o644)
        self.assertProblem(self.doctor(), "chmod 600")

    def test_a_loop_and_a_missing_source_profile(self):
        with open(self.config, "a") as config:
            config.write("\n[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n"
                         "[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n")
        self.assertProblem(self.doctor("a"), "profiles form a loop: a -> b -> a")
        self.assertSucceeds(self.run_rolehelper(
            "add-profile", "orphan", "--role-arn", self.moto.ghijk_arn, "--source-profile", "nobody"))
        self.assertProblem(self.doctor(), "'nobody', which does not exist")

    def test_a_credential_process_line_whose_rolehelper_is_not_found(self):
        with open(self.config, "a") as config:
            config.write("\n[profile moved]\ncredential_process = /opt/gone/rolehelper get ghijk\n")
        self.assertProblem(self.doctor(), "runs '/opt/gone/rolehelper', which is not found")

    def test_role_arn_beside_credential_process_is_a_warning(self):
        with open(self.config, "a") as config:
            config.write("\n[profile both]\nrole_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                         "source_profile = default\ncredential_process = rolehelper get both\n")
        result = self.doctor()
        self.assertEqual(result.status, 0, result)
        self.assertIn("warning: profile 'both' has both role_arn and credential_process", result.stderr)
        self.assertIn("1 warnings", result.stdout)

    def test_a_cache_key_file_others_can_read(self):
        self.assertSucceeds(self.run_rolehelper("get", "ghijk"))
        (self.home / ".config" / "rolehelper" / "cache.key").chmod(0o640)
        self.assertProblem(self.doctor(), "chmod 600")

    def test_sts_unreachable(self):
        down = self.env(AWS_ENDPOINT_URL_STS=f"http://127.0.0.1:{closed_port()}")
        self.assertProblem(self.doctor("ghijk", env=down), "cannot reach")

    def test_a_clock_an_hour_off(self):
        server = http.server.HTTPServer(("127.0.0.1", 0), LateClockHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        late = self.env(AWS_ENDPOINT_URL_STS=f"http://127.0.0.1:{server.server_address[1]}")
        result = self.doctor("ghijk", env=late)
        self.assertProblem(result, "AWS refuses signatures beyond 5 minutes")
        self.assertRegex(result.stderr, r"this clock is 3[56]\d\d s off")


if __name__ == "__main__":
    testlib.main()
