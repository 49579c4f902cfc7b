// The update log's hand-off: bounded, never blocking the producer.
#include "bgpd/mrt/record_queue.h"

#include <thread>

#include <gtest/gtest.h>

namespace meshbgp::mrt {
namespace {

using namespace std::chrono_literals;

TEST(RecordQueue, PopAllReturnsRecordsInOrder) {
  RecordQueue q(100);
  EXPECT_TRUE(q.Push({1, 2}));
  EXPECT_TRUE(q.Push({3}));
  EXPECT_EQ(q.queued_bytes(), 3u);
  EXPECT_EQ(q.PopAll(0ms), (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(q.queued_bytes(), 0u);
}

TEST(RecordQueue, DropsWholeRecordsBeyondTheBound) {
  RecordQueue q(4);
  EXPECT_TRUE(q.Push({1, 2, 3}));
  EXPECT_FALSE(q.Push({4, 5}));  // would make 5 bytes
  EXPECT_TRUE(q.Push({6}));
  EXPECT_EQ(q.dropped(), 1u);
  EXPECT_EQ(q.PopAll(0ms), (std::vector<uint8_t>{1, 2, 3, 6}));
  EXPECT_TRUE(q.Push({4, 5}));  // room again
}

TEST(RecordQueue, PopAllTimesOutEmpty) {
  RecordQueue q(4);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(q.PopAll(50ms).empty());
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 40ms);
}

TEST(RecordQueue, APushWakesTheWaitingReader) {
  RecordQueue q(4);
  std::thread producer([&] {
    std::this_thread::sleep_for(20ms);
    q.Push({9});
  });
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(q.PopAll(10s), std::vector<uint8_t>{9});
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
  producer.join();
}

TEST(RecordQueue, CloseWakesTheReaderAndRefusesMore) {
  RecordQueue q(4);
  std::thread closer([&] {
    std::this_thread::sleep_for(20ms);
    q.Close();
  });
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(q.PopAll(10s).empty());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
  closer.join();
  EXPECT_FALSE(q.Push({1}));
  EXPECT_EQ(q.dropped(), 1u);
}

}  // namespace
}  // namespace meshbgp::mrt
