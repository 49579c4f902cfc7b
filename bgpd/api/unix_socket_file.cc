#include "bgpd/api/unix_socket_file.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <absl/strings/str_cat.h>

namespace meshbgp::api {
namespace {

std::string Errno(int err) { return std::strerror(err); }

std::string ParentOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

absl::Status PrepareSocketDirectory(const std::string& socket_path) {
  if (socket_path.empty()) return absl::InvalidArgumentError("empty API socket path");
  if (socket_path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    return absl::InvalidArgumentError(absl::StrCat("API socket path ", socket_path, " is too long (",
                                                   socket_path.size(), " bytes, at most ",
                                                   sizeof(sockaddr_un{}.sun_path) - 1, ")"));
  }
  const std::string parent = ParentOf(socket_path);
  // mkdir -p: each missing level is created private; existing ones are left
  // as they are (they may be /run or /tmp).
  for (size_t end = 1; end <= parent.size(); ++end) {
    if (end != parent.size() && parent[end] != '/') continue;
    const std::string dir = parent.substr(0, end);
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot create API socket directory ", dir, ": ", Errno(errno)));
    }
  }
  struct stat st {};
  if (stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat("API socket directory ", parent, " is not a directory"));
  }
  // A directory someone else owns (say a squatted /tmp/meshbgp-UID) could
  // have our socket swapped under bgpctl's feet. root's is fine (/run, /tmp).
  if (st.st_uid != geteuid() && st.st_uid != 0) {
    return absl::PermissionDeniedError(absl::StrCat("API socket directory ", parent,
                                                    " belongs to uid ", st.st_uid, ", not to us"));
  }
  if (access(parent.c_str(), W_OK | X_OK) != 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("API socket directory ", parent, " is not writable: ", Errno(errno)));
  }
  return absl::OkStatus();
}

absl::Status RemoveStaleSocket(const std::string& socket_path) {
  struct stat st {};
  if (lstat(socket_path.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat("cannot check ", socket_path, ": ", Errno(errno)));
  }
  if (!S_ISSOCK(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat(socket_path, " exists and is not a socket; not removing it"));
  }
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket(AF_UNIX): ", Errno(errno)));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, socket_path.data(), socket_path.size());
  const int rc = connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  const int err = errno;
  close(fd);
  if (rc == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("API socket ", socket_path, " is in use: is another bgpd running?"));
  }
  if (err != ECONNREFUSED) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot check API socket ", socket_path, ": ", Errno(err)));
  }
  if (unlink(socket_path.c_str()) != 0 && errno != ENOENT) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot remove stale API socket ", socket_path, ": ", Errno(errno)));
  }
  return absl::OkStatus();
}

std::optional<FileIdentity> IdentityOf(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return std::nullopt;
  return FileIdentity{st.st_dev, st.st_ino};
}

void UnlinkIfSame(const std::string& path, const FileIdentity& identity) {
  if (IdentityOf(path) == identity) unlink(path.c_str());
}

}  // namespace meshbgp::api
