#!/usr/bin/env bash
# Builds the Debian package from the release preset and checks it with lintian:
#   build/release/rolehelper_VERSION-1_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release
cmake --build --preset release
rm -f build/release/rolehelper_*.deb
(cd build/release && cpack -G DEB)
deb=$(ls build/release/rolehelper_*.deb)
# --fail-on error: warnings are reported, errors fail the build.
lintian --fail-on error --tag-display-limit 0 "$deb"
echo "package: $deb"
