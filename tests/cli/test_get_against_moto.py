#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`rolehelper get`, `exec` and `whoami` against a local STS: a moto server with IAM
authentication on (moto_fixture.MotoServer), holding the walkthrough's user Abcde and role Ghijk.

Each test class starts one server; each test gets a fresh HOME (testlib) configured the way a
user would: `rolehelper set-credentials default` with Abcde's keys on stdin, then
`rolehelper add-profile ghijk --role-arn <Ghijk> --source-profile default --region us-east-1`.
rolehelper finds the server through AWS_ENDPOINT_URL_STS, and the `rolehelper` of
`credential_process = rolehelper get ghijk` through PATH, whose first folder holds the binary
under test. Real clients (the pip AWS CLI v1, Debian's AWS CLI v2 at /usr/bin/aws, a boto3
script) then consume those credentials; each CLI is tested when installed.

What moto cannot check is skipped, not faked: moto 5.x lets a missing sts:ExternalId through,
and compares trust-policy principals literally, so a role ARN there admits none of the role's
sessions (chaining is tested through a source profile whose session name the trust policy
lists). moto_fixture.MotoServer.behaviour records what this moto enforces.

Exit status 77 (skipped) when moto or boto3 is not installed.
"""
import datetime
import importlib.util
import json
import unittest
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import testlib
from moto_fixture import MotoServer, closed_port
from testlib import BIN, RolehelperTestCase

CLI_TIMEOUT = 120
ACCOUNT = "123456789012"
ASSUMED = f"arn:aws:sts::{ACCOUNT}:assumed-role/"
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
SESSION_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION")
WRONG_SECRET = "WrongSecretWrongSecretWrongSecret0000000"

# Prints the caller's identity as JSON, the way `aws sts get-caller-identity` does.
BOTO3_WHOAMI = """\
import json, sys
import boto3
session = boto3.Session(profile_name=sys.argv[1]) if sys.argv[1] else boto3.Session()
identity = session.client("sts", endpoint_url=sys.argv[2], region_name="us-east-1").get_caller_identity()
identity.pop("ResponseMetadata", None)
print(json.dumps(identity))
"""
PRINT_AWS_ENV = "import json, os; print(json.dumps({k: v for k, v in os.environ.items() if k.startswith('AWS_')}))"

# Assignment shapes of `get --format ...`, from the design's cli.md; a value may be quoted for its
# shell, and a statement may end in ";" where the shell allows it.
ASSIGNMENT = {
    "env": re.compile(r"^export (AWS_[A-Z_]+)=(.+?);?$"),
    "fish": re.compile(r"^set -gx (AWS_[A-Z_]+) (.+?);?$"),
    "powershell": re.compile(r'^\$Env:(AWS_[A-Z_]+)="(.*)";?$'),
    "cmd": re.compile(r"^set (AWS_[A-Z_]+)=(.*)$"),
}
COMMENT = re.compile(r"^\s*(#|rem\b|::)", re.IGNORECASE)

_CLIS = {}


def find_cli(version):
    """(path, None) of the AWS CLI `version` ("v1": pip's `aws` on PATH, "v2": /usr/bin/aws),
    or (None, why not)."""
    if version not in _CLIS:
        path = shutil.which("aws") if version == "v1" else "/usr/bin/aws"
        prefix = {"v1": "aws-cli/1.", "v2": "aws-cli/2."}[version]
        found = (None, "not installed")
        if path and os.access(path, os.X_OK):
            home = tempfile.mkdtemp(prefix="rolehelper-awsver-")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ROLEHELPER_"))}
            env["HOME"] = home
            try:
                done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=CLI_TIMEOUT,
                                      env=env, stdin=subprocess.DEVNULL)
                said = (done.stdout + done.stderr).strip()
                found = (path, None) if done.returncode == 0 and said.startswith(prefix) else \
                    (None, f"{path} --version says {said!r}")
            except (OSError, subprocess.TimeoutExpired) as error:
                found = (None, f"{path} --version: {error}")
            finally:
                shutil.rmtree(home, ignore_errors=True)
        _CLIS[version] = found
    return _CLIS[version]


def any_cli():
    for version in ("v1", "v2"):
        path, _ = find_cli(version)
        if path:
            return path
    return None


def rfc3339(text):
    return datetime.datetime.strptime(text.split(".")[0].rstrip("Z"), "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc)


def unquote(value):
    """A shell-quoted value as the shell reads it (shlex for sh; good enough for fish's quotes)."""
    words = shlex.split(value)
    if len(words) != 1:
        raise ValueError(f"not one word: {value!r}")
    return words[0]


class MotoTestCase(RolehelperTestCase):
    """One moto server per class; per test a HOME with keys `default` and role profile `ghijk`."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.moto = MotoServer().start()
        cls.addClassCleanup(cls.moto.stop)  # also runs when setUpClass fails below
        binary = pathlib.Path(BIN).resolve()
        if binary.name == "rolehelper":
            cls.bin_dir = str(binary.parent)
        else:  # credential_process says `rolehelper`: give the binary that name
            folder = tempfile.mkdtemp(prefix="rolehelper-bin-")
            cls.addClassCleanup(shutil.rmtree, folder, ignore_errors=True)
            os.symlink(binary, os.path.join(folder, "rolehelper"))
            cls.bin_dir = folder

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.rolehelper("set-credentials", "default",
                        stdin=f"{self.moto.access_key_id}\n{self.moto.secret_access_key}\n")
        self.add_role("ghijk", self.moto.ghijk_arn)

    # ------------------------------------------------------------------ helpers

    def env(self, **extra):
        """testlib's clean environment, pointed at moto, rolehelper first on PATH; None unsets."""
        settings = {"AWS_ENDPOINT_URL_STS": self.moto.endpoint_url, "AWS_EC2_METADATA_DISABLED": "true",
                    "PATH": os.pathsep.join([self.bin_dir, os.environ.get("PATH", os.defpath)])}
        settings.update(extra)
        env = super().env(**{k: v for k, v in settings.items() if v is not None})
        for key, value in settings.items():
            if value is None:
                env.pop(key, None)
        return env

    def rolehelper(self, *args, stdin=None, env=None):
        return self.assertSucceeds(self.run_rolehelper(*args, stdin=stdin, env=env))

    def add_role(self, name, role_arn, *options, source_profile="default"):
        self.rolehelper("add-profile", name, "--role-arn", role_arn, "--source-profile", source_profile,
                        "--region", "us-east-1", *options)

    def run_command(self, argv, env=None):
        return subprocess.run(argv, capture_output=True, text=True, timeout=CLI_TIMEOUT,
                              env=env if env is not None else self.env(), stdin=subprocess.DEVNULL)

    def get(self, name, *options, env=None):
        """`rolehelper get NAME` in the credential_process format, checked; the parsed JSON."""
        result = self.run_rolehelper("get", name, *options, env=env)
        self.assertEqual(result.status, 0, result)
        self.assertEqual(result.stderr, "", "get wrote to stderr on success")
        return self.assertProcessCredentials(result.stdout)

    def assertProcessCredentials(self, stdout):
        lines = stdout.splitlines()
        self.assertEqual(len(lines), 1, f"not exactly one line: {stdout!r}")
        self.assertNotIn("\r", stdout)
        output = json.loads(lines[0])
        self.assertIsInstance(output, dict)
        self.assertIs(type(output.get("Version")), int, f"Version is not a JSON number: {lines[0]}")
        self.assertEqual(output["Version"], 1)
        for key in ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"):
            self.assertIsInstance(output.get(key), str, f"{key} missing: {sorted(output)}")
            self.assertTrue(output[key], f"{key} is empty")
        self.assertRegex(output["Expiration"], RFC3339_UTC)
        left = rfc3339(output["Expiration"]) - datetime.datetime.now(datetime.timezone.utc)
        self.assertGreater(left, datetime.timedelta(minutes=15), f"expires too soon: {output['Expiration']}")
        self.assertEqual(output.get("AccountId"), ACCOUNT)
        return output

    def identity_of(self, credentials):
        """GetCallerIdentity at moto signed with credentials from `get`."""
        identity = self.moto.client("sts", credentials=credentials).get_caller_identity()
        identity.pop("ResponseMetadata", None)
        return identity

    def assertSessionVariables(self, variables, role="Ghijk"):
        """AWS_* variables holding working credentials of a session of `role`, with their expiry."""
        for name in SESSION_VARIABLES:
            self.assertTrue(variables.get(name), f"{name} is missing: {sorted(variables)}")
        self.assertRegex(variables["AWS_CREDENTIAL_EXPIRATION"], RFC3339_UTC)
        self.assertGreater(rfc3339(variables["AWS_CREDENTIAL_EXPIRATION"]),
                           datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=15))
        identity = self.identity_of({"AccessKeyId": variables["AWS_ACCESS_KEY_ID"],
                                     "SecretAccessKey": variables["AWS_SECRET_ACCESS_KEY"],
                                     "SessionToken": variables["AWS_SESSION_TOKEN"]})
        self.assertAssumedRole(identity["Arn"], role)
        return identity["Arn"]

    def assertAssumedRole(self, arn, role):
        self.assertTrue(arn.startswith(f"{ASSUMED}{role}/") and len(arn) > len(f"{ASSUMED}{role}/"),
                        f"{arn!r} is not a session of role {role}")

    def assertNoSecrets(self, result, *secrets):
        for secret in (self.moto.secret_access_key, WRONG_SECRET, *secrets):
            self.assertNotIn(secret, result.stdout + result.stderr, "a secret appears in the output")

    def assertGetFails(self, result, *codes):
        """Exit 1, empty stdout, one 'rolehelper: ' line on stderr naming one of `codes`."""
        self.assertFailsWith(result, 1)
        if codes:
            self.assertTrue(any(code in result.stderr for code in codes),
                            f"the error names none of {codes}: {result.stderr!r}")
        self.assertNoSecrets(result)
        return result


class ProcessCredentialsTest(MotoTestCase):
    """get in every format, exec and whoami for the role profile ghijk."""

    def test_get_prints_credential_process_json(self):
        credentials = self.get("ghijk")
        self.assertEqual(set(credentials) - {"Version", "AccessKeyId", "SecretAccessKey", "SessionToken",
                                             "Expiration", "AccountId"}, set(), "unexpected keys")
        self.assertAssumedRole(self.identity_of(credentials)["Arn"], "Ghijk")

    def get_format(self, fmt, name="ghijk"):
        """`get NAME --format FMT`, checked line by line; {variable: value as the shell reads it}."""
        result = self.run_rolehelper("get", name, "--format", fmt)
        self.assertEqual(result.status, 0, result)
        self.assertEqual(result.stderr, "", result)
        assigned = {}
        for line in result.stdout.splitlines():
            if not line.strip() or COMMENT.match(line):
                continue
            match = ASSIGNMENT[fmt].match(line)
            self.assertIsNotNone(match, f"--format {fmt}: not an assignment: {line!r}")
            variable, value = match.groups()
            assigned[variable] = unquote(value) if fmt in ("env", "fish") else value
        return assigned

    def test_shell_formats(self):
        for fmt in ASSIGNMENT:
            with self.subTest(format=fmt):
                assigned = self.get_format(fmt)
                self.assertNotIn("AWS_PROFILE", assigned)
                self.assertSessionVariables(assigned)

    def test_env_format_evaluated_by_sh_and_bash(self):
        script = 'out=$(rolehelper get ghijk --format env) || exit 99; eval "$out" || exit 98; exec "$@"'
        for shell in ("sh", "bash"):
            if not shutil.which(shell):
                continue
            with self.subTest(shell=shell):
                done = self.run_command([shell, "-c", script, shell, sys.executable, "-c", PRINT_AWS_ENV])
                self.assertEqual(done.returncode, 0, done)
                self.assertSessionVariables(json.loads(done.stdout))

    def caller_identity_argv(self):
        """A command printing the caller's identity (JSON) from the environment's credentials."""
        cli = any_cli()
        if cli:  # Debian's CLI v2 (2.9) predates AWS_ENDPOINT_URL_STS: name the endpoint
            return [cli, "sts", "get-caller-identity", "--endpoint-url", self.moto.endpoint_url,
                    "--region", "us-east-1", "--output", "json"]
        return [sys.executable, "-c", BOTO3_WHOAMI, "", self.moto.endpoint_url]

    def test_eval_env_then_aws_cli(self):
        argv = self.caller_identity_argv()
        script = 'out=$(rolehelper get ghijk --format env) || exit 99; eval "$out" || exit 98; "$@"'
        done = self.run_command(["bash", "-c", script, "bash", *argv])
        self.assertEqual(done.returncode, 0, done)
        # ~/.aws/credentials holds Abcde's keys as [default]: a user ARN would mean the variables were not set
        self.assertAssumedRole(json.loads(done.stdout)["Arn"], "Ghijk")

    def test_exec_runs_the_command_with_the_role(self):
        argv = self.caller_identity_argv()
        result = self.run_rolehelper("exec", "ghijk", "--", *argv)
        self.assertEqual(result.status, 0, result)
        self.assertAssumedRole(json.loads(result.stdout)["Arn"], "Ghijk")
        self.assertNoSecrets(result)

    def test_exec_exit_status_is_the_commands(self):
        result = self.run_rolehelper("exec", "ghijk", "--", "sh", "-c", "exit 7")
        self.assertEqual(result.status, 7, result)
        result = self.run_rolehelper("exec", "ghijk", "--", "sh", "-c", "exit 0")
        self.assertEqual(result.status, 0, result)

    def test_exec_environment(self):
        result = self.run_rolehelper("exec", "ghijk", "--", sys.executable, "-c", PRINT_AWS_ENV,
                                     env=self.env(AWS_PROFILE="default"))
        self.assertEqual(result.status, 0, result)
        seen = json.loads(result.stdout)
        self.assertNotIn("AWS_PROFILE", seen, "AWS_PROFILE in the child would point SDKs at a profile")
        identity = self.identity_of({"AccessKeyId": seen.get("AWS_ACCESS_KEY_ID"),
                                     "SecretAccessKey": seen.get("AWS_SECRET_ACCESS_KEY"),
                                     "SessionToken": seen.get("AWS_SESSION_TOKEN")})
        self.assertAssumedRole(identity["Arn"], "Ghijk")

    def test_whoami(self):
        result = self.rolehelper("whoami", "ghijk")
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 1, result)
        self.assertAssumedRole(lines[0], "Ghijk")

    def test_whoami_json(self):
        identity = json.loads(self.rolehelper("whoami", "ghijk", "--json").stdout)
        self.assertEqual(identity.get("Account"), ACCOUNT)
        self.assertAssumedRole(identity.get("Arn", ""), "Ghijk")
        session = identity["Arn"].rsplit("/", 1)[1]
        self.assertTrue(str(identity.get("UserId", "")).endswith(f":{session}"), identity)

    def test_whoami_of_the_source_profile_is_the_user(self):
        self.assertEqual(self.rolehelper("whoami", "default").stdout.strip(), self.moto.user_arn)

    # The cache: while a session has well over 15 minutes left, every command serves it.

    def test_get_again_serves_the_cached_session(self):
        first = self.get("ghijk")
        self.assertEqual(self.get("ghijk"), first, "a new session was fetched despite the cache")

    def test_formats_whoami_and_exec_serve_the_cached_session(self):
        credentials = self.get("ghijk")
        arn = self.identity_of(credentials)["Arn"]
        for fmt in ASSIGNMENT:
            with self.subTest(format=fmt):
                self.assertEqual(self.get_format(fmt)["AWS_ACCESS_KEY_ID"], credentials["AccessKeyId"])
        self.assertEqual(self.rolehelper("whoami", "ghijk").stdout.strip(), arn)
        result = self.run_rolehelper("exec", "ghijk", "--", sys.executable, "-c", PRINT_AWS_ENV)
        self.assertEqual(result.status, 0, result)
        self.assertEqual(json.loads(result.stdout).get("AWS_ACCESS_KEY_ID"), credentials["AccessKeyId"])

    def test_generic_endpoint_variable(self):
        credentials = self.get("ghijk", env=self.env(AWS_ENDPOINT_URL_STS=None,
                                                     AWS_ENDPOINT_URL=self.moto.endpoint_url))
        self.assertAssumedRole(self.identity_of(credentials)["Arn"], "Ghijk")


