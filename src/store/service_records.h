// The records of the enterprise service platform (万人助万企) as the store keeps them:
// appeals (诉求) with their transition log, assigned officials (包联干部), matchmaking events
// (对接活动) and configuration revisions. Times are UTC ISO 8601 texts; dates YYYY-MM-DD
// (Beijing dates, the calendar's days).
#ifndef BALLAST_STORE_SERVICE_RECORDS_H_
#define BALLAST_STORE_SERVICE_RECORDS_H_

#include <cstdint>
#include <string>

namespace ballast {

struct AppealRecord {
  int64_t id = 0;       // 0 = not stored yet
  int64_t version = 0;  // optimistic concurrency: bumped by every write
  std::string uscc, enterprise_name, region, category;
  std::string title, description;
  std::string attachments;  // file names, '\n'-separated
  std::string contact;
  std::string channel;  // online | phone | visit | official
  std::string filed_by, filed_at;
  std::string state;                             // see service/appeal.h
  std::string unit;                              // the responsible unit while dispatched
  std::string co_units;                          // co-handling units, ';'-separated
  std::string complexity;                        // simple | complex
  std::string dispatched_at, response_due, due;  // due dates YYYY-MM-DD
  std::string accept_due;   // by when a filed appeal is to be accepted and dispatched
  std::string rating_due;   // the end of the rating window after a reply (then closing may default)
  std::string first_response_at, replied_at, reply;
  int32_t extension_days_requested = 0;  // a pending extension request, 0 = none
  int32_t extensions = 0;                // approved extensions
  int32_t escalations = 0;               // 督办 count
  int32_t reopen_count = 0;
  int32_t rating_solved = -1;            // the latest rating: -1 none, 0 not solved, 1 solved
  // satisfied | basic | dissatisfied; "default" = closed unrated after the rating window
  // (未评价(默认), counted apart); "" = not rated. A reopen keeps the latest rating.
  std::string satisfaction;
  std::string rated_at, closed_at;
  int64_t merged_into = 0;
  std::string updated_at;
};

struct AppealEventRecord {
  int64_t id = 0;
  int64_t appeal_id = 0;
  std::string at, actor, party;  // party: enterprise | official | dispatcher | unit
  std::string action, from_state, to_state;
  std::string unit;              // the unit after the step (dispatch, reassign)
  std::string reason;             // internal note (staff only)
  std::string body;               // public text of the step: a reply's text
};

struct OfficialRecord {
  std::string uscc, username, name, unit, region;
  std::string assigned_by, assigned_at;
};

struct MatchEventRecord {
  int64_t id = 0;
  std::string type;  // sales | finance | research | labour (产销 产融 产学研 用工)
  std::string title, date, region, organiser;
  std::string participants;      // USCCs, ';'-separated
  double financing_amount = 0;   // 亿元 agreed (产融)
  int32_t research_results = 0;  // research results transferred (产学研)
  int32_t hires = 0;             // people hired (用工)
  std::string outcome;
  std::string created_by, created_at;
};

// An in-app notification of one user, and its e-mail delivery (delivery: none | pending | sent
// | failed; retried with backoff until next_attempt_at).
struct NotificationRecord {
  int64_t id = 0;
  std::string username, kind, dedupe;
  int64_t appeal_id = 0;
  std::string title, body, created_at, read_at;  // read_at "" = unread
  std::string email, delivery = "none";
  int32_t attempts = 0;
  std::string next_attempt_at;
};

struct NotificationAttemptRecord {
  int64_t id = 0, notification_id = 0;
  std::string at, channel;
  bool ok = false;
  std::string detail;
};

// A file attached to an appeal (with the filing, a reply or by staff). `internal` files are for
// staff only. Lists leave `content` empty.
struct AttachmentRecord {
  int64_t id = 0, appeal_id = 0;
  std::string name, content_type;
  int64_t size = 0;
  std::string sha256;  // hex of the content
  bool internal = false;
  std::string uploaded_by, party, uploaded_at;
  std::string content;
};

// A saved version of a configuration document (calendar, categories, dispatch) as JSON text.
// A co-unit's part of a joint (会办) appeal: what the lead unit asks of it, by when (a Beijing
// date), and its answer or the lead's waiver. Internal: the enterprise never reads it.
struct JointPartRecord {
  int64_t id = 0, appeal_id = 0;
  std::string unit, question, due;
  std::string state;  // open | answered | waived
  std::string answer, answered_by, answered_at;
  std::string waive_reason, waived_by, waived_at;
  std::string added_by, added_at;
};

// A 督办 notice: an escalation addressed to one unit, with its own deadline and the unit's
// answer. Internal: the enterprise never reads it.
struct NoticeRecord {
  int64_t id = 0, appeal_id = 0;
  std::string region;  // the appeal's (the leaders' lists are scoped by it)
  std::string unit, reason, due;
  std::string state;  // open | answered
  std::string answer, answered_by, answered_at;
  std::string created_by, created_at;  // created_by "system": the second "not solved"
};

struct ServiceConfigRecord {
  std::string key;
  int64_t revision = 0;
  std::string body, author, created_at;
};

}  // namespace ballast

#endif  // BALLAST_STORE_SERVICE_RECORDS_H_
