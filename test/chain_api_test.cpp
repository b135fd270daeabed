// The supply-chain routes end to end (issue #16): chain data imported over HTTP (all or nothing,
// whole-country importers only) and scenarios of the propagation model, bounded and scoped.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "test/test_server.h"

namespace ballast::test {
namespace {

using Json = nlohmann::json;

// A line A -> B -> C (1 and 2 a day): A in Nanjing, B in Zhengzhou, C in Luoyang.
constexpr const char* kFirms =
    "firm,name,region,industry\nA,宁钢,320100,3130\nB,郑发,410100,3412\nC,洛拖,410300,3571\n";
constexpr const char* kLinks =
    "supplier,customer,product,value\nA,B,钢材,365\nB,C,柴油发动机,730\n";

class ChainApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    auto& auth = server_->ws().auth();
    for (const auto& u : std::vector<auth::NewUser>{
             {"root", "root-password-1", "admin", "100000", "", ""},
             {"zz", "zz-password-12", "analyst", "410100", "", ""},
             {"firm", "firm-password-1", "enterprise", "410100", "", "91310110666007217T"}}) {
      ASSERT_TRUE(auth.AddUser(u, "test").ok()) << u.username;
    }
  }
  static void TearDownTestSuite() { delete server_; }
  static httplib::Client Client(const std::string& user, const std::string& password) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    auto s = server_->ws().auth().Login(user, password, "test");
    EXPECT_TRUE(s.ok()) << user;
    if (s.ok()) c.set_bearer_token_auth(s->token.c_str());
    return c;
  }
  static httplib::Client Root() { return Client("root", "root-password-1"); }
  static httplib::Result Upload(httplib::Client& c, const std::string& kind, const std::string& csv,
                                const std::string& name) {
    httplib::MultipartFormDataItems items = {{"file", csv, name, "text/csv"}};
    return c.Post(("/api/v1/chains/import?kind=" + kind).c_str(), items);
  }
  static void ImportNetwork() {
    auto c = Root();
    auto f = Upload(c, "firms", kFirms, "firms.csv");
    ASSERT_EQ(f->status, 201) << f->body;
    auto l = Upload(c, "links", kLinks, "links.csv");
    ASSERT_EQ(l->status, 201) << l->body;
    EXPECT_EQ(Json::parse(l->body)["rows"], 2);
  }
  static TestServer* server_;
};
TestServer* ChainApiTest::server_ = nullptr;

TEST_F(ChainApiTest, ImportIsAllOrNothing) {
  ImportNetwork();
  auto c = Root();
  // Line 3 supplies itself: the whole file is refused and the two links stay.
  auto bad =
      Upload(c, "links", "supplier,customer,product,value\nA,C,钢材,1\nA,A,钢材,1\n", "bad.csv");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("bad.csv:3: customer"), std::string::npos) << bad->body;
  auto sim = c.Post("/api/v1/chains/simulate", R"({"stopped":["B"],"stop_days":3,"days":3})",
                    "application/json");
  ASSERT_EQ(sim->status, 200) << sim->body;
  EXPECT_EQ(Json::parse(sim->body)["links"], 2);
  // Chains come as three files; one missing is a 400.
  httplib::MultipartFormDataItems partial = {{"chains", "chain,name_zh\n", "c.csv", "text/csv"}};
  EXPECT_EQ(c.Post("/api/v1/chains/import?kind=chains", partial)->status, 400);
  EXPECT_EQ(Upload(c, "nope", kLinks, "l.csv")->status, 400);
}

TEST_F(ChainApiTest, ACityAndAnEnterpriseMayNotImport) {
  auto city = Client("zz", "zz-password-12");
  EXPECT_EQ(Upload(city, "links", kLinks, "l.csv")->status, 403);
  // Refused before the body is read: a malformed upload gets the same answer.
  EXPECT_EQ(city.Post("/api/v1/chains/import?kind=links", "x", "text/plain")->status, 403);
  auto firm = Client("firm", "firm-password-1");
  EXPECT_EQ(Upload(firm, "links", kLinks, "l.csv")->status, 403);
  EXPECT_EQ(
      firm.Post("/api/v1/chains/simulate", R"({"stopped":["B"],"stop_days":3})", "application/json")
          ->status,
      403);
}

TEST_F(ChainApiTest, ScenariosAreBoundedAndScoped) {
  ImportNetwork();
  auto root = Root();
  auto post = [](httplib::Client& c, const std::string& body) {
    return c.Post("/api/v1/chains/simulate", body, "application/json");
  };
  EXPECT_EQ(post(root, R"({"stopped":["B"],"stop_days":3,"days":366})")->status, 400);
  EXPECT_EQ(post(root, R"({"days":10})")->status, 400);  // no shock
  EXPECT_EQ(post(root, R"({"stopped":["B"],"stop_days":3,"colour":"red"})")->status, 400);
  EXPECT_EQ(post(root, R"({"stopped":["X"],"stop_days":3})")->status, 404);
  EXPECT_EQ(post(root, "[1]")->status, 400);

  // n = 3 days of stock: B stops on day 0, A (no orders) on day 1, C when its stock is gone, day 3.
  const std::string scenario =
      R"({"stopped":["B"],"stop_days":6,"days":6,"inventory_days":3,"tau":6,"restore_after_days":2})";
  auto all = post(root, scenario);
  ASSERT_EQ(all->status, 200) << all->body;
  Json a = Json::parse(all->body);
  ASSERT_EQ(a["days"].size(), 7u);
  EXPECT_EQ(a["days"][0]["total"], 6);
  EXPECT_EQ(a["days"][4]["total"], 0);  // day 3
  ASSERT_EQ(a["stops"].size(), 3u);
  EXPECT_EQ(a["stops"][2]["id"], "C");
  EXPECT_EQ(a["stops"][2]["day"], 3);
  EXPECT_EQ(a["restorations"][0]["id"], "B");
  // Nobody else makes engines: no alternative supplier to rank.
  auto alt = post(root, R"({"stopped":["B"],"stop_days":6,"days":6,"alternative_share":1})");
  ASSERT_EQ(alt->status, 200) << alt->body;
  EXPECT_EQ(Json::parse(alt->body)["alternatives"], Json::array());
  EXPECT_EQ(post(root, R"({"stopped":["B"],"stop_days":6,"alternative_share":2})")->status, 400);
  auto listed = post(root, R"({"stopped":["B"],"stop_days":6,"days":6,"whitelist":["C"]})");
  ASSERT_EQ(listed->status, 200) << listed->body;
  EXPECT_EQ(Json::parse(listed->body)["whitelist_loss_avoided"], 0);  // B has nothing to ship
  EXPECT_TRUE(Json::parse(all->body)["whitelist_loss_avoided"].is_null());

  // Zhengzhou's scope holds B but not A (Nanjing) or C (Luoyang). Every loss of the answer
  // depends on all three, so the city gets no scenario at all — not even sums without names —
  // whatever firm it names, and the refusal carries no figure.
  auto city = Client("zz", "zz-password-12");
  for (const std::string& body : {scenario, std::string(R"({"stopped":["C"],"stop_days":3})"),
                                 std::string(R"({"region":"410100","lockdown_days":3})")}) {
    auto r = post(city, body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << body << " " << r->body;
    EXPECT_EQ(r->body.find("total"), std::string::npos);
    EXPECT_EQ(r->body.find("洛拖"), std::string::npos);
  }
}

}  // namespace
}  // namespace ballast::test
