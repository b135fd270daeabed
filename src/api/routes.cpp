// The route table: the routes of every area, in one list.
#include "api/route.h"

namespace ballast::api {

const std::vector<Route>& ApiRoutes() {
  static const std::vector<Route> routes = [] {
    std::vector<Route> all;
    // ServiceJointRoutes before ServiceRoutes: /appeals/{id}/{action} would swallow /co-units;
    // ProjectFactorRoutes before ProjectRoutes: /projects/{id} would swallow /projects/factors.
    for (auto area : {CoreRoutes, AnalysisRoutes, WarnRoutes, ServiceJointRoutes, ServiceRoutes, OpsRoutes,
                      MonthRoutes, ChainRoutes, RegionSeriesRoutes, BulletinRoutes, ProjectFactorRoutes, ProjectRoutes, ParkRoutes,
                      CultivationRoutes,
                      BenefitRoutes /* policy matching (issue 14 item 6) */}) {
      for (auto& r : area()) all.push_back(std::move(r));
    }
    return all;
  }();
  return routes;
}

}  // namespace ballast::api
