#include "metrics/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <sstream>

namespace ballast::metrics {

namespace {

// Latency buckets from 1 ms to 10 s: the target is p99 <= 50 ms per aggregate route.
const prometheus::Histogram::BucketBoundaries kHttpBuckets = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
// An import takes from a fraction of a second (a city's month) to minutes (a national file).
const prometheus::Histogram::BucketBoundaries kImportBuckets = {0.1, 0.5, 1,   2.5, 5,  10,
                                                                30,  60,  120, 300, 600};
const prometheus::Histogram::BucketBoundaries kEvaluationBuckets = {0.01, 0.05, 0.1, 0.25, 0.5, 1,
                                                                    2.5,  5,    10,  30,   60};

}  // namespace

struct Metrics::Impl {
  prometheus::Registry registry;
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("ballast_http_requests_total")
          .Help("HTTP requests answered, by declared route, method and status")
          .Register(registry);
  prometheus::Family<prometheus::Histogram>& request_seconds =
      prometheus::BuildHistogram()
          .Name("ballast_http_request_duration_seconds")
          .Help("Time from the request's header to the answer written, by declared route")
          .Register(registry);
  prometheus::Family<prometheus::Counter>& imports =
      prometheus::BuildCounter()
          .Name("ballast_import_batches_total")
          .Help("Import attempts by outcome (imported, unchanged, rejected)")
          .Register(registry);
  prometheus::Counter& import_rows = prometheus::BuildCounter()
                                         .Name("ballast_import_rows_total")
                                         .Help("Rows read from imported files")
                                         .Register(registry)
                                         .Add({});
  prometheus::Histogram& import_seconds = prometheus::BuildHistogram()
                                              .Name("ballast_import_duration_seconds")
                                              .Help("Time to read, check and write one file")
                                              .Register(registry)
                                              .Add({}, kImportBuckets);
  prometheus::Histogram& evaluation_seconds =
      prometheus::BuildHistogram()
          .Name("ballast_warning_evaluation_duration_seconds")
          .Help("Time to evaluate the warning rules once")
          .Register(registry)
          .Add({}, kEvaluationBuckets);
  prometheus::Family<prometheus::Gauge>& panel =
      prometheus::BuildGauge()
          .Name("ballast_panel_size")
          .Help(
              "The panel in memory: enterprises, and observations (enterprise x period x indicator "
              "cells)")
          .Register(registry);
  prometheus::Gauge& panel_enterprises = panel.Add({{"kind", "enterprises"}});
  prometheus::Gauge& panel_observations = panel.Add({{"kind", "observations"}});
  prometheus::Gauge& resident = prometheus::BuildGauge()
                                    .Name("ballast_process_resident_memory_bytes")
                                    .Help("Resident memory of this process")
                                    .Register(registry)
                                    .Add({});
  prometheus::Family<prometheus::Counter>& answers =
      prometheus::BuildCounter()
          .Name("ballast_answers_total")
          .Help(
              "Cached analysis answers by source: kept (found made), made (by the request that "
              "asked), made_ahead (for a new snapshot before it was served)")
          .Register(registry);
  prometheus::Counter& answers_kept = answers.Add({{"source", "kept"}});
  prometheus::Counter& answers_made = answers.Add({{"source", "made"}});
  prometheus::Counter& answers_ahead = answers.Add({{"source", "made_ahead"}});
  prometheus::Histogram& ahead_seconds =
      prometheus::BuildHistogram()
          .Name("ballast_answers_made_ahead_duration_seconds")
          .Help("Time a new snapshot waited for the answers made ahead for it")
          .Register(registry)
          .Add({}, kEvaluationBuckets);
  prometheus::Family<prometheus::Gauge>* pool = nullptr;  // registered by the first SetStorePool
  std::mutex pool_mutex;
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

Metrics& Metrics::Global() {
  static Metrics* instance = new Metrics();  // never destroyed: worker threads may outlive main
  return *instance;
}

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                             double seconds) {
  impl_->requests
      .Add({{"route", std::string(route)},
            {"method", std::string(method)},
            {"status", std::to_string(status)}})
      .Increment();
  impl_->request_seconds.Add({{"route", std::string(route)}}, kHttpBuckets).Observe(seconds);
}

void Metrics::ObserveImport(std::string_view outcome, int64_t rows, double seconds) {
  impl_->imports.Add({{"outcome", std::string(outcome)}}).Increment();
  if (rows > 0) impl_->import_rows.Increment(static_cast<double>(rows));
  impl_->import_seconds.Observe(seconds);
}

void Metrics::ObserveEvaluation(double seconds) { impl_->evaluation_seconds.Observe(seconds); }

void Metrics::CountAnswer(bool kept) {
  (kept ? impl_->answers_kept : impl_->answers_made).Increment();
}

void Metrics::ObserveAnswersMadeAhead(size_t made, double seconds) {
  impl_->answers_ahead.Increment(static_cast<double>(made));
  impl_->ahead_seconds.Observe(seconds);
}

void Metrics::SetPanel(int64_t enterprises, int64_t observations) {
  impl_->panel_enterprises.Set(static_cast<double>(enterprises));
  impl_->panel_observations.Set(static_cast<double>(observations));
}

void Metrics::SetStorePool(int64_t in_use, int64_t open) {
  std::lock_guard lock(impl_->pool_mutex);
  if (impl_->pool == nullptr) {
    impl_->pool = &prometheus::BuildGauge()
                       .Name("ballast_store_connections")
                       .Help("Database connections of the store's pool, in use and open")
                       .Register(impl_->registry);
  }
  impl_->pool->Add({{"state", "in_use"}}).Set(static_cast<double>(in_use));
  impl_->pool->Add({{"state", "open"}}).Set(static_cast<double>(open));
}

std::string Metrics::Render() {
  if (const int64_t rss = ResidentBytes(); rss >= 0) impl_->resident.Set(static_cast<double>(rss));
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, impl_->registry.Collect());
  return out.str();
}

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return -1;
  return resident * static_cast<int64_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace ballast::metrics
