#include "render/graphviz_read.h"

#include <cstring>
#include <deque>
#include <map>

namespace kaava {

namespace {

/// Ids by name, in the order names are first seen: even for named objects
/// (2, 4, 6 ...), odd for anonymous ones, as cgraph's own discipline has it.
struct IdState {
  std::map<std::string, IDTYPE, std::less<>> ids;
  std::deque<std::string> names;  ///< names[id / 2 - 1]
  IDTYPE anonymous = 1;
};

void* id_open(Agraph_t* /*g*/, Agdisc_t* /*disc*/) { return new IdState; }  // one per graph, for its lifetime

long id_map(void* state, int /*objtype*/, char* str, IDTYPE* id, int createflag) {
  auto* s = static_cast<IdState*>(state);
  if (str == nullptr) {
    *id = s->anonymous;
    s->anonymous += 2;
    return 1;
  }
  if (const auto it = s->ids.find(std::string_view(str)); it != s->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (createflag == 0) return 0;
  s->names.emplace_back(str);
  *id = static_cast<IDTYPE>(2 * s->names.size());
  s->ids.emplace(s->names.back(), *id);
  return 1;
}

long id_alloc(void* /*state*/, int /*objtype*/, IDTYPE /*id*/) { return 1; }
void id_free(void* /*state*/, int /*objtype*/, IDTYPE /*id*/) {}

char* id_print(void* state, int /*objtype*/, IDTYPE id) {
  auto* s = static_cast<IdState*>(state);
  if (id % 2 != 0 || id == 0 || id / 2 > s->names.size()) return nullptr;
  return s->names[id / 2 - 1].data();
}

void id_close(void* state) { delete static_cast<IdState*>(state); }
void id_register(void* /*state*/, int /*objtype*/, void* /*obj*/) {}

Agiddisc_t k_ids = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};

/// Reading from a string.
struct Text {
  const char* data;
  std::size_t size, at;
};

int text_read(void* chan, char* buf, int bufsize) {
  auto* t = static_cast<Text*>(chan);
  // cgraph reads a line at a time, as fgets would.
  int n = 0;
  while (n + 1 < bufsize && t->at < t->size) {
    const char c = t->data[t->at++];
    buf[n++] = c;
    if (c == '\n') break;
  }
  return n;
}

int text_put(void* /*chan*/, const char* /*str*/) { return 0; }
int text_flush(void* /*chan*/) { return 0; }

Agiodisc_t k_io = {text_read, text_put, text_flush};

}  // namespace

Agraph_t* read_dot(const std::string& text) {
  static Agdisc_t disc = {&AgMemDisc, &k_ids, &k_io};
  Text chan{text.data(), text.size(), 0};
  return agread(&chan, &disc);
}

}  // namespace kaava
