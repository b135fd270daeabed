#include "sdc/secondary.h"

#include <deque>
#include <string>
#include <tuple>

#include "sdc/exposure.h"

namespace ballast::sdc {
namespace {

class Suppressor {
 public:
  explicit Suppressor(SdcTable* t) : t_(*t) {
    member_of_.resize(t_.cells.size());
    count_.assign(t_.constraints.size(), 0);
    for (size_t k = 0; k < t_.constraints.size(); ++k) {
      ForEachCell(k, [&](int cell) {
        member_of_[static_cast<size_t>(cell)].push_back(static_cast<int>(k));
        if (Suppressed(cell)) ++count_[k];
      });
    }
  }

  bool Suppressed(int cell) const {
    return IsSuppressed(t_.cells[static_cast<size_t>(cell)].status);
  }

  template <typename F>
  void ForEachCell(size_t k, F&& f) const {
    const SdcConstraint& c = t_.constraints[k];
    f(c.parent);
    for (int child : c.children) f(child);
  }

  // The best unsuppressed cell among the constraints `ks`, or -1.
  int BestComplement(const std::vector<int>& ks) const {
    int best = -1;
    std::tuple<bool, int, double, int, int> best_key;
    for (int k : ks) {
      ForEachCell(static_cast<size_t>(k), [&](int cell) {
        if (Suppressed(cell)) return;
        int closes = 0, opens = 0;
        for (int other : member_of_[static_cast<size_t>(cell)]) {
          const int n = count_[static_cast<size_t>(other)];
          if (n == 1) ++closes;
          if (n == 0) ++opens;
        }
        const double v = t_.cells[static_cast<size_t>(cell)].value;
        const auto key = std::make_tuple(v == 0, -closes, v, opens, cell);
        if (best < 0 || key < best_key) {
          best = cell;
          best_key = key;
        }
      });
    }
    return best;
  }

  void Suppress(int cell, SecondaryReport* report) {
    t_.cells[static_cast<size_t>(cell)].status = Suppression::kSecondary;
    ++report->secondary;
    report->suppressed_value += t_.cells[static_cast<size_t>(cell)].value;
    for (int k : member_of_[static_cast<size_t>(cell)]) {
      if (++count_[static_cast<size_t>(k)] == 1) queue_.push_back(k);
    }
  }

  // Step 1: no constraint is left with exactly one suppressed cell.
  void GroupRule(SecondaryReport* report) {
    for (size_t k = 0; k < count_.size(); ++k) {
      if (count_[k] == 1) queue_.push_back(static_cast<int>(k));
    }
    while (!queue_.empty()) {
      const int k = queue_.front();
      queue_.pop_front();
      if (count_[static_cast<size_t>(k)] != 1) continue;
      const int cell = BestComplement({k});
      if (cell < 0) continue;  // cannot happen: a constraint has at least two cells
      ++report->by_group_rule;
      Suppress(cell, report);
    }
  }

  const std::vector<int>& MemberOf(int cell) const { return member_of_[static_cast<size_t>(cell)]; }

 private:
  SdcTable& t_;
  std::vector<std::vector<int>> member_of_;
  std::vector<int> count_;
  std::deque<int> queue_;
};

}  // namespace

Result<SecondaryReport> ApplySecondarySuppression(SdcTable* table) {
  RETURN_IF_ERROR(table->Validate());
  SecondaryReport report;
  report.primary = table->SuppressedCount();
  Suppressor s(table);
  while (true) {
    s.GroupRule(&report);
    const std::vector<int> exposed = ExposedCells(*table);
    ++report.exact_checks;
    if (exposed.empty()) return report;
    // One complement per constraint and round: a complement may also protect the other
    // recoverable cells of its constraints, and the next check tells.
    bool progress = false;
    std::vector<char> touched(table->constraints.size(), 0);
    for (int cell : exposed) {
      bool skip = false;
      for (int k : s.MemberOf(cell)) skip = skip || touched[static_cast<size_t>(k)];
      if (skip) continue;
      const int complement = s.BestComplement(s.MemberOf(cell));
      if (complement < 0) continue;
      s.Suppress(complement, &report);
      for (int k : s.MemberOf(complement)) touched[static_cast<size_t>(k)] = 1;
      progress = true;
    }
    if (!progress) {
      return Status::Internal("disclosure control: cell " + std::to_string(exposed.front()) +
                              " stays recoverable with every cell of its constraints suppressed");
    }
  }
}

}  // namespace ballast::sdc
