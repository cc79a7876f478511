// SPDX-License-Identifier: MIT
#include <rolehelper/net/retry.hpp>
#include <rolehelper/util/error.hpp>

#include <algorithm>
#include <random>
#include <thread>

namespace rolehelper::net {

HttpResponse send_with_retries(HttpClient& http, const std::function<HttpRequest()>& make,
                               const HttpOptions& options, const RetryPolicy& policy,
                               const std::function<bool(const HttpResponse&)>& retryable) {
  std::mt19937_64 random(std::random_device{}());
  const int attempts = std::max(1, policy.max_attempts);
  for (int attempt = 0;; ++attempt) {
    const bool last = attempt + 1 >= attempts;
    try {
      auto response = http.send(make(), options);
      if (last || !retryable(response)) {
        return response;
      }
    } catch (const util::Error& error) {
      if (last || error.kind() != util::ErrorKind::network) {
        throw;
      }
    }
    const long long growth = 1LL << std::min(attempt, 20);
    const long long ceiling =
        std::min<long long>(policy.max_delay.count(), policy.base_delay.count() * growth);
    std::uniform_int_distribution<long long> jitter(0, ceiling);
    const std::chrono::milliseconds pause(jitter(random));
    if (policy.pause) {
      policy.pause(pause);
    } else {
      std::this_thread::sleep_for(pause);
    }
  }
}

}  // namespace rolehelper::net
