// bgpctl: the operator's CLI. Parses the command, sends one request to the
// daemon's control socket and prints the answer as a table or as JSON (-j).
// Exit status: 0 done, 1 the daemon refused or could not be reached,
// 2 bad command line.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bgpd/cli/command_request.h"
#include "bgpd/cli/default_socket.h"
#include "bgpd/cli/grammar.h"
#include "bgpd/cli/http_client.h"
#include "bgpd/cli/render.h"

namespace {

using meshbgp::cli::Command;

// A full RIB dump of a busy route server takes a while to serialise.
constexpr std::chrono::seconds kRequestTimeout{120};

int Fail(const std::string& message) {
  std::cerr << "bgpctl: " << message << "\n";
  return 1;
}

absl::StatusOr<std::string> Render(const Command& command, const nlohmann::json& answer) {
  switch (command.kind) {
    case Command::Kind::kShowSummary: return meshbgp::cli::RenderSummary(answer);
    case Command::Kind::kShowNeighbor: return meshbgp::cli::RenderNeighbors(answer);
    case Command::Kind::kShowRib:
      if (command.rib.family == "evpn") return meshbgp::cli::RenderEvpn(answer);
      return meshbgp::cli::RenderRib(answer);
    case Command::Kind::kShowStatus: return meshbgp::cli::RenderStatus(answer);
    case Command::Kind::kShowMesh: return meshbgp::cli::RenderMesh(answer);
    default: return std::string("request processed\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto invocation = meshbgp::cli::ParseCommandLine(args);
  if (!invocation.ok()) {
    std::cerr << "bgpctl: " << std::string(invocation.status().message()) << "\n"
              << "run 'bgpctl help' for usage\n";
    return 2;
  }
  if (invocation->command.kind == Command::Kind::kHelp) {
    std::cout << meshbgp::cli::UsageText();
    return 0;
  }

  const std::string socket = invocation->socket.value_or(meshbgp::cli::DefaultSocketPath());
  const auto request = meshbgp::cli::RequestFor(invocation->command);
  auto reply = meshbgp::cli::CallDaemon(socket, request.method, request.target, kRequestTimeout);
  if (!reply.ok()) return Fail(std::string(reply.status().message()));

  const auto answer = nlohmann::json::parse(reply->body, nullptr, /*allow_exceptions=*/false);
  if (reply->status != 200) {
    if (answer.is_object() && answer.contains("error") && answer["error"].is_string()) {
      return Fail(answer["error"].get<std::string>());
    }
    return Fail("bgpd answered HTTP " + std::to_string(reply->status) + ": " + reply->body);
  }
  if (answer.is_discarded()) return Fail("bgpd sent an answer that is not JSON");
  if (invocation->json) {
    std::cout << answer.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  auto text = Render(invocation->command, answer);
  if (!text.ok()) return Fail(std::string(text.status().message()));
  std::cout << *text;
  return 0;
}
