// SPDX-License-Identifier: MIT
// HTTP values and the HttpClient seam. An interface because tests answer requests without a
// network, and because the real client loads libcurl only when a request is really made.
// send() returns any HTTP status; a transport failure (DNS, connect, TLS, timeout) throws
// Error(network) naming the URL and the reason.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::net {

struct Header {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // scheme://host[:port]/path[?query]
  std::vector<Header> headers;
  std::string body;

  // The value of the first header with this name (case-insensitive).
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

struct HttpResponse {
  long status = 0;
  std::vector<Header> headers;
  std::string body;

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
  std::optional<std::string> ca_bundle;  // PEM file; else the system trust store
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  [[nodiscard]] virtual HttpResponse send(const HttpRequest& request,
                                          const HttpOptions& options) = 0;
};

struct UrlParts {
  std::string scheme;     // lower-case
  std::string authority;  // host[:port], as sent in the Host header
  std::string host;       // without port or brackets
  std::string path;       // "/" when empty
  std::string query;      // without '?'
};

// Splits an absolute http(s) URL; std::nullopt if it is not one.
[[nodiscard]] std::optional<UrlParts> parse_url(std::string_view url);

}  // namespace rolehelper::net
