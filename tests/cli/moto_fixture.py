#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A moto server with IAM authentication on, holding the walkthrough's user and roles.

    with MotoServer() as moto:          # or: moto = MotoServer().start(); ...; moto.stop()
        moto.endpoint_url               # http://127.0.0.1:PORT (IAM, STS and every other service, path "/")
        moto.access_key_id, moto.secret_access_key     # user Abcde's long-term keys
        moto.ghijk_arn, moto.chained_arn, moto.external_id_role_arn, moto.web_role_arn

The server is `python3 -m moto.server` (the interpreter running this module) on a free loopback
port, started with INITIAL_NO_AUTH_ACTION_COUNT equal to the number of setup requests. moto
counts every request that reaches a service until it has seen that many, and from then on checks
each request's SigV4 signature against the IAM keys it holds and the caller's IAM policies
(and, for sts:AssumeRole, the role's trust policy). The setup requests are made by boto3 with
made-up keys and retries off, so each is exactly one HTTP request; afterwards start() checks that
authentication really is on (a wrong secret is refused, a principal not in a trust policy is
refused) and fails loudly otherwise.

What is set up (account 123456789012, the moto default):
- user Abcde with one access key; inline policy "AllowAssumeRoles": sts:AssumeRole on Ghijk,
  WithExternalId and Chained (Chained only so that a direct attempt is refused by Chained's
  trust policy, not by this one);
- role Ghijk trusting user/Abcde; inline policy "AllowChaining": sts:AssumeRole on Chained;
- role Chained trusting role/Ghijk and the session arn:aws:sts::123456789012:assumed-role/Ghijk/
  CHAIN_SESSION_NAME: moto compares the caller's ARN with the trust policy's principals
  literally, so a role ARN does not admit the role's sessions as it does on AWS, and only the
  session named CHAIN_SESSION_NAME can chain;
- role WithExternalId trusting user/Abcde under StringEquals sts:ExternalId = "alice";
- an OIDC provider (https://oidc.rolehelper.test) and role WebRole trusting it for
  sts:AssumeRoleWithWebIdentity. moto 5.x does not verify web identity tokens (any string
  will do; web_identity_token makes a JWT-shaped one), and answers that unsigned call with
  HTTP 500 once authentication is on: use MotoServer(auth=False) for web identity.

What moto 5.x does and does not enforce is probed in start() and kept in `behaviour` (a dict of
booleans, see BEHAVIOURS), so tests can skip what moto cannot check rather than fail.

Never leaves a process behind: stop() terminates, then kills, by PID; start() stops the server
itself if anything fails; on Linux the server also gets SIGKILL if this process dies
(PR_SET_PDEATHSIG), and an atexit hook stops servers still running at exit.

Run this file to self-test: python3 tests/cli/moto_fixture.py
"""
import atexit
import base64
import contextlib
import ctypes
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref

ACCOUNT_ID = "123456789012"  # moto's default account (moto.core.DEFAULT_ACCOUNT_ID)
REGION = "us-east-1"
USER_NAME = "Abcde"
EXTERNAL_ID = "alice"
CHAIN_SESSION_NAME = "rolehelper-chain"
OIDC_URL = "https://oidc.rolehelper.test"
OIDC_AUDIENCE = "sts.amazonaws.com"
# Keys for the setup requests, made before moto checks anything; they name no IAM user.
SETUP_KEY_ID = "AKIAMOTOSETUP0000000"
SETUP_SECRET = "motoSetupSecretNotCheckedBeforeAuthIsOn00"

BEHAVIOURS = {
    "signature": "a request signed with a wrong secret is refused (SignatureDoesNotMatch)",
    "unknown_key": "a request signed with an unknown key id is refused (InvalidClientTokenId)",
    "identity_policy": "AssumeRole needs the caller's identity policy to allow the role",
    "trust_policy": "AssumeRole needs the role's trust policy to name the caller",
    "wrong_external_id": "a wrong sts:ExternalId is refused",
    "missing_external_id": "a missing sts:ExternalId is refused when the trust policy requires one",
    "role_chaining": "a role session (with session token) can assume a role its role policy allows",
    "role_arn_admits_sessions": "a trust policy naming role/R admits every session of R (as on AWS)",
    "web_identity": "AssumeRoleWithWebIdentity (unsigned, token not checked) is answered",
}

_RUNNING = weakref.WeakSet()


def free_port():
    """A loopback TCP port that was free a moment ago (bound to port 0, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A loopback port nothing listens on: connecting to it is refused."""
    return free_port()


def _die_with_parent():
    """preexec_fn: SIGKILL the child when the process that started it dies (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


class MotoServerError(RuntimeError):
    pass


class MotoServer:
    """One moto server with IAM authentication on; see the module's docstring."""

    account_id = ACCOUNT_ID
    region = REGION
    user_name = USER_NAME
    external_id = EXTERNAL_ID
    chain_session_name = CHAIN_SESSION_NAME
    user_arn = f"arn:aws:iam::{ACCOUNT_ID}:user/{USER_NAME}"
    ghijk_arn = f"arn:aws:iam::{ACCOUNT_ID}:role/Ghijk"
    chained_arn = f"arn:aws:iam::{ACCOUNT_ID}:role/Chained"
    external_id_role_arn = f"arn:aws:iam::{ACCOUNT_ID}:role/WithExternalId"
    web_role_arn = f"arn:aws:iam::{ACCOUNT_ID}:role/WebRole"
    oidc_provider_arn = f"arn:aws:iam::{ACCOUNT_ID}:oidc-provider/{OIDC_URL.split('://', 1)[1]}"
    unknown_role_arn = f"arn:aws:iam::{ACCOUNT_ID}:role/NoSuchRole"
    role_arns = {"Ghijk": ghijk_arn, "Chained": chained_arn, "WithExternalId": external_id_role_arn,
                 "WebRole": web_role_arn}

    def __init__(self, auth=True, startup_timeout=30.0, extra_setup=()):
        """auth=False leaves authentication off for good (every request is accepted unchecked):
        moto 5.x answers AssumeRoleWithWebIdentity only then. extra_setup: functions of an IAM
        client, each making exactly one request, run with the setup before authentication
        starts (e.g. to create a role from a policy a test made)."""
        self.extra_setup = list(extra_setup)
        self.auth = auth
        self.startup_timeout = startup_timeout
        self.process = None
        self.port = None
        self.endpoint_url = None
        self.access_key_id = None
        self.secret_access_key = None
        self.setup_calls = len(self._setup_steps())
        self.behaviour = {}
        self.timings = {}
        self._dir = None
        self._session = None

    # ------------------------------------------------------------------ life cycle

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        """Start the server, set it up, check authentication is on; returns self."""
        if self.process is not None:
            raise MotoServerError("MotoServer already started")
        began = time.monotonic()
        self._dir = pathlib.Path(tempfile.mkdtemp(prefix="rolehelper-moto-"))
        try:
            self._launch()
            self.timings["listening"] = time.monotonic() - began
            mark = time.monotonic()
            self._setup()
            self.timings["setup"] = time.monotonic() - mark
            mark = time.monotonic()
            self._probe()
            self.timings["probe"] = time.monotonic() - mark
            self.timings["start"] = time.monotonic() - began
        except BaseException as error:
            log = self.log_tail()
            self.stop()
            if isinstance(error, Exception) and not isinstance(error, MotoServerError):
                raise MotoServerError(f"moto setup failed: {error!r}\n--- moto log ---\n{log}") from error
            raise
        return self

    def stop(self):
        """Stop the server by PID (SIGTERM, then SIGKILL) and remove its files; idempotent."""
        process, self.process = self.process, None
        if process is not None:
            _RUNNING.discard(self)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, limit=4000):
        """The end of the server's output (for failure messages)."""
        try:
            return (self._dir / "moto.log").read_text(errors="replace")[-limit:]
        except (OSError, TypeError):
            return ""

    def _launch(self):
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("AWS_", "MOTO_", "TEST_SERVER_MODE"))}
        if self.auth:
            env["INITIAL_NO_AUTH_ACTION_COUNT"] = str(self.setup_calls)
        env["MOTO_PORT"] = str(self.port)
        empty = self._dir / "cwd"  # `python -m` puts the cwd first on sys.path: keep it empty
        empty.mkdir()
        with open(self._dir / "moto.log", "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                cwd=empty, preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        _RUNNING.add(self)
        deadline = time.monotonic() + self.startup_timeout
        # A TCP connection, not an HTTP request: moto would count a request against the setup budget.
        while True:
            if self.process.poll() is not None:
                raise MotoServerError(f"moto exited with status {self.process.returncode} before "
                                      f"listening\n--- moto log ---\n{self.log_tail()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise MotoServerError(f"moto did not listen on port {self.port} within "
                                          f"{self.startup_timeout} s\n--- moto log ---\n{self.log_tail()}")
                time.sleep(0.02)

    # ------------------------------------------------------------------ boto3 helpers

    def client(self, service, access_key_id=None, secret_access_key=None, session_token=None,
               credentials=None):
        """A boto3 client for the server, no retries, signed with the given keys (default Abcde's).

        `credentials` may be the Credentials dict of an AssumeRole response."""
        import boto3
        import botocore.config
        if self._session is None:  # one session: each new one loads the service models again
            self._session = boto3.session.Session()
        if credentials is not None:
            access_key_id = credentials["AccessKeyId"]
            secret_access_key = credentials["SecretAccessKey"]
            session_token = credentials.get("SessionToken")
        return self._session.client(
            service, endpoint_url=self.endpoint_url, region_name=self.region,
            aws_access_key_id=access_key_id or self.access_key_id,
            aws_secret_access_key=secret_access_key or self.secret_access_key,
            aws_session_token=session_token,
            config=botocore.config.Config(retries={"total_max_attempts": 1},
                                          connect_timeout=10, read_timeout=30))

    def assume(self, role_arn, session_name="moto-fixture", **kwargs):
        """AssumeRole with Abcde's keys (or client=... for another caller); the whole response."""
        client = kwargs.pop("client", None) or self.client("sts")
        return client.assume_role(RoleArn=role_arn, RoleSessionName=session_name, **kwargs)

    def assumed_role_arn(self, role_name, session_name):
        return f"arn:aws:sts::{self.account_id}:assumed-role/{role_name}/{session_name}"

    @property
    def web_identity_token(self):
        """An unsigned JWT for the OIDC provider (moto does not check the token at all)."""
        now = int(time.time())
        header = _b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "rolehelper-test"}).encode())
        claims = _b64url(json.dumps({"iss": OIDC_URL, "aud": OIDC_AUDIENCE, "sub": "system:rolehelper-test",
                                     "iat": now, "exp": now + 3600}).encode())
        return f"{header}.{claims}.{_b64url(b'not-a-real-signature')}"

    # ------------------------------------------------------------------ files and environment

    def endpoint_env(self):
        """Variables that send AWS clients (rolehelper, the CLIs, botocore) to this server."""
        return {"AWS_ENDPOINT_URL_STS": self.endpoint_url, "AWS_ENDPOINT_URL": self.endpoint_url,
                "AWS_EC2_METADATA_DISABLED": "true"}

    def write_aws_files(self, home, profile="default", secret_access_key=None, config_extra="",
                        credentials_extra=""):
        """Write HOME/.aws/credentials with Abcde's keys as `profile` and HOME/.aws/config with its
        region, each followed by the given extra text; returns (config_path, credentials_path).
        Existing files are replaced. `secret_access_key` overrides the secret (e.g. a wrong one)."""
        aws = pathlib.Path(home) / ".aws"
        aws.mkdir(mode=0o700, parents=True, exist_ok=True)
        section = "default" if profile == "default" else f"profile {profile}"
        config = aws / "config"
        credentials = aws / "credentials"
        files = {
            config: f"[{section}]\nregion = {self.region}\n" + config_extra,
            credentials: (f"[{profile}]\naws_access_key_id = {self.access_key_id}\n"
                          f"aws_secret_access_key = {secret_access_key or self.secret_access_key}\n"
                          + credentials_extra),
        }
        for path, text in files.items():
            path.write_text(text)
            path.chmod(0o600)
        return config, credentials

    # ------------------------------------------------------------------ setup

    def _setup_steps(self):
        """The setup requests, one HTTP request each (retries are off); their number is the
        server's INITIAL_NO_AUTH_ACTION_COUNT, so add any new request here."""
        iam = lambda: self._setup_iam  # noqa: E731 (bound late: the client exists only in _setup)
        user = {"AWS": self.user_arn}
        allow_assume = lambda *arns: {"Effect": "Allow", "Action": "sts:AssumeRole",  # noqa: E731
                                      "Resource": list(arns)}
        return [
            lambda: iam().create_user(UserName=USER_NAME),
            self._create_user_key,
            lambda: iam().put_user_policy(
                UserName=USER_NAME, PolicyName="AllowAssumeRoles",
                PolicyDocument=_policy(allow_assume(self.ghijk_arn, self.external_id_role_arn,
                                                    self.chained_arn))),
            lambda: iam().create_role(
                RoleName="Ghijk", AssumeRolePolicyDocument=_policy(
                    {"Effect": "Allow", "Principal": user, "Action": "sts:AssumeRole"})),
            lambda: iam().put_role_policy(
                RoleName="Ghijk", PolicyName="AllowChaining",
                PolicyDocument=_policy(allow_assume(self.chained_arn))),
            # One statement listing both principals: moto's trust check denies as soon as one
            # statement that matches the action does not name the caller.
            lambda: iam().create_role(
                RoleName="Chained", AssumeRolePolicyDocument=_policy(
                    {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": [
                        self.ghijk_arn, self.assumed_role_arn("Ghijk", CHAIN_SESSION_NAME)]}})),
            lambda: iam().create_role(
                RoleName="WithExternalId", AssumeRolePolicyDocument=_policy(
                    {"Effect": "Allow", "Principal": user, "Action": "sts:AssumeRole",
                     "Condition": {"StringEquals": {"sts:ExternalId": EXTERNAL_ID}}})),
            lambda: iam().create_open_id_connect_provider(
                Url=OIDC_URL, ClientIDList=[OIDC_AUDIENCE], ThumbprintList=["0" * 40]),
            lambda: iam().create_role(
                RoleName="WebRole", AssumeRolePolicyDocument=_policy(
                    {"Effect": "Allow", "Principal": {"Federated": self.oidc_provider_arn},
                     "Action": "sts:AssumeRoleWithWebIdentity",
                     "Condition": {"StringEquals": {"oidc.rolehelper.test:aud": OIDC_AUDIENCE}}})),
        ] + [lambda step=step: step(iam()) for step in self.extra_setup]

    def _create_user_key(self):
        response = self._setup_iam.create_access_key(UserName=USER_NAME)
        self.access_key_id = response["AccessKey"]["AccessKeyId"]
        self.secret_access_key = response["AccessKey"]["SecretAccessKey"]
        return response

    def _setup(self):
        self._setup_iam = self.client("iam", SETUP_KEY_ID, SETUP_SECRET)
        try:
            for number, step in enumerate(self._setup_steps(), 1):
                response = step()
                retries = (response or {}).get("ResponseMetadata", {}).get("RetryAttempts", 0)
                if retries:
                    raise MotoServerError(f"setup request {number} was retried: the request count is off")
        finally:
            del self._setup_iam

    # ------------------------------------------------------------------ what moto enforces

    def _refused(self, call, *codes):
        """True if call() fails with one of `codes`; False if it succeeds; raises otherwise."""
        from botocore.exceptions import ClientError
        try:
            call()
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code")
            if code in codes:
                return True
            raise MotoServerError(f"expected {' or '.join(codes)}, got {code}: {error}") from error
        return False

    def _probe(self):
        from botocore.exceptions import ClientError
        b = self.behaviour
        # First request after the setup: had moto been told a larger count, this one would pass.
        b["signature"] = self._refused(
            lambda: self.client("sts", secret_access_key="Wrong" + self.secret_access_key[5:])
            .get_caller_identity(), "SignatureDoesNotMatch")
        if self.auth and not b["signature"]:
            raise MotoServerError(f"authentication is not on after {self.setup_calls} setup requests: "
                                  "a wrong secret was accepted")
        me = self.client("sts").get_caller_identity()
        if me["Arn"] != self.user_arn or me["Account"] != self.account_id:
            raise MotoServerError(f"Abcde's keys are not Abcde: {me}")
        b["unknown_key"] = self._refused(
            lambda: self.client("sts", "AKIA" + "Z" * 16).get_caller_identity(), "InvalidClientTokenId")
        b["identity_policy"] = self._refused(
            lambda: self.assume(self.unknown_role_arn), "AccessDenied")
        b["trust_policy"] = self._refused(lambda: self.assume(self.chained_arn), "AccessDenied")
        if self.auth and not b["trust_policy"]:
            raise MotoServerError("AssumeRole of Chained by user Abcde, whom its trust policy does not "
                                  "name, succeeded")
        ghijk = self.assume(self.ghijk_arn, CHAIN_SESSION_NAME)
        if ghijk["AssumedRoleUser"]["Arn"] != self.assumed_role_arn("Ghijk", CHAIN_SESSION_NAME):
            raise MotoServerError(f"unexpected AssumeRole response: {ghijk}")
        as_ghijk = self.client("sts", credentials=ghijk["Credentials"])
        b["role_chaining"] = not self._refused(
            lambda: self.assume(self.chained_arn, "chained", client=as_ghijk), "AccessDenied")
        other = self.client("sts", credentials=self.assume(self.ghijk_arn, "other-session")["Credentials"])
        b["role_arn_admits_sessions"] = not self._refused(
            lambda: self.assume(self.chained_arn, "chained", client=other), "AccessDenied")
        self.assume(self.external_id_role_arn, ExternalId=EXTERNAL_ID)  # must work
        b["wrong_external_id"] = self._refused(
            lambda: self.assume(self.external_id_role_arn, ExternalId="not-" + EXTERNAL_ID), "AccessDenied")
        b["missing_external_id"] = self._refused(
            lambda: self.assume(self.external_id_role_arn), "AccessDenied")
        try:
            self.client("sts").assume_role_with_web_identity(
                RoleArn=self.web_role_arn, RoleSessionName="web", WebIdentityToken=self.web_identity_token)
            b["web_identity"] = True
        except Exception:  # moto 5.x answers 500 (unparsable): it looks for an Authorization header
            b["web_identity"] = False


