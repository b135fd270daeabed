// `ballast demo`: creates the store if needed, fills it with a generated province
// (app/demo.h) and prints what it did, with the first administrator's password once.
#ifndef BALLAST_CLI_DEMO_H_
#define BALLAST_CLI_DEMO_H_

#include <ostream>
#include <string>

#include "app/demo.h"

namespace ballast::cli {

Status RunDemo(const std::string& db, const app::DemoOptions& options, std::ostream& out);

}  // namespace ballast::cli

#endif  // BALLAST_CLI_DEMO_H_
