// Issue 14: what compressing a reply costs. httplib 0.11 (Debian's build)
// compressed every API reply itself for a client that accepts "br" (every
// browser) with brotli's defaults, quality 11; replies now leave through
// http/reply_body.cc at quality 5 (or gzip). The anchor is httplib's own
// compressor on the same body in the same run, so the ratio holds on a noisy
// machine. The body: a page of 50 children as GET /api/v1/children sends it
// (generated, about 24 kB; the shape and sizes of the demo's first page).
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "http/reply_body.h"

namespace {

const std::string& PageOfChildren() {
  static const std::string page = [] {
    const char* given[] = {"Wayra", "Ñusta", "Killa", "Inti", "Amaru", "Sisa", "Yupanqui"};
    const char* family[] = {"Condori Cusi", "Quispe Huamán", "Mamani Ccori", "Huarachi Poma"};
    const char* placements[] = {"care_home", "relatives", "foster_family", "with_parent_inside"};
    nlohmann::json items = nlohmann::json::array();
    for (int id = 1; id <= 50; ++id) {
      items.push_back({{"archived", false},
                       {"coresidence_exception", nullptr},
                       {"created_at", "2026-12-08T00:03:25Z"},
                       {"date_of_birth", "20" + std::to_string(10 + id % 14) + "-0" +
                                             std::to_string(1 + id % 9) + "-1" +
                                             std::to_string(id % 10)},
                       {"facility_id", id % 3 ? nlohmann::json(nullptr) : nlohmann::json(id % 7)},
                       {"family_names", family[id % 4]},
                       {"given_names", given[id % 7]},
                       {"home_address", nullptr},
                       {"home_id", 1 + id % 3},
                       {"home_latitude", nullptr},
                       {"home_longitude", nullptr},
                       {"id", id},
                       {"organisation_id", 1},
                       {"placement", placements[id % 4]},
                       {"pseudonym", "NNA-" + std::to_string(10000000 + id * 7919)},
                       {"school_grade", std::to_string(1 + id % 5) + ".º de secundaria"},
                       {"school_name", "I.E. Sintética N.º 380" + std::to_string(id % 20) + " (demo)"},
                       {"sex", id % 2 ? "female" : "male"},
                       {"updated_at", "2026-12-08T00:03:25Z"},
                       {"version", 1}});
    }
    return nlohmann::json{{"items", items}, {"next_cursor", "50"}}.dump();
  }();
  return page;
}

// The anchor: what httplib did per reply (brotli's defaults: quality 11).
void BM_ReplyHttplibBrotliDefault(benchmark::State& state) {
  const std::string& body = PageOfChildren();
  std::size_t size = 0;
  for (auto _ : state) {
    httplib::detail::brotli_compressor compressor;
    std::string out;
    compressor.compress(body.data(), body.size(), true, [&](const char* data, std::size_t length) {
      out.append(data, length);
      return true;
    });
    size = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["bytes_in"] = static_cast<double>(body.size());
  state.counters["bytes_out"] = static_cast<double>(size);
}
BENCHMARK(BM_ReplyHttplibBrotliDefault)->Unit(benchmark::kMillisecond);

// Ours: `compress` is BrotliCompressed or GzipCompressed.
void ReplyCompressedBy(benchmark::State& state, std::string (*compress)(std::string_view)) {
  const std::string& body = PageOfChildren();
  std::size_t size = 0;
  for (auto _ : state) {
    std::string out = compress(body);
    size = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["bytes_in"] = static_cast<double>(body.size());
  state.counters["bytes_out"] = static_cast<double>(size);
}
BENCHMARK_CAPTURE(ReplyCompressedBy, BrotliQuality5, &vinculo::http_internal::BrotliCompressed)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ReplyCompressedBy, Gzip, &vinculo::http_internal::GzipCompressed)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
