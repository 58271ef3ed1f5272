// Reads the current commit straight from .git so provenance needs no git
// binary: HEAD is either a hash or "ref: refs/heads/x", and the ref lives in
// its own file or in packed-refs.

#include <fstream>
#include <string>

#include "evalbench/store/run_directory.hpp"

namespace evalbench {
namespace {

std::string first_line(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string ref_from_packed(const std::filesystem::path& git_dir, const std::string& ref) {
    std::ifstream in(git_dir / "packed-refs");
    std::string line;
    while (std::getline(in, line)) {
        if (line.size() > 41 && line.compare(41, std::string::npos, ref) == 0) {
            return line.substr(0, 40);
        }
    }
    return "";
}

}  // namespace

std::string git_commit_of(const std::filesystem::path& dir) {
    std::error_code error;
    for (std::filesystem::path at = std::filesystem::absolute(dir, error); !at.empty(); at = at.parent_path()) {
        const std::filesystem::path git_dir = at / ".git";
        if (std::filesystem::is_directory(git_dir, error)) {
            const std::string head = first_line(git_dir / "HEAD");
            if (head.rfind("ref: ", 0) != 0) {
                return head.size() == 40 ? head : "";
            }
            const std::string ref = head.substr(5);
            const std::string loose = first_line(git_dir / ref);
            return loose.size() == 40 ? loose : ref_from_packed(git_dir, ref);
        }
        if (at == at.parent_path()) {
            break;
        }
    }
    return "";
}

}  // namespace evalbench
