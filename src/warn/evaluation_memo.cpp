// The incremental evaluation: after a batch of values, a rule is evaluated again for the
// subjects the batch could move, and the other findings are carried over from the previous
// evaluation. An enterprise's findings read its own figures only; a region's or an industry's
// (measures that do not compare with a parent cell) the sums of the enterprises in its cell.
#include <algorithm>
#include <cstdio>

#include "engine/measures.h"
#include "warn/rule_eval.h"

namespace ballast::warn::detail {

bool Memorable(const Rule& r) {
  if (!r.enabled || IsExternal(r.subject)) return false;
  if (r.subject == SubjectKind::kEnterprise) return true;
  return r.measure.has_value() && !NeedsParent(*r.measure);
}

std::string MemoKey(const Rule& r) {
  std::string key = RuleToJson(r);
  for (const auto& [code, target] : r.file_targets) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "=%a", target);
    key += "\x1f" + code + buf;
  }
  return key;
}

// The same rule, evaluated on a panel of the same enterprises, whose indicator holds data in the
// same months (so the latest period and the months a streak walks back over are the same).
const EvaluationMemo::Part* Carriable(const Rule& r, const std::string& key,
                                      const EvaluationInput& in) {
  if (in.previous == nullptr || in.changes == nullptr || in.panel == nullptr) return nullptr;
  if (in.query == nullptr || !Memorable(r)) return nullptr;
  if (in.previous->enterprises != in.panel->EnterprisesToken()) return nullptr;
  auto it = in.previous->parts.find(r.id);
  if (it == in.previous->parts.end() || it->second.rule != key ||
      it->second.offset + it->second.subject.size() > in.previous->findings.size()) {
    return nullptr;
  }
  const int ind = in.panel->catalog().FindIndicator(r.indicator);
  if (ind < 0) return nullptr;
  const std::vector<char>& periods = in.changes->data_periods;
  if (static_cast<size_t>(ind) < periods.size() && periods[static_cast<size_t>(ind)] != 0)
    return nullptr;
  return &it->second;
}

// The findings of the subjects redone replace theirs; all in subject order, as a whole
// evaluation gives them. Rules run side by side: each moves its own range of the previous
// findings.
RulePart Carry(size_t i, const Rule& r, const EvaluationMemo::Part& before,
               const EvaluationInput& in) {
  const std::vector<uint32_t>& moved = in.changes->enterprises;
  RulePart fresh;
  std::vector<uint32_t> redone;
  if (!moved.empty()) {
    fresh.result =
        EvaluateRule(i, r, in, &moved, &fresh.subject, &redone, before.atoms.get(), &fresh.atoms);
  }
  Finding* carried = in.previous->findings.data() + before.offset;
  RulePart out;
  out.rule = before.rule;
  out.atoms = moved.empty() ? before.atoms : std::move(fresh.atoms);
  out.result.evaluated = before.evaluated;
  out.result.carried = 1;
  out.result.findings.reserve(before.subject.size() + fresh.result.findings.size());
  out.subject.reserve(out.result.findings.capacity());
  out.result.was.reserve(out.result.findings.capacity());
  size_t k = 0;
  auto take_fresh = [&] {
    out.result.findings.push_back(std::move(fresh.result.findings[k]));
    out.result.was.push_back(-1);
    out.subject.push_back(fresh.subject[k]);
    ++k;
  };
  for (size_t j = 0; j < before.subject.size(); ++j) {
    const uint32_t s = before.subject[j];
    while (k < fresh.subject.size() && fresh.subject[k] < s) take_fresh();
    if (std::binary_search(redone.begin(), redone.end(), s)) continue;
    out.result.findings.push_back(std::move(carried[j]));
    out.result.findings.back().rule = i;
    out.result.was.push_back(static_cast<int32_t>(before.offset + j));
    out.subject.push_back(s);
  }
  while (k < fresh.subject.size()) take_fresh();
  return out;
}

}  // namespace ballast::warn::detail
