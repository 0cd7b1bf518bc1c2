#include "core/canonical.h"

#include <algorithm>

namespace attest::core {

namespace {

void put_str(Bytes& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  put_bytes(out, as_bytes(s));
}

template <size_t N>
void put_opt(Bytes& out, const std::optional<std::array<uint8_t, N>>& v) {
  put_u8(out, v ? 1 : 0);
  if (v) put_bytes(out, *v);
}

class Reader {
 public:
  explicit Reader(ByteView b) : b_(b) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == b_.size(); }

  uint64_t uint(int bytes) {
    if (!need(static_cast<size_t>(bytes))) return 0;
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = v << 8 | b_[pos_++];
    return v;
  }
  template <size_t N>
  void fixed(std::array<uint8_t, N>& out) {
    if (!need(N)) return;
    std::copy_n(b_.begin() + static_cast<long>(pos_), N, out.begin());
    pos_ += N;
  }
  std::string str() {
    uint64_t n = uint(4);
    if (!need(n)) return {};
    std::string s(reinterpret_cast<const char*>(b_.data() + pos_), n);
    pos_ += n;
    return s;
  }
  template <size_t N>
  std::optional<std::array<uint8_t, N>> opt() {
    uint64_t flag = uint(1);
    if (flag > 1) ok_ = false;
    if (flag != 1) return std::nullopt;
    std::array<uint8_t, N> v{};
    fixed(v);
    return v;
  }

 private:
  bool need(uint64_t n) {
    if (!ok_ || n > b_.size() - pos_) {
      ok_ = false;
      return false;
    }
    return true;
  }
  ByteView b_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

Bytes encode_header(const EventHeader& h) {
  Bytes out;
  out.reserve(256 + h.person_id.size() + h.subject.id.size());
  put_u8(out, EventHeader::kFormat);
  put_bytes(out, h.event_id);
  put_bytes(out, h.device_id);
  put_u64(out, h.seq);
  put_bytes(out, h.prev_link);
  put_str(out, event_kind_name(h.kind));
  put_str(out, h.person_id);
  put_str(out, h.subject.id);
  put_str(out, h.subject.version);
  put_opt(out, h.subject.content_sha256);
  put_i64(out, h.time.utc_ms);
  put_u32(out, static_cast<uint32_t>(h.time.offset_minutes));
  put_str(out, h.app_version);
  put_u32(out, static_cast<uint32_t>(h.retain_until.days));
  put_bytes(out, h.body_digest);
  put_opt(out, h.refers_to);
  return out;
}

Result<EventHeader> decode_header(ByteView bytes) {
  Reader r(bytes);
  EventHeader h;
  uint64_t format = r.uint(1);
  if (r.ok() && format != EventHeader::kFormat) {
    return make_error(ErrorCode::kUnsupported,
                      "event header format " + std::to_string(format) + " is not known");
  }
  r.fixed(h.event_id);
  r.fixed(h.device_id);
  h.seq = r.uint(8);
  r.fixed(h.prev_link);
  std::string kind = r.str();
  h.person_id = r.str();
  h.subject.id = r.str();
  h.subject.version = r.str();
  h.subject.content_sha256 = r.opt<32>();
  h.time.utc_ms = static_cast<int64_t>(r.uint(8));
  h.time.offset_minutes = static_cast<int32_t>(static_cast<uint32_t>(r.uint(4)));
  h.app_version = r.str();
  h.retain_until.days = static_cast<int32_t>(static_cast<uint32_t>(r.uint(4)));
  r.fixed(h.body_digest);
  h.refers_to = r.opt<16>();
  if (!r.ok()) return make_error(ErrorCode::kCorrupt, "event header is truncated or malformed");
  if (!r.at_end()) return make_error(ErrorCode::kCorrupt, "event header has trailing bytes");
  auto k = event_kind_from_name(kind);
  if (!k) return make_error(ErrorCode::kCorrupt, "event header names an unknown kind '" + kind + "'");
  h.kind = *k;
  return h;
}

}  // namespace attest::core
