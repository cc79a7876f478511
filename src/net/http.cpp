// SPDX-License-Identifier: MIT
#include <rolehelper/net/http.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::net {
namespace {
std::optional<std::string> find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const auto& header : headers) {
    if (util::iequals_ascii(header.name, name)) {
      return header.value;
    }
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> HttpRequest::header(std::string_view name) const {
  return find_header(headers, name);
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  return find_header(headers, name);
}

std::optional<UrlParts> parse_url(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return std::nullopt;
  }
  UrlParts parts;
  parts.scheme = util::to_lower_ascii(url.substr(0, scheme_end));
  if (parts.scheme != "http" && parts.scheme != "https") {
    return std::nullopt;
  }
  auto rest = url.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  parts.authority = std::string(rest.substr(0, authority_end));
  rest = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (parts.authority.empty() || parts.authority.find('@') != std::string::npos) {
    return std::nullopt;  // no user info: it would be a place to hide a host
  }
  if (parts.authority.front() == '[') {
    const auto close = parts.authority.find(']');
    if (close == std::string::npos) {
      return std::nullopt;
    }
    parts.host = parts.authority.substr(1, close - 1);
  } else {
    parts.host = parts.authority.substr(0, parts.authority.find(':'));
  }
  const auto fragment = rest.find('#');
  rest = rest.substr(0, fragment);
  const auto query_start = rest.find('?');
  parts.path = std::string(rest.substr(0, query_start));
  if (parts.path.empty()) {
    parts.path = "/";
  }
  if (query_start != std::string_view::npos) {
    parts.query = std::string(rest.substr(query_start + 1));
  }
  return parts;
}

}  // namespace rolehelper::net
