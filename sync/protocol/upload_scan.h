// The fast path of parse_upload: one pass over an upload body shaped as
// encode_upload writes it (keys in any order, any JSON whitespace between
// tokens), decoding base64 straight into the batch instead of building a
// JSON tree of the body (megabytes) first.
//
// It takes only bodies the full parser (parse_upload_json) takes, and gives
// the same batch for them: every check is the same, and anything it does
// not expect (an escape in a string, a repeated or unknown key, a number
// that is not a plain positive integer, a value over a limit, any error at
// all) makes it give up with nullopt, so the full parser decides and says
// what is wrong. tests/sync/fuzz_test.cpp holds the two to that.
#pragma once

#include <optional>
#include <string_view>

#include "sync/protocol/upload.h"

namespace attest::sync {

std::optional<UploadBatch> scan_upload(std::string_view body);

}  // namespace attest::sync
