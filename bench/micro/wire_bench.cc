// Codec costs on the route server's hot path: decoding a full IPv4 UPDATE
// as it arrives, and encoding attributes plus 1000 prefixes as the
// Adj-RIB-Out does.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bgpd/wire/attrs_codec.h"
#include "bgpd/wire/header.h"
#include "bgpd/wire/update.h"

namespace meshbgp::wire {
namespace {

constexpr int kPrefixes = 1000;

PathAttrs RouteServerAttrs() {
  PathAttrs a;
  a.origin = Origin::kIgp;
  a.as_path = AsPath{{AsSegment{AsSegmentType::kAsSequence, {65001, 65100}}}};
  a.next_hop = 0x0a000101;  // 10.0.1.1
  a.med = 10;
  a.communities = {65001u << 16 | 1};
  return a;
}

std::vector<Ipv4Prefix> Slash24s(int n) {
  std::vector<Ipv4Prefix> out;
  for (int i = 0; i < n; ++i) out.push_back({0x64000000u + (static_cast<uint32_t>(i) << 8), 24});
  return out;
}

void BM_DecodeUpdate1000(benchmark::State& state) {
  std::vector<uint8_t> attrs;
  EncodeAttrs(RouteServerAttrs(), EncodeOptions{}, attrs);
  std::vector<uint8_t> msg;
  const auto nlri = Slash24s(kPrefixes);
  AppendIpv4Updates(attrs, nlri, kMaxMessageSize, msg);
  auto h = DecodeHeader({msg.data(), kHeaderSize}, kMaxMessageSize);
  if (!h.ok() || h->length != msg.size()) {
    std::fprintf(stderr, "1000 /24s must fit one UPDATE (got %zu bytes)\n", msg.size());
    std::abort();
  }
  const std::span<const uint8_t> body(msg.data() + kHeaderSize, msg.size() - kHeaderSize);
  for (auto _ : state) {
    auto u = DecodeUpdate(body, DecodeOptions{});
    benchmark::DoNotOptimize(u);
  }
  state.SetItemsProcessed(state.iterations() * kPrefixes);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(msg.size()));
}
BENCHMARK(BM_DecodeUpdate1000);

void BM_EncodeAttrsAndUpdates1000(benchmark::State& state) {
  const PathAttrs a = RouteServerAttrs();
  const auto nlri = Slash24s(kPrefixes);
  std::vector<uint8_t> attrs;
  std::vector<uint8_t> out;
  for (auto _ : state) {
    attrs.clear();
    out.clear();  // buffers keep their capacity, as a session's would
    EncodeAttrs(a, EncodeOptions{}, attrs);
    AppendIpv4Updates(attrs, nlri, kMaxMessageSize, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kPrefixes);
}
BENCHMARK(BM_EncodeAttrsAndUpdates1000);

}  // namespace
}  // namespace meshbgp::wire
