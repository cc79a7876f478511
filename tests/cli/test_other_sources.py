#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`rolehelper get` for profiles whose credentials come from somewhere other than stored keys:
web identity (against moto), another program's credential_process, a credential_process line
that calls rolehelper itself (resolved in-process), and the config errors of chains (loops,
both source_profile and credential_source, a missing source profile).

- WebIdentityTest starts one moto server without authentication (moto 5.x answers the unsigned
  AssumeRoleWithWebIdentity with HTTP 500 when authentication is on) and reads moto's request
  recorder (/moto-api/recorder/...) to see which token each request carried. Skipped when moto
  or boto3 is not installed, or when this moto does not answer web identity calls.
- The other classes use small Python scripts written into the test's HOME as credential
  processes, and metadata_servers.MiniSts as STS, which checks each request's SigV4 signature
  against the secret of the credentials it trusts.

Every failure test asserts exit 1, empty stdout, exactly one stderr line starting
"rolehelper: ", and no fixture secret (secret keys, session tokens, web identity tokens)
anywhere in stdout or stderr.
"""
import datetime
import importlib.util
import json
import os
import pathlib
import re
import sys
import textwrap
import unittest

from metadata_servers import FakeCredentials, MiniSts, parse_timestamp
from testlib import BIN, RolehelperTestCase, main

ACCOUNT = "123456789012"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/demo"
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
HAVE_MOTO = all(importlib.util.find_spec(name) is not None for name in ("moto", "boto3"))


def future(seconds):
    return (datetime.datetime.now(datetime.timezone.utc)
            + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


class SourcesTestCase(RolehelperTestCase):
    """Helpers shared by the classes below."""

    def setUp(self):
        super().setUp()
        self.secrets = []  # every value that must never show up in rolehelper's output

    def keep_secret(self, *values):
        self.secrets.extend(v for v in values if v)

    def keep_credentials(self, creds):
        self.keep_secret(creds.secret_access_key, creds.session_token)
        return creds

    def assertNoSecrets(self, result):
        for secret in self.secrets:
            self.assertNotIn(secret, result.stdout, f"a secret appears on stdout: {result!r}")
            self.assertNotIn(secret, result.stderr, f"a secret appears on stderr: {result!r}")

    def assertFails(self, result, *fragments):
        """Exit 1, empty stdout, one 'rolehelper: ' line holding every fragment, no secrets."""
        self.assertFailsWith(result, 1)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr, result)
        self.assertNoSecrets(result)
        return result.stderr.splitlines()[0]

    def assertProcessJson(self, result):
        """Exit 0, nothing on stderr, exactly one line of Version 1 JSON on stdout; the object."""
        self.assertSucceeds(result)
        self.assertEqual(result.stderr, "", result)
        self.assertTrue(result.stdout.endswith("\n"), result)
        self.assertEqual(len(result.stdout.splitlines()), 1, result)
        document = json.loads(result.stdout)
        self.assertIsInstance(document, dict)
        self.assertIs(type(document.get("Version")), int, result)
        self.assertEqual(document["Version"], 1)
        return document

    def assertSessionJson(self, result, min_seconds_left=900):
        document = self.assertProcessJson(result)
        self.assertTrue(document.get("AccessKeyId"), document.keys())
        self.assertTrue(document.get("SecretAccessKey"), document.keys())
        self.assertTrue(document.get("SessionToken"), document.keys())
        self.assertRegex(document.get("Expiration", ""), RFC3339_UTC)
        left = (parse_timestamp(document["Expiration"])
                - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.assertGreater(left, min_seconds_left, document["Expiration"])
        return document

    def write_config(self, text):
        return self.write(self.config, textwrap.dedent(text).lstrip("\n"))

    def write_credentials(self, text):
        return self.write(self.credentials, textwrap.dedent(text).lstrip("\n"))

    def script(self, name, body, folder="bin"):
        """An executable Python script HOME/folder/name running `body` (dedented)."""
        path = self.home / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body).lstrip("\n"))
        path.chmod(0o755)
        return path

    def process_script(self, document=None, name="creds", folder="bin", stdout=None, stderr="", status=0):
        """A credential process that records its argv and parent executable in
        HOME/<name>.argv.json, then prints `document` as JSON (or the text `stdout`), writes
        `stderr` and exits with `status`."""
        record = self.home / f"{name}.argv.json"
        text = stdout if stdout is not None else json.dumps(document)
        path = self.script(name, f"""
            import json, os, sys
            try:
                parent = os.readlink(f"/proc/{{os.getppid()}}/exe")
            except OSError:
                parent = None
            with open({str(record)!r}, "w") as f:
                json.dump({{"argv": sys.argv[1:], "parent": parent}}, f)
            sys.stdout.write({text!r})
            sys.stdout.flush()
            sys.stderr.write({stderr!r})
            sys.exit({status})
            """, folder=folder)
        return path, record


# ------------------------------------------------------------------------------------ web identity


@unittest.skipUnless(HAVE_MOTO, "moto and boto3 are not installed")
class WebIdentityTest(SourcesTestCase):
    moto = None

    @classmethod
    def setUpClass(cls):
        from moto_fixture import MotoRecorder, MotoServer
        cls.moto = MotoServer(auth=False).start()
        if not cls.moto.behaviour.get("web_identity"):
            cls.moto.stop()
            raise unittest.SkipTest("this moto does not answer AssumeRoleWithWebIdentity")
        cls.recorder = MotoRecorder(cls.moto.endpoint_url)

    @classmethod
    def tearDownClass(cls):
        if cls.moto is not None:
            cls.moto.stop()

    def setUp(self):
        super().setUp()
        self.token_file = self.home / "tokens" / "web-identity-token"
        self.token = self.moto.web_identity_token
        self.keep_secret(self.token, self.moto.secret_access_key)
        self.write(self.token_file, self.token)
        self.write_config(f"""
            [profile web]
            role_arn = {self.moto.web_role_arn}
            web_identity_token_file = {self.token_file}
            role_session_name = web-session
            region = us-east-1
            """)

    def run_moto(self, *args):
        return self.run_rolehelper(*args, env=self.env(**self.moto.endpoint_env()))

    def record(self):
        """Start moto's recorder for this test; False when moto has none."""
        recording = self.recorder.start()
        if recording:
            self.addCleanup(self.recorder.stop)
        return recording

    def test_get_prints_session_and_whoami_names_web_role(self):
        document = self.assertSessionJson(self.run_moto("get", "web"))
        self.assertTrue(document["AccessKeyId"].startswith("ASIA"), document["AccessKeyId"])
        result = self.assertSucceeds(self.run_moto("whoami", "web"))
        self.assertEqual(result.stdout, self.moto.assumed_role_arn("WebRole", "web-session") + "\n", result)
        self.assertEqual(result.stderr, "", result)

    def test_token_file_is_read_again_on_each_call(self):
        recording = self.record()
        first = self.assertSessionJson(self.run_moto("get", "web", "--no-cache"))
        new_token = self.moto.web_identity_token[:-4] + "NEW0"
        self.keep_secret(new_token)
        self.write(self.token_file, new_token)
        second = self.assertSessionJson(self.run_moto("get", "web", "--no-cache"))
        self.assertNotEqual(first["AccessKeyId"], second["AccessKeyId"], "the second call was not a new session")
        if not recording:
            self.skipTest("moto has no request recorder: which token each call sent is not checked")
        calls = [form for form, _ in self.recorder.sts_requests()
                 if form.get("Action") == "AssumeRoleWithWebIdentity"]
        self.assertEqual([c.get("WebIdentityToken") for c in calls], [self.token, new_token])
        for call in calls:
            self.assertEqual(call.get("RoleArn"), self.moto.web_role_arn)
            self.assertEqual(call.get("RoleSessionName"), "web-session")

    def test_web_identity_call_is_unsigned_and_has_no_duration(self):
        # aws-facts §6.3: the call is unsigned and duration_seconds is not passed.
        if not self.record():
            self.skipTest("moto has no request recorder")
        with open(self.config, "a") as config:
            config.write("duration_seconds = 7200\n")
        self.assertSessionJson(self.run_moto("get", "web"))
        ((form, headers),) = self.recorder.sts_requests()
        self.assertEqual(form.get("Action"), "AssumeRoleWithWebIdentity")
        self.assertEqual(form.get("WebIdentityToken"), self.token)
        self.assertNotIn("DurationSeconds", form)
        self.assertNotIn("authorization", headers)
        self.assertNotIn("x-amz-security-token", headers)

    def test_missing_token_file_fails_naming_it(self):
        self.token_file.unlink()
        self.assertFails(self.run_moto("get", "web"), str(self.token_file))
        self.assertFails(self.run_moto("whoami", "web"), str(self.token_file))

    def test_empty_token_file_fails_naming_it(self):
        for content in ("", "\n", "  \n\t"):
            with self.subTest(content=content):
                self.write(self.token_file, content)
                self.assertFails(self.run_moto("get", "web"), str(self.token_file))

    def test_role_with_web_identity_source_profile(self):
        recording = self.record()
        with open(self.config, "a") as config:
            config.write(textwrap.dedent(f"""
                [profile chain]
                role_arn = {self.moto.ghijk_arn}
                source_profile = web
                role_session_name = chain-standard

                [profile chain-rh]
                credential_process = rolehelper get chain-rh
                rolehelper_role_arn = {self.moto.ghijk_arn}
                rolehelper_source_profile = web
                rolehelper_role_session_name = chain-rolehelper
                region = us-east-1
                """))
        for profile, session in (("chain", "chain-standard"), ("chain-rh", "chain-rolehelper")):
            with self.subTest(profile=profile):
                self.clear_cache()  # both share the web identity session otherwise
                if recording:
                    self.recorder.start()
                result = self.run_moto("get", profile)
                if result.status != 0 and "AccessDenied" in result.stderr:
                    self.skipTest(f"moto's trust policy for Ghijk refuses the web identity session: {result.stderr}")
                self.assertSessionJson(result)
                whoami = self.assertSucceeds(self.run_moto("whoami", profile))
                self.assertEqual(whoami.stdout.strip(), self.moto.assumed_role_arn("Ghijk", session))
                if not recording:
                    continue
                requests = self.recorder.sts_requests()
                actions = [form.get("Action") for form, _ in requests]
                self.assertEqual(actions[:2], ["AssumeRoleWithWebIdentity", "AssumeRole"], actions)
                form, headers = requests[1]
                self.assertEqual(form.get("RoleArn"), self.moto.ghijk_arn)
                # Signed with the web identity session: a temporary key and its token.
                self.assertRegex(headers.get("authorization", ""), r"Credential=ASIA[A-Z0-9]+/")
                self.assertTrue(headers.get("x-amz-security-token"))


