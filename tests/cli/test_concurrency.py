#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Concurrent editors: many rolehelper processes editing the same file at once lose no edit.

The contract (docs: "Editing rules"): edits are serialised with a lock on "<file>.lock", each
edit re-reads the file under the lock and replaces it atomically, and every byte outside the
changed keys stays as it was. So N concurrent add-profile/remove-profile/set-credentials runs
on distinct names must all succeed and leave exactly the union of their changes, with the
hand-written content untouched, in a file botocore still reads.
"""
import contextlib
import fcntl
import json
import subprocess
import time

from testlib import BIN, RolehelperTestCase, main

ACCOUNT = "123456789012"
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", "ca-central-1")
TEMP_MARKER = ".rolehelper-tmp-"
WAIT_SECONDS = 90  # per batch of processes; the editors' own lock timeout is 60 s

# Hand-written content the editors must keep byte for byte: comments of both kinds, blank lines,
# an indented nested block, odd spacing, another tool's section.
ORIGINAL_CONFIG = """\
# ~/.aws/config written by hand; rolehelper must keep every byte of this.
; a semicolon comment

[default]
region = us-east-1
output = json
s3 =
    max_concurrent_requests = 20
    signature_version = s3v4

# the developer profile
[profile dev]
region=eu-west-2
output    =    text

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
"""

ORIGINAL_PROFILES = {
    "default": {
        "region": "us-east-1",
        "output": "json",
        "s3": {"max_concurrent_requests": "20", "signature_version": "s3v4"},
    },
    "dev": {"region": "eu-west-2", "output": "text"},
}

ORIGINAL_CREDENTIALS = """\
# long-term keys, hand-written
[default]
aws_access_key_id = AKIAORIGINAL00000000
aws_secret_access_key = originalSecretKeyOriginalSecretKey000000
"""


def role_arn(i):
    return f"arn:aws:iam::{ACCOUNT}:role/Role{i:02d}"


def key_id(i):
    return f"AKIA{i:016d}"


def secret(i):
    return f"secret{i:02d}" + "ABCDEFGHIJabcdefghij0123456789+/"[: 40 - 8]


def botocore_profiles(path):
    """botocore's view of a config file: build_profile_map(raw_config_parse(path))."""
    import botocore.configloader  # imported late: a missing botocore skips only these checks

    return botocore.configloader.build_profile_map(botocore.configloader.raw_config_parse(str(path)))


def botocore_sections(path):
    import botocore.configloader

    return botocore.configloader.raw_config_parse(str(path))


