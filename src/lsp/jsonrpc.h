#pragma once
/// JSON-RPC 2.0 over a byte stream, framed as the Language Server Protocol
/// frames it: `Content-Length: N` headers, an empty line, N bytes of JSON.
/// Reads from one file descriptor, writes to another; never throws on bad
/// input (a malformed frame is an error the server answers or skips).

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace kaava::lsp {

using json = nlohmann::json;

/// JSON-RPC's and LSP's error codes.
namespace error_code {
constexpr int parse_error = -32700;
constexpr int invalid_request = -32600;
constexpr int method_not_found = -32601;
constexpr int invalid_params = -32602;
constexpr int internal_error = -32603;
constexpr int server_not_initialized = -32002;
constexpr int request_failed = -32803;
}  // namespace error_code

enum class ReadStatus : unsigned char {
  message,  ///< a frame was read into the body
  closed,   ///< the stream ended (the client went away)
  bad,      ///< a frame that cannot be read (error says why); the stream is still usable
};

class Transport {
 public:
  Transport(int in, int out) : in_(in), out_(out) {}

  /// Reads the next frame's body; blocks until one is there.
  ReadStatus read(std::string* body, std::string* error);
  /// Whether a frame's bytes are already waiting (buffered or on the descriptor).
  bool waiting();
  /// Writes one message; false when the other end is gone.
  bool write(const json& message);

  /// The largest frame accepted; a bigger one is read past and refused.
  static constexpr std::size_t kMaxFrame = 64u << 20;

 private:
  bool fill();  ///< reads more bytes into the buffer; false at the end of the stream
  int in_;
  int out_;
  std::string buffer_;
  std::size_t start_ = 0;  ///< where unread bytes begin in buffer_
  bool ended_ = false;
};

}  // namespace kaava::lsp