# ------------------------------------------------------------------------- another program's process


class CredentialProcessTest(SourcesTestCase):
    def setUp(self):
        super().setUp()
        self.long_term = self.keep_credentials(FakeCredentials.make(prefix="AKIA", tag="PROC", session=False))
        self.session = self.keep_credentials(FakeCredentials.make(tag="PROCSESS"))

    def long_term_document(self):
        return {"Version": 1, "AccessKeyId": self.long_term.access_key_id,
                "SecretAccessKey": self.long_term.secret_access_key}

    def session_document(self):
        return {"Version": 1, "AccessKeyId": self.session.access_key_id,
                "SecretAccessKey": self.session.secret_access_key,
                "SessionToken": self.session.session_token, "Expiration": future(4 * 3600)}

    def process_profile(self, command, name="p"):
        self.write_config(f"""
            [profile {name}]
            credential_process = {command}
            region = us-east-1
            """)

    def recorded(self, record):
        self.assertTrue(record.exists(), "the credential process was not run")
        return json.loads(record.read_text())

    def test_long_term_keys_are_printed_back(self):
        document = self.long_term_document()
        script, record = self.process_script(document)
        self.process_profile(f'{script} arg1 "arg two"')
        printed = self.assertProcessJson(self.run_rolehelper("get", "p"))
        self.assertEqual(printed, document)
        self.assertEqual(self.recorded(record)["argv"], ["arg1", "arg two"])

    def test_session_is_printed_back(self):
        document = self.session_document()
        script, record = self.process_script(document)
        self.process_profile(f'{script} arg1 "arg two"')
        printed = self.assertProcessJson(self.run_rolehelper("get", "p"))
        self.assertEqual(printed, document)
        self.assertEqual(self.recorded(record)["argv"], ["arg1", "arg two"])

    def test_account_id_is_passed_through(self):
        document = dict(self.session_document(), AccountId="111122223333")
        script, _ = self.process_script(document)
        self.process_profile(str(script))
        self.assertEqual(self.assertProcessJson(self.run_rolehelper("get", "p")), document)

    def test_program_in_a_folder_with_a_space(self):
        document = self.long_term_document()
        script, record = self.process_script(document, folder="my tools")
        self.process_profile(f'"{script}" --flag')
        self.assertEqual(self.assertProcessJson(self.run_rolehelper("get", "p")), document)
        self.assertEqual(self.recorded(record)["argv"], ["--flag"])

    def test_run_without_a_shell(self):
        script, record = self.process_script(self.long_term_document())
        self.process_profile(f"{script} $HOME 'a;b' \"$(id)\" ~ *")
        self.assertProcessJson(self.run_rolehelper("get", "p"))
        seen = self.recorded(record)
        self.assertEqual(seen["argv"], ["$HOME", "a;b", "$(id)", "~", "*"])
        if seen["parent"] is not None:
            self.assertEqual(os.path.realpath(seen["parent"]), os.path.realpath(BIN),
                             "the credential process's parent is not rolehelper (a shell in between?)")

    def test_failing_process_reports_its_stderr_and_status(self):
        script, _ = self.process_script(stdout=json.dumps(self.long_term_document()),
                                        stderr="bad thing\nsecond line of detail\n", status=3)
        self.process_profile(f"{script} x")
        line = self.assertFails(self.run_rolehelper("get", "p"), "bad thing", "3")
        self.assertRegex(line, r"\b3\b")
        self.assertIn("'p'", line)
        self.assertNotIn("second line of detail", line)

    def test_garbage_output_fails_without_echoing_it(self):
        garbage = "Garbage0utputMarker{not json at all"
        script, _ = self.process_script(stdout=garbage + "\n")
        self.process_profile(str(script))
        line = self.assertFails(self.run_rolehelper("get", "p"), str(script))
        self.assertNotIn("Garbage0utputMarker", line)
        self.assertNotIn("not json", line)

    def test_json_with_a_secret_then_garbage_is_not_echoed(self):
        text = json.dumps(self.long_term_document())[:-1] + ', "Extra": '
        script, _ = self.process_script(stdout=text)
        self.process_profile(str(script))
        self.assertFails(self.run_rolehelper("get", "p"))

    def test_version_as_a_string_fails(self):
        script, _ = self.process_script(dict(self.long_term_document(), Version="1"))
        self.process_profile(str(script))
        self.assertFails(self.run_rolehelper("get", "p"), "Version")

    def test_missing_version_or_secret_fails(self):
        documents = {
            "no Version": {k: v for k, v in self.long_term_document().items() if k != "Version"},
            "Version 2": dict(self.long_term_document(), Version=2),
            "no SecretAccessKey": {k: v for k, v in self.long_term_document().items() if k != "SecretAccessKey"},
            "zone-less Expiration": dict(self.session_document(), Expiration=future(3600)[:-1]),
            "a JSON array": [self.long_term_document()],
        }
        for what, document in documents.items():
            with self.subTest(what):
                script, _ = self.process_script(document)
                self.process_profile(str(script))
                self.assertFails(self.run_rolehelper("get", "p"))

    def test_program_that_does_not_exist(self):
        missing = self.home / "bin" / "no-such-program"
        self.process_profile(f"{missing} arg")
        self.assertFails(self.run_rolehelper("get", "p"), "no-such-program")

    def test_role_assumed_with_the_process_credentials(self):
        for kind, creds in (("long-term", self.long_term), ("session", self.session)):
            for style in ("rolehelper", "standard"):
                with self.subTest(kind=kind, style=style), MiniSts(trust=[creds]) as sts:
                    self.keep_credentials(sts.issued)
                    document = {"Version": 1, "AccessKeyId": creds.access_key_id,
                                "SecretAccessKey": creds.secret_access_key}
                    if creds.session_token:
                        document.update(SessionToken=creds.session_token, Expiration=future(4 * 3600))
                    script, record = self.process_script(document)
                    if style == "rolehelper":
                        role = (f"credential_process = rolehelper get r\nrolehelper_role_arn = {ROLE_ARN}\n"
                                "rolehelper_source_profile = p\nrolehelper_role_session_name = over-process\n")
                    else:
                        role = f"role_arn = {ROLE_ARN}\nsource_profile = p\nrole_session_name = over-process\n"
                    self.write(self.config, f"[profile p]\ncredential_process = {script} one 'two three'\n\n"
                                            f"[profile r]\n{role}region = us-east-1\n")
                    result = self.run_rolehelper("get", "r", env=self.env(AWS_ENDPOINT_URL_STS=sts.url))
                    printed = self.assertSessionJson(result)
                    self.assertEqual((printed["AccessKeyId"], printed["SecretAccessKey"], printed["SessionToken"]),
                                     (sts.issued.access_key_id, sts.issued.secret_access_key,
                                      sts.issued.session_token))
                    self.assertEqual(self.recorded(record)["argv"], ["one", "two three"])
                    (request,) = sts.assume_role_requests
                    self.assertEqual(request.problems, [])
                    self.assertEqual(request.status, 200)
                    self.assertEqual(request.access_key_id, creds.access_key_id)
                    self.assertEqual(request.form["RoleArn"], ROLE_ARN)
                    self.assertEqual(request.form["RoleSessionName"], "over-process")
                    if creds.session_token is None:
                        self.assertIsNone(request.header("X-Amz-Security-Token"))
                    else:
                        self.assertEqual(request.header("X-Amz-Security-Token"), creds.session_token)

    def test_failing_source_process_fails_the_role(self):
        source = self.keep_credentials(FakeCredentials.make(prefix="AKIA", tag="SRC", session=False))
        script, _ = self.process_script(stderr="token expired, log in again\n", status=2)
        with MiniSts(trust=[source]) as sts:
            self.write(self.config, f"[profile p]\ncredential_process = {script}\n\n"
                                    f"[profile r]\nrolehelper_role_arn = {ROLE_ARN}\nrolehelper_source_profile = p\n")
            result = self.run_rolehelper("get", "r", env=self.env(AWS_ENDPOINT_URL_STS=sts.url))
            self.assertFails(result, "token expired, log in again", "2")
            self.assertEqual(sts.requests, [])


