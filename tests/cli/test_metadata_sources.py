#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End-to-end tests of `credential_source` = Ec2InstanceMetadata, EcsContainer and Environment
(stdlib unittest; botocore, when installed, is only used by MiniSts to check signatures).

A role profile with a credential source takes its source credentials from IMDS, the container
endpoint or the AWS_* variables and signs AssumeRole with them. The sources are loopback
stand-ins from metadata_servers.py (IMDS via AWS_EC2_METADATA_SERVICE_ENDPOINT, the container
endpoint via AWS_CONTAINER_CREDENTIALS_FULL_URI) and STS is MiniSts (AWS_ENDPOINT_URL_STS), which
recomputes each signature with the secret it knows, so every test shows *which* credentials
signed the AssumeRole: those the source served, with its session token.

AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (http://169.254.170.2 + path) and web identity (tested
with moto elsewhere) are not covered here.
"""
import datetime
import json
import unittest
import re

from metadata_servers import (AUTHORIZATION_RE, FORM_CONTENT_TYPE, STS_VERSION, EcsServer, FakeCredentials,
                              ImdsServer, MiniSts, free_port, parse_timestamp)
# The stand-ins' own self-tests run here too, so a broken stand-in shows up as such under ctest.
from metadata_servers import (EcsServerSelfTest, ImdsServerSelfTest, LongTermKeysSelfTest,  # noqa: F401
                              MiniStsSelfTest, SigV4SelfTest)
from testlib import RolehelperTestCase, main

ACCOUNT = "123456789012"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/rolehelper-metadata-test"
PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                   "no_proxy", "NO_PROXY")
PROCESS_KEYS = {"Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "AccountId"}
STRICT_AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<akid>[A-Z0-9]+)/(?P<date>\d{8})/(?P<region>[a-z0-9-]+)/sts/aws4_request, "
    r"SignedHeaders=(?P<signed>[a-z0-9-]+(?:;[a-z0-9-]+)*), Signature=(?P<signature>[0-9a-f]{64})$")


class MetadataSourceTestCase(RolehelperTestCase):
    """Helpers: start stand-ins for the test's lifetime, write role profiles, check results."""

    region = "us-east-1"

    def serve(self, server):
        server.start()
        self.addCleanup(server.stop)
        return server

    def source_env(self, sts, **extra):
        """The test HOME's environment, no proxies, STS pointed at `sts`."""
        env = self.env(AWS_ENDPOINT_URL_STS=sts.url, **extra)
        for name in PROXY_VARIABLES:
            env.pop(name, None)
        return env

    def add_role(self, name, source, *options, region=None):
        self.assertSucceeds(self.run_rolehelper("add-profile", name, "--role-arn", ROLE_ARN, "--credential-source",
                                                source, "--region", region or self.region, *options))

    def get(self, name, env, *options):
        return self.run_rolehelper("get", name, *options, env=env)

    def assertIssued(self, result, sts):
        """`get` succeeded, silently, printing exactly the credentials MiniSts issued."""
        self.assertEqual(result.status, 0, self.explain(result, sts))
        self.assertEqual(result.stderr, "", result)
        self.assertEqual(len(result.stdout.splitlines()), 1, result)
        self.assertTrue(result.stdout.endswith("\n"), result)
        doc = json.loads(result.stdout)
        self.assertLessEqual(set(doc), PROCESS_KEYS, doc)
        self.assertIs(type(doc["Version"]), int)
        self.assertEqual(doc["Version"], 1)
        issued = sts.issued
        self.assertEqual((doc["AccessKeyId"], doc["SecretAccessKey"], doc.get("SessionToken")),
                         (issued.access_key_id, issued.secret_access_key, issued.session_token))
        answered = [r for r in sts.assume_role_requests if r.status == 200]
        self.assertTrue(answered, sts.requests)
        self.assertTrue(doc["Expiration"].endswith("Z"), doc["Expiration"])
        self.assertEqual(parse_timestamp(doc["Expiration"]), parse_timestamp(answered[-1].issued_expiration))
        return doc

    def assertSignedBy(self, sts, creds):
        """Exactly one AssumeRole reached MiniSts, correctly signed with `creds` (and its token)."""
        requests = sts.assume_role_requests
        self.assertEqual(len(requests), 1, sts.requests)
        (record,) = requests
        self.assertEqual(record.problems, [], record)
        self.assertEqual(record.access_key_id, creds.access_key_id)
        self.assertEqual(record.header("X-Amz-Security-Token"), creds.session_token)
        self.assertEqual(record.form["RoleArn"], ROLE_ARN)
        return record

    def assertNoSecrets(self, result, *creds):
        for cred in creds:
            for secret in (cred.secret_access_key, cred.session_token):
                if secret:
                    self.assertNotIn(secret, result.stderr)
                    self.assertNotIn(secret, result.stdout)

    @staticmethod
    def explain(result, *servers):
        lines = [repr(result)]
        for server in servers:
            lines.append(f"{type(server).__name__} saw {server.requests}")
        return "\n".join(lines)


