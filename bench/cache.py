#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Benchmarks of the credential cache, measured in one run against a moto peer of its own.

    python3 bench/cache.py [--bin build/release/rolehelper] [--runs 200]

Reports medians (hyperfine, no shell) and the ratios the cache issue sets as targets:
  warm `rolehelper get`               vs `cat` of a file of the same size (the floor)
  warm get                            vs `/usr/bin/aws configure export-credentials` (CLI v2,
                                         native role_arn profile, its own cache warm)
  warm get                            vs a boto3 one-liner reading the same profile
  cold get (cache cleared)            vs `/usr/bin/aws sts assume-role`
  warm get, 10,000-profile config     vs a one-profile config
  64 concurrent cold gets             wall time and AssumeRole calls seen by moto
  peak RSS of a warm get              (/usr/bin/time -f %M)
Everything runs in a temporary HOME; moto listens on 127.0.0.1 only and is stopped by PID.
"""
import argparse
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "cli"))
from moto_fixture import MotoRecorder, MotoServer  # noqa: E402

TARGETS = {"floor": 1.5, "cli_v2": 100.0, "rss_kib": 8 * 1024, "big_config": 2.0}


def hyperfine(commands, env, runs, prepare=None, warmup=20):
    """Median seconds of each command (hyperfine -N: no shell in the measurement)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        argv = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                "--export-json", export.name]
        if prepare:
            argv += ["--prepare", prepare]
        subprocess.run(argv + list(commands), env=env, check=True, stdout=subprocess.DEVNULL)
        results = json.load(open(export.name))["results"]
    return [result["median"] for result in results]


