#include "render/edge_router.h"

#include "render/graphviz_read.h"
#include "util/fd_io.h"
#include "util/threads.h"

#include <graphviz/cgraph.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace kaava {

namespace {

struct Point {
  double x = 0, y = 0;
};

/// An edge's route as Graphviz writes it in `pos`: the spline's points,
/// and where its arrowheads end (`s,` at the tail, `e,` at the head).
struct Route {
  std::vector<Point> points;
  bool s = false, e = false;
  Point sp, ep;
};

Route parse_route(const char* pos) {
  Route r;
  std::string text = pos == nullptr ? "" : pos;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find_first_of(" ;", at), text.size());
    std::string token = text.substr(at, end - at);
    at = end + 1;
    if (token.empty()) continue;
    const char kind = token.size() > 2 && token[1] == ',' && (token[0] == 's' || token[0] == 'e') ? token[0] : 0;
    if (kind != 0) token.erase(0, 2);
    Point p;
    if (std::sscanf(token.c_str(), "%lf,%lf", &p.x, &p.y) != 2) continue;
    if (kind == 's') {
      r.s = true;
      r.sp = p;
    } else if (kind == 'e') {
      r.e = true;
      r.ep = p;
    } else {
      r.points.push_back(p);
    }
  }
  return r;
}

/// `r` moved by (dx, dy), written as Graphviz writes `pos`.
std::string moved(const Route& r, double dx, double dy) {
  std::string out;
  if (r.s) out += fmt::format("s,{:.2f},{:.2f} ", r.sp.x + dx, r.sp.y + dy);
  if (r.e) out += fmt::format("e,{:.2f},{:.2f} ", r.ep.x + dx, r.ep.y + dy);
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    out += fmt::format("{}{:.2f},{:.2f}", i > 0 ? " " : "", r.points[i].x + dx, r.points[i].y + dy);
  }
  return out;
}

std::optional<Point> node_pos(Agnode_t* n) {
  const char* pos = agget(n, const_cast<char*>("pos"));
  Point p;
  if (pos == nullptr || std::sscanf(pos, "%lf,%lf", &p.x, &p.y) != 2) return std::nullopt;
  return p;
}

/// Which ends of `e` carry an arrowhead, from its dir and arrow attributes.
std::pair<bool, bool> arrow_ends(Agedge_t* e) {
  const auto attr = [&](const char* name) {
    const char* v = agget(e, const_cast<char*>(name));
    return std::string(v == nullptr ? "" : v);
  };
  const std::string dir = attr("dir");
  bool tail = dir == "both" || dir == "back", head = dir.empty() || dir == "forward" || dir == "both";
  if (attr("arrowhead") == "none") head = false;
  if (attr("arrowtail") == "none") tail = false;
  return {tail, head};
}

/// `leader`'s route for an edge of the same bundle: reversed when it runs
/// the other way, moved `shift` points aside, with arrowheads where `e`
/// has them (an arrowhead takes 10 points off the line).
std::string follow(const Route& leader, bool reversed, double shift, Agedge_t* e) {
  if (leader.points.size() < 4) return {};
  std::vector<Point> p = leader.points;
  Point tail = leader.s ? leader.sp : p.front(), head = leader.e ? leader.ep : p.back();
  const double dx = head.x - tail.x, dy = head.y - tail.y, length = std::max(1e-6, std::hypot(dx, dy));
  const Point aside{-dy / length * shift, dx / length * shift};
  p.front() = tail;
  p.back() = head;
  if (reversed) {
    std::ranges::reverse(p);
    std::swap(tail, head);
  }
  for (Point& q : p) {
    q.x += aside.x;
    q.y += aside.y;
  }
  const auto [tail_arrow, head_arrow] = arrow_ends(e);
  constexpr double k_arrow = 10;
  std::string out;
  const auto pull = [&](Point* end, const Point& toward, char kind) {
    const double ux = toward.x - end->x, uy = toward.y - end->y, d = std::max(1e-6, std::hypot(ux, uy));
    out += fmt::format("{},{:.2f},{:.2f} ", kind, end->x, end->y);
    end->x += ux / d * std::min(k_arrow, d / 2);
    end->y += uy / d * std::min(k_arrow, d / 2);
  };
  if (tail_arrow) pull(&p.front(), p[1], 's');
  if (head_arrow) pull(&p.back(), p[p.size() - 2], 'e');
  for (std::size_t i = 0; i < p.size(); ++i) out += fmt::format("{}{:.2f},{:.2f}", i > 0 ? " " : "", p[i].x, p[i].y);
  return out;
}

