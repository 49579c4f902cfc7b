// Which control-API request carries each bgpctl command. Pure.
#pragma once

#include <string>

#include <boost/beast/http/verb.hpp>

#include "bgpd/cli/grammar.h"

namespace meshbgp::cli {

struct ApiRequest {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string target;  // "/v1/summary"
};

// Not for Kind::kHelp, which needs no daemon.
ApiRequest RequestFor(const Command& command);

}  // namespace meshbgp::cli
