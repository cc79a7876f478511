#!/usr/bin/env bash
# Installs the dependencies, builds an optimised rolehelper and installs it onto PATH
# (default prefix /usr/local; set PREFIX to change it).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake --preset release
cmake --build --preset release

prefix="${PREFIX:-/usr/local}"
sudo=""
if [ ! -w "$prefix" ] && [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
$sudo cmake --install build/release --prefix "$prefix"
echo "install: $("$prefix/bin/rolehelper" --version) installed as $prefix/bin/rolehelper"