/// A node as the router sees it: its row, how far across it reaches, and
/// the corners Graphviz's router gives it.
struct Obstacle {
  std::uint32_t row = 0;
  double left = 0, right = 0, corners = 4;
};

/// Some edges to route together, with the nodes of rows lo..hi that reach
/// into left..right.
struct Window {
  std::uint32_t lo = 0, hi = 0;
  double left = -HUGE_VAL, right = HUGE_VAL;
  std::vector<std::size_t> edges;  ///< indices into the graph's edges
  double corners = 0;              ///< of the nodes inside
  double cost = 0;                 ///< routing_cost of the corners and edges

  bool holds(const Obstacle& o) const { return o.row >= lo && o.row <= hi && o.right >= left && o.left <= right; }
};

/// Where an edge's route may go: the rows between its ends, and across,
/// its ends and some room beside them to go round a node.
struct Reach {
  std::uint32_t lo = 0, hi = 0;
  double left = 0, right = 0;
};

/// What routing E edges among nodes with V corners in all costs, in
/// Graphviz's terms: its visibility graph grows with V³ and each route
/// with V² (measured on the example's layered view: 24 % and 57 % of the
/// time, with V = 324 and E = 139).
double routing_cost(double corners, std::size_t edges) {
  constexpr double k_per_route = 5.5;
  return corners * corners * (corners + k_per_route * static_cast<double>(edges));
}

/// The windows for the `routed` edges: windows of L + 1 rows every L rows
/// and one of every row, each also cut into strips of half the width
/// (every quarter); an edge goes to the window with the fewest corners that
/// it fits in. The L that costs least.
std::vector<Window> plan_windows(const std::vector<Obstacle>& obstacles, const std::vector<Reach>& reaches,
                                 const std::vector<std::size_t>& routed) {
  std::uint32_t rows = 1;
  double x0 = HUGE_VAL, x1 = -HUGE_VAL;
  for (const Obstacle& o : obstacles) {
    rows = std::max(rows, o.row + 1);
    x0 = std::min(x0, o.left);
    x1 = std::max(x1, o.right);
  }
  const double quarter = (x1 - x0) / 4;
  std::vector<std::pair<double, double>> strips = {{-HUGE_VAL, HUGE_VAL}};
  for (int j = 0; j < 3; ++j) strips.emplace_back(x0 + j * quarter, x0 + (j + 2) * quarter);
  const auto plan = [&](std::uint32_t step) {
    // Row windows: [kL, kL + L] for each k, and last, every row.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> bands;
    for (std::uint32_t lo = 0; lo < rows && step < rows; lo += step) bands.emplace_back(lo, std::min(lo + step, rows - 1));
    bands.emplace_back(0, rows - 1);
    std::map<std::pair<std::size_t, std::size_t>, Window> windows;
    const auto window = [&](std::size_t band, std::size_t strip) -> Window& {
      auto [it, made] = windows.try_emplace({band, strip});
      if (made) {
        Window& w = it->second;
        w.lo = bands[band].first;
        w.hi = bands[band].second;
        w.left = strips[strip].first;
        w.right = strips[strip].second;
        for (const Obstacle& o : obstacles) {
          if (w.holds(o)) w.corners += o.corners;
        }
      }
      return it->second;
    };
    for (std::size_t i : routed) {
      const Reach& r = reaches[i];
      std::size_t band = bands.size() - 1;
      if (step < rows && r.hi <= std::min(r.lo / step * step + step, rows - 1)) band = r.lo / step;
      Window* best = &window(band, 0);
      for (std::size_t strip = 1; strip < strips.size(); ++strip) {
        if (r.left < strips[strip].first || r.right > strips[strip].second) continue;
        Window& w = window(band, strip);
        if (w.corners < best->corners) best = &w;
      }
      best->edges.push_back(i);
    }
    std::vector<Window> out;
    for (auto& [key, w] : windows) {
      if (w.edges.empty()) continue;
      w.cost = routing_cost(w.corners, w.edges.size());
      out.push_back(std::move(w));
    }
    // A window costs its visibility graph however few edges it has: its
    // edges go to a larger window that holds them when that costs less.
    const auto fits = [&](const Window& w, std::size_t i) {
      const Reach& r = reaches[i];
      return r.lo >= w.lo && r.hi <= w.hi && r.left >= w.left && r.right <= w.right;
    };
    for (bool merged = true; merged;) {
      merged = false;
      for (std::size_t a = 0; a < out.size() && !merged; ++a) {
        for (std::size_t b = 0; b < out.size() && !merged; ++b) {
          if (a == b || out[b].corners < out[a].corners) continue;
          if (!std::ranges::all_of(out[a].edges, [&](std::size_t i) { return fits(out[b], i); })) continue;
          const double joined = routing_cost(out[b].corners, out[a].edges.size() + out[b].edges.size());
          if (joined >= out[a].cost + out[b].cost) continue;
          out[b].edges.insert(out[b].edges.end(), out[a].edges.begin(), out[a].edges.end());
          std::ranges::sort(out[b].edges);
          out[b].cost = joined;
          out.erase(out.begin() + static_cast<std::ptrdiff_t>(a));
          merged = true;
        }
      }
    }
    return out;
  };
  const auto total = [](const std::vector<Window>& ws) {
    double sum = 0;
    for (const Window& w : ws) sum += w.cost;
    return sum;
  };
  std::vector<Window> best = plan(rows);
  for (std::uint32_t step = 1; step + 1 < rows; ++step) {
    std::vector<Window> candidate = plan(step);
    if (total(candidate) < total(best)) best = std::move(candidate);
  }
  return best;
}

