// SPDX-License-Identifier: MIT
// FixedClock: "now" is whatever the test says (2026-11-23 10:00 UTC unless set).
#pragma once

#include <rolehelper/util/time.hpp>

namespace rolehelper::test {

class FixedClock final : public util::Clock {
 public:
  FixedClock() = default;
  explicit FixedClock(util::TimePoint at) : time(at) {}
  [[nodiscard]] util::TimePoint now() const override { return time; }

  util::TimePoint time =
      std::chrono::sys_days(std::chrono::year(2026) / 11 / 23) + std::chrono::hours(10);
};

}  // namespace rolehelper::test
