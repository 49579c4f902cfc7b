#include "bgpd/cli/grammar.h"

#include <span>
#include <string_view>

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/numbers.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>

#include "bgpd/config/absl_compat.h"

namespace meshbgp::cli {
namespace {

using Kind = Command::Kind;
using config::ToAbsl;

// Tokens made only of lower-case letters are keywords (or abbreviations of
// one); anything else (addresses, prefixes) is a value.
// Keywords may hold digits ("ipv4"); an address or prefix always holds '.'
// or ':', and never starts with a letter without one.
bool LooksLikeKeyword(std::string_view token) {
  if (token.empty() || !absl::ascii_islower(token[0])) return false;
  for (char c : token) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c)) return false;
  }
  return true;
}

std::string JoinWords(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view word : words) {
    if (!out.empty()) out += ", ";
    out += word;
  }
  return out;
}

// The keyword of `choices` that `token` names exactly or abbreviates
// uniquely.
absl::StatusOr<std::string_view> MatchKeyword(std::string_view token,
                                              std::span<const std::string_view> choices,
                                              std::string_view context) {
  std::vector<std::string_view> matches;
  for (std::string_view choice : choices) {
    if (choice == token) return choice;
    if (!token.empty() && choice.substr(0, token.size()) == token) matches.push_back(choice);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("unknown ", ToAbsl(context), " '", ToAbsl(token),
                                                   "' (expected: ", JoinWords(choices), ")"));
  }
  return absl::InvalidArgumentError(absl::StrCat("ambiguous ", ToAbsl(context), " '", ToAbsl(token),
                                                 "': ", JoinWords(matches)));
}

class Tokens {
 public:
  Tokens(const std::vector<std::string>& args, size_t start) : args_(args), next_(start) {}
  bool done() const { return next_ >= args_.size(); }
  const std::string& Take() { return args_[next_++]; }
  const std::string& Peek() const { return args_[next_]; }
  absl::Status ExpectEnd(std::string_view after) const {
    if (done()) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat("unexpected '", Peek(), "' after '", ToAbsl(after), "'"));
  }

 private:
  const std::vector<std::string>& args_;
  size_t next_;
};

// The value after keyword `word`, or an error naming what is missing.
absl::StatusOr<std::string> ValueAfter(Tokens& tokens, std::string_view word, std::string_view what) {
  if (tokens.done()) {
    return absl::InvalidArgumentError(absl::StrCat("show rib ", ToAbsl(word), ": missing ", ToAbsl(what)));
  }
  return tokens.Take();
}

absl::Status ParseShowRib(Tokens& tokens, api::RibQuery& rib) {
  static constexpr std::string_view kWords[] = {"neighbor", "in", "out", "ipv4", "evpn", "limit",
                                                "type", "rd", "mac"};
  while (!tokens.done()) {
    const std::string& token = tokens.Take();
    if (!LooksLikeKeyword(token)) {
      if (rib.prefix) {
        return absl::InvalidArgumentError(
            absl::StrCat("show rib takes one prefix, got '", *rib.prefix, "' and '", token, "'"));
      }
      rib.prefix = token;
      continue;
    }
    auto word = MatchKeyword(token, kWords, "show rib option");
    if (!word.ok()) return word.status();
    if (*word == "neighbor") {
      if (tokens.done()) return absl::InvalidArgumentError("show rib neighbor: missing address");
      rib.neighbor = tokens.Take();
    } else if (*word == "in") {
      rib.direction = api::RibQuery::Direction::kIn;
    } else if (*word == "out") {
      rib.direction = api::RibQuery::Direction::kOut;
    } else if (*word == "limit") {
      uint64_t limit = 0;
      if (tokens.done() || !absl::SimpleAtoi(tokens.Peek(), &limit) || tokens.Peek()[0] == '-') {
        return absl::InvalidArgumentError("show rib limit: expected a number");
      }
      tokens.Take();
      rib.limit = limit;
    } else if (*word == "type") {
      uint32_t type = 0;
      if (tokens.done() || !absl::SimpleAtoi(tokens.Peek(), &type) || type == 0 || type > 255) {
        return absl::InvalidArgumentError("show evpn type: expected a route type 1-255");
      }
      tokens.Take();
      rib.evpn_type = static_cast<uint8_t>(type);
    } else if (*word == "rd") {
      auto rd = ValueAfter(tokens, "rd", "route distinguisher");
      if (!rd.ok()) return rd.status();
      rib.rd = *rd;
    } else if (*word == "mac") {
      auto mac = ValueAfter(tokens, "mac", "MAC address");
      if (!mac.ok()) return mac.status();
      rib.mac = *mac;
    } else {
      rib.family = std::string(*word);
    }
  }
  if (rib.family != "evpn" && (rib.evpn_type || rib.rd || rib.mac)) {
    return absl::InvalidArgumentError("type, rd and mac choose EVPN routes: use 'show evpn'");
  }
  return absl::OkStatus();
}

