// The instance's Prometheus metrics: HTTP requests per declared route, imports, warning
// evaluations, the panel's size and the process's memory. app/ and api/ record into the one
// process-wide instance; the engine knows nothing of it. Rendered in the Prometheus text
// format 0.0.4 by prometheus-cpp (see docs/operations.md, Monitoring).
#ifndef BALLAST_METRICS_METRICS_H_
#define BALLAST_METRICS_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ballast::metrics {

// Content-Type of Render()'s text.
inline constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The process's instance.
  static Metrics& Global();

  // One HTTP request: `route` is the declared pattern ("/api/v1/enterprises/{uscc}"), "static"
  // or "other" — never the raw path, so the number of series stays bounded.
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);
  // One import: outcome imported | unchanged | rejected; `rows` read from the file.
  void ObserveImport(std::string_view outcome, int64_t rows, double seconds);
  // One evaluation of the warning rules.
  void ObserveEvaluation(double seconds);
  // One lookup of a cached analysis answer: found, or made by the request.
  void CountAnswer(bool kept);
  // Answers made for a new snapshot before it was served, and the time that took.
  void ObserveAnswersMadeAhead(size_t made, double seconds);
  // The panel in memory (set when scraped).
  void SetPanel(int64_t enterprises, int64_t observations);
  // Database connections in use and open (a store with a pool; absent otherwise).
  void SetStorePool(int64_t in_use, int64_t open);

  // Every metric in the text format, with the process's resident memory read now.
  std::string Render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Resident set size of this process in bytes (Linux /proc/self/statm), or -1.
int64_t ResidentBytes();

}  // namespace ballast::metrics

#endif  // BALLAST_METRICS_METRICS_H_