/// Routes `window`'s edges in a copy of the graph (`text`) that has only
/// the nodes inside the window, where `g` placed them; their routes, in
/// `g`'s coordinates, go to `routes` (by edge index).
bool route_window(GVC_t* gvc, Agraph_t* g, const std::string& text, const std::vector<Obstacle>& obstacles,
                  std::size_t edge_count, const Window& window, std::map<std::size_t, std::string>* routes) {
  Agraph_t* copy = read_dot(text);
  if (copy == nullptr) return false;
  std::vector<Agedge_t*> copies;
  std::vector<Agnode_t*> outside;
  std::size_t v = 0;
  for (Agnode_t* n = agfstnode(copy); n != nullptr; n = agnxtnode(copy, n), ++v) {
    if (v >= obstacles.size()) return false;
    if (!window.holds(obstacles[v])) outside.push_back(n);
    Agnode_t* original = agnode(g, agnameof(n), 0);
    if (original == nullptr) return false;
    agsafeset(n, const_cast<char*>("pos"), agget(original, const_cast<char*>("pos")), const_cast<char*>(""));
    for (Agedge_t* e = agfstout(copy, n); e != nullptr; e = agnxtout(copy, e)) copies.push_back(e);
  }
  if (copies.size() != edge_count) return false;
  std::vector<bool> keep(copies.size(), false);
  for (std::size_t i : window.edges) keep[i] = true;
  for (std::size_t i = 0; i < copies.size(); ++i) {
    if (!keep[i]) agdeledge(copy, copies[i]);
  }
  for (Agnode_t* n : outside) agdelnode(copy, n);
  if (gvLayout(gvc, copy, "nop2") != 0) return false;
  // Graphviz moved the copy's picture to its origin (by how much depends on
  // the routes): they move back, read unrounded from the layout.
  Agnode_t* any = agfstnode(copy);
  if (any == nullptr) return false;
  const std::optional<Point> here = node_pos(agnode(g, agnameof(any), 0));
  if (!here) return false;
  const double dx = here->x - ND_coord(any).x, dy = here->y - ND_coord(any).y;
  for (std::size_t i : window.edges) {
    const splines* spl = ED_spl(copies[i]);
    if (spl == nullptr || spl->size < 1 || spl->list[0].size < 4) {
      (*routes)[i].clear();  // none: the last layout routes it
      continue;
    }
    const bezier& b = spl->list[0];
    Route route;
    for (int k = 0; k < b.size; ++k) route.points.push_back({b.list[k].x, b.list[k].y});
    route.s = b.sflag != 0;
    route.e = b.eflag != 0;
    route.sp = {b.sp.x, b.sp.y};
    route.ep = {b.ep.x, b.ep.y};
    (*routes)[i] = moved(route, dx, dy);
  }
  return true;
}

