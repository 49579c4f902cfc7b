// meshbgp-loadgen: see options.cc's usage text and bench/README.md.
#include <cstdio>
#include <string>

#include "bench/loadgen/options.h"
#include "bench/loadgen/run.h"

int main(int argc, char** argv) {
  auto options = meshbgp::loadgen::ParseOptions(argc, argv);
  if (!options.ok()) {
    if (absl::IsNotFound(options.status())) {  // --help
      std::fputs(meshbgp::loadgen::Usage(), stdout);
      return 0;
    }
    std::fprintf(stderr, "meshbgp-loadgen: %s\n", std::string(options.status().message()).c_str());
    return 2;
  }
  return meshbgp::loadgen::Run(*options);
}
