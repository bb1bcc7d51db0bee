#include "render/graphviz_renderer.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <regex>

#include <fmt/format.h>

#include "render/graphviz_read.h"
#include "render/edge_router.h"
#include "render/row_placement.h"
#include "util/fd_io.h"
#include "util/threads.h"
#include "util/subprocess.h"

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

/// A node's box in points (x0, y0, x1, y1) from its laid-out attributes.
bool node_box(Agnode_t* n, double box[4]) {
  const char* pos = agget(n, const_cast<char*>("pos"));
  const char* w = agget(n, const_cast<char*>("width"));
  const char* h = agget(n, const_cast<char*>("height"));
  double x = 0, y = 0, width = 0, height = 0;
  if (pos == nullptr || w == nullptr || h == nullptr || std::sscanf(pos, "%lf,%lf", &x, &y) != 2 ||
      std::sscanf(w, "%lf", &width) != 1 || std::sscanf(h, "%lf", &height) != 1) {
    return false;
  }
  box[0] = x - width * 36;
  box[1] = y - height * 36;
  box[2] = x + width * 36;
  box[3] = y + height * 36;
  return true;
}

std::string graph_attribute(Agraph_t* g, const std::string& name) {
  const char* v = agget(g, const_cast<char*>(name.c_str()));
  return v == nullptr ? std::string() : std::string(v);
}

/// Every text of the legend measured (its rows' widths and the title's),
/// laid out alone, before the legend is placed.
bool measure(GVC_t* gvc, Legend* legend, double* title_width) {
  std::string dot = fmt::format(
      "digraph {{ node [shape=plaintext, margin=0, width=0, height=0, fontname=\"{}\", "
      "fontsize={}];\n",
      legend->font, legend->font_size);
  for (std::size_t i = 0; i <= legend->rows.size(); ++i)
    dot += fmt::format("\"{}\" [label=<{}>];\n", i, legend->label(i));
  dot += "}\n";
  Agraph_t* g = read_dot(dot);
  if (g == nullptr) return false;
  bool ok = gvLayout(gvc, g, "dot") == 0;
  char* data = nullptr;
  unsigned int length = 0;
  ok = ok && gvRenderData(gvc, g, "dot", &data, &length) == 0;
  if (data != nullptr) gvFreeRenderData(data);
  for (std::size_t i = 0; ok && i <= legend->rows.size(); ++i) {
    std::string name = std::to_string(i);
    Agnode_t* n = agnode(g, name.data(), 0);
    double box[4];
    ok = n != nullptr && node_box(n, box);
    if (ok) (i < legend->rows.size() ? legend->rows[i].width : *title_width) = box[2] - box[0] + 1;
  }
  return ok;
}

/// The legend beside the picture whose box is x0..x1, y0..top: to the
/// right or below, in one to three columns, whichever makes the page most
/// compact and nearest a landscape sheet.
std::string place_legend(GVC_t* gvc, Legend legend, double x0, double y0, double x1, double top) {
  double title_width = 0;
  if (legend.empty() || !measure(gvc, &legend, &title_width)) return {};
  constexpr double k_gap = 24;
  const double width = x1 - x0, height = top - y0;
  double best = 1e300, left = x1 + k_gap, at = top;
  LegendShape chosen;
  for (std::size_t columns = 1; columns <= 3; ++columns) {
    const LegendShape shape = legend_shape(legend, title_width, columns);
    if (columns > 1 && shape.columns < columns) break;
    for (const bool right : {true, false}) {
      const double w = right ? width + k_gap + shape.width : std::max(width, shape.width);
      const double h = right ? std::max(height, shape.height) : height + k_gap + shape.height;
      const double score = w * h * (1 + 0.5 * std::abs(std::log(w / h / std::sqrt(2.0))));
      if (score < best - 1e-6) {
        best = score;
        chosen = shape;
        left = right ? x1 + k_gap : std::max(x0, x1 - shape.width);
        at = right ? top : y0 - k_gap;
      }
    }
  }
  return legend_dot(legend, chosen, left, at);
}

