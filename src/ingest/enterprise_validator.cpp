#include <array>
#include <optional>

#include "core/period.h"
#include "core/uscc.h"
#include "ingest/validators.h"

namespace ballast::ingest {

namespace {

constexpr std::array<std::string_view, 5> kRequired = {"uscc", "name", "region", "industry",
                                                       "size"};
constexpr std::array<std::string_view, 3> kOptional = {"tags", "entered", "exited"};
enum Col { kUscc, kName, kRegion, kIndustry, kSize, kTags, kEntered, kExited };

const char* NormalizeSize(std::string_view s) {
  if (s == "large" || s == "大型") return "large";
  if (s == "medium" || s == "中型") return "medium";
  if (s == "small" || s == "小型") return "small";
  if (s == "micro" || s == "微型") return "micro";
  return nullptr;
}

}  // namespace

bool EnterpriseValidator::BindHeader(std::span<const std::string_view> header) {
  return columns_.Bind(header, kRequired, kOptional, report_);
}

void EnterpriseValidator::Row(int64_t line, std::span<const std::string_view> cells) {
  EnterpriseRecord r;
  bool ok = true;
  auto error = [&](Col c, std::string message) {
    report_->Error(line, std::string(c >= kTags ? kOptional[c - kTags] : kRequired[c]),
                   std::move(message));
    ok = false;
  };
  std::string_view uscc = columns_.Cell(cells, kUscc);
  switch (CheckUscc(uscc)) {
    case UsccCheck::kMalformed:
      error(kUscc, uscc.empty() ? "unified social credit code is empty"
                                : Quote(uscc) +
                                      " is not a unified social credit code (18 characters of 0-9 "
                                      "and A-Y without I, O, Z, S, V)");
      break;
    case UsccCheck::kBadCheckChar:
      report_->Warning(line, "uscc",
                       "check character of " + Quote(uscc) + " should be '" +
                           std::string(1, UsccCheckChar(uscc)) + "' (kept as given)");
      break;
    case UsccCheck::kValid:
      break;
  }
  // Re-registering an enterprise moves it and its whole history into the row's region: only
  // for enterprises now registered inside the importer's scope. The words do not say where it is.
  if (registered_ != nullptr && enterprise_allowed_) {
    if (auto it = registered_->find(uscc);
        it != registered_->end() && !enterprise_allowed_(it->second)) {
      error(kUscc, "enterprise " + Quote(uscc) +
                       " is not in your region scope; it can be registered or changed "
                       "only by a user whose scope holds it");
    }
  }
  r.uscc = uscc;
  if (auto [it, inserted] = first_line_.emplace(r.uscc, line); !inserted && !uscc.empty()) {
    error(kUscc, "duplicate enterprise '" + r.uscc + "' (first on line " +
                     std::to_string(it->second) + ")");
  }
  r.name = columns_.Cell(cells, kName);
  if (r.name.empty()) error(kName, "name is empty");
  // A name opening with =, +, - or @ runs as a formula when an export is opened in a spreadsheet.
  if (HasFormulaPrefix(r.name)) {
    error(kName, "name " + Quote(r.name) + " begins with '" + r.name.substr(0, 1) +
                     "', which spreadsheets read as a formula");
  }

  std::string_view region = columns_.Cell(cells, kRegion);
  NodeId rn = catalog_.regions().Find(region);
  if (rn == kNoNode || rn == catalog_.country()) {
    error(kRegion, "unknown region code " + Quote(region) + " (GB/T 2260, 2024 list)");
  } else if (!catalog_.regions().node(rn).children.empty()) {
    const auto& n = catalog_.regions().node(rn);
    error(kRegion,
          "region " + n.code + " " + n.name + " has subdivisions; give the county-level code");
  } else if (region_allowed_ && !region_allowed_(std::string(region))) {
    error(kRegion, "region " + Quote(region) + " is outside your region scope");
  }
  r.region = region;

  std::string_view industry = columns_.Cell(cells, kIndustry);
  NodeId in = catalog_.industries().Find(industry);
  if (in == kNoNode || catalog_.industries().node(in).level != 4) {
    error(kIndustry, in == kNoNode
                         ? "unknown industry code " + Quote(industry) + " (GB/T 4754-2017)"
                         : "industry " + Quote(industry) + " is not a 4-digit class");
  }
  r.industry = industry;

  std::string_view size = columns_.Cell(cells, kSize);
  const char* normalized = NormalizeSize(size);
  if (normalized == nullptr) {
    error(kSize, "size " + Quote(size) +
                     " is not one of large, medium, small, micro (大型, 中型, 小型, 微型)");
  } else {
    r.size = normalized;
  }
  std::string_view tags = columns_.Cell(cells, kTags);
  size_t start = 0;
  while (start <= tags.size() && !tags.empty()) {
    size_t end = tags.find(';', start);
    if (end == std::string_view::npos) end = tags.size();
    std::string_view tag = tags.substr(start, end - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (HasFormulaPrefix(tag)) {
      error(kTags, "tag " + Quote(tag) + " begins with '" + std::string(tag.substr(0, 1)) +
                       "', which spreadsheets read as a formula");
    }
    if (!tag.empty()) r.tags.emplace_back(tag);
    start = end + 1;
  }
  // The roster: a column the file lacks leaves the stored value alone; an empty cell clears it.
  std::optional<Period> roster[2];
  for (Col c : {kEntered, kExited}) {
    if (columns_.Index(static_cast<size_t>(c)) < 0) continue;
    std::string_view text = columns_.Cell(cells, static_cast<size_t>(c));
    auto& field = c == kEntered ? r.entered : r.exited;
    field = std::string();
    if (text.empty()) continue;
    auto p = ParsePeriod(text);
    if (!p.ok()) {
      error(c, "period " + Quote(text) + " is not YYYY-MM");
      continue;
    }
    field = FormatPeriod(*p);
    roster[c - kEntered] = *p;
  }
  if (roster[0] && roster[1] && *roster[1] < *roster[0]) {
    error(kExited,
          "exited " + FormatPeriod(*roster[1]) + " is before entered " + FormatPeriod(*roster[0]));
  }
  if (ok) records_.push_back(std::move(r));
}

}  // namespace ballast::ingest
