// The warning and target subcommands, as plain functions that main.cpp wires into CLI11:
//   ballast warn --db FILE [--now ISO]                    evaluate, print the summary and alerts
//   ballast alerts --db FILE [--level L] [--state S] [--region CODE] [--unit U] [--all]
//   ballast commodities import --db FILE --user U PATH
//   ballast targets --db FILE [--document ID] [--unit U] [--today YYYY-MM]
//   ballast progress add --db FILE --target ID --value X --date YYYY-MM-DD [--note N]
//                        [--attachment NAME] --user U
// Each returns the exit code (0 success, 2 bad input, 1 anything else) and writes messages to err.
#ifndef BALLAST_CLI_WARN_COMMANDS_H_
#define BALLAST_CLI_WARN_COMMANDS_H_

#include <ostream>
#include <string>

#include "app/episodes.h"
#include "app/policy.h"
#include "app/warnings_scoped.h"

namespace ballast::cli {

// The user the command line records as the actor ($USER, else "cli").
std::string DefaultUser();

int RunWarn(const std::string& db, std::ostream& out, std::ostream& err, const std::string& now = "");
int RunAlerts(const std::string& db, const app::AlertFilter& filter, std::ostream& out, std::ostream& err);
// Episodes with their counts and scores, most important first (app/episodes.h).
int RunEpisodes(const std::string& db, const app::EpisodeFilter& filter, std::ostream& out, std::ostream& err);
int RunCommoditiesImport(const std::string& db, const std::string& path, const std::string& user, std::ostream& out,
                         std::ostream& err);
int RunTargets(const std::string& db, const app::TargetFilter& filter, const std::string& today, std::ostream& out,
               std::ostream& err);
int RunProgressAdd(const std::string& db, const app::ProgressRequest& request, const std::string& user,
                   std::ostream& out, std::ostream& err);

// Printers, shared with tests.
void PrintWarnSummary(const app::WarnSummary& s, std::ostream& out);
void PrintAlerts(const std::vector<AlertRecord>& alerts, std::ostream& out);
void PrintTargets(const std::vector<app::TargetView>& targets, std::ostream& out);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_WARN_COMMANDS_H_
