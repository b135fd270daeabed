// Joint handling (会办) and 督办 notices over HTTP (issue 14 item 5), tried as an attacker would:
// a co-unit of one appeal reading another, a co-unit replying to the enterprise, the enterprise
// reading contributions or notices, another city's unit answering, guessed ids.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "test/test_server.h"
#include "test/test_util.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

constexpr const char* kContribution = "出口信保保费补贴可申报，限额五十万元";
constexpr const char* kNoticeReason = "企业反映久拖不决，请三日内说明";
constexpr const char* kNoticeAnswer = "已约谈合作银行，本周内办结";

class JointApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& auth = server_.ws().auth();
    for (auto u : std::vector<std::vector<std::string>>{
             {"disp", "dispatcher", "410100", "", ""},
             {"lead", "handler", "410100", "市金融局", ""},
             {"co", "handler", "410100", "市商务局", ""},
             {"far", "handler", "419001", "市商务局", ""},  // 济源's unit of the same name
             {"ent", "enterprise", "410100", "", "91310110666007217T"},
             {"entb", "enterprise", "410100", "", "91310115591693856A"}}) {
      ASSERT_TRUE(auth.AddUser({u[0], "password-" + u[0], u[1], u[2], u[3], u[4]}, "test").ok())
          << u[0];
    }
  }
  httplib::Client As(const std::string& user) {
    httplib::Client c("127.0.0.1", server_.port());
    auto s = server_.ws().auth().Login(user, "password-" + user, "test");
    EXPECT_TRUE(s.ok()) << user;
    if (s.ok()) c.set_bearer_token_auth(s->token.c_str());
    return c;
  }
  static Json Post(httplib::Client& c, const std::string& path, const Json& body, int want) {
    auto r = c.Post(path.c_str(), body.dump(), "application/json");
    EXPECT_TRUE(r) << path;
    if (!r) return Json();
    EXPECT_EQ(r->status, want) << path << ": " << r->body;
    return Json::parse(r->body, nullptr, false);
  }
  static int Status(httplib::Client& c, const std::string& path, const Json& body) {
    auto r = c.Post(path.c_str(), body.dump(), "application/json");
    return r ? r->status : 0;
  }
  // Filed by the enterprise, accepted and dispatched to 市金融局, started: its version.
  int64_t InProgress(const std::string& ent_user, int64_t* id) {
    auto e = As(ent_user);
    Json filed = Post(e, "/api/v1/appeals",
                      {{"category", "financing"},
                       {"title", "续贷"},
                       {"description", "流动资金贷款续贷困难"},
                       {"contact", "x"}},
                      201);
    *id = filed["appeal"]["id"].get<int64_t>();
    const std::string p = "/api/v1/appeals/" + std::to_string(*id);
    auto d = As("disp");
    auto l = As("lead");
    Json a = Post(d, p + "/accept", {{"version", 1}}, 200);
    a = Post(d, p + "/dispatch", {{"version", a["appeal"]["version"]}, {"unit", "市金融局"}}, 200);
    a = Post(l, p + "/start", {{"version", a["appeal"]["version"]}}, 200);
    return a["appeal"]["version"].get<int64_t>();
  }
  TestServer server_;
};

TEST_F(JointApiTest, DispatchContributionConsolidatedReplyAndWhoSeesWhat) {
  int64_t a = 0, b = 0;
  int64_t version = InProgress("ent", &a);
  InProgress("entb", &b);
  const std::string pa = "/api/v1/appeals/" + std::to_string(a);
  const std::string pb = "/api/v1/appeals/" + std::to_string(b);
  auto lead = As("lead");
  auto co = As("co");
  auto far = As("far");
  auto ent = As("ent");
  // The enterprise cannot add co-units; the lead can.
  EXPECT_EQ(Status(ent, pa + "/co-units", {{"unit", "市商务局"}, {"question", "q"}}), 403);
  Json part = Post(lead, pa + "/co-units",
                   {{"unit", "市商务局"}, {"question", "出口信保政策？"}, {"days", 3}}, 201);
  const std::string pp = pa + "/co-units/" + std::to_string(part["id"].get<int64_t>());
  EXPECT_EQ(part["state"], "open");
  // The co-unit reads appeal A, not appeal B of another enterprise, nor B's joint view.
  EXPECT_EQ(co.Get(pa.c_str())->status, 200);
  EXPECT_EQ(co.Get(pb.c_str())->status, 404);
  EXPECT_EQ(co.Get((pb + "/joint").c_str())->status, 404);
  EXPECT_EQ(Status(co, pb + "/co-units/" + std::to_string(part["id"].get<int64_t>()) + "/answer",
                   {{"answer", "x"}}),
            404);  // A's part through B's path
  // The co-unit cannot reply to the enterprise, close, or return.
  EXPECT_EQ(Status(co, pa + "/reply", {{"version", version}, {"reply", "商务局直接答复"}}), 403);
  EXPECT_EQ(Status(co, pa + "/return", {{"version", version}, {"reason", "r"}}), 403);
  // Another city's 市商务局 sees nothing; a guessed part id is absent.
  EXPECT_EQ(far.Get(pa.c_str())->status, 404);
  EXPECT_EQ(Status(far, pp + "/answer", {{"answer", "x"}}), 404);
  EXPECT_EQ(Status(co, pa + "/co-units/999999/answer", {{"answer", "x"}}), 404);
  // The lead's reply waits for the part.
  EXPECT_EQ(Status(lead, pa + "/reply", {{"version", version}, {"reply", "已协调"}}), 409);
  Json answered = Post(co, pp + "/answer", {{"answer", kContribution}}, 200);
  EXPECT_EQ(answered["state"], "answered");
  Json replied =
      Post(lead, pa + "/reply",
           {{"version", version}, {"reply", "经会办：续贷已协调，另可申报出口信保补贴"}}, 200);
  EXPECT_EQ(replied["appeal"]["state"], "replied");
  // The enterprise sees the consolidated reply and nothing of the joint handling.
  auto view = ent.Get(pa.c_str());
  ASSERT_EQ(view->status, 200);
  EXPECT_NE(view->body.find("经会办：续贷已协调"), std::string::npos);
  EXPECT_EQ(view->body.find("市商务局"), std::string::npos) << view->body;
  EXPECT_EQ(view->body.find(kContribution), std::string::npos);
  EXPECT_EQ(view->body.find("co_unit_"), std::string::npos);  // no joint step in its history
  auto joint = ent.Get((pa + "/joint").c_str());
  ASSERT_EQ(joint->status, 200);
  EXPECT_EQ(Json::parse(joint->body), (Json{{"parts", Json::array()}, {"notices", Json::array()}}));
  auto list = ent.Get("/api/v1/appeals");
  EXPECT_EQ(list->body.find("市商务局"), std::string::npos);
  // Staff read the contribution.
  auto staff = lead.Get((pa + "/joint").c_str());
  EXPECT_NE(staff->body.find(kContribution), std::string::npos);
}

