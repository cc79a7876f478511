#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The encrypted credential cache, end to end against moto with signatures and IAM checked.

- 64 concurrent cold `get` of one profile: moto's request recorder sees exactly one
  AssumeRole, and all 64 print the same credentials;
- nothing under the cache folder holds an access key id, secret or token in plain text;
- a tampered entry is a miss that gets overwritten, never garbage on stdout;
- editing a key setting in the config (duration) starts a new session;
- a process killed while it holds an entry's lock does not block the next get;
- with STS unreachable, --refresh serves the cached session that has not expired;
- a key file others can read is refused with the fix;
- cache list / cache clear, with no secret in their output.
"""
import json
import pathlib
import signal
import subprocess
import sys
import time
import unittest

import testlib
from moto_fixture import MotoRecorder, MotoServer
from testlib import BIN, RolehelperTestCase

STAMPEDE = 64


class CacheTestCase(RolehelperTestCase):
    """One moto per class; per test a HOME with user Abcde's keys and role profile ghijk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.moto = MotoServer().start()
        cls.addClassCleanup(cls.moto.stop)
        cls.recorder = MotoRecorder(cls.moto.endpoint_url)

    def setUp(self):
        super().setUp()
        self.assertSucceeds(self.run_rolehelper(
            "set-credentials", "default",
            stdin=f"{self.moto.access_key_id}\n{self.moto.secret_access_key}\n"))
        self.assertSucceeds(self.run_rolehelper(
            "add-profile", "ghijk", "--role-arn", self.moto.ghijk_arn, "--source-profile", "default",
            "--region", "us-east-1"))

    def env(self, **extra):
        settings = {"AWS_ENDPOINT_URL_STS": self.moto.endpoint_url, "AWS_EC2_METADATA_DISABLED": "true"}
        settings.update(extra)
        return super().env(**settings)

    def get(self, *options, env=None):
        """`rolehelper get ghijk`, checked: exit 0, nothing on stderr; the parsed JSON."""
        result = self.run_rolehelper("get", "ghijk", *options, env=env)
        self.assertEqual(result.status, 0, result)
        self.assertEqual(result.stderr, "", result)
        return json.loads(result.stdout)

    def recording(self):
        if not self.recorder.start():
            self.skipTest("this moto has no request recorder")
        self.addCleanup(self.recorder.stop)

    def assume_role_calls(self):
        return [form for form, _ in self.recorder.sts_requests() if form.get("Action") == "AssumeRole"]

    def entries(self):
        return sorted(self.cache_dir.glob("*.entry"))


