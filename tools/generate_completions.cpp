// SPDX-License-Identifier: MIT
// Build-time tool: writes the bash, zsh or fish completion script made from the command table
// (src/cli/completions.cpp) to a file. CMake runs it; the scripts are installed with the
// binary, never written by hand.
#include <rolehelper/cli/completions.hpp>

#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::string script = argc == 3 ? rolehelper::cli::completion_for(argv[1]) : std::string();
  if (script.empty()) {
    std::cerr << "usage: generate_completions bash|zsh|fish OUTPUT\n";
    return 2;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out << script;
  out.close();
  return out ? 0 : 1;
}
