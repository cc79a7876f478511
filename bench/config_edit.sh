#!/usr/bin/env bash
# Times add-profile, remove-profile and list on the 10,000-profile corpus file.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${ROLEHELPER_BIN:-build/release/rolehelper}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixture=tests/data/ini/many_profiles_10000.ini
hyperfine -N --warmup 2 -r 15 --prepare "cp $fixture $work/config" \
  "$bin --config-file $work/config add-profile newrole --role-arn arn:aws:iam::123456789012:role/Ghijk --source-profile default" \
  "$bin --config-file $work/config remove-profile p05000" \
  "$bin --config-file $work/config list"
