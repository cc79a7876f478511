#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End-to-end tests of the config-file commands: add-profile, remove-profile, set-credentials,
list and show (stdlib unittest only).

Expected file contents are written out byte for byte from the editing rules, never captured
from a run of rolehelper. tests/data/edits/<case>/ holds hand-written before.ini, args and
after.ini triples that test_edit_cases_match_expected_files replays.
"""
import json
import os
import pathlib
import re
import select
import shutil
import subprocess
import time

from testlib import BIN, DATA, RolehelperTestCase, main

try:
    import botocore.configloader
    import botocore.exceptions

    HAVE_BOTOCORE = True
except ImportError:  # pragma: no cover - botocore is optional for most tests
    HAVE_BOTOCORE = False

ARN = "arn:aws:iam::123456789012:role/Ghijk"
MFA = "arn:aws:iam::123456789012:mfa/alice"
KEY_ID = "AKIAIOSFODNN7EXAMPLE"
KEY_ID2 = "AKIAI44QH8DHBEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SECRET2 = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENdGhpcyBpcyBub3QgYSByZWFsIHRva2Vu"
MASK = "****************"

EDIT_CASES = DATA / "edits"
INI_CORPUS = DATA / "ini"
LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def role_lines(name, arn=ARN, source_profile=None, credential_source=None, external_id=None, mfa_serial=None,
               duration=None, session_name=None, region=None):
    """The lines add-profile writes for a new profile, in the documented order."""
    lines = ["[default]" if name == "default" else f"[profile {name}]",
             f"credential_process = rolehelper get {name}",
             f"rolehelper_role_arn = {arn}"]
    for key, value in (("rolehelper_source_profile", source_profile),
                       ("rolehelper_credential_source", credential_source),
                       ("rolehelper_external_id", external_id),
                       ("rolehelper_mfa_serial", mfa_serial),
                       ("rolehelper_duration_seconds", duration),
                       ("rolehelper_role_session_name", session_name),
                       ("region", region)):
        if value is not None:
            lines.append(f"{key} = {value}")
    return lines


def role_text(name, le="\n", **settings):
    return le.join(role_lines(name, **settings)) + le


def first_line_ending(data):
    match = LINE_BREAK.search(data)
    return match.group(0) if match else b"\n"


def split_lines(data):
    """Lines without their breaks, the way Python's universal newlines split a file."""
    return LINE_BREAK.split(data)


def botocore_refuses(path):
    try:
        botocore.configloader.raw_config_parse(str(path))
    except botocore.exceptions.ConfigParseError:
        return True
    return False


class ConfigCommandsTestCase(RolehelperTestCase):
    """Helpers shared by the tests below."""

    def add(self, name, *options, source="default", **kwargs):
        args = ["add-profile", name, "--role-arn", ARN]
        if source is not None:
            args += ["--source-profile", source]
        return self.run_rolehelper(*args, *options, **kwargs)

    def set_credentials(self, name, stdin, *options, **kwargs):
        return self.run_rolehelper("set-credentials", name, *options, stdin=stdin, **kwargs)

    def assertBytes(self, path, expected):
        if isinstance(expected, str):
            expected = expected.encode()
        self.assertEqual(pathlib.Path(path).read_bytes(), expected)

    def assertMode(self, path, mode):
        self.assertEqual(os.stat(path).st_mode & 0o7777, mode, f"mode of {path}")

    def assertNoSecrets(self, result, *secrets):
        for secret in secrets or (SECRET, SECRET2, SESSION_TOKEN):
            self.assertNotIn(secret, result.stdout)
            self.assertNotIn(secret, result.stderr)

    def assertStderrLinesArePrefixed(self, result):
        for line in result.stderr.splitlines():
            self.assertTrue(line.startswith("rolehelper: "), result)


# ----------------------------------------------------------------------------------------------
# add-profile: new profiles


