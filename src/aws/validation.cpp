// SPDX-License-Identifier: MIT
#include <rolehelper/aws/arn.hpp>
#include <rolehelper/aws/validation.hpp>

#include <algorithm>

namespace rolehelper::aws {
namespace {

bool is_word_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool all_of(std::string_view text, std::string_view extra) noexcept {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return is_word_char(c) || extra.find(c) != std::string_view::npos;
  });
}

bool all_digits(std::string_view text) noexcept {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Problem check_pattern(std::string_view what, std::string_view value, std::size_t min,
                      std::size_t max, std::string_view extra) {
  if (value.size() < min || value.size() > max) {
    return std::string(what) + " must be " + std::to_string(min) + " to " + std::to_string(max) +
           " characters long";
  }
  if (!all_of(value, extra)) {
    return std::string(what) + " may contain only letters, digits and the characters _" +
           std::string(extra);
  }
  return std::nullopt;
}

}  // namespace

Problem check_profile_name(std::string_view name) {
  return check_pattern("a profile name", name, 1, 64, ".@-");
}

Problem check_role_arn(std::string_view text) {
  const auto arn = parse_arn(text);
  const auto expected = std::string("a role ARN looks like arn:aws:iam::123456789012:role/NAME");
  if (!arn || text.size() > 2048) {
    return expected;
  }
  if (!is_known_partition(arn->partition)) {
    return "unknown partition '" + arn->partition + "' in the role ARN (" + expected + ")";
  }
  if (arn->service != "iam" || !arn->region.empty()) {
    return "not an IAM ARN (" + expected + ")";
  }
  if (arn->account.size() != 12 || !all_digits(arn->account)) {
    return "the account in a role ARN is 12 digits (" + expected + ")";
  }
  if (!arn->resource.starts_with("role/")) {
    return "not a role ARN (" + expected + ")";
  }
  // role/NAME or role/PATH/NAME; the path may hold any printable ASCII but no spaces.
  const std::string_view path_and_name = std::string_view(arn->resource).substr(5);
  const auto slash = path_and_name.rfind('/');
  const auto name =
      slash == std::string_view::npos ? path_and_name : path_and_name.substr(slash + 1);
  if (name.empty() || name.size() > 64 || !all_of(name, "+=,.@-")) {
    return "the role name in the ARN may have 1 to 64 letters, digits and +=,.@-_";
  }
  const bool printable = std::all_of(path_and_name.begin(), path_and_name.end(),
                                     [](char c) { return c > 0x20 && c < 0x7f; });
  if (!printable) {
    return "the role path in the ARN may hold only printable characters without spaces";
  }
  return std::nullopt;
}

Problem check_duration_seconds(std::string_view seconds) {
  if (!all_digits(seconds) || seconds.size() > 6) {
    return "the duration is a whole number of seconds from 900 to 43200";
  }
  const auto value = std::stol(std::string(seconds));
  if (value < 900 || value > 43200) {
    return "the duration must be from 900 (15 minutes) to 43200 (12 hours) seconds";
  }
  return std::nullopt;
}

Problem check_role_session_name(std::string_view name) {
  return check_pattern("a role session name", name, 2, 64, "+=,.@-");
}

Problem check_external_id(std::string_view id) {
  return check_pattern("an external id", id, 2, 1224, "+=,.@:/-");
}

Problem check_mfa_serial(std::string_view serial) {
  if (auto problem = check_pattern("an MFA serial", serial, 9, 256, "+=/:,.@-")) {
    return problem;
  }
  if (serial.starts_with("arn:")) {
    const auto arn = parse_arn(serial);
    if (!arn || arn->service != "iam" || !arn->resource.starts_with("mfa/")) {
      return "an MFA device ARN looks like arn:aws:iam::123456789012:mfa/NAME";
    }
  }
  return std::nullopt;
}

Problem check_credential_source(std::string_view source) {
  if (source == "Environment" || source == "Ec2InstanceMetadata" || source == "EcsContainer") {
    return std::nullopt;
  }
  return "the credential source is Environment, Ec2InstanceMetadata or EcsContainer (case matters)";
}

Problem check_region(std::string_view region) {
  const auto parts_ok = [&] {
    // letters-...-letters-digits, e.g. us-gov-west-1
    if (region.size() < 4 || region.size() > 32) {
      return false;
    }
    const auto last_dash = region.rfind('-');
    if (last_dash == std::string_view::npos || !all_digits(region.substr(last_dash + 1))) {
      return false;
    }
    const auto head = region.substr(0, last_dash);
    return !head.empty() && head.front() != '-' && head.back() != '-' &&
           head.find("--") == std::string_view::npos &&
           std::all_of(head.begin(), head.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }) &&
           head.find('-') != std::string_view::npos;
  };
  if (region == "aws-global" || parts_ok()) {
    return std::nullopt;
  }
  return "'" + std::string(region) + "' is not a region name such as us-east-1";
}

Problem check_access_key_id(std::string_view id) {
  const bool shape =
      id.size() >= 16 && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      });
  if (!shape) {
    return "an access key id is 16 to 128 upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE";
  }
  return std::nullopt;
}

Problem check_secret_access_key(std::string_view secret) {
  const bool shape = secret.size() >= 16 && secret.size() <= 128 &&
                     std::all_of(secret.begin(), secret.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                              (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
                     });
  if (!shape) {
    return "a secret access key is 16 to 128 characters of letters, digits, + / and = (was it "
           "pasted whole?)";
  }
  return std::nullopt;
}

}  // namespace rolehelper::aws
