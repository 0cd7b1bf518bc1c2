#include "base/bytes.h"

#include <algorithm>
#include <array>

namespace attest {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kB64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kAlreadyExists: return "already exists";
    case ErrorCode::kIo: return "i/o error";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kTampered: return "tampered";
    case ErrorCode::kWrongSecret: return "wrong secret";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kParse: return "parse error";
    case ErrorCode::kInternal: return "internal error";
  }
  return "error";
}

std::string hex_encode(ByteView data) {
  std::string out;
  out.reserve(data.size() * 2);
  for (uint8_t b : data) {
    out.push_back(kHexDigits[b >> 4]);
    out.push_back(kHexDigits[b & 0xf]);
  }
  return out;
}

Result<Bytes> hex_decode(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return make_error(ErrorCode::kParse, "hex text has an odd number of digits");
  }
  Bytes out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = hex_value(hex[i]);
    int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return make_error(ErrorCode::kParse,
                        "not a hex digit at position " + std::to_string(hi < 0 ? i : i + 1));
    }
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return out;
}

std::string base64_encode(ByteView data) {
  std::string out;
  base64_append(out, data);
  return out;
}

void base64_append(std::string& out, ByteView data) {
  const size_t at = out.size();
  out.resize(at + (data.size() + 2) / 3 * 4);
  char* o = out.data() + at;
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3, o += 4) {
    const uint32_t n = uint32_t(data[i]) << 16 | uint32_t(data[i + 1]) << 8 | data[i + 2];
    o[0] = kB64[n >> 18 & 63];
    o[1] = kB64[n >> 12 & 63];
    o[2] = kB64[n >> 6 & 63];
    o[3] = kB64[n & 63];
  }
  const size_t rest = data.size() - i;
  if (rest == 0) return;
  const uint32_t n = uint32_t(data[i]) << 16 | (rest == 2 ? uint32_t(data[i + 1]) << 8 : 0);
  o[0] = kB64[n >> 18 & 63];
  o[1] = kB64[n >> 12 & 63];
  o[2] = rest == 2 ? kB64[n >> 6 & 63] : '=';
  o[3] = '=';
}

namespace {

// -1 for anything outside the alphabet, '=' included.
constexpr std::array<int8_t, 256> kB64Values = [] {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(kB64[i])] = static_cast<int8_t>(i);
  return t;
}();

Error not_base64_at(size_t position) {
  return make_error(ErrorCode::kParse,
                    "not a base64 character at position " + std::to_string(position));
}

}  // namespace

// Sync bodies are megabytes of base64, so the groups before the last are
// decoded with a table and no per-byte push_back; the last group, the only
// place padding may be, is checked character by character.
Result<Bytes> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return make_error(ErrorCode::kParse, "base64 text length is not a multiple of 4");
  }
  if (text.empty()) return Bytes();
  Bytes out(text.size() / 4 * 3);
  const auto* in = reinterpret_cast<const uint8_t*>(text.data());
  uint8_t* o = out.data();
  const size_t last = text.size() - 4;
  for (size_t i = 0; i < last; i += 4, o += 3) {
    const int a = kB64Values[in[i]], b = kB64Values[in[i + 1]], c = kB64Values[in[i + 2]],
              d = kB64Values[in[i + 3]];
    if ((a | b | c | d) < 0) {
      size_t k = 0;
      while (kB64Values[in[i + k]] >= 0) ++k;
      return not_base64_at(i + k);
    }
    const uint32_t n = uint32_t(a) << 18 | uint32_t(b) << 12 | uint32_t(c) << 6 | uint32_t(d);
    o[0] = static_cast<uint8_t>(n >> 16);
    o[1] = static_cast<uint8_t>(n >> 8 & 0xff);
    o[2] = static_cast<uint8_t>(n & 0xff);
  }
  std::array<int, 4> v{};
  int pad = 0;
  for (size_t k = 0; k < 4; ++k) {
    const char c = text[last + k];
    if (c == '=' && k >= 2) {
      v[k] = 0;
      ++pad;
      continue;
    }
    if (pad > 0) return make_error(ErrorCode::kParse, "base64 padding in the middle");
    v[k] = kB64Values[static_cast<uint8_t>(c)];
    if (v[k] < 0) return not_base64_at(last + k);
  }
  const uint32_t n =
      uint32_t(v[0]) << 18 | uint32_t(v[1]) << 12 | uint32_t(v[2]) << 6 | uint32_t(v[3]);
  o[0] = static_cast<uint8_t>(n >> 16);
  o[1] = static_cast<uint8_t>(n >> 8 & 0xff);
  o[2] = static_cast<uint8_t>(n & 0xff);
  out.resize(out.size() - static_cast<size_t>(pad));
  return out;
}

void put_u8(Bytes& out, uint8_t v) { out.push_back(v); }

void put_u16(Bytes& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}

void put_u32(Bytes& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

void put_u64(Bytes& out, uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

void put_i64(Bytes& out, int64_t v) { put_u64(out, static_cast<uint64_t>(v)); }

void put_bytes(Bytes& out, ByteView v) { out.insert(out.end(), v.begin(), v.end()); }

}  // namespace attest
