// Wording a finished process for a check's reason; see sandbox_report.hpp.

#include "sandbox_report.hpp"

#include <signal.h>

#include <cstring>

#include <fmt/format.h>

namespace evalbench {

namespace {

constexpr std::size_t k_stderr_chars = 400;
constexpr std::size_t k_stdout_chars = 200;

}  // namespace

std::string excerpt(const std::string& text, std::size_t max_chars, ExcerptEnd keep) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && (text[begin] == '\n' || text[begin] == ' ' || text[begin] == '\r')) {
        ++begin;
    }
    while (end > begin && (text[end - 1] == '\n' || text[end - 1] == ' ' || text[end - 1] == '\r')) {
        --end;
    }
    std::string kept = text.substr(begin, end - begin);
    bool cut = false;
    if (kept.size() > max_chars) {
        cut = true;
        kept = keep == ExcerptEnd::head ? kept.substr(0, max_chars) : kept.substr(kept.size() - max_chars);
        // Do not leave half of a UTF-8 sequence at the cut.
        if (keep == ExcerptEnd::head) {
            std::size_t lead = kept.size() - 1;
            while (lead > 0 && (static_cast<unsigned char>(kept[lead]) & 0xC0) == 0x80) {
                --lead;
            }
            const auto byte = static_cast<unsigned char>(kept[lead]);
            const std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
            if (kept.size() - lead < length) {
                kept.erase(lead);
            }
        } else {
            while (!kept.empty() && (static_cast<unsigned char>(kept.front()) & 0xC0) == 0x80) {
                kept.erase(0, 1);
            }
        }
    }
    std::string shown;
    for (const char c : kept) {
        if (c == '\n') {
            shown += " ⏎ ";
        } else if (c != '\r') {
            shown.push_back(c);
        }
    }
    if (cut) {
        shown = keep == ExcerptEnd::head ? shown + " …" : "… " + shown;
    }
    return shown;
}

std::string describe_ending(const ProcessResult& result, double timeout_s) {
    if (result.timed_out) {
        return fmt::format("timed out after {:g} s (wall clock)", timeout_s);
    }
    switch (result.signal) {
    case 0: return fmt::format("exit {}", result.exit_code);
    case SIGXCPU: return "CPU time limit reached (SIGXCPU)";
    case SIGXFSZ: return "file size limit reached (SIGXFSZ)";
    case SIGKILL: return "killed (SIGKILL)";
    case SIGSEGV: return "crashed (SIGSEGV)";
    default: return fmt::format("killed by signal {} ({})", result.signal, strsignal(result.signal));
    }
}

std::string output_excerpts(const ProcessResult& result) {
    std::string text;
    const std::string err = excerpt(result.stderr_data, k_stderr_chars, ExcerptEnd::tail);
    const std::string out = excerpt(result.stdout_data, k_stdout_chars, ExcerptEnd::head);
    if (!err.empty()) {
        text += "stderr: " + err;
    }
    if (!out.empty()) {
        text += (text.empty() ? "" : "; ") + std::string("stdout: ") + out;
    }
    return text;
}

}  // namespace evalbench
