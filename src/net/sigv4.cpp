// SPDX-License-Identifier: MIT
// Canonical forms as in the AWS SigV4 test suite (aws-c-auth) and botocore's SigV4Auth.
#include <rolehelper/crypto/digest.hpp>
#include <rolehelper/net/sigv4.hpp>
#include <rolehelper/util/encoding.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/secret.hpp>
#include <rolehelper/util/strings.hpp>

#include <algorithm>
#include <map>

namespace rolehelper::net {
namespace {

constexpr std::string_view k_algorithm = "AWS4-HMAC-SHA256";

// Hop-by-hop and proxy headers are never signed (botocore's SigV4Auth list).
bool is_unsigned_header(std::string_view lower_name) {
  constexpr std::string_view k_unsigned[] = {"authorization",
                                             "connection",
                                             "expect",
                                             "keep-alive",
                                             "proxy-authenticate",
                                             "proxy-authorization",
                                             "te",
                                             "trailer",
                                             "transfer-encoding",
                                             "upgrade",
                                             "user-agent",
                                             "x-amzn-trace-id"};
  return std::find(std::begin(k_unsigned), std::end(k_unsigned), lower_name) !=
         std::end(k_unsigned);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Trims the value and collapses each run of whitespace (folded lines included) to one space.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (const char c : util::trim_ascii(value)) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  return out;
}

// RFC 3986 remove_dot_segments, plus collapsing empty segments ("//a//" is "/a/").
std::string normalized_path(std::string_view path) {
  std::vector<std::string> kept;
  for (const auto& segment : util::split(path, '/')) {
    if (segment.empty() || segment == ".") {
      continue;
    }
    if (segment == "..") {
      if (!kept.empty()) {
        kept.pop_back();
      }
      continue;
    }
    kept.push_back(segment);
  }
  std::string out = "/" + util::join(kept, "/");
  const bool trailing = path.ends_with("/") || path.ends_with("/.") || path.ends_with("/..");
  if (trailing && out != "/") {
    out += '/';
  }
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& item : util::split(query, '&')) {
    if (item.empty()) {
      continue;
    }
    const auto equals = item.find('=');
    const auto name = std::string_view(item).substr(0, equals);
    const auto value = equals == std::string::npos ? std::string_view{}
                                                   : std::string_view(item).substr(equals + 1);
    params.emplace_back(util::uri_encode(util::percent_decode(name)),
                        util::uri_encode(util::percent_decode(value)));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    out += (out.empty() ? "" : "&") + name + "=" + value;
  }
  return out;
}

struct CanonicalHeaders {
  std::string block;  // "name:value\n" lines
  std::string signed_names;
};

CanonicalHeaders canonical_headers(const std::vector<Header>& headers) {
  std::map<std::string, std::string> merged;  // sorted by lower-case name
  for (const auto& header : headers) {
    auto name = util::to_lower_ascii(header.name);
    if (is_unsigned_header(name)) {
      continue;
    }
    auto& value = merged[name];
    value += (value.empty() ? "" : ",") + canonical_header_value(header.value);
  }
  CanonicalHeaders out;
  for (const auto& [name, value] : merged) {
    out.block += name + ":" + value + "\n";
    out.signed_names += (out.signed_names.empty() ? "" : ";") + name;
  }
  return out;
}

struct Prepared {
  UrlParts url;
  std::string date;  // YYYYMMDD
  std::string amz_date;
  std::string scope;
};

Prepared prepare(HttpRequest& request, const SigningScope& scope) {
  auto url = parse_url(request.url);
  if (!url) {
    throw util::Error(util::ErrorKind::internal, "cannot sign a request for URL " + request.url);
  }
  if (!request.header("host")) {
    request.headers.push_back({"Host", url->authority});
  }
  Prepared prepared{std::move(*url), {}, util::format_amz_date(scope.time), {}};
  prepared.date = prepared.amz_date.substr(0, 8);
  prepared.scope = prepared.date + "/" + scope.region + "/" + scope.service + "/aws4_request";
  return prepared;
}

SignatureParts finish(const Prepared& prepared, const HttpRequest& request,
                      const aws::Credentials& credentials, const SigningScope& scope,
                      std::string_view query, const CanonicalHeaders& headers,
                      std::string_view payload_hash) {
  SignatureParts parts;
  const std::string path =
      scope.normalize_path ? normalized_path(prepared.url.path) : prepared.url.path;
  parts.canonical_request = request.method + "\n" + util::uri_encode(path, true) + "\n" +
                            canonical_query(query) + "\n" + headers.block + "\n" +
                            headers.signed_names + "\n" + std::string(payload_hash);
  parts.string_to_sign = std::string(k_algorithm) + "\n" + prepared.amz_date + "\n" +
                         prepared.scope + "\n" +
                         util::to_hex(crypto::sha256(parts.canonical_request));

  std::string secret_key = "AWS4" + std::string(credentials.secret_access_key.expose());
  auto key = crypto::hmac_sha256(secret_key, prepared.date);
  util::wipe(secret_key);
  key = crypto::hmac_sha256(crypto::as_bytes(key), scope.region);
  key = crypto::hmac_sha256(crypto::as_bytes(key), scope.service);
  key = crypto::hmac_sha256(crypto::as_bytes(key), "aws4_request");
  parts.signature = util::to_hex(crypto::hmac_sha256(crypto::as_bytes(key), parts.string_to_sign));
  key.fill(0);
  return parts;
}

}  // namespace

