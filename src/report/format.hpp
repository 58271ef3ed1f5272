#pragma once
// Private number formatting shared by the writers.

#include <optional>
#include <string>

#include <fmt/format.h>

#include "evalbench/analysis/statistics.hpp"

namespace evalbench {

inline std::string percent(double share) {
    return fmt::format("{:.1f}%", 100.0 * share);
}

inline std::string percent_with_ci(double share, const Interval& ci) {
    return fmt::format("{:.1f}% [{:.0f}–{:.0f}]", 100.0 * share, 100.0 * ci.low, 100.0 * ci.high);
}

inline std::string score_text(const std::optional<double>& value) {
    return value ? fmt::format("{:.3f}", *value) : "n/a";
}

inline std::string usd_text(const std::optional<double>& value) {
    if (!value) {
        return "n/a";
    }
    return *value < 0.01 ? fmt::format("${:.5f}", *value) : fmt::format("${:.2f}", *value);
}

inline std::string ms_text(const std::optional<Percentiles>& p, double Percentiles::*field) {
    return p ? fmt::format("{:.0f}", (*p).*field) : "n/a";
}

// Keeps a table cell on one line and short.
inline std::string cell(const std::string& text, std::size_t limit = 120) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r') {
            out += ' ';
        } else if (c == '|') {
            out += "\\|";
        } else {
            out += c;
        }
        if (out.size() >= limit) {
            // Do not cut a UTF-8 sequence in half.
            while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) {
                out.pop_back();
            }
            if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) {
                out.pop_back();
            }
            return out + "…";
        }
    }
    return out;
}

}  // namespace evalbench
