#include "bgpd/daemon/logging.h"

#include <cstdlib>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace meshbgp::daemon {

namespace {

// %* in a pattern: the message as a JSON string body (quotes, backslashes
// and control characters escaped), so every JSON log line parses.
class JsonEscapedMessage : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    static constexpr char kHex[] = "0123456789abcdef";
    for (char c : std::string_view(msg.payload.data(), msg.payload.size())) {
      switch (c) {
        case '"': dest.append(std::string_view("\\\"")); break;
        case '\\': dest.append(std::string_view("\\\\")); break;
        case '\n': dest.append(std::string_view("\\n")); break;
        case '\t': dest.append(std::string_view("\\t")); break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            const char esc[] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
            dest.append(esc, esc + sizeof(esc));
          } else {
            dest.push_back(c);
          }
      }
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonEscapedMessage>();
  }
};

}  // namespace

absl::Status SetupLogging(const std::string& level, const std::string& format) {
  auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off")
    return absl::InvalidArgumentError("unknown log level '" + level + "'");
  spdlog::drop("bgpd");
  auto logger = spdlog::stderr_logger_mt("bgpd");
  const char* pod = std::getenv("POD_NAME");
  const std::string pod_name = pod ? pod : "";
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (format == "json") {
    formatter->add_flag<JsonEscapedMessage>('*');
    std::string pattern = R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",)";
    if (!pod_name.empty()) pattern += "\"pod\":\"" + pod_name + "\",";
    pattern += R"("msg":"%*"})";
    formatter->set_pattern(pattern);
  } else if (format == "text") {
    formatter->set_pattern(pod_name.empty() ? "%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v"
                                            : "%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [" + pod_name + "] %v");
  } else {
    return absl::InvalidArgumentError("unknown log format '" + format + "' (text or json)");
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(lvl);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  return absl::OkStatus();
}

}  // namespace meshbgp::daemon
