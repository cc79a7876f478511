// SPDX-License-Identifier: MIT
// Time: a Clock seam (tests fix "now"), and the timestamp formats AWS uses: X-Amz-Date
// (20150830T123600Z), RFC 3339 in UTC with a Z (what botocore needs in Expiration), and a
// parser for the ISO 8601 forms STS, IMDS and other credential processes send.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::util {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override { return std::chrono::system_clock::now(); }
};

[[nodiscard]] std::string format_amz_date(TimePoint time);
[[nodiscard]] std::string format_rfc3339(TimePoint time);

// "YYYY-MM-DDTHH:MM:SS" with optional fraction and a zone (Z, +HH:MM, -HH:MM or +HHMM);
// a timestamp without a zone is refused, as botocore cannot use it. Fractions are dropped.
[[nodiscard]] std::optional<TimePoint> parse_iso8601(std::string_view text);

// An HTTP Date header (RFC 9110 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT").
[[nodiscard]] std::optional<TimePoint> parse_http_date(std::string_view text);

}  // namespace rolehelper::util
