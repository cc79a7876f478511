// SPDX-License-Identifier: MIT
// Prompt: asks the user on the controlling terminal (/dev/tty), never on stdin or stdout,
// which belong to the program that runs rolehelper. An interface because tests answer
// prompts without a terminal.
#pragma once

#include <rolehelper/util/secret.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::os {

class Prompt {
 public:
  virtual ~Prompt() = default;
  // std::nullopt when there is no terminal to ask on.
  [[nodiscard]] virtual std::optional<std::string> ask(std::string_view question) = 0;
  // As ask(), with echo off. Throws Error(io) if the terminal cannot be set up.
  [[nodiscard]] virtual std::optional<util::Secret> ask_secret(std::string_view question) = 0;
};

// True when standard input is a terminal (set-credentials then asks instead of reading it).
[[nodiscard]] bool stdin_is_terminal() noexcept;

class TerminalPrompt final : public Prompt {
 public:
  [[nodiscard]] std::optional<std::string> ask(std::string_view question) override;
  [[nodiscard]] std::optional<util::Secret> ask_secret(std::string_view question) override;
};

}  // namespace rolehelper::os
