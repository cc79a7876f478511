#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Loopback stand-ins for the credential sources rolehelper reads (stdlib http.server + threading).

- ImdsServer: EC2 instance metadata, IMDSv2 only (token PUT, then token-bearing GETs).
- EcsServer: the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI).
- MiniSts: an STS Query endpoint that answers AssumeRole (and GetCallerIdentity) and checks
  each request's SigV4 signature against the secret of the credentials it was told to trust,
  with botocore.auth.SigV4Auth when botocore is importable, else with the stdlib check below.

Every server binds a free port on 127.0.0.1, serves from a background thread, records each
request (method, path, headers, body, response status) and is used as a context manager:

    with ImdsServer() as imds, MiniSts(trust=[imds.credentials]) as sts:
        env = {"AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url, "AWS_ENDPOINT_URL_STS": sts.url}
        ...
        imds.requests        # [RecordedRequest, ...] in arrival order
        sts.requests[0].access_key_id, sts.requests[0].problems

Running this file (`python3 tests/cli/metadata_servers.py`) self-tests the servers with urllib.
"""
import base64
import dataclasses
import datetime
import hashlib
import hmac
import http.server
import json
import re
import secrets
import string
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid
from xml.sax.saxutils import escape as xml_escape

try:  # botocore is the reference SigV4 implementation; the stdlib check below is the fallback.
    from botocore.auth import SigV4Auth as _BotocoreSigV4Auth
    from botocore.awsrequest import AWSRequest as _BotocoreAWSRequest
    from botocore.credentials import Credentials as _BotocoreCredentials

    HAVE_BOTOCORE = True
except ImportError:  # pragma: no cover - depends on the machine
    HAVE_BOTOCORE = False

LOOPBACK = "127.0.0.1"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
AMZ_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/"
STS_VERSION = "2011-06-15"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
AUTHORIZATION_RE = re.compile(
    r"^AWS4-HMAC-SHA256 "
    r"Credential=(?P<akid>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/(?P<service>[^/,\s]+)/aws4_request,\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*"
    r"Signature=(?P<signature>[0-9a-f]{64})$")
ROLE_SESSION_NAME_RE = re.compile(r"^[\w+=,.@-]{2,64}$")
ROLE_ARN_RE = re.compile(r"^arn:(?P<partition>aws[\w-]*):iam::(?P<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?P<name>[\w+=,.@-]+)$")


def utc_timestamp(seconds_from_now=0.0):
    """`%Y-%m-%dT%H:%M:%SZ` for now + the given offset, the format IMDS and ECS use."""
    return time.strftime(TIME_FORMAT, time.gmtime(time.time() + seconds_from_now))


def parse_timestamp(text):
    """A `...Z` timestamp (with or without fractional seconds) as an aware datetime."""
    match = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?Z", text)
    if not match:
        raise ValueError(f"not a UTC RFC 3339 timestamp ending in Z: {text!r}")
    return datetime.datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)


def _random_text(alphabet, length):
    return "".join(secrets.choice(alphabet) for _ in range(length))


@dataclasses.dataclass(frozen=True)
class FakeCredentials:
    """A credential set to serve. `session_token` None means long-term keys."""
    access_key_id: str
    secret_access_key: str
    session_token: str = None
    expiration: str = None  # `%Y-%m-%dT%H:%M:%SZ`; None: computed when served

    @classmethod
    def make(cls, prefix="ASIA", tag="TEST", session=True, lifetime=6 * 3600):
        """Random fake credentials: AKID `<prefix><tag><hex>` (20+ chars), a 40-char secret that
        contains `/` and `+`, and a long base64 session token with `/`, `+` and `=` in it."""
        akid = (prefix + tag + secrets.token_hex(8).upper())[:max(20, len(prefix + tag) + 4)]
        secret = _random_text(string.ascii_letters + string.digits, 36) + "/+/+"
        token = None
        if session:
            token = "IQoJb3JpZ2luX2Vj" + base64.b64encode(secrets.token_bytes(300)).decode() + "/+=="
        expiration = utc_timestamp(lifetime) if session else None
        return cls(akid, secret, token, expiration)


@dataclasses.dataclass
class RecordedRequest:
    """One request as a server saw it, and what it answered."""
    method: str
    path: str
    header_items: list  # [(name, value), ...] in arrival order, names as sent
    body: bytes = b""
    status: int = None
    response_body: bytes = b""
    # MiniSts only:
    form: dict = None  # decoded body parameters (last value wins)
    access_key_id: str = None  # from Authorization: Credential=<AKID>/...
    signature_checked_by: str = None  # "botocore" or "stdlib"
    issued_expiration: str = None  # the Expiration a successful AssumeRole answered
    problems: list = dataclasses.field(default_factory=list)  # why the request is not what STS accepts

    def header(self, name, default=None):
        """The first value of header `name` (case-insensitive)."""
        lname = name.lower()
        for key, value in self.header_items:
            if key.lower() == lname:
                return value
        return default

    def header_values(self, name):
        lname = name.lower()
        return [value for key, value in self.header_items if key.lower() == lname]

    @property
    def headers(self):
        """Lower-cased header names to their first value."""
        result = {}
        for key, value in self.header_items:
            result.setdefault(key.lower(), value)
        return result

    def __repr__(self):
        shown = [f"{self.method} {self.path} -> {self.status}"]
        if self.problems:
            shown.append(f"problems={self.problems}")
        return "RecordedRequest(" + ", ".join(shown) + ")"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 15  # an idle keep-alive connection frees its thread after this many seconds
    server_version = "rolehelper-test-server"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self):
        owner = self.server.owner
        record = RecordedRequest(method=self.command, path=self.path, header_items=list(self.headers.items()),
                                 body=self._read_body())
        try:
            status, content_type, body, extra = owner._dispatch(record)
        except Exception as error:  # a bug in a stand-in must show up, not hang the client
            status, content_type, body, extra = 500, "text/plain", f"stand-in error: {error!r}".encode(), {}
        record.status = status
        record.response_body = body
        owner._record(record)
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve


class _LoopbackServer:
    """Base: a ThreadingHTTPServer on a free loopback port, in a daemon thread, recording requests."""

    def __init__(self):
        self._lock = threading.Lock()
        self._requests = []
        self._httpd = None
        self._thread = None

    # lifecycle
    def start(self):
        if self._httpd is not None:
            return self
        httpd = http.server.ThreadingHTTPServer((LOOPBACK, 0), _Handler)
        httpd.daemon_threads = True
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=type(self).__name__, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)
        self._httpd = None
        self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # addresses
    @property
    def port(self):
        if self._httpd is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._httpd.server_address[1]

    @property
    def url(self):
        """`http://127.0.0.1:PORT` (no trailing slash)."""
        return f"http://{LOOPBACK}:{self.port}"

    # records
    def _record(self, record):
        with self._lock:
            self._requests.append(record)

    @property
    def requests(self):
        """A snapshot of the requests so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def clear(self):
        with self._lock:
            self._requests.clear()

    def _dispatch(self, record):  # pragma: no cover - overridden
        return 404, "text/plain", b"", {}


# --------------------------------------------------------------------------------------------
# EC2 instance metadata (IMDSv2)
# --------------------------------------------------------------------------------------------

class ImdsServer(_LoopbackServer):
    """An IMDSv2-only instance metadata service.

    - `PUT /latest/api/token` needs `X-aws-ec2-metadata-token-ttl-seconds` = 1..21600 (else 400)
      and no `X-Forwarded-For` (else 403); it answers a fresh random token, valid for the TTL.
    - Every GET needs a valid `X-aws-ec2-metadata-token` (else 401; unknown or expired tokens too).
    - `GET /latest/meta-data/iam/security-credentials/` answers the role name;
      `GET /latest/meta-data/iam/security-credentials/<role>` the credentials JSON
      (Code, LastUpdated, Type, AccessKeyId, SecretAccessKey, Token, Expiration ~6 h ahead).
    - Anything else: 404 (405 for a wrong method on a known path).

    Options: `credentials` (FakeCredentials, default random ASIA... fakes), `role`,
    `fail_first=N` (the first N requests of any kind get 500), `reject_tokens=True` (tokens are
    issued but every GET is 401), `credentials_document` (a dict served instead of the normal
    credentials JSON, e.g. an error document).
    """

    TOKEN_PATH = "/latest/api/token"
    CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/"
    TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds"
    TOKEN_HEADER = "X-aws-ec2-metadata-token"

    def __init__(self, credentials=None, role="rolehelper-test-role", fail_first=0, reject_tokens=False,
                 credentials_document=None):
        super().__init__()
        self.credentials = credentials or FakeCredentials.make(tag="IMDS")
        self.role = role
        self.fail_first = fail_first
        self.reject_tokens = reject_tokens
        self.credentials_document = credentials_document
        self._tokens = {}  # token -> expiry (monotonic seconds)
        self._seen = 0

    @property
    def issued_tokens(self):
        with self._lock:
            return list(self._tokens)

    def document(self):
        """The credentials JSON as served (Expiration fixed at 6 h from now unless the
        credentials carry one)."""
        if self.credentials_document is not None:
            return dict(self.credentials_document)
        creds = self.credentials
        return {
            "Code": "Success",
            "LastUpdated": utc_timestamp(-60),
            "Type": "AWS-HMAC",
            "AccessKeyId": creds.access_key_id,
            "SecretAccessKey": creds.secret_access_key,
            "Token": creds.session_token,
            "Expiration": creds.expiration or utc_timestamp(6 * 3600),
        }

    def _dispatch(self, record):
        with self._lock:
            self._seen += 1
            failing = self._seen <= self.fail_first
        if failing:
            return 500, "text/plain", b"Internal Server Error", {}
        path = urllib.parse.urlsplit(record.path).path
        if path == self.TOKEN_PATH:
            if record.method != "PUT":
                return 405, "text/plain", b"Method Not Allowed", {}
            return self._issue_token(record)
        if record.method != "GET":
            return (405 if path.startswith("/latest/") else 404), "text/plain", b"", {}
        if not self._token_valid(record.header(self.TOKEN_HEADER)):
            return 401, "text/plain", b"Unauthorized", {}
        prefix = self.CREDENTIALS_PATH
        if path in (prefix, prefix.rstrip("/")):
            return 200, "text/plain", self.role.encode(), {}
        if path.startswith(prefix) and path[len(prefix):] == self.role:
            return 200, "text/plain", json.dumps(self.document(), indent=2).encode(), {}
        return 404, "text/plain", b"Not Found", {}

    def _issue_token(self, record):
        if record.header("X-Forwarded-For") is not None:
            return 403, "text/plain", b"Forbidden", {}
        ttl_text = record.header(self.TTL_HEADER)
        try:
            ttl = int((ttl_text or "").strip())
        except ValueError:
            ttl = 0
        if not 1 <= ttl <= 21600:
            return 400, "text/plain", b"Bad Request", {}
        token = base64.b64encode(secrets.token_bytes(42)).decode()
        with self._lock:
            self._tokens[token] = time.monotonic() + ttl
        return 200, "text/plain", token.encode(), {self.TTL_HEADER: str(ttl)}

    def _token_valid(self, token):
        if self.reject_tokens or not token:
            return False
        with self._lock:
            expiry = self._tokens.get(token)
        return expiry is not None and time.monotonic() < expiry


# --------------------------------------------------------------------------------------------
# Container credentials (ECS / EKS Pod Identity style)
# --------------------------------------------------------------------------------------------

class EcsServer(_LoopbackServer):
    """A container credentials endpoint.

    `GET <path>` answers {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"[, "AccountId"]}.
    With `token` set, the request needs `Authorization: <token>` byte for byte: missing is 401,
    different is 403. Other paths 404, other methods 405.
    """

    def __init__(self, credentials=None, path="/v2/credentials/rolehelper-test", token=None, account_id=None,
                 role_arn="arn:aws:iam::123456789012:role/ecs-task-role"):
        super().__init__()
        self.credentials = credentials or FakeCredentials.make(tag="ECS")
        self.path = path
        self.token = token
        self.account_id = account_id
        self.role_arn = role_arn

    @property
    def full_uri(self):
        """The AWS_CONTAINER_CREDENTIALS_FULL_URI value for this server."""
        return self.url + self.path

    def document(self):
        creds = self.credentials
        doc = {
            "RoleArn": self.role_arn,
            "AccessKeyId": creds.access_key_id,
            "SecretAccessKey": creds.secret_access_key,
            "Token": creds.session_token,
            "Expiration": creds.expiration or utc_timestamp(6 * 3600),
        }
        if self.account_id is not None:
            doc["AccountId"] = self.account_id
        return doc

    def _dispatch(self, record):
        if urllib.parse.urlsplit(record.path).path != self.path:
            return 404, "application/json", b'{"code":"NotFound","message":"no such path"}', {}
        if record.method != "GET":
            return 405, "application/json", b'{"code":"MethodNotAllowed"}', {}
        if self.token is not None:
            sent = record.header_values("Authorization")
            if not sent:
                return 401, "application/json", b'{"code":"Unauthorized","message":"missing token"}', {}
            if sent != [self.token]:
                return 403, "application/json", b'{"code":"AccessDenied","message":"invalid token"}', {}
        return 200, "application/json", json.dumps(self.document()).encode(), {}


# --------------------------------------------------------------------------------------------
# SigV4 verification
# --------------------------------------------------------------------------------------------

def _uri_encode(text, safe="-_.~"):
    return urllib.parse.quote(text, safe=safe)


def stdlib_sigv4_signature(method, path, query, headers, body, secret, amz_date, region, service):
    """The SigV4 signature (hex) for a request, computed from aws-facts §5 with hashlib/hmac only.

    `headers` maps lower-case names of the *signed* headers to their values (repeated values
    already joined with ','); `query` is the raw query string (already percent-encoded)."""
    pairs = sorted(pair.partition("=")[::2] for pair in query.split("&")) if query else []
    canonical_query = "&".join(f"{k}={v}" for k, v in pairs)
    canonical_path = _uri_encode(_normalize_path(path), safe="/~")
    canonical_headers = "".join(f"{name}:{' '.join(headers[name].split())}\n" for name in sorted(headers))
    signed = ";".join(sorted(headers))
    payload_hash = headers.get("x-amz-content-sha256") or hashlib.sha256(body).hexdigest()
    canonical_request = "\n".join([method.upper(), canonical_path, canonical_query, canonical_headers, signed,
                                   payload_hash])
    scope = f"{amz_date[:8]}/{region}/{service}/aws4_request"
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                                hashlib.sha256(canonical_request.encode()).hexdigest()])

    def sign(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    key = sign(("AWS4" + secret).encode(), amz_date[:8])
    for part in (region, service, "aws4_request"):
        key = sign(key, part)
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def _normalize_path(path):
    if not path:
        return "/"
    parts = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            continue
        parts.append(segment)
    normalized = "/" + "/".join(parts)
    if path.endswith("/") and normalized != "/":
        normalized += "/"
    return normalized


def botocore_sigv4_signature(method, path, query, headers, body, access_key_id, secret, token, amz_date, region,
                             service):
    """The same signature recomputed with botocore.auth.SigV4Auth (needs botocore)."""
    url = f"http://{headers['host']}{path}" + (f"?{query}" if query else "")
    request = _BotocoreAWSRequest(method=method, url=url, headers=dict(headers), data=body)
    request.context["timestamp"] = amz_date
    auth = _BotocoreSigV4Auth(_BotocoreCredentials(access_key_id, secret, token), service, region)
    if auth.signed_headers(auth.headers_to_sign(request)) != ";".join(sorted(headers)):
        raise AssertionError("botocore would sign a different header set")
    canonical_request = auth.canonical_request(request)
    return auth.signature(auth.string_to_sign(request, canonical_request), request)


def check_sigv4(record, secret, token, region, service="sts", max_skew_seconds=900):
    """Check `record`'s SigV4 Authorization header against `secret`. Returns a list of problems
    (empty: the signature is valid) and sets record.signature_checked_by."""
    problems = []
    authorization = record.header("Authorization") or ""
    match = AUTHORIZATION_RE.match(authorization)
    if not match:
        return [f"Authorization header is not 'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., "
                f"Signature=<64 hex>': {authorization[:120]!r}"]
    amz_date = record.header("X-Amz-Date") or ""
    try:
        signed_at = datetime.datetime.strptime(amz_date, AMZ_DATE_FORMAT).replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return [f"X-Amz-Date is not YYYYMMDDTHHMMSSZ: {amz_date!r}"]
    skew = abs((datetime.datetime.now(datetime.timezone.utc) - signed_at).total_seconds())
    if skew > max_skew_seconds:
        problems.append(f"X-Amz-Date {amz_date} is {skew:.0f} s away from now")
    if match["date"] != amz_date[:8]:
        problems.append(f"credential scope date {match['date']} is not the X-Amz-Date day {amz_date[:8]}")
    if match["region"] != region:
        problems.append(f"credential scope region {match['region']!r}, expected {region!r}")
    if match["service"] != service:
        problems.append(f"credential scope service {match['service']!r}, expected {service!r}")
    signed = match["signed"].split(";")
    if signed != sorted(set(signed)) or any(name != name.lower() for name in signed):
        problems.append(f"SignedHeaders not sorted, unique and lower-case: {match['signed']}")
    for required in ("host", "x-amz-date"):
        if required not in signed:
            problems.append(f"SignedHeaders lacks {required}: {match['signed']}")
    sent_token = record.header_values("X-Amz-Security-Token")
    if token is not None:
        if sent_token != [token]:
            problems.append("X-Amz-Security-Token is missing or not the session token of the signing credentials")
        if "x-amz-security-token" not in signed:
            problems.append("X-Amz-Security-Token is sent but not signed")
    elif sent_token:
        problems.append("X-Amz-Security-Token sent with long-term credentials")
    headers = {}
    for name in signed:
        values = record.header_values(name)
        if not values:
            problems.append(f"signed header {name!r} was not sent")
        headers[name] = ",".join(" ".join(v.split()) for v in values)
    content_sha = headers.get("x-amz-content-sha256")
    if content_sha is not None and content_sha != hashlib.sha256(record.body).hexdigest():
        problems.append("X-Amz-Content-SHA256 does not match the body")
    if problems and any("was not sent" in p for p in problems):
        return problems
    split = urllib.parse.urlsplit(record.path)
    if HAVE_BOTOCORE:
        record.signature_checked_by = "botocore"
        expected = botocore_sigv4_signature(record.method, split.path, split.query, headers, record.body,
                                            match["akid"], secret, token, amz_date, match["region"],
                                            match["service"])
    else:
        record.signature_checked_by = "stdlib"
        expected = stdlib_sigv4_signature(record.method, split.path, split.query, headers, record.body, secret,
                                          amz_date, match["region"], match["service"])
    if not hmac.compare_digest(expected, match["signature"]):
        problems.append("signature does not match the one recomputed with the known secret "
                        f"({record.signature_checked_by})")
    return problems


# --------------------------------------------------------------------------------------------
# STS
# --------------------------------------------------------------------------------------------

class MiniSts(_LoopbackServer):
    """A tiny STS Query endpoint (`POST /`, form body) that checks who signed each request.

    `trust` lists the FakeCredentials whose signatures it accepts (more via `trust_credentials()`).
    For each request it records the form, the signing AKID (`record.access_key_id`) and
    `record.problems`, everything that makes it not what real STS accepts: wrong method, path or
    Content-Type, missing/invalid parameters, unknown AKID, bad signature (recomputed with
    botocore's SigV4Auth and the known secret), missing or wrong X-Amz-Security-Token.
    A request with problems gets the STS error XML (403 for auth problems, 400 otherwise);
    otherwise AssumeRole answers `issued` (fixed fake credentials, Expiration = now +
    DurationSeconds, default 3600) and GetCallerIdentity the caller's identity.

    `fail_with=(http_status, code, message)` answers every AssumeRole with that error after the checks.
    """

    def __init__(self, trust=(), region="us-east-1", issued=None, fail_with=None, max_skew_seconds=900):
        super().__init__()
        self.region = region
        # Expiration None: each AssumeRole answers now + DurationSeconds.
        self.issued = issued or dataclasses.replace(FakeCredentials.make(tag="MINISTS"), expiration=None)
        self.fail_with = fail_with
        self.max_skew_seconds = max_skew_seconds
        self._trusted = {}
        for creds in trust:
            self.trust_credentials(creds)

    def trust_credentials(self, creds):
        with self._lock:
            self._trusted[creds.access_key_id] = creds

    @property
    def assume_role_requests(self):
        return [r for r in self.requests if (r.form or {}).get("Action") == "AssumeRole"]

    # responses
    @staticmethod
    def _xml(status, text):
        return status, "text/xml", text.encode(), {"x-amzn-RequestId": str(uuid.uuid4())}

    def _error(self, status, code, message):
        kind = "Receiver" if status >= 500 else "Sender"
        return self._xml(status, (
            f'<ErrorResponse xmlns="{STS_XMLNS}">\n'
            f"  <Error>\n    <Type>{kind}</Type>\n    <Code>{xml_escape(code)}</Code>\n"
            f"    <Message>{xml_escape(message)}</Message>\n  </Error>\n"
            f"  <RequestId>{uuid.uuid4()}</RequestId>\n</ErrorResponse>\n"))

    def _dispatch(self, record):
        problems = record.problems
        if record.method != "POST":
            problems.append(f"method {record.method}, expected POST")
        if urllib.parse.urlsplit(record.path).path != "/":
            problems.append(f"path {record.path!r}, expected '/'")
        content_type = record.header("Content-Type") or ""
        if content_type.split(";")[0].strip().lower() != FORM_CONTENT_TYPE:
            problems.append(f"Content-Type {content_type!r}, expected {FORM_CONTENT_TYPE}")
        try:
            pairs = urllib.parse.parse_qsl(record.body.decode("utf-8"), keep_blank_values=True,
                                           strict_parsing=bool(record.body))
        except (UnicodeDecodeError, ValueError) as error:
            problems.append(f"body is not form-encoded UTF-8: {error}")
            pairs = []
        record.form = dict(pairs)
        names = [name for name, _ in pairs]
        if len(names) != len(set(names)):
            problems.append(f"repeated parameters: {names}")
        if problems:
            return self._error(400, "InvalidRequest", "; ".join(problems))

        auth_problems = self._authenticate(record)
        if auth_problems:
            problems.extend(auth_problems)
            code = "InvalidClientTokenId" if any("unknown access key" in p for p in auth_problems) else (
                "SignatureDoesNotMatch")
            return self._error(403, code, "; ".join(auth_problems))

        form = record.form
        if form.get("Version") != STS_VERSION:
            problems.append(f"Version {form.get('Version')!r}, expected {STS_VERSION}")
            return self._error(400, "InvalidParameterValue", problems[-1])
        action = form.get("Action")
        if action == "AssumeRole":
            return self._assume_role(record)
        if action == "GetCallerIdentity":
            return self._get_caller_identity(record)
        problems.append(f"unsupported Action {action!r}")
        return self._error(400, "InvalidAction", problems[-1])

    def _authenticate(self, record):
        match = AUTHORIZATION_RE.match(record.header("Authorization") or "")
        if match:
            record.access_key_id = match["akid"]
        else:
            return check_sigv4(record, "", None, self.region)  # reports the malformed header
        with self._lock:
            creds = self._trusted.get(match["akid"])
        if creds is None:
            return [f"unknown access key {match['akid']}"]
        return check_sigv4(record, creds.secret_access_key, creds.session_token, self.region,
                           max_skew_seconds=self.max_skew_seconds)

    def _assume_role(self, record):
        form, problems = record.form, record.problems
        arn = ROLE_ARN_RE.match(form.get("RoleArn", ""))
        if not arn:
            problems.append(f"RoleArn missing or malformed: {form.get('RoleArn')!r}")
        session = form.get("RoleSessionName", "")
        if not ROLE_SESSION_NAME_RE.match(session):
            problems.append(f"RoleSessionName missing or malformed: {session!r}")
        duration = 3600
        if "DurationSeconds" in form:
            try:
                duration = int(form["DurationSeconds"])
            except ValueError:
                duration = -1
            if not 900 <= duration <= 43200:
                problems.append(f"DurationSeconds out of 900..43200: {form['DurationSeconds']!r}")
        if problems:
            return self._error(400, "ValidationError", "; ".join(problems))
        if self.fail_with:
            status, code, message = self.fail_with
            return self._error(status, code, message)
        issued = self.issued
        expiration = issued.expiration if issued.expiration else utc_timestamp(duration)
        record.issued_expiration = expiration
        role_id = "AROA" + hashlib.sha1(arn["name"].encode()).hexdigest()[:17].upper()
        assumed_arn = f"arn:{arn['partition']}:sts::{arn['account']}:assumed-role/{arn['name']}/{session}"
        return self._xml(200, (
            f'<AssumeRoleResponse xmlns="{STS_XMLNS}">\n'
            "  <AssumeRoleResult>\n"
            "    <AssumedRoleUser>\n"
            f"      <AssumedRoleId>{role_id}:{xml_escape(session)}</AssumedRoleId>\n"
            f"      <Arn>{xml_escape(assumed_arn)}</Arn>\n"
            "    </AssumedRoleUser>\n"
            "    <Credentials>\n"
            f"      <AccessKeyId>{issued.access_key_id}</AccessKeyId>\n"
            f"      <SecretAccessKey>{xml_escape(issued.secret_access_key)}</SecretAccessKey>\n"
            f"      <SessionToken>{xml_escape(issued.session_token)}</SessionToken>\n"
            f"      <Expiration>{expiration}</Expiration>\n"
            "    </Credentials>\n"
            "  </AssumeRoleResult>\n"
            f"  <ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>\n"
            "</AssumeRoleResponse>\n"))

    def _get_caller_identity(self, record):
        akid = record.access_key_id
        if akid == self.issued.access_key_id:
            last = next((r for r in reversed(self.assume_role_requests) if r.status == 200), None)
            arn_match = ROLE_ARN_RE.match(last.form["RoleArn"]) if last else None
            account = arn_match["account"] if arn_match else "123456789012"
            name = arn_match["name"] if arn_match else "role"
            session = last.form["RoleSessionName"] if last else "session"
            arn, user_id = f"arn:aws:sts::{account}:assumed-role/{name}/{session}", f"AROAEXAMPLE:{session}"
        else:
            account, arn, user_id = "123456789012", "arn:aws:iam::123456789012:user/rolehelper-test", akid
        return self._xml(200, (
            f'<GetCallerIdentityResponse xmlns="{STS_XMLNS}">\n'
            "  <GetCallerIdentityResult>\n"
            f"    <Arn>{arn}</Arn>\n    <UserId>{user_id}</UserId>\n    <Account>{account}</Account>\n"
            "  </GetCallerIdentityResult>\n"
            f"  <ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>\n"
            "</GetCallerIdentityResponse>\n"))


def free_port():
    """A loopback port nobody listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------------------------
# Self-tests: `python3 tests/cli/metadata_servers.py`
# --------------------------------------------------------------------------------------------

_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_call(method, url, headers=None, data=None):
    """(status, headers, body bytes) for one request, never through a proxy, errors included."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _NO_PROXY_OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def signed_sts_call(sts, params, creds, region="us-east-1", tamper=None, drop_token=False):
    """POST `params` to a MiniSts, signed by botocore (by the stdlib signer without botocore);
    `tamper(body)` changes the body after signing, `drop_token` removes X-Amz-Security-Token."""
    body = urllib.parse.urlencode(params, quote_via=urllib.parse.quote).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    if HAVE_BOTOCORE:
        request = _BotocoreAWSRequest(method="POST", url=sts.url + "/", headers=headers, data=body)
        _BotocoreSigV4Auth(_BotocoreCredentials(creds.access_key_id, creds.secret_access_key, creds.session_token),
                           "sts", region).add_auth(request)
        headers = dict(request.headers.items())
    else:
        amz_date = time.strftime(AMZ_DATE_FORMAT, time.gmtime())
        headers["X-Amz-Date"] = amz_date
        if creds.session_token:
            headers["X-Amz-Security-Token"] = creds.session_token
        signed = {k.lower(): v for k, v in headers.items()}
        signed["host"] = f"{LOOPBACK}:{sts.port}"
        sig = stdlib_sigv4_signature("POST", "/", "", signed, body, creds.secret_access_key, amz_date, region, "sts")
        headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={creds.access_key_id}/{amz_date[:8]}/{region}"
                                    f"/sts/aws4_request, SignedHeaders={';'.join(sorted(signed))}, Signature={sig}")
    if drop_token:
        headers.pop("X-Amz-Security-Token", None)
    if tamper:
        body = tamper(body)
    return http_call("POST", sts.url + "/", headers, body)


