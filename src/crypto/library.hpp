// SPDX-License-Identifier: MIT
// Private to src/crypto: readies OpenSSL with only what rolehelper uses. The default start
// reads openssl.cnf, registers every cipher and digest by name and loads every error
// string: about 3 ms, most of a cache hit. rolehelper fetches its algorithms from the
// default provider directly and never needs a name table, a config file or error text.
// (libcurl's TLS uses the system's shared OpenSSL, which this does not touch.)
#pragma once

namespace rolehelper::crypto::detail {

void ready_openssl();

}  // namespace rolehelper::crypto::detail
