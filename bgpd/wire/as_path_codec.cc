#include "bgpd/wire/as_path_codec.h"

#include <algorithm>

#include "bgpd/wire/bytes.h"

namespace meshbgp::wire {
namespace {
bool IsConfed(AsSegmentType t) {
  return t == AsSegmentType::kConfedSequence || t == AsSegmentType::kConfedSet;
}
}  // namespace

std::optional<AsPath> DecodeAsPath(std::span<const uint8_t> v, bool four_octet) {
  const size_t as_size = four_octet ? 4 : 2;
  AsPath path;
  size_t pos = 0;
  while (pos < v.size()) {
    if (v.size() - pos < 2) return std::nullopt;
    uint8_t type = v[pos];
    size_t count = v[pos + 1];
    if (type < 1 || type > 4 || count == 0) return std::nullopt;
    if (v.size() - pos - 2 < count * as_size) return std::nullopt;
    pos += 2;
    AsSegment seg{static_cast<AsSegmentType>(type), {}};
    seg.asns.resize(count);
    for (size_t i = 0; i < count; ++i, pos += as_size) {
      uint32_t asn = four_octet ? GetU32(&v[pos]) : GetU16(&v[pos]);
      if (asn == 0) return std::nullopt;
      seg.asns[i] = asn;
    }
    path.segments.push_back(std::move(seg));
  }
  return path;
}

void AppendAsPathValue(const AsPath& path, bool four_octet, std::vector<uint8_t>& out) {
  for (const AsSegment& seg : path.segments) {
    for (size_t from = 0; from < seg.asns.size(); from += 255) {
      size_t n = std::min<size_t>(255, seg.asns.size() - from);
      out.push_back(static_cast<uint8_t>(seg.type));
      out.push_back(static_cast<uint8_t>(n));
      for (size_t i = from; i < from + n; ++i) {
        uint32_t asn = seg.asns[i];
        if (four_octet) {
          AppendU32(out, asn);
        } else {
          AppendU16(out, asn > 0xffff ? kAsTrans : static_cast<uint16_t>(asn));
        }
      }
    }
  }
}

bool HasFourOctetAsn(const AsPath& path) {
  for (const AsSegment& s : path.segments)
    for (uint32_t a : s.asns)
      if (a > 0xffff) return true;
  return false;
}

AsPath WithoutConfedSegments(const AsPath& path) {
  AsPath out;
  for (const AsSegment& s : path.segments)
    if (!IsConfed(s.type)) out.segments.push_back(s);
  return out;
}

AsPath MergeAs4Path(const AsPath& as_path, const AsPath& as4_path) {
  size_t have = as_path.DecisionLength();
  size_t want = as4_path.DecisionLength();
  if (have < want) return as_path;
  size_t need = have - want;
  AsPath out;
  for (const AsSegment& seg : as_path.segments) {
    if (IsConfed(seg.type)) {
      // Kept when leading or next to a segment that is kept.
      out.segments.push_back(seg);
      continue;
    }
    if (need == 0) break;
    if (seg.type == AsSegmentType::kAsSet) {
      out.segments.push_back(seg);
      --need;
      continue;
    }
    size_t take = std::min(need, seg.asns.size());
    out.segments.push_back(AsSegment{seg.type, {seg.asns.begin(), seg.asns.begin() + take}});
    need -= take;
  }
  auto it = as4_path.segments.begin();
  if (it != as4_path.segments.end() && !out.segments.empty() &&
      out.segments.back().type == AsSegmentType::kAsSequence &&
      it->type == AsSegmentType::kAsSequence) {
    auto& tail = out.segments.back().asns;
    tail.insert(tail.end(), it->asns.begin(), it->asns.end());
    ++it;
  }
  out.segments.insert(out.segments.end(), it, as4_path.segments.end());
  return out;
}

}  // namespace meshbgp::wire
