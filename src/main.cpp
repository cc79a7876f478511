// SPDX-License-Identifier: MIT
// Builds the real Context and prints stdout only when the command succeeded, so a failing
// command never leaves half an answer on stdout.
#include <rolehelper/app/context.hpp>
#include <rolehelper/cli/run_main.hpp>
#include <rolehelper/net/curl_http_client.hpp>
#include <rolehelper/os/environment.hpp>
#include <rolehelper/os/process.hpp>
#include <rolehelper/os/terminal.hpp>

#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  using namespace rolehelper;
  std::ostringstream out;
  os::TerminalPrompt prompt;
  net::CurlHttpClient http;  // loads libcurl only if a request is made
  util::SystemClock clock;
  os::PosixProcessRunner runner;
  auto env = os::Environment::from_process();
  const bool debug = env.get("ROLEHELPER_LOG") == "debug";
  app::Context ctx{std::move(env),
                   {},
                   out,
                   std::cerr,
                   std::cin,
                   os::stdin_is_terminal(),
                   prompt,
                   util::Logger(std::cerr, debug ? util::LogLevel::debug : util::LogLevel::warning),
                   http,
                   clock,
                   runner};
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int status = cli::run_main(args, ctx);
  if (status == 0) {
    std::cout << out.str() << std::flush;
    if (!std::cout) {
      return 1;  // stdout closed or full: the caller did not get the answer
    }
  }
  return status;
}
