#!/usr/bin/env bash
# Installs everything rolehelper needs to build, test and package, from Debian's packages only.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config
  libssl-dev libcurl4-openssl-dev nlohmann-json3-dev libcxxopts-dev libpugixml-dev
  # tests: Boost.Test, the AWS CLI v2 as a real client, man page lint, benchmarks, packaging
  libboost-test-dev awscli mandoc hyperfine time lintian ruby man-db
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The end-to-end tests use the machine's python3 with botocore, boto3 and moto.
if ! python3 -c 'import botocore, boto3, moto' 2>/dev/null; then
  echo "install-deps: python3 lacks botocore/boto3/moto; installing Debian's python3-boto3 and python3-moto"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-boto3 python3-moto >/dev/null
fi
echo "install-deps: all dependencies present"
