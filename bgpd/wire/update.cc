#include "bgpd/wire/update.h"

#include <string>

#include "bgpd/wire/bytes.h"
#include "bgpd/wire/header.h"
#include "bgpd/wire/ipv4_nlri.h"

namespace meshbgp::wire {
namespace {

constexpr size_t kUpdateOverhead = kHeaderSize + 4;  // + both length fields

DecodeError FieldError(const char* field, NlriStatus status) {
  return MakeError(ErrorCode::kUpdateMessage, update_error::kInvalidNetworkField,
                   std::string(field) + (status == NlriStatus::kPrefixTooLong
                                             ? " has a prefix longer than 32 bits"
                                             : " ends inside a prefix"));
}

void NoteHostBits(Update& u, const char* field, size_t n) {
  if (n == 0) return;
  u.discarded.push_back(std::to_string(n) + " prefix(es) in " + field +
                        " had host bits set; cleared");
}

}  // namespace

Result<Update> DecodeUpdate(std::span<const uint8_t> body, const DecodeOptions& opts) {
  auto list_error = [](std::string why) {
    return MakeError(ErrorCode::kUpdateMessage, update_error::kMalformedAttributeList,
                     std::move(why));
  };
  if (body.size() < 4) return list_error("UPDATE body shorter than 4 bytes");
  size_t wlen = GetU16(&body[0]);
  if (wlen + 4 > body.size()) return list_error("Withdrawn Routes Length overruns the message");
  size_t alen = GetU16(&body[2 + wlen]);
  if (wlen + alen + 4 > body.size()) {
    return list_error("Total Path Attribute Length overruns the message");
  }
  Update u;
  NlriScan w = DecodeIpv4Nlri(body.subspan(2, wlen), u.withdrawn);
  if (w.status != NlriStatus::kOk) return FieldError("Withdrawn Routes", w.status);
  NoteHostBits(u, "Withdrawn Routes", w.host_bits);

  if (auto err = DecodeAttrs(body.subspan(4 + wlen, alen), opts, u)) return *err;

  NlriScan n = DecodeIpv4Nlri(body.subspan(4 + wlen + alen), u.nlri);
  if (n.status != NlriStatus::kOk) return FieldError("NLRI", n.status);
  NoteHostBits(u, "NLRI", n.host_bits);

  bool reach = !u.nlri.empty() || (u.mp_reach && !u.mp_reach->nlri.empty());
  if (reach && !u.treat_as_withdraw) {
    const PathAttrs& a = u.attrs;
    const char* missing = !a.origin    ? "ORIGIN"
                          : !a.as_path ? "AS_PATH"
                          : (!u.nlri.empty() && !a.next_hop) ? "NEXT_HOP"
                                                             : nullptr;
    if (missing) {
      u.treat_as_withdraw = true;
      u.discarded.push_back(std::string("treat-as-withdraw: missing ") + missing);
    }
  }
  return u;
}

std::optional<Family> EndOfRib(const Update& u) {
  if (!u.withdrawn.empty() || !u.nlri.empty() || u.mp_reach || u.has_attrs) return std::nullopt;
  if (!u.mp_unreach) return Family::kIpv4Unicast;
  if (!u.mp_unreach->nlri.empty()) return std::nullopt;
  return FamilyOf(u.mp_unreach->afi_safi);
}

std::vector<uint8_t> EncodeUpdate(const Update& u, const EncodeOptions& opts) {
  std::vector<uint8_t> out(kHeaderSize + 2);
  AppendIpv4Nlri(u.withdrawn, out);
  PutU16(&out[kHeaderSize], static_cast<uint16_t>(out.size() - kHeaderSize - 2));
  size_t attr_len_at = out.size();
  out.resize(out.size() + 2);
  EncodeUpdateAttrs(u, opts, out);
  PutU16(&out[attr_len_at], static_cast<uint16_t>(out.size() - attr_len_at - 2));
  AppendIpv4Nlri(u.nlri, out);
  WriteHeader(MessageType::kUpdate, out.size(), out.data());
  return out;
}

bool AppendIpv4Updates(std::span<const uint8_t> attrs, std::span<const Ipv4Prefix> nlri,
                       size_t max_message_size, std::vector<uint8_t>& out) {
  if (nlri.empty()) return true;
  if (kUpdateOverhead + attrs.size() + 5 > max_message_size) {
    // Some prefix may not fit beside these attributes.
    for (const auto& p : nlri) {
      if (kUpdateOverhead + attrs.size() + Ipv4PrefixWireSize(p) > max_message_size) return false;
    }
  }
  const size_t room = max_message_size - kUpdateOverhead - attrs.size();
  out.reserve(out.size() + nlri.size() * 5 +
              (nlri.size() * 5 / room + 1) * (kUpdateOverhead + attrs.size()) + room);
  size_t i = 0;
  while (i < nlri.size()) {
    size_t start = out.size();
    out.resize(start + kHeaderSize + 4 + attrs.size() + room);
    uint8_t* p = out.data() + start + kHeaderSize;
    PutU16(p, 0);
    PutU16(p + 2, static_cast<uint16_t>(attrs.size()));
    std::copy(attrs.begin(), attrs.end(), p + 4);
    uint8_t* w = p + 4 + attrs.size();
    uint8_t* const end = w + room;
    for (; i < nlri.size() && static_cast<size_t>(end - w) >= Ipv4PrefixWireSize(nlri[i]); ++i) {
      w = WriteIpv4Prefix(nlri[i], w);
    }
    size_t len = static_cast<size_t>(w - (out.data() + start));
    out.resize(start + len);
    WriteHeader(MessageType::kUpdate, len, out.data() + start);
  }
  return true;
}

void AppendIpv4Withdraws(std::span<const Ipv4Prefix> prefixes, size_t max_message_size,
                         std::vector<uint8_t>& out) {
  const size_t room = max_message_size - kUpdateOverhead;
  size_t i = 0;
  while (i < prefixes.size()) {
    size_t start = out.size();
    out.resize(start + kHeaderSize + 2 + room + 2);
    uint8_t* w = out.data() + start + kHeaderSize + 2;
    uint8_t* const end = w + room;
    for (; i < prefixes.size() && static_cast<size_t>(end - w) >= Ipv4PrefixWireSize(prefixes[i]);
         ++i) {
      w = WriteIpv4Prefix(prefixes[i], w);
    }
    uint8_t* base = out.data() + start;
    PutU16(base + kHeaderSize, static_cast<uint16_t>(w - base - kHeaderSize - 2));
    PutU16(w, 0);  // no path attributes
    size_t len = static_cast<size_t>(w + 2 - base);
    out.resize(start + len);
    WriteHeader(MessageType::kUpdate, len, base);
  }
}

std::vector<uint8_t> EncodeEndOfRib(Family f) {
  Update u;
  if (f != Family::kIpv4Unicast) u.mp_unreach = MpUnreach{AfiSafiOf(f), {}};
  return EncodeUpdate(u, EncodeOptions{});
}

}  // namespace meshbgp::wire
