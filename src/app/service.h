// Enterprise service platform (万人助万企) use cases: the appeal closed loop, 包联 officials and
// coverage, metrics, the working calendar and matchmaking events. Keeps its own connection to
// the store file (ServiceStore), opened next to the Workspace like app::Warnings. The caller
// supplies the authenticated actor; every check of who may do what to which appeal is here
// (an enterprise acts on its own appeals only). Thread-safe (one mutex).
#ifndef BALLAST_APP_SERVICE_H_
#define BALLAST_APP_SERVICE_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/workspace.h"
#include "auth/roles.h"
#include "service/appeal.h"
#include "service/calendar.h"
#include "service/catalogue.h"
#include "service/joint.h"
#include "service/metrics.h"
#include "service/notify.h"
#include "service/statistics.h"
#include "store/service_store.h"

namespace ballast::app {

using ServiceActor = Caller;

struct NewAppeal {
  std::string uscc, enterprise_name,
      region;  // name and region are taken from the roster when known
  std::string category, title, description;
  std::vector<std::string> attachments;  // file names
  std::string contact, channel;          // channel: online | phone | visit | official
};

struct FiledAppeal {
  AppealRecord appeal;
  std::vector<int64_t> possible_duplicates;  // open appeals of the same enterprise and category
};

// Common arguments of a step: the appeal, the version the caller saw (a stale one is refused),
// the reason, and the time (UTC ISO 8601; "" = the clock).
struct StepArgs {
  int64_t id = 0;
  int64_t version = 0;
  std::string reason;
  std::string now;
};

struct DispatchRequest {
  std::string unit;  // "" = the dispatch catalogue's unit for the category and region
  std::vector<std::string> co_units;  // used when unit is given
  std::string complexity;             // "" = the category's default
};

struct AppealFilter {
  std::string state, unit, category, region, uscc;
  bool overdue_only = false;
  std::string today;  // YYYY-MM-DD for overdue_only ("" = the clock)
};

// One reply of the thread (every round's reply, oldest first).
struct ReplyEntry {
  std::string at, author, unit, body;  // author "" for the enterprise (staff names are internal)
};

struct AppealView {
  AppealRecord appeal;
  std::vector<AppealEventRecord> history;
  std::vector<OfficialRecord> officials;
  std::vector<ReplyEntry> replies;
  // False for the enterprise: staff names, reasons (return, 督办, extension notes) and internal
  // steps are left out (ForEnterprise, the one place that decides it).
  bool internal = true;
};

struct CoverageRow {
  std::string key;
  service::Ratio covered;  // enterprises with an assigned official / enterprises
};

struct MetricsFilter {
  std::string region, unit, category;
  std::string from_period, to_period;  // YYYY-MM of filing, inclusive ("" = open)
  service::GroupBy group_by = service::GroupBy::kTotal;
};

struct MetricsReport {
  std::vector<service::MetricRow> rows;
  std::string resolution_target_id = service::kResolutionTargetId;
  double resolution_target_percent = 96;  // seed 004: 问题解决率不低于96%
};

class Service {
 public:
  static Result<std::unique_ptr<Service>> Open(Workspace& ws, const std::string& db_path);

  Result<FiledAppeal> FileAppeal(const ServiceActor& actor, NewAppeal appeal,
                                 const std::string& now = "");
  Result<AppealRecord> Accept(const ServiceActor& actor, const StepArgs& args);
  Result<AppealRecord> Decline(const ServiceActor& actor, const StepArgs& args);  // not responsible
  Result<AppealRecord> Dispatch(const ServiceActor& actor, const StepArgs& args,
                                const DispatchRequest& request);
  Result<AppealRecord> Return(const ServiceActor& actor, const StepArgs& args);
  Result<AppealRecord> Reassign(const ServiceActor& actor, const StepArgs& args,
                                const DispatchRequest& request);
  Result<AppealRecord> RequestExtension(const ServiceActor& actor, const StepArgs& args,
                                        int32_t days);
  Result<AppealRecord> ApproveExtension(const ServiceActor& actor, const StepArgs& args,
                                        bool approve);
  // 督办: the escalate step, and a notice to `unit` ("" = the appeal's unit) answerable within
  // `days` working days (0 = service::kDefaultNoticeDays).
  Result<AppealRecord> Escalate(const ServiceActor& actor, const StepArgs& args,
                                const std::string& unit = "", int32_t days = 0);
  Result<AppealRecord> Merge(const ServiceActor& actor, const StepArgs& args, int64_t into_id);
  Result<AppealRecord> StartWork(const ServiceActor& actor, const StepArgs& args);
  Result<AppealRecord> Reply(const ServiceActor& actor, const StepArgs& args,
                             const std::string& reply);
  Result<AppealRecord> Rate(const ServiceActor& actor, const StepArgs& args, bool solved,
                            const std::string& satisfaction);
  Result<AppealRecord> Reopen(const ServiceActor& actor, const StepArgs& args);
  Result<AppealRecord> Close(const ServiceActor& actor, const StepArgs& args);
  Result<AppealRecord> Withdraw(const ServiceActor& actor, const StepArgs& args);

