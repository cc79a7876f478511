// SPDX-License-Identifier: MIT
// A Context for command tests: HOME in a temporary folder, string streams for stdin, stdout
// and stderr, and a prompt that answers from a script (nullopt = no terminal).
#pragma once

#include <rolehelper/app/context.hpp>
#include <rolehelper/net/http.hpp>
#include <rolehelper/os/process.hpp>
#include <rolehelper/os/terminal.hpp>
#include <rolehelper/util/error.hpp>

#include <deque>
#include <sstream>

#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

namespace rolehelper::test {

class ScriptedPrompt final : public os::Prompt {
 public:
  std::deque<std::string> answers;
  std::vector<std::string> questions;
  bool terminal = true;

  std::optional<std::string> ask(std::string_view question) override {
    questions.emplace_back(question);
    if (!terminal || answers.empty()) {
      return std::nullopt;
    }
    auto answer = answers.front();
    answers.pop_front();
    return answer;
  }
  std::optional<util::Secret> ask_secret(std::string_view question) override {
    auto answer = ask(question);
    if (!answer) {
      return std::nullopt;
    }
    return util::Secret(std::move(*answer));
  }
};

// Refuses every request: command tests that reach the network must script one themselves.
class NoNetwork final : public net::HttpClient {
 public:
  net::HttpResponse send(const net::HttpRequest& request, const net::HttpOptions&) override {
    throw util::Error(util::ErrorKind::network, "no network in this test: " + request.url);
  }
};

struct FakeContext {
  TempDir home;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  ScriptedPrompt prompt;
  NoNetwork network;
  FixedClock clock;
  os::PosixProcessRunner runner;
  app::Context ctx;

  explicit FakeContext(std::string stdin_text = {}, bool stdin_is_terminal = false)
      : in(std::move(stdin_text)),
        ctx{os::Environment({{"HOME", home.path().string()}}),
            {},
            out,
            err,
            in,
            stdin_is_terminal,
            prompt,
            util::Logger(err, util::LogLevel::warning),
            network,
            clock,
            runner} {}

  [[nodiscard]] std::filesystem::path config() const { return home / ".aws/config"; }
  [[nodiscard]] std::filesystem::path credentials() const { return home / ".aws/credentials"; }
};

}  // namespace rolehelper::test
