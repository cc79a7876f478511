// SPDX-License-Identifier: MIT
// CurlHttpClient: HttpClient over libcurl, which is loaded with dlopen() on the first
// request, so a run that makes none (a cache hit) never pays for loading libcurl and the
// dozens of libraries it pulls in. TLS peer and host verification are always on; the CA
// bundle may be replaced (AWS_CA_BUNDLE, ca_bundle), never disabled. Proxies come from
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as libcurl reads them. Redirects are not followed.
#pragma once

#include <rolehelper/net/http.hpp>

namespace rolehelper::net {

class CurlHttpClient final : public HttpClient {
 public:
  [[nodiscard]] HttpResponse send(const HttpRequest& request, const HttpOptions& options) override;
};

}  // namespace rolehelper::net