# ------------------------------------------------------------------------ rolehelper get, in-process


class InProcessTest(SourcesTestCase):
    def setUp(self):
        super().setUp()
        self.source = self.keep_credentials(FakeCredentials.make(prefix="AKIA", tag="INPROC", session=False))
        self.sts = MiniSts(trust=[self.source]).start()
        self.addCleanup(self.sts.stop)
        self.keep_credentials(self.sts.issued)
        self.write_credentials(f"""
            [src]
            aws_access_key_id = {self.source.access_key_id}
            aws_secret_access_key = {self.source.secret_access_key}
            """)
        # A `rolehelper` first on PATH that must never run: it records the call and fails.
        self.fake_bin = self.home / "fake-bin"
        self.fake_called = self.home / "fake-rolehelper-was-called"
        self.script("rolehelper", f"""
            import sys
            with open({str(self.fake_called)!r}, "a") as f:
                f.write(" ".join(sys.argv) + "\\n")
            sys.stderr.write("fake rolehelper was run\\n")
            sys.exit(1)
            """, folder="fake-bin")

    def run_path(self, *args):
        env = self.env(AWS_ENDPOINT_URL_STS=self.sts.url,
                       PATH=f"{self.fake_bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}")
        return self.run_rolehelper(*args, env=env)

    def assertFakeNotCalled(self):
        self.assertFalse(self.fake_called.exists(),
                         "the rolehelper on PATH was run: " + (self.fake_called.read_text()
                                                             if self.fake_called.exists() else ""))

    def test_credential_process_calling_rolehelper_is_resolved_in_process(self):
        for command in ("rolehelper get a", f"{self.fake_bin}/rolehelper get a",
                        f"{self.fake_bin}/rolehelper get a --format process"):
            with self.subTest(command=command):
                self.sts.clear()
                self.clear_cache()
                self.write_config(f"""
                    [profile a]
                    credential_process = rolehelper get a
                    rolehelper_role_arn = {ROLE_ARN}
                    rolehelper_source_profile = src
                    rolehelper_role_session_name = in-process
                    region = us-east-1

                    [profile b]
                    credential_process = {command}
                    region = us-east-1
                    """)
                printed = self.assertSessionJson(self.run_path("get", "b"))
                self.assertEqual(printed["AccessKeyId"], self.sts.issued.access_key_id)
                self.assertFakeNotCalled()
                (request,) = self.sts.assume_role_requests
                self.assertEqual(request.problems, [])
                self.assertEqual(request.access_key_id, self.source.access_key_id)
                self.assertEqual(request.form["RoleSessionName"], "in-process")

    def write_a_and_b(self, command):
        self.write_config(f"""
            [profile a]
            rolehelper_role_arn = {ROLE_ARN}
            rolehelper_source_profile = src
            region = us-east-1

            [profile b]
            credential_process = {command}
            """)

    def test_get_with_an_option_before_the_name_is_resolved_in_process(self):
        self.write_a_and_b("rolehelper get --no-cache a")
        self.assertSessionJson(self.run_path("get", "b"))
        self.assertFakeNotCalled()

    def test_global_option_before_get_is_resolved_in_process(self):
        self.write_a_and_b("rolehelper -v get a")
        self.assertSessionJson(self.run_path("get", "b"))
        self.assertFakeNotCalled()

    def test_loop_through_another_program_is_stopped(self):
        max_depth = 12
        log = self.home / "real-rolehelper-runs"
        wrapper_bin = self.home / "wrapper-bin"
        wrapper_bin.mkdir()
        wrapper = wrapper_bin / "rolehelper"
        wrapper.write_text(f"""#!/bin/sh
echo "$*" >> '{log}'
if [ "$(wc -l < '{log}')" -gt {max_depth} ]; then echo "test wrapper: depth cap reached" >&2; exit 9; fi
exec '{os.path.realpath(BIN)}' "$@"
""")
        wrapper.chmod(0o755)
        self.write_config("""
            [profile a]
            credential_process = env rolehelper get b

            [profile b]
            credential_process = env rolehelper get a
            """)
        env = self.env(PATH=f"{wrapper_bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}")
        result = self.run_rolehelper("get", "a", env=env)
        runs = len(log.read_text().splitlines()) if log.exists() else 0
        self.assertLessEqual(runs, 3, f"rolehelper was run {runs} times for one loop: {result!r}")
        self.assertFails(result, "loop")

    def test_role_over_a_profile_that_runs_rolehelper(self):
        # c assumes a role with b's credentials; b is `rolehelper get src` (static keys).
        self.write_config(f"""
            [profile b]
            credential_process = rolehelper get src

            [profile c]
            rolehelper_role_arn = {ROLE_ARN}
            rolehelper_source_profile = b
            region = us-east-1
            """)
        printed = self.assertSessionJson(self.run_path("get", "c"))
        self.assertEqual(printed["AccessKeyId"], self.sts.issued.access_key_id)
        self.assertFakeNotCalled()
        (request,) = self.sts.assume_role_requests
        self.assertEqual(request.access_key_id, self.source.access_key_id)
        self.assertEqual(request.problems, [])

    def test_credential_process_loop_names_the_loop(self):
        self.write_config("""
            [profile a]
            credential_process = rolehelper get b

            [profile b]
            credential_process = rolehelper get a
            """)
        self.assertFails(self.run_path("get", "a"), "a -> b -> a")
        self.assertFails(self.run_path("get", "b"), "b -> a -> b")
        self.assertFakeNotCalled()
        self.assertEqual(self.sts.requests, [])

    def test_credential_process_calling_itself(self):
        self.write_config("""
            [profile a]
            credential_process = rolehelper get a
            """)
        self.assertFails(self.run_path("get", "a"), "a -> a")
        self.assertFakeNotCalled()

    def test_loop_through_a_role_and_a_process(self):
        self.write_config(f"""
            [profile a]
            rolehelper_role_arn = {ROLE_ARN}
            rolehelper_source_profile = b

            [profile b]
            credential_process = rolehelper get a
            """)
        self.assertFails(self.run_path("get", "a"), "a -> b -> a")
        self.assertFakeNotCalled()
        self.assertEqual(self.sts.requests, [])


