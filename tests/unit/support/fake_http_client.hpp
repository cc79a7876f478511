// SPDX-License-Identifier: MIT
// FakeHttpClient: an HttpClient that answers from a script, in order, and records every request
// it was sent. A scripted network failure is thrown as Error(network), as the real client does
// for DNS, connect, TLS and timeout failures; an empty script throws Error(internal).
#pragma once

#include <rolehelper/net/http.hpp>
#include <rolehelper/util/error.hpp>

#include <deque>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace rolehelper::test {

struct NetworkFailure {
  std::string reason = "Could not resolve host";
};

class FakeHttpClient final : public net::HttpClient {
 public:
  using Answer = std::variant<net::HttpResponse, NetworkFailure>;

  // Queues an answer with this status and body.
  FakeHttpClient& respond(long status, std::string body, std::vector<net::Header> headers = {}) {
    m_script.emplace_back(net::HttpResponse{status, std::move(headers), std::move(body)});
    return *this;
  }
  // Queues a transport failure: send() throws Error(network) naming the URL.
  FakeHttpClient& fail(std::string reason = "Could not resolve host") {
    m_script.emplace_back(NetworkFailure{std::move(reason)});
    return *this;
  }

  net::HttpResponse send(const net::HttpRequest& request,
                         const net::HttpOptions& options) override {
    requests.push_back(request);
    options_seen.push_back(options);
    if (m_script.empty()) {
      throw util::Error(util::ErrorKind::internal, "FakeHttpClient: no answer scripted for " +
                                                       request.method + " " + request.url);
    }
    auto answer = std::move(m_script.front());
    m_script.pop_front();
    if (const auto* failure = std::get_if<NetworkFailure>(&answer)) {
      throw util::Error(util::ErrorKind::network,
                        "cannot reach " + request.url + ": " + failure->reason);
    }
    return std::get<net::HttpResponse>(std::move(answer));
  }

  [[nodiscard]] std::size_t unused_answers() const noexcept { return m_script.size(); }

  std::vector<net::HttpRequest> requests;
  std::vector<net::HttpOptions> options_seen;

 private:
  std::deque<Answer> m_script;
};

}  // namespace rolehelper::test