class ConcurrencyTest(RolehelperTestCase):
    # ----------------------------------------------------------------- helpers

    def start(self, *args, stdin_text=None):
        """Start rolehelper; stdin_text is fed from a file, so it is all there from the start."""
        stdin = subprocess.DEVNULL
        if stdin_text is not None:
            path = self.home / f"stdin-{len(list(self.home.glob('stdin-*')))}"
            path.write_text(stdin_text)
            stdin = open(path, "rb")
            self.addCleanup(stdin.close)
        return subprocess.Popen(
            [BIN, *map(str, args)],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env(),
        )

    def finish_all(self, processes):
        """Wait for every process; return [(label, status, stdout, stderr)]."""
        deadline = time.monotonic() + WAIT_SECONDS
        results = []
        for label, proc in processes:
            try:
                out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                for _, other in processes:
                    if other.poll() is None:
                        other.kill()
                for _, other in processes:
                    other.communicate()
                self.fail(f"{label} and possibly others did not finish within {WAIT_SECONDS} s")
            results.append((label, proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")))
        return results

    def assertAllSucceeded(self, results):
        failed = [r for r in results if r[1] != 0]
        self.assertEqual(failed, [], f"{len(failed)} of {len(results)} processes failed, e.g. {failed[:3]}")

    @contextlib.contextmanager
    def holding_lock(self, path):
        """Hold the editors' sidecar lock "<file>.lock" so processes started now all queue on it."""
        with open(str(path) + ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def assertNoTempFiles(self):
        leftovers = [p.name for p in self.aws.iterdir() if TEMP_MARKER in p.name]
        self.assertEqual(leftovers, [], "temporary files left behind")

    def assertHeaderCounts(self, text, headers):
        lines = text.splitlines()
        for header in headers:
            self.assertEqual(lines.count(header), 1, f"{header!r} appears {lines.count(header)} times")

    def check_botocore_sees(self, path, expected_profiles):
        try:
            profiles = botocore_profiles(path)["profiles"]
        except ImportError:
            self.skipTest("botocore is not installed; botocore cross-check skipped")
        for name, settings in expected_profiles.items():
            self.assertIn(name, profiles, f"botocore does not see profile {name!r}")
            self.assertEqual(profiles[name], settings, f"botocore reads profile {name!r} differently")
        return profiles

    def add_profile_args(self, name, i):
        return ("add-profile", name, "--role-arn", role_arn(i), "--source-profile", "default",
                "--region", REGIONS[i % len(REGIONS)])

    def expected_added(self, name, i):
        return {
            "credential_process": f"rolehelper get {name}",
            "rolehelper_role_arn": role_arn(i),
            "rolehelper_source_profile": "default",
            "region": REGIONS[i % len(REGIONS)],
        }

    # ------------------------------------------------------------------- tests

    def run_50_add_profiles(self, released_at_once):
        self.write(self.config, ORIGINAL_CONFIG)
        names = [f"p{i:02d}" for i in range(50)]
        if released_at_once:
            # Every process starts, reads the file and then queues on the held lock; releasing
            # it makes them all race for it. An editor that applied its change to the copy it
            # read before taking the lock would lose the others' edits here.
            with self.holding_lock(self.config):
                procs = [(n, self.start(*self.add_profile_args(n, i))) for i, n in enumerate(names)]
                time.sleep(0.5)
        else:
            procs = [(n, self.start(*self.add_profile_args(n, i))) for i, n in enumerate(names)]
        results = self.finish_all(procs)
        self.assertAllSucceeded(results)
        for _, _, out, _ in results:
            self.assertEqual(out, "", "add-profile printed to stdout")

        data = self.config.read_bytes()
        self.assertTrue(data.startswith(ORIGINAL_CONFIG.encode()), "the hand-written content is no longer a prefix")
        text = data.decode()
        self.assertHeaderCounts(text, [f"[profile {n}]" for n in names] + ["[default]", "[profile dev]", "[sso-session corp]"])
        self.assertEqual(text.count("[profile "), 51, "unexpected extra profile sections")
        self.assertNoTempFiles()

        listed = self.assertSucceeds(self.run_rolehelper("list", "--json"))
        listed_names = [p["name"] for p in json.loads(listed.stdout)]
        self.assertEqual(sorted(listed_names), sorted(names + ["default", "dev"]))

        expected = dict(ORIGINAL_PROFILES)
        expected.update({n: self.expected_added(n, i) for i, n in enumerate(names)})
        profiles = self.check_botocore_sees(self.config, expected)
        self.assertEqual(sorted(profiles), sorted(expected))
        sections = botocore_sections(self.config)
        self.assertEqual(sections["sso-session corp"]["sso_start_url"], "https://corp.awsapps.com/start")

    def test_50_concurrent_add_profile(self):
        self.run_50_add_profiles(released_at_once=False)

    def test_50_concurrent_add_profile_released_at_once(self):
        self.run_50_add_profiles(released_at_once=True)

    def test_add_profile_and_set_credentials_concurrently(self):
        self.write(self.config, ORIGINAL_CONFIG)
        self.write(self.credentials, ORIGINAL_CREDENTIALS)
        adds = [f"role{i:02d}" for i in range(25)]
        creds = [f"keys{i:02d}" for i in range(25)]
        procs = []
        for i in range(25):  # interleaved, so both files see contention at the same time
            procs.append((adds[i], self.start(*self.add_profile_args(adds[i], i))))
            procs.append((creds[i], self.start("set-credentials", creds[i],
                                               stdin_text=f"{key_id(i)}\n{secret(i)}\n")))
        results = self.finish_all(procs)
        self.assertAllSucceeded(results)

        config = self.config.read_bytes()
        self.assertTrue(config.startswith(ORIGINAL_CONFIG.encode()))
        self.assertHeaderCounts(config.decode(), [f"[profile {n}]" for n in adds])
        self.assertEqual(config.decode().count("[profile "), 26)
        for n in creds:
            self.assertNotIn(n, config.decode(), "set-credentials wrote to the config file")

        credentials = self.credentials.read_bytes()
        self.assertTrue(credentials.startswith(ORIGINAL_CREDENTIALS.encode()))
        self.assertHeaderCounts(credentials.decode(), [f"[{n}]" for n in creds])
        self.assertEqual(sum(line.startswith("[") for line in credentials.decode().splitlines()), 26)
        self.assertEqual(self.credentials.stat().st_mode & 0o777, 0o600)
        self.assertNoTempFiles()

        expected = dict(ORIGINAL_PROFILES)
        expected.update({n: self.expected_added(n, i) for i, n in enumerate(adds)})
        self.check_botocore_sees(self.config, expected)
        sections = botocore_sections(self.credentials)
        self.assertEqual(sorted(sections), sorted(creds + ["default"]))
        for i, n in enumerate(creds):
            self.assertEqual(sections[n], {"aws_access_key_id": key_id(i), "aws_secret_access_key": secret(i)})
        self.assertEqual(sections["default"]["aws_access_key_id"], "AKIAORIGINAL00000000")

    def test_concurrent_remove_profile(self):
        header = "# forty profiles, hand-written\n[default]\nregion = us-east-1\n"
        sections = []
        for i in range(40):
            comment = f"# profile number {i}\n" if i % 7 == 0 else ""
            sections.append(
                f"\n{comment}[profile r{i:02d}]\n"
                f"credential_process = rolehelper get r{i:02d}\n"
                f"rolehelper_role_arn = {role_arn(i)}\n"
                f"rolehelper_source_profile = default\n"
                f"region = {REGIONS[i % len(REGIONS)]}\n"
            )
        self.write(self.config, header + "".join(sections))
        removed = [f"r{i:02d}" for i in range(0, 40, 2)]
        kept = [f"r{i:02d}" for i in range(1, 40, 2)]
        with self.holding_lock(self.config):
            procs = [(n, self.start("remove-profile", n)) for n in removed]
            time.sleep(0.3)
        results = self.finish_all(procs)
        self.assertAllSucceeded(results)

        text = self.config.read_text()
        self.assertTrue(text.startswith(header), "the hand-written header changed")
        lines = text.splitlines()
        for n in removed:
            self.assertFalse(f"[profile {n}]" in lines, f"profile {n} is still there")
        self.assertHeaderCounts(text, [f"[profile {n}]" for n in kept])
        self.assertEqual(text.count("[profile "), 20)
        for i in range(1, 40, 2):  # the kept sections survive byte for byte, comments included
            self.assertIn(sections[i].lstrip("\n"), text)
        self.assertNoTempFiles()

        expected = {"default": {"region": "us-east-1"}}
        expected.update({n: self.expected_added(n, int(n[1:])) for n in kept})
        for n in kept:
            expected[n]["credential_process"] = f"rolehelper get {n}"
        profiles = self.check_botocore_sees(self.config, expected)
        self.assertEqual(sorted(profiles), sorted(expected))


if __name__ == "__main__":
    main()
