#include "app/demo.h"

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

#include "app/chain.h"
#include "app/cultivation.h"
#include "app/parks.h"
#include "app/policy.h"
#include "app/project_factors.h"
#include "app/projects.h"
#include "app/region_series.h"
#include "chain/io_table.h"
#include "core/file_util.h"
#include "gen/chain_links.h"
#include "gen/demo_extras.h"
#include "gen/generator.h"
#include "gen/cultivation_demo.h"
#include "gen/parks_demo.h"
#include "gen/projects_demo.h"
#include "gen/region_series.h"
#include "ingest/reader/table_reader.h"
#include "store/open.h"

namespace ballast::app {

namespace {

// Firm links among the demo's enterprises (issue 16): written beside the CSV files when kept, and
// imported with the shipped chains.
Status AddChainDemo(Ballast& b, const std::string& enterprises_csv, const std::string& csv_dir,
                    uint64_t seed, DemoResult* r) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(enterprises_csv));
  std::vector<gen::LinkFirm> firms;
  auto read = ingest::ReadTable(
      bytes, enterprises_csv, [&](int64_t line, std::span<const std::string_view> c) {
        if (line > 1 && c.size() >= 5)
          firms.push_back({std::string(c[0]), std::string(c[1]), std::string(c[2]),
                           std::string(c[3]), std::string(c[4])});
        return Status::Ok();
      });
  if (!read.ok()) return read.status();
  ASSIGN_OR_RETURN(chain::IoTable io, chain::ShippedIoTable42());
  gen::InputCoefficients a{io.codes, io.names, std::vector<double>(io.z.size(), 0.0)};
  const size_t n = io.codes.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) a.a[i * n + j] = io.x[j] > 0 ? io.z[i * n + j] / io.x[j] : 0;
  }
  gen::LinkOptions options;
  options.seed = seed;
  ASSIGN_OR_RETURN(gen::LinkDemo demo, gen::GenerateLinks(b.catalog(), firms, a, options));
  if (!csv_dir.empty()) {
    for (const auto& [name, text] :
         {std::pair{"chain_firms.csv", &demo.firms_csv}, {"chain_links.csv", &demo.links_csv}}) {
      std::FILE* f = std::fopen((std::filesystem::path(csv_dir) / name).c_str(), "wb");
      if (!f) return Status::Io(std::string("cannot write ") + name);
      const bool ok = std::fwrite(text->data(), 1, text->size(), f) == text->size();
      if (std::fclose(f) != 0 || !ok) return Status::Io(std::string("cannot write ") + name);
    }
  }
  const Caller demo_caller = Caller::Local("demo");
  RETURN_IF_ERROR(ImportChains(b, demo_caller, std::nullopt).status());
  RETURN_IF_ERROR(ImportFirms(b, demo_caller, demo.firms_csv, "chain_firms.csv").status());
  RETURN_IF_ERROR(ImportFirmLinks(b, demo_caller, demo.links_csv, "chain_links.csv").status());
  r->chain_links = demo.links;
  r->chain_bottlenecks = demo.bottlenecks;
  return Status::Ok();
}

// Major projects (issue 15): the register through the ordinary import, the monthly reports
// straight into the project store (their stages are already the register's actual dates).
Status AddProjectDemo(Ballast& b, const DemoOptions& o, DemoResult* r) {
  const gen::ProjectDemo demo = gen::GenerateProjects(b.catalog(), o.province, r->end, o.seed);
  if (demo.projects == 0) return Status::Ok();
  const Caller demo_caller = Caller::Local("demo");
  RETURN_IF_ERROR(ImportProjects(b, demo_caller, demo.register_csv, "projects.csv").status());
  ASSIGN_OR_RETURN(auto store, OpenProjectStore(b.path()));
  ASSIGN_OR_RETURN(auto all, store->ListProjects());
  std::map<std::string, int64_t> ids;
  for (const auto& p : all) ids[p.code] = p.id;
  const std::string now = FormatUtc(b.clock().Now());
  const service::WorkCalendar calendar = b.service().Calendar();
  for (const auto& d : demo.reports) {
    projects::MonthlyReport m;
    m.project_id = ids[d.code];
    m.month = d.month;
    m.investment = d.investment;
    if (d.stage >= 0) m.stage = static_cast<projects::Stage>(d.stage);
    m.stage_date = d.stage_date;
    if (!d.blocker_factor.empty()) {
      m.blockers.push_back(
          {*projects::ParseFactor(d.blocker_factor), d.blocker_unit, d.blocker_deadline, ""});
    }
    m.reported_by = "demo";
    m.reported_at = now;
    RETURN_IF_ERROR(projects::CheckReport(m));
    // The blockers of the last two months open factor-guarantee items (the ledger's open part).
    std::vector<projects::FactorItem> items;
    if (m.month + 1 >= r->end) items = ItemsOfReport(m, calendar, now, "demo");
    RETURN_IF_ERROR(store->AddReport(std::move(m), std::nullopt, &items).status());
  }
  r->projects = demo.projects;
  r->stalled_projects = demo.stalled;
  r->project_reports = static_cast<int64_t>(demo.reports.size());
  return Status::Ok();
}

