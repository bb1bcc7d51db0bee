#pragma once
/// kaava serve's HTTP side (cpp-httplib): GET and HEAD of the preview's
/// files and nothing else: no other method, no path outside the site, no
/// file of the disk. Pages learn of changes through server-sent events at
/// /__kaava/events. Bound to loopback unless asked otherwise; then a
/// request must name this machine's loopback address as its Host (no page
/// of another site can reach it by renaming itself: DNS rebinding).

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "serve/preview.h"

namespace httplib {
class Server;
}

namespace kaava::serve {

class HttpServer {
 public:
  /// `log` gets one line per event worth telling (a failed request).
  HttpServer(Preview& preview, std::function<void(const std::string&)> log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds `host`:`port` (0: a free port). False, with `error`, when the
  /// port is taken or the address is not this machine's.
  bool bind(const std::string& host, int port, std::string* error);
  int port() const { return port_; }
  /// Serves until stop().
  bool run();
  void stop();

  /// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
  static bool loopback(const std::string& host);

 private:
  void routes();
  Preview& preview_;
  std::function<void(const std::string&)> log_;
  std::unique_ptr<httplib::Server> server_;
  std::string host_;
  int port_ = 0;
  std::atomic<int> streams_{0};  ///< event streams open
};

}  // namespace kaava::serve
