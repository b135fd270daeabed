// The shipped calendar and service catalogue, linked into the binary.
#include <cstddef>

#include "service/calendar.h"
#include "service/catalogue.h"

#define BALLAST_SERVICE_INCBIN(name, path)                                                       \
  __asm__(".section .rodata\n.global " #name "_begin\n.balign 16\n" #name "_begin:\n.incbin \"" path \
          "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.previous\n");                      \
  extern "C" const char name##_begin[];                                                          \
  extern "C" const char name##_end[];

BALLAST_SERVICE_INCBIN(ballast_service_calendar, BALLAST_DATA_DIR "/calendar/cn_workdays_2023_2026.json")
BALLAST_SERVICE_INCBIN(ballast_service_categories, BALLAST_DATA_DIR "/service/categories.json")
BALLAST_SERVICE_INCBIN(ballast_service_dispatch, BALLAST_DATA_DIR "/service/dispatch.json")

namespace ballast::service {

#define BALLAST_SERVICE_VIEW(name) \
  std::string_view(name##_begin, static_cast<size_t>(name##_end - name##_begin))

std::string_view EmbeddedCalendarJson() { return BALLAST_SERVICE_VIEW(ballast_service_calendar); }
std::string_view EmbeddedCategoriesJson() { return BALLAST_SERVICE_VIEW(ballast_service_categories); }
std::string_view EmbeddedDispatchJson() { return BALLAST_SERVICE_VIEW(ballast_service_dispatch); }

}  // namespace ballast::service
