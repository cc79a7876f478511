// SPDX-License-Identifier: MIT
#include <rolehelper/os/process.hpp>
#include <rolehelper/util/error.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/wait.h>

namespace rolehelper::os {
using util::Error;
using util::ErrorKind;

namespace {

std::vector<std::string> environment_strings(const Environment& env) {
  std::vector<std::string> strings;
  for (const auto& [name, value] : env.variables()) {
    strings.push_back(name + "=" + value);
  }
  return strings;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

// A pipe whose ends are closed on exec (pipe2 where there is one, as on Linux).
bool make_pipe(int fds[2]) {
#ifdef __linux__
  return ::pipe2(fds, O_CLOEXEC) == 0;
#else
  if (::pipe(fds) != 0) {
    return false;
  }
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  return true;
#endif
}

}  // namespace

std::string find_program(const std::string& name, const Environment& env) {
  if (name.find('/') != std::string::npos) {
    return name;
  }
  const auto path = env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find(':', start), path.size());
    std::string dir = path.substr(start, end - start);
    const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return {};
}

std::filesystem::path current_executable() {
#ifdef __linux__
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : path;
#else
  return {};
#endif
}

ProcessResult PosixProcessRunner::run(const std::vector<std::string>& argv, const Environment& env,
                                      std::chrono::milliseconds timeout) {
  if (argv.empty()) {
    throw Error(ErrorKind::config, "an empty command cannot be run");
  }
  const std::string program = find_program(argv[0], env);
  if (program.empty()) {
    throw Error(ErrorKind::io, "cannot run '" + argv[0] + "': not found in PATH",
                "give the program's full path");
  }
  int out_pipe[2];
  int err_pipe[2];
  if (!make_pipe(out_pipe) || !make_pipe(err_pipe)) {
    throw Error(ErrorKind::io, std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  auto args = argv;
  auto arg_pointers = pointers(args);
  auto env_strings = environment_strings(env);
  auto env_pointers = pointers(env_strings);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, arg_pointers.data(),
                                    env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    throw Error(ErrorKind::io, "cannot run '" + argv[0] + "': " + std::strerror(spawned));
  }

  ProcessResult result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[8192];
  while (open_count > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) {
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
        if (n > 0) {
          sinks[i]->append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          ::close(fds[i].fd);
          fds[i].fd = -1;
          --open_count;
        }
      }
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) {
      ::close(fd.fd);
    }
  }
  // The pipes may close long before the program ends (it can close them itself): the time
  // limit still holds while waiting for it.
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, result.timed_out ? 0 : WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) {
      break;
    }
    if (done == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        result.timed_out = true;
        ::kill(pid, SIGKILL);
      } else {
        ::usleep(10000);
      }
    }
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

void exec_replace(const std::vector<std::string>& argv, const Environment& env) {
  if (argv.empty()) {
    throw Error(ErrorKind::usage, "no command to run",
                "put the command after --, e.g. rolehelper exec NAME -- aws s3 ls");
  }
  const std::string program = find_program(argv[0], env);
  if (program.empty()) {
    throw Error(ErrorKind::io, "cannot run '" + argv[0] + "': not found in PATH",
                "check the command's name or give its full path");
  }
  auto args = argv;
  auto arg_pointers = pointers(args);
  auto env_strings = environment_strings(env);
  auto env_pointers = pointers(env_strings);
  ::execve(program.c_str(), arg_pointers.data(), env_pointers.data());
  throw Error(ErrorKind::io, "cannot run '" + argv[0] + "': " + std::strerror(errno));
}

}  // namespace rolehelper::os
