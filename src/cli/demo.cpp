#include "cli/demo.h"

#include <filesystem>

#include "cli/auth_commands.h"
#include "cli/warn_commands.h"

namespace ballast::cli {

Status RunDemo(const std::string& db, const app::DemoOptions& o, std::ostream& out) {
  std::error_code ec;
  std::unique_ptr<app::Ballast> b;
  std::string admin_password;
  // A PostgreSQL database exists already (made with createdb): it is opened when it holds a store.
  const bool exists = IsPostgresLocator(db) ? app::Ballast::Open(db, StoreOptions()).ok()
                                            : std::filesystem::exists(db, ec);
  if (exists) {
    ASSIGN_OR_RETURN(b, app::Ballast::Open(db, StoreOptions()));
  } else {
    ASSIGN_OR_RETURN(b, app::Ballast::Create(db, StoreOptions()));
    ASSIGN_OR_RETURN(admin_password, CreateFirstAdmin(*b));
  }
  ASSIGN_OR_RETURN(app::DemoResult r, app::GenerateDemo(*b, o));
  out << "generated " << r.enterprises << " enterprises, " << r.observation_rows
      << " observation rows, " << FormatPeriod(r.first) << " to " << FormatPeriod(r.end);
  if (!r.collapse_city.empty()) {
    out << " (output collapse in " << r.collapse_city << " from " << FormatPeriod(r.collapse_first)
        << ")";
  }
  for (const auto& s : r.stoppages)
    out << (&s == &r.stoppages.front() ? "; stoppages planted in the last month: " : ", ") << s;
  out << "\n";
  out << "imported " << r.files << " files (" << r.rows << " rows) into " << RedactLocator(db) << " in " << r.seconds << " s\n";
  out << "supply chains: " << r.chain_links << " demo firm links";
  for (const auto& s : r.chain_bottlenecks)
    out << (&s == &r.chain_bottlenecks.front() ? "; single sources planted: " : ", ") << s;
  out << "\n";
  out << "major projects: " << r.projects << " (" << r.stalled_projects << " stalled), "
      << r.project_reports << " monthly reports\n";
  out << "parks: " << r.parks << " with " << r.park_members << " member enterprises\n";
  out << "cultivation pool: " << r.pool << " below-scale enterprises (" << r.pooled_entrants
      << " of them entered the roster), " << r.stages << " 专精特新 recognitions\n";
  PrintWarnSummary(r.evaluation, out);
  if (!admin_password.empty()) PrintFirstAdmin(admin_password, out);
  return Status::Ok();
}

}  // namespace ballast::cli
