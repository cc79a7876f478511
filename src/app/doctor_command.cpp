// SPDX-License-Identifier: MIT
#include <rolehelper/app/credential_cache.hpp>
#include <rolehelper/app/doctor_command.hpp>
#include <rolehelper/app/profile_credentials.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/cache/key_store.hpp>
#include <rolehelper/credentials/provider_factory.hpp>
#include <rolehelper/net/sts_client.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/shell_words.hpp>
#include <rolehelper/util/strings.hpp>

#include <unistd.h>

#include <chrono>
#include <ostream>

namespace rolehelper::app {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

namespace {

// SigV4 signatures are refused beyond five minutes of skew (aws-facts, SigV4).
constexpr auto k_max_skew = std::chrono::minutes(5);

class Report {
 public:
  explicit Report(const Context& ctx) : m_ctx(ctx) {}
  void ok(const std::string& text) { line("ok", text, {}); }
  void warning(const std::string& text, const std::string& next) {
    ++m_warnings;
    line("warning", text, next);
  }
  void problem(const std::string& text, const std::string& next) {
    ++m_problems;
    line("problem", text, next);
  }
  [[nodiscard]] int problems() const noexcept { return m_problems; }
  [[nodiscard]] int warnings() const noexcept { return m_warnings; }
  [[nodiscard]] int checks() const noexcept { return m_checks; }

 private:
  void line(std::string_view level, const std::string& text, const std::string& next) {
    ++m_checks;
    m_ctx.err << "rolehelper: " << level << ": " << text << (next.empty() ? "" : "; " + next)
              << '\n';
  }
  const Context& m_ctx;
  int m_problems = 0;
  int m_warnings = 0;
  int m_checks = 0;
};

void check_file(Report& report, const Context& ctx, const fs::path& path, bool credentials) {
  const std::string shown = ctx.display_path(path);
  const auto status = os::file_status(path);
  if (!status) {
    report.ok(shown + " does not exist (" +
              (credentials ? "rolehelper set-credentials creates it" : "add-profile creates it") +
              ")");
    return;
  }
  if (credentials && (status->mode & 077) != 0) {
    report.problem(
        shown + " has mode " + util::octal_mode(status->mode) + ": others may read your keys",
        "run: chmod 600 " + shown);
  } else if ((status->mode & 022) != 0) {
    report.warning(shown + " has mode " + util::octal_mode(status->mode) +
                       ": others may change which role you assume",
                   "run: chmod 600 " + shown);
  } else {
    report.ok(shown + " (" + util::octal_mode(status->mode) + ")");
  }
}

void check_cache(Report& report, const Context& ctx) {
  try {
    if (ctx.env.get_nonempty("ROLEHELPER_CACHE_KEY")) {
      (void)cache::find_cache_key(ctx.env);
      report.ok("cache key from ROLEHELPER_CACHE_KEY");
    } else if (cache::find_cache_key(ctx.env)) {
      const auto file = cache::default_key_file(ctx.env);
      report.ok("cache key file " + ctx.display_path(file) + " (" +
                util::octal_mode(os::file_status(file)->mode) + ")");
    } else {
      report.ok("no cache key file yet: the first cached get makes it");
    }
  } catch (const Error& error) {
    report.problem(error.what(), error.hint());
  }
  const auto folder = cache_folder(ctx);
  if (const auto status = os::file_status(folder)) {
    if (status->owner != ::geteuid()) {
      report.problem("the cache folder " + ctx.display_path(folder) + " belongs to another user",
                     "set ROLEHELPER_CACHE_DIR to a folder of your own");
    } else if ((status->mode & 077) != 0) {
      report.warning("the cache folder " + ctx.display_path(folder) + " has mode " +
                         util::octal_mode(status->mode),
                     "run: chmod 700 " + ctx.display_path(folder));
    } else {
      report.ok("cache folder " + ctx.display_path(folder) + " (" + util::octal_mode(status->mode) +
                ")");
    }
  }
}

void check_path(Report& report, const Context& ctx) {
  const auto found = os::find_program("rolehelper", ctx.env);
  const auto self = os::current_executable();
  if (found.empty()) {
    report.warning("no rolehelper on PATH",
                   "install rolehelper into a folder on PATH (e.g. /usr/local/bin)");
    return;
  }
  std::error_code ec;
  const auto resolved = fs::canonical(found, ec);
  if (!self.empty() && !ec && resolved != fs::canonical(self, ec)) {
    report.warning("PATH finds " + found + ", not this rolehelper (" + self.string() + ")",
                   "remove the other one or put this one first on PATH");
  } else {
    report.ok("PATH finds this rolehelper: " + found);
  }
}

void check_profile(Report& report, const Context& ctx, const aws::ConfigFiles& files,
                   const std::string& name) {
  const aws::Profile* profile = files.find_profile(name);
  if (profile == nullptr) {
    report.problem("no profile '" + name + "'", "run rolehelper list to see the profiles");
    return;
  }
  const auto line = profile->value("credential_process");
  if (profile->value("role_arn") && line) {
    report.warning("profile '" + name +
                       "' has both role_arn and credential_process: the AWS CLI assumes role_arn "
                       "itself and never runs credential_process",
                   "remove the role_arn line of profile '" + name +
                       "' (rolehelper_role_arn holds the role for rolehelper)");
  }
  if (line && credentials::rolehelper_target(*line)) {
    // The AWS CLI and SDKs run the line with the user's PATH.
    const auto words = util::split_shell_words(*line);
    const std::string program = words && !words->empty() ? words->front() : std::string();
    if (os::find_program(program, ctx.env).empty() ||
        (program.find('/') != std::string::npos && ::access(program.c_str(), X_OK) != 0)) {
      report.problem("profile '" + name + "': its credential_process runs '" + program +
                         "', which is not found",
                     "put rolehelper on PATH, or write its full path in the line");
    }
  }
  try {
    // The chain as get builds it, without a cache or any network call.
    const auto settings = sts_settings(files, name, std::nullopt, ctx);
    auto sts = std::make_shared<net::StsClient>(
        ctx.http, net::StsEndpoint{settings.location.url, settings.location.signing_region},
        settings.options, ctx.clock);
    const auto provider = build_provider(files, name, std::move(sts), std::nullopt, nullptr, ctx);
    report.ok("profile '" + name + "': " + provider->describe());
  } catch (const Error& error) {
    report.problem(error.what(), error.hint());
  }
}

void check_sts(Report& report, Context& ctx, const aws::ConfigFiles& files,
               const std::string& name) {
  const auto settings = sts_settings(files, name, std::nullopt, ctx);
  const auto& location = settings.location;
  try {
    // An unsigned request: STS refuses it, but its answer carries the server's clock.
    const auto response =
        ctx.http.send(net::HttpRequest{"GET", location.url, {}, {}}, settings.options);
    const auto date = response.header("Date");
    const auto server_time = date ? util::parse_http_date(*date) : std::nullopt;
    if (!server_time) {
      report.warning("STS at " + location.url + " answers, without a Date header",
                     "check that the endpoint is STS");
      return;
    }
    const auto skew =
        std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.now() - *server_time);
    const std::string text = "STS at " + location.url + " reachable; this clock is " +
                             std::to_string(skew.count()) + " s off the server's";
    if (std::chrono::abs(skew) > k_max_skew) {
      report.problem(text + ": AWS refuses signatures beyond 5 minutes",
                     "set the clock right (e.g. enable NTP with timedatectl set-ntp true)");
    } else {
      report.ok(text);
    }
  } catch (const Error& error) {
    report.problem(error.what(), error.hint());
  }
}

void check_cached_get(Report& report, Context& ctx, const std::string& name) {
  const auto self = os::current_executable();
  if (self.empty()) {
    return;
  }
  std::vector<std::string> argv{self.string()};
  if (ctx.options.config_file) {
    argv.insert(argv.end(), {"--config-file", *ctx.options.config_file});
  }
  if (ctx.options.credentials_file) {
    argv.insert(argv.end(), {"--credentials-file", *ctx.options.credentials_file});
  }
  argv.insert(argv.end(), {"get", name});
  auto first = ctx.runner.run(argv, ctx.env, std::chrono::minutes(1));
  util::wipe(first.out);
  if (first.exit_code != 0) {
    // Its last line is the error (earlier ones are -v logging the environment may turn on).
    const auto lines = util::split(util::trim_ascii(first.err), '\n');
    const std::string reason = lines.empty() ? std::string("no message") : lines.back();
    report.problem("rolehelper get " + name + " fails: " +
                       (reason.starts_with("rolehelper: ") ? reason.substr(12) : reason),
                   "run rolehelper -v get " + name + " to see each step");
    return;
  }
  const auto start = std::chrono::steady_clock::now();
  auto second = ctx.runner.run(argv, ctx.env, std::chrono::minutes(1));
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  util::wipe(second.out);
  if (second.exit_code == 0) {
    report.ok("a second get of '" + name + "' (a cache hit for a role) takes " +
              std::to_string(took.count() / 1000) + "." + std::to_string(took.count() / 100 % 10) +
              " ms");
  }
}

}  // namespace

