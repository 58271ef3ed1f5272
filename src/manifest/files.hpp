#pragma once
// File helpers for the loader: path normalisation, diagnostic file names,
// reading bytes, and glob expansion for `suites`.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evalbench::loading {

// Absolute and lexically normal (no `.`, `..` or doubled separators).
std::filesystem::path absolute_normal(const std::filesystem::path& path);

// How diagnostics name a file: relative to the working directory when the
// file is under it, otherwise absolute.
std::string display_name(const std::filesystem::path& absolute);

// The file's bytes, or nullopt with `error` set ("no such file", ...).
std::optional<std::string> read_bytes(const std::filesystem::path& path, std::string& error);

// True when a pattern uses `*`, `?` or `**`.
bool has_wildcards(std::string_view pattern);

// Matches one path segment against `*` (any run of characters) and `?` (one
// character). Neither matches a leading `.` unless the pattern has one.
bool match_segment(std::string_view pattern, std::string_view name);

// Regular files under `base` matching `pattern` (`/`-separated; a `**`
// segment matches zero or more directories), absolute, lexically normal,
// sorted and without duplicates. Symlinked directories are not followed by
// `**`, so a link cycle cannot make this loop.
std::vector<std::filesystem::path> expand_glob(const std::filesystem::path& base, const std::string& pattern);

}  // namespace evalbench::loading
