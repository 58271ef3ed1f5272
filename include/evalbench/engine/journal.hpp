#pragma once
// The run journal: trials.jsonl, one scored trial per line, appended the
// moment a trial is scored so a crash or Ctrl-C loses nothing finished.

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <vector>

#include "evalbench/core/trial.hpp"

namespace evalbench {

enum class JournalMode { create, append };

class Journal {
public:
    // Throws EvalError(run_failed) when the file cannot be opened.
    Journal(const std::filesystem::path& path, JournalMode mode);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // Thread-safe. Writes one line and flushes it to the OS.
    void append(const TrialResult& trial);

    // Reads every complete line. A torn last line (the process died while
    // writing it) is skipped; any other malformed line is an error naming
    // file:line.
    static std::vector<TrialResult> read(const std::filesystem::path& path);

private:
    std::FILE* m_file = nullptr;
    std::filesystem::path m_path;
    std::mutex m_mutex;
};

}  // namespace evalbench
