#include "report/feed.h"

#include <optional>
#include <string>

#include "core/body.h"
#include "core/canonical.h"
#include "report/batch_pipeline.h"

namespace attest::report {

Status feed_event(Ledger& ledger, ByteView canonical_header, ByteView sealed_body,
                  const crypto::BoxSecretKey* key) {
  auto header = core::decode_header(canonical_header);
  if (!header.ok()) {
    return make_error(header.error().code, "a record header does not decode: " + header.error().message);
  }
  return feed_event(ledger, *header, sealed_body, key);
}

namespace {

// The body's fields when this ledger reads them and there is a key; else
// nullopt. Touches nothing shared, so workers may call it.
Result<std::optional<nlohmann::json>> open_for(const Ledger& ledger, const core::EventHeader& header,
                                              ByteView sealed_body, const crypto::BoxSecretKey* key) {
  if (!key || !ledger.opens_body(header.kind)) return std::optional<nlohmann::json>();
  const std::string where = "record " + ref_text({header.device_id, header.seq});
  auto plain = crypto::seal_open(*key, sealed_body);
  if (!plain.ok()) {
    return make_error(plain.error().code, where + ": the body does not open with the practice key");
  }
  auto fields = core::open_body_fields(ByteView(plain->data(), plain->size()), header.body_digest);
  if (!fields.ok()) return make_error(fields.error().code, where + ": " + fields.error().message);
  return std::optional<nlohmann::json>(std::move(*fields));
}

}  // namespace

Status feed_event(Ledger& ledger, const core::EventHeader& header, ByteView sealed_body,
                  const crypto::BoxSecretKey* key) {
  auto fields = TRY(open_for(ledger, header, sealed_body, key));
  ledger.add(header, fields ? &*fields : nullptr);
  return {};
}

struct LedgerFeeder::Pipeline {
  // The header is decoded by add(), which is cheaper than handing it on;
  // only a body to open is copied for the workers.
  struct Item {
    core::EventHeader header;
    Bytes sealed_body;  // empty unless the body is to be opened
    std::optional<nlohmann::json> fields;
    Status status;
  };
  struct NoState {};

  static void open_into(Item& item, const Ledger& ledger, ByteView sealed_body,
                        const crypto::BoxSecretKey* key) {
    auto fields = open_for(ledger, item.header, sealed_body, key);
    if (fields.ok()) {
      item.fields = std::move(*fields);
    } else {
      item.status = fields.error();
    }
  }

  Pipeline(Ledger& l, const crypto::BoxSecretKey* k)
      : ledger(l),
        key(k),
        pipeline(
            [&l, k](Item& item, NoState&) {
              if (!item.sealed_body.empty()) open_into(item, l, item.sealed_body, k);
            },
            [&l](std::vector<Item>& batch, std::vector<NoState>&) -> Status {
              for (Item& item : batch) {
                TRY_STATUS(item.status);
                l.add(item.header, item.fields ? &*item.fields : nullptr);
              }
              return {};
            }) {}

  Ledger& ledger;
  const crypto::BoxSecretKey* key;
  BatchPipeline<Item, NoState> pipeline;
  Status failed;
  // Whether records are in the pipeline, and how many in a row of them
  // had no body to open: after a batch's worth, the pipeline is drained
  // and the ledger fed directly, which is faster than handing on records
  // with nothing to do (a compliance matrix opens almost no bodies).
  bool in_pipeline = false;
  size_t since_body = 0;
};

LedgerFeeder::LedgerFeeder(Ledger& ledger, const crypto::BoxSecretKey* key)
    : pipeline_(std::make_unique<Pipeline>(ledger, key)) {}

LedgerFeeder::~LedgerFeeder() = default;

Status LedgerFeeder::add(ByteView canonical_header, ByteView sealed_body) {
  Pipeline& p = *pipeline_;
  if (!p.failed.ok()) return p.failed;
  auto header = core::decode_header(canonical_header);
  if (!header.ok()) {
    Status bad = make_error(header.error().code, "a record header does not decode: " + header.error().message);
    if (!p.in_pipeline) {
      p.failed = bad;
      return bad;
    }
    // Behind the records still in the pipeline, whose errors come first.
    p.pipeline.next().status = bad;
    p.failed = p.pipeline.finish();
    return p.failed;
  }
  const bool open = p.key && p.ledger.opens_body(header->kind);
  if (!open && p.in_pipeline && p.since_body >= BatchPipeline<Pipeline::Item, Pipeline::NoState>::kBatch) {
    p.in_pipeline = false;
    if (Status s = p.pipeline.finish(); !s.ok()) {
      p.failed = s;
      return s;
    }
  }
  if (!open && !p.in_pipeline) {
    p.ledger.add(*header, nullptr);
    return {};
  }
  p.in_pipeline = true;
  p.since_body = open ? 0 : p.since_body + 1;
  Pipeline::Item& item = p.pipeline.next();
  item.header = std::move(*header);
  if (open) {
    item.sealed_body.assign(sealed_body.begin(), sealed_body.end());
    // A sealed body is never empty (it carries at least its key and tag),
    // and workers skip an empty one; it is tried here, so it fails as
    // feed_event would.
    if (item.sealed_body.empty()) Pipeline::open_into(item, p.ledger, sealed_body, p.key);
  }
  Status s = p.pipeline.push();
  if (!s.ok()) p.failed = s;
  return s;
}

Status LedgerFeeder::finish() {
  if (!pipeline_->failed.ok()) return pipeline_->failed;
  return pipeline_->pipeline.finish();
}

}  // namespace attest::report
