// Attachments of appeals (issue 14 item 4): who may add, list and download them. Files are
// checked by type and magic bytes (service/attachment.h), optionally scanned by a configured
// command, and stored with their SHA-256. Internal files never reach the enterprise.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "app/service.h"
#include "core/hash.h"
#include "service/attachment.h"

extern char** environ;

namespace ballast::app {

namespace {

// Runs `command "$1"` through the shell on a temporary copy of the file; the file name never
// enters the command line (it is the positional argument).
Status Scan(const std::string& command, const std::string& content) {
  char path[] = "/tmp/ballast-scan-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return Status::Internal("virus scan: cannot write a temporary file");
  const bool written =
      write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  close(fd);
  Status st = Status::Ok();
  if (!written) {
    st = Status::Internal("virus scan: cannot write a temporary file");
  } else {
    const std::string script = command + " \"$1\"";
    const char* argv[] = {"sh", "-c", script.c_str(), "sh", path, nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ) !=
        0) {
      st = Status::Internal("virus scan: the command could not be started");
    } else {
      int ws = 0;
      if (waitpid(pid, &ws, 0) < 0 || !WIFEXITED(ws)) {
        st = Status::Internal("virus scan: the command did not finish");
      } else if (WEXITSTATUS(ws) != 0) {
        st = Status::Invalid("file: refused by the virus scan");
      }
    }
  }
  unlink(path);
  return st;
}

bool IsEnterprise(const ServiceActor& a) { return a.role == auth::Role::kEnterprise; }

}  // namespace

void Service::SetAttachmentScan(std::string command) {
  std::lock_guard<std::mutex> lock(mu_);
  scan_command_ = std::move(command);
}

Result<std::pair<AppealRecord, unsigned>> Service::ReadableAppeal(const ServiceActor& actor,
                                                                  int64_t id) {
  const Status absent = Status::NotFound("no appeal " + std::to_string(id));
  auto a = store_->GetAppeal(id);
  if (!a.ok()) return a.status().code() == StatusCode::kNotFound ? absent : a.status();
  ASSIGN_OR_RETURN(unsigned parties, Parties(actor, *a));
  if (!CanSee(actor, *a, parties)) return absent;
  return std::make_pair(std::move(a).value(), parties);
}

Result<AttachmentRecord> Service::AddAttachment(const ServiceActor& actor, int64_t appeal_id,
                                                const std::string& name, std::string content,
                                                bool internal, const std::string& now) {
  std::string command;
  AttachmentRecord rec;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(auto found, ReadableAppeal(actor, appeal_id));
    const auto& [appeal, parties] = found;
    // Readers who are no party (analysts; co-units read along) add nothing, except co-units.
    const bool co_unit =
        actor.role == auth::Role::kHandler && !actor.unit.empty() &&
        (";" + appeal.co_units + ";").find(";" + actor.unit + ";") != std::string::npos;
    if (parties == 0 && !co_unit) return Status::Denied("only the parties of the appeal add files");
    if (internal && IsEnterprise(actor))
      return Status::Invalid("internal: files of the enterprise are never internal");
    auto state = service::ParseState(appeal.state);
    if (state && service::IsTerminal(*state))
      return Status::Precondition("appeal " + std::to_string(appeal_id) + " is finished");
    ASSIGN_OR_RETURN(auto existing, store_->ListAttachments(appeal_id));
    if (static_cast<int>(existing.size()) >= service::kMaxAttachmentsPerAppeal) {
      return Status::Invalid("file: at most " + std::to_string(service::kMaxAttachmentsPerAppeal) +
                             " files an appeal");
    }
    ASSIGN_OR_RETURN(rec.content_type, service::CheckAttachment(name, content));
    rec.party = parties ? service::PartyNames(parties) : "co_unit";
    command = scan_command_;
  }
  if (!command.empty()) RETURN_IF_ERROR(Scan(command, content));
  rec.appeal_id = appeal_id;
  rec.name = name;
  rec.size = static_cast<int64_t>(content.size());
  rec.sha256 = Sha256Hex(content);
  rec.internal = internal;
  rec.uploaded_by = actor.username;
  rec.uploaded_at = Now(now);
  rec.content = std::move(content);
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(rec.id, store_->AddAttachment(rec));
  rec.content.clear();
  if (IsEnterprise(actor)) rec.uploaded_by.clear();
  return rec;
}

Result<std::vector<AttachmentRecord>> Service::ListAttachments(const ServiceActor& actor,
                                                               int64_t appeal_id) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(ReadableAppeal(actor, appeal_id).status());
  ASSIGN_OR_RETURN(auto list, store_->ListAttachments(appeal_id));
  if (IsEnterprise(actor)) {
    std::erase_if(list, [](const AttachmentRecord& a) { return a.internal; });
    for (auto& a : list) {
      if (a.party.find("enterprise") == std::string::npos)
        a.uploaded_by.clear();  // staff names are internal
    }
  }
  return list;
}

Result<AttachmentRecord> Service::GetAttachment(const ServiceActor& actor, int64_t appeal_id,
                                                int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(ReadableAppeal(actor, appeal_id).status());
  const Status absent = Status::NotFound("no attachment " + std::to_string(id));
  auto a = store_->GetAttachment(id);
  if (!a.ok()) return a.status().code() == StatusCode::kNotFound ? absent : a.status();
  // A file of another appeal, or an internal one asked for by the enterprise, reads as absent.
  if (a->appeal_id != appeal_id || (a->internal && IsEnterprise(actor))) return absent;
  if (IsEnterprise(actor) && a->party.find("enterprise") == std::string::npos)
    a->uploaded_by.clear();
  return a;
}

}  // namespace ballast::app