class AddProfileTest(ConfigCommandsTestCase):

    def test_add_profile_creates_missing_config_file_and_folder_with_private_modes(self):
        result = self.run_rolehelper("add-profile", "ghijk", "--role-arn", ARN, "--source-profile", "default",
                                     "--region", "us-east-1")
        self.assertSucceeds(result)
        self.assertEqual(result.stdout, "")
        self.assertStderrLinesArePrefixed(result)
        self.assertBytes(self.config, "[profile ghijk]\n"
                                      "credential_process = rolehelper get ghijk\n"
                                      "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                                      "rolehelper_source_profile = default\n"
                                      "region = us-east-1\n")
        self.assertMode(self.aws, 0o700)
        self.assertMode(self.config, 0o600)

    def test_add_profile_creates_nested_folders_of_config_file_option(self):
        target = self.home / "a" / "b" / "config"
        self.assertSucceeds(self.run_rolehelper("--config-file", target, "add-profile", "x", "--role-arn", ARN,
                                                "--credential-source", "Environment"))
        self.assertBytes(target, role_text("x", credential_source="Environment"))
        self.assertMode(target, 0o600)
        self.assertMode(target.parent, 0o700)
        self.assertMode(target.parent.parent, 0o700)
        self.assertFalse(self.config.exists())

    def test_add_profile_writes_every_option_in_documented_key_order(self):
        result = self.run_rolehelper("add-profile", "full", "--region", "eu-west-1", "--role-session-name", "me@corp",
                                     "--duration-seconds", "3600", "--mfa-serial", MFA, "--external-id", "Ext-Id:42/x",
                                     "--credential-source", "Ec2InstanceMetadata", "--role-arn", ARN)
        self.assertSucceeds(result)
        self.assertBytes(self.config, "[profile full]\n"
                                      "credential_process = rolehelper get full\n"
                                      "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                                      "rolehelper_credential_source = Ec2InstanceMetadata\n"
                                      "rolehelper_external_id = Ext-Id:42/x\n"
                                      "rolehelper_mfa_serial = arn:aws:iam::123456789012:mfa/alice\n"
                                      "rolehelper_duration_seconds = 3600\n"
                                      "rolehelper_role_session_name = me@corp\n"
                                      "region = eu-west-1\n")

    def test_add_profile_default_uses_bare_default_header(self):
        self.assertSucceeds(self.run_rolehelper("add-profile", "default", "--role-arn", ARN,
                                                "--credential-source", "EcsContainer"))
        self.assertBytes(self.config, "[default]\n"
                                      "credential_process = rolehelper get default\n"
                                      "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                                      "rolehelper_credential_source = EcsContainer\n")

    def test_add_profile_appends_after_exactly_one_blank_line(self):
        self.write(self.config, "# mine\n[default]\nregion = us-east-1\n")
        self.assertSucceeds(self.add("second"))
        self.assertBytes(self.config, "# mine\n[default]\nregion = us-east-1\n\n" + role_text("second", source_profile="default"))

    def test_add_profile_adds_one_blank_line_even_when_file_already_ends_with_one(self):
        # Always exactly one separator, so that remove-profile can take exactly that one back.
        self.write(self.config, "[default]\nregion = us-east-1\n\n")
        self.assertSucceeds(self.add("second"))
        self.assertBytes(self.config, "[default]\nregion = us-east-1\n\n\n" + role_text("second", source_profile="default"))

    def test_add_profile_to_existing_empty_file_starts_with_header(self):
        self.write(self.config, "", mode=0o600)
        self.assertSucceeds(self.add("first"))
        self.assertBytes(self.config, role_text("first", source_profile="default"))

    def test_add_profile_uses_crlf_when_the_first_line_ends_in_crlf(self):
        self.write(self.config, "[default]\r\nregion = us-east-1\r\n")
        self.assertSucceeds(self.add("win", "--region", "eu-west-2"))
        self.assertBytes(self.config, "[default]\r\nregion = us-east-1\r\n\r\n"
                         + role_text("win", le="\r\n", source_profile="default", region="eu-west-2"))

    def test_add_profile_keeps_a_missing_final_newline_missing(self):
        self.write(self.config, "[default]\nregion = us-east-1")
        self.assertSucceeds(self.add("nonl", "--region", "us-west-2"))
        self.assertBytes(self.config, "[default]\nregion = us-east-1\n\n"
                                      "[profile nonl]\n"
                                      "credential_process = rolehelper get nonl\n"
                                      "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                                      "rolehelper_source_profile = default\n"
                                      "region = us-west-2")

    def test_add_profile_to_file_without_any_line_break_uses_lf(self):
        self.write(self.config, "# nothing yet")
        self.assertSucceeds(self.add("x"))
        self.assertBytes(self.config, "# nothing yet\n\n" + role_text("x", source_profile="default")[:-1])

    def test_add_profile_with_force_on_unknown_profile_appends_it(self):
        self.write(self.config, "[default]\nregion = us-east-1\n")
        self.assertSucceeds(self.add("fresh", "--force"))
        self.assertBytes(self.config, "[default]\nregion = us-east-1\n\n" + role_text("fresh", source_profile="default"))

    def test_add_profile_missing_source_profile_is_one_warning_and_success(self):
        result = self.add("r", source="nosuchprofile")
        self.assertSucceeds(result)
        self.assertEqual(result.stdout, "")
        warnings = [line for line in result.stderr.splitlines() if "nosuchprofile" in line]
        self.assertEqual(len(warnings), 1, result)
        self.assertTrue(warnings[0].startswith("rolehelper: "), result)
        self.assertIn("warning", warnings[0])
        self.assertBytes(self.config, role_text("r", source_profile="nosuchprofile"))

    def test_add_profile_existing_source_profile_gives_no_warning(self):
        self.write(self.config, "[default]\nregion = us-east-1\n\n[profile cfgsource]\nregion = us-east-1\n")
        self.write(self.credentials, f"[credsource]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
        for number, source in enumerate(("default", "cfgsource", "credsource")):
            with self.subTest(source=source):
                result = self.add(f"r{number}", source=source)
                self.assertSucceeds(result)
                self.assertNotIn("warning", result.stderr)
                self.assertNoSecrets(result)


# ----------------------------------------------------------------------------------------------
# add-profile: refusals and validation


class AddProfileRefusalTest(ConfigCommandsTestCase):

    def test_add_profile_existing_profile_without_force_fails_and_keeps_file(self):
        original = "[default]\nregion = us-east-1\n\n[profile taken]\nregion = eu-west-1\n"
        self.write(self.config, original)
        result = self.add("taken")
        self.assertFailsWith(result, 1, "taken")
        self.assertBytes(self.config, original)

    def test_add_profile_existing_profile_error_is_one_line_even_when_source_is_missing(self):
        # The missing-source warning must not be printed on top of the error: one stderr line.
        original = "[profile taken]\nregion = eu-west-1\n"
        self.write(self.config, original)
        result = self.add("taken", source="nosuchprofile")
        self.assertFailsWith(result, 1, "taken")
        self.assertBytes(self.config, original)

    def test_add_profile_quoted_or_spaced_header_counts_as_existing(self):
        for header in ('[profile "taken"]', "[profile  taken ]", "[profile\ttaken]"):
            with self.subTest(header=header):
                original = f"[default]\nregion = us-east-1\n\n{header}\nregion = eu-west-1\n"
                self.write(self.config, original)
                self.assertFailsWith(self.add("taken"), 1, "taken")
                self.assertBytes(self.config, original)

    def test_add_profile_default_exists_as_profile_default(self):
        original = "[profile default]\nregion = eu-west-1\n"
        self.write(self.config, original)
        self.assertFailsWith(self.run_rolehelper("add-profile", "default", "--role-arn", ARN,
                                                 "--credential-source", "Environment"), 1, "default")
        self.assertBytes(self.config, original)

    def test_add_profile_refuses_a_name_with_access_keys_in_credentials_file(self):
        self.write(self.credentials, f"[keys]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
        for force in ((), ("--force",)):
            with self.subTest(force=force):
                result = self.add("keys", *force, source="nosuchprofile")
                self.assertFailsWith(result, 1, "keys")
                self.assertNoSecrets(result)
                self.assertFalse(self.config.exists())

    def assertUsageErrorWritesNothing(self, *args, fragment=""):
        original = "[default]\nregion = us-east-1\n"
        self.write(self.config, original, mode=0o640)
        inode = os.stat(self.config).st_ino
        result = self.run_rolehelper(*args)
        self.assertFailsWith(result, 2, fragment)
        self.assertBytes(self.config, original)
        self.assertEqual(os.stat(self.config).st_ino, inode)
        self.assertMode(self.config, 0o640)
        return result

    def test_add_profile_rejects_malformed_role_arns(self):
        for arn in ("bad", "", "arn:aws:iam::12345678901:role/R", "arn:aws:iam::1234567890123:role/R",
                    "arn:aws:iam::12345678901a:role/R", "arn:aws:iam::123456789012:role/",
                    "arn:aws:iam::123456789012:user/R", "arn:aws:sts::123456789012:role/R",
                    "arn:aws:iam:us-east-1:123456789012:role/R", "arn:aws:iam::123456789012:role/with space",
                    "arn::iam::123456789012:role/R"):
            with self.subTest(arn=arn):
                self.assertUsageErrorWritesNothing("add-profile", "x", "--role-arn", arn, "--source-profile", "default")

    def test_add_profile_accepts_role_arns_of_every_partition_and_with_paths(self):
        for arn in ("arn:aws:iam::123456789012:role/R", "arn:aws-cn:iam::123456789012:role/R",
                    "arn:aws-us-gov:iam::123456789012:role/path/to/R", "arn:aws:iam::000000000000:role/Name+=,.@_-"):
            with self.subTest(arn=arn):
                self.config.unlink(missing_ok=True)
                self.assertSucceeds(self.run_rolehelper("add-profile", "x", "--role-arn", arn,
                                                        "--credential-source", "Environment"))
                self.assertBytes(self.config, role_text("x", arn=arn, credential_source="Environment"))

    def assertOptionValues(self, option, good, bad):
        for value in good:
            with self.subTest(option=option, value=value):
                self.config.unlink(missing_ok=True)
                self.assertSucceeds(self.add("x", option, value))
                self.assertIn(f" = {value}\n".encode(), self.config.read_bytes())
        for value in bad:
            with self.subTest(option=option, value=value):
                self.assertUsageErrorWritesNothing("add-profile", "x", "--role-arn", ARN, "--source-profile", "default",
                                                   option, value, fragment=option)

    def test_add_profile_duration_seconds_must_be_900_to_43200(self):
        self.assertOptionValues("--duration-seconds", ("900", "3600", "43200"),
                                ("899", "43201", "0", "-900", "abc", "1e3", "3600.0", ""))

    def test_add_profile_role_session_name_shape(self):
        self.assertOptionValues("--role-session-name", ("ab", "a" * 64, "user+=,.@_-x"),
                                ("a", "a" * 65, "a b", "a:b", "a/b", ""))

    def test_add_profile_external_id_shape(self):
        self.assertOptionValues("--external-id", ("ab", "x" * 1224, "a:b/c+=,.@_-"),
                                ("a", "x" * 1225, "a b", "a#b", ""))

    def test_add_profile_mfa_serial_shape(self):
        self.assertOptionValues("--mfa-serial", (MFA, "GAHT12345678", "1" * 9, "a" * 256),
                                ("12345678", "a" * 257, "arn:aws:iam::123456789012:mfa/a b", ""))

    def test_add_profile_region_shape(self):
        self.assertOptionValues("--region", ("us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1",
                                             "ap-southeast-4"),
                                ("us east 1", "us_east_1", "US-EAST-1", "", "us-east-1;rm"))

    def test_add_profile_credential_source_is_one_of_three_case_sensitive_values(self):
        for source in ("Environment", "Ec2InstanceMetadata", "EcsContainer"):
            with self.subTest(source=source):
                self.config.unlink(missing_ok=True)
                self.assertSucceeds(self.add("x", "--credential-source", source, source=None))
                self.assertBytes(self.config, role_text("x", credential_source=source))
        for source in ("environment", "ENVIRONMENT", "Ec2instancemetadata", "Ecs", ""):
            with self.subTest(source=source):
                self.assertUsageErrorWritesNothing("add-profile", "x", "--role-arn", ARN, "--credential-source", source,
                                                   fragment="--credential-source")

    def test_add_profile_name_shape(self):
        for name in ("a", "a" * 64, "Dev.team@corp_1-x"):
            with self.subTest(name=name):
                self.config.unlink(missing_ok=True)
                self.assertSucceeds(self.add(name))
                self.assertBytes(self.config, role_text(name, source_profile="default"))
        for name in ("a" * 65, "a b", "a/b", "a]b", "[x]", "équipe", "", "a=b"):
            with self.subTest(name=name):
                self.assertUsageErrorWritesNothing("add-profile", name, "--role-arn", ARN, "--source-profile", "default")

    def test_add_profile_needs_exactly_one_of_source_profile_and_credential_source(self):
        self.assertUsageErrorWritesNothing("add-profile", "x", "--role-arn", ARN)
        self.assertUsageErrorWritesNothing("add-profile", "x", "--role-arn", ARN, "--source-profile", "default",
                                           "--credential-source", "Environment")

    def test_add_profile_name_cannot_be_its_own_source_profile(self):
        self.assertUsageErrorWritesNothing("add-profile", "x", "--role-arn", ARN, "--source-profile", "x", fragment="x")

    def test_add_profile_usage_errors(self):
        for args in (("add-profile",),
                     ("add-profile", "--role-arn", ARN, "--source-profile", "default"),
                     ("add-profile", "x", "--source-profile", "default"),
                     ("add-profile", "x", "--role-arn", ARN, "--source-profile", "default", "extra"),
                     ("add-profile", "x", "--role-arn", ARN, "--source-profile", "default", "--bogus"),
                     ("add-profile", "x", "--role-arn")):
            with self.subTest(args=args):
                self.assertUsageErrorWritesNothing(*args)


# ----------------------------------------------------------------------------------------------
# add-profile --force


class AddProfileForceTest(ConfigCommandsTestCase):

    def test_force_replaces_only_the_value_span_keeping_key_spelling_and_delimiter(self):
        self.write(self.config, "[profile x]\n"
                                "Region=us-east-1\n"
                                "ROLEHELPER_ROLE_ARN : arn:aws:iam::123456789012:role/Old\n"
                                "credential_process=rolehelper get x\n"
                                "rolehelper_source_profile\t=\told\n")
        self.assertSucceeds(self.add("x", "--region", "eu-west-1", "--force", source="new"))
        self.assertBytes(self.config, "[profile x]\n"
                                      "Region=eu-west-1\n"
                                      "ROLEHELPER_ROLE_ARN : arn:aws:iam::123456789012:role/Ghijk\n"
                                      "credential_process=rolehelper get x\n"
                                      "rolehelper_source_profile\t=\tnew\n")

    def test_force_removes_rolehelper_keys_the_command_line_does_not_set(self):
        self.write(self.config, "[profile x]\n"
                                "credential_process = rolehelper get x\n"
                                "rolehelper_role_arn = arn:aws:iam::123456789012:role/Old\n"
                                "rolehelper_source_profile = default\n"
                                "rolehelper_external_id = old-external\n"
                                "# about the MFA device\n"
                                "rolehelper_mfa_serial = arn:aws:iam::123456789012:mfa/old\n"
                                "rolehelper_duration_seconds = 7200\n"
                                "rolehelper_role_session_name = oldname\n"
                                "region = us-east-1\n"
                                "\n[default]\nregion = us-east-1\n")
        self.assertSucceeds(self.add("x", "--force"))
        self.assertBytes(self.config, "[profile x]\n"
                                      "credential_process = rolehelper get x\n"
                                      "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                                      "rolehelper_source_profile = default\n"
                                      "# about the MFA device\n"
                                      "region = us-east-1\n"
                                      "\n[default]\nregion = us-east-1\n")

    def test_force_leaves_region_alone_when_not_given(self):
        original = ("[profile x]\ncredential_process = rolehelper get x\n"
                    "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                    "rolehelper_source_profile = default\nregion = ap-south-1\n")
        self.write(self.config, original)
        self.assertSucceeds(self.add("x", "--force"))
        self.assertBytes(self.config, original)

    def test_force_is_idempotent(self):
        self.write(self.config, "[default]\nregion = us-east-1\n")
        self.assertSucceeds(self.add("x", "--external-id", "ext-1", "--region", "eu-west-1"))
        once = self.config.read_bytes()
        self.assertSucceeds(self.add("x", "--external-id", "ext-1", "--region", "eu-west-1", "--force"))
        self.assertBytes(self.config, once)

    def test_force_inserts_missing_keys_after_last_key_with_its_indentation(self):
        self.write(self.config, "[profile x]\n"
                                "  rolehelper_role_arn = arn:aws:iam::123456789012:role/Old\n"
                                "  # comment between keys\n"
                                "\toutput = json\n"
                                "# comment after the last key\n"
                                "\n[default]\nregion = us-east-1\n")
        self.assertSucceeds(self.add("x", "--external-id", "ext-1", "--region", "eu-west-1", "--force"))
        self.assertBytes(self.config, "[profile x]\n"
                                      "  rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                                      "  # comment between keys\n"
                                      "\toutput = json\n"
                                      "\tcredential_process = rolehelper get x\n"
                                      "\trolehelper_source_profile = default\n"
                                      "\trolehelper_external_id = ext-1\n"
                                      "\tregion = eu-west-1\n"
                                      "# comment after the last key\n"
                                      "\n[default]\nregion = us-east-1\n")

    def test_force_switches_credential_source_back_to_source_profile(self):
        self.write(self.config, "[profile x]\r\n"
                                "credential_process = rolehelper get x\r\n"
                                "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\r\n"
                                "rolehelper_credential_source = Environment\r\n"
                                "output = text\r\n")
        self.assertSucceeds(self.add("x", "--force", source="base"))
        self.assertBytes(self.config, "[profile x]\r\n"
                                      "credential_process = rolehelper get x\r\n"
                                      "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\r\n"
                                      "output = text\r\n"
                                      "rolehelper_source_profile = base\r\n")

    def test_force_does_not_take_nested_sub_keys_for_profile_keys(self):
        self.write(self.config, "[profile x]\n"
                                "rolehelper_role_arn = arn:aws:iam::123456789012:role/Old\n"
                                "s3 =\n"
                                "  region = eu-west-1\n"
                                "  rolehelper_source_profile = nested\n")
        self.assertSucceeds(self.add("x", "--region", "us-west-2", "--force", source="top"))
        self.assertBytes(self.config, "[profile x]\n"
                                      "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
                                      "s3 =\n"
                                      "  region = eu-west-1\n"
                                      "  rolehelper_source_profile = nested\n"
                                      "credential_process = rolehelper get x\n"
                                      "rolehelper_source_profile = top\n"
                                      "region = us-west-2\n")

    def test_force_keeps_other_sections_and_tools_keys_byte_for_byte(self):
        before = ("; top comment\n"
                  "[default]\nregion = us-east-1\n\n"
                  "[profile x]\n"
                  "rolehelper_role_arn = arn:aws:iam::123456789012:role/Old\n"
                  "rolehelper_source_profile = default\n"
                  "mfa_serial = arn:aws:iam::123456789012:mfa/tool\n"
                  "granted_sso_account_id = 123456789012\n\n"
                  "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n")
        self.write(self.config, before)
        self.assertSucceeds(self.add("x", "--force"))
        self.assertBytes(self.config, before.replace("role/Old\n", "role/Ghijk\n").replace(
            "granted_sso_account_id = 123456789012\n",
            "granted_sso_account_id = 123456789012\ncredential_process = rolehelper get x\n"))


# ----------------------------------------------------------------------------------------------
# remove-profile


class RemoveProfileTest(ConfigCommandsTestCase):

    def test_remove_profile_unknown_fails_with_status_1_and_keeps_files(self):
        original = "[default]\nregion = us-east-1\n"
        self.write(self.config, original)
        self.assertFailsWith(self.run_rolehelper("remove-profile", "ghost"), 1, "ghost")
        self.assertBytes(self.config, original)
        self.assertFalse(self.credentials.exists())

    def test_remove_profile_with_no_files_fails_with_status_1(self):
        self.assertFailsWith(self.run_rolehelper("remove-profile", "ghost"), 1, "ghost")
        self.assertFalse(self.aws.exists())

    def test_remove_profile_usage_errors(self):
        self.assertFailsWith(self.run_rolehelper("remove-profile"), 2)
        self.assertFailsWith(self.run_rolehelper("remove-profile", "a", "b"), 2)

    def test_remove_profile_removes_config_and_credentials_sections(self):
        self.write(self.config, "[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n\n"
                                "[profile prod]\nregion = us-west-2\n")
        self.write(self.credentials, f"[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\n"
                                     f"[prod]\naws_access_key_id = {KEY_ID2}\naws_secret_access_key = {SECRET2}\n")
        result = self.run_rolehelper("remove-profile", "dev")
        self.assertSucceeds(result)
        self.assertEqual(result.stdout, "")
        self.assertNoSecrets(result)
        self.assertBytes(self.config, "[default]\nregion = us-east-1\n\n[profile prod]\nregion = us-west-2\n")
        self.assertBytes(self.credentials,
                         f"[prod]\naws_access_key_id = {KEY_ID2}\naws_secret_access_key = {SECRET2}\n")

    def test_remove_profile_only_in_credentials_file(self):
        original_config = "[default]\nregion = us-east-1\n"
        self.write(self.config, original_config)
        self.write(self.credentials, f"[a]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\n"
                                     f"[b]\naws_access_key_id = {KEY_ID2}\naws_secret_access_key = {SECRET2}")
        self.assertSucceeds(self.run_rolehelper("remove-profile", "b"))
        self.assertBytes(self.credentials, f"[a]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}")
        self.assertBytes(self.config, original_config)

    def test_remove_profile_default_removes_default_and_profile_default(self):
        self.write(self.config, "[profile default]\noutput = json\n\n[profile keep]\nregion = k\n\n"
                                "[default]\nregion = us-east-1\n")
        self.write(self.credentials, f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
        self.assertSucceeds(self.run_rolehelper("remove-profile", "default"))
        self.assertBytes(self.config, "[profile keep]\nregion = k\n")
        self.assertBytes(self.credentials, "")

    def test_remove_profile_removes_every_header_variant_of_the_name(self):
        self.write(self.config, '[profile "dev"]\nregion = a\n\n[profile  dev ]\nregion = b\n\n'
                                "[profile keep]\nregion = k\n\n[profile dev]\nregion = c\n")
        self.assertSucceeds(self.run_rolehelper("remove-profile", "dev"))
        self.assertBytes(self.config, "[profile keep]\nregion = k\n")

    def test_remove_profile_keeps_sections_that_are_not_that_profile(self):
        # In the config file a bare [dev] is not profile dev; in the credentials file [profile dev] is not dev.
        self.write(self.config, "[dev]\nregion = a\n\n[profile dev]\nregion = b\n\n[profile development]\nregion = c\n")
        self.write(self.credentials, f"[profile dev]\nregion = d\n\n[dev]\naws_access_key_id = {KEY_ID}\n")
        self.assertSucceeds(self.run_rolehelper("remove-profile", "dev"))
        self.assertBytes(self.config, "[dev]\nregion = a\n\n[profile development]\nregion = c\n")
        self.assertBytes(self.credentials, "[profile dev]\nregion = d\n")

    def test_remove_profile_takes_comments_between_keys_and_following_blank_lines(self):
        self.write(self.config, "[default]\nregion = us-east-1\n\n"
                                "# describes x\n"
                                "[profile x]\n"
                                "; first\n"
                                "region = eu-west-1\n"
                                "\n"
                                "# between keys\n"
                                "output = json\n"
                                "\n\n"
                                "[profile y]\nregion = us-west-2\n")
        self.assertSucceeds(self.run_rolehelper("remove-profile", "x"))
        self.assertBytes(self.config, "[default]\nregion = us-east-1\n\n"
                                      "# describes x\n"
                                      "[profile y]\nregion = us-west-2\n")

    def test_remove_profile_last_section_takes_one_blank_line_before_it(self):
        self.write(self.config, "[default]\r\nregion = us-east-1\r\n\r\n\r\n[profile x]\r\nregion = eu-west-1\r\n")
        self.assertSucceeds(self.run_rolehelper("remove-profile", "x"))
        self.assertBytes(self.config, "[default]\r\nregion = us-east-1\r\n\r\n")

    def test_remove_profile_last_section_keeps_final_newline_missing(self):
        self.write(self.config, "[default]\nregion = us-east-1\n\n[profile x]\nregion = eu-west-1")
        self.assertSucceeds(self.run_rolehelper("remove-profile", "x"))
        self.assertBytes(self.config, "[default]\nregion = us-east-1")

    def test_remove_profile_only_section_leaves_empty_file(self):
        self.write(self.config, role_text("x", source_profile="default"), mode=0o640)
        self.assertSucceeds(self.run_rolehelper("remove-profile", "x"))
        self.assertBytes(self.config, "")
        self.assertMode(self.config, 0o640)

    def test_remove_profile_warns_about_profiles_that_still_name_it(self):
        self.write(self.config, "[profile base]\nregion = us-east-1\n\n" + role_text("dependent", source_profile="base"))
        result = self.run_rolehelper("remove-profile", "base")
        self.assertSucceeds(result)
        self.assertStderrLinesArePrefixed(result)
        self.assertTrue(any("dependent" in line and "warning" in line for line in result.stderr.splitlines()), result)
        self.assertBytes(self.config, role_text("dependent", source_profile="base"))


# ----------------------------------------------------------------------------------------------
# add-profile followed by remove-profile


class RoundTripTest(ConfigCommandsTestCase):

    LARGE = "many_profiles_10000.ini"
    ADD = ("add-profile", "rhtest", "--role-arn", ARN, "--source-profile", "default", "--region", "us-east-1")

    def expected_tail(self, original):
        """What add-profile appends to `original`, from the rules."""
        le = first_line_ending(original).decode()
        body = le.join(role_lines("rhtest", source_profile="default", region="us-east-1"))
        if not original:
            return (body + le).encode()
        if original[-1:] not in (b"\n", b"\r"):
            return (le + le + body).encode()
        return (le + body + le).encode()

    def round_trip(self, path, original):
        added = self.run_rolehelper("--config-file", path, *self.ADD)
        self.assertSucceeds(added)
        after_add = path.read_bytes()
        self.assertTrue(after_add.startswith(original), "add-profile changed bytes before the end of the file")
        self.assertEqual(after_add[len(original):], self.expected_tail(original))
        removed = self.run_rolehelper("--config-file", path, "remove-profile", "rhtest")
        self.assertSucceeds(removed)
        return path.read_bytes()

    def test_add_then_remove_restores_hand_written_files(self):
        samples = [b"", b"# only a comment\n", b"# no line break", b"[default]\nregion = us-east-1\n",
                   b"[default]\nregion = us-east-1", b"[default]\r\nregion = us-east-1\r\n",
                   b"[default]\r\nregion = us-east-1", b"[default]\rregion = us-east-1\r",
                   b"[default]\nregion = us-east-1\n# trailing comment\n",
                   b"[default]\ns3 =\n  addressing_style = path\n",
                   b"[default]\ncredential_process = /bin/creds\n    --flag", b"[profile x]\nnote = a [b] c\n"]
        for number, original in enumerate(samples):
            with self.subTest(original=original):
                path = self.write(self.home / f"sample{number}", original)
                self.assertEqual(self.round_trip(path, original), original)

    def test_add_then_remove_restores_every_accepted_corpus_file(self):
        if not HAVE_BOTOCORE:
            self.skipTest("botocore is not installed")
        checked = 0
        for source in sorted(INI_CORPUS.glob("*.ini")):
            if source.name == self.LARGE or botocore_refuses(source):
                continue
            original = source.read_bytes()
            with self.subTest(corpus=source.name):
                path = self.home / source.name
                shutil.copyfile(source, path)
                self.assertEqual(self.round_trip(path, original), original)
                checked += 1
        self.assertGreater(checked, 30)

    def test_add_then_remove_restores_the_10000_profile_corpus_file(self):
        # Its own test, with the harness's 60-second limit per command: botocore reads this
        # 1.1 MB file in under a second, so an edit of it must not take a minute.
        source = INI_CORPUS / self.LARGE
        original = source.read_bytes()
        path = self.home / self.LARGE
        shutil.copyfile(source, path)
        self.assertEqual(self.round_trip(path, original), original)

    def test_add_then_remove_on_file_ending_with_blank_lines(self):
        # add-profile always writes one separator line and remove-profile takes exactly one
        # back, so trailing blank lines survive the round trip too.
        for original in (b"[default]\nregion = us-east-1\n\n", b"[default]\nregion = us-east-1\n\n\n",
                         b"[default]\r\nregion = us-east-1\r\n  \r\n"):
            with self.subTest(original=original):
                path = self.write(self.home / "blank-end", original)
                self.assertEqual(self.round_trip(path, original), original)

    def test_add_then_remove_with_credentials_file_keeps_it_untouched(self):
        creds = f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n".encode()
        self.write(self.credentials, creds)
        self.write(self.config, "[default]\nregion = us-east-1\n")
        self.assertSucceeds(self.run_rolehelper(*self.ADD))
        self.assertSucceeds(self.run_rolehelper("remove-profile", "rhtest"))
        self.assertBytes(self.config, "[default]\nregion = us-east-1\n")
        self.assertBytes(self.credentials, creds)


# ----------------------------------------------------------------------------------------------
# set-credentials


class SetCredentialsTest(ConfigCommandsTestCase):

    def test_set_credentials_reads_key_id_and_secret_from_stdin(self):
        result = self.set_credentials("base", f"{KEY_ID}\n{SECRET}\n")
        self.assertSucceeds(result)
        self.assertEqual(result.stdout, "")
        self.assertNoSecrets(result)
        self.assertBytes(self.credentials, f"[base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
        self.assertMode(self.credentials, 0o600)
        self.assertMode(self.aws, 0o700)
        self.assertFalse(self.config.exists())

    def test_set_credentials_with_access_key_id_option_reads_only_the_secret(self):
        self.write(self.credentials, "[other]\nregion = us-east-1\n")
        result = self.set_credentials("default", f"{SECRET}\n", "--access-key-id", KEY_ID)
        self.assertSucceeds(result)
        self.assertNoSecrets(result)
        self.assertBytes(self.credentials, "[other]\nregion = us-east-1\n\n"
                                           f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")

    def test_set_credentials_accepts_crlf_input_and_no_final_newline(self):
        self.assertSucceeds(self.set_credentials("a", f"{KEY_ID}\r\n{SECRET}\r\n"))
        self.assertSucceeds(self.set_credentials("b", f"{KEY_ID2}\n{SECRET2}"))
        self.assertBytes(self.credentials, f"[a]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\n"
                                           f"[b]\naws_access_key_id = {KEY_ID2}\naws_secret_access_key = {SECRET2}\n")

    def test_set_credentials_updates_in_place_and_drops_session_tokens(self):
        self.write(self.credentials, "# keys\r\n"
                                     "[dev]\r\n"
                                     "region = us-east-1\r\n"
                                     f"aws_access_key_id = {KEY_ID2}\r\n"
                                     f"aws_session_token = {SESSION_TOKEN}\r\n"
                                     f"AWS_Secret_Access_Key={SECRET2}\r\n"
                                     "aws_security_token = legacytokenvalue\r\n"
                                     "output = json\r\n"
                                     "\r\n"
                                     "[prod]\r\n"
                                     f"aws_access_key_id = {KEY_ID2}\r\n")
        result = self.set_credentials("dev", f"{SECRET}\n", "--access-key-id", KEY_ID)
        self.assertSucceeds(result)
        self.assertNoSecrets(result)
        self.assertBytes(self.credentials, "# keys\r\n"
                                           "[dev]\r\n"
                                           "region = us-east-1\r\n"
                                           f"aws_access_key_id = {KEY_ID}\r\n"
                                           f"AWS_Secret_Access_Key={SECRET}\r\n"
                                           "output = json\r\n"
                                           "\r\n"
                                           "[prod]\r\n"
                                           f"aws_access_key_id = {KEY_ID2}\r\n")

    def test_set_credentials_narrows_a_readable_file_to_0600_with_a_warning(self):
        for mode in (0o644, 0o640, 0o604):
            with self.subTest(mode=oct(mode)):
                self.write(self.credentials, "[other]\nregion = us-east-1\n", mode=mode)
                result = self.set_credentials("me", f"{KEY_ID}\n{SECRET}\n")
                self.assertSucceeds(result)
                self.assertStderrLinesArePrefixed(result)
                self.assertEqual(len([line for line in result.stderr.splitlines() if "warning" in line]), 1, result)
                self.assertNoSecrets(result)
                self.assertMode(self.credentials, 0o600)
                self.assertBytes(self.credentials, "[other]\nregion = us-east-1\n\n"
                                 f"[me]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")

    def test_set_credentials_on_private_file_gives_no_warning(self):
        self.write(self.credentials, "[other]\nregion = us-east-1\n", mode=0o600)
        result = self.set_credentials("me", f"{KEY_ID}\n{SECRET}\n")
        self.assertSucceeds(result)
        self.assertNotIn("warning", result.stderr)

    def test_set_credentials_refuses_role_profiles(self):
        self.write(self.config, role_text("helperrole", source_profile="base") + "\n"
                   "[profile stdrole]\nrole_arn = arn:aws:iam::123456789012:role/Std\nsource_profile = base\n")
        for name in ("helperrole", "stdrole"):
            with self.subTest(name=name):
                result = self.set_credentials(name, f"{KEY_ID}\n{SECRET}\n")
                self.assertFailsWith(result, 1, name)
                self.assertNoSecrets(result)
                self.assertFalse(self.credentials.exists())

    def test_set_credentials_invalid_input_is_usage_error_and_writes_nothing(self):
        original = "[other]\nregion = us-east-1\n"
        self.write(self.credentials, original)
        cases = [
            ("bad key\n" + SECRET + "\n", ()),
            ("akiaiosfodnn7example\n" + SECRET + "\n", ()),
            ("AKIA\n" + SECRET + "\n", ()),
            (f"{KEY_ID}\nshort\n", ()),
            (f"{KEY_ID}\nsecret with spaces inside it\n", ()),
            (f"{KEY_ID}\n\n", ()),
            (f"{KEY_ID}\n", ()),
            ("", ()),
            (f"{SECRET}\n{KEY_ID}\n", ()),  # swapped lines
            (f"{SECRET}\n", ("--access-key-id", "not-a-key-id")),
        ]
        for stdin, options in cases:
            with self.subTest(stdin=stdin, options=options):
                result = self.set_credentials("me", stdin, *options)
                self.assertFailsWith(result, 2)
                self.assertNoSecrets(result)
                self.assertBytes(self.credentials, original)

    def test_set_credentials_name_shape(self):
        self.assertFailsWith(self.set_credentials("bad name", f"{KEY_ID}\n{SECRET}\n"), 2)
        self.assertFalse(self.credentials.exists())

    def test_set_credentials_has_no_secret_option(self):
        result = self.run_rolehelper("set-credentials", "me", "--secret-access-key", SECRET)
        self.assertFailsWith(result, 2)
        self.assertNoSecrets(result)
        self.assertFalse(self.credentials.exists())

    def test_set_credentials_does_not_echo_a_secret_mistakenly_given_in_argv(self):
        result = self.run_rolehelper("set-credentials", "me", "--access-key-id", KEY_ID, SECRET)
        self.assertFailsWith(result, 2)
        self.assertNoSecrets(result)
        self.assertFalse(self.credentials.exists())

    def test_set_credentials_verbose_never_prints_the_secret(self):
        result = self.run_rolehelper("-v", "set-credentials", "me", stdin=f"{KEY_ID}\n{SECRET}\n")
        self.assertSucceeds(result)
        self.assertStderrLinesArePrefixed(result)
        self.assertNoSecrets(result)

    def test_set_credentials_prompts_on_a_terminal_without_echoing_the_secret(self):
        import pty
        import termios

        pid, fd = pty.fork()
        if pid == 0:  # child: the pty is stdin, stdout, stderr and the controlling terminal
            try:
                os.execve(BIN, [BIN, "set-credentials", "tty"], self.env())
            finally:
                os._exit(127)
        transcript = bytearray()

        def read_until(predicate, timeout=20):
            deadline = time.monotonic() + timeout
            while not predicate() and time.monotonic() < deadline:
                ready, _, _ = select.select([fd], [], [], 0.1)
                if ready:
                    try:
                        data = os.read(fd, 4096)
                    except OSError:  # EIO: the child closed the terminal
                        return
                    if not data:
                        return
                    transcript.extend(data)

        try:
            read_until(lambda: b"Access Key ID" in transcript)
            self.assertIn(b"Access Key ID", bytes(transcript))
            os.write(fd, f"{KEY_ID}\n".encode())
            read_until(lambda: b"Secret Access Key" in transcript)
            deadline = time.monotonic() + 20
            while termios.tcgetattr(fd)[3] & termios.ECHO and time.monotonic() < deadline:
                time.sleep(0.01)
            self.assertFalse(termios.tcgetattr(fd)[3] & termios.ECHO, "echo still on at the secret prompt")
            os.write(fd, f"{SECRET}\n".encode())
            read_until(lambda: False)
        finally:
            deadline = time.monotonic() + 20
            while True:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                if time.monotonic() > deadline:
                    os.kill(pid, 9)
                    _, status = os.waitpid(pid, 0)
                    break
                time.sleep(0.05)
            os.close(fd)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0, bytes(transcript))
        self.assertNotIn(SECRET.encode(), bytes(transcript))
        self.assertBytes(self.credentials, f"[tty]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")


# ----------------------------------------------------------------------------------------------
# list and show


class ListShowTest(ConfigCommandsTestCase):

    def setUp(self):
        super().setUp()
        self.write(self.config, "[default]\nregion = us-east-1\n\n"
                   + role_text("helper", source_profile="base", external_id="ext-1", region="eu-west-1") + "\n"
                   + role_text("machine", credential_source="Ec2InstanceMetadata") + "\n"
                   "[profile std]\nrole_arn = arn:aws:iam::123456789012:role/Std\nsource_profile = base\n\n"
                   f"[profile inline]\naws_access_key_id = {KEY_ID2}\naws_secret_access_key = {SECRET2}\n"
                   f"aws_session_token = {SESSION_TOKEN}\n")
        self.write(self.credentials, f"[base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")

    def test_list_prints_one_line_per_profile_name_kind_detail(self):
        result = self.assertSucceeds(self.run_rolehelper("list"))
        self.assertEqual(result.stderr, "")
        self.assertNoSecrets(result)
        rows = {}
        for line in result.stdout.splitlines():
            fields = re.split(r" {2,}", line.strip())
            rows[fields[0]] = fields
        self.assertEqual(set(rows), {"default", "helper", "machine", "std", "inline", "base"})
        self.assertEqual(rows["helper"][1], "rolehelper-role")
        self.assertIn(ARN, rows["helper"][2])
        self.assertIn("base", rows["helper"][2])
        self.assertEqual(rows["machine"][1], "rolehelper-role")
        self.assertIn("Ec2InstanceMetadata", rows["machine"][2])
        self.assertEqual(rows["std"][1], "role")
        self.assertIn("arn:aws:iam::123456789012:role/Std", rows["std"][2])
        self.assertEqual(rows["base"][1], "static-keys")
        self.assertEqual(rows["inline"][1], "static-keys")

    def test_list_json_gives_name_kind_files_and_role_settings(self):
        result = self.assertSucceeds(self.run_rolehelper("list", "--json"))
        self.assertNoSecrets(result)
        self.assertNotIn(KEY_ID, result.stdout)
        entries = {entry["name"]: entry for entry in json.loads(result.stdout)}
        self.assertEqual(set(entries), {"default", "helper", "machine", "std", "inline", "base"})
        helper = entries["helper"]
        self.assertEqual(helper["kind"], "rolehelper-role")
        self.assertEqual(helper["files"], ["config"])
        self.assertEqual(helper["rolehelper_role_arn"], ARN)
        self.assertEqual(helper["rolehelper_source_profile"], "base")
        self.assertEqual(helper["region"], "eu-west-1")
        self.assertEqual(entries["machine"]["rolehelper_credential_source"], "Ec2InstanceMetadata")
        self.assertEqual(entries["std"]["kind"], "role")
        self.assertEqual(entries["base"]["files"], ["credentials"])
        self.assertEqual(entries["base"]["kind"], "static-keys")
        text_kinds = {re.split(r" {2,}", line)[0]: re.split(r" {2,}", line)[1]
                      for line in self.run_rolehelper("list").stdout.splitlines()}
        self.assertEqual(text_kinds, {name: entry["kind"] for name, entry in entries.items()})

    def test_list_with_no_files_prints_nothing(self):
        shutil.rmtree(self.aws)
        result = self.assertSucceeds(self.run_rolehelper("list"))
        self.assertEqual((result.stdout, result.stderr), ("", ""))
        result = self.assertSucceeds(self.run_rolehelper("list", "--json"))
        self.assertEqual(json.loads(result.stdout), [])

    def test_show_json_of_role_profile_has_settings_and_origins(self):
        result = self.assertSucceeds(self.run_rolehelper("show", "helper", "--json"))
        data = json.loads(result.stdout)
        self.assertEqual(set(data), {"name", "kind", "detail", "settings", "origins"})
        self.assertEqual(data["name"], "helper")
        self.assertEqual(data["kind"], "rolehelper-role")
        self.assertIn(ARN, data["detail"])
        self.assertEqual(data["settings"], {"credential_process": "rolehelper get helper",
                                            "rolehelper_role_arn": ARN,
                                            "rolehelper_source_profile": "base",
                                            "rolehelper_external_id": "ext-1",
                                            "region": "eu-west-1"})
        self.assertEqual(set(data["origins"]), set(data["settings"]))
        self.assertTrue(data["origins"]["credential_process"].endswith("config:5"), data["origins"])
        self.assertTrue(data["origins"]["region"].endswith("config:9"), data["origins"])

    def test_show_text_lists_every_setting(self):
        result = self.assertSucceeds(self.run_rolehelper("show", "helper"))
        for fragment in ("helper", "rolehelper-role", ARN, "rolehelper_source_profile", "base",
                         "rolehelper_external_id", "ext-1", "region", "eu-west-1", "config:5"):
            self.assertIn(fragment, result.stdout)

    def test_show_masks_secrets_in_text_and_json(self):
        for name, key_id, secret in (("base", KEY_ID, SECRET), ("inline", KEY_ID2, SECRET2)):
            with self.subTest(name=name):
                text = self.assertSucceeds(self.run_rolehelper("show", name))
                self.assertNoSecrets(text)
                self.assertNotIn(key_id, text.stdout)
                self.assertIn(MASK + key_id[-4:], text.stdout)
                data = json.loads(self.assertSucceeds(self.run_rolehelper("show", name, "--json")).stdout)
                self.assertEqual(data["settings"]["aws_access_key_id"], MASK + key_id[-4:])
                self.assertEqual(data["settings"]["aws_secret_access_key"], MASK)
        data = json.loads(self.run_rolehelper("show", "inline", "--json").stdout)
        self.assertEqual(data["settings"]["aws_session_token"], MASK)
        self.assertTrue(data["origins"]["aws_access_key_id"].endswith("config:21"), data["origins"])
        base = json.loads(self.run_rolehelper("show", "base", "--json").stdout)
        self.assertTrue(base["origins"]["aws_secret_access_key"].endswith("credentials:3"), base["origins"])

    def test_show_masks_legacy_security_token_and_upper_case_keys(self):
        self.write(self.credentials, f"[odd]\nAWS_ACCESS_KEY_ID = {KEY_ID}\nAws_Secret_Access_Key = {SECRET}\n"
                                     f"aws_security_token = {SESSION_TOKEN}\n")
        for args in (("show", "odd"), ("show", "odd", "--json"), ("list",), ("list", "--json"), ("-v", "show", "odd")):
            with self.subTest(args=args):
                result = self.assertSucceeds(self.run_rolehelper(*args))
                self.assertNoSecrets(result)
                self.assertNotIn(KEY_ID, result.stdout + result.stderr)

    def test_show_unknown_profile_fails_with_status_1(self):
        self.assertFailsWith(self.run_rolehelper("show", "ghost"), 1, "ghost")
        self.assertFailsWith(self.run_rolehelper("show", "ghost", "--json"), 1, "ghost")
        self.assertFailsWith(self.run_rolehelper("show"), 2)


# ----------------------------------------------------------------------------------------------
# refused files, file locations, modes, symlinks, locks, atomicity, concurrency, output rules


class FilesTest(ConfigCommandsTestCase):

    # corpus file, line botocore refuses at (None: botocore knows no line), a profile in it
    REFUSED = (("duplicate_section.ini", 13, "dev"), ("utf8_bom.ini", 1, "default"),
               ("key_before_any_section.ini", 3, "default"), ("duplicate_key_in_section.ini", 7, None),
               ("unclosed_section_header.ini", 3, None), ("empty_section_brackets.ini", 3, None),
               ("invalid_utf8_in_value.ini", None, None))

    def assertNamesFileAndLine(self, result, path, line):
        if line is None:
            self.assertIn(path.name, result.stderr)
            return
        forms = (f"{path}:{line}:", f"~/{path.relative_to(self.home)}:{line}:")
        self.assertTrue(any(form in result.stderr for form in forms), result)

    def test_refused_config_file_is_untouched_by_every_editing_command(self):
        for corpus, line, existing in self.REFUSED:
            source = INI_CORPUS / corpus
            original = source.read_bytes()
            self.write(self.config, original)
            commands = [("add-profile", "newone", "--role-arn", ARN, "--source-profile", "default"),
                        ("add-profile", existing or "default", "--role-arn", ARN, "--source-profile", "x", "--force"),
                        ("remove-profile", existing or "default")]
            for args in commands:
                with self.subTest(corpus=corpus, args=args):
                    result = self.run_rolehelper(*args)
                    self.assertFailsWith(result, 1)
                    self.assertNamesFileAndLine(result, self.config, line)
                    self.assertBytes(self.config, original)
            self.assertFalse(self.credentials.exists())

    def test_refused_credentials_file_is_untouched_by_set_credentials_and_remove_profile(self):
        self.write(self.config, "[profile dev]\nregion = us-east-1\n")
        for corpus, line, _ in self.REFUSED:
            original = (INI_CORPUS / corpus).read_bytes()
            self.write(self.credentials, original, mode=0o644)
            with self.subTest(corpus=corpus, command="set-credentials"):
                result = self.set_credentials("dev", f"{KEY_ID}\n{SECRET}\n")
                self.assertFailsWith(result, 1)
                self.assertNamesFileAndLine(result, self.credentials, line)
                self.assertNoSecrets(result)
                self.assertBytes(self.credentials, original)
                self.assertMode(self.credentials, 0o644)
            with self.subTest(corpus=corpus, command="remove-profile"):
                result = self.run_rolehelper("remove-profile", "dev")
                self.assertFailsWith(result, 1)
                self.assertBytes(self.credentials, original)
                self.assertBytes(self.config, "[profile dev]\nregion = us-east-1\n")

    def test_aws_config_file_variable_and_option(self):
        from_env = self.home / "env-config"
        from_option = self.home / "option-config"
        self.assertSucceeds(self.add("a", env=self.env(AWS_CONFIG_FILE=from_env)))
        self.assertBytes(from_env, role_text("a", source_profile="default"))
        self.assertSucceeds(self.run_rolehelper("--config-file", from_option, "add-profile", "b", "--role-arn", ARN,
                                                "--source-profile", "default", env=self.env(AWS_CONFIG_FILE=from_env)))
        self.assertBytes(from_option, role_text("b", source_profile="default"))
        self.assertBytes(from_env, role_text("a", source_profile="default"))
        self.assertFalse(self.config.exists())
        listed = self.run_rolehelper("list", "--json", env=self.env(AWS_CONFIG_FILE=from_env))
        self.assertEqual([entry["name"] for entry in json.loads(listed.stdout)], ["a"])

    def test_aws_shared_credentials_file_variable_and_option(self):
        from_env = self.home / "env-credentials"
        from_option = self.home / "option-credentials"
        env = self.env(AWS_SHARED_CREDENTIALS_FILE=from_env)
        self.assertSucceeds(self.run_rolehelper("set-credentials", "a", stdin=f"{KEY_ID}\n{SECRET}\n", env=env))
        self.assertSucceeds(self.run_rolehelper("--credentials-file", from_option, "set-credentials", "b",
                                                stdin=f"{KEY_ID}\n{SECRET}\n", env=env))
        self.assertBytes(from_env, f"[a]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
        self.assertBytes(from_option, f"[b]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
        self.assertMode(from_env, 0o600)
        self.assertFalse(self.credentials.exists())
        self.assertSucceeds(self.run_rolehelper("remove-profile", "a", env=env))
        self.assertBytes(from_env, "")

    def test_symlinked_config_is_edited_at_its_target_and_stays_a_symlink(self):
        target = self.home / "dotfiles" / "aws-config"
        self.write(target, "[default]\nregion = us-east-1\n", mode=0o640)
        self.aws.mkdir(mode=0o700)
        self.config.symlink_to(os.path.relpath(target, self.aws))
        self.assertSucceeds(self.add("x"))
        self.assertTrue(self.config.is_symlink())
        self.assertEqual(os.readlink(self.config), os.path.relpath(target, self.aws))
        self.assertBytes(target, "[default]\nregion = us-east-1\n\n" + role_text("x", source_profile="default"))
        self.assertMode(target, 0o640)
        self.assertTrue((target.parent / "aws-config.lock").exists())
        self.assertSucceeds(self.run_rolehelper("remove-profile", "x"))
        self.assertTrue(self.config.is_symlink())
        self.assertBytes(target, "[default]\nregion = us-east-1\n")

    def test_symlinked_credentials_file_is_edited_at_its_target_and_narrowed(self):
        target = self.home / "vault" / "creds"
        self.write(target, "[other]\nregion = us-east-1\n", mode=0o644)
        self.aws.mkdir(mode=0o700)
        self.credentials.symlink_to(target)
        result = self.set_credentials("me", f"{KEY_ID}\n{SECRET}\n")
        self.assertSucceeds(result)
        self.assertTrue(self.credentials.is_symlink())
        self.assertBytes(target, "[other]\nregion = us-east-1\n\n"
                                 f"[me]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
        self.assertMode(target, 0o600)
        self.assertTrue((target.parent / "creds.lock").exists())

    def test_edit_keeps_config_mode_replaces_atomically_and_leaves_only_a_lock_file(self):
        self.write(self.config, "[default]\nregion = us-east-1\n", mode=0o640)
        before = os.stat(self.config)
        self.assertSucceeds(self.add("x"))
        after = os.stat(self.config)
        self.assertMode(self.config, 0o640)
        self.assertNotEqual(before.st_ino, after.st_ino, "the file was rewritten in place, not replaced")
        self.assertEqual(sorted(p.name for p in self.aws.iterdir()), ["config", "config.lock"])
        self.assertSucceeds(self.set_credentials("me", f"{KEY_ID}\n{SECRET}\n"))
        self.assertEqual(sorted(p.name for p in self.aws.iterdir()),
                         ["config", "config.lock", "credentials", "credentials.lock"])

    def test_failed_edit_does_not_replace_the_file(self):
        self.write(self.config, "[profile x]\nregion = us-east-1\n", mode=0o644)
        before = os.stat(self.config)
        self.assertFailsWith(self.run_rolehelper("add-profile", "x", "--role-arn", ARN,
                                                 "--credential-source", "Environment"), 1, "x")
        self.assertFailsWith(self.run_rolehelper("remove-profile", "y"), 1, "y")
        after = os.stat(self.config)
        self.assertEqual((before.st_ino, before.st_mtime_ns), (after.st_ino, after.st_mtime_ns))
        self.assertMode(self.config, 0o644)

    def test_concurrent_editors_lose_no_edit(self):
        self.write(self.config, "[default]\nregion = us-east-1\n")
        count = 16
        processes = [subprocess.Popen([BIN, "add-profile", f"p{i}", "--role-arn", ARN, "--source-profile", "default"],
                                      env=self.env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE) for i in range(count)]
        processes += [subprocess.Popen([BIN, "set-credentials", f"k{i}", "--access-key-id", KEY_ID], env=self.env(),
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                      for i in range(count)]
        for process in processes:
            process.communicate(input=f"{SECRET}\n".encode() if process.stdin else None, timeout=120)
            self.assertEqual(process.returncode, 0)
        config = self.config.read_text()
        credentials = self.credentials.read_text()
        for i in range(count):
            self.assertEqual(config.count(f"[profile p{i}]\n"), 1)
            self.assertIn(f"[profile p{i}]\n" + "\n".join(role_lines(f"p{i}", source_profile="default")[1:]) + "\n",
                          config)
            self.assertEqual(credentials.count(f"[k{i}]\n"), 1)
        self.assertTrue(config.startswith("[default]\nregion = us-east-1\n\n"))
        processes = [subprocess.Popen([BIN, "remove-profile", f"p{i}"], env=self.env(), stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(count)]
        for process in processes:
            process.communicate(timeout=120)
            self.assertEqual(process.returncode, 0)
        self.assertBytes(self.config, "[default]\nregion = us-east-1\n")


class OutputRulesTest(ConfigCommandsTestCase):

    def test_failures_print_one_stderr_line_and_nothing_on_stdout(self):
        self.write(self.config, "[profile taken]\nregion = us-east-1\n")
        failures = [
            (2, ("add-profile", "x", "--role-arn", "nope", "--source-profile", "default")),
            (2, ("add-profile", "x", "--role-arn", ARN)),
            (1, ("add-profile", "taken", "--role-arn", ARN, "--credential-source", "Environment")),
            (1, ("remove-profile", "ghost")),
            (1, ("show", "ghost")),
            (2, ("show",)),
            (2, ("list", "--bogus")),
            (2, ("list", "extra")),
            (2, ("--config-file",)),
            (2, ("no-such-command",)),
        ]
        for status, args in failures:
            with self.subTest(args=args):
                self.assertFailsWith(self.run_rolehelper(*args), status)
        self.assertBytes(self.config, "[profile taken]\nregion = us-east-1\n")

    def test_no_command_is_a_one_line_usage_error(self):
        self.assertFailsWith(self.run_rolehelper(), 2)

    def test_successful_edits_print_only_prefixed_messages_on_stderr(self):
        for args, stdin in ((("add-profile", "x", "--role-arn", ARN, "--source-profile", "default"), None),
                            (("add-profile", "x", "--role-arn", ARN, "--source-profile", "default", "--force"), None),
                            (("set-credentials", "default"), f"{KEY_ID}\n{SECRET}\n"),
                            (("remove-profile", "x"), None)):
            with self.subTest(args=args):
                result = self.assertSucceeds(self.run_rolehelper(*args, stdin=stdin))
                self.assertEqual(result.stdout, "")
                self.assertStderrLinesArePrefixed(result)
                self.assertNoSecrets(result)

    def test_command_help_exits_0(self):
        for command in ("add-profile", "remove-profile", "list", "show", "set-credentials"):
            with self.subTest(command=command):
                result = self.assertSucceeds(self.run_rolehelper(command, "--help"))
                self.assertIn(command, result.stdout)

    def test_command_help_prints_each_line_once(self):
        for command in ("add-profile", "remove-profile", "list", "show", "set-credentials"):
            with self.subTest(command=command):
                lines = [line for line in self.run_rolehelper(command, "--help").stdout.splitlines() if line.strip()]
                repeated = sorted({line for line in lines if lines.count(line) > 1})
                self.assertEqual(repeated, [])


# ----------------------------------------------------------------------------------------------
# hand-written expected files


class EditCasesTest(ConfigCommandsTestCase):

    def test_edit_cases_match_expected_files(self):
        cases = sorted(path for path in EDIT_CASES.iterdir() if path.is_dir())
        self.assertGreaterEqual(len(cases), 14)
        for case in cases:
            with self.subTest(case=case.name):
                args = (case / "args").read_text().splitlines()
                config = self.home / case.name / "config"
                config.parent.mkdir(mode=0o700)
                shutil.copyfile(case / "before.ini", config)
                result = self.run_rolehelper("--config-file", config, *args)
                self.assertSucceeds(result)
                self.assertEqual(result.stdout, "")
                self.assertStderrLinesArePrefixed(result)
                self.assertEqual(config.read_bytes(), (case / "after.ini").read_bytes())

    def test_edit_case_files_are_accepted_by_botocore(self):
        if not HAVE_BOTOCORE:
            self.skipTest("botocore is not installed")
        for case in sorted(path for path in EDIT_CASES.iterdir() if path.is_dir()):
            for name in ("before.ini", "after.ini"):
                with self.subTest(case=case.name, file=name):
                    self.assertFalse(botocore_refuses(case / name))


if __name__ == "__main__":
    main()
