// Calls the three functions that AL2023Compat forwards: hypot, hypotf and
// std::condition_variable::wait(std::unique_lock<std::mutex>&). Built on Debian 12 without
// AL2023Compat it requires GLIBC_2.35 and GLIBCXX_3.4.30; with it, only older versions.
// It prints "5 5" when both hypot calls return the right value and the wait returns.
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

int main() {
    std::mutex mutex;
    std::condition_variable condition;
    bool ready = false;

    std::thread notifier([&] {
        {
            std::lock_guard<std::mutex> lock(mutex);
            ready = true;
        }
        condition.notify_one();
    });
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (!ready) {
            condition.wait(lock);
        }
    }
    notifier.join();

    std::printf("%g %g\n", std::hypot(3.0, 4.0), static_cast<double>(hypotf(3.0f, 4.0f)));
    return 0;
}