class MotoRecorder:
    """moto's request recorder (server mode): /moto-api/recorder/{start,stop,reset,download}."""

    def __init__(self, endpoint_url):
        self.base = endpoint_url + "/moto-api/recorder/"

    def _call(self, action, method="POST"):
        request = urllib.request.Request(self.base + action, method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read()

    def start(self):
        """True if recording is on (False when this moto has no recorder)."""
        try:
            self._call("reset-recording")
            self._call("start-recording")
            return True
        except (urllib.error.URLError, OSError):
            return False

    def stop(self):
        try:
            self._call("stop-recording")
        except (urllib.error.URLError, OSError):
            pass

    def sts_requests(self):
        """[(form dict, headers dict)] of the recorded STS Query requests, in order."""
        requests = []
        for line in self._call("download-recording", method="GET").decode().splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            body = entry.get("body") or ""
            if entry.get("body_encoded"):
                body = base64.b64decode(body).decode("utf-8", "replace")
            form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
            if "Action" in form:
                requests.append((form, {k.lower(): v for k, v in (entry.get("headers") or {}).items()}))
        return requests


@atexit.register
def _stop_all():
    for server in list(_RUNNING):
        server.stop()


# ---------------------------------------------------------------------- self-test


def _self_test():
    from botocore.exceptions import ClientError
    began = time.monotonic()
    with MotoServer() as moto:
        print(f"moto listening at {moto.endpoint_url} (pid {moto.process.pid}); "
              f"{moto.setup_calls} setup requests before authentication")
        print(f"user {moto.user_name}: {moto.access_key_id}")
        for name, value in moto.behaviour.items():
            print(f"  {'yes' if value else 'NO '}  {BEHAVIOURS[name]}")

        try:
            moto.client("sts", secret_access_key="x" * 40).assume_role(
                RoleArn=moto.ghijk_arn, RoleSessionName="self-test")
            raise SystemExit("FAIL: AssumeRole signed with a wrong secret succeeded")
        except ClientError as error:
            print(f"wrong secret: {error.response['Error']['Code']}")
        try:
            moto.assume(moto.chained_arn)
            raise SystemExit("FAIL: AssumeRole of Chained by Abcde succeeded despite its trust policy")
        except ClientError as error:
            print(f"Abcde assuming Chained directly: {error.response['Error']['Code']}")

        import boto3
        sts = boto3.session.Session(
            aws_access_key_id=moto.access_key_id, aws_secret_access_key=moto.secret_access_key,
            region_name=moto.region).client("sts", endpoint_url=moto.endpoint_url)
        assumed = sts.assume_role(RoleArn=moto.ghijk_arn, RoleSessionName="self-test")
        credentials = assumed["Credentials"]
        who = moto.client("sts", credentials=credentials).get_caller_identity()
        print(f"assumed {assumed['AssumedRoleUser']['Arn']} (key {credentials['AccessKeyId'][:4]}..., "
              f"expires {credentials['Expiration'].isoformat()})")
        print(f"GetCallerIdentity with it: {who['Arn']}")
        if who["Arn"] != moto.assumed_role_arn("Ghijk", "self-test"):
            raise SystemExit(f"FAIL: unexpected identity {who['Arn']}")
        pid = moto.process.pid
        timings = dict(moto.timings)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, 0)
        raise SystemExit(f"FAIL: moto (pid {pid}) still runs after stop()")

    with MotoServer(auth=False) as open_moto:
        print(f"without authentication: web identity {'works' if open_moto.behaviour['web_identity'] else 'FAILS'}"
              f", start {open_moto.timings['start']:.2f} s")
        if open_moto.behaviour["web_identity"]:
            web = open_moto.client("sts").assume_role_with_web_identity(
                RoleArn=open_moto.web_role_arn, RoleSessionName="web-self-test",
                WebIdentityToken=open_moto.web_identity_token)
            print(f"  AssumeRoleWithWebIdentity: {web['AssumedRoleUser']['Arn']}")
    print("timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
          + f"; whole self-test {time.monotonic() - began:.2f} s")
    print("OK")


if __name__ == "__main__":
    _self_test()
