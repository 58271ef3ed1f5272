#include "evalbench/store/run_directory.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "evalbench/core/hash.hpp"
#include "evalbench/core/trial.hpp"

namespace evalbench {

namespace fs = std::filesystem;

std::string make_run_id(const std::string& manifest_name) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::string slug;
    for (char c : manifest_name) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
        slug += keep ? c : '-';
    }
    std::random_device device;
    return fmt::format("{:04}{:02}{:02}-{:02}{:02}{:02}-{}-{:04x}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec, slug.substr(0, 40), device() & 0xffff);
}

RunDirectory RunDirectory::create(const fs::path& path) {
    std::error_code error;
    if (fs::exists(path / "trials.jsonl", error) || fs::exists(path / "run.json", error)) {
        throw EvalError(Failure::bad_input,
                        fmt::format("{} already holds a run; choose another --out (runs are never overwritten)",
                                    path.string()));
    }
    fs::create_directories(path, error);
    if (error) {
        throw EvalError(Failure::bad_input, fmt::format("cannot create {}: {}", path.string(), error.message()));
    }
    return RunDirectory(path);
}

RunDirectory RunDirectory::open(const fs::path& path) {
    if (!fs::exists(path / "run.json")) {
        throw EvalError(Failure::bad_input,
                        fmt::format("{} is not a run directory (no run.json in it)", path.string()));
    }
    return RunDirectory(path);
}

namespace {

fs::path common_root(const std::vector<fs::path>& files) {
    fs::path root = files.front().parent_path();
    for (const fs::path& file : files) {
        const fs::path dir = file.parent_path();
        fs::path common;
        auto a = root.begin();
        auto b = dir.begin();
        for (; a != root.end() && b != dir.end() && *a == *b; ++a, ++b) {
            common /= *a;
        }
        root = common;
    }
    return root;
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw EvalError(Failure::run_failed, fmt::format("cannot read {} to keep a copy in the run", path.string()));
    }
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

void RunDirectory::snapshot_inputs(const Manifest& manifest, RunInfo& info) const {
    std::vector<fs::path> files = manifest.input_files;
    const fs::path manifest_file = fs::absolute(manifest.path).lexically_normal();
    if (std::find(files.begin(), files.end(), manifest_file) == files.end()) {
        files.insert(files.begin(), manifest_file);
    }
    const fs::path root = common_root(files);
    for (const fs::path& file : files) {
        const fs::path relative = fs::path("inputs") / file.lexically_relative(root);
        const std::string bytes = file == manifest_file ? manifest.content : read_bytes(file);
        fs::create_directories((m_path / relative).parent_path());
        write_file(relative.string(), bytes);
        info.inputs.push_back({relative.generic_string(), sha256_hex(bytes)});
        if (file == manifest_file) {
            info.manifest_input = relative.generic_string();
        }
    }
}

Json RunDirectory::read_run_json() const {
    std::ifstream in(run_json_path(), std::ios::binary);
    Json json = Json::parse(in, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        throw EvalError(Failure::bad_input, fmt::format("{}: not valid JSON", run_json_path().string()));
    }
    const int version = json.value("schema_version", 0);
    if (version != k_schema_version) {
        throw EvalError(Failure::bad_input, fmt::format("{}: schema_version {} is not one this evalbench reads ({})",
                                                        run_json_path().string(), version, k_schema_version));
    }
    return json;
}

fs::path RunDirectory::manifest_copy() const {
    const Json json = read_run_json();
    const std::string relative = json.contains("inputs") ? json["inputs"].value("manifest", "") : "";
    if (relative.empty() || !fs::exists(m_path / relative)) {
        throw EvalError(Failure::bad_input,
                        fmt::format("{}: the run keeps no copy of its manifest (inputs.manifest)", m_path.string()));
    }
    return m_path / relative;
}

void RunDirectory::write_file(const std::string& name, const std::string& content) const {
    const fs::path target = m_path / name;
    const fs::path temporary = target.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out.flush()) {
            throw EvalError(Failure::run_failed, fmt::format("cannot write {}", temporary.string()));
        }
    }
    std::error_code error;
    fs::rename(temporary, target, error);
    if (error) {
        throw EvalError(Failure::run_failed, fmt::format("cannot write {}: {}", target.string(), error.message()));
    }
}

}  // namespace evalbench
