#include "projects/factor_item.h"

#include <algorithm>

namespace ballast::projects {
namespace {

size_t Chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool Plain(std::string_view s, bool lines) {
  return std::none_of(s.begin(), s.end(), [lines](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && !(lines && (c == '\n' || c == '\r' || c == '\t'))) || u == 0x7f;
  });
}

}  // namespace

FactorEvent OpenEvent(const FactorItem& item) {
  FactorEvent e;
  e.item_id = item.id;
  e.at = item.opened_at;
  e.actor = item.opened_by;
  e.party = item.source.rfind("report", 0) == 0 ? "reporter" : "dispatcher";
  e.action = "open";
  e.to_state = item.state;
  e.unit = item.unit;
  e.reason = item.source;
  e.body = item.description;
  return e;
}

Status CheckFactorItem(const FactorItem& item) {
  const size_t d = Chars(item.description);
  if (d < 1 || d > 2000 || !Plain(item.description, true))
    return Status::Invalid("description: 1–2000 characters of plain text");
  if (item.unit.empty() || Chars(item.unit) > 100 || !Plain(item.unit, false))
    return Status::Invalid("unit: required, up to 100 characters on one line");
  if (item.days < 1 || item.days > kMaxFactorDays)
    return Status::Invalid("days: the deadline is 1–" + std::to_string(kMaxFactorDays) +
                           " working days (has " + std::to_string(item.days) + ")");
  return Status::Ok();
}

}  // namespace ballast::projects