class Ec2InstanceMetadataTest(MetadataSourceTestCase):
    def setUp(self):
        super().setUp()
        self.imds = self.serve(ImdsServer(role="rolehelper-instance-role"))
        self.sts = self.serve(MiniSts(trust=[self.imds.credentials], region=self.region))
        self.add_role("ec2", "Ec2InstanceMetadata")

    def imds_env(self, endpoint=None, **extra):
        return self.source_env(self.sts, AWS_EC2_METADATA_SERVICE_ENDPOINT=endpoint or self.imds.url, **extra)

    def assertImdsV2Flow(self):
        """Token PUT first (TTL 1..21600), then token-bearing GETs: the role list, then its credentials."""
        requests = self.imds.requests
        self.assertTrue(requests, "no request reached IMDS")
        first = requests[0]
        self.assertEqual((first.method, first.path, first.status), ("PUT", ImdsServer.TOKEN_PATH, 200), requests)
        ttl = first.header(ImdsServer.TTL_HEADER)
        self.assertIsNotNone(ttl, "token PUT without X-aws-ec2-metadata-token-ttl-seconds")
        self.assertTrue(1 <= int(ttl) <= 21600, ttl)
        self.assertIsNone(first.header("X-Forwarded-For"))
        tokens = self.imds.issued_tokens
        for request in requests[1:]:
            if request.method == "GET":
                self.assertIn(request.header(ImdsServer.TOKEN_HEADER), tokens, f"GET {request.path} without token")
            self.assertNotEqual(request.status, 401, request)
        paths = [r.path for r in requests if r.method == "GET" and r.status == 200]
        listing = [i for i, p in enumerate(paths) if p.rstrip("/") == ImdsServer.CREDENTIALS_PATH.rstrip("/")]
        role = [i for i, p in enumerate(paths) if p == ImdsServer.CREDENTIALS_PATH + self.imds.role]
        self.assertTrue(listing, f"no role listing GET: {paths}")
        self.assertTrue(role, f"no credentials GET for the listed role: {paths}")
        self.assertLess(listing[0], role[0], paths)

    def test_imdsv2_token_flow_and_assume_role_signed_with_instance_credentials(self):
        result = self.get("ec2", self.imds_env())
        self.assertIssued(result, self.sts)
        self.assertImdsV2Flow()
        self.assertSignedBy(self.sts, self.imds.credentials)

    def test_standard_role_arn_profile_with_credential_source(self):
        self.write(self.config, f"[profile std]\nrole_arn = {ROLE_ARN}\ncredential_source = Ec2InstanceMetadata\n"
                                f"region = {self.region}\n")
        result = self.get("std", self.imds_env())
        self.assertIssued(result, self.sts)
        self.assertImdsV2Flow()
        self.assertSignedBy(self.sts, self.imds.credentials)

    def test_endpoint_with_trailing_slash(self):
        result = self.get("ec2", self.imds_env(endpoint=self.imds.url + "/"))
        self.assertIssued(result, self.sts)
        self.assertTrue(all(r.path.startswith("/latest/") for r in self.imds.requests), self.imds.requests)
        self.assertImdsV2Flow()

    def test_metadata_disabled_fails_without_contacting_imds(self):
        for value in ("true", "TRUE"):
            with self.subTest(AWS_EC2_METADATA_DISABLED=value):
                result = self.get("ec2", self.imds_env(AWS_EC2_METADATA_DISABLED=value))
                self.assertFailsWith(result, 1, "AWS_EC2_METADATA_DISABLED")
                self.assertEqual(self.imds.requests, [])
                self.assertEqual(self.sts.requests, [])

    def test_two_server_errors_then_success(self):
        """IMDS answers 500 twice, then works. botocore makes one attempt by default, so failing
        is allowed; a success must still be the full IMDSv2 flow, a failure a clean one."""
        self.imds.fail_first = 2
        result = self.get("ec2", self.imds_env())
        if result.status == 0:
            self.assertIssued(result, self.sts)
            self.assertSignedBy(self.sts, self.imds.credentials)
            served = [r for r in self.imds.requests if r.status != 500]
            self.assertEqual(served[0].method, "PUT", served)
            self.assertTrue(all(r.header(ImdsServer.TOKEN_HEADER) for r in served if r.method == "GET"), served)
        else:
            self.assertFailsWith(result, 1)
            self.assertEqual(self.sts.requests, [])

    def test_persistent_server_errors_fail_cleanly(self):
        self.imds.fail_first = 10 ** 9
        result = self.get("ec2", self.imds_env())
        self.assertFailsWith(result, 1)
        self.assertTrue(self.imds.requests)
        self.assertEqual(self.sts.requests, [])

    def test_rejected_token_fails_cleanly(self):
        self.imds.reject_tokens = True
        result = self.get("ec2", self.imds_env())
        self.assertFailsWith(result, 1)
        self.assertEqual(self.sts.requests, [])
        for token in self.imds.issued_tokens:
            self.assertNotIn(token, result.stderr)

    def test_unreachable_imds_fails_cleanly(self):
        result = self.get("ec2", self.imds_env(endpoint=f"http://127.0.0.1:{free_port()}"))
        self.assertFailsWith(result, 1)
        self.assertEqual(self.sts.requests, [])

    def test_error_document_instead_of_credentials_fails(self):
        self.imds.credentials_document = {
            "Code": "AssumeRoleUnauthorizedAccess",
            "Message": "EC2 cannot assume the role rolehelper-instance-role.",
            "LastUpdated": "2026-01-01T00:00:00Z",
        }
        result = self.get("ec2", self.imds_env())
        self.assertFailsWith(result, 1)
        self.assertEqual(self.sts.requests, [])

    def test_sts_error_names_the_code_and_keeps_source_secrets_out(self):
        self.sts.fail_with = (403, "AccessDenied", f"User is not authorized to perform: sts:AssumeRole on {ROLE_ARN}")
        result = self.get("ec2", self.imds_env())
        self.assertFailsWith(result, 1, "AccessDenied")
        self.assertNoSecrets(result, self.imds.credentials, self.sts.issued)

    def test_account_id_of_the_role_is_printed(self):
        doc = self.assertIssued(self.get("ec2", self.imds_env()), self.sts)
        self.assertEqual(doc.get("AccountId"), ACCOUNT, doc)

    def test_cache_hit_contacts_neither_imds_nor_sts(self):
        first = self.get("ec2", self.imds_env())
        self.assertIssued(first, self.sts)
        self.imds.clear()
        self.sts.clear()
        second = self.get("ec2", self.imds_env())
        self.assertEqual(second.status, 0, second)
        self.assertEqual(second.stderr, "")
        self.assertEqual(json.loads(second.stdout), json.loads(first.stdout))
        self.assertEqual(self.imds.requests, [])
        self.assertEqual(self.sts.requests, [])