SignatureParts sign_with_header(HttpRequest& request, const aws::Credentials& credentials,
                                const SigningScope& scope) {
  const Prepared prepared = prepare(request, scope);
  request.headers.push_back({"X-Amz-Date", prepared.amz_date});
  const bool has_token = credentials.session_token && !credentials.session_token->empty();
  if (has_token && !scope.omit_session_token) {
    request.headers.push_back(
        {"X-Amz-Security-Token", std::string(credentials.session_token->expose())});
  }
  const std::string payload_hash = util::to_hex(crypto::sha256(request.body));
  if (scope.sign_body) {
    request.headers.push_back({"x-amz-content-sha256", payload_hash});
  }
  const auto headers = canonical_headers(request.headers);
  auto parts =
      finish(prepared, request, credentials, scope, prepared.url.query, headers, payload_hash);
  request.headers.push_back(
      {"Authorization", std::string(k_algorithm) + " Credential=" + credentials.access_key_id +
                            "/" + prepared.scope + ", SignedHeaders=" + headers.signed_names +
                            ", Signature=" + parts.signature});
  if (has_token && scope.omit_session_token) {
    request.headers.push_back(
        {"X-Amz-Security-Token", std::string(credentials.session_token->expose())});
  }
  return parts;
}

SignatureParts sign_with_query(HttpRequest& request, const aws::Credentials& credentials,
                               const SigningScope& scope, std::chrono::seconds expires) {
  const Prepared prepared = prepare(request, scope);
  const auto headers = canonical_headers(request.headers);
  const bool has_token = credentials.session_token && !credentials.session_token->empty();
  std::string query = prepared.url.query;
  const auto add = [&](std::string_view name, std::string_view value) {
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + util::uri_encode(value);
  };
  add("X-Amz-Algorithm", k_algorithm);
  add("X-Amz-Credential", credentials.access_key_id + "/" + prepared.scope);
  add("X-Amz-Date", prepared.amz_date);
  add("X-Amz-Expires", std::to_string(expires.count()));
  add("X-Amz-SignedHeaders", headers.signed_names);
  if (has_token && !scope.omit_session_token) {
    add("X-Amz-Security-Token", credentials.session_token->expose());
  }
  const std::string payload_hash = util::to_hex(crypto::sha256(request.body));
  auto parts = finish(prepared, request, credentials, scope, query, headers, payload_hash);
  add("X-Amz-Signature", parts.signature);
  if (has_token && scope.omit_session_token) {
    add("X-Amz-Security-Token", credentials.session_token->expose());
  }
  request.url =
      prepared.url.scheme + "://" + prepared.url.authority + prepared.url.path + "?" + query;
  return parts;
}

}  // namespace rolehelper::net
