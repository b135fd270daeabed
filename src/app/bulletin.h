// The monthly bulletin (通报, issue #12 item 7): the region's headline growth of 规上工业增加值
// against its parent and the target, its children ranked by production, profits and the
// manufacturing share, the industry groups, roster entries and exits, and report completeness,
// as a DOCX, PDF or XLSX file. Every figure comes from the scoped analysis use cases
// (analysis.h), so scope and disclosure control hold as on every other route; the writers
// (src/report/) only lay them out.
#ifndef BALLAST_APP_BULLETIN_H_
#define BALLAST_APP_BULLETIN_H_

#include <string>
#include <string_view>
#include <vector>

#include "app/workspace.h"
#include "core/status.h"
#include "report/bulletin.h"

namespace ballast::app {

class Ballast;
struct Caller;

struct BulletinRequest {
  std::string period;  // YYYY-MM; empty = the default period (analysis.h DefaultPeriod)
  std::string region;  // GB/T 2260; empty = the caller's region, or 410000 for the whole country
  BatchId as_of = kLatestBatch;
};

enum class BulletinFormat { kDocx, kPdf, kXlsx };
const std::vector<BulletinFormat>& AllBulletinFormats();
// "docx" | "pdf" | "xlsx"; anything else is an InvalidArgument naming `field`.
Result<BulletinFormat> ParseBulletinFormat(std::string_view text,
                                           std::string_view field = "format");
std::string_view BulletinExtension(BulletinFormat f);
std::string_view BulletinContentType(BulletinFormat f);

struct BulletinFile {
  std::string name;  // bulletin-<region>-<period>.<ext>
  std::string content_type, bytes;
};

// The bulletin as data. Its figures are the published ones whoever asks (disclosure control as
// for a viewer, within the caller's scope). January is published with February (1–2月): a
// January period is an InvalidArgument; a region outside the caller's scope is PermissionDenied.
Result<report::Bulletin> BuildBulletin(Ballast& b, const Caller& caller,
                                       const BulletinRequest& request);
// One format of a built bulletin.
Result<BulletinFile> RenderBulletin(const report::Bulletin& bulletin, BulletinFormat format);
// Both steps.
Result<BulletinFile> MakeBulletin(Ballast& b, const Caller& caller, const BulletinRequest& request,
                                  BulletinFormat format);

}  // namespace ballast::app

#endif  // BALLAST_APP_BULLETIN_H_
