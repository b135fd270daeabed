// Work that no reader waits for, run behind the readers: on a thread of lower CPU priority
// (nice), so that on a busy machine the requests a person waits for are scheduled first.
#ifndef BALLAST_CORE_BACKGROUND_H_
#define BALLAST_CORE_BACKGROUND_H_

#include <functional>

namespace ballast {

// How much lower than the caller's (nice steps) background work runs.
inline constexpr int kBackgroundNice = 10;

// Runs `work` on a thread `kBackgroundNice` steps nicer than the caller's and returns when it
// is done; what `work` throws is thrown here. Threads it starts (ParallelFor) inherit the
// priority. Where the priority cannot be lowered, `work` runs at the caller's.
void RunInBackground(const std::function<void()>& work);

// The calling thread's nice value (for the tests).
int ThreadNice();

}  // namespace ballast

#endif  // BALLAST_CORE_BACKGROUND_H_
