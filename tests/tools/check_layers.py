#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fails on an #include edge the architecture does not allow (../shared/design/architecture.md):
layers include only downwards, siblings never meet, and each third-party header stays in the
one place allowed to use it. Usage: check_layers.py SOURCE_DIR"""
import pathlib
import re
import sys

# Which of our layers each layer may include (itself always allowed).
ALLOWED = {
    "util": set(),
    "os": {"util"},
    "crypto": {"util"},
    "ini": {"util"},
    "aws": {"util", "ini", "os"},
    "net": {"util", "crypto", "aws", "os"},
    "cache": {"util", "os", "crypto", "aws"},
    "credentials": {"util", "os", "crypto", "ini", "aws", "net", "cache"},
    "app": {"util", "os", "crypto", "ini", "aws", "net", "cache", "credentials"},
    "cli": {"util", "app"},
}
# Third-party headers and the only files (relative to the source dir) that may include them.
THIRD_PARTY = {
    "openssl/": lambda f: f.startswith("src/crypto/"),
    "curl/": lambda f: f == "src/net/curl_http_client.cpp",
    "pugixml": lambda f: f == "src/net/sts_response.cpp",
    "nlohmann/": lambda f: f == "src/util/json.cpp",
    "cxxopts": lambda f: f.startswith("src/cli/"),
}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def layer_of(relative):
    parts = relative.split("/")
    if parts[0] == "include" and len(parts) > 3:
        return parts[2]
    if parts[0] == "src" and len(parts) > 2:
        return parts[1]
    return None  # src/main.cpp may include anything


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    problems = []
    checked = 0
    for path in sorted(list(root.glob("include/rolehelper/**/*.hpp")) + list(root.glob("src/**/*.cpp"))):
        relative = path.relative_to(root).as_posix()
        layer = layer_of(relative)
        checked += 1
        for included in INCLUDE.findall(path.read_text()):
            for prefix, allowed in THIRD_PARTY.items():
                if included.startswith(prefix) and not allowed(relative):
                    problems.append(f"{relative}: includes <{included}>, which only its own layer file may")
            match = re.match(r"rolehelper/([a-z_]+)/", included)
            if match and layer is not None:
                target = match.group(1)
                if target != layer and target not in ALLOWED.get(layer, set()):
                    problems.append(f"{relative}: layer '{layer}' may not include <{included}>")
    for problem in problems:
        print(problem)
    print(f"check_layers: {checked} files, {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