class EcsContainerTest(MetadataSourceTestCase):
    TOKEN = "Basic cm9sZWhlbHBlcjp0ZXN0LXRva2Vu/+=="  # sent verbatim, space included

    def setUp(self):
        super().setUp()
        self.ecs = self.serve(EcsServer(token=self.TOKEN))
        self.sts = self.serve(MiniSts(trust=[self.ecs.credentials], region=self.region))
        self.add_role("ecs", "EcsContainer")

    def ecs_env(self, **extra):
        extra.setdefault("AWS_CONTAINER_CREDENTIALS_FULL_URI", self.ecs.full_uri)
        return self.source_env(self.sts, **extra)

    def assertContainerFetched(self):
        requests = self.ecs.requests
        self.assertTrue(requests, "no request reached the container endpoint")
        for request in requests:
            self.assertEqual((request.method, request.path), ("GET", self.ecs.path))
            self.assertEqual(request.header_values("Authorization"), [self.TOKEN])
            self.assertEqual(request.status, 200)

    def test_full_uri_with_authorization_token(self):
        result = self.get("ecs", self.ecs_env(AWS_CONTAINER_AUTHORIZATION_TOKEN=self.TOKEN))
        self.assertIssued(result, self.sts)
        self.assertContainerFetched()
        self.assertSignedBy(self.sts, self.ecs.credentials)

    def test_full_uri_with_authorization_token_file(self):
        token_file = self.write(self.home / "ecs-token", self.TOKEN)
        result = self.get("ecs", self.ecs_env(AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=token_file))
        self.assertIssued(result, self.sts)
        self.assertContainerFetched()
        self.assertSignedBy(self.sts, self.ecs.credentials)

    def test_token_file_wins_over_token_variable(self):
        token_file = self.write(self.home / "ecs-token", self.TOKEN)
        result = self.get("ecs", self.ecs_env(AWS_CONTAINER_AUTHORIZATION_TOKEN="stale-token",
                                              AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=token_file))
        self.assertIssued(result, self.sts)
        self.assertContainerFetched()

    def test_full_uri_on_localhost(self):
        uri = f"http://localhost:{self.ecs.port}{self.ecs.path}"
        result = self.get("ecs", self.ecs_env(AWS_CONTAINER_CREDENTIALS_FULL_URI=uri,
                                              AWS_CONTAINER_AUTHORIZATION_TOKEN=self.TOKEN))
        self.assertIssued(result, self.sts)
        self.assertSignedBy(self.sts, self.ecs.credentials)

    def test_wrong_token_fails(self):
        result = self.get("ecs", self.ecs_env(AWS_CONTAINER_AUTHORIZATION_TOKEN="Basic d3Jvbmc6dG9rZW4="))
        self.assertFailsWith(result, 1)
        self.assertTrue(self.ecs.requests)
        self.assertTrue(all(r.status == 403 for r in self.ecs.requests), self.ecs.requests)
        self.assertNotIn("d3Jvbmc6dG9rZW4=", result.stderr)
        self.assertEqual(self.sts.requests, [])

    def test_missing_token_fails(self):
        result = self.get("ecs", self.ecs_env())
        self.assertFailsWith(result, 1)
        self.assertTrue(all(r.status == 401 for r in self.ecs.requests), self.ecs.requests)
        self.assertEqual(self.sts.requests, [])

    def test_http_full_uri_to_a_remote_host_is_refused_without_connecting(self):
        # A proxy trap: had rolehelper tried to fetch the URI, curl would have gone through it.
        trap = self.serve(EcsServer(path="/never"))
        for uri in ("http://example.com/creds", "http://192.0.2.10:8080/v2/credentials"):
            with self.subTest(uri=uri):
                env = self.ecs_env(AWS_CONTAINER_CREDENTIALS_FULL_URI=uri,
                                   AWS_CONTAINER_AUTHORIZATION_TOKEN=self.TOKEN)
                env.update({name: trap.url for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")})
                result = self.get("ecs", env)
                self.assertFailsWith(result, 1, "AWS_CONTAINER_CREDENTIALS_FULL_URI")
                self.assertEqual(trap.requests, [])
                self.assertEqual(self.ecs.requests, [])
                self.assertEqual(self.sts.requests, [])

    def test_no_container_variables_fails(self):
        result = self.get("ecs", self.source_env(self.sts))
        self.assertFailsWith(result, 1)
        self.assertEqual(self.sts.requests, [])


class EnvironmentSourceTest(MetadataSourceTestCase):
    def setUp(self):
        super().setUp()
        self.creds = FakeCredentials.make(tag="ENV")
        self.sts = self.serve(MiniSts(trust=[self.creds], region=self.region))
        self.add_role("envrole", "Environment")

    def env_keys(self, creds, **extra):
        extra.update(AWS_ACCESS_KEY_ID=creds.access_key_id, AWS_SECRET_ACCESS_KEY=creds.secret_access_key)
        if creds.session_token:
            extra["AWS_SESSION_TOKEN"] = creds.session_token
        return self.source_env(self.sts, **extra)

    def test_session_credentials_from_the_environment_sign_assume_role(self):
        result = self.get("envrole", self.env_keys(self.creds))
        self.assertIssued(result, self.sts)
        self.assertSignedBy(self.sts, self.creds)

    def test_long_term_keys_from_the_environment_sign_without_a_token(self):
        keys = FakeCredentials.make(prefix="AKIA", tag="ENV", session=False)
        self.sts.trust_credentials(keys)
        result = self.get("envrole", self.env_keys(keys))
        self.assertIssued(result, self.sts)
        record = self.assertSignedBy(self.sts, keys)
        self.assertIsNone(record.header("X-Amz-Security-Token"))

    def test_missing_environment_keys_fail(self):
        result = self.get("envrole", self.source_env(self.sts))
        self.assertFailsWith(result, 1)
        self.assertRegex(result.stderr, "AWS_ACCESS_KEY_ID|Environment")
        self.assertEqual(self.sts.requests, [])

    def test_signing_region_is_the_profile_region(self):
        sts = self.serve(MiniSts(trust=[self.creds], region="eu-west-1"))
        self.add_role("euw", "Environment", region="eu-west-1")
        env = self.env_keys(self.creds)
        env["AWS_ENDPOINT_URL_STS"] = sts.url
        result = self.get("euw", env)
        self.assertIssued(result, sts)
        record = self.assertSignedBy(sts, self.creds)
        self.assertIn("/eu-west-1/sts/aws4_request", record.header("Authorization"))

    def test_assume_role_request_is_well_formed_and_correctly_signed(self):
        self.assertIssued(self.get("envrole", self.env_keys(self.creds)), self.sts)
        record = self.assertSignedBy(self.sts, self.creds)
        self.assertEqual((record.method, record.path), ("POST", "/"))
        self.assertRegex(record.header("User-Agent", ""), r"^rolehelper/\d+\.\d+\.\d+")
        content_type = [part.strip().lower() for part in record.header("Content-Type", "").split(";")]
        self.assertEqual(content_type, [FORM_CONTENT_TYPE, "charset=utf-8"], record.header("Content-Type"))
        self.assertEqual(record.form["Action"], "AssumeRole")
        self.assertEqual(record.form["Version"], STS_VERSION)
        self.assertEqual(record.form["RoleArn"], ROLE_ARN)
        self.assertRegex(record.form["RoleSessionName"], r"^[\w+=,.@-]{2,64}$")
        authorization = record.header("Authorization")
        match = STRICT_AUTHORIZATION.match(authorization)
        self.assertIsNotNone(match, authorization)
        self.assertTrue(AUTHORIZATION_RE.match(authorization))
        self.assertEqual(match["akid"], self.creds.access_key_id)
        self.assertEqual(match["region"], "us-east-1")
        amz_date = record.header("X-Amz-Date")
        self.assertRegex(amz_date, r"^\d{8}T\d{6}Z$")
        self.assertEqual(match["date"], amz_date[:8])
        signed_at = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        self.assertLess(abs((datetime.datetime.now(datetime.timezone.utc) - signed_at).total_seconds()), 300)
        signed = match["signed"].split(";")
        self.assertEqual(signed, sorted(signed))
        self.assertLessEqual({"host", "x-amz-date", "x-amz-security-token"}, set(signed))
        self.assertIn(record.signature_checked_by, ("botocore", "stdlib"))
        self.assertEqual(record.problems, [])

    def test_profile_settings_reach_the_request(self):
        self.add_role("tuned", "Environment", "--duration-seconds", "1800", "--role-session-name", "meta-test",
                      "--external-id", "ext-4711")
        result = self.get("tuned", self.env_keys(self.creds))
        doc = self.assertIssued(result, self.sts)
        record = self.assertSignedBy(self.sts, self.creds)
        self.assertEqual(record.form.get("DurationSeconds"), "1800")
        self.assertEqual(record.form.get("RoleSessionName"), "meta-test")
        self.assertEqual(record.form.get("ExternalId"), "ext-4711")
        left = (parse_timestamp(doc["Expiration"]) - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.assertTrue(1700 < left <= 1800, left)


if __name__ == "__main__":
    main()