/// The box of the laid-out graph (x0, y0, x1, top of its content, under
/// the title), from its bb and title height.
void content_box(Agraph_t* g, double* x0, double* y0, double* x1, double* top) {
  const std::string bb = graph_attribute(g, "bb");
  double a = 0, b = 0, c = 0, d = 0;
  if (std::sscanf(bb.c_str(), "%lf,%lf,%lf,%lf", &a, &b, &c, &d) != 4) return;
  double title = 0;
  const std::string lheight = graph_attribute(g, "lheight");
  if (!lheight.empty()) title = std::strtod(lheight.c_str(), nullptr) * 72;
  *x0 = a;
  *y0 = b;
  *x1 = c;
  *top = d - title;
}

/// The second pass: `laid_out` is the first pass's graph, laid out and
/// written as DOT (`text`, positions included). The bands of a layered
/// view go behind the rows their nodes (kaava_band) were laid out in, as
/// wide as the widest, and the legend beside the picture; the result is
/// for the "nop2" engine, which keeps every position and spline.
std::string second_pass(GVC_t* gvc, Agraph_t* laid_out, const std::string& text, const Legend& legend) {
  const std::string count = graph_attribute(laid_out, "kaava_bands");
  const std::size_t bands = count.empty() ? 0 : static_cast<std::size_t>(std::stoul(count));
  std::vector<std::array<double, 4>> boxes(bands, {1e18, 1e18, -1e18, -1e18});
  double x0 = 1e18, x1 = -1e18, top = -1e18, y0 = 1e18;
  for (Agnode_t* n = agfstnode(laid_out); n != nullptr; n = agnxtnode(laid_out, n)) {
    const char* band = agget(n, const_cast<char*>("kaava_band"));
    double box[4];
    if (band == nullptr || *band == '\0' || !node_box(n, box)) continue;
    const std::size_t k = static_cast<std::size_t>(std::strtoul(band, nullptr, 10));
    if (k >= bands) continue;
    for (int i = 0; i < 2; ++i) boxes[k][i] = std::min(boxes[k][i], box[i]);
    for (int i = 2; i < 4; ++i) boxes[k][i] = std::max(boxes[k][i], box[i]);
    x0 = std::min(x0, box[0]);
    x1 = std::max(x1, box[2]);
    top = std::max(top, box[3]);
  }
  constexpr double k_margin = 18, k_label = 22;
  x0 -= k_margin;
  x1 += k_margin;
  std::string nodes;
  for (std::size_t k = 0; k < bands; ++k) {
    if (boxes[k][0] > boxes[k][2]) continue;
    const double b0 = boxes[k][1] - k_margin / 2, b1 = boxes[k][3] + k_label;
    y0 = std::min(y0, b0);
    nodes += fmt::format(
        "\"kaava:band:{}\" [shape=box, style=\"filled,dashed\", fillcolor=\"{}\", color=\"{}\", label=<{}>, "
        "labelloc=t, fontname=\"{}\", fontsize={}, pos=\"{:.2f},{:.2f}\", width={:.4f}, height={:.4f}, "
        "fixedsize=true];\n",
        k, graph_attribute(laid_out, "kaava_band_fill"), graph_attribute(laid_out, "kaava_band_border"),
        graph_attribute(laid_out, fmt::format("kaava_band_{}", k)), graph_attribute(laid_out, "fontname"),
        graph_attribute(laid_out, "fontsize"), (x0 + x1) / 2, (b0 + b1) / 2, (x1 - x0) / 72, (b1 - b0) / 72);
  }
  if (nodes.empty()) {
    content_box(laid_out, &x0, &y0, &x1, &top);
  } else {
    top += k_label;
  }
  const std::string beside = place_legend(gvc, legend, x0, y0, x1, top);
  // The bands first, so that they are drawn behind everything else. The
  // graph's bounding box and title position go: nop2 works them out again
  // with the bands and the legend in.
  std::string body = text;
  const std::size_t attributes_end = body.find("];");
  for (const char* key : {"bb=", "lp=", "lheight=", "lwidth="}) {
    const std::size_t at = body.find(key);
    if (at == std::string::npos || at > attributes_end) continue;
    std::size_t end = body.find_first_of(",]", at);
    if (body[at + std::strlen(key)] == '"') end = body.find_first_of(",]", body.find('"', at + std::strlen(key) + 1));
    if (end == std::string::npos) continue;
    body.erase(at, end - at + (body[end] == ',' ? 1 : 0));
  }
  const std::size_t open = body.find('{');
  const std::size_t close = body.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return text;
  // Every edge of the view keeps its route; the legend's samples are
  // straight, not routed round the bands.
  return body.substr(0, open + 1) + "\n" + nodes + body.substr(open + 1, close - open - 1) + "graph [splines=line];\n" +
         beside + "}\n";
}