// Parks (issue 15 item 2): ~40 parks of the province, members and yearly resources sized from
// each enterprise's revenue of the year (complete years only), through the ordinary imports.
Status AddParkDemo(Ballast& b, const DemoOptions& o, DemoResult* r) {
  if (o.province == "all") return Status::Ok();
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  if (panel.empty()) return Status::Ok();
  const int revenue = b.catalog().FindIndicator("revenue");
  if (revenue < 0) return Status::Ok();
  std::vector<gen::ParkDemoEnterprise> es(panel.num_enterprises());
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const PanelEnterprise& pe = panel.enterprise(e);
    es[e].uscc = pe.uscc;
    es[e].region = pe.region;
    if (pe.industry != kNoNode) {
      const auto& ind = b.catalog().industries().node(pe.industry);
      es[e].division = ind.code.size() >= 2 && std::isdigit(static_cast<unsigned char>(ind.code[0]))
                           ? ind.code.substr(0, 2)
                           : "33";
    }
  }
  std::vector<double> ytd;
  for (int year = PeriodYear(panel.first_period()); year <= PeriodYear(panel.last_period());
       ++year) {
    const Period at = std::min(MakePeriod(year, 12), panel.last_period());
    if (MakePeriod(year, 1) < panel.first_period()) continue;  // a year without its January
    panel.Ytd(revenue, at, &ytd);
    for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
      if (std::isfinite(ytd[e]) && ytd[e] > 0) es[e].revenue[year] = ytd[e];
    }
  }
  const gen::ParkDemo demo = gen::GenerateParks(b.catalog(), o.province, es, o.seed);
  if (demo.parks == 0) return Status::Ok();
  const Caller demo_caller = Caller::Local("demo");
  RETURN_IF_ERROR(
      ImportParkFile(b, demo_caller, ParkImportKind::kParks, demo.parks_csv, "parks.csv").status());
  RETURN_IF_ERROR(
      ImportParkFile(b, demo_caller, ParkImportKind::kMembers, demo.members_csv, "park_members.csv")
          .status());
  RETURN_IF_ERROR(ImportParkFile(b, demo_caller, ParkImportKind::kResources, demo.resources_csv,
                                 "park_resources.csv")
                      .status());
  r->parks = demo.parks;
  r->park_members = demo.members;
  return Status::Ok();
}

// Cultivation pipelines (issue 15 item 3): a below-scale pool, part of the roster's entrants held
// in it before they entered, and 专精特新 recognitions, through the ordinary imports.
Status AddCultivationDemo(Ballast& b, const DemoOptions& o, DemoResult* r) {
  if (o.province == "all") return Status::Ok();
  ASSIGN_OR_RETURN(auto snap, b.workspace().GetSnapshot());
  const Panel& panel = *snap->panel;
  if (panel.empty()) return Status::Ok();
  const Catalog& cat = b.catalog();
  std::vector<gen::CultivationDemoEnterprise> es;
  es.reserve(panel.num_enterprises());
  for (uint32_t e = 0; e < panel.num_enterprises(); ++e) {
    const PanelEnterprise& pe = panel.enterprise(e);
    if (pe.region == kNoNode || pe.industry == kNoNode) continue;
    gen::CultivationDemoEnterprise d;
    d.uscc = pe.uscc;
    d.name = pe.name;
    d.region = cat.regions().node(pe.region).code;
    d.industry = cat.industries().node(pe.industry).code;
    if (pe.entered != std::numeric_limits<Period>::min()) d.entered = pe.entered;
    es.push_back(std::move(d));
  }
  const gen::CultivationDemo demo =
      gen::GenerateCultivation(cat, o.province, es, panel.last_period(), o.seed);
  if (demo.pool == 0) return Status::Ok();
  const Caller demo_caller = Caller::Local("demo");
  RETURN_IF_ERROR(ImportCultivationFile(b, demo_caller, CultivationImportKind::kPool, demo.pool_csv,
                                        "cultivation_pool.csv")
                      .status());
  RETURN_IF_ERROR(ImportCultivationFile(b, demo_caller, CultivationImportKind::kRevenue,
                                        demo.revenue_csv, "cultivation_revenue.csv")
                      .status());
  RETURN_IF_ERROR(ImportCultivationFile(b, demo_caller, CultivationImportKind::kStages,
                                        demo.stages_csv, "cultivation_stages.csv")
                      .status());
  r->pool = demo.pool;
  r->pooled_entrants = demo.pooled_entrants;
  r->stages = demo.stages;
  return Status::Ok();
}

}  // namespace

