#pragma once
// Small, exact statistics used by summaries: intervals and percentiles.

#include <optional>
#include <vector>

namespace evalbench {

struct Interval {
    double low = 0.0;
    double high = 0.0;
};

// Wilson score interval for a proportion at 95% (z = 1.96); well-behaved at
// 0% and 100% and for small n, unlike the normal approximation.
Interval wilson_interval(long successes, long trials);

// Mean with a 95% normal-approximation interval (t-free; n >= 2 for a width).
struct MeanEstimate {
    double mean = 0.0;
    Interval ci;
    long n = 0;
};
std::optional<MeanEstimate> mean_estimate(const std::vector<double>& values);

struct Percentiles {
    double p50 = 0.0;
    double p90 = 0.0;
    double p95 = 0.0;
    double p99 = 0.0;
    double max = 0.0;
    long n = 0;
};
// Nearest-rank on the sorted values (what most latency dashboards show).
std::optional<Percentiles> percentiles(std::vector<double> values);

}  // namespace evalbench