/// Routes `window` in a child process; its routes come back as "INDEX
/// ROUTE" lines on `fd`.
pid_t route_in_child(GVC_t* gvc, Agraph_t* g, const std::string& text, const std::vector<Obstacle>& obstacles,
                     std::size_t edge_count, const Window& window, int* fd) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    // This process is itself the drawing child of one view (one thread):
    // its copy may lay graphs out as it does.
    ::close(fds[0]);
    std::map<std::size_t, std::string> routes;
    const bool ok = route_window(gvc, g, text, obstacles, edge_count, window, &routes);
    std::string out;
    for (const auto& [i, route] : routes) out += fmt::format("{} {}\n", i, route);
    ::_exit(ok && write_all(fds[1], out) ? 0 : 1);
  }
  ::close(fds[1]);
  *fd = fds[0];
  return pid;
}

}  // namespace

bool route_edges(GVC_t* gvc, Agraph_t* g, const std::string& text, const std::vector<double>& widths) {
  // Each node's row from the top (those without one were placed in a row
  // of their own, last), reach across and corners (eight round an ellipse).
  std::map<long, std::uint32_t> rows;  // kaava_row -> row from the top
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    const char* row = agget(n, const_cast<char*>("kaava_row"));
    if (row != nullptr && *row != '\0') rows.emplace(std::strtol(row, nullptr, 10), 0);
  }
  std::uint32_t count = 0;
  for (auto& [row, number] : rows) number = count++;
  std::vector<Obstacle> obstacles;
  std::map<Agnode_t*, std::size_t> index;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    if (obstacles.size() >= widths.size()) return false;
    Obstacle o;
    const char* row = agget(n, const_cast<char*>("kaava_row"));
    o.row = row != nullptr && *row != '\0' ? rows[std::strtol(row, nullptr, 10)] : count;
    const std::optional<Point> at = node_pos(n);
    if (!at) return false;
    o.left = at->x - widths[obstacles.size()] / 2;
    o.right = at->x + widths[obstacles.size()] / 2;
    const char* shape = agget(n, const_cast<char*>("shape"));
    const std::string s = shape == nullptr ? "" : shape;
    o.corners = s == "ellipse" || s == "oval" || s == "circle" || s == "doublecircle" ? 8 : 4;
    index[n] = obstacles.size();
    obstacles.push_back(o);
  }
  // Every edge, in the order of the text; each bundle's first is its leader.
  constexpr double k_room = 72;  // beside an edge's ends, to go round a node
  std::vector<Agedge_t*> edges;
  std::vector<std::size_t> leader, routed;
  std::vector<Reach> reaches;
  std::map<std::pair<Agnode_t*, Agnode_t*>, std::size_t> first;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      Agnode_t* a = agtail(e);
      Agnode_t* b = aghead(e);
      const auto key = a < b ? std::pair{a, b} : std::pair{b, a};
      const auto [it, inserted] = first.try_emplace(key, edges.size());
      if (inserted) routed.push_back(edges.size());
      leader.push_back(it->second);
      const Obstacle& p = obstacles[index[a]];
      const Obstacle& q = obstacles[index[b]];
      reaches.push_back({std::min(p.row, q.row), std::max(p.row, q.row), std::min(p.left, q.left) - k_room,
                         std::max(p.right, q.right) + k_room});
      edges.push_back(e);
    }
  }
  if (edges.empty()) return true;
  // Straight edges cost nothing to route: Graphviz draws them itself, but
  // for a bundle's, which go side by side.
  const std::string splines = agget(g, const_cast<char*>("splines")) ? agget(g, const_cast<char*>("splines")) : "";
  const bool curved = splines == "true" || splines == "spline" || splines == "polyline";
  if (!curved && routed.size() == edges.size()) return true;

  std::vector<Window> windows;
  if (curved) {
    windows = plan_windows(obstacles, reaches, routed);
  } else {
    windows.emplace_back();
    windows.back().hi = static_cast<std::uint32_t>(count);
    windows.back().edges = routed;
  }
  // The windows shared among processes, dearest first to the least busy;
  // a window dearer than a process's share is cut into parts by its edges
  // (each edge's route depends only on the nodes of its window, so the
  // routes do not depend on how many processes there are).
  const unsigned processes = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  double total = 0;
  for (const Window& w : windows) total += w.cost;
  std::vector<Window> parts;
  for (const Window& w : windows) {
    const std::size_t cut = std::min<std::size_t>(
        w.edges.size(), processes > 1 && w.cost > total / processes ? processes : 1);
    for (std::size_t k = 0; k < cut; ++k) {
      Window part = w;
      part.edges.assign(w.edges.begin() + static_cast<std::ptrdiff_t>(w.edges.size() * k / cut),
                        w.edges.begin() + static_cast<std::ptrdiff_t>(w.edges.size() * (k + 1) / cut));
      part.cost = routing_cost(w.corners, part.edges.size());
      parts.push_back(std::move(part));
    }
  }
  // Each part in a child process of its own, started from this one as it
  // is now: Graphviz keeps state from one layout to the next that moves
  // routes by a fraction of a point, so no process routes two parts (the
  // picture would depend on how the parts fell to the processes).
  std::vector<const Window*> order;
  for (const Window& w : parts) order.push_back(&w);
  std::ranges::stable_sort(order, [](const Window* a, const Window* b) { return a->cost > b->cost; });
  std::map<std::size_t, std::string> routes;
  const auto collect = [&](pid_t pid, int fd) {
    const std::string out = read_to_end(fd);
    ::close(fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::size_t at = 0;
    while (at < out.size()) {
      const std::size_t end = std::min(out.find('\n', at), out.size());
      const std::string_view line(out.data() + at, end - at);
      at = end + 1;
      const std::size_t space = line.find(' ');
      if (space == std::string_view::npos) continue;
      const std::size_t i = std::strtoull(std::string(line.substr(0, space)).c_str(), nullptr, 10);
      if (i < edges.size()) routes[i] = std::string(line.substr(space + 1));
    }
  };
  // A fork copies only the thread that makes it: with another one running
  // (pango starts fontconfig on one), a lock it holds would never be let
  // go in the child. Such a thread ends soon; if not, this process routes.
  std::deque<std::pair<pid_t, int>> running;
  if (wait_until_alone(1000)) {
    for (const Window* w : order) {
      if (running.size() >= processes) {
        collect(running.front().first, running.front().second);
        running.pop_front();
      }
      int fd = -1;
      const pid_t pid = route_in_child(gvc, g, text, obstacles, edges.size(), *w, &fd);
      if (pid > 0) running.emplace_back(pid, fd);
    }
  }
  for (const auto& [pid, fd] : running) collect(pid, fd);
  // A child that failed (or was never started) leaves its windows here.
  for (const Window& w : windows) {
    if (std::ranges::all_of(w.edges, [&](std::size_t i) { return routes.contains(i); })) continue;
    if (!route_window(gvc, g, text, obstacles, edges.size(), w, &routes)) return false;
  }

  std::vector<std::size_t> rank(edges.size(), 0);  // each follower's place beside its leader
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const std::string& own = routes[leader[i]];
    if (own.empty()) continue;
    if (leader[i] == i) {
      agsafeset(edges[i], const_cast<char*>("pos"), const_cast<char*>(own.c_str()), const_cast<char*>(""));
      continue;
    }
    const std::size_t k = ++rank[leader[i]];
    const std::size_t step = (k + 1) / 2;  // 1, 1, 2, 2, ...: either side in turn
    const double shift = 9.0 * static_cast<double>(step) * (k % 2 == 1 ? 1 : -1);
    const bool reversed = agtail(edges[i]) != agtail(edges[leader[i]]);
    const std::string route = follow(parse_route(own.c_str()), reversed, shift, edges[i]);
    agsafeset(edges[i], const_cast<char*>("pos"), const_cast<char*>(route.c_str()), const_cast<char*>(""));
  }
  return true;
}

}  // namespace kaava