# ------------------------------------------------------------------------- chain and config errors


class ConfigErrorsTest(SourcesTestCase):
    def setUp(self):
        super().setUp()
        self.keys = self.keep_credentials(FakeCredentials.make(prefix="AKIA", tag="CFG", session=False))
        self.write_credentials(f"""
            [default]
            aws_access_key_id = {self.keys.access_key_id}
            aws_secret_access_key = {self.keys.secret_access_key}
            """)

    def test_role_whose_source_is_itself_without_keys(self):
        for style in ("rolehelper", "standard"):
            with self.subTest(style=style):
                prefix = "rolehelper_" if style == "rolehelper" else ""
                self.write_config(f"""
                    [profile selfish]
                    {prefix}role_arn = {ROLE_ARN}
                    {prefix}source_profile = selfish
                    """)
                line = self.assertFails(self.run_rolehelper("get", "selfish"), "selfish -> selfish")
                self.assertIn("loop", line)

    def test_role_whose_source_is_itself_with_keys_works(self):
        with MiniSts(trust=[self.keys]) as sts:
            self.keep_credentials(sts.issued)
            self.write_config(f"""
                [profile selfish]
                role_arn = {ROLE_ARN}
                source_profile = selfish
                aws_access_key_id = {self.keys.access_key_id}
                aws_secret_access_key = {self.keys.secret_access_key}
                """)
            printed = self.assertSessionJson(self.run_rolehelper("get", "selfish",
                                                                 env=self.env(AWS_ENDPOINT_URL_STS=sts.url)))
            self.assertEqual(printed["AccessKeyId"], sts.issued.access_key_id)
            (request,) = sts.assume_role_requests
            self.assertEqual(request.access_key_id, self.keys.access_key_id)
            self.assertEqual(request.problems, [])

    def test_longer_loop_of_roles_names_it(self):
        self.write_config(f"""
            [profile a]
            role_arn = {ROLE_ARN}
            source_profile = b

            [profile b]
            rolehelper_role_arn = {ROLE_ARN}
            rolehelper_source_profile = c

            [profile c]
            role_arn = {ROLE_ARN}
            source_profile = a
            """)
        self.assertFails(self.run_rolehelper("get", "a"), "a -> b -> c -> a")
        self.assertFails(self.run_rolehelper("get", "c"), "c -> a -> b -> c")

    def test_both_source_profile_and_credential_source(self):
        for style in ("standard", "rolehelper"):
            with self.subTest(style=style):
                prefix = "rolehelper_" if style == "rolehelper" else ""
                self.write_config(f"""
                    [profile two-sources]
                    {prefix}role_arn = {ROLE_ARN}
                    {prefix}source_profile = default
                    {prefix}credential_source = Environment
                    """)
                line = self.assertFails(self.run_rolehelper("get", "two-sources"), "two-sources")
                self.assertIn("source_profile", line)
                self.assertIn("credential_source", line)

    def test_source_profile_that_does_not_exist(self):
        for style in ("standard", "rolehelper"):
            with self.subTest(style=style):
                prefix = "rolehelper_" if style == "rolehelper" else ""
                self.write_config(f"""
                    [profile orphan]
                    {prefix}role_arn = {ROLE_ARN}
                    {prefix}source_profile = no-such-source
                    """)
                line = self.assertFails(self.run_rolehelper("get", "orphan"), "no-such-source")
                self.assertIn("orphan", line)

    def test_source_profile_missing_deeper_in_the_chain(self):
        self.write_config(f"""
            [profile top]
            role_arn = {ROLE_ARN}
            source_profile = middle

            [profile middle]
            role_arn = {ROLE_ARN}
            source_profile = gone-away
            """)
        line = self.assertFails(self.run_rolehelper("get", "top"), "gone-away")
        self.assertIn("middle", line)

    def test_credential_process_to_a_missing_profile(self):
        self.write_config("""
            [profile b]
            credential_process = rolehelper get nowhere
            """)
        self.assertFails(self.run_rolehelper("get", "b"), "nowhere")


if __name__ == "__main__":
    main()