class ClientsTest(MotoTestCase):
    """Real clients run `credential_process = rolehelper get ghijk` from ~/.aws/config."""

    def assertClientIsGhijk(self, done):
        self.assertEqual(done.returncode, 0, f"{done.args}: {done.stderr}")
        self.assertAssumedRole(json.loads(done.stdout)["Arn"], "Ghijk")
        self.assertNotIn(self.moto.secret_access_key, done.stdout + done.stderr)

    def cli_test(self, version):
        cli, why = find_cli(version)
        if cli is None:
            self.skipTest(f"AWS CLI {version}: {why}")
        # --endpoint-url as well: Debian's CLI v2 (2.9) predates AWS_ENDPOINT_URL_STS
        self.assertClientIsGhijk(self.run_command(
            [cli, "sts", "get-caller-identity", "--profile", "ghijk", "--endpoint-url", self.moto.endpoint_url,
             "--output", "json"]))

    def test_aws_cli_v1(self):
        self.cli_test("v1")

    def test_aws_cli_v2(self):
        self.cli_test("v2")

    def test_boto3(self):
        self.assertClientIsGhijk(self.run_command([sys.executable, "-c", BOTO3_WHOAMI, "ghijk",
                                                   self.moto.endpoint_url]))

    def test_boto3_with_aws_profile(self):
        self.assertClientIsGhijk(self.run_command([sys.executable, "-c", BOTO3_WHOAMI, "", self.moto.endpoint_url],
                                                  env=self.env(AWS_PROFILE="ghijk")))


