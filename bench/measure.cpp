// Runs one command and reports its wall time and peak resident memory, for
// scripts/bench. A harness in Python cannot measure the peak itself: Linux
// carries a process's peak over exec(), so every child of a Python process
// would start at Python's own size.
//
// usage: kaava_measure COMMAND [ARG...]
// The command's output passes through; the last line on stderr is
// "kaava_measure: SECONDS KIB STATUS" (STATUS is the exit code, or 128 plus
// the signal that ended the command).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kaava_measure COMMAND [ARG...]\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("kaava_measure: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[1], argv + 1);
    std::perror("kaava_measure: exec");
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::perror("kaava_measure: wait4");
    return 2;
  }
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::fflush(stdout);
  std::fprintf(stderr, "kaava_measure: %.6f %ld %d\n", wall.count(), usage.ru_maxrss, code);
  return code;
}
