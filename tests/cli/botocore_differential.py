#!/usr/bin/env python3
"""Differential test: rolehelper's INI reader against botocore.

Usage:
    python3 botocore_differential.py --dump PATH_TO_DUMP_TOOL --corpus DIR [--corpus DIR...]

For every regular file under each corpus directory (recursively; README.md,
*.py and Python byte-code are skipped) and for each kind in (config,
credentials), runs

    DUMP_TOOL --kind KIND FILE

and compares its JSON answer with botocore's reading of the same file:

  * botocore: sections = botocore.configloader.raw_config_parse(FILE), and for
    kind config also profile_map = botocore.configloader.build_profile_map(sections).
    botocore.exceptions.ConfigParseError means "refused"; the refusing line is
    recovered by re-running configparser.RawConfigParser().read(FILE), because
    botocore drops the original exception (raise ... from None).
  * dump tool, accepted (exit 0):
        {"ok": true, "sections": {...}, "profile_map": {...}}
    ("profile_map" only for kind config, absent for kind credentials)
  * dump tool, refused (exit 1):
        {"ok": false, "line": N or null, "error": "message"}

A check agrees when both accept with equal dicts (key order irrelevant), or
both refuse and, when botocore's line is known, the dump's "line" equals it.

Prints one line per disagreement, then a summary line:
    differential: N checks, A agree, D disagree (config: X accepted, Y refused; credentials: X accepted, Y refused)
where accepted/refused count botocore's verdicts.

Exit status: 0 when at least one check ran and all agree, 1 otherwise,
2 on usage errors. Needs python3 and botocore only (no pytest).
"""

import argparse
import configparser
import json
import locale
import os
import subprocess
import sys

KINDS = ("config", "credentials")
DUMP_TIMEOUT_SECONDS = 60
MAX_SHOWN_DIFFS = 3


def ensure_utf8_mode():
    """botocore opens INI files with the locale's encoding; rolehelper reads
    UTF-8. Under a non-UTF-8 locale re-run ourselves in Python's UTF-8 mode so
    the reference is botocore-as-run-under-a-UTF-8-locale."""
    if sys.flags.utf8_mode:
        return
    if locale.getpreferredencoding(False).lower().replace("-", "") == "utf8":
        return
    env = dict(os.environ, PYTHONUTF8="1")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def short(value, limit=80):
    text = json.dumps(value, ensure_ascii=True)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


# --------------------------------------------------------------------------
# botocore side


def botocore_error_line(path):
    """Line number botocore's parser refused at, or None when unknown."""
    try:
        configparser.RawConfigParser().read(path)
    except (
        configparser.DuplicateSectionError,
        configparser.DuplicateOptionError,
        configparser.MissingSectionHeaderError,
    ) as exc:
        return exc.lineno
    except configparser.ParsingError as exc:
        return exc.errors[0][0] if exc.errors else None
    except Exception:  # UnicodeDecodeError and anything else: no line
        return None
    # RawConfigParser accepted it: botocore refused in _parse_nested (no line)
    return None


class Reference:
    """botocore's verdict on one file."""

    def __init__(self, path):
        import botocore.configloader
        import botocore.exceptions

        self.sections = None
        self.profile_map = None
        self.line = None
        self.error = None
        try:
            self.sections = botocore.configloader.raw_config_parse(path)
        except botocore.exceptions.ConfigParseError as exc:
            self.error = str(exc)
            self.line = botocore_error_line(path)
            return
        self.profile_map = botocore.configloader.build_profile_map(self.sections)

    @property
    def accepted(self):
        return self.error is None


# --------------------------------------------------------------------------
# dump tool side


class DuplicateJsonKey(ValueError):
    pass


def _no_duplicate_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise DuplicateJsonKey("duplicate JSON key %s" % short(key))
        obj[key] = value
    return obj