class RolesAndFailuresTest(MotoTestCase):
    """Role chaining, external ids, hand-written profiles, and how failures are reported."""

    def test_role_chaining(self):
        # moto admits only the Ghijk session it was told about (see moto_fixture)
        self.add_role("ghijk-chain", self.moto.ghijk_arn, "--role-session-name", self.moto.chain_session_name)
        self.add_role("chained", self.moto.chained_arn, source_profile="ghijk-chain")
        self.assertAssumedRole(self.identity_of(self.get("chained"))["Arn"], "Chained")
        self.assertAssumedRole(self.rolehelper("whoami", "chained").stdout.strip(), "Chained")

    def test_role_chaining_from_ghijk(self):
        if not self.moto.behaviour["role_arn_admits_sessions"]:
            self.skipTest("this moto matches trust-policy principals literally: role/Ghijk admits no session")
        self.add_role("chained", self.moto.chained_arn, source_profile="ghijk")
        self.assertAssumedRole(self.identity_of(self.get("chained"))["Arn"], "Chained")

    def test_chained_role_refuses_the_user(self):
        self.add_role("direct", self.moto.chained_arn)
        self.assertGetFails(self.run_rolehelper("get", "direct"), "AccessDenied")

    def test_external_id(self):
        self.add_role("ext", self.moto.external_id_role_arn, "--external-id", self.moto.external_id)
        self.assertAssumedRole(self.identity_of(self.get("ext"))["Arn"], "WithExternalId")

    def test_wrong_external_id(self):
        self.add_role("ext", self.moto.external_id_role_arn, "--external-id", "bob")
        self.assertGetFails(self.run_rolehelper("get", "ext"), "AccessDenied")

    def test_missing_external_id(self):
        if not self.moto.behaviour["missing_external_id"]:
            self.skipTest("this moto lets AssumeRole without sts:ExternalId through a trust policy requiring it")
        self.add_role("ext", self.moto.external_id_role_arn)
        self.assertGetFails(self.run_rolehelper("get", "ext"), "AccessDenied")

    def test_standard_profile_keys(self):
        with open(self.config, "a") as config:
            config.write(f"\n[profile std]\nrole_arn = {self.moto.ghijk_arn}\nsource_profile = default\n"
                         "region = us-east-1\n"
                         f"\n[profile std-ext]\nrole_arn = {self.moto.external_id_role_arn}\n"
                         f"source_profile = default\nexternal_id = {self.moto.external_id}\n"
                         f"\n[profile std-bob]\nrole_arn = {self.moto.external_id_role_arn}\n"
                         "source_profile = default\nexternal_id = bob\n")
        self.assertAssumedRole(self.identity_of(self.get("std"))["Arn"], "Ghijk")
        self.assertAssumedRole(self.identity_of(self.get("std-ext"))["Arn"], "WithExternalId")
        self.assertGetFails(self.run_rolehelper("get", "std-bob"), "AccessDenied")  # external_id is passed on

    def test_wrong_secret(self):
        self.rolehelper("set-credentials", "wrong", stdin=f"{self.moto.access_key_id}\n{WRONG_SECRET}\n")
        self.add_role("ghijk-wrong", self.moto.ghijk_arn, source_profile="wrong")
        self.assertGetFails(self.run_rolehelper("get", "ghijk-wrong"), "SignatureDoesNotMatch", "InvalidClientTokenId")

    def test_unknown_access_key(self):
        self.rolehelper("set-credentials", "unknown", stdin=f"AKIAZZZZZZZZZZZZZZZZ\n{WRONG_SECRET}\n")
        self.add_role("ghijk-unknown", self.moto.ghijk_arn, source_profile="unknown")
        self.assertGetFails(self.run_rolehelper("get", "ghijk-unknown"), "InvalidClientTokenId")

    def test_unknown_role(self):
        self.add_role("nosuch", self.moto.unknown_role_arn)
        self.assertGetFails(self.run_rolehelper("get", "nosuch"), "AccessDenied")

    def test_unreachable_endpoint(self):
        endpoint = f"http://127.0.0.1:{closed_port()}"
        result = self.run_rolehelper("get", "ghijk", env=self.env(AWS_ENDPOINT_URL_STS=endpoint))
        self.assertGetFails(result, endpoint.split("//", 1)[1])

    def test_failed_formats_and_whoami_print_nothing_on_stdout(self):
        endpoint = f"http://127.0.0.1:{closed_port()}"
        env = self.env(AWS_ENDPOINT_URL_STS=endpoint)
        for args in (("get", "ghijk", "--format", "env"), ("whoami", "ghijk")):
            with self.subTest(args=args):
                self.assertGetFails(self.run_rolehelper(*args, env=env))


if __name__ == "__main__":
    missing = [name for name in ("moto", "boto3", "flask") if importlib.util.find_spec(name) is None]
    if missing:
        print(f"not installed: {', '.join(missing)} (needed for a local STS)", file=sys.stderr)
        sys.exit(testlib.SKIP)
    testlib.main()
