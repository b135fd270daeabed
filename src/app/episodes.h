// Episode use cases (warn/episode.h): the live alerts grouped by subject, scored by importance
// (level × the subject's weight from the panel × persistence) and listed most important first,
// with counts by level, subject kind, region and rule over the whole filtered set (no cap), and
// pagination. The default list an analyst opens: firing, unmuted episodes in their scope.
#ifndef BALLAST_APP_EPISODES_H_
#define BALLAST_APP_EPISODES_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/answer_cache.h"
#include "app/warnings.h"
#include "warn/episode.h"

namespace ballast::app {

struct EpisodeFilter {
  std::string region;  // subjects in this subtree ("" = all; the scoped call uses the scope)
  std::string state = "firing";                   // firing | pending | "" (both)
  std::string level, kind, rule_id, subject_key;  // applied after the counts
  bool include_muted = false;  // episodes whose every hit is silenced or inhibited
  // Only episodes at least this important (the analyst's default list uses one: docs/warnings.md,
  // "Volume"); applied before the counts, so they describe the list.
  double min_score = 0;
  std::string sort = "score";     // score | level | newest | duration
  size_t offset = 0, limit = 50;  // limit 0 = all
};

struct EpisodeCounts {
  int64_t total = 0;  // after region, state and muting, before level/kind/rule
  std::map<std::string, int64_t> by_level, by_kind, by_region, by_rule;  // by_region: prefectures
};

struct EpisodeList {
  std::vector<warn::Episode> episodes;  // the page
  int64_t matched = 0;                  // after every filter, before the page
  EpisodeCounts counts;
};

Result<EpisodeList> ListEpisodes(Warnings& w, const EpisodeFilter& filter);

class Ballast;
struct Caller;
// As the caller asks: only subjects in scope (enterprise episodes for roles that read enterprise
// alerts), the region filter defaulting to the scope.
Result<EpisodeList> ListEpisodes(Ballast& b, const Caller& caller, EpisodeFilter filter);
// The same list rendered (the API's JSON), the rendering kept with the list: the warnings page
// asked again costs its checks, its audit record and a lookup.
Result<std::shared_ptr<const std::string>> ListEpisodes(Ballast& b, const Caller& caller,
                                                        const EpisodeFilter& filter,
                                                        const Rendering<EpisodeList>& r);
// The badge: counts only (firing, unmuted, in scope, at least min_score important).
Result<EpisodeCounts> CountEpisodes(Ballast& b, const Caller& caller, const std::string& region,
                                    double min_score = 0);

}  // namespace ballast::app

#endif  // BALLAST_APP_EPISODES_H_