Result<DemoResult> GenerateDemo(Ballast& b, const DemoOptions& o) {
  namespace fs = std::filesystem;
  if (o.enterprises <= 0 || o.months <= 0 || o.months > 240) {
    return Status::Invalid("--enterprises must be positive and --months 1 to 240");
  }
  gen::Options g;
  g.seed = o.seed;
  g.province = o.province == "all" ? "" : o.province;
  g.enterprises = o.enterprises;
  g.months = o.months;
  DemoResult r;
  r.end = BeijingPeriod(b.clock().Now()) - 1;
  if (!o.end.empty()) {
    ASSIGN_OR_RETURN(r.end, ParsePeriod(o.end));
  }
  g.first = r.end - o.months + 1;
  r.first = g.first;
  std::error_code ec;
  fs::path dir = o.csv_dir.empty()
                     ? fs::temp_directory_path() / ("ballast-demo-" + std::to_string(::getpid()))
                     : fs::path(o.csv_dir);
  auto t0 = std::chrono::steady_clock::now();
  auto summary = gen::WriteCsv(b.catalog(), g, dir.string());
  if (!summary.ok()) {
    if (o.csv_dir.empty()) fs::remove_all(dir, ec);
    return summary.status();
  }
  r.enterprises = summary->enterprises;
  r.observation_rows = summary->observation_rows;
  r.collapse_city = summary->collapse_city;
  r.collapse_first = summary->collapse_first;
  r.stoppages = summary->stoppages;
  r.files = summary->files.size();
  Status result = Status::Ok();
  for (const auto& path : summary->files) {
    auto bytes = ReadFile(path);
    if (!bytes.ok()) {
      result = bytes.status();
      break;
    }
    // The rules run once over the whole demo below, not after each of its files.
    auto outcome = b.workspace().Import(*bytes, path, "demo");
    if (!outcome.ok()) {
      result = outcome.status();
      break;
    }
    if (outcome->status == ingest::ImportStatus::kRejected) {
      const auto& e = outcome->report.errors;
      result =
          Status::Internal("generated file " + path + " was rejected: " +
                           (e.empty() ? std::string("?")
                                      : "line " + std::to_string(e[0].line) + ": " + e[0].message));
      break;
    }
    r.rows += outcome->report.rows;
  }
  if (result.ok() && !summary->prices_file.empty()) {
    // The PPI by division, for growth at comparable prices.
    auto bytes = ReadFile(summary->prices_file);
    if (!bytes.ok()) {
      result = bytes.status();
    } else {
      auto outcome =
          b.workspace().ImportPrices(*bytes, summary->prices_file, BeijingPeriod(b.clock().Now()));
      if (!outcome.ok()) {
        result = outcome.status();
      } else if (outcome->status == ingest::ImportStatus::kRejected) {
        const auto& e = outcome->report.errors;
        result = Status::Internal(
            "generated file " + summary->prices_file + " was rejected: " +
            (e.empty() ? std::string("?")
                       : "line " + std::to_string(e[0].line) + ": " + e[0].message));
      }
    }
  }
  if (result.ok() && (g.province == "410000" || g.province.empty())) {
    // Region series for Henan's prefectures (synthetic: gen/region_series.h).
    auto outcome =
        ImportRegionSeries(b, Caller::Local("demo"), gen::RegionSeriesCsv(g.first, r.end, o.seed),
                           "region_series.csv");
    if (!outcome.ok()) {
      result = outcome.status();
    } else if (outcome->status == ingest::ImportStatus::kRejected) {
      result = Status::Internal("the demo's region series were rejected");
    }
  }
  if (result.ok() && !summary->files.empty()) {
    result = AddChainDemo(b, summary->files[0], o.csv_dir, o.seed, &r);
  }
  if (result.ok()) result = AddProjectDemo(b, o, &r);
  if (result.ok()) result = AddParkDemo(b, o, &r);
  if (result.ok()) result = AddCultivationDemo(b, o, &r);
  if (o.csv_dir.empty()) fs::remove_all(dir, ec);
  RETURN_IF_ERROR(result);
  // Every kind of warning on show: commodity series with a red, a yellow and a blue episode, and
  // progress reports on some targets (gen/demo_extras.h).
  ASSIGN_OR_RETURN(auto commodities, b.warnings().ImportCommodities(gen::CommodityCsv(r.end),
                                                                    "commodities.csv", "demo"));
  if (!commodities.imported) return Status::Internal("the demo's commodity series were rejected");
  for (const auto& p : gen::DemoProgress(r.end)) {
    RETURN_IF_ERROR(
        AddProgress(b.warnings(), {p.target_id, p.value, p.date, p.note, ""}, "demo").status());
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSIGN_OR_RETURN(r.evaluation, b.warnings().Evaluate());
  return r;
}

}  // namespace ballast::app
