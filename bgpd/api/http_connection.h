// One accepted control-API connection: reads HTTP/1.1 requests (keep-alive,
// pipelining), answers each through RouteRequest, and enforces the limits
// that keep a bad or stuck client from holding resources. Runs on the
// strand its socket was accepted on. Internal to meshbgp_api.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/basic_stream_socket.hpp>

#include "bgpd/api/connection_registry.h"
#include "bgpd/api/control_backend.h"

namespace meshbgp::api {

struct ConnectionLimits {
  std::chrono::milliseconds timeout{30000};  // per request read and per response write
  uint32_t max_header_bytes = 8 * 1024;
  uint64_t max_body_bytes = 64 * 1024;
  bool read_only = false;  // refuse state-changing requests (TCP listener)
};

// Takes ownership of `socket` and serves it until the client closes, a
// limit is hit, or `registry` closes it. Dropped at once when the registry
// is full or closed.
template <typename Protocol>
void ServeConnection(boost::asio::basic_stream_socket<Protocol, boost::asio::any_io_executor> socket,
                     ControlBackend& backend, const ConnectionLimits& limits,
                     std::shared_ptr<ConnectionRegistry> registry);

}  // namespace meshbgp::api
