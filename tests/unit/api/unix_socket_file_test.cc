#include "bgpd/api/unix_socket_file.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace meshbgp::api {
namespace {

class UnixSocketFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/meshbgp-sockfile-XXXXXX";
    dir_ = mkdtemp(name);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A bound unix socket; listening or not.
  int Bind(const std::string& path, bool listening) {
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    if (listening) {
      EXPECT_EQ(listen(fd, 1), 0);
    }
    return fd;
  }

  std::string dir_;
};

TEST_F(UnixSocketFileTest, CreatesMissingDirectoriesPrivate) {
  ASSERT_TRUE(PrepareSocketDirectory(dir_ + "/a/b/bgpd.sock").ok());
  struct stat st {};
  ASSERT_EQ(stat((dir_ + "/a/b").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);  // mkdtemp's, untouched
}

TEST_F(UnixSocketFileTest, LeavesExistingDirectoriesAlone) {
  chmod(dir_.c_str(), 0755);
  ASSERT_TRUE(PrepareSocketDirectory(dir_ + "/bgpd.sock").ok());
  struct stat st {};
  ASSERT_EQ(stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
}

TEST_F(UnixSocketFileTest, RefusesADirectoryOfAnotherUser) {
  if (geteuid() != 0) GTEST_SKIP() << "giving a directory away needs root";
  const std::string other = dir_ + "/squatted";
  ASSERT_EQ(mkdir(other.c_str(), 0777), 0);
  ASSERT_EQ(chown(other.c_str(), 4242, getegid()), 0);
  const auto status = PrepareSocketDirectory(other + "/bgpd.sock");
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(status.message().find("belongs to uid"), absl::string_view::npos) << status;
}

TEST_F(UnixSocketFileTest, TooLongPath) {
  const auto status = PrepareSocketDirectory(dir_ + "/" + std::string(200, 'x'));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("too long"), std::string::npos);
}

TEST_F(UnixSocketFileTest, StaleSocketIsRemovedLiveOneIsNot) {
  const std::string path = dir_ + "/bgpd.sock";
  EXPECT_TRUE(RemoveStaleSocket(path).ok());  // nothing there

  const int stale = Bind(path, false);
  close(stale);
  EXPECT_TRUE(RemoveStaleSocket(path).ok());
  EXPECT_FALSE(std::filesystem::exists(path));

  const int live = Bind(path, true);
  const auto status = RemoveStaleSocket(path);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(std::filesystem::exists(path));
  close(live);
}

TEST_F(UnixSocketFileTest, NeverRemovesAnythingButASocket) {
  const std::string path = dir_ + "/bgpd.sock";
  std::ofstream(path) << "data";
  EXPECT_FALSE(RemoveStaleSocket(path).ok());
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST_F(UnixSocketFileTest, UnlinkIfSameSparesAReplacement) {
  const std::string path = dir_ + "/bgpd.sock";
  std::ofstream(path) << "ours";
  const auto ours = IdentityOf(path);
  ASSERT_TRUE(ours.has_value());
  // Moved away, not deleted, so its inode number cannot be reused below.
  std::filesystem::rename(path, dir_ + "/kept");
  std::ofstream(path) << "theirs";  // someone else's file now
  UnlinkIfSame(path, *ours);
  EXPECT_TRUE(std::filesystem::exists(path));
  UnlinkIfSame(path, *IdentityOf(path));
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace meshbgp::api
