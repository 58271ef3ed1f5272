// Glob expansion walks the pattern one segment at a time: a literal segment
// descends into that one entry, a wildcard segment lists the directory and
// keeps the matching entries, and `**` tries the rest of the pattern both
// here and in every subdirectory below. Segment matching is the classic
// backtracking `*`/`?` matcher, linear in practice for path-sized inputs.

#include "files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace evalbench::loading {

namespace fs = std::filesystem;

fs::path absolute_normal(const fs::path& path) {
    std::error_code ignored;  // absolute() only fails without a working directory; keep the path then
    fs::path absolute = fs::absolute(path, ignored);
    if (absolute.empty()) {
        absolute = path;
    }
    fs::path normal = absolute.lexically_normal();
    // "dir/" normalises to "dir/" with an empty filename; drop it.
    if (!normal.has_filename() && normal.has_parent_path() && normal != normal.root_path()) {
        normal = normal.parent_path();
    }
    return normal;
}

std::string display_name(const fs::path& absolute) {
    std::error_code error;
    const fs::path cwd = fs::current_path(error);
    if (!error) {
        const fs::path relative = absolute.lexically_relative(cwd.lexically_normal());
        if (!relative.empty() && *relative.begin() != "..") {
            return relative.generic_string();
        }
    }
    return absolute.generic_string();
}

std::optional<std::string> read_bytes(const fs::path& path, std::string& error) {
    std::error_code status_error;
    const fs::file_status status = fs::status(path, status_error);
    if (!fs::exists(status)) {
        error = "no such file";
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        error = "is a directory, not a file";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot be read";
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        error = "cannot be read";
        return std::nullopt;
    }
    return bytes.str();
}

bool has_wildcards(std::string_view pattern) {
    return pattern.find_first_of("*?") != std::string_view::npos;
}

bool match_segment(std::string_view pattern, std::string_view name) {
    if (!name.empty() && name.front() == '.' && (pattern.empty() || pattern.front() != '.')) {
        return false;
    }
    std::size_t p = 0;
    std::size_t n = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

namespace {

void expand(const fs::path& dir, const std::vector<std::string>& segments, std::size_t index,
            std::vector<fs::path>& out) {
    if (index == segments.size()) {
        return;
    }
    const std::string& segment = segments[index];
    const bool last = index + 1 == segments.size();
    std::error_code error;
    if (segment == "**") {
        expand(dir, segments, index + 1, out);
        for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
            const std::string name = it->path().filename().string();
            if (!name.starts_with(".") && it->is_directory(error) && !it->is_symlink(error)) {
                expand(it->path(), segments, index, out);
            }
        }
        return;
    }
    if (!has_wildcards(segment)) {
        const fs::path next = dir / segment;
        if (last ? fs::is_regular_file(next, error) : fs::is_directory(next, error)) {
            if (last) {
                out.push_back(next);
            } else {
                expand(next, segments, index + 1, out);
            }
        }
        return;
    }
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        if (!match_segment(segment, it->path().filename().string())) {
            continue;
        }
        if (last && it->is_regular_file(error)) {
            out.push_back(it->path());
        } else if (!last && it->is_directory(error)) {
            expand(it->path(), segments, index + 1, out);
        }
    }
}

}  // namespace

std::vector<fs::path> expand_glob(const fs::path& base, const std::string& pattern) {
    const fs::path pattern_path(pattern);
    fs::path start = pattern_path.is_absolute() ? pattern_path.root_path() : base;
    std::vector<std::string> segments;
    for (const fs::path& part : pattern_path.relative_path()) {
        if (!part.empty()) {
            segments.push_back(part.string());
        }
    }
    std::vector<fs::path> found;
    expand(start, segments, 0, found);
    for (fs::path& path : found) {
        path = absolute_normal(path);
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

}  // namespace evalbench::loading
