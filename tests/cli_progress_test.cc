// The progress line as a person sees it: `spraytrace scan -` fed slowly through a pipe (so the
// scan lasts longer than the display's first interval) with stderr on a pseudo-terminal, on a
// pipe, and on a terminal with --no-progress.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_paths.h"

namespace spraytrace {
namespace {

std::string FailedPasswordLines(int first, int count) {
  std::string text;
  for (int i = first; i < first + count; ++i) {
    char line[200];
    std::snprintf(line, sizeof(line),
                  "Nov  3 %02d:%02d:%02d web1 sshd[%d]: Failed password for invalid user u%d "
                  "from 198.51.100.%d port %d ssh2\n",
                  (i / 3600) % 24, (i / 60) % 60, i % 60, 1000 + i, i % 500, i % 250,
                  30000 + i % 30000);
    text += line;
  }
  return text;
}

bool WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

struct Outcome {
  int exit_code = -1;
  std::string err;  // everything written to stderr
};

// Runs `spraytrace scan - --year 2026 --findings /dev/null --no-summary EXTRA` with stdin a
// pipe: three times 5,000 lines with a pause longer than the display's interval between them, so
// a line is drawn after the second pause, when more than a megabyte has been read (with
// --threads, events wait in the parse thread's batch during a pause, so the draw right after the
// first one may still show the bytes read before it).
Outcome ScanSlowPipe(bool stderr_on_terminal, const std::vector<std::string>& extra) {
  Outcome outcome;
  int input[2];
  if (::pipe(input) != 0) return outcome;
  int err_read = -1, err_write = -1;
  if (stderr_on_terminal) {
    if (::openpty(&err_read, &err_write, nullptr, nullptr, nullptr) != 0) return outcome;
  } else {
    int err_pipe[2];
    if (::pipe(err_pipe) != 0) return outcome;
    err_read = err_pipe[0];
    err_write = err_pipe[1];
  }
  const std::string binary = testing::SpraytraceBinary();
  std::vector<std::string> args = {binary, "scan",       "-",         "--year",
                                   "2026", "--findings", "/dev/null", "--no-summary"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(input[0], STDIN_FILENO);
    ::dup2(err_write, STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::close(input[0]);
    ::close(input[1]);
    ::close(err_read);
    ::close(err_write);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(input[0]);
  ::close(err_write);
  // Read stderr while feeding stdin, so neither side can block the other.
  std::thread reader([&] {
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(err_read, buffer, sizeof(buffer));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // a pty master reads EIO once the child has closed the terminal
      outcome.err.append(buffer, static_cast<size_t>(n));
    }
  });
  WriteAll(input[1], FailedPasswordLines(0, 5'000));
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  WriteAll(input[1], FailedPasswordLines(5'000, 5'000));
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  WriteAll(input[1], FailedPasswordLines(10'000, 5'000));
  ::close(input[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  reader.join();
  ::close(err_read);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

class CliProgress : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(testing::SpraytraceBinary())) {
      GTEST_SKIP() << "spraytrace binary not built: " << testing::SpraytraceBinary();
    }
  }
};

TEST_F(CliProgress, TerminalGetsOneRefreshingLineClearedAtTheEnd) {
  const Outcome r = ScanSlowPipe(/*stderr_on_terminal=*/true, {});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // 15,000 failures from 250 sources: findings
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err[0], '\r');
  // stdin has no size: bytes read, rates, no share and no ETA.
  EXPECT_NE(r.err.find(" MB read, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" events/s, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" MB/s"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("ETA"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), std::string::npos) << "one line, never scrolled: " << r.err;
  // The last thing written blanks the line and returns to its start.
  const size_t last_draw = r.err.rfind('\r', r.err.size() - 2);
  ASSERT_NE(last_draw, std::string::npos);
  const std::string blank = r.err.substr(last_draw + 1, r.err.size() - last_draw - 2);
  EXPECT_FALSE(blank.empty());
  EXPECT_EQ(blank.find_first_not_of(' '), std::string::npos) << "[" << blank << "]";
  EXPECT_EQ(r.err.back(), '\r');
}

TEST_F(CliProgress, PipeGetsNothing) {
  const Outcome r = ScanSlowPipe(/*stderr_on_terminal=*/false, {});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "");
}

TEST_F(CliProgress, NoProgressKeepsTheTerminalQuiet) {
  const Outcome r = ScanSlowPipe(/*stderr_on_terminal=*/true, {"--no-progress"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace spraytrace