void run_doctor(const DoctorInput& input, Context& ctx) {
  Report report(ctx);
  const auto paths =
      os::aws_file_paths(ctx.env, ctx.options.config_file, ctx.options.credentials_file);
  check_file(report, ctx, paths.config, false);
  check_file(report, ctx, paths.credentials, true);
  std::optional<aws::ConfigFiles> files;
  try {
    files = aws::ConfigFiles::load(paths);
  } catch (const Error& error) {
    report.problem(error.what(), error.hint().empty() ? "fix the line named" : error.hint());
  }
  check_cache(report, ctx);
  check_path(report, ctx);
  if (files) {
    std::vector<std::string> names;
    if (input.name) {
      names.push_back(*input.name);
    } else {
      for (const auto& profile : files->profiles()) {
        const auto line = profile.value("credential_process");
        if (line && credentials::rolehelper_target(*line)) {
          names.push_back(profile.name);
        }
      }
      if (names.empty()) {
        report.ok("no profile runs rolehelper yet (rolehelper add-profile adds one)");
      }
    }
    for (const auto& name : names) {
      check_profile(report, ctx, *files, name);
    }
    if (input.name && report.problems() == 0) {
      check_sts(report, ctx, *files, *input.name);
      if (report.problems() == 0) {
        check_cached_get(report, ctx, *input.name);
      }
    }
  }
  if (report.problems() > 0) {
    throw Error(ErrorKind::config,
                std::to_string(report.problems()) + " of " + std::to_string(report.checks()) +
                    " checks found a problem",
                "see the lines above");
  }
  ctx.out << "rolehelper doctor: " << report.checks() << " checks, no problem"
          << (report.warnings() > 0 ? ", " + std::to_string(report.warnings()) + " warnings"
                                    : std::string())
          << '\n';
}

}  // namespace rolehelper::app