def run_dump(dump, kind, path):
    """Returns (answer_dict, None) or (None, problem_description)."""
    try:
        proc = subprocess.run(
            [dump, "--kind", kind, path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=DUMP_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return None, "dump tool timed out after %ds" % DUMP_TIMEOUT_SECONDS
    except OSError as exc:
        return None, "cannot run dump tool: %s" % exc
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    hint = (" (stderr: %s)" % short(stderr, 120)) if stderr else ""
    if proc.returncode not in (0, 1):
        return None, "dump tool exit status %d%s" % (proc.returncode, hint)
    try:
        answer = json.loads(
            proc.stdout.decode("utf-8"), object_pairs_hook=_no_duplicate_keys
        )
    except UnicodeDecodeError as exc:
        return None, "dump output is not UTF-8 (%s)%s" % (exc.reason, hint)
    except ValueError as exc:
        return None, "dump output is not one JSON object (%s)%s" % (exc, hint)
    if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
        return None, "dump output lacks a boolean \"ok\"%s" % hint
    if answer["ok"] != (proc.returncode == 0):
        return None, "dump said ok=%s but exited %d%s" % (
            json.dumps(answer["ok"]),
            proc.returncode,
            hint,
        )
    return answer, None


# --------------------------------------------------------------------------
# comparison


def _key_path(path):
    """("sections", "profile x", "region") -> sections["profile x"]["region"]"""
    return path[0] + "".join("[%s]" % short(k, 60) for k in path[1:])


def dict_diffs(expected, actual, path):
    """Human-readable differences, botocore (expected) vs dump (actual)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in expected:
            if key not in actual:
                out.append("missing in dump: %s" % _key_path(path + (key,)))
            else:
                out.extend(dict_diffs(expected[key], actual[key], path + (key,)))
        for key in actual:
            if key not in expected:
                out.append(
                    "extra in dump: %s = %s" % (_key_path(path + (key,)), short(actual[key], 60))
                )
        return out
    if type(expected) is not type(actual) or expected != actual:
        return [
            "%s: botocore %s, dump %s"
            % (_key_path(path), short(expected), short(actual))
        ]
    return []


def compare(ref, kind, answer):
    """Returns None when the dump agrees with botocore, else a description."""
    if ref.accepted and not answer["ok"]:
        return "botocore accepts, dump refuses at line %s: %s" % (
            json.dumps(answer.get("line")),
            short(answer.get("error"), 100),
        )
    if not ref.accepted and answer["ok"]:
        return "botocore refuses (line %s), dump accepts" % json.dumps(ref.line)
    if not ref.accepted:
        if "line" not in answer:
            return "refusal object lacks \"line\""
        line = answer["line"]
        if not (line is None or (isinstance(line, int) and not isinstance(line, bool))):
            return "refusal \"line\" is neither an integer nor null: %s" % short(line)
        if not isinstance(answer.get("error"), str):
            return "refusal without a string \"error\""
        if ref.line is not None and line != ref.line:
            return "both refuse, but botocore at line %d, dump at line %s" % (
                ref.line,
                json.dumps(line),
            )
        return None
    # both accept
    problems = []
    if not isinstance(answer.get("sections"), dict):
        return "accepted answer lacks a \"sections\" object"
    problems += dict_diffs(ref.sections, answer["sections"], ("sections",))
    if kind == "config":
        if not isinstance(answer.get("profile_map"), dict):
            problems.append("accepted config answer lacks a \"profile_map\" object")
        else:
            problems += dict_diffs(ref.profile_map, answer["profile_map"], ("profile_map",))
    elif "profile_map" in answer:
        problems.append("credentials answer must not carry \"profile_map\"")
    if not problems:
        return None
    shown = problems[:MAX_SHOWN_DIFFS]
    more = len(problems) - len(shown)
    return "; ".join(shown) + (" (+%d more)" % more if more else "")


# --------------------------------------------------------------------------
# driver


def corpus_files(directory):
    found = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name == "README.md" or name.endswith((".py", ".pyc")):
                continue
            path = os.path.join(root, name)
            if os.path.isfile(path):
                found.append(path)
    return found


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Compare rolehelper's INI dump tool with botocore."
    )
    parser.add_argument("--dump", required=True, help="path to the dump tool")
    parser.add_argument(
        "--corpus", required=True, action="append", help="corpus directory (repeatable)"
    )
    args = parser.parse_args(argv)  # exits 2 on usage errors
    if not (os.path.isfile(args.dump) and os.access(args.dump, os.X_OK)):
        parser.error("--dump %s is not an executable file" % args.dump)
    for directory in args.corpus:
        if not os.path.isdir(directory):
            parser.error("--corpus %s is not a directory" % directory)
    return args


def main(argv):
    args = parse_args(argv)
    ensure_utf8_mode()
    try:
        import botocore
        import botocore.configloader  # noqa: F401
    except ImportError as exc:
        sys.stderr.write("botocore_differential: cannot import botocore: %s\n" % exc)
        return 2
    sys.stderr.write(
        "botocore_differential: botocore %s, Python %s\n"
        % (botocore.__version__, sys.version.split()[0])
    )

    checks = agree = 0
    verdicts = {kind: {"accepted": 0, "refused": 0} for kind in KINDS}
    for directory in args.corpus:
        for path in corpus_files(directory):
            ref = Reference(path)
            for kind in KINDS:
                checks += 1
                verdicts[kind]["accepted" if ref.accepted else "refused"] += 1
                answer, problem = run_dump(args.dump, kind, path)
                if problem is None:
                    problem = compare(ref, kind, answer)
                if problem is None:
                    agree += 1
                else:
                    print("DISAGREE %s [%s]: %s" % (path, kind, problem), flush=True)

    disagree = checks - agree
    print(
        "differential: %d checks, %d agree, %d disagree (%s)"
        % (
            checks,
            agree,
            disagree,
            "; ".join(
                "%s: %d accepted, %d refused"
                % (kind, verdicts[kind]["accepted"], verdicts[kind]["refused"])
                for kind in KINDS
            ),
        )
    )
    return 0 if checks > 0 and disagree == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
