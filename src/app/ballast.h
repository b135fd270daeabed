// The composition root: opens every domain of Ballast over one store and wires what crosses
// domains — the internal metrics of policy targets (the appeal resolution rate of seed 004),
// the evaluation of the warning rules after every import, target subjects for the warning
// rules, and the one clock. The server and every command of the CLI go through it, so they
// answer alike for the same store.
#ifndef BALLAST_APP_BALLAST_H_
#define BALLAST_APP_BALLAST_H_

#include <memory>
#include <optional>
#include <string>

#include "app/access.h"
#include "app/caller.h"
#include "app/service.h"
#include "app/warnings.h"
#include "app/workspace.h"
#include "store/locator.h"  // RedactLocator: what the CLI may print of --db
#include "core/clock.h"

namespace ballast::app {

struct OpenOptions {
  const Clock* clock = nullptr;  // null: the system clock; must outlive the Ballast
  std::string audit_key_path;    // the audit chain's key file ("" = "<store>.audit-key")
};

// What an import did: the batch (or its refusal) and, when it wrote one, the evaluation of the
// warning rules that followed.
struct ImportResult {
  ingest::ImportOutcome outcome;
  std::optional<WarnSummary> evaluation;
};

class Ballast {
 public:
  // Creates a new store at `path` (fails if one exists) with the shipped catalogs.
  static Result<std::unique_ptr<Ballast>> Create(const std::string& path, OpenOptions options = {});
  // Opens an existing store.
  static Result<std::unique_ptr<Ballast>> Open(const std::string& path, OpenOptions options = {});

  Workspace& workspace() { return *ws_; }
  Warnings& warnings() { return *warnings_; }
  Service& service() { return *service_; }
  auth::AuthService& auth() { return ws_->auth(); }
  const Access& access() const { return access_; }
  const Catalog& catalog() const { return ws_->catalog(); }
  const Clock& clock() const { return ws_->clock(); }
  const std::string& path() const { return ws_->path(); }

  // Imports one file as the caller (its scope limits what the file may touch) and, when a batch
  // was written, evaluates the warning rules: the evaluation belongs to the import's outcome.
  Result<ImportResult> Import(const Caller& caller, std::string_view bytes, std::string_view file_name);
  // Price indices and value-added rates (national reference data): importers whose scope is the
  // whole country.
  Result<ingest::ImportOutcome> ImportPrices(const Caller& caller, std::string_view bytes,
                                             std::string_view file_name);
  Result<ingest::ImportOutcome> ImportVaRates(const Caller& caller, std::string_view bytes,
                                              std::string_view file_name);
  // Whether the caller may import them (checked by the two before anything else).
  Status MayImportReferenceData(const Caller& caller) const;
  // Batches with provenance; a user with a narrower scope than the country sees its own only
  // (other regions' files stay with them).
  Result<std::vector<BatchInfo>> Batches(const Caller& caller);

  // The rules are stale when a batch was written after the last evaluation (a crash between
  // the two); `ballast check` reports it, and `serve`, `import` and `warn` repair it.
  Result<bool> EvaluationStale();
  // Evaluates when stale; returns whether it did.
  Result<bool> RepairEvaluation();

 private:
  Ballast(std::unique_ptr<Workspace> ws, std::unique_ptr<Warnings> warnings, std::unique_ptr<Service> service);
  static Result<std::unique_ptr<Ballast>> Assemble(std::unique_ptr<Workspace> ws, OpenOptions options);
  void Wire();

  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<Warnings> warnings_;
  std::unique_ptr<Service> service_;
  Access access_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_BALLAST_H_