def run(argv, env, **kwargs):
    return subprocess.run(argv, env=env, check=True, capture_output=True, text=True, **kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=str(ROOT / "build" / "release" / "rolehelper"))
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    binary = str(pathlib.Path(args.bin).resolve())
    for tool in ("hyperfine", "/usr/bin/time", "/usr/bin/aws"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing (scripts/install-deps.sh installs it)")

    home = pathlib.Path(tempfile.mkdtemp(prefix="rolehelper-bench-"))
    bin_dir = home / "bin"
    bin_dir.mkdir()
    os.symlink(binary, bin_dir / "rolehelper")
    moto = MotoServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ROLEHELPER_", "XDG_"))}
        env.update(HOME=str(home), PATH=f"{bin_dir}:{env.get('PATH', os.defpath)}",
                   AWS_ENDPOINT_URL_STS=moto.endpoint_url, AWS_EC2_METADATA_DISABLED="true",
                   AWS_PAGER="")
        aws = home / ".aws"
        aws.mkdir(mode=0o700)
        (aws / "credentials").write_text(
            f"[default]\naws_access_key_id = {moto.access_key_id}\n"
            f"aws_secret_access_key = {moto.secret_access_key}\n")
        run([binary, "add-profile", "ghijk", "--role-arn", moto.ghijk_arn, "--source-profile", "default",
             "--region", "us-east-1"], env)
        with open(aws / "config", "a") as config:  # the AWS CLI's own way: role_arn
            config.write(f"\n[profile native]\nrole_arn = {moto.ghijk_arn}\nsource_profile = default\n"
                         "region = us-east-1\n")
        # A 10,000-profile config with the same profile at its end.
        big = home / "big-config"
        big.write_text((ROOT / "tests" / "data" / "ini" / "many_profiles_10000.ini").read_text() +
                       "\n" + (aws / "config").read_text())
        time.sleep(2.2)  # routes are stored only for config files that have been still for 2 s
        warm = run([binary, "get", "ghijk"], env).stdout
        run([binary, "get", "ghijk"], env)
        big_env = dict(env, AWS_CONFIG_FILE=str(big))
        run([binary, "get", "ghijk"], big_env)
        floor = home / "floor.json"
        floor.write_text(warm)
        # The AWS CLI's cache for the native profile, warmed once (pip CLI v1 reads
        # AWS_ENDPOINT_URL_STS; both write ~/.aws/cli/cache with the same keys).
        run(["python3", "-m", "awscli", "sts", "get-caller-identity", "--profile", "native"], env)
        run(["/usr/bin/aws", "configure", "export-credentials", "--profile", "native"], env)

        get = f"{binary} get ghijk"
        medians = {}
        medians["cat"], medians["version"], medians["warm"], medians["cli_v2"] = hyperfine(
            [f"cat {floor}", f"{binary} --version", get,
             "/usr/bin/aws configure export-credentials --profile native"],
            env, args.runs)
        boto3 = ("python3 -c \"import boto3; "
                 "boto3.Session(profile_name='ghijk').get_credentials().get_frozen_credentials()\"")
        (medians["boto3"],) = hyperfine([boto3], env, max(10, args.runs // 10), warmup=3)
        (medians["warm_big"],) = hyperfine([get], big_env, args.runs)
        (medians["cold"],) = hyperfine([get], env, max(10, args.runs // 4),
                                       prepare=f"{binary} cache clear", warmup=3)
        (medians["cli_assume_role"],) = hyperfine(
            [f"/usr/bin/aws sts assume-role --role-arn {moto.ghijk_arn} --role-session-name bench "
             f"--endpoint-url {moto.endpoint_url} --region us-east-1"],
            env, max(10, args.runs // 20), warmup=2)

        rss = []
        for _ in range(20):
            timed = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "get", "ghijk"], env=env,
                                   check=True, capture_output=True, text=True)
            rss.append(int(timed.stderr.strip().splitlines()[-1]))
        peak_rss_kib = sorted(rss)[len(rss) // 2]

        recorder = MotoRecorder(moto.endpoint_url)
        run([binary, "cache", "clear"], env)
        recording = recorder.start()
        started = time.perf_counter()
        processes = [subprocess.Popen([binary, "get", "ghijk"], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL) for _ in range(64)]
        outputs = {process.communicate()[0] for process in processes}
        stampede_seconds = time.perf_counter() - started
        calls = (sum(1 for form, _ in recorder.sts_requests() if form.get("Action") == "AssumeRole")
                 if recording else None)
        recorder.stop()
    finally:
        moto.stop()
        shutil.rmtree(home, ignore_errors=True)

    ms = {name: value * 1000 for name, value in medians.items()}
    ratio_floor = ms["warm"] / ms["cat"]
    speedup_cli = ms["cli_v2"] / ms["warm"]
    ratio_big = ms["warm_big"] / ms["warm"]
    met = lambda ok: "met" if ok else "MISSED"  # noqa: E731
    print(f"# rolehelper cache benchmark, {time.strftime('%Y-%m-%d')}, {platform.node()}, "
          f"{os.cpu_count()} cores, {platform.release()}\n")
    print("| measurement | median |")
    print("|---|---|")
    print(f"| `cat` of a {len(warm)}-byte file (floor) | {ms['cat']:.2f} ms |")
    print(f"| `rolehelper --version` (process start, no cache work) | {ms['version']:.2f} ms |")
    print(f"| warm `rolehelper get` | {ms['warm']:.2f} ms |")
    print(f"| warm get, 10,000-profile config | {ms['warm_big']:.2f} ms |")
    print(f"| `/usr/bin/aws configure export-credentials` (CLI v2, warm cache) | {ms['cli_v2']:.1f} ms |")
    print(f"| boto3 one-liner, credential_process profile | {ms['boto3']:.1f} ms |")
    print(f"| cold get (cache cleared, one AssumeRole) | {ms['cold']:.1f} ms |")
    print(f"| `/usr/bin/aws sts assume-role` | {ms['cli_assume_role']:.1f} ms |")
    print(f"| 64 concurrent cold gets, wall time | {stampede_seconds * 1000:.0f} ms |")
    print()
    print("| target | measured | |")
    print("|---|---|---|")
    print(f"| warm get <= 1.5x the cat floor | {ratio_floor:.2f}x | {met(ratio_floor <= TARGETS['floor'])} |")
    print(f"| warm get >= 100x faster than CLI v2 | {speedup_cli:.0f}x | {met(speedup_cli >= TARGETS['cli_v2'])} |")
    print(f"| peak RSS of a warm get <= 8 MB | {peak_rss_kib / 1024:.1f} MiB | "
          f"{met(peak_rss_kib <= TARGETS['rss_kib'])} |")
    print(f"| 10,000-profile config <= 2x one-profile | {ratio_big:.2f}x | {met(ratio_big <= TARGETS['big_config'])} |")
    print(f"| 1 STS call per 64-way stampede | {calls if calls is not None else 'n/a (no recorder)'} "
          f"call(s), {len(outputs)} distinct output(s) | {met(calls == 1 and len(outputs) == 1)} |")
    print(f"\ncold get is {ms['cli_assume_role'] / ms['cold']:.0f}x faster than aws sts assume-role; "
          f"warm get is {ms['boto3'] / ms['warm']:.0f}x faster than the boto3 one-liner.")


if __name__ == "__main__":
    main()
