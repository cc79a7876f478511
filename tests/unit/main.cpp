// SPDX-License-Identifier: MIT
#define BOOST_TEST_MODULE rolehelper
#include <boost/test/unit_test.hpp>
