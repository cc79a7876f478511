// SPDX-License-Identifier: MIT
// Only types and constants come from <curl/curl.h>; the functions are looked up in
// libcurl.so.4 at run time (see the header for why).
#include <rolehelper/net/curl_http_client.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/version.hpp>

#include <curl/curl.h>

#include <dlfcn.h>

#include <memory>
#include <mutex>

namespace rolehelper::net {
using util::Error;
using util::ErrorKind;

namespace {

struct Curl {
  CURLcode (*global_init)(long);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

template <typename Function>
void bind(void* library, Function& target, const char* name) {
  void* symbol = ::dlsym(library, name);
  if (symbol == nullptr) {
    throw Error(ErrorKind::network, std::string("libcurl lacks ") + name,
                "install libcurl4 (7.68 or later)");
  }
  target = reinterpret_cast<Function>(symbol);
}

const Curl& curl() {
  static std::once_flag once;
  static Curl functions{};
  static std::string failure;
  std::call_once(once, [] {
    void* library = ::dlopen(ROLEHELPER_LIBCURL, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      failure = std::string("cannot load ") + ROLEHELPER_LIBCURL;
      return;
    }
    try {
      bind(library, functions.global_init, "curl_global_init");
      bind(library, functions.easy_init, "curl_easy_init");
      bind(library, functions.easy_setopt, "curl_easy_setopt");
      bind(library, functions.easy_perform, "curl_easy_perform");
      bind(library, functions.easy_getinfo, "curl_easy_getinfo");
      bind(library, functions.easy_cleanup, "curl_easy_cleanup");
      bind(library, functions.easy_strerror, "curl_easy_strerror");
      bind(library, functions.slist_append, "curl_slist_append");
      bind(library, functions.slist_free_all, "curl_slist_free_all");
    } catch (const Error& error) {
      failure = error.what();
      return;
    }
    if (functions.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      failure = "libcurl failed to initialise";
    }
  });
  if (!failure.empty()) {
    throw Error(ErrorKind::network, failure, "install libcurl4 (apt-get install libcurl4)");
  }
  return functions;
}

// libcurl callbacks: no exception may cross them, so they only append.
extern "C" std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  body->append(data, size * count);
  return size * count;
}

extern "C" std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<std::vector<Header>*>(user);
  std::string_view line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after a 100 Continue or a proxy CONNECT)
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') {
      value.remove_prefix(1);
    }
    headers->push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  return size * count;
}

}  // namespace

HttpResponse CurlHttpClient::send(const HttpRequest& request, const HttpOptions& options) {
  const Curl& lib = curl();
  std::unique_ptr<CURL, void (*)(CURL*)> handle(lib.easy_init(), lib.easy_cleanup);
  if (!handle) {
    throw Error(ErrorKind::network, "libcurl could not create a request");
  }
  CURL* h = handle.get();
  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {};

  curl_slist* raw_headers = nullptr;
  for (const auto& header : request.headers) {
    raw_headers = lib.slist_append(raw_headers, (header.name + ": " + header.value).c_str());
  }
  raw_headers = lib.slist_append(raw_headers, "Expect:");  // no 100-continue round trip
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(raw_headers, lib.slist_free_all);

  const std::string user_agent = std::string("rolehelper/") + k_version;
  lib.easy_setopt(h, CURLOPT_URL, request.url.c_str());
  lib.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  lib.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  lib.easy_setopt(h, CURLOPT_USERAGENT, user_agent.c_str());
  lib.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  lib.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  lib.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  lib.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (options.ca_bundle) {
    lib.easy_setopt(h, CURLOPT_CAINFO, options.ca_bundle->c_str());
  }
  lib.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  lib.easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  lib.easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  lib.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  lib.easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  lib.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  lib.easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
  if (request.method == "POST") {
    lib.easy_setopt(h, CURLOPT_POST, 1L);
    lib.easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    lib.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    lib.easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty()) {
      lib.easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
      lib.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
  }

  const CURLcode code = lib.easy_perform(h);
  if (code != CURLE_OK) {
    const std::string reason = error_buffer[0] != '\0' ? error_buffer : lib.easy_strerror(code);
    const bool timeout = code == CURLE_OPERATION_TIMEDOUT;
    throw Error(
        ErrorKind::network, "cannot reach " + request.url + ": " + reason,
        timeout
            ? "the endpoint did not answer within " +
                  std::to_string(options.total_timeout.count() / 1000) +
                  " s; check the endpoint URL, your network and proxy settings"
            : "check the endpoint URL, your network and proxy settings (HTTPS_PROXY, NO_PROXY)");
  }
  lib.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace rolehelper::net
