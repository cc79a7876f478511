// SPDX-License-Identifier: MIT
#include <rolehelper/os/terminal.hpp>
#include <rolehelper/util/error.hpp>

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>

namespace rolehelper::os {
using util::Error;
using util::ErrorKind;
using util::Secret;

namespace {

// While echo is off, SIGINT, SIGTERM, SIGHUP or SIGQUIT must not leave the user's terminal
// silent: the handler restores the saved settings, then dies of the signal as it would have.
volatile sig_atomic_t g_restore_fd = -1;
termios g_restore_settings{};
termios g_quiet_settings{};

extern "C" void restore_terminal_and_die(int signal_number) {
  if (g_restore_fd >= 0) {
    ::tcsetattr(g_restore_fd, TCSAFLUSH, &g_restore_settings);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

constexpr int k_fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// Ctrl-Z: give the shell its terminal back as it was, stop, and when continued (fg) turn
// echo off again, so the rest of the secret is not shown (as readpassphrase(3) does).
extern "C" void restore_terminal_and_stop(int signal_number) {
  if (g_restore_fd >= 0) {
    ::tcsetattr(g_restore_fd, TCSAFLUSH, &g_restore_settings);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);  // stops here (SA_NODEFER), returns after SIGCONT
  struct sigaction again {};
  again.sa_handler = restore_terminal_and_stop;
  again.sa_flags = SA_NODEFER;
  ::sigemptyset(&again.sa_mask);
  ::sigaction(signal_number, &again, nullptr);
  if (g_restore_fd >= 0) {
    ::tcsetattr(g_restore_fd, TCSAFLUSH, &g_quiet_settings);
  }
}

constexpr int k_stop_signals[] = {SIGTSTP, SIGTTIN, SIGTTOU};

class Tty {
 public:
  Tty() : m_fd(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)) {}
  Tty(const Tty&) = delete;
  Tty& operator=(const Tty&) = delete;
  ~Tty() {
    restore_echo();
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  [[nodiscard]] bool open() const noexcept { return m_fd >= 0; }

  void write(std::string_view text) const noexcept {
    while (!text.empty()) {
      const ssize_t n = ::write(m_fd, text.data(), text.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        return;
      }
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  void echo_off() {
    if (::tcgetattr(m_fd, &m_saved) != 0) {
      throw Error(ErrorKind::io,
                  std::string("cannot read terminal settings: ") + std::strerror(errno));
    }
    termios quiet = m_saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    g_restore_settings = m_saved;
    g_quiet_settings = quiet;
    g_restore_fd = m_fd;
    struct sigaction stop {};
    stop.sa_handler = restore_terminal_and_stop;
    stop.sa_flags = SA_NODEFER;
    ::sigemptyset(&stop.sa_mask);
    for (std::size_t i = 0; i < std::size(k_stop_signals); ++i) {
      ::sigaction(k_stop_signals[i], &stop, &m_previous_stop[i]);
    }
    struct sigaction action {};
    action.sa_handler = restore_terminal_and_die;
    ::sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < std::size(k_fatal_signals); ++i) {
      ::sigaction(k_fatal_signals[i], &action, &m_previous[i]);
    }
    m_echo_off = true;  // from here on restore_echo() undoes all of this, even after a throw
    if (::tcsetattr(m_fd, TCSAFLUSH, &quiet) != 0) {
      throw Error(ErrorKind::io,
                  std::string("cannot turn off terminal echo: ") + std::strerror(errno));
    }
  }

  void restore_echo() noexcept {
    if (m_echo_off) {
      ::tcsetattr(m_fd, TCSAFLUSH, &m_saved);
      m_echo_off = false;
      g_restore_fd = -1;
      for (std::size_t i = 0; i < std::size(k_fatal_signals); ++i) {
        ::sigaction(k_fatal_signals[i], &m_previous[i], nullptr);
      }
      for (std::size_t i = 0; i < std::size(k_stop_signals); ++i) {
        ::sigaction(k_stop_signals[i], &m_previous_stop[i], nullptr);
      }
    }
  }

  // Reads up to the end of the line; nullopt at end of input.
  std::optional<std::string> read_line() const {
    std::string line;
    line.reserve(256);  // one buffer, so growth leaves no copies of a secret behind
    char c = 0;
    while (true) {
      const ssize_t n = ::read(m_fd, &c, 1);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        if (line.empty()) {
          return std::nullopt;
        }
        break;
      }
      if (c == '\n') {
        break;
      }
      line += c;
    }
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    return line;
  }

 private:
  int m_fd;
  termios m_saved{};
  bool m_echo_off = false;
  struct sigaction m_previous[std::size(k_fatal_signals)]{};
  struct sigaction m_previous_stop[std::size(k_stop_signals)]{};
};

}  // namespace

bool stdin_is_terminal() noexcept {
  return ::isatty(STDIN_FILENO) == 1;
}

std::optional<std::string> TerminalPrompt::ask(std::string_view question) {
  Tty tty;
  if (!tty.open()) {
    return std::nullopt;
  }
  tty.write(question);
  return tty.read_line();
}

std::optional<Secret> TerminalPrompt::ask_secret(std::string_view question) {
  Tty tty;
  if (!tty.open()) {
    return std::nullopt;
  }
  tty.write(question);
  tty.echo_off();
  auto line = tty.read_line();
  tty.restore_echo();
  if (!line) {
    return std::nullopt;
  }
  return Secret(std::move(*line));
}

}  // namespace rolehelper::os
