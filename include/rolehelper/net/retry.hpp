// SPDX-License-Identifier: MIT
// Retries with exponential backoff and full jitter (each pause is random in
// [0, min(cap, base * 2^attempt)]), as AWS SDKs do for throttling, 5xx answers and
// connection failures. The request is rebuilt for each attempt, so it can be re-signed.
#pragma once

#include <rolehelper/net/http.hpp>

#include <chrono>
#include <functional>

namespace rolehelper::net {

struct RetryPolicy {
  int max_attempts = 3;
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{5000};
  // Tests replace the pause; the default sleeps.
  std::function<void(std::chrono::milliseconds)> pause;
};

// Sends make()'s request until an answer `retryable` rejects no more, or the attempts run
// out: then returns the last answer, or rethrows the last transport Error(network).
[[nodiscard]] HttpResponse send_with_retries(
    HttpClient& http, const std::function<HttpRequest()>& make, const HttpOptions& options,
    const RetryPolicy& policy, const std::function<bool(const HttpResponse&)>& retryable);

}  // namespace rolehelper::net
