// The file side of the control API's unix socket: making its directory,
// clearing a stale socket left by a crashed daemon (but never one a running
// daemon still serves), and removing our socket at shutdown only if it is
// still ours.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include <absl/status/status.h>

namespace meshbgp::api {

// Creates missing directories of the socket's parent with mode 0700, and
// checks the path fits in sockaddr_un and the parent is ours (or root's)
// and writable.
absl::Status PrepareSocketDirectory(const std::string& socket_path);

// Nothing there: OK. A socket nobody listens on: removed. A socket someone
// answers on: FailedPrecondition (another bgpd runs). Anything else (a
// regular file, a directory): FailedPrecondition, left alone.
absl::Status RemoveStaleSocket(const std::string& socket_path);

struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};
std::optional<FileIdentity> IdentityOf(const std::string& path);

// Unlinks `path` if it is still the file `identity` names: a daemon started
// after us may have replaced it.
void UnlinkIfSame(const std::string& path, const FileIdentity& identity);

}  // namespace meshbgp::api