absl::StatusOr<Command> ParseShow(Tokens& tokens) {
  Command command;
  if (tokens.done()) {  // bare "show", as in OpenBGPD
    command.kind = Kind::kShowSummary;
    return command;
  }
  static constexpr std::string_view kWords[] = {"summary", "neighbor", "rib", "status", "mesh", "evpn"};
  auto word = MatchKeyword(tokens.Take(), kWords, "show command");
  if (!word.ok()) return word.status();
  if (*word == "summary") {
    command.kind = Kind::kShowSummary;
  } else if (*word == "status") {
    command.kind = Kind::kShowStatus;
  } else if (*word == "mesh") {
    command.kind = Kind::kShowMesh;
  } else if (*word == "neighbor") {
    command.kind = Kind::kShowNeighbor;
    if (!tokens.done()) command.address = tokens.Take();
  } else {
    // "show evpn ..." is "show rib evpn ...".
    command.kind = Kind::kShowRib;
    if (*word == "evpn") command.rib.family = "evpn";
    if (auto status = ParseShowRib(tokens, command.rib); !status.ok()) return status;
  }
  if (auto status = tokens.ExpectEnd(absl::StrCat("show ", ToAbsl(*word))); !status.ok()) return status;
  return command;
}

absl::StatusOr<Command> ParseNeighbor(Tokens& tokens) {
  Command command;
  command.kind = Kind::kNeighborAction;
  if (tokens.done()) return absl::InvalidArgumentError("neighbor: missing address");
  command.address = tokens.Take();
  if (tokens.done()) return absl::InvalidArgumentError("neighbor ADDRESS: missing clear, down or up");
  static constexpr std::string_view kActions[] = {"clear", "down", "up"};
  auto action = MatchKeyword(tokens.Take(), kActions, "neighbor action");
  if (!action.ok()) return action.status();
  command.action = std::string(*action);
  if (auto status = tokens.ExpectEnd(absl::StrCat("neighbor ", *command.address, " ", command.action));
      !status.ok()) {
    return status;
  }
  return command;
}

}  // namespace

absl::StatusOr<Invocation> ParseCommandLine(const std::vector<std::string>& args) {
  Invocation invocation;
  size_t i = 0;
  for (; i < args.size() && absl::StartsWith(args[i], "-"); ++i) {
    const std::string& option = args[i];
    if (option == "--") {
      ++i;
      break;
    }
    if (option == "-j" || option == "--json") {
      invocation.json = true;
    } else if (option == "-h" || option == "--help") {
      invocation.command.kind = Kind::kHelp;
      return invocation;
    } else if (option == "-s" || option == "--socket") {
      if (i + 1 >= args.size()) return absl::InvalidArgumentError(absl::StrCat(option, ": missing socket path"));
      invocation.socket = args[++i];
    } else if (absl::StartsWith(option, "-s")) {
      invocation.socket = option.substr(2);
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown option '", option, "'"));
    }
  }
  if (i >= args.size()) return absl::InvalidArgumentError("missing command");

  Tokens tokens(args, i);
  static constexpr std::string_view kCommands[] = {"show", "neighbor", "reload", "help"};
  auto word = MatchKeyword(tokens.Take(), kCommands, "command");
  if (!word.ok()) return word.status();
  if (*word == "show") {
    auto command = ParseShow(tokens);
    if (!command.ok()) return command.status();
    invocation.command = *std::move(command);
  } else if (*word == "neighbor") {
    auto command = ParseNeighbor(tokens);
    if (!command.ok()) return command.status();
    invocation.command = *std::move(command);
  } else if (*word == "reload") {
    if (auto status = tokens.ExpectEnd("reload"); !status.ok()) return status;
    invocation.command.kind = Kind::kReload;
  } else {
    invocation.command.kind = Kind::kHelp;  // "help <anything>" still helps
  }
  return invocation;
}

std::string UsageText() {
  return R"(usage: bgpctl [-j] [-s socket] command [argument ...]

commands (keywords may be abbreviated, e.g. "sh su"):
  show [summary]                       one line per neighbor
  show neighbor [ADDRESS]              details of one or all neighbors
  show rib [ipv4|evpn] [PREFIX|ADDRESS] [neighbor ADDRESS] [in|out] [limit N]
                                       routes: Loc-RIB, or a neighbor's
                                       Adj-RIB-In (in) / Adj-RIB-Out (out)
  show evpn [type N] [rd RD] [mac MAC] [neighbor ADDRESS] [in|out] [limit N]
                                       EVPN routes, every field decoded
  show status                          daemon identity, uptime, RIB size
  show mesh                            mesh groups: resolved addresses, peers,
                                       last DNS resolution and error
  neighbor ADDRESS clear|down|up       reset, stop or start a session
  reload                               re-read the configuration
  help                                 this text

options:
  -j           print the daemon's JSON answer instead of a table
  -s SOCKET    the daemon's API socket (default: $MESHBGP_SOCKET, else the
               default configuration's api.socket)
)";
}

}  // namespace meshbgp::cli
