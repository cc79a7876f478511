// SPDX-License-Identifier: MIT
#include <rolehelper/util/error.hpp>

#include <utility>

namespace rolehelper::util {

Error::Error(ErrorKind kind, const std::string& message, std::string hint)
    : std::runtime_error(message), m_kind(kind), m_hint(std::move(hint)) {}

int exit_code_for(ErrorKind kind) noexcept {
  return kind == ErrorKind::usage ? 2 : 1;
}

}  // namespace rolehelper::util
