#include "render/graphviz_renderer.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <regex>

#include <fmt/format.h>

namespace kaava {

namespace {

std::mutex g_mutex;                 // one rendering (one child process) at a time
std::string* g_messages = nullptr;  // where Graphviz's error callback writes (in the child)

int collect(char* message) {
  if (g_messages != nullptr) *g_messages += message;
  return 0;
}

/// A Graphviz context for one rendering. A context that has laid out
/// other graphs before can lay the next one out differently from run to
/// run (seen with Graphviz 2.43), so each view gets a fresh one.
struct Context {
  GVC_t* gvc = gvContext();
  ~Context() { gvFreeContext(gvc); }
};

/// cairo writes the time into a PDF; a fixed date keeps the bytes the same
/// from run to run (same length, so the cross-reference offsets hold).
void fix_pdf_date(std::string& pdf) {
  static const std::regex date(R"(/CreationDate \(D:\d{14}Z?\))");
  std::smatch m;
  if (std::regex_search(pdf, m, date)) {
    std::string fixed = m.str();
    const std::size_t digits = fixed.find("D:") + 2;
    for (std::size_t i = digits; i < digits + 14; ++i) fixed[i] = i < digits + 4 ? "2000"[i - digits] : '0';
    fixed[digits + 5] = '1';  // 2000-01-01
    fixed[digits + 7] = '1';
    pdf.replace(static_cast<std::size_t>(m.position()), fixed.size(), fixed);
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find('\n', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

/// Renders in this process. Graphviz 2.43 keeps state between layouts (its
/// text-size cache in the pango plugin outlives the strings it points to),
/// so a process should lay out one graph only: see render_with_graphviz.
bool render_here(std::string_view dot, std::string_view format, RenderedImage* out, std::string* error) {
  std::string messages;
  g_messages = &messages;
  agseterr(AGWARN);
  agseterrf(collect);
  struct Reset {
    ~Reset() {
      agseterrf(nullptr);
      g_messages = nullptr;
    }
  } reset;

  Context fresh;
  GVC_t* gvc = fresh.gvc;
  const std::string text(dot);
  Agraph_t* g = agmemread(text.c_str());
  if (g == nullptr) {
    *error = fmt::format("Graphviz cannot read the DOT text: {}", messages);
    return false;
  }
  struct Graph {
    GVC_t* gvc;
    Agraph_t* g;
    bool laid_out = false;
    ~Graph() {
      if (laid_out) gvFreeLayout(gvc, g);
      agclose(g);
    }
  } graph{gvc, g};
  if (gvLayout(gvc, g, "dot") != 0) {
    *error = fmt::format("Graphviz cannot lay the view out: {}", messages);
    return false;
  }
  graph.laid_out = true;
  char* data = nullptr;
  unsigned int length = 0;
  const std::string fmt_name(format);
  if (gvRenderData(gvc, g, fmt_name.c_str(), &data, &length) != 0 || data == nullptr) {
    if (data != nullptr) gvFreeRenderData(data);
    *error = fmt::format("Graphviz cannot render {}: {}", format, messages);
    return false;
  }
  out->data.assign(data, length);
  gvFreeRenderData(data);
  if (format == "pdf") fix_pdf_date(out->data);
  for (std::string& m : lines_of(messages)) out->messages.push_back(std::move(m));
  // A label Graphviz could not read is an error in its words, not a warning.
  for (const std::string& m : out->messages) {
    if (m.starts_with("Error")) {
      *error = fmt::format("Graphviz: {}", m);
      return false;
    }
  }
  return true;
}

/// Everything a child process sends back: a status byte, then the image or
/// the error, then Graphviz's messages.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string encode(bool ok, const RenderedImage& image, const std::string& error) {
  auto field = [](std::string_view s) { return fmt::format("{}:{}", s.size(), s); };
  std::string out = ok ? "1" : "0";
  out += field(ok ? image.data : error);
  for (const std::string& m : image.messages) out += field(m);
  return out;
}

bool decode(std::string_view in, RenderedImage* out, std::string* error) {
  if (in.empty()) {
    *error = "Graphviz stopped without an answer";
    return false;
  }
  const bool ok = in.front() == '1';
  in.remove_prefix(1);
  std::vector<std::string> fields;
  while (!in.empty()) {
    const std::size_t colon = in.find(':');
    std::size_t size = 0;
    if (colon == std::string_view::npos ||
        std::from_chars(in.data(), in.data() + colon, size).ptr != in.data() + colon || colon + 1 + size > in.size()) {
      *error = "Graphviz's answer was cut short";
      return false;
    }
    fields.emplace_back(in.substr(colon + 1, size));
    in.remove_prefix(colon + 1 + size);
  }
  if (fields.empty()) {
    *error = "Graphviz's answer was empty";
    return false;
  }
  if (!ok) {
    *error = fields.front();
    return false;
  }
  out->data = std::move(fields.front());
  out->messages.assign(std::make_move_iterator(fields.begin() + 1), std::make_move_iterator(fields.end()));
  return true;
}

}  // namespace

bool render_with_graphviz(std::string_view dot, std::string_view format, RenderedImage* out, std::string* error) {
  // Each graph is laid out in a child process of its own: its Graphviz
  // starts clean, so the same DOT gives the same bytes however many views
  // are rendered before it, and a crash in Graphviz cannot take kaava down.
  std::lock_guard lock(g_mutex);
  int fds[2];
  if (::pipe(fds) != 0) {
    *error = fmt::format("cannot start Graphviz: {}", std::strerror(errno));
    return false;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    *error = fmt::format("cannot start Graphviz: {}", std::strerror(errno));
    return false;
  }
  if (pid == 0) {
    ::close(fds[0]);
    RenderedImage image;
    std::string child_error;
    const bool ok = render_here(dot, format, &image, &child_error);
    const bool sent = write_all(fds[1], encode(ok, image, child_error));
    ::_exit(sent ? 0 : 1);
  }
  ::close(fds[1]);
  std::string answer;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    *error = fmt::format("Graphviz crashed (signal {}) while rendering", WTERMSIG(status));
    return false;
  }
  return decode(answer, out, error);
}

}  // namespace kaava