class ImdsServerSelfTest(unittest.TestCase):
    def setUp(self):
        self.imds = ImdsServer(role="my-role").start()
        self.addCleanup(self.imds.stop)

    def token(self, ttl="21600"):
        status, headers, body = http_call("PUT", self.imds.url + ImdsServer.TOKEN_PATH,
                                          {ImdsServer.TTL_HEADER: ttl})
        self.assertEqual(status, 200)
        self.assertEqual(headers[ImdsServer.TTL_HEADER], ttl)
        return body.decode()

    def test_token_flow_serves_role_and_credentials(self):
        token = self.token()
        status, _, body = http_call("GET", self.imds.url + ImdsServer.CREDENTIALS_PATH,
                                    {ImdsServer.TOKEN_HEADER: token})
        self.assertEqual((status, body), (200, b"my-role"))
        status, _, body = http_call("GET", self.imds.url + ImdsServer.CREDENTIALS_PATH + "my-role",
                                    {ImdsServer.TOKEN_HEADER: token})
        self.assertEqual(status, 200)
        doc = json.loads(body)
        creds = self.imds.credentials
        self.assertEqual(doc["Code"], "Success")
        self.assertEqual(doc["Type"], "AWS-HMAC")
        self.assertEqual((doc["AccessKeyId"], doc["SecretAccessKey"], doc["Token"]),
                         (creds.access_key_id, creds.secret_access_key, creds.session_token))
        self.assertTrue(creds.access_key_id.startswith("ASIA"))
        left = (parse_timestamp(doc["Expiration"]) - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.assertTrue(5 * 3600 < left <= 6 * 3600, left)
        parse_timestamp(doc["LastUpdated"])
        methods = [(r.method, r.path, r.status) for r in self.imds.requests]
        self.assertEqual(methods, [("PUT", "/latest/api/token", 200),
                                   ("GET", "/latest/meta-data/iam/security-credentials/", 200),
                                   ("GET", "/latest/meta-data/iam/security-credentials/my-role", 200)])
        self.assertEqual(self.imds.requests[1].header("x-aws-ec2-metadata-token"), token)
        self.assertEqual(self.imds.issued_tokens, [token])

    def test_get_without_or_with_bad_token_is_401(self):
        url = self.imds.url + ImdsServer.CREDENTIALS_PATH
        self.assertEqual(http_call("GET", url)[0], 401)
        self.assertEqual(http_call("GET", url, {ImdsServer.TOKEN_HEADER: "made-up"})[0], 401)
        self.assertEqual(http_call("GET", url + "my-role")[0], 401)

    def test_token_ttl_must_be_1_to_21600(self):
        url = self.imds.url + ImdsServer.TOKEN_PATH
        self.assertEqual(http_call("PUT", url)[0], 400)
        for bad in ("0", "21601", "-5", "abc", ""):
            with self.subTest(ttl=bad):
                self.assertEqual(http_call("PUT", url, {ImdsServer.TTL_HEADER: bad})[0], 400)
        for good in ("1", "21600"):
            self.token(good)

    def test_expired_token_is_401(self):
        token = self.token("1")
        time.sleep(1.2)
        self.assertEqual(http_call("GET", self.imds.url + ImdsServer.CREDENTIALS_PATH,
                                   {ImdsServer.TOKEN_HEADER: token})[0], 401)

    def test_forwarded_put_is_403(self):
        status = http_call("PUT", self.imds.url + ImdsServer.TOKEN_PATH,
                           {ImdsServer.TTL_HEADER: "60", "X-Forwarded-For": "10.0.0.1"})[0]
        self.assertEqual(status, 403)
        self.assertEqual(self.imds.issued_tokens, [])

    def test_other_paths_and_methods(self):
        token = self.token()
        auth = {ImdsServer.TOKEN_HEADER: token}
        self.assertEqual(http_call("GET", self.imds.url + ImdsServer.CREDENTIALS_PATH + "other", auth)[0], 404)
        self.assertEqual(http_call("GET", self.imds.url + "/latest/meta-data/ami-id", auth)[0], 404)
        self.assertEqual(http_call("GET", self.imds.url + ImdsServer.TOKEN_PATH, auth)[0], 405)

    def test_fail_first_then_ok(self):
        self.imds.fail_first = 2
        url = self.imds.url + ImdsServer.TOKEN_PATH
        self.assertEqual(http_call("PUT", url, {ImdsServer.TTL_HEADER: "60"})[0], 500)
        self.assertEqual(http_call("PUT", url, {ImdsServer.TTL_HEADER: "60"})[0], 500)
        self.token("60")

    def test_reject_tokens(self):
        self.imds.reject_tokens = True
        token = self.token()
        self.assertEqual(http_call("GET", self.imds.url + ImdsServer.CREDENTIALS_PATH,
                                   {ImdsServer.TOKEN_HEADER: token})[0], 401)

    def test_keep_alive_connection_serves_several_requests(self):
        import http.client

        connection = http.client.HTTPConnection(LOOPBACK, self.imds.port, timeout=10)
        self.addCleanup(connection.close)
        connection.request("PUT", ImdsServer.TOKEN_PATH, headers={ImdsServer.TTL_HEADER: "60"})
        token = connection.getresponse().read().decode()
        connection.request("GET", ImdsServer.CREDENTIALS_PATH, headers={ImdsServer.TOKEN_HEADER: token})
        self.assertEqual(connection.getresponse().read(), b"my-role")


class EcsServerSelfTest(unittest.TestCase):
    def test_without_token_serves_credentials(self):
        with EcsServer(account_id="123456789012") as ecs:
            status, headers, body = http_call("GET", ecs.full_uri)
            self.assertEqual(status, 200)
            self.assertEqual(headers["Content-Type"], "application/json")
            doc = json.loads(body)
            self.assertEqual(doc["AccessKeyId"], ecs.credentials.access_key_id)
            self.assertEqual(doc["Token"], ecs.credentials.session_token)
            self.assertEqual(doc["AccountId"], "123456789012")
            parse_timestamp(doc["Expiration"])
            self.assertEqual(http_call("GET", ecs.url + "/other")[0], 404)
            self.assertEqual(http_call("POST", ecs.full_uri, data=b"x")[0], 405)

    def test_token_is_required_verbatim(self):
        token = "Basic dXNlcjpwYXNzd29yZA== extra"
        with EcsServer(token=token) as ecs:
            self.assertEqual(http_call("GET", ecs.full_uri)[0], 401)
            self.assertEqual(http_call("GET", ecs.full_uri, {"Authorization": "wrong"})[0], 403)
            self.assertEqual(http_call("GET", ecs.full_uri, {"Authorization": "Bearer " + token})[0], 403)
            status, _, body = http_call("GET", ecs.full_uri, {"Authorization": token})
            self.assertEqual(status, 200)
            self.assertNotIn("AccountId", json.loads(body))
            self.assertEqual([r.status for r in ecs.requests], [401, 403, 403, 200])
            self.assertEqual(ecs.requests[-1].header("authorization"), token)


class SigV4SelfTest(unittest.TestCase):
    # aws-facts §5.3 F: an STS AssumeRole request, cross-checked there with botocore.
    BODY = (b"Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
            b"&RoleSessionName=rolehelper-test&Version=2011-06-15")
    HEADERS = {"content-type": "application/x-www-form-urlencoded; charset=utf-8",
               "host": "sts.us-east-1.amazonaws.com", "x-amz-date": "20150830T123600Z"}
    SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    def test_stdlib_signature_matches_worked_examples(self):
        sig = stdlib_sigv4_signature("POST", "/", "", self.HEADERS, self.BODY, self.SECRET, "20150830T123600Z",
                                     "us-east-1", "sts")
        self.assertEqual(sig, "597463af70e39ac5977c1dda77c383768badfa49ca119374f19516d8d4ac0f71")
        with_token = dict(self.HEADERS, **{"x-amz-security-token": "FQoGZXIvYXdzEXAMPLETOKEN"})
        sig = stdlib_sigv4_signature("POST", "/", "", with_token, self.BODY, self.SECRET, "20150830T123600Z",
                                     "us-east-1", "sts")
        self.assertEqual(sig, "51504aca723c3375e540730186edd131235dce73361a1bd4369e0d6eaf72f103")
        # aws4 test suite: get-vanilla-query-order-key-case
        sig = stdlib_sigv4_signature("GET", "/", "Param2=value2&Param1=value1",
                                     {"host": "example.amazonaws.com", "x-amz-date": "20150830T123600Z"}, b"",
                                     self.SECRET, "20150830T123600Z", "us-east-1", "service")
        self.assertEqual(sig, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")

    @unittest.skipUnless(HAVE_BOTOCORE, "botocore not installed")
    def test_botocore_recomputation_matches_worked_example(self):
        sig = botocore_sigv4_signature("POST", "/", "", self.HEADERS, self.BODY, "AKIDEXAMPLE", self.SECRET, None,
                                       "20150830T123600Z", "us-east-1", "sts")
        self.assertEqual(sig, "597463af70e39ac5977c1dda77c383768badfa49ca119374f19516d8d4ac0f71")


class MiniStsSelfTest(unittest.TestCase):
    ROLE = "arn:aws:iam::123456789012:role/demo"

    def setUp(self):
        self.source = FakeCredentials.make(tag="SRC")
        self.sts = MiniSts(trust=[self.source]).start()
        self.addCleanup(self.sts.stop)

    def signed_call(self, params, creds=None, **options):
        return signed_sts_call(self.sts, params, creds or self.source, **options)

    def test_signed_assume_role_returns_credentials_xml(self):
        import xml.etree.ElementTree as ET

        status, headers, body = self.signed_call({"Action": "AssumeRole", "Version": STS_VERSION,
                                                  "RoleArn": self.ROLE, "RoleSessionName": "rolehelper-test",
                                                  "DurationSeconds": "1800"})
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["Content-Type"], "text/xml")
        ns = {"s": STS_XMLNS}
        root = ET.fromstring(body)
        self.assertEqual(root.tag, f"{{{STS_XMLNS}}}AssumeRoleResponse")
        creds = root.find("s:AssumeRoleResult/s:Credentials", ns)
        issued = self.sts.issued
        self.assertEqual(creds.find("s:AccessKeyId", ns).text, issued.access_key_id)
        self.assertEqual(creds.find("s:SecretAccessKey", ns).text, issued.secret_access_key)
        self.assertEqual(creds.find("s:SessionToken", ns).text, issued.session_token)
        left = (parse_timestamp(creds.find("s:Expiration", ns).text)
                - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.assertTrue(1700 < left <= 1800, left)
        self.assertEqual(root.find("s:AssumeRoleResult/s:AssumedRoleUser/s:Arn", ns).text,
                         "arn:aws:sts::123456789012:assumed-role/demo/rolehelper-test")
        (record,) = self.sts.requests
        self.assertEqual(record.problems, [])
        self.assertEqual(record.access_key_id, self.source.access_key_id)
        self.assertEqual(record.signature_checked_by, "botocore" if HAVE_BOTOCORE else "stdlib")
        self.assertEqual(record.form["RoleArn"], self.ROLE)
        self.assertEqual(self.sts.assume_role_requests, [record])

    @unittest.skipUnless(HAVE_BOTOCORE, "botocore not installed")
    def test_botocore_sts_client_is_accepted(self):
        import botocore.session

        session = botocore.session.get_session()
        client = session.create_client("sts", region_name="us-east-1", endpoint_url=self.sts.url,
                                       aws_access_key_id=self.source.access_key_id,
                                       aws_secret_access_key=self.source.secret_access_key,
                                       aws_session_token=self.source.session_token)
        response = client.assume_role(RoleArn=self.ROLE, RoleSessionName="from-botocore")
        self.assertEqual(response["Credentials"]["AccessKeyId"], self.sts.issued.access_key_id)
        self.assertEqual(self.sts.requests[-1].problems, [])
        identity = client.get_caller_identity()
        self.assertEqual(identity["Account"], "123456789012")

    def test_tampered_body_is_signature_mismatch(self):
        status, _, body = self.signed_call(
            {"Action": "AssumeRole", "Version": STS_VERSION, "RoleArn": self.ROLE, "RoleSessionName": "abc"},
            tamper=lambda b: b.replace(b"abc", b"abd"))
        self.assertEqual(status, 403)
        self.assertIn(b"<Code>SignatureDoesNotMatch</Code>", body)
        self.assertIn("signature does not match", " ".join(self.sts.requests[-1].problems))

    def test_wrong_secret_region_and_unknown_key_are_rejected(self):
        params = {"Action": "AssumeRole", "Version": STS_VERSION, "RoleArn": self.ROLE, "RoleSessionName": "abc"}
        wrong_secret = dataclasses.replace(self.source, secret_access_key="x" * 40)
        self.assertEqual(self.signed_call(params, creds=wrong_secret)[0], 403)
        self.assertEqual(self.signed_call(params, region="eu-west-1")[0], 403)
        self.assertIn("region", " ".join(self.sts.requests[-1].problems))
        status, _, body = self.signed_call(params, creds=FakeCredentials.make(tag="NOPE"))
        self.assertEqual(status, 403)
        self.assertIn(b"<Code>InvalidClientTokenId</Code>", body)
        status, _, body = self.signed_call(params, drop_token=True)
        self.assertEqual(status, 403)

    def test_unsigned_or_misshaped_requests_are_rejected(self):
        status, _, body = http_call("POST", self.sts.url + "/", {"Content-Type": FORM_CONTENT_TYPE},
                                    b"Action=AssumeRole&Version=2011-06-15")
        self.assertEqual(status, 403)
        self.assertIn(b"<ErrorResponse", body)
        self.assertEqual(http_call("GET", self.sts.url + "/")[0], 400)
        self.assertEqual(http_call("POST", self.sts.url + "/", {"Content-Type": "application/json"}, b"{}")[0], 400)

    def test_parameter_validation_and_fail_with(self):
        status, _, body = self.signed_call({"Action": "AssumeRole", "Version": STS_VERSION, "RoleArn": self.ROLE,
                                            "RoleSessionName": "has space"})
        self.assertEqual(status, 400)
        self.assertIn(b"ValidationError", body)
        self.assertEqual(self.signed_call({"Action": "AssumeRole", "Version": "2010-01-01", "RoleArn": self.ROLE,
                                           "RoleSessionName": "ok-name"})[0], 400)
        self.sts.fail_with = (403, "AccessDenied", "not authorized to perform sts:AssumeRole")
        status, _, body = self.signed_call({"Action": "AssumeRole", "Version": STS_VERSION, "RoleArn": self.ROLE,
                                            "RoleSessionName": "ok-name"})
        self.assertEqual(status, 403)
        self.assertIn(b"<Code>AccessDenied</Code>", body)


class LongTermKeysSelfTest(unittest.TestCase):
    def test_long_term_keys_without_token_are_accepted(self):
        creds = FakeCredentials.make(prefix="AKIA", tag="LT", session=False)
        with MiniSts(trust=[creds]) as sts:
            status, _, body = signed_sts_call(sts, {"Action": "AssumeRole", "Version": STS_VERSION,
                                                    "RoleArn": MiniStsSelfTest.ROLE, "RoleSessionName": "lt"}, creds)
            self.assertEqual(status, 200, body)
            self.assertEqual(sts.requests[-1].problems, [])
            self.assertIsNone(sts.requests[-1].header("X-Amz-Security-Token"))
            # a token sent with long-term keys is refused
            status = signed_sts_call(sts, {"Action": "GetCallerIdentity", "Version": STS_VERSION},
                                     dataclasses.replace(creds, session_token="bogus"))[0]
            self.assertEqual(status, 403)


if __name__ == "__main__":
    unittest.main(verbosity=2)