class StampedeTest(CacheTestCase):
    def test_64_concurrent_cold_gets_make_one_assume_role_call(self):
        self.recording()
        env = self.env()
        processes = [subprocess.Popen([BIN, "get", "ghijk"], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
                     for _ in range(STAMPEDE)]
        outputs = []
        for process in processes:
            stdout, stderr = process.communicate(timeout=120)
            self.assertEqual(process.returncode, 0, stderr)
            self.assertEqual(stderr, "")
            outputs.append(stdout)
        self.assertEqual(len(set(outputs)), 1, "the processes printed different credentials")
        self.assertEqual(len(self.assume_role_calls()), 1)
        self.assertEqual(len(self.entries()), 1)


class CacheBehaviourTest(CacheTestCase):
    def test_no_secret_in_plain_text_under_the_cache_folder_and_private_modes(self):
        time.sleep(2.1)  # so that a route is stored too
        printed = self.get()
        self.get()
        needles = [printed["AccessKeyId"], printed["SecretAccessKey"], printed["SessionToken"],
                   self.moto.access_key_id, self.moto.secret_access_key]
        files = [path for path in self.cache_dir.rglob("*") if path.is_file()]
        self.assertEqual(sorted({path.suffix for path in files}), [".entry", ".lock", ".route"])
        for path in files:
            data = path.read_bytes()
            for needle in needles:
                self.assertNotIn(needle.encode(), data, f"{path.name} holds a secret in plain text")
            self.assertEqual(path.stat().st_mode & 0o777, 0o600, path.name)
        self.assertEqual(self.cache_dir.stat().st_mode & 0o777, 0o700)
        key_file = self.home / ".config" / "rolehelper" / "cache.key"
        self.assertEqual(key_file.stat().st_mode & 0o777, 0o600)
        self.assertEqual(key_file.parent.stat().st_mode & 0o777, 0o700)

    def test_a_tampered_entry_is_a_miss_that_gets_overwritten(self):
        first = self.get()
        (entry,) = self.entries()
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0x01
        entry.write_bytes(bytes(data))
        self.recording()
        second = self.get()
        self.assertNotEqual(second["AccessKeyId"], first["AccessKeyId"])
        self.assertEqual(len(self.assume_role_calls()), 1)
        self.assertEqual(self.get(), second)  # the overwritten entry opens again

    def test_changing_the_duration_in_the_config_starts_a_new_session(self):
        first = self.get()
        self.assertEqual(self.get(), first)
        self.assertSucceeds(self.run_rolehelper(
            "add-profile", "ghijk", "--role-arn", self.moto.ghijk_arn, "--source-profile", "default",
            "--region", "us-east-1", "--duration-seconds", "1800", "--force"))
        second = self.get()
        self.assertNotEqual(second["AccessKeyId"], first["AccessKeyId"])
        self.assertEqual(len(self.entries()), 2)

    def test_refresh_asks_sts_and_no_cache_leaves_the_cache_alone(self):
        first = self.get()
        refreshed = self.get("--refresh")
        self.assertNotEqual(refreshed["AccessKeyId"], first["AccessKeyId"])
        self.assertEqual(self.get(), refreshed)
        before = {path: path.read_bytes() for path in self.entries()}
        uncached = self.get("--no-cache")
        self.assertNotEqual(uncached["AccessKeyId"], refreshed["AccessKeyId"])
        self.assertEqual({path: path.read_bytes() for path in self.entries()}, before)

    def test_a_process_killed_holding_the_lock_does_not_block_the_next_get(self):
        self.get()
        (lock,) = sorted(self.cache_dir.glob("*.lock"))
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import fcntl, os, sys, time\n"
             "fd = os.open(sys.argv[1], os.O_RDWR)\n"
             "fcntl.flock(fd, fcntl.LOCK_EX)\n"
             "print('locked', flush=True)\n"
             "time.sleep(120)\n", str(lock)],
            stdout=subprocess.PIPE, text=True)
        self.addCleanup(holder.stdout.close)
        self.addCleanup(holder.kill)
        self.assertEqual(holder.stdout.readline().strip(), "locked")
        waiting = subprocess.Popen([BIN, "get", "ghijk", "--refresh"], env=self.env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        self.assertIsNone(waiting.poll(), "get --refresh did not wait for the lock")
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        stdout, stderr = waiting.communicate(timeout=60)
        self.assertEqual(waiting.returncode, 0, stderr)
        self.assertEqual(json.loads(stdout)["Version"], 1)

    def test_a_key_file_others_can_read_is_refused(self):
        self.get()
        key_file = self.home / ".config" / "rolehelper" / "cache.key"
        key_file.chmod(0o644)
        result = self.run_rolehelper("get", "ghijk")
        self.assertFailsWith(result, 1, "chmod 600")
        self.assertNotIn(key_file.read_text().strip(), result.stderr)

    def test_the_key_in_the_environment_is_used_instead_of_the_file(self):
        key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="  # base64 of 32 bytes
        first = self.get(env=self.env(ROLEHELPER_CACHE_KEY=key))
        self.assertFalse((self.home / ".config" / "rolehelper" / "cache.key").exists())
        self.assertEqual(self.get(env=self.env(ROLEHELPER_CACHE_KEY=key)), first)
        # Another key cannot open the entry: a miss, then the entry is rewritten.
        other = self.get()
        self.assertNotEqual(other["AccessKeyId"], first["AccessKeyId"])


class RoutesTest(CacheTestCase):
    """Hits that follow a route skip the config files; any change that matters is a miss."""

    ROUTED = "config files unchanged since it was cached"

    def settle(self):
        time.sleep(2.1)  # routes are stored only for files that have been still for 2 s

    def verbose_get(self, *options, env=None):
        result = self.run_rolehelper("-v", "get", "ghijk", *options, env=env)
        self.assertEqual(result.status, 0, result)
        return json.loads(result.stdout), result.stderr

    def test_a_hit_follows_the_route_once_the_files_have_settled(self):
        self.settle()
        first, _ = self.verbose_get()
        second, log = self.verbose_get()
        self.assertEqual(second, first)
        self.assertIn(self.ROUTED, log)
        self.assertNotIn("resolving profile", log)
        # The environment that shapes resolution is part of the route: AWS_REGION does not
        # change this profile's session (its own region wins) but is resolved again.
        third, log = self.verbose_get(env=self.env(AWS_REGION="eu-west-1"))
        self.assertEqual(third, first)
        self.assertIn("resolving profile", log)

    def test_rotated_source_keys_are_a_miss_even_through_a_route(self):
        self.settle()
        self.get()
        self.get()
        self.write(self.credentials, "[default]\naws_access_key_id = AKIAROTATEDEXAMPLE01\n"
                   "aws_secret_access_key = rotatedSecretExample0123456789abcdefghij\n")
        # The new key is unknown to moto: a miss must ask STS, and fail.
        self.assertFailsWith(self.run_rolehelper("get", "ghijk"), 1, "InvalidClientTokenId")

    def test_another_config_file_or_a_switched_symlink_is_another_session(self):
        work = self.home / "work-config"
        personal = self.home / "personal-config"
        base = self.config.read_text()
        self.write(work, base)
        self.write(personal, base.replace("rolehelper_source_profile = default",
                                          "rolehelper_source_profile = default\n"
                                          "rolehelper_role_session_name = personal"))
        self.config.unlink()
        self.config.symlink_to(work)
        self.settle()
        at_work = self.get()
        self.assertEqual(self.get(), at_work)
        self.config.unlink()
        self.config.symlink_to(personal)
        at_home = self.get()
        self.assertNotEqual(at_home["AccessKeyId"], at_work["AccessKeyId"])
        flag = json.loads(self.assertSucceeds(
            self.run_rolehelper("--config-file", str(work), "get", "ghijk")).stdout)
        self.assertEqual(flag, at_work)


class CacheCommandsTest(CacheTestCase):
    def test_list_shows_profile_role_and_time_left_but_no_secret(self):
        printed = self.get()
        listed = self.assertSucceeds(self.run_rolehelper("cache", "list"))
        self.assertIn("ghijk", listed.stdout)
        self.assertIn(self.moto.ghijk_arn, listed.stdout)
        self.assertIn("fresh", listed.stdout)
        as_json = json.loads(self.assertSucceeds(self.run_rolehelper("cache", "list", "--json")).stdout)
        self.assertEqual(len(as_json), 1)
        self.assertEqual(as_json[0]["Profile"], "ghijk")
        self.assertEqual(as_json[0]["RoleArn"], self.moto.ghijk_arn)
        self.assertEqual(as_json[0]["Expiration"], printed["Expiration"])
        self.assertGreater(as_json[0]["SecondsLeft"], 3000)
        for output in (listed.stdout + listed.stderr, json.dumps(as_json)):
            for secret in (printed["AccessKeyId"], printed["SecretAccessKey"], printed["SessionToken"]):
                self.assertNotIn(secret, output)

    def test_clear_a_profile_then_everything(self):
        self.assertSucceeds(self.run_rolehelper(
            "add-profile", "other", "--role-arn", self.moto.ghijk_arn, "--source-profile", "default",
            "--role-session-name", "other-session"))
        first = self.get()
        self.assertEqual(json.loads(self.run_rolehelper("get", "other").stdout)["Version"], 1)
        self.assertEqual(len(self.entries()), 2)
        cleared = self.assertSucceeds(self.run_rolehelper("cache", "clear", "ghijk"))
        self.assertEqual(cleared.stdout, "removed 1 cached session of profile 'ghijk'\n")
        listed = json.loads(self.run_rolehelper("cache", "list", "--json").stdout)
        self.assertEqual([entry["Profile"] for entry in listed], ["other"])
        self.assertNotEqual(self.get()["AccessKeyId"], first["AccessKeyId"])
        everything = self.assertSucceeds(self.run_rolehelper("cache", "clear"))
        self.assertEqual(everything.stdout, "removed 2 cached sessions\n")
        self.assertEqual([p for p in self.cache_dir.iterdir()], [])
        self.assertEqual(self.run_rolehelper("cache", "list").stdout, "")

    def test_usage_errors(self):
        for args in (("cache",), ("cache", "purge"), ("cache", "list", "extra"),
                     ("cache", "clear", "--json")):
            with self.subTest(args=args):
                self.assertFailsWith(self.run_rolehelper(*args), 2)


class UnreachableStsTest(CacheTestCase):
    """A moto of its own, stopped in the middle of the test: connections are refused."""

    @classmethod
    def setUpClass(cls):
        RolehelperTestCase.setUpClass()
        cls.moto = MotoServer().start()
        cls.addClassCleanup(cls.moto.stop)
        cls.recorder = MotoRecorder(cls.moto.endpoint_url)

    def test_unreachable_sts_serves_the_cached_session_that_has_not_expired(self):
        cached = self.get()
        self.moto.stop()
        quiet = self.run_rolehelper("get", "ghijk", "--refresh")
        self.assertEqual(quiet.status, 0, quiet)
        self.assertEqual(quiet.stderr, "")
        self.assertEqual(json.loads(quiet.stdout), cached)
        logged = self.run_rolehelper("-v", "get", "ghijk", "--refresh")
        self.assertEqual(logged.status, 0, logged)
        self.assertIn("serving the cached session", logged.stderr)
        # Without a cached session there is nothing to fall back on: one line, exit 1.
        self.assertFailsWith(self.run_rolehelper("get", "ghijk", "--no-cache"), 1, "cannot reach")


if __name__ == "__main__":
    testlib.main()
