# SPDX-License-Identifier: MIT
"""Shared harness for rolehelper's end-to-end tests (stdlib only).

Each test module is a unittest script run by ctest: ROLEHELPER_BIN names the binary under
test and ROLEHELPER_TEST_DATA the tests/data folder. Every test gets a fresh temporary HOME
with no AWS_* variables inherited, so the user's real ~/.aws is never read or written.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
BIN = os.environ.get("ROLEHELPER_BIN", str(HERE.parent.parent / "build" / "dev" / "rolehelper"))
DATA = pathlib.Path(os.environ.get("ROLEHELPER_TEST_DATA", str(HERE.parent / "data")))
SKIP = 77  # ctest SKIP_RETURN_CODE


class Result:
    def __init__(self, completed):
        self.status = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    def __repr__(self):
        return f"Result(status={self.status}, stdout={self.stdout!r}, stderr={self.stderr!r})"


class RolehelperTestCase(unittest.TestCase):
    """A temporary HOME per test, and helpers to run the binary in it."""

    def setUp(self):
        self.home = pathlib.Path(tempfile.mkdtemp(prefix="rolehelper-test-"))
        self.addCleanup(shutil.rmtree, self.home, ignore_errors=True)
        self.aws = self.home / ".aws"
        self.config = self.aws / "config"
        self.credentials = self.aws / "credentials"

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ROLEHELPER_"))}
        env["HOME"] = str(self.home)
        env.pop("XDG_CONFIG_HOME", None)
        env.pop("XDG_CACHE_HOME", None)
        env.update({k: str(v) for k, v in extra.items()})
        return env

    @property
    def cache_dir(self):
        """The credential cache folder of the default environment."""
        return self.home / ".cache" / "rolehelper"

    def clear_cache(self):
        """Forget every cached session, so the next get asks STS again."""
        shutil.rmtree(self.cache_dir, ignore_errors=True)

    def run_rolehelper(self, *args, stdin=None, env=None, timeout=60):
        completed = subprocess.run(
            [BIN, *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            env=env if env is not None else self.env(),
            timeout=timeout,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )
        return Result(completed)

    def assertSucceeds(self, result):
        self.assertEqual(result.status, 0, result)
        return result

    def assertFailsWith(self, result, status, fragment=""):
        """Exit `status`, nothing on stdout, one 'rolehelper: ' line on stderr holding `fragment`."""
        self.assertEqual(result.status, status, result)
        self.assertEqual(result.stdout, "", result)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result)
        self.assertTrue(lines[0].startswith("rolehelper: "), result)
        self.assertIn(fragment, lines[0])
        return result

    def write(self, path, data, mode=0o600):
        path = pathlib.Path(path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        path.chmod(mode)
        return path


def main():
    if not os.access(BIN, os.X_OK):
        print(f"rolehelper binary not found at {BIN}", file=sys.stderr)
        sys.exit(1)
    unittest.main(verbosity=2)
