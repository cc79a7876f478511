#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The real AWS CLIs read what rolehelper writes.

Two CLIs, each tested when present: the pip-installed v1 (`aws` first on PATH, `aws --version`
says aws-cli/1.) and Debian's v2 (/usr/bin/aws, aws-cli/2.). Each runs in the test's temporary
HOME with AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE pointing at files there, no other
AWS_* variable but AWS_EC2_METADATA_DISABLED=true, and only `aws configure get` and
`aws configure list-profiles`, which never call AWS.

AWS CLI v1 has no `configure list-profiles` (its `configure` knows list, get, set, add-model);
for v1 the profile list is botocore.session.Session().available_profiles, computed by the
CLI's own Python interpreter and botocore, which is the list the CLI itself resolves
`--profile` against. Exit status 77 (skipped) only when neither CLI is installed.
"""
import concurrent.futures
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import testlib
from testlib import RolehelperTestCase

CLI_TIMEOUT = 120
ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

ORIGINAL_CONFIG = """\
# Company AWS config, maintained by hand.
# Keep these comments.

[default]
region = us-east-1
output = json
s3 =
  max_concurrent_requests = 20
  multipart_threshold = 64MB
; a semicolon comment between sections

[profile dev]
region = eu-west-2
output = text

[profile legacy]
role_arn = arn:aws:iam::111122223333:role/Legacy
source_profile = default
"""

ORIGINAL_CREDENTIALS = """\
# long-term keys
[default]
aws_access_key_id = AKIADEFAULT000000000
aws_secret_access_key = defaultSecretKeyDefaultSecretKey00000000
"""

VERSION_PREFIX = {"v1": "aws-cli/1.", "v2": "aws-cli/2."}


def clean_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ROLEHELPER_"))}
    env["HOME"] = str(home)
    return env


def find_cli(version):
    """(path, None) of the CLI under test, or (None, why it is not there)."""
    path = shutil.which("aws") if version == "v1" else "/usr/bin/aws"
    if not path or not os.access(path, os.X_OK):
        return None, "not installed"
    home = tempfile.mkdtemp(prefix="rolehelper-awsver-")
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=CLI_TIMEOUT,
                              env=clean_env(home), stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"{path} --version: {error}"
    finally:
        shutil.rmtree(home, ignore_errors=True)
    said = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or not said.startswith(VERSION_PREFIX[version]):
        return None, f"{path} --version says {said!r}, not {VERSION_PREFIX[version]}"
    return path, None


def python_of(cli):
    """The Python interpreter that runs the `aws` script at `cli` (resolving a pyenv shim)."""
    script = pathlib.Path(cli)
    if "pyenv" in script.read_text(errors="replace")[:2000] and shutil.which("pyenv"):
        found = subprocess.run(["pyenv", "which", script.name], capture_output=True, text=True, timeout=60)
        if found.returncode == 0 and found.stdout.strip():
            script = pathlib.Path(found.stdout.strip())
    first = script.read_bytes()[:400].split(b"\n", 1)[0].decode(errors="replace")
    if not first.startswith("#!"):
        return None
    words = first[2:].split()
    if not words:
        return None
    if os.path.basename(words[0]) == "env" and len(words) > 1:
        return shutil.which(words[1])
    return words[0] if "python" in os.path.basename(words[0]) else None


CLIS = {version: find_cli(version) for version in ("v1", "v2")}


class AwsCliReads:
    """Mixin: the checks, run against self.cli (set by the concrete classes below)."""

    version = None

    def setUp(self):
        super().setUp()
        self.cli, why = CLIS[self.version]
        if self.cli is None:
            self.skipTest(f"AWS CLI {self.version}: {why}")
        self.files = self.home / "aws-files"
        self.conf = self.files / "config"
        self.creds = self.files / "credentials"

    def aws_env(self):
        return self.env(AWS_CONFIG_FILE=self.conf, AWS_SHARED_CREDENTIALS_FILE=self.creds,
                        AWS_EC2_METADATA_DISABLED="true")

    def rolehelper(self, *args, stdin=None):
        return self.assertSucceeds(self.run_rolehelper(*args, stdin=stdin, env=self.aws_env()))

    def run_aws(self, *args):
        return subprocess.run([self.cli, *args], capture_output=True, text=True, timeout=CLI_TIMEOUT,
                              env=self.aws_env(), stdin=subprocess.DEVNULL)

    def aws_many(self, commands):
        """Run independent read-only CLI commands in parallel (each CLI start costs ~0.7 s)."""
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(lambda args: self.run_aws(*args), commands))

    def assertGets(self, expected):
        """expected: {(key, profile): value}; `aws configure get KEY --profile P` prints each value."""
        items = list(expected.items())
        results = self.aws_many([("configure", "get", key, "--profile", profile) for (key, profile), _ in items])
        for ((key, profile), value), done in zip(items, results):
            self.assertEqual(done.returncode, 0, f"aws configure get {key} --profile {profile}: {done.stderr}")
            self.assertEqual(done.stdout, value + "\n", f"aws configure get {key} --profile {profile}")

    def assertProfileUnknown(self, profile):
        done = self.run_aws("configure", "get", "region", "--profile", profile)
        self.assertNotEqual(done.returncode, 0, done)
        self.assertIn(f"profile ({profile}) could not be found", done.stderr)

    def list_profiles(self):
        done = self.run_aws("configure", "list-profiles")
        if done.returncode == 0:
            return done.stdout.splitlines()
        if self.version != "v1" or "invalid choice" not in done.stderr.lower():
            self.fail(f"aws configure list-profiles: {done.stderr}")
        python = python_of(self.cli)
        if python is None:
            self.skipTest(f"{self.cli} has no configure list-profiles and its Python was not found")
        done = subprocess.run(
            [python, "-c", "import botocore.session\n"
                           "print('\\n'.join(botocore.session.Session().available_profiles))"],
            capture_output=True, text=True, timeout=CLI_TIMEOUT, env=self.aws_env(), stdin=subprocess.DEVNULL)
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout.splitlines()

    def assertProfiles(self, expected):
        listed = self.list_profiles()
        self.assertEqual(len(listed), len(set(listed)), f"a profile is listed twice: {listed}")
        self.assertEqual(sorted(listed), sorted(expected))

    def assertNoDefaultFiles(self):
        self.assertFalse((self.home / ".aws").exists(), "~/.aws was used despite AWS_CONFIG_FILE")

    # ------------------------------------------------------------------- tests

    def test_role_profile_and_credentials(self):
        self.write(self.conf, ORIGINAL_CONFIG)
        self.write(self.creds, ORIGINAL_CREDENTIALS)
        self.rolehelper("add-profile", "ops", "--role-arn", "arn:aws:iam::123456789012:role/Operations",
                        "--source-profile", "base", "--region", "eu-central-1", "--external-id", "ext-42",
                        "--duration-seconds", "7200", "--role-session-name", "ops-session")
        self.rolehelper("set-credentials", "base", stdin=f"{ACCESS_KEY_ID}\n{SECRET_KEY}\n")
        self.assertTrue(self.conf.read_text().startswith(ORIGINAL_CONFIG))
        self.assertTrue(self.creds.read_text().startswith(ORIGINAL_CREDENTIALS))
        self.assertNoDefaultFiles()

        self.assertProfiles(["default", "dev", "legacy", "ops", "base"])
        self.assertGets({
            ("region", "ops"): "eu-central-1",
            ("rolehelper_role_arn", "ops"): "arn:aws:iam::123456789012:role/Operations",
            ("credential_process", "ops"): "rolehelper get ops",
            ("rolehelper_source_profile", "ops"): "base",
            ("rolehelper_external_id", "ops"): "ext-42",
            ("rolehelper_duration_seconds", "ops"): "7200",
            ("rolehelper_role_session_name", "ops"): "ops-session",
            ("aws_access_key_id", "base"): ACCESS_KEY_ID,
            ("aws_secret_access_key", "base"): SECRET_KEY,
            # the hand-written profiles read as before
            ("region", "dev"): "eu-west-2",
            ("role_arn", "legacy"): "arn:aws:iam::111122223333:role/Legacy",
            ("s3.max_concurrent_requests", "default"): "20",
            ("aws_access_key_id", "default"): "AKIADEFAULT000000000",
        })

        self.rolehelper("remove-profile", "ops")
        self.assertProfiles(["default", "dev", "legacy", "base"])
        self.assertProfileUnknown("ops")
        self.assertEqual(self.conf.read_text(), ORIGINAL_CONFIG)
        self.rolehelper("remove-profile", "base")
        self.assertProfiles(["default", "dev", "legacy"])
        self.assertEqual(self.creds.read_text(), ORIGINAL_CREDENTIALS)

    def test_crlf_config(self):
        original = ORIGINAL_CONFIG.replace("\n", "\r\n")
        self.write(self.conf, original)
        self.rolehelper("add-profile", "winrole", "--role-arn", "arn:aws:iam::123456789012:role/Win",
                        "--source-profile", "dev", "--region", "ap-northeast-1")
        data = self.conf.read_bytes()
        self.assertTrue(data.startswith(original.encode()))
        self.assertEqual(data.count(b"\n"), data.count(b"\r\n"), "a line without CR in a CRLF file")

        self.assertProfiles(["default", "dev", "legacy", "winrole"])
        self.assertGets({
            ("region", "winrole"): "ap-northeast-1",
            ("credential_process", "winrole"): "rolehelper get winrole",
            ("rolehelper_role_arn", "winrole"): "arn:aws:iam::123456789012:role/Win",
            ("region", "dev"): "eu-west-2",
        })
        self.rolehelper("remove-profile", "winrole")
        self.assertProfiles(["default", "dev", "legacy"])
        self.assertEqual(self.conf.read_bytes(), original.encode())

    def test_files_without_final_newline(self):
        original = "[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1"
        original_creds = "[default]\naws_access_key_id = AKIADEFAULT000000000\n" \
                         "aws_secret_access_key = defaultSecretKeyDefaultSecretKey00000000"
        self.write(self.conf, original)
        self.write(self.creds, original_creds)
        self.rolehelper("add-profile", "tail", "--role-arn", "arn:aws:iam::123456789012:role/Tail",
                        "--source-profile", "src", "--region", "us-west-2")
        self.rolehelper("set-credentials", "src", stdin=f"{ACCESS_KEY_ID}\n{SECRET_KEY}\n")
        self.assertTrue(self.conf.read_text().startswith(original))
        self.assertTrue(self.creds.read_text().startswith(original_creds))

        self.assertProfiles(["default", "dev", "tail", "src"])
        self.assertGets({
            ("region", "dev"): "eu-west-1",  # not glued to the next line
            ("region", "tail"): "us-west-2",
            ("rolehelper_role_arn", "tail"): "arn:aws:iam::123456789012:role/Tail",
            ("credential_process", "tail"): "rolehelper get tail",
            ("aws_secret_access_key", "default"): "defaultSecretKeyDefaultSecretKey00000000",
            ("aws_access_key_id", "src"): ACCESS_KEY_ID,
        })
        self.rolehelper("remove-profile", "tail")
        self.assertProfiles(["default", "dev", "src"])
        self.assertProfileUnknown("tail")


class AwsCliV1ReadsTest(AwsCliReads, RolehelperTestCase):
    version = "v1"


class AwsCliV2ReadsTest(AwsCliReads, RolehelperTestCase):
    version = "v2"


if __name__ == "__main__":
    if all(path is None for path, _ in CLIS.values()):
        for version, (_, why) in CLIS.items():
            print(f"AWS CLI {version}: {why}", file=sys.stderr)
        sys.exit(testlib.SKIP)
    testlib.main()
