#include "cli/region_series_commands.h"

#include "app/ballast.h"
#include "app/region_series.h"
#include "cli/auth_commands.h"
#include "core/file_util.h"

namespace ballast::cli {

int RunRegionSeriesImport(const std::string& db, const std::string& path, const std::string& user,
                          std::ostream& out, std::ostream& err) {
  auto fail = [&err](const Status& st) {
    err << "error: " << st.message() << "\n";
    return st.IsUserError() ? 2 : 1;
  };
  auto b = app::Ballast::Open(db, StoreOptions());
  if (!b.ok()) return fail(b.status());
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return fail(bytes.status());
  const std::string name = path.substr(path.find_last_of('/') + 1);
  auto r = app::ImportRegionSeries(**b, app::Caller::Local(user), *bytes, name);
  if (!r.ok()) return fail(r.status());
  if (r->status == ingest::ImportStatus::kRejected) {
    for (const auto& e : r->report.errors) {
      err << name << ':' << e.line << ": " << e.column << ": " << e.message << "\n";
    }
    err << "error: " << r->report.error_count << " problem(s); nothing imported\n";
    return 2;
  }
  out << "imported " << r->batch.rows << " region-series rows from " << name << " ("
      << r->report.format << ")\n";
  return 0;
}

}  // namespace ballast::cli
