// Storage for the enterprise service platform, separate from the Store of the panel (like
// WarnStore). The SQLite implementation opens its own connection to the same database file;
// its tables come from migration 004.
#ifndef BALLAST_STORE_SERVICE_STORE_H_
#define BALLAST_STORE_SERVICE_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/service_records.h"

namespace ballast {

struct AppealQuery {
  std::string uscc;   // "" = any
  std::string unit;   // "" = any
  std::string state;  // "" = any
};

// A 督办 notice written together with the escalation that makes it (UpdateAppeal).
struct NoticeWrite {
  NoticeRecord notice;
  AppealEventRecord event;  // its history entry (action "notice")
};

class ServiceStore {
 public:
  virtual ~ServiceStore() = default;

  // Inserts a new appeal (id assigned, version 1) with its first event, in one transaction.
  virtual Result<AppealRecord> InsertAppeal(AppealRecord appeal, AppealEventRecord event) = 0;
  // Writes `appeal` if its stored version still equals `expected_version` (the version bumps
  // by one) and appends the events; a stale version is FailedPrecondition and writes nothing.
  // With `notice` (an escalation's 督办 notice, id 0) the notice is inserted and its event
  // appended in the same transaction, its id set on success: a failure of any write leaves the
  // appeal, its events and the notice all unwritten.
  virtual Result<AppealRecord> UpdateAppeal(AppealRecord appeal, int64_t expected_version,
                                            std::vector<AppealEventRecord> events,
                                            NoticeWrite* notice) = 0;
  virtual Result<AppealRecord> GetAppeal(int64_t id) = 0;
  virtual Result<std::vector<AppealRecord>> ListAppeals(const AppealQuery& query) = 0;
  virtual Result<std::vector<AppealEventRecord>> AppealEvents(int64_t appeal_id) = 0;

  virtual Status UpsertOfficial(const OfficialRecord& official) = 0;
  virtual Status RemoveOfficial(const std::string& uscc,
                                const std::string& username) = 0;  // NotFound
  virtual Result<std::vector<OfficialRecord>> ListOfficials(
      const std::string& uscc) = 0;  // "" = all

  virtual Result<MatchEventRecord> AddMatchEvent(MatchEventRecord event) = 0;
  virtual Result<std::vector<MatchEventRecord>> ListMatchEvents() = 0;

  // Notifications. Adding one that has the same (username, dedupe) as a stored one adds
  // nothing and answers 0.
  virtual Result<int64_t> AddNotification(NotificationRecord n) = 0;
  virtual Result<std::vector<NotificationRecord>> ListNotifications(const std::string& username,
                                                                    bool unread_only,
                                                                    int64_t limit) = 0;
  virtual Result<int64_t> UnreadNotifications(const std::string& username) = 0;
  // Marks one of the user's notifications read (id 0: all); NotFound for another's or none.
  virtual Status MarkNotificationsRead(const std::string& username, int64_t id,
                                       const std::string& at) = 0;
  // Pending e-mails due by `now` (UTC ISO 8601), oldest first.
  virtual Result<std::vector<NotificationRecord>> DueDeliveries(const std::string& now,
                                                                int64_t limit) = 0;
  // Logs an attempt and sets the delivery state, attempts and the next attempt, in one transaction.
  virtual Status RecordDelivery(const NotificationRecord& n,
                                const NotificationAttemptRecord& attempt) = 0;
  virtual Result<std::vector<NotificationAttemptRecord>> DeliveryAttempts(
      int64_t notification_id) = 0;
  virtual Status SetContactEmail(const std::string& username,
                                 const std::string& email) = 0;               // "" removes
  virtual Result<std::string> ContactEmail(const std::string& username) = 0;  // "" = none

  // Attachments: stored with their content; listed without it (oldest first).
  virtual Result<int64_t> AddAttachment(const AttachmentRecord& a) = 0;
  virtual Result<std::vector<AttachmentRecord>> ListAttachments(int64_t appeal_id) = 0;
  virtual Result<AttachmentRecord> GetAttachment(int64_t id) = 0;  // NotFound

  // Joint handling (会办) and 督办 notices. A save inserts (id 0) or rewrites the row and appends
  // `event` (its history entry) in the same transaction; an unknown id is NotFound.
  virtual Result<JointPartRecord> SaveJointPart(JointPartRecord part, AppealEventRecord event) = 0;
  // Oldest first; appeal_id 0 / unit "" = any.
  virtual Result<std::vector<JointPartRecord>> ListJointParts(int64_t appeal_id,
                                                              const std::string& unit) = 0;
  virtual Result<NoticeRecord> SaveNotice(NoticeRecord notice, AppealEventRecord event) = 0;
  virtual Result<NoticeRecord> GetNotice(int64_t id) = 0;  // NotFound
  virtual Result<std::vector<NoticeRecord>> ListNotices(int64_t appeal_id,
                                                        const std::string& unit) = 0;

  virtual Result<ServiceConfigRecord> AddConfigRevision(ServiceConfigRecord record) = 0;
  virtual Result<std::optional<ServiceConfigRecord>> LatestConfig(const std::string& key) = 0;
};

// Opens the service tables of an existing Ballast store file (migrated by the Store).
Result<std::unique_ptr<ServiceStore>> OpenSqliteServiceStore(const std::string& path);

}  // namespace ballast

#endif  // BALLAST_STORE_SERVICE_STORE_H_
