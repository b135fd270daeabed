#include "service/attachment.h"

#include <gtest/gtest.h>

namespace ballast::service {
namespace {

const std::string kPdf = "%PDF-1.7\n...";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR";
const std::string kDocx =
    std::string("PK\x03\x04", 4) + "....[Content_Types].xml word/document.xml";

TEST(AttachmentTest, AllowedTypesByExtensionAndMagicBytes) {
  auto pdf = CheckAttachment("申请.pdf", kPdf);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(*pdf, "application/pdf");
  EXPECT_EQ(*CheckAttachment("a.PNG", kPng), "image/png");
  EXPECT_EQ(*CheckAttachment("x.jpeg", std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_TRUE(CheckAttachment("r.docx", kDocx).ok());
}

TEST(AttachmentTest, ContentMustMatchTheExtension) {
  // An HTML page named .pdf, a PNG named .jpg, a Word package named .xlsx, a bare ZIP as .docx.
  EXPECT_EQ(CheckAttachment("x.pdf", "<html><script>").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(CheckAttachment("x.jpg", kPng).ok());
  EXPECT_FALSE(CheckAttachment("x.xlsx", kDocx).ok());
  EXPECT_FALSE(CheckAttachment("x.docx", std::string("PK\x03\x04", 4) + "a.txt").ok());
  auto st = CheckAttachment("x.pdf", "<html>").status();
  EXPECT_NE(st.message().find("file:"), std::string::npos) << st.ToString();
}

TEST(AttachmentTest, NamesTypesAndSizes) {
  EXPECT_FALSE(CheckAttachment("run.exe", "MZ").ok());
  EXPECT_FALSE(CheckAttachment("noext", kPdf).ok());
  EXPECT_FALSE(CheckAttachment("../etc/x.pdf", kPdf).ok());
  EXPECT_FALSE(CheckAttachment("a\\b.pdf", kPdf).ok());
  EXPECT_FALSE(CheckAttachment("a\nb.pdf", kPdf).ok());
  EXPECT_FALSE(CheckAttachment("", kPdf).ok());
  EXPECT_FALSE(CheckAttachment("e.pdf", "").ok());
  EXPECT_TRUE(CheckAttachment("s.pdf", kPdf, 12).ok());   // 12 bytes, limit 12
  EXPECT_FALSE(CheckAttachment("s.pdf", kPdf, 11).ok());  // one over
}

}  // namespace
}  // namespace ballast::service
