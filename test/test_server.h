// A store with the hand-made province of test_util.cpp, served on a free loopback port
// for the lifetime of the object (API and authorisation tests).
#ifndef BALLAST_TEST_TEST_SERVER_H_
#define BALLAST_TEST_TEST_SERVER_H_

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "api/route.h"
#include "api/server.h"
#include "app/ballast.h"
#include "test/test_util.h"
#include "testing/test_store.h"

namespace ballast::test {

class TestServer {
 public:
  explicit TestServer(size_t max_upload_bytes = size_t{1} << 20, const std::string& web_dir = "") {
    app_ = std::move(app::Ballast::Create(store_.locator())).value();
    EXPECT_EQ(ws().Import(kEnterprisesCsv, "e.csv", "t")->status, ingest::ImportStatus::kImported);
    EXPECT_EQ(ws().Import(kObservationsCsv, "o.csv", "t")->status, ingest::ImportStatus::kImported);
    api::ServeOptions o;
    o.port = 0;
    o.threads = 4;
    o.max_upload_bytes = max_upload_bytes;
    o.web_dir = web_dir;
    server_ = std::make_unique<api::Server>(*app_, o);
    auto port = server_->Bind();
    EXPECT_TRUE(port.ok());
    port_ = port.ok() ? *port : 0;
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  ~TestServer() {
    server_->Stop();
    thread_.join();
  }
  app::Ballast& app() { return *app_; }
  app::Workspace& ws() { return app_->workspace(); }
  app::Warnings& warnings() { return app_->warnings(); }
  app::Service& service() { return app_->service(); }
  int port() const { return port_; }

 private:
  ::ballast::testing::TestStore store_;  // SQLite, or PostgreSQL under scripts/pg-test.sh
  std::unique_ptr<app::Ballast> app_;
  std::unique_ptr<api::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace ballast::test

#endif  // BALLAST_TEST_TEST_SERVER_H_
