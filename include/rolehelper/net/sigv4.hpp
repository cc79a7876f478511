// SPDX-License-Identifier: MIT
// AWS Signature Version 4, a pure function of the request, the credentials, the scope and
// the time (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html). It adds
// the signing headers (or query parameters) to the request and returns the intermediate
// strings so they can be checked against the public test suite.
#pragma once

#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/net/http.hpp>
#include <rolehelper/util/time.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace rolehelper::net {

struct SigningScope {
  std::string region;
  std::string service;
  util::TimePoint time;
  bool normalize_path = true;       // every service but S3
  bool sign_body = false;           // add x-amz-content-sha256 (header signing)
  bool omit_session_token = false;  // add the token after signing instead of signing it
};

struct SignatureParts {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lower-case hex
};

// Adds X-Amz-Date, X-Amz-Security-Token (temporary credentials), x-amz-content-sha256 (when
// sign_body) and Authorization. A Host header is added from the URL when missing.
// Throws Error(internal) on a URL that is not absolute http(s).
SignatureParts sign_with_header(HttpRequest& request, const aws::Credentials& credentials,
                                const SigningScope& scope);

// Presigns the URL: adds the X-Amz-* query parameters and X-Amz-Signature.
SignatureParts sign_with_query(HttpRequest& request, const aws::Credentials& credentials,
                               const SigningScope& scope, std::chrono::seconds expires);

}  // namespace rolehelper::net