  // Joint handling (会办) and 督办 notices (service/joint.h; the rules are there). The enterprise
  // sees none of it; a co-unit its own part only; a handler the notices addressed to its unit.
  // An appeal, part or notice the actor may not read answers NotFound like an unknown id.
  struct JointView {
    std::vector<JointPartRecord> parts;
    std::vector<NoticeRecord> notices;
  };
  Result<JointView> Joint(const ServiceActor& actor, int64_t appeal_id);
  Result<JointPartRecord> AddCoUnit(const ServiceActor& actor, int64_t appeal_id,
                                    const std::string& unit, const std::string& question,
                                    int32_t days, const std::string& now = "");
  Result<JointPartRecord> AnswerPart(const ServiceActor& actor, int64_t appeal_id, int64_t part_id,
                                     const std::string& answer, const std::string& now = "");
  Result<JointPartRecord> WaivePart(const ServiceActor& actor, int64_t appeal_id, int64_t part_id,
                                    const std::string& reason, const std::string& now = "");
  // Notices in the caller's scope (leaders: of their region; a handler: addressed to its unit),
  // newest first; status "" | open | answered | overdue as of `today` ("" = now, Beijing).
  Result<std::vector<NoticeRecord>> ListNotices(const ServiceActor& actor,
                                                const std::string& status,
                                                const std::string& today = "");
  Result<NoticeRecord> AnswerNotice(const ServiceActor& actor, int64_t notice_id,
                                    const std::string& answer, const std::string& now = "");

  // Appeals the actor may see, by id. Unknown or invisible ids are NotFound alike.
  Result<std::vector<AppealRecord>> ListAppeals(const ServiceActor& actor,
                                                const AppealFilter& filter);
  Result<AppealView> GetAppeal(const ServiceActor& actor, int64_t id);
  // T−1 and overdue reminders of the visible open appeals as of `today` (YYYY-MM-DD, "" = now).
  Result<std::vector<service::Reminder>> Reminders(const ServiceActor& actor,
                                                   const std::string& today = "");

  Status AssignOfficial(const ServiceActor& actor, OfficialRecord official);
  Status UnassignOfficial(const ServiceActor& actor, const std::string& uscc,
                          const std::string& username);
  Result<std::vector<OfficialRecord>> ListOfficials(const ServiceActor& actor,
                                                    const std::string& uscc);
  // by: "region" (the enterprise's region code), "tag" or "size"; enterprises of the latest roster.
  Result<std::vector<CoverageRow>> Coverage(const ServiceActor& actor, const std::string& region,
                                            const std::string& by);

  Result<MetricsReport> Metrics(const ServiceActor& actor, const MetricsFilter& filter);
  // The leader's statistics (service/statistics.h) over the appeals of the caller's scope, filtered
  // as Metrics, as of the Beijing date `today` ("" = now). A handler reads its own unit's only
  // (Access::UnitOfFigures); a region outside the scope is refused.
  Result<service::Statistics> Statistics(const ServiceActor& actor, const MetricsFilter& filter,
                                         const std::string& today = "");

  // The figures of the monthly service report (app/service_report.h): the statistics and the
  // metrics in total of one set of appeals (chosen and scoped as Statistics), how many of them
  // were accepted (受理: in scope and past 'submitted'), and the unit the figures are held to
  // ("" = every unit of the scope; a handler: its own).
  struct ReportFigures {
    service::Statistics statistics;
    service::MetricRow total;
    int64_t accepted = 0;
    std::string unit;
    std::string today;  // YYYY-MM-DD (Beijing) the open and overdue counts were taken on
  };
  Result<ReportFigures> MonthFigures(const ServiceActor& actor, const MetricsFilter& filter,
                                     const std::string& today = "");

  // Attachments (service/attachment.h): a party of the appeal (or a co-unit) adds a file; whoever
  // may read the appeal lists and downloads; `internal` files are for staff only and read as
  // absent to the enterprise. An unknown or invisible appeal or file is NotFound alike.
  Result<AttachmentRecord> AddAttachment(const ServiceActor& actor, int64_t appeal_id,
                                         const std::string& name, std::string content,
                                         bool internal, const std::string& now = "");
  Result<std::vector<AttachmentRecord>> ListAttachments(const ServiceActor& actor,
                                                        int64_t appeal_id);
  Result<AttachmentRecord> GetAttachment(const ServiceActor& actor, int64_t appeal_id, int64_t id);
  // The virus-scan hook: a command run as `sh -c '<command> "$1"' <file>` on each upload before
  // it is stored; exit status 0 = clean, anything else refuses the file. "" (the default) = off.
  void SetAttachmentScan(std::string command);

