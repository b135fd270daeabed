// The records of early warning and policy tracking as the store keeps them, independent of any
// database: rule revisions, alerts with their event log, silences, commodity series and
// reported progress on policy targets. Times are UTC ISO 8601 texts ("2026-10-05T08:00:00Z").
#ifndef BALLAST_STORE_WARN_RECORDS_H_
#define BALLAST_STORE_WARN_RECORDS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ballast {

// One saved version of a rule (the rule's JSON object as text); the latest revision of an id
// overrides the shipped rule of the same id.
struct RuleRevision {
  std::string rule_id;
  int64_t revision = 0;
  std::string body;  // the rule as JSON text (the format of data/rules/)
  std::string author, created_at;
};

struct AlertRecord {
  int64_t id = 0;           // 0 = not stored yet
  std::string fingerprint;  // stable hash of rule id + subject
  std::string rule_id, family;
  std::string subject_kind;  // enterprise | region | industry | commodity | target
  std::string subject_key;   // uscc, region code, industry code, commodity code or target id
  std::string subject_name;
  std::string region;    // region code of the subject ("" when none)
  std::string industry;  // industry code of the subject ("" when none)
  std::string units;     // responsible units of a target subject, ';'-separated
  std::string level;     // blue | yellow | orange | red
  std::string state;     // pending | firing | resolved
  std::string period;    // the data period (YYYY-MM) or date (YYYY-MM-DD) evaluated
  double value = 0, threshold = 0;
  int32_t streak = 0;  // consecutive periods the condition held
  std::string message_zh, message_en;
  std::string starts_at, fired_at, updated_at, resolved_at;
  int64_t silenced_by = 0;  // id of the silence that covers it, 0 = none
  bool inhibited = false;   // a firing alert of its region in the same family covers it
  // Silenced or inhibited: the lists leave it out unless asked for muted alerts.
  bool muted() const { return silenced_by != 0 || inhibited; }
  std::string handling;     // open | acknowledged | assigned | handled | closed
  std::string assignee;     // the responsible unit (责任单位) it is assigned to
  std::string deadline;     // YYYY-MM-DD
  std::string note;         // the handling note
};

struct AlertEventRecord {
  int64_t id = 0;
  int64_t alert_id = 0;
  std::string at, actor;
  std::string action;    // fired | escalated | deescalated | resolved | reopened | acknowledge |
                         // assign | handle | close
  std::string from, to;  // states before and after
  std::string detail;
};

// An alert with what happened to it in one evaluation or handling step.
struct AlertChange {
  AlertRecord alert;    // id 0 = insert
  bool remove = false;  // a pending alert that cleared before firing leaves no trace
  std::vector<AlertEventRecord> events;  // alert_id is filled in by the store
};

struct SilenceRecord {
  int64_t id = 0;
  // Matchers; an empty one matches everything. region matches its whole subtree.
  std::string rule_id, family, subject_key, region;
  std::string author, reason;
  std::string starts_at, ends_at;      // active while starts_at <= now < ends_at
  std::string expired_at, expired_by;  // set when ended early by hand
};

struct CommodityPointRecord {
  std::string code, name, unit;
  std::string date;  // YYYY-MM-DD
  double price = 0;
  double stock_days = 0;
  bool has_stock_days = false;
  std::string source;  // file name it came from
  std::string user, imported_at;
};

struct ProgressRecord {
  int64_t id = 0;
  std::string target_id;
  double value = 0;
  std::string date;  // YYYY-MM-DD, the date the value stands for
  std::string note, attachment;
  std::string actor, created_at;
};

}  // namespace ballast

#endif  // BALLAST_STORE_WARN_RECORDS_H_