TEST_F(JointApiTest, NoticesAnsweredByTheAddressedUnitOnlyAndHiddenFromTheEnterprise) {
  int64_t a = 0;
  int64_t version = InProgress("ent", &a);
  const std::string pa = "/api/v1/appeals/" + std::to_string(a);
  auto disp = As("disp");
  auto lead = As("lead");
  auto co = As("co");
  auto far = As("far");
  auto ent = As("ent");
  Post(disp, pa + "/escalate", {{"version", version}, {"reason", kNoticeReason}, {"days", 3}}, 200);
  auto open = disp.Get("/api/v1/appeal-notices?status=open");
  ASSERT_EQ(open->status, 200);
  const Json notices = Json::parse(open->body)["notices"];
  ASSERT_EQ(notices.size(), 1u);
  const Json n = notices[0];
  EXPECT_EQ(n["unit"], "市金融局");
  EXPECT_EQ(n["status"], "open");
  EXPECT_EQ(n["number"].get<std::string>().rfind("督办〔", 0), 0u);
  const int64_t nid = n["id"].get<int64_t>();
  const std::string answer = "/api/v1/appeal-notices/" + std::to_string(nid) + "/answer";
  // The enterprise has no notice list; other units and other cities cannot answer; guessed ids
  // are absent.
  EXPECT_EQ(ent.Get("/api/v1/appeal-notices")->status, 403);
  EXPECT_EQ(Status(ent, answer, {{"answer", "x"}}), 403);
  EXPECT_EQ(Status(far, answer, {{"answer", "x"}}), 404);
  EXPECT_EQ(Status(co, answer, {{"answer", "x"}}), 404);
  EXPECT_EQ(Status(disp, answer, {{"answer", "x"}}), 403);  // sees it, is not addressed
  EXPECT_EQ(Status(lead, "/api/v1/appeal-notices/" + std::to_string(nid + 77) + "/answer",
                   {{"answer", "x"}}),
            404);
  EXPECT_EQ(Json::parse(far.Get("/api/v1/appeal-notices")->body)["notices"].size(), 0u);
  Json done = Post(lead, answer, {{"answer", kNoticeAnswer}}, 200);
  EXPECT_EQ(done["status"], "answered");
  EXPECT_EQ(Status(lead, answer, {{"answer", "again"}}), 409);
  EXPECT_EQ(Json::parse(disp.Get("/api/v1/appeal-notices?status=answered")->body)["notices"].size(),
            1u);
  // In the history for staff, none of it for the enterprise.
  auto staff = disp.Get(pa.c_str());
  EXPECT_NE(staff->body.find("notice_answer"), std::string::npos);
  EXPECT_NE(disp.Get((pa + "/joint").c_str())->body.find(kNoticeAnswer), std::string::npos);
  auto view = ent.Get(pa.c_str());
  ASSERT_EQ(view->status, 200);
  EXPECT_EQ(view->body.find(kNoticeReason), std::string::npos);
  EXPECT_EQ(view->body.find(kNoticeAnswer), std::string::npos);
  EXPECT_EQ(view->body.find("notice"), std::string::npos);
  // A bad deadline for a notice is refused and writes nothing.
  auto again = disp.Get(pa.c_str());
  const int64_t v2 = Json::parse(again->body)["appeal"]["version"].get<int64_t>();
  EXPECT_EQ(Status(disp, pa + "/escalate", {{"version", v2}, {"reason", "r"}, {"days", 99}}), 400);
  EXPECT_EQ(Json::parse(disp.Get("/api/v1/appeal-notices")->body)["notices"].size(), 1u);
}

}  // namespace
}  // namespace ballast::test
