#!/usr/bin/env bash
# Builds the Debian package from the release preset, in build/deb with the Debian-only
# settings (doc files, lintian override, zsh's vendor-completions), and checks it with lintian:
#   build/deb/rolehelper_VERSION-1_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release -B build/deb \
  -DROLEHELPER_INSTALL_DEBIAN_FILES=ON \
  -DROLEHELPER_ZSH_COMPLETION_DIR=share/zsh/vendor-completions
cmake --build build/deb
rm -f build/deb/rolehelper_*.deb
(cd build/deb && cpack -G DEB)
deb=$(ls build/deb/rolehelper_*.deb)
# --fail-on error: warnings are reported, errors fail the build.
lintian --fail-on error --tag-display-limit 0 "$deb"
echo "package: $deb"
