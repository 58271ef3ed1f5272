#include "evalbench/analysis/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace evalbench {

namespace {
constexpr double k_z95 = 1.959963984540054;
}

Interval wilson_interval(long successes, long trials) {
    if (trials <= 0) {
        return {0.0, 1.0};
    }
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const double z2 = k_z95 * k_z95;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = k_z95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<MeanEstimate> mean_estimate(const std::vector<double>& values) {
    if (values.empty()) {
        return std::nullopt;
    }
    const double n = static_cast<double>(values.size());
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
    MeanEstimate estimate{mean, {mean, mean}, static_cast<long>(values.size())};
    if (values.size() >= 2) {
        double squares = 0.0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        const double standard_error = std::sqrt(squares / (n - 1)) / std::sqrt(n);
        estimate.ci = {mean - k_z95 * standard_error, mean + k_z95 * standard_error};
    }
    return estimate;
}

std::optional<Percentiles> percentiles(std::vector<double> values) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    auto rank = [&](double q) {
        const auto index = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
        return values[std::clamp<std::size_t>(index, 1, values.size()) - 1];
    };
    return Percentiles{rank(0.50), rank(0.90), rank(0.95), rank(0.99), values.back(),
                       static_cast<long>(values.size())};
}

}  // namespace evalbench
