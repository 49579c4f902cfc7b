#include "bgpd/wire/notification.h"

#include "bgpd/wire/bytes.h"
#include "bgpd/wire/header.h"
#include "bgpd/wire/hex.h"

namespace meshbgp::wire {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], 0 if invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto c = static_cast<uint8_t>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<uint8_t>(s[i + k]) & 0xc0) != 0x80) return 0;
  return n;
}

bool IsShutdownSubcode(uint8_t sub) {
  return sub == cease::kAdministrativeShutdown || sub == cease::kAdministrativeReset;
}

const char* CodeName(uint8_t code) {
  switch (code) {
    case 1: return "Message Header Error";
    case 2: return "OPEN Message Error";
    case 3: return "UPDATE Message Error";
    case 4: return "Hold Timer Expired";
    case 5: return "Finite State Machine Error";
    case 6: return "Cease";
    case 7: return "ROUTE-REFRESH Message Error";
  }
  return nullptr;
}

const char* SubcodeName(uint8_t code, uint8_t sub) {
  static const char* const kHeader[] = {nullptr, "Connection Not Synchronized",
                                        "Bad Message Length", "Bad Message Type"};
  static const char* const kOpen[] = {nullptr,
                                      "Unsupported Version Number",
                                      "Bad Peer AS",
                                      "Bad BGP Identifier",
                                      "Unsupported Optional Parameter",
                                      nullptr,
                                      "Unacceptable Hold Time",
                                      "Unsupported Capability",
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      "Role Mismatch"};
  static const char* const kUpdate[] = {nullptr,
                                        "Malformed Attribute List",
                                        "Unrecognized Well-known Attribute",
                                        "Missing Well-known Attribute",
                                        "Attribute Flags Error",
                                        "Attribute Length Error",
                                        "Invalid ORIGIN Attribute",
                                        nullptr,
                                        "Invalid NEXT_HOP Attribute",
                                        "Optional Attribute Error",
                                        "Invalid Network Field",
                                        "Malformed AS_PATH"};
  static const char* const kFsm[] = {nullptr, "Unexpected Message in OpenSent State",
                                     "Unexpected Message in OpenConfirm State",
                                     "Unexpected Message in Established State"};
  static const char* const kCease[] = {nullptr,
                                       "Maximum Number of Prefixes Reached",
                                       "Administrative Shutdown",
                                       "Peer De-configured",
                                       "Administrative Reset",
                                       "Connection Rejected",
                                       "Other Configuration Change",
                                       "Connection Collision Resolution",
                                       "Out of Resources",
                                       "Hard Reset",
                                       "BFD Down"};
  static const char* const kRefresh[] = {nullptr, "Invalid Message Length"};
  auto pick = [sub](const auto& table) -> const char* {
    return sub < std::size(table) ? table[sub] : nullptr;
  };
  switch (code) {
    case 1: return pick(kHeader);
    case 2: return pick(kOpen);
    case 3: return pick(kUpdate);
    case 5: return pick(kFsm);
    case 6: return pick(kCease);
    case 7: return pick(kRefresh);
  }
  return nullptr;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<uint8_t>(c) < 0x20 || c == 0x7f) {
      static constexpr char kDigits[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kDigits[static_cast<uint8_t>(c) >> 4]);
      out.push_back(kDigits[c & 0xf]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace

Result<Notification> DecodeNotification(std::span<const uint8_t> body) {
  if (body.size() < 2) {
    return MakeError(ErrorCode::kMessageHeader, header_error::kBadMessageLength,
                     "NOTIFICATION body shorter than 2 bytes",
                     U16Bytes(body.size() + kHeaderSize));
  }
  return Notification{body[0], body[1], {body.begin() + 2, body.end()}};
}

std::vector<uint8_t> EncodeNotification(const Notification& n) {
  std::vector<uint8_t> out(kHeaderSize);
  out.reserve(kHeaderSize + 2 + n.data.size());
  out.push_back(n.code);
  out.push_back(n.subcode);
  AppendBytes(out, n.data);
  WriteHeader(MessageType::kNotification, out.size(), out.data());
  return out;
}

Notification ShutdownNotification(uint8_t cease_subcode, std::string_view message) {
  Notification n{static_cast<uint8_t>(ErrorCode::kCease), cease_subcode, {}};
  if (!IsShutdownSubcode(cease_subcode) || message.empty()) return n;
  size_t len = 0;
  while (len < message.size()) {
    size_t step = Utf8SequenceLength(message, len);
    if (step == 0 || len + step > kMaxShutdownMessage) break;  // invalid text ends it too
    len += step;
  }
  n.data.reserve(len + 1);
  n.data.push_back(static_cast<uint8_t>(len));
  n.data.insert(n.data.end(), message.begin(), message.begin() + len);
  return n;
}

std::optional<std::string> ShutdownMessage(const Notification& n) {
  if (n.code != static_cast<uint8_t>(ErrorCode::kCease) || !IsShutdownSubcode(n.subcode) ||
      n.data.empty()) {
    return std::nullopt;
  }
  size_t len = n.data[0];
  if (len + 1 > n.data.size()) return std::nullopt;
  std::string text(n.data.begin() + 1, n.data.begin() + 1 + len);
  for (size_t i = 0; i < text.size();) {
    size_t step = Utf8SequenceLength(text, i);
    if (step == 0) return std::nullopt;
    i += step;
  }
  return text;
}

std::string DescribeNotification(const Notification& n) {
  std::string s;
  const char* code = CodeName(n.code);
  s = code ? code : "Error " + std::to_string(n.code);
  if (n.subcode != 0) {
    const char* sub = SubcodeName(n.code, n.subcode);
    s += " / ";
    s += sub ? sub : "Subcode " + std::to_string(n.subcode);
  }
  if (n.data.empty()) return s;
  if (auto msg = ShutdownMessage(n)) {
    // An empty communication (length octet 0) is simply no message.
    if (!msg->empty()) s += ": " + Quote(*msg);
    if (n.data.size() > msg->size() + 1) {
      s += ", trailing data " + ToHex(std::span(n.data).subspan(msg->size() + 1));
    }
    return s;
  }
  s += ", data " + ToHex(n.data);
  return s;
}

}  // namespace meshbgp::wire
