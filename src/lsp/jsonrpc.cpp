#include "lsp/jsonrpc.h"

#include "util/fd_io.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <string_view>

#include <fmt/format.h>

namespace kaava::lsp {

namespace {

constexpr std::size_t kMaxHeader = 8192;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool Transport::fill() {
  if (ended_) return false;
  if (start_ > 0 && start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
  char chunk[65536];
  while (true) {
    const ssize_t n = ::read(in_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ended_ = true;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

bool Transport::waiting() {
  if (start_ < buffer_.size()) return true;
  if (ended_) return false;
  pollfd p{in_, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

ReadStatus Transport::read(std::string* body, std::string* error) {
  // The headers: lines up to an empty one.
  std::size_t end = std::string::npos;
  while ((end = buffer_.find("\r\n\r\n", start_)) == std::string::npos) {
    if (buffer_.size() - start_ > kMaxHeader) {
      *error = "a header longer than 8 KiB";
      start_ = buffer_.size();
      return ReadStatus::bad;
    }
    if (!fill()) return ReadStatus::closed;
  }
  const std::string_view headers(buffer_.data() + start_, end - start_);
  start_ = end + 4;
  std::size_t length = 0;
  bool have_length = false;
  std::size_t line_start = 0;
  while (line_start <= headers.size()) {
    const std::size_t line_end = std::min(headers.find("\r\n", line_start), headers.size());
    const std::string_view line = headers.substr(line_start, line_end - line_start);
    line_start = line_end + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (equal_ignoring_case(trim(line.substr(0, colon)), "content-length")) {
      const std::string_view value = trim(line.substr(colon + 1));
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
      have_length = ec == std::errc() && ptr == value.data() + value.size();
    }
  }
  if (!have_length) {
    *error = "a message without a valid Content-Length header";
    return ReadStatus::bad;
  }
  const bool too_large = length > kMaxFrame;
  // Read the body (or past it, when it is too large to keep).
  std::size_t skipped = 0;
  while (buffer_.size() - start_ < length - skipped) {
    if (too_large) {
      skipped += buffer_.size() - start_;
      start_ = buffer_.size();
    }
    if (!fill()) return ReadStatus::closed;
  }
  if (too_large) {
    start_ += length - skipped;
    *error = fmt::format("a message of {} bytes (at most {} are read)", length, kMaxFrame);
    return ReadStatus::bad;
  }
  body->assign(buffer_, start_, length);
  start_ += length;
  return ReadStatus::message;
}

bool Transport::write(const json& message) {
  const std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string frame = fmt::format("Content-Length: {}\r\n\r\n", body.size());
  frame += body;
  return write_all(out_, frame);
}

}  // namespace kaava::lsp
