// JSON renderings of the use cases' answers, shared by the HTTP API and the CLI's --format json.
// nlohmann/json stays inside the .cpp files.
#ifndef BALLAST_API_JSON_CODEC_H_
#define BALLAST_API_JSON_CODEC_H_

#include <optional>
#include <string>

#include "app/analysis.h"
#include "app/nowcast.h"
#include "app/park_table.h"
#include "app/users.h"
#include "core/catalog.h"

namespace ballast::api {

std::string CellJson(const app::CellAnswer& a);
// One measure of a cell in the CLI's flat form: region, industry, period, indicator, measure,
// value, n.
std::string FlatCellJson(const app::CellAnswer& a);
std::string TableJson(const app::TableAnswer& t);
std::string SeriesJson(const app::SeriesAnswer& s);
std::string RankingJson(const app::RankingAnswer& r);
// The parks of a region ranked (GET /api/v1/parks/table).
std::string ParkTableJson(const app::ParkTableAnswer& t);
std::string ImportJson(const ingest::ImportOutcome& o);
std::string ImportReportJson(const ingest::ImportReport& r);
std::string BatchesJson(const std::vector<BatchInfo>& batches);
std::string EnterpriseJson(const app::EnterpriseInfo& e);
std::string EnterpriseHitsJson(const std::vector<app::EnterpriseInfo>& hits);
std::string EnterpriseSeriesJson(const std::vector<app::EnterprisePoint>& points);
// A subtree of a classification: {code,name,level,children:[...]}; depth < 0 = all levels.
std::string TreeJson(const CodeTree& tree, NodeId root, int depth);
std::string IndicatorsJson(const Catalog& catalog);
std::string MeasuresJson();
std::string NowcastJson(const app::NowcastAnswer& a);
std::string PeriodsJson(const std::vector<std::string>& periods, const std::string& latest);
std::string HealthJson(const std::string& version, size_t enterprises, size_t batches,
                       const std::vector<std::string>& periods);
// Request bodies of the session and user routes.
struct LoginBody {
  std::string username, password;
};
Result<LoginBody> ParseLoginJson(const std::string& body);
struct UserBody {
  std::string username, password, role, region, unit, uscc;
  std::optional<bool> disabled;
};
Result<UserBody> ParseUserJson(const std::string& body);

std::string SessionJson(const auth::Principal& p, const std::string& region_name, const std::string& token,
                        int64_t expires_at);
std::string UsersJson(const std::vector<UserRecord>& users);
std::string UserJson(const UserRecord& u, const std::string& generated_password);
std::string AuditJson(const std::vector<AuditEntry>& entries);

std::string ErrorJson(const std::string& code, const std::string& message, const std::string& details_json = "{}");

}  // namespace ballast::api

#endif  // BALLAST_API_JSON_CODEC_H_
