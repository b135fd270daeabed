#include "gen/chain_links.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/uscc.h"
#include "gen/random.h"

namespace ballast::gen {
namespace {

// Output per year in 万元 by size class, the scale of a customer's purchases.
double Output(const std::string& size) {
  if (size == "large") return 400000;
  if (size == "medium") return 60000;
  if (size == "small") return 8000;
  return 2000;
}

// Prefectures outside Henan where outside suppliers sit.
constexpr const char* kOutsideRegions[] = {"320500", "440300", "330200", "370200",
                                           "130200", "420100", "610100", "320100"};

std::string OutsideId(const std::string& region, int sector, int k) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string c = "91" + region + "MA";
  uint64_t v = static_cast<uint64_t>(sector) * 1000 + static_cast<uint64_t>(k) * 7 + 12345;
  for (int i = 0; i < 6; ++i, v /= 31) c += kAlphabet[v % 31];
  c += '0';
  c += UsccCheckChar(c);
  return c;
}

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

std::string IoSectorOfDivision(std::string_view division) {
  if (division.size() < 2) return "";
  const int d = (division[0] - '0') * 10 + (division[1] - '0');
  static const std::map<int, const char*> kMap = {
      {6, "02"},  {7, "03"},  {8, "04"},  {9, "04"},  {10, "05"}, {11, "05"}, {12, "05"},
      {13, "06"}, {14, "06"}, {15, "06"}, {16, "06"}, {17, "07"}, {18, "08"}, {19, "08"},
      {20, "09"}, {21, "09"}, {22, "10"}, {23, "10"}, {24, "10"}, {25, "11"}, {26, "12"},
      {27, "12"}, {28, "12"}, {29, "12"}, {30, "13"}, {31, "14"}, {32, "14"}, {33, "15"},
      {34, "16"}, {35, "17"}, {36, "18"}, {37, "18"}, {38, "19"}, {39, "20"}, {40, "21"},
      {41, "22"}, {42, "22"}, {43, "23"}, {44, "24"}, {45, "25"}, {46, "26"}};
  auto it = kMap.find(d);
  return it == kMap.end() ? "" : it->second;
}

Result<LinkDemo> GenerateLinks(const Catalog& catalog, const std::vector<LinkFirm>& firms,
                               const InputCoefficients& io, const LinkOptions& o) {
  const size_t n = io.codes.size();
  if (n == 0 || io.a.size() != n * n)
    return Status::Invalid("input coefficients: not a square table");
  std::map<std::string, size_t> sector_index;
  for (size_t i = 0; i < n; ++i) sector_index[io.codes[i]] = i;
  Rng rng(o.seed ^ 0xc4a1'0000'0000'0016ULL);

  // Every firm, with its IO sector; local ones first, then outside firms per industrial sector.
  struct F {
    LinkFirm f;
    size_t sector;
    bool local;
  };
  std::vector<F> all;
  std::map<size_t, std::vector<size_t>> local_of, outside_of;
  for (const auto& f : firms) {
    auto it = sector_index.find(IoSectorOfDivision(f.industry.substr(0, 2)));
    if (it == sector_index.end()) continue;
    local_of[it->second].push_back(all.size());
    all.push_back({f, it->second, true});
  }
  for (size_t s = 0; s < n; ++s) {
    const int code = std::atoi(io.codes[s].c_str());
    if (code < 2 || code > 26) continue;  // industry only
    // A representative GB/T 4754 division of the sector (its first).
    std::string division;
    for (int d = 6; d <= 46 && division.empty(); ++d) {
      char buf[3] = {static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10), 0};
      if (IoSectorOfDivision(buf) == io.codes[s]) division = buf;
    }
    for (int k = 0; k < o.outside_per_sector; ++k) {
      const std::string region =
          kOutsideRegions[(static_cast<size_t>(code) * 3 + static_cast<size_t>(k)) %
                          std::size(kOutsideRegions)];
      if (catalog.regions().Find(region) == kNoNode) continue;
      const std::string name = catalog.regions().node(catalog.regions().Find(region)).name +
                               io.names[s] + "有限公司" + (k > 0 ? std::to_string(k + 1) : "");
      outside_of[s].push_back(all.size());
      all.push_back({{OutsideId(region, code, k), name, region, division, "large"}, s, false});
    }
  }

  // Customers: the biggest local firms first (stable for a seed), at most max_customers.
  std::vector<size_t> customers;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].local) customers.push_back(i);
  }
  std::stable_sort(customers.begin(), customers.end(), [&](size_t a, size_t b) {
    return Output(all[a].f.size) > Output(all[b].f.size);
  });
  if (customers.size() > o.max_customers) customers.resize(o.max_customers);

  // Planted bottlenecks: a few big local suppliers become the only source of their product for
  // every customer that buys it.
  std::map<size_t, size_t> sole_source;  // sector -> supplier
  LinkDemo out;
  for (size_t c : customers) {
    if (static_cast<int>(sole_source.size()) >= o.bottlenecks) break;
    const size_t s = all[c].sector;
    if (!sole_source.count(s) && local_of[s].size() >= 3 && all[c].f.size == "large") {
      sole_source[s] = c;
      out.bottlenecks.push_back(all[c].f.id + " " + io.names[s]);
    }
  }

  std::set<size_t> used;
  std::string links = "supplier,customer,product,value,lead_days\n";
  for (size_t c : customers) {
    const size_t j = all[c].sector;
    // Input sectors drawn in proportion to the coefficients a_ij over industrial sectors.
    std::vector<std::pair<size_t, double>> weights;
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      const double a = io.a[i * n + j];
      if (a > 0 && (local_of.count(i) || outside_of.count(i))) {
        weights.push_back({i, a});
        total += a;
      }
    }
    std::set<size_t> chosen;
    for (int k = 0; k < o.inputs_per_customer && total > 0 && chosen.size() < weights.size(); ++k) {
      double u = rng.Uniform() * total;
      for (const auto& [i, a] : weights) {
        if ((u -= a) <= 0) {
          chosen.insert(i);
          break;
        }
      }
    }
    for (size_t i : chosen) {
      const double value = std::round(io.a[i * n + j] * Output(all[c].f.size) * 10) / 10;
      std::vector<size_t> suppliers;
      if (auto it = sole_source.find(i); it != sole_source.end() && it->second != c) {
        suppliers.push_back(it->second);
      } else {
        const int count = 1 + static_cast<int>(rng.Index(3));
        for (int k = 0; k < count; ++k) {
          const auto& local = local_of[i];
          const auto& outside = outside_of[i];
          const bool pick_local =
              !local.empty() && (outside.empty() || rng.Bernoulli(o.local_share));
          const auto& pool = pick_local ? local : outside;
          if (pool.empty()) continue;
          const size_t s = pool[rng.Index(pool.size())];
          if (s != c && std::find(suppliers.begin(), suppliers.end(), s) == suppliers.end())
            suppliers.push_back(s);
        }
      }
      for (size_t k = 0; k < suppliers.size(); ++k) {
        const size_t s = suppliers[k];
        const double share = suppliers.size() == 1
                                 ? 1.0
                                 : (k == 0 ? 0.6 : 0.4 / static_cast<double>(suppliers.size() - 1));
        const int lead =
            all[s].local ? 2 + static_cast<int>(rng.Index(5)) : 5 + static_cast<int>(rng.Index(10));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", std::max(0.1, value * share));
        links += all[s].f.id + "," + all[c].f.id + "," + Csv(io.names[i]) + "," + buf + "," +
                 std::to_string(lead) + "\n";
        used.insert(s);
        used.insert(c);
        ++out.links;
      }
    }
  }
  out.links_csv = std::move(links);
  out.firms_csv = "firm,name,region,industry\n";
  for (size_t i : used) {
    const auto& f = all[i].f;
    out.firms_csv += f.id + "," + Csv(f.name) + "," + f.region + "," + f.industry + "\n";
  }
  return out;
}

}  // namespace ballast::gen
