// meshbgp-entrypoint: the container image's ENTRYPOINT. Chooses the command
// (entrypoint_command.h) and execs it, so bgpd runs as PID 1 and receives
// the runtime's SIGTERM itself.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "deploy/entrypoint/entrypoint_command.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto command = meshbgp::entrypoint::EntrypointCommand(
      args, [](const std::string& path) { return access(path.c_str(), R_OK) == 0; });
  if (!command.ok()) {
    std::fprintf(stderr, "meshbgp-entrypoint: %s\n", std::string(command.status().message()).c_str());
    return 64;
  }
  std::vector<char*> exec_argv;
  for (std::string& a : *command) exec_argv.push_back(a.data());
  exec_argv.push_back(nullptr);
  std::fprintf(stderr, "meshbgp-entrypoint: exec");
  for (const std::string& a : *command) std::fprintf(stderr, " %s", a.c_str());
  std::fprintf(stderr, "\n");
  execvp(exec_argv[0], exec_argv.data());
  std::fprintf(stderr, "meshbgp-entrypoint: cannot run %s: %s\n", exec_argv[0], std::strerror(errno));
  return 127;
}
