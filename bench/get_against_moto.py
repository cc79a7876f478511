#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Times `rolehelper get` against a local moto STS (signatures and IAM policies checked), next
to `aws sts assume-role` doing the same AssumeRole. Starts and stops its own moto.

    python3 bench/get_against_moto.py [--bin build/release/rolehelper] [--runs 30]
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "cli"))
from moto_fixture import MotoServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=str(ROOT / "build" / "release" / "rolehelper"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    with MotoServer() as moto, tempfile.TemporaryDirectory() as home:
        env = {"HOME": home, "PATH": os.environ["PATH"], "AWS_DEFAULT_REGION": "us-east-1", **moto.endpoint_env()}
        subprocess.run([binary, "set-credentials", "default"], env=env, check=True, capture_output=True,
                       input=f"{moto.access_key_id}\n{moto.secret_access_key}\n", text=True)
        subprocess.run([binary, "add-profile", "ghijk", "--role-arn", moto.ghijk_arn, "--source-profile", "default",
                        "--region", "us-east-1"], env=env, check=True, capture_output=True)
        export = pathlib.Path(home) / "hyperfine.json"
        aws = (f"/usr/bin/aws sts assume-role --profile default --role-arn {moto.ghijk_arn} "
               f"--role-session-name bench --endpoint-url {moto.endpoint_url}")
        subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(args.runs), "--export-json", str(export),
                        "--command-name", "rolehelper get (AssumeRole at moto)", f"{binary} get ghijk",
                        "--command-name", "aws sts assume-role (CLI v2)", aws],
                       env={**os.environ, **env}, check=True)
        results = json.loads(export.read_text())["results"]
        for result in results:
            print(f"{result['command']}: median {result['median'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
