#include "sync/protocol/upload_scan.h"

#include <cstring>

#include "core/canonical.h"
#include "sync/protocol/limits.h"

namespace attest::sync {

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  // Consumes `c`, after any JSON whitespace.
  bool eat(char c) {
    skip_whitespace();
    if (pos_ == text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  bool at_end() {
    skip_whitespace();
    return pos_ == text_.size();
  }

  // What lies between a quote and the next one. Escapes are not undone: a
  // backslash is neither in a key nor in hex or base64, so a string that
  // holds one is never taken, and the full parser gets the body.
  std::optional<std::string_view> string() {
    if (!eat('"')) return std::nullopt;
    const char* start = text_.data() + pos_;
    const void* end = std::memchr(start, '"', text_.size() - pos_);
    if (end == nullptr) return std::nullopt;
    const auto n = static_cast<size_t>(static_cast<const char*>(end) - start);
    pos_ += n + 1;
    return std::string_view(start, n);
  }

  // A JSON integer from 1 to 2^64-1 written plainly: no sign, no leading
  // zero, no fraction or exponent (the full parser reads those as other
  // kinds of number, which it refuses).
  std::optional<uint64_t> positive_integer() {
    skip_whitespace();
    const size_t start = pos_;
    uint64_t v = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      const auto digit = static_cast<uint64_t>(text_[pos_] - '0');
      if (v > (UINT64_MAX - digit) / 10) return std::nullopt;
      v = v * 10 + digit;
      ++pos_;
    }
    if (pos_ == start || text_[start] == '0') return std::nullopt;
    if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) {
      return std::nullopt;
    }
    return v;
  }

 private:
  void skip_whitespace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

size_t base64_size(size_t n) { return (n + 2) / 3 * 4; }

// The same size limit and decoding as the full parser's base64_field.
bool base64_value(Scanner& s, size_t max_bytes, Bytes& out) {
  auto text = s.string();
  if (!text || text->size() > base64_size(max_bytes)) return false;
  auto bytes = base64_decode(*text);
  if (!bytes.ok()) return false;
  out = std::move(*bytes);
  return true;
}

std::optional<core::SignedEvent> scan_event(Scanner& s) {
  if (!s.eat('{')) return std::nullopt;
  core::SignedEvent e;
  std::optional<uint64_t> seq;
  bool header = false, body = false, signature = false;
  do {
    auto key = s.string();
    if (!key || !s.eat(':')) return std::nullopt;
    if (*key == "seq" && !seq) {
      seq = s.positive_integer();
      if (!seq) return std::nullopt;
    } else if (*key == "header" && !header) {
      header = true;
      if (!base64_value(s, kMaxHeaderBytes, e.canonical_header)) return std::nullopt;
    } else if (*key == "body" && !body) {
      body = true;
      if (!base64_value(s, kMaxSealedBodyBytes, e.sealed_body)) return std::nullopt;
    } else if (*key == "signature" && !signature) {
      signature = true;
      Bytes sig;
      if (!base64_value(s, 64, sig) || !copy_exact(sig, e.signature)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  } while (s.eat(','));
  if (!s.eat('}') || !seq || !header || !body || !signature) return std::nullopt;
  auto h = core::decode_header(e.canonical_header);
  if (!h.ok() || h->seq != *seq) return std::nullopt;
  e.header = std::move(*h);
  e.hash = core::event_hash(e.canonical_header, e.sealed_body);
  return e;
}

bool scan_events(Scanner& s, std::vector<core::SignedEvent>& events) {
  if (!s.eat('[')) return false;
  do {
    if (events.size() == kMaxBatchEvents) return false;
    auto e = scan_event(s);
    if (!e) return false;
    if (!events.empty() && e->header.seq != events.back().header.seq + 1) return false;
    events.push_back(std::move(*e));
  } while (s.eat(','));
  return s.eat(']');
}

}  // namespace

std::optional<UploadBatch> scan_upload(std::string_view body) {
  if (body.size() > kMaxRequestBytes) return std::nullopt;
  Scanner s(body);
  UploadBatch batch;
  bool device = false, events = false;
  if (!s.eat('{')) return std::nullopt;
  do {
    auto key = s.string();
    if (!key || !s.eat(':')) return std::nullopt;
    if (*key == "device" && !device) {
      device = true;
      auto text = s.string();
      if (!text) return std::nullopt;
      auto id = hex_decode(*text);
      if (!id.ok() || !copy_exact(*id, batch.device)) return std::nullopt;
    } else if (*key == "events" && !events) {
      events = true;
      if (!scan_events(s, batch.events)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  } while (s.eat(','));
  if (!s.eat('}') || !s.at_end() || !device || !events) return std::nullopt;
  return batch;
}

}  // namespace attest::sync
