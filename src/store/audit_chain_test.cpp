#include "store/audit_chain.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace ballast {
namespace {

// A log in memory behind the steps: what each store does with SQL.
struct FakeLog {
  std::optional<AuditHead> head;
  std::vector<AuditEntry> rows;
  bool refuse_insert = false;
  int head_writes = 0;

  AuditAppendSteps Steps() {
    AuditAppendSteps s;
    s.read_head = [this]() -> Result<std::optional<AuditHead>> { return head; };
    s.read_tail = [this]() -> Result<AuditTail> {
      AuditTail t;
      if (!rows.empty()) t.id = rows.back().id, t.hash = rows.back().hash;
      return t;
    };
    s.insert = [this](const std::vector<AuditEntry>& chained) -> Status {
      if (refuse_insert) return Status::Internal("disk full");
      rows.insert(rows.end(), chained.begin(), chained.end());
      return Status::Ok();
    };
    s.current_log = [this]() -> Result<AuditHead> {
      AuditHead h;
      h.entries = static_cast<int64_t>(rows.size());
      h.last_id = rows.empty() ? 0 : rows.back().id;
      return h;
    };
    s.write_head = [this](const AuditHead& h) -> Status {
      ++head_writes;
      head = h;
      head->mac = "mac:" + std::to_string(h.entries) + ":" + h.last_hash;
      return Status::Ok();
    };
    return s;
  }
};

// The seal names the entry by its id and its predecessor, so that the chain can be read back.
std::string Seal(const AuditEntry& e) {
  return "h" + std::to_string(e.id) + "<" + e.prev_hash.substr(0, 3);
}
std::string HeadSeal(const AuditHead&) { return "unused"; }

std::vector<AuditEntry> Entries(int n) {
  std::vector<AuditEntry> out(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out[static_cast<size_t>(i)].action = "a" + std::to_string(i);
  return out;
}

TEST(AuditAppendTest, AnEmptyLogStartsAtOneAfterZeros) {
  FakeLog log;
  auto entries = Entries(2);
  ASSERT_TRUE(AppendAuditChain(entries, Seal, nullptr, log.Steps()).ok());
  ASSERT_EQ(log.rows.size(), 2u);
  EXPECT_EQ(log.rows[0].id, 1);
  EXPECT_EQ(log.rows[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ(log.rows[0].hash, "h1<000");
  EXPECT_EQ(log.rows[1].id, 2);
  EXPECT_EQ(log.rows[1].prev_hash, "h1<000");
  EXPECT_EQ(log.rows[1].hash, "h2<h1<");
  EXPECT_EQ(log.head_writes, 0);         // unkeyed: no head
  EXPECT_EQ(entries[1].hash, "h2<h1<");  // the caller gets the entries as written
}

TEST(AuditAppendTest, TheFirstKeyedGroupMakesTheHeadFromTheLogAsItStands) {
  FakeLog log;
  auto legacy = Entries(3);
  ASSERT_TRUE(AppendAuditChain(legacy, Seal, nullptr, log.Steps()).ok());
  auto keyed = Entries(2);
  ASSERT_TRUE(AppendAuditChain(keyed, Seal, HeadSeal, log.Steps()).ok());
  ASSERT_TRUE(log.head.has_value());
  EXPECT_EQ(log.head->entries, 5);     // counted after the insert: 3 legacy + 2
  EXPECT_EQ(log.head->keyed_from, 4);  // the first keyed entry
  EXPECT_EQ(log.head->last_id, 5);
  EXPECT_EQ(log.head->last_hash, "h5<h4<");
  // A later group moves the head by its size.
  auto more = Entries(3);
  ASSERT_TRUE(AppendAuditChain(more, Seal, HeadSeal, log.Steps()).ok());
  EXPECT_EQ(log.head->entries, 8);
  EXPECT_EQ(log.head->keyed_from, 4);
  EXPECT_EQ(log.head->last_id, 8);
  EXPECT_EQ(log.head_writes, 2);
}

TEST(AuditAppendTest, AKeyedLogRefusesAnUnkeyedGroupBeforeWritingAnything) {
  FakeLog log;
  log.head = AuditHead{};
  auto entries = Entries(1);
  Status st = AppendAuditChain(entries, Seal, nullptr, log.Steps());
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("--audit-key"), std::string::npos);
  EXPECT_TRUE(log.rows.empty());
}

TEST(AuditAppendTest, ARefusedInsertLeavesTheHeadAlone) {
  FakeLog log;
  log.refuse_insert = true;
  auto entries = Entries(2);
  EXPECT_FALSE(AppendAuditChain(entries, Seal, HeadSeal, log.Steps()).ok());
  EXPECT_EQ(log.head_writes, 0);
  EXPECT_FALSE(log.head.has_value());
}

}  // namespace
}  // namespace ballast
