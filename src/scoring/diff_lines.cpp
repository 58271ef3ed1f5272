// Line diff by longest common subsequence.
//
// Lines are compared after trailing whitespace is dropped, and interned to
// integers so the dynamic programme compares numbers, not strings. The
// common prefix and suffix are matched first (an edit usually touches a few
// lines of a long file); the differing middle gets the classic table
// L[i][j] = length of the LCS of a[i..] and b[j..], walked forward to
// produce the edit script and group it into hunks. The table stores
// 16-bit lengths (an LCS is never longer than the shorter side, which is
// small whenever the table fits the cell budget); beyond the budget only
// the LCS length is computed, in two rows, and the middle is reported as
// one hunk (LineDiff::exact = false).

#include "evalbench/scoring/line_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace evalbench {

namespace {

constexpr std::size_t k_max_cells = 32u * 1024u * 1024u;  // 64 MiB of 16-bit cells

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == std::string_view::npos ? text.size() : end;
        std::string_view line = text.substr(at, end - at);
        const std::size_t last = line.find_last_not_of(" \t\r\f\v");
        lines.push_back(last == std::string_view::npos ? std::string_view{} : line.substr(0, last + 1));
        at = end + 1;
    }
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
    }
    return lines;
}

// Each distinct line gets a number; equal lines, equal numbers.
std::vector<std::uint32_t> intern(const std::vector<std::string_view>& lines,
                                  std::unordered_map<std::string_view, std::uint32_t>& ids) {
    std::vector<std::uint32_t> numbers;
    numbers.reserve(lines.size());
    for (std::string_view line : lines) {
        numbers.push_back(ids.emplace(line, static_cast<std::uint32_t>(ids.size())).first->second);
    }
    return numbers;
}

std::size_t lcs_length(const std::uint32_t* a, std::size_t n, const std::uint32_t* b, std::size_t m) {
    std::vector<std::size_t> previous(m + 1, 0);
    std::vector<std::size_t> current(m + 1, 0);
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        }
        std::swap(previous, current);
    }
    return previous[m];
}

}  // namespace

LineDiff diff_lines(std::string_view original, std::string_view edited) {
    std::unordered_map<std::string_view, std::uint32_t> ids;
    const std::vector<std::uint32_t> a = intern(split_lines(original), ids);
    const std::vector<std::uint32_t> b = intern(split_lines(edited), ids);

    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    const std::uint32_t* left = a.data() + prefix;
    const std::uint32_t* right = b.data() + prefix;

    LineDiff diff;
    if (n == 0 && m == 0) {
        return diff;
    }
    if ((n + 1) * (m + 1) > k_max_cells) {
        const std::size_t common = lcs_length(left, n, right, m);
        diff.added = m - common;
        diff.removed = n - common;
        diff.hunks = 1;
        diff.changed = std::max(diff.added, diff.removed);
        diff.first_changed_line = prefix + 1;
        diff.exact = false;
        return diff;
    }

    // table[i * (m + 1) + j] = LCS length of left[i..n) and right[j..m)
    std::vector<std::uint16_t> table((n + 1) * (m + 1), 0);
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            const std::size_t cell = i * (m + 1) + j;
            table[cell] = left[i] == right[j]
                              ? static_cast<std::uint16_t>(table[cell + m + 2] + 1)
                              : std::max(table[cell + m + 1], table[cell + 1]);
        }
    }

    std::size_t hunk_added = 0;
    std::size_t hunk_removed = 0;
    const auto close_hunk = [&] {
        if (hunk_added + hunk_removed > 0) {
            ++diff.hunks;
            diff.changed += std::max(hunk_added, hunk_removed);
            diff.added += hunk_added;
            diff.removed += hunk_removed;
        }
        hunk_added = 0;
        hunk_removed = 0;
    };
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && left[i] == right[j]) {
            close_hunk();
            ++i;
            ++j;
            continue;
        }
        if (diff.first_changed_line == 0) {
            diff.first_changed_line = prefix + i + 1;
        }
        if (j == m || (i < n && table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1])) {
            ++hunk_removed;
            ++i;
        } else {
            ++hunk_added;
            ++j;
        }
    }
    close_hunk();
    return diff;
}

}  // namespace evalbench
