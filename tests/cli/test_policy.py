#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`rolehelper policy trust` and `policy allow-assume`: the documents' shape, their checks, and
that they work: a moto server (signatures and IAM policies checked) gets role Pqrst with the
trust policy rolehelper printed and user Abcde gets the permission policy rolehelper printed;
then rolehelper assumes Pqrst as Abcde. A role whose trust policy names someone else refuses.
"""
import json
import subprocess
import unittest

import testlib
from moto_fixture import ACCOUNT_ID, MotoServer, USER_NAME
from testlib import BIN, RolehelperTestCase

USER_ARN = f"arn:aws:iam::{ACCOUNT_ID}:user/{USER_NAME}"
PQRST = f"arn:aws:iam::{ACCOUNT_ID}:role/Pqrst"
STRANGER = f"arn:aws:iam::{ACCOUNT_ID}:role/TrustsSomeoneElse"


def policy(*args):
    """The document rolehelper prints (checked: exit 0, nothing on stderr)."""
    done = subprocess.run([BIN, "policy", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0 or done.stderr:
        raise AssertionError(f"rolehelper policy {' '.join(args)}: {done.returncode} {done.stderr}")
    return done.stdout


class DocumentsTest(RolehelperTestCase):
    def document(self, *args):
        result = self.assertSucceeds(self.run_rolehelper("policy", *args))
        self.assertEqual(result.stderr, "")
        self.assertTrue(result.stdout.endswith("}\n"))
        return json.loads(result.stdout)

    def test_trust_names_the_principal_as_written(self):
        doc = self.document("trust", "--principal", USER_ARN)
        self.assertEqual(doc, {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": USER_ARN}, "Action": "sts:AssumeRole"}]})

    def test_trust_with_an_account_id_several_principals_external_id_and_mfa(self):
        doc = self.document("trust", "--principal", "210987654321", "--principal", USER_ARN,
                            "--external-id", "alice", "--require-mfa")
        (statement,) = doc["Statement"]
        self.assertEqual(statement["Principal"]["AWS"],
                         ["arn:aws:iam::210987654321:root", USER_ARN])
        self.assertEqual(statement["Condition"], {
            "StringEquals": {"sts:ExternalId": "alice"},
            "Bool": {"aws:MultiFactorAuthPresent": "true"}})

    def test_sts_sessions_and_other_partitions_are_principals_too(self):
        session = f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/Ghijk/ci"
        china = "arn:aws-cn:iam::123456789012:role/Deployer"
        doc = self.document("trust", "--principal", session, "--principal", china)
        self.assertEqual(doc["Statement"][0]["Principal"]["AWS"], [session, china])

    def test_allow_assume_lists_the_roles(self):
        self.assertEqual(self.document("allow-assume", "--role-arn", PQRST), {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": PQRST}]})
        doc = self.document("allow-assume", "--role-arn", PQRST, "--role-arn", STRANGER)
        self.assertEqual(doc["Statement"][0]["Resource"], [PQRST, STRANGER])

    def test_bad_input_is_a_usage_error_that_says_what_to_give(self):
        cases = [
            (("trust",), "--principal"),
            (("trust", "--principal", "Abcde"), "account id"),
            (("trust", "--principal", "arn:aws:s3:::bucket"), "ARN of a user"),
            (("trust", "--principal", "arn:aws:iam::123456789012:group/Devs"), "ARN of a user"),
            (("trust", "--principal", "arn:aws:iam:us-east-1:123456789012:user/A"), "ARN of a user"),
            (("trust", "--principal", "arn:aws:iam::123456789012:user/*"), "ARN of a user"),
            (("trust", "--principal", USER_ARN, "--external-id", "x"), "--external-id"),
            (("allow-assume",), "--role-arn"),
            (("allow-assume", "--role-arn", "arn:aws:iam::123:role/x"), "--role-arn"),
            (("allow-assume", "--role-arn", PQRST, "--principal", USER_ARN), "other document"),
            (("trust", "--principal", USER_ARN, "--role-arn", PQRST), "other document"),
            (("everything",), "trust"),
        ]
        for args, fragment in cases:
            with self.subTest(args=args):
                self.assertFailsWith(self.run_rolehelper("policy", *args), 2, fragment)


class PoliciesWorkInMotoTest(RolehelperTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        trust = policy("trust", "--principal", USER_ARN)
        allow = policy("allow-assume", "--role-arn", PQRST, "--role-arn", STRANGER)
        elsewhere = policy("trust", "--principal", "210987654321")
        cls.moto = MotoServer(extra_setup=[
            lambda iam: iam.create_role(RoleName="Pqrst", AssumeRolePolicyDocument=trust),
            lambda iam: iam.create_role(RoleName="TrustsSomeoneElse", AssumeRolePolicyDocument=elsewhere),
            lambda iam: iam.put_user_policy(UserName=USER_NAME, PolicyName="FromRolehelper",
                                            PolicyDocument=allow),
        ]).start()
        cls.addClassCleanup(cls.moto.stop)

    def env(self, **extra):
        return super().env(AWS_ENDPOINT_URL_STS=self.moto.endpoint_url, **extra)

    def setUp(self):
        super().setUp()
        self.assertSucceeds(self.run_rolehelper(
            "set-credentials", "default",
            stdin=f"{self.moto.access_key_id}\n{self.moto.secret_access_key}\n"))
        for name, arn in (("pqrst", PQRST), ("stranger", STRANGER)):
            self.assertSucceeds(self.run_rolehelper(
                "add-profile", name, "--role-arn", arn, "--source-profile", "default",
                "--region", "us-east-1"))

    def test_the_printed_policies_let_the_user_assume_the_role(self):
        whoami = self.assertSucceeds(self.run_rolehelper("whoami", "pqrst"))
        self.assertTrue(whoami.stdout.startswith(f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/Pqrst/"),
                        whoami)

    def test_a_trust_policy_for_someone_else_refuses_with_the_hint(self):
        result = self.run_rolehelper("get", "stranger")
        self.assertFailsWith(result, 1, "AccessDenied")
        self.assertIn("rolehelper policy trust", result.stderr)


if __name__ == "__main__":
    testlib.main()
