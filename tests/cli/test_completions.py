#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The shell completions generated from the command table at build time: bash completes
commands, options, subcommands and profile names (run through bash itself); every command of
`rolehelper --help` is in all three scripts; zsh and fish parse them when installed.
"""
import pathlib
import re
import shutil
import subprocess
import unittest

import testlib
from testlib import BIN, RolehelperTestCase

COMPLETIONS = pathlib.Path(BIN).resolve().parent / "completions"


class CompletionsTest(RolehelperTestCase):
    def complete(self, line):
        """What bash offers for `line` (the word at the end being completed)."""
        words = line.split(" ")
        script = (f"source {COMPLETIONS / 'rolehelper'}\n"
                  f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
                  "_rolehelper; printf '%s\\n' \"${COMPREPLY[@]}\"\n")
        env = self.env(PATH=f"{pathlib.Path(BIN).resolve().parent}:/usr/bin:/bin")
        done = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, env=env)
        self.assertEqual(done.returncode, 0, done.stderr)
        return sorted(filter(None, done.stdout.splitlines()))

    def commands(self):
        overview = self.assertSucceeds(self.run_rolehelper("--help")).stdout
        return sorted(set(re.findall(r"^  rolehelper ([a-z-]+)", overview, re.M)))

    def test_bash_completes_commands_options_subcommands_and_profiles(self):
        self.assertEqual(self.complete("rolehelper ge"), ["get"])
        self.assertIn("--refresh", self.complete("rolehelper get --"))
        self.assertEqual(self.complete("rolehelper get --re"), ["--refresh", "--region"])
        self.assertEqual(self.complete("rolehelper cache "), ["clear", "list"])
        self.assertEqual(self.complete("rolehelper policy "), ["allow-assume", "trust"])
        self.assertEqual(self.complete("rolehelper get --format p"), ["powershell", "process"])
        self.write(self.config, "[profile alpha]\nregion = us-east-1\n[profile beta]\nregion = x\n")
        self.assertEqual(self.complete("rolehelper get "), ["alpha", "beta"])
        self.assertEqual(self.complete("rolehelper -v whoami b"), ["beta"])
        self.assertEqual(self.complete("rolehelper get alpha --region "), [])
        self.assertEqual(self.complete("rolehelper add-profile x --source-profile a"), ["alpha"])

    def test_every_command_is_in_every_script(self):
        commands = self.commands()
        self.assertIn("get", commands)
        for name in ("rolehelper", "_rolehelper", "rolehelper.fish"):
            text = (COMPLETIONS / name).read_text()
            for command in commands:
                self.assertIn(command, text, f"{command} missing from {name}")

    def test_the_scripts_parse(self):
        checks = [("bash", "rolehelper"), ("zsh", "_rolehelper"), ("fish", "rolehelper.fish")]
        ran = 0
        for shell, name in checks:
            if shutil.which(shell) is None:
                continue
            done = subprocess.run([shell, "-n", str(COMPLETIONS / name)], capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, f"{shell}: {done.stderr}")
            ran += 1
        self.assertGreaterEqual(ran, 1)


if __name__ == "__main__":
    testlib.main()
