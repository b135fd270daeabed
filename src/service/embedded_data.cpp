// The shipped calendar and service catalogue, linked into the binary.
#include <cstddef>

#include "core/incbin.h"
#include "service/calendar.h"
#include "service/catalogue.h"


BALLAST_INCBIN(ballast_service_calendar, BALLAST_DATA_DIR "/calendar/cn_workdays_2023_2026.json")
BALLAST_INCBIN(ballast_service_categories, BALLAST_DATA_DIR "/service/categories.json")
BALLAST_INCBIN(ballast_service_dispatch, BALLAST_DATA_DIR "/service/dispatch.json")

namespace ballast::service {

std::string_view EmbeddedCalendarJson() { return BALLAST_INCBIN_VIEW(ballast_service_calendar); }
std::string_view EmbeddedCategoriesJson() { return BALLAST_INCBIN_VIEW(ballast_service_categories); }
std::string_view EmbeddedDispatchJson() { return BALLAST_INCBIN_VIEW(ballast_service_dispatch); }

}  // namespace ballast::service
