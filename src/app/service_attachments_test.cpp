// Attachments through the use case on a real store (SQLite, or PostgreSQL by scripts/pg-test.sh):
// bytes and SHA-256 kept, an enterprise cannot fetch another enterprise's file by guessing ids,
// internal files stay with the staff, the type check and the virus-scan hook.
#include <gtest/gtest.h>

#include "app/service.h"
#include "testing/test_store.h"
#include "testing/testing.h"

namespace ballast::app {
namespace {

constexpr const char* kA = "91310110666007217T";
constexpr const char* kB = "91310115591693856A";
// Binary content (NUL and 0xFF bytes); its SHA-256 computed with Python's hashlib.
const std::string kPdf(
    "%PDF-1.4\x00\x01"
    "binary\xff",
    17);
constexpr const char* kPdfSha = "cb1216430833956ba1fa7448866a27ee632814f4239b06e738b208d3d6ac4b16";

class ServiceAttachmentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = db_.locator();
    ASSERT_OK_AND_ASSIGN(ws_, Workspace::Create(path));
    auto out = ws_->Import(
        "uscc,name,region,industry,size,tags\n"
        "91310110666007217T,甲装备有限公司,410102,3311,large,\n"
        "91310115591693856A,乙食品有限公司,410102,1311,medium,\n",
        "e.csv", "alice");
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_OK_AND_ASSIGN(s_, Service::Open(*ws_, path));
    a_ = File(entA_);
    b_ = File(entB_);
  }
  void TearDown() override {
    s_.reset();
    ws_.reset();
  }
  int64_t File(const ServiceActor& ent) {
    NewAppeal n;
    n.category = "financing";
    n.title = "续贷";
    n.description = "说明";
    auto f = s_->FileAppeal(ent, n, "2024-09-26T02:00:00Z");
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f->appeal.id : 0;
  }

  ::ballast::testing::TestStore db_;
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<Service> s_;
  int64_t a_ = 0, b_ = 0;
  ServiceActor disp_{"disp", auth::Role::kDispatcher, "", "", "410000"};
  ServiceActor entA_{"entA", auth::Role::kEnterprise, kA, "", ""};
  ServiceActor entB_{"entB", auth::Role::kEnterprise, kB, "", ""};
};

TEST_F(ServiceAttachmentsTest, StoredWithBytesAndHash) {
  ASSERT_OK_AND_ASSIGN(auto added, s_->AddAttachment(entA_, a_, "申请.pdf", kPdf, false));
  EXPECT_EQ(added.sha256, kPdfSha);
  EXPECT_EQ(added.size, 17);
  EXPECT_EQ(added.content_type, "application/pdf");
  ASSERT_OK_AND_ASSIGN(auto got, s_->GetAttachment(disp_, a_, added.id));
  EXPECT_EQ(got.content, kPdf);  // every byte back, NUL and 0xFF included
  EXPECT_EQ(got.name, "申请.pdf");
  EXPECT_EQ(got.uploaded_by, "entA");
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListAttachments(entA_, a_));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_TRUE(list[0].content.empty());  // lists carry no content
}

TEST_F(ServiceAttachmentsTest, AnEnterpriseCannotFetchAnothersFile) {
  ASSERT_OK_AND_ASSIGN(auto added, s_->AddAttachment(entA_, a_, "申请.pdf", kPdf, false));
  // Guessing: A's appeal id, and A's file id under B's own appeal; both read as absent.
  EXPECT_EQ(s_->GetAttachment(entB_, a_, added.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->GetAttachment(entB_, b_, added.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->ListAttachments(entB_, a_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s_->AddAttachment(entB_, a_, "x.pdf", kPdf, false).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(s_->GetAttachment(entA_, a_, added.id + 1000).status().code(), StatusCode::kNotFound);
}

TEST_F(ServiceAttachmentsTest, InternalFilesStayWithTheStaff) {
  ASSERT_OK_AND_ASSIGN(auto note, s_->AddAttachment(disp_, a_, "督办单.pdf", kPdf, true));
  ASSERT_OK_AND_ASSIGN(auto open, s_->AddAttachment(disp_, a_, "回复.pdf", kPdf, false));
  ASSERT_OK_AND_ASSIGN(auto seen, s_->ListAttachments(entA_, a_));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].id, open.id);
  EXPECT_EQ(seen[0].uploaded_by, "");  // staff names are internal
  EXPECT_EQ(s_->GetAttachment(entA_, a_, note.id).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto staff, s_->ListAttachments(disp_, a_));
  EXPECT_EQ(staff.size(), 2u);
  EXPECT_EQ(s_->AddAttachment(entA_, a_, "x.pdf", kPdf, true).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(ServiceAttachmentsTest, TypesAndTheVirusScanHook) {
  EXPECT_EQ(s_->AddAttachment(entA_, a_, "x.pdf", "<html>", false).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(s_->AddAttachment(entA_, a_, "x.exe", "MZ", false).status().code(),
            StatusCode::kInvalidArgument);
  // The hook refuses a file containing the EICAR marker and lets a clean one through.
  s_->SetAttachmentScan("! grep -q EICAR");
  auto infected =
      s_->AddAttachment(entA_, a_, "v.pdf", "%PDF-1.4 EICAR-STANDARD-ANTIVIRUS-TEST", false);
  EXPECT_EQ(infected.status().code(), StatusCode::kInvalidArgument) << infected.status().ToString();
  EXPECT_OK(s_->AddAttachment(entA_, a_, "clean.pdf", kPdf, false).status());
  ASSERT_OK_AND_ASSIGN(auto list, s_->ListAttachments(entA_, a_));
  EXPECT_EQ(list.size(), 1u);  // the refused files were not stored
}

}  // namespace
}  // namespace ballast::app
