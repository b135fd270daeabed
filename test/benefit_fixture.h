// Fixture objects of policy matching (issue 14 item 6) for the route-derived tests (authz,
// contract): the policy P-IN and a standard answer in 郑州 (answer_in) and one in 济源
// (answer_out).
#ifndef BALLAST_TEST_BENEFIT_FIXTURE_H_
#define BALLAST_TEST_BENEFIT_FIXTURE_H_

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "app/benefits.h"

namespace ballast::test {

inline void AddBenefitFixtures(app::Ballast& b, std::map<std::string, std::string>& ids) {
  const app::Caller root = app::Caller::Local("root");
  auto sum = app::ImportBenefitPolicies(b, root,
                                        "id,title,conditions\n"
                                        "P-IN,制造业企业支持,industry = C\n",
                                        "policies.csv");
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  for (auto [name, region] : {std::pair{"answer_in", "410100"}, {"answer_out", "419001"}}) {
    StandardAnswer a;
    a.region = region;
    a.category = "financing";
    a.title = "fixture";
    a.body = "fixture";
    auto saved = app::SaveStandardAnswer(b, root, a);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    ids[name] = std::to_string(saved->id);
  }
}

}  // namespace ballast::test

#endif  // BALLAST_TEST_BENEFIT_FIXTURE_H_