  std::string CalendarJson();
  Status UpdateCalendar(const ServiceActor& actor, const std::string& json);
  // Adds or replaces one year of the calendar from its State Council notice (format in
  // data/calendar/README.md): administrators of a province or the whole country; audited.
  Status LoadCalendarYear(const ServiceActor& actor, const std::string& year_json);
  // How long the known calendar lasts: deadlines after known_to are provisional (statutory
  // holidays only); administrators are warned from 60 days before it ends.
  struct CalendarStatus {
    std::string known_to;
    int64_t days_left = 0;
    bool warning = false;  // for administrators: load the next year's notice
    std::vector<service::CalendarSource> sources;
  };
  CalendarStatus CalendarState(const ServiceActor& actor);
  static constexpr int kCalendarWarningDays = 60;
  // The working calendar in force (a copy: an administrator may replace it meanwhile); other
  // loops on it, e.g. the projects' factor ledger (app/project_factors.h), ask here.
  service::WorkCalendar Calendar();
  // Whether a deadline (YYYY-MM-DD) lies past the known calendar.
  bool ProvisionalDay(const std::string& day);
  const service::ServiceCatalogue& catalogue() const { return catalogue_; }

  // The steps of the loop the actor may take on the appeal now, by the transition table (what
  // the UI offers; the step itself checks the rest).
  std::vector<std::string> AllowedActions(const ServiceActor& actor, const AppealRecord& appeal);

  // Notifications (in-app): each user reads and marks only their own.
  struct NotificationList {
    std::vector<NotificationRecord> items;  // newest first
    int64_t unread = 0;
  };
  Result<NotificationList> Notifications(const ServiceActor& actor, bool unread_only,
                                         int64_t limit = 50);
  Status MarkNotificationsRead(const ServiceActor& actor, int64_t id);  // 0 = all
  // Where the actor receives notification e-mails ("" = none).
  Status SetNotificationEmail(const ServiceActor& actor, const std::string& email);
  Result<std::vector<NotificationAttemptRecord>> DeliveryAttempts(const ServiceActor& actor,
                                                                  int64_t id);
  // The background worker's work (app/notification_worker.h): the reminders of `today`
  // ("" = now) become notifications, once per user, appeal, deadline and due date; then pending
  // e-mails due now are sent, a failure retried with backoff. Answer how many were made/sent.
  Result<int> NotifyReminders(const std::string& today = "");
  Result<int> DeliverPending(service::NotificationSender& sender, int64_t limit = 50);

  Result<MatchEventRecord> AddMatchEvent(const ServiceActor& actor, MatchEventRecord event);
  Result<std::vector<MatchEventRecord>> ListMatchEvents(const ServiceActor& actor);
  Result<service::MatchTotals> MatchTotals(const ServiceActor& actor, const std::string& year = "");

 private:
  Service(Workspace& ws, std::unique_ptr<ServiceStore> store) : ws_(ws), store_(std::move(store)) {}
  Status LoadConfig();
  Result<unsigned> Parties(const ServiceActor& actor, const AppealRecord& a);
  bool CanSee(const ServiceActor& actor, const AppealRecord& a, unsigned parties) const;
  // The appeals an aggregate over `filter` counts: the region (default the scope; outside it
  // refused), unit, category and Beijing months of filing. mu_ held.
  Result<std::vector<AppealRecord>> AggregateAppeals(const ServiceActor& actor,
                                                     const MetricsFilter& filter);
  Result<AppealRecord> Step(const ServiceActor& actor, const StepArgs& args, service::StepInput in);
  Status Route(const AppealRecord& a, const DispatchRequest& r, service::StepInput& in) const;
  bool Covers(const std::string& scope, const std::string& region_code) const;
  // Where an enterprise the actor may see is registered; NotFound alike for unknown and unseen.
  Result<std::string> VisibleEnterpriseRegion(const ServiceActor& actor, const std::string& uscc);
  std::string Now(const std::string& now) const;
  // In-app notifications of a step that succeeded (mu_ held); failures are logged, never the
  // step's.
  void NotifyStep(const ServiceActor& actor, service::Action action, const AppealRecord& a,
                  bool escalated);
  Status NotifyUsers(const std::vector<std::string>& usernames, const std::string& kind,
                     const std::string& cause, const AppealRecord& a, const std::string& now);
  // Users by role whose scope covers the appeal (handlers: of its unit).
  Result<std::vector<std::string>> Recipients(const AppealRecord& a, const std::string& who,
                                              const std::string& except = "");
  std::vector<service::Reminder> RemindersOf(const std::vector<AppealRecord>& appeals,
                                             service::Day today) const;
  // What the enterprise reads of an appeal: no internal notes (see AppealView::internal).
  static void ForEnterprise(const ServiceActor& actor, AppealRecord& a);
  static void ForEnterprise(const ServiceActor& actor, AppealView& v);

  // Notifies the handlers of `unit` (a co-unit or a notice's addressee); mu_ held, never fails
  // the step.
  void NotifyUnit(const AppealRecord& a, const std::string& unit, const std::string& kind,
                  const std::string& cause, const std::string& except);

  // The appeal the actor may read (NotFound alike for unknown and invisible ones), mu_ held.
  Result<std::pair<AppealRecord, unsigned>> ReadableAppeal(const ServiceActor& actor, int64_t id);

  Workspace& ws_;
  std::unique_ptr<ServiceStore> store_;
  std::string scan_command_;
  service::WorkCalendar calendar_;
  service::ServiceCatalogue catalogue_;
  std::mutex mu_;
};

}  // namespace ballast::app

#endif  // BALLAST_APP_SERVICE_H_
