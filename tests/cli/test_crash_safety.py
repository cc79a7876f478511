#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Crash safety: an editor killed with SIGKILL at any moment leaves the old file or the new one.

Edits lock "<file>.lock", write ".<name>.rolehelper-tmp-XXXXXX" in the same folder, fsync it,
rename it over the file and fsync the folder; the next editor removes temporaries that killed
writers left behind. So, whenever the kill lands (before the lock, while parsing, while the
temporary file is written, around the rename, after the exit):

  * the file is byte-identical to the old content or to the command's complete result, never
    a mix, a truncation or an empty file;
  * the lock is free again, and the next edit succeeds, with the expected result, and removes
    any temporary file the killed writer left.

The sweep spreads the kill delay evenly from 0 to a little over the command's own measured run
time (plus random jitter), over add-profile, remove-profile and add-profile --force, and counts
how many kills landed before the change and how many after it; both must be non-zero, else the
sweep missed the window it is meant to cover.

The config is the 1.1 MB tests/data/ini/many_profiles_10000.ini, so that a write takes measurable
time. If one edit of it takes too long for 150+ kills to fit the module's time budget, the sweep
uses the largest prefix of it (whole sections) that does fit, and says so; test_large_file_edit
separately fails when editing the full 1.1 MB file is slow.
"""
import fcntl
import os
import random
import signal
import statistics
import subprocess
import time

from testlib import BIN, DATA, RolehelperTestCase, main

FIXTURE = DATA / "ini" / "many_profiles_10000.ini"
FIXTURE_PROFILES = 10000
TEMP_MARKER = ".rolehelper-tmp-"

LARGE_EDIT_LIMIT_SECONDS = 5.0    # one add-profile on the 1.1 MB file; sane code needs well under 1 s
SWEEP_COMMAND_LIMIT_SECONDS = 0.35  # slowest op of the sweep, so ~150 kills fit in ~60 s
KILLS_PER_OPERATION = 52          # 3 operations: 156 kills
OVERSHOOT = 1.25                  # kill delays sweep 0 .. OVERSHOOT x the measured run time
JITTER = 0.02                     # +- this fraction of the run time, random
TIMING_RUNS = 3


def fixture_prefix(count):
    """The fixture cut to its first `count` profiles (whole sections, byte-identical prefix)."""
    text = FIXTURE.read_bytes()
    if count >= FIXTURE_PROFILES:
        return text
    return text[: text.index(b"[profile p%05d]\n" % count)]


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


class CrashSafetyTest(RolehelperTestCase):
    # ----------------------------------------------------------------- helpers

    def setUp(self):
        super().setUp()
        self.scratch = self.home / "scratch"
        self.scratch.mkdir()
        self.copies = 0

    def copy_of(self, data):
        """A fresh config file holding `data`, in its own folder."""
        self.copies += 1
        path = self.scratch / str(self.copies) / "config"
        self.write(path, data)
        return path

    def run_to_completion(self, path, args, timeout=120):
        """Run rolehelper on `path`; return (status, seconds, stderr), seconds timed like the sweep's delays."""
        proc = subprocess.Popen([BIN, "--config-file", str(path), *args], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env())
        start = time.perf_counter()
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
        return proc.returncode, time.perf_counter() - start, err.decode(errors="replace")

    def result_of(self, data, args):
        """The bytes `args` turns `data` into (must succeed)."""
        path = self.copy_of(data)
        status, _, err = self.run_to_completion(path, args)
        self.assertEqual(status, 0, f"{args} failed on a fresh copy: {err}")
        return path.read_bytes()

    def temp_files(self, folder):
        return sorted(p.name for p in folder.iterdir() if TEMP_MARKER in p.name)

    def assertLockFree(self, path, context):
        with open(str(path) + ".lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.fail(f"{context}: the lock is still held after the writer was killed")
            fcntl.flock(lock, fcntl.LOCK_UN)

    @staticmethod
    def operations(count):
        middle = count // 20 * 10  # a multiple of 10: p..1, p..3, p..5 are no one's source_profile
        return {
            "add-profile": ["add-profile", "crashnew", "--role-arn", "arn:aws:iam::123456789012:role/CrashNew",
                            "--source-profile", "default", "--region", "eu-north-1"],
            "remove-profile": ["remove-profile", "p%05d" % (middle + 3)],
            "add-profile --force": ["add-profile", "p%05d" % (middle + 1), "--force",
                                    "--role-arn", "arn:aws:iam::123456789012:role/Forced",
                                    "--source-profile", "default", "--region", "ap-south-1"],
        }

    @staticmethod
    def follow_up(count):
        """The next command after each kill: an edit that succeeds from the old and the new state."""
        return ["remove-profile", "p%05d" % (count // 40 * 10 + 5)]

    def sweep_size(self):
        """The largest prefix of the fixture (halving) whose slowest edit fits the sweep's budget."""
        count = FIXTURE_PROFILES
        while count >= 40:
            data = fixture_prefix(count)
            path = self.copy_of(data)
            try:
                status, seconds, err = self.run_to_completion(
                    path, self.operations(count)["add-profile --force"], timeout=SWEEP_COMMAND_LIMIT_SECONDS * 1.5)
            except subprocess.TimeoutExpired:
                count //= 2
                continue
            self.assertEqual(status, 0, err)
            if seconds <= SWEEP_COMMAND_LIMIT_SECONDS:
                return count, data
            count //= 2
        self.fail("even a 40-profile config takes longer than %.2f s to edit" % SWEEP_COMMAND_LIMIT_SECONDS)

    # ------------------------------------------------------------------- tests

    def test_large_file_edit(self):
        """One add-profile on the 1.1 MB fixture finishes in reasonable time (it is a linear job)."""
        path = self.copy_of(FIXTURE.read_bytes())
        try:
            status, seconds, err = self.run_to_completion(
                path, self.operations(FIXTURE_PROFILES)["add-profile"], timeout=LARGE_EDIT_LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            status = None
        if status is None:
            self.fail(f"add-profile on the {FIXTURE.stat().st_size}-byte {FIXTURE.name} took more than "
                      f"{LARGE_EDIT_LIMIT_SECONDS} s (killed); parsing and rewriting a 1 MB file should take "
                      f"well under a second")
        self.assertEqual(status, 0, err)
        print(f"\n  add-profile on the {FIXTURE.stat().st_size}-byte fixture: {seconds:.3f} s", flush=True)

    def test_sigkill_sweep(self):
        started = time.monotonic()
        count, old = self.sweep_size()
        operations = self.operations(count)
        follow_args = self.follow_up(count)
        note = "the whole fixture" if count == FIXTURE_PROFILES else \
            f"its first {count} profiles: editing the whole file is too slow, see test_large_file_edit"
        print(f"\n  config: {len(old)} bytes ({note})", flush=True)

        # Expected results and run times, each measured on fresh copies.
        new, seconds = {}, {}
        for name, args in operations.items():
            results, times = set(), []
            for _ in range(TIMING_RUNS):
                path = self.copy_of(old)
                status, took, err = self.run_to_completion(path, args)
                self.assertEqual(status, 0, f"{name}: {err}")
                results.add(path.read_bytes())
                times.append(took)
            self.assertEqual(len(results), 1, f"{name} is not deterministic")
            new[name] = results.pop()
            self.assertNotEqual(new[name], old, f"{name} changed nothing")
            seconds[name] = statistics.median(times)
            print(f"  {name}: {seconds[name] * 1000:.1f} ms", flush=True)
        after_follow = {old: self.result_of(old, follow_args)}
        for name in operations:
            after_follow[new[name]] = self.result_of(new[name], follow_args)

        schedule = [(name, i / (KILLS_PER_OPERATION - 1) * OVERSHOOT)
                    for name in operations for i in range(KILLS_PER_OPERATION)]
        seed = int(os.environ.get("ROLEHELPER_TEST_SEED", random.randrange(1 << 32)))
        rng = random.Random(seed)
        rng.shuffle(schedule)
        print(f"  {len(schedule)} kills, seed {seed} (set ROLEHELPER_TEST_SEED to repeat)", flush=True)

        config = self.aws / "config"
        self.write(config, old)
        counts = {"before": 0, "before, temporary file left": 0, "after": 0,
                  "after, killed after the rename": 0, "after, had exited": 0}
        for number, (name, fraction) in enumerate(schedule, 1):
            config.write_bytes(old)
            delay = max(0.0, (fraction + rng.uniform(-JITTER, JITTER)) * seconds[name])
            context = f"kill {number} ({name}, after {delay * 1000:.1f} ms)"
            proc = subprocess.Popen([BIN, "--config-file", str(config), *operations[name]],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=self.env())
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)  # not yet reaped, so the pid cannot have been reused
            status = proc.wait()

            data = config.read_bytes()
            if data == old:
                counts["before"] += 1
                if self.temp_files(self.aws):
                    counts["before, temporary file left"] += 1
            elif data == new[name]:
                counts["after"] += 1
                counts["after, had exited" if status == 0 else "after, killed after the rename"] += 1
            else:
                offset = first_difference(data, new[name])
                self.fail(f"{context}: the file is neither the old ({len(old)} bytes) nor the new content "
                          f"({len(new[name])} bytes) but {len(data)} bytes, differing from the new one at "
                          f"byte {offset}; exit status {status}")
            self.assertEqual(config.stat().st_mode & 0o777, 0o600, context)
            self.assertLockFree(config, context)

            status, _, err = self.run_to_completion(config, follow_args, timeout=60)
            self.assertEqual(status, 0, f"{context}: the next command failed: {err}")
            self.assertEqual(config.read_bytes(), after_follow[data], f"{context}: the next command's result")
            self.assertEqual(self.temp_files(self.aws), [], f"{context}: the next edit left temporary files")

        elapsed = time.monotonic() - started
        print("  " + ", ".join(f"{k}: {v}" for k, v in counts.items()) + f" ({elapsed:.1f} s)", flush=True)
        self.assertGreater(counts["before"], 0, "no kill landed before the change: the sweep is wrong")
        self.assertGreater(counts["after"], 0, "no kill landed after the change: the sweep is wrong")

        # A temporary file a killed writer left (planted, in case no kill happened to leave one)
        # is removed by one more successful edit.
        config.write_bytes(old)
        stale = self.aws / ".config.rolehelper-tmp-Ab12Cd"
        stale.write_bytes(old[: len(old) // 2])
        status, _, err = self.run_to_completion(config, operations["add-profile"])
        self.assertEqual(status, 0, err)
        self.assertEqual(config.read_bytes(), new["add-profile"])
        self.assertEqual(self.temp_files(self.aws), [], "a stale temporary file survived the next edit")


if __name__ == "__main__":
    main()
