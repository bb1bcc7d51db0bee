#include "serve/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>
#include <httplib.h>

namespace kaava::serve {

namespace {

/// Connections served at once; each open page holds one for its events.
constexpr std::size_t k_threads = 32;
/// Event streams allowed at once: the rest of the threads stay for requests.
constexpr int k_max_streams = 24;
/// A comment on idle streams this often, so that closed pages are noticed.
constexpr std::chrono::seconds k_keep_alive{15};

void common_headers(httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

void plain(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  common_headers(res);
  res.set_content(text + "\n", "text/plain; charset=utf-8");
}

/// The host name of a Host header ("localhost:8080" -> "localhost", "[::1]:80" -> "::1").
std::string host_name(std::string_view header) {
  if (header.starts_with('[')) {
    const std::size_t end = header.find(']');
    return std::string(header.substr(1, end == std::string_view::npos ? header.size() : end - 1));
  }
  return std::string(header.substr(0, header.find(':')));
}

}  // namespace

HttpServer::HttpServer(Preview& preview, std::function<void(const std::string&)> log)
    : preview_(preview), log_(std::move(log)), server_(std::make_unique<httplib::Server>()) {
  server_->new_task_queue = [] { return new httplib::ThreadPool(k_threads); };
  // Short: an idle connection holds a thread, and Ctrl-C waits for it.
  server_->set_keep_alive_timeout(1);
  server_->set_read_timeout(3);
  // SO_REUSEADDR only: the library's default SO_REUSEPORT would let a
  // second kaava serve share the port and answer half the requests.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server_->set_payload_max_length(64 * 1024);
  routes();
}

HttpServer::~HttpServer() = default;

bool HttpServer::loopback(const std::string& host) {
  std::string lower = host;
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "localhost" || lower == "localhost.") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, lower.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, lower.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

void HttpServer::routes() {
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      plain(res, 405, fmt::format("kaava serve answers GET and HEAD only, not {}", req.method));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (loopback(host_)) {
      const std::string host = host_name(req.get_header_value("Host"));
      if (!loopback(host)) {
        plain(res, 403, "kaava serve answers requests for this machine's loopback address only");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // One stream per browser (a shared worker holds it for every open page):
  // the token of each build as it comes. A page then asks /__kaava/changed.
  server_->Get("/__kaava/events", [this](const httplib::Request&, httplib::Response& res) {
    if (++streams_ > k_max_streams) {
      --streams_;
      plain(res, 503, "too many event streams are open at once");
      return;
    }
    common_headers(res);
    res.set_chunked_content_provider(
        "text/event-stream",
        [this](std::size_t, httplib::DataSink& sink) {
          std::uint64_t seen = preview_.generation();
          const std::string hello = fmt::format("retry: 1000\n\nevent: build\ndata: {}\n\n", preview_.token(seen));
          if (!sink.write(hello.data(), hello.size())) return false;
          while (!preview_.stopped()) {
            const std::uint64_t now = preview_.wait_newer(seen, k_keep_alive);
            if (preview_.stopped()) break;
            const std::string text =
                now == seen ? std::string(": still here\n\n") : fmt::format("event: build\ndata: {}\n\n", preview_.token(now));
            if (!sink.write(text.data(), text.size())) return false;
            seen = now;
          }
          sink.done();
          return true;
        },
        [this](bool) { --streams_; });
  });
  server_->Get("/__kaava/changed", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string page = Preview::site_path(req.get_param_value("page"));
    const std::string generation = req.get_param_value("generation");
    if (page.empty() || generation.empty()) {
      plain(res, 400, "changed needs page=/PATH and generation=TOKEN");
      return;
    }
    const std::uint64_t now = preview_.generation();
    const bool reload = preview_.changed(page, generation);
    common_headers(res);
    res.set_content(fmt::format("{{\"reload\": {}, \"generation\": \"{}\"}}\n", reload ? "true" : "false",
                                preview_.token(now)),
                    "application/json");
  });
  // Browsers ask for an icon the site does not have: nothing, without an error in their console.
  server_->Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
    common_headers(res);
  });
  server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string path = Preview::site_path(req.path);
    if (path.empty()) {
      plain(res, 400, "not a path of the site");
      return;
    }
    Served served = preview_.get(path);
    // 200 is left to the library, which answers a Range request with 206.
    if (served.status != 200) res.status = served.status;
    common_headers(res);
    if (!served.location.empty()) res.set_header("Location", served.location);
    res.set_content(std::move(served.body), served.type.empty() ? "text/plain; charset=utf-8" : served.type);
  });
  server_->set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_(fmt::format("{} {}: {}", req.method, req.path, what));
    plain(res, 500, "kaava serve could not make this page: " + what);
  });
}

bool HttpServer::bind(const std::string& host, int port, std::string* error) {
  host_ = host;
  if (port == 0) {
    port_ = server_->bind_to_any_port(host);
  } else {
    port_ = server_->bind_to_port(host, port) ? port : -1;
  }
  if (port_ <= 0) {
    *error = port == 0 ? fmt::format("cannot listen on {}: is it an address of this machine?", host)
                       : fmt::format("port {} on {} is in use (or not this machine's); choose another with --port N, "
                                     "or leave --port out for a free one",
                                     port, host);
    return false;
  }
  return true;
}

bool HttpServer::run() { return server_->listen_after_bind(); }

void HttpServer::stop() { server_->stop(); }

}  // namespace kaava::serve
