#include "k8s/drain.h"

#include <boost/asio/post.hpp>

namespace meshbgp::k8s {

void Drain::Begin(std::chrono::milliseconds wait, std::function<void()> then) {
  boost::asio::post(strand_, [this, wait, then = std::move(then)]() mutable {
    then_ = std::move(then);
    timer_.expires_after(wait);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) Finish();
    });
  });
}

void Drain::Cut() {
  boost::asio::post(strand_, [this] {
    timer_.cancel();
    Finish();
  });
}

void Drain::Finish() {
  if (!then_) return;
  auto then = std::move(then_);
  then_ = nullptr;
  then();
}

}  // namespace meshbgp::k8s
