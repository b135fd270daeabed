#include "cli/bulletin_commands.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "app/ballast.h"
#include "app/bulletin.h"
#include "cli/auth_commands.h"

namespace ballast::cli {

int RunBulletin(const BulletinArgs& args, std::ostream& out, std::ostream& err) {
  auto fail = [&err](const Status& st) {
    err << "error: " << st.message() << "\n";
    return st.IsUserError() ? 2 : 1;
  };
  std::vector<app::BulletinFormat> formats;
  std::stringstream list(args.formats);
  for (std::string f; std::getline(list, f, ',');) {
    auto parsed = app::ParseBulletinFormat(f, "--format");
    if (!parsed.ok()) return fail(parsed.status());
    formats.push_back(*parsed);
  }
  if (formats.empty())
    return fail(Status::Invalid("--format: give docx, pdf or xlsx (comma-separated)"));
  std::error_code ec;
  std::filesystem::create_directories(args.out, ec);
  if (ec || !std::filesystem::is_directory(args.out)) {
    return fail(Status::Invalid("--out: cannot create the directory " + args.out));
  }
  auto b = app::Ballast::Open(args.db, StoreOptions());
  if (!b.ok()) return fail(b.status());
  auto bulletin =
      app::BuildBulletin(**b, app::Caller::Local(args.user), {args.period, args.region});
  if (!bulletin.ok()) return fail(bulletin.status());
  for (auto format : formats) {
    auto file = app::RenderBulletin(*bulletin, format);
    if (!file.ok()) return fail(file.status());
    const std::string path = (std::filesystem::path(args.out) / file->name).string();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
    f.close();
    if (!f) return fail(Status::Internal("cannot write " + path));
    out << "wrote " << path << " (" << file->bytes.size() << " bytes)\n";
  }
  return 0;
}

}  // namespace ballast::cli
