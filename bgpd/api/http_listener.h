// Accept loop of one control-API listening socket (unix or TCP): hands each
// new connection, on a strand of its own, to ServeConnection. Internal to
// meshbgp_api; HttpServer owns the listeners.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>

#include "bgpd/api/connection_registry.h"
#include "bgpd/api/control_backend.h"
#include "bgpd/api/http_connection.h"

namespace meshbgp::api {

class Listener {
 public:
  virtual ~Listener() = default;
  // Thread-safe; the pending accept completes with operation_aborted.
  virtual void Close() = 0;
};

// `acceptor` is bound and listening; its executor should be a strand.
template <typename Acceptor>
std::shared_ptr<Listener> StartListener(boost::asio::io_context& ioc, Acceptor acceptor,
                                        ControlBackend& backend, const ConnectionLimits& limits,
                                        std::shared_ptr<ConnectionRegistry> registry);

}  // namespace meshbgp::api
