#include "evalbench/engine/journal.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

namespace evalbench {

namespace {

// A process that died mid-write leaves a last line without its newline.
// Appending after it would glue a new record onto the fragment, so the
// fragment is cut off first (its trial never finished and will be re-run).
void cut_torn_tail(const std::filesystem::path& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error || size == 0) {
        return;
    }
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.back() == '\n') {
        return;
    }
    const std::size_t last_newline = text.rfind('\n');
    std::filesystem::resize_file(path, last_newline == std::string::npos ? 0 : last_newline + 1, error);
}

}  // namespace

Journal::Journal(const std::filesystem::path& path, JournalMode mode) : m_path(path) {
    if (mode == JournalMode::append) {
        cut_torn_tail(path);
    }
    m_file = std::fopen(path.c_str(), mode == JournalMode::append ? "ab" : "wb");
    if (m_file == nullptr) {
        throw EvalError(Failure::run_failed,
                        fmt::format("cannot open journal {}: {}", path.string(), std::strerror(errno)));
    }
}

Journal::~Journal() {
    if (m_file != nullptr) {
        std::fclose(m_file);
    }
}

void Journal::append(const TrialResult& trial) {
    std::string line = to_json(trial).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line += '\n';
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size() || std::fflush(m_file) != 0) {
        throw EvalError(Failure::run_failed,
                        fmt::format("cannot write journal {}: {}", m_path.string(), std::strerror(errno)));
    }
}

std::vector<TrialResult> Journal::read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw EvalError(Failure::bad_input, fmt::format("{}: cannot read the journal", path.string()));
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<TrialResult> trials;
    std::size_t start = 0;
    int line_number = 0;
    while (start < text.size()) {
        ++line_number;
        const std::size_t end = text.find('\n', start);
        const bool torn = end == std::string::npos;
        const std::string line = text.substr(start, torn ? std::string::npos : end - start);
        start = torn ? text.size() : end + 1;
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        Json json = Json::parse(line, nullptr, false);
        if (json.is_discarded()) {
            if (torn) {
                break;  // the writer died mid-line: that trial never finished
            }
            throw EvalError(Failure::bad_input,
                            fmt::format("{}:{}: journal line is not valid JSON", path.string(), line_number));
        }
        trials.push_back(trial_from_json(json, fmt::format("{}:{}", path.string(), line_number)));
    }
    return trials;
}

}  // namespace evalbench
