#include "cli/month_commands.h"

#include "app/ballast.h"
#include "cli/auth_commands.h"
#include "core/file_util.h"

namespace ballast::cli {

namespace {

using ImportFn = Result<ingest::ImportOutcome> (app::Ballast::*)(const app::Caller&,
                                                                 std::string_view,
                                                                 std::string_view);

int RunTableImport(ImportFn fn, const char* what, const std::string& db, const std::string& path,
                   const std::string& user, std::ostream& out, std::ostream& err) {
  auto fail = [&err](const Status& st) {
    err << "error: " << st.message() << "\n";
    return st.IsUserError() ? 2 : 1;
  };
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return fail(b.status());
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return fail(bytes.status());
  const std::string name = path.substr(path.find_last_of('/') + 1);
  auto r = ((**b).*fn)(app::Caller::Local(user), *bytes, name);
  if (!r.ok()) return fail(r.status());
  if (r->status == ingest::ImportStatus::kRejected) {
    for (const auto& e : r->report.errors) {
      err << name << ':' << e.line << ": " << e.column << ": " << e.message << "\n";
    }
    err << "error: " << r->report.error_count << " problem(s); nothing imported\n";
    return 2;
  }
  out << "imported " << r->batch.rows << ' ' << what << " from " << name << " (" << r->report.format
      << ")\n";
  return 0;
}

}  // namespace

int RunPricesImport(const std::string& db, const std::string& path, const std::string& user,
                    std::ostream& out, std::ostream& err) {
  return RunTableImport(&app::Ballast::ImportPrices, "price indices", db, path, user, out, err);
}

int RunVaRatesImport(const std::string& db, const std::string& path, const std::string& user,
                     std::ostream& out, std::ostream& err) {
  return RunTableImport(&app::Ballast::ImportVaRates, "value-added rates", db, path, user, out,
                        err);
}

}  // namespace ballast::cli
