#pragma once
// Line diff for the `max-diff-lines` scope check: how many lines of the
// original an edited version touches.

#include <cstddef>
#include <string_view>

namespace evalbench {

struct LineDiff {
    std::size_t added = 0;    // lines only in the edited text
    std::size_t removed = 0;  // lines only in the original
    std::size_t hunks = 0;    // runs of consecutive changes
    // Changed lines: per hunk, the larger of its added and removed counts,
    // summed over hunks. Rewriting one line is 1 change (not 1 + 1); adding
    // three lines is 3; replacing two lines by five is 5.
    std::size_t changed = 0;
    std::size_t first_changed_line = 0;  // 1-based line of the original where the first hunk starts; 0 = none
    // False only for huge, very different inputs where the full edit script
    // would not fit in memory: then the differing middle is one hunk and
    // `changed` = max(added, removed), a lower bound of the exact count.
    bool exact = true;
};

// Compares line by line with a longest-common-subsequence diff. Trailing
// whitespace (including a '\r' of CRLF) on each line and blank lines at the
// end of either text are ignored.
LineDiff diff_lines(std::string_view original, std::string_view edited);

}  // namespace evalbench
