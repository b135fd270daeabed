// What seed 004's project targets count, from the register (issue 15 item 1: "seed 004's 三个一批
// and 亿元项目 targets follow these figures"). Definitions in docs/projects.md ("Targets").
#ifndef BALLAST_PROJECTS_TARGET_COUNTS_H_
#define BALLAST_PROJECTS_TARGET_COUNTS_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "projects/project.h"

namespace ballast::projects {

// 10亿元 = 100,000 万元: "10亿元以上重大先进制造业项目".
constexpr double kMajorProjectInWan = 100000.0;

// 三个一批 rounds held in `year`: the quarters in which at least one project was signed, started or
// put into production (its actual date of the stage lies in the quarter), 0–4.
int RoundsHeld(const std::vector<Project>& projects, int year);

// "各地每年引进3个10亿元以上重大先进制造业项目": for each city (the keys of `cities`, each
// mapping to itself), the projects signed in `year` (actual date) with a total investment of at
// least 10亿元 in manufacturing (GB/T 4754 section C: divisions 13–43); `city_of` maps a
// project's region to its city ("" outside every city). Every city appears, with 0 if none.
std::map<std::string, int> MajorProjectsByCity(
    const std::vector<Project>& projects, int year, const std::vector<std::string>& cities,
    const std::function<std::string(const std::string&)>& city_of);

// Any project with an actual date of signing, start or production in `year`: without one the
// register says nothing of that year (the reported progress stands).
bool AnyActivity(const std::vector<Project>& projects, int year);

}  // namespace ballast::projects

#endif  // BALLAST_PROJECTS_TARGET_COUNTS_H_