/// Renders in this process. Graphviz 2.43 keeps state between layouts (its
/// text-size cache in the pango plugin outlives the strings it points to),
/// so a process should lay out one graph only: see render_with_graphviz.
bool render_here(std::string_view dot, const Legend& legend, std::string_view format, RenderedImage* out,
                 std::string* error) {
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
  Agraph_t* g = read_dot(text);
  if (g == nullptr) {
    *error = fmt::format("Graphviz cannot read the DOT text: {}", messages);
    return false;
  }
  // The graphs are not freed: this runs in a child process that ends
  // right after (render_with_graphviz), and Graphviz 2.43's dot can free
  // twice when it cleans up some layouts (gvFreeLayout, with self-loops).
  // A view kaava placed itself (a large layered one) says so.
  std::string engine = graph_attribute(g, "kaava_engine").empty() ? "dot" : graph_attribute(g, "kaava_engine");
  if (engine == "rows") {
    // A large layered view: kaava places the nodes in their rows, and
    // Graphviz routes the edges between them.
    std::vector<double> widths;
    if (!place_rows(gvc, g, text, &widths) || !route_edges(gvc, g, text, widths)) {
      *error = fmt::format("Graphviz cannot measure the view's nodes: {}", messages);
      return false;
    }
    engine = "nop2";
  }
  if (gvLayout(gvc, g, engine.c_str()) != 0) {
    *error = fmt::format("Graphviz cannot lay the view out: {}", messages);
    return false;
  }
  if (!graph_attribute(g, "kaava_bands").empty() || !legend.empty()) {
    // The bands of a layered view are drawn around the rows as laid out,
    // and the legend beside what is laid out.
    char* first = nullptr;
    unsigned int size = 0;
    if (gvRenderData(gvc, g, "dot", &first, &size) != 0 || first == nullptr) {
      if (first != nullptr) gvFreeRenderData(first);
      *error = fmt::format("Graphviz cannot lay the view out: {}", messages);
      return false;
    }
    const std::string positioned(first, size);
    gvFreeRenderData(first);
    const std::string second = second_pass(gvc, g, positioned, legend);
    g = read_dot(second);
    if (g == nullptr || gvLayout(gvc, g, "nop2") != 0) {
      *error = fmt::format("Graphviz cannot draw the bands and the legend of the view: {}", messages);
      return false;
    }
  }
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
/// One field of a message between kaava and its drawing child ("SIZE:BYTES").
std::string field(std::string_view s) { return fmt::format("{}:{}", s.size(), s); }

std::string encode(bool ok, const RenderedImage& image, const std::string& error) {
  std::string out = ok ? "1" : "0";
  out += field(ok ? image.data : error);
  for (const std::string& m : image.messages) out += field(m);
  return out;
}

/// The fields of a message between kaava and its drawing child: each
/// "SIZE:BYTES". False when one is cut short.
bool split_fields(std::string_view in, std::vector<std::string>* fields) {
  while (!in.empty()) {
    const std::size_t colon = in.find(':');
    std::size_t size = 0;
    if (colon == std::string_view::npos ||
        std::from_chars(in.data(), in.data() + colon, size).ptr != in.data() + colon || colon + 1 + size > in.size()) {
      return false;
    }
    fields->emplace_back(in.substr(colon + 1, size));
    in.remove_prefix(colon + 1 + size);
  }
  return true;
}

bool decode(std::string_view in, RenderedImage* out, std::string* error) {
  if (in.empty()) {
    *error = "Graphviz stopped without an answer";
    return false;
  }
  const bool ok = in.front() == '1';
  in.remove_prefix(1);
  std::vector<std::string> fields;
  if (!split_fields(in, &fields)) {
    *error = "Graphviz's answer was cut short";
    return false;
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

/// A drawing's request for a new process: the format, the DOT, the legend.
std::string encode_request(std::string_view dot, const Legend& legend, std::string_view format) {
  std::string out = field(format) + field(dot) + field(legend.title) + field(legend.font) +
                    field(std::to_string(legend.font_size));
  for (const LegendRow& row : legend.rows) {
    out += field(std::to_string(static_cast<int>(row.kind))) + field(row.text) + field(row.sample) +
           field(fmt::format("{:.17g}", row.width));
  }
  return out;
}

bool decode_request(std::string_view in, std::string* dot, Legend* legend, std::string* format) {
  std::vector<std::string> fields;
  if (!split_fields(in, &fields)) return false;
  if (fields.size() < 5 || (fields.size() - 5) % 4 != 0) return false;
  *format = fields[0];
  *dot = fields[1];
  legend->title = fields[2];
  legend->font = fields[3];
  legend->font_size = std::atoi(fields[4].c_str());
  for (std::size_t i = 5; i < fields.size(); i += 4) {
    LegendRow row;
    row.kind = static_cast<LegendRow::Kind>(std::atoi(fields[i].c_str()));
    row.text = fields[i + 1];
    row.sample = fields[i + 2];
    row.width = std::strtod(fields[i + 3].c_str(), nullptr);
    legend->rows.push_back(std::move(row));
  }
  return true;
}

std::atomic<bool> g_new_processes{false};

}  // namespace

void draw_in_new_processes() { g_new_processes = true; }

void graphviz_child_main() {
  const std::string request = read_to_end(0);
  std::string dot, format, error;
  Legend legend;
  RenderedImage image;
  const bool ok = decode_request(request, &dot, &legend, &format)
                      ? render_here(dot, legend, format, &image, &error)
                      : (error = "kaava __graphviz: a request it cannot read", false);
  // Ends here, as a forked child does: Graphviz's graphs are not freed
  // (the process ends), and no exit handler or leak check runs over them.
  ::_exit(write_all(1, encode(ok, image, error)) ? 0 : 1);
}

bool render_with_graphviz(std::string_view dot, const Legend& legend, std::string_view format, RenderedImage* out,
                          std::string* error) {
  // Each graph is laid out in a child process of its own: its Graphviz
  // starts clean, so the same DOT gives the same bytes however many views
  // are rendered before it, and a crash in Graphviz cannot take kaava down.
  if (g_new_processes) {
    const std::vector<std::string> argv = {"/proc/self/exe", "__graphviz"};
    const ProcessResult child = run_process(argv, encode_request(dot, legend, format));
    if (!child.started) {
      *error = fmt::format("cannot start Graphviz: {}", child.error);
      return false;
    }
    if (child.exit_code < 0) {
      *error = "Graphviz crashed while rendering";
      return false;
    }
    return decode(child.out, out, error);
  }
  std::lock_guard lock(g_mutex);
  // A fork copies only this thread: a lock another one holds (the
  // allocator's) would stay held in the child. Threads a library started
  // for a moment are given time to end; a caller with threads of its own
  // draws in new processes (draw_in_new_processes).
  wait_until_alone(1000);
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
    const bool ok = render_here(dot, legend, format, &image, &child_error);
    const bool sent = write_all(fds[1], encode(ok, image, child_error));
    ::_exit(sent ? 0 : 1);
  }
  ::close(fds[1]);
  const std::string answer = read_to_end(fds[0]);
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
