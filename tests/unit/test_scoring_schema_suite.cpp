// The oracle: Debian's json-schema-test-suite (2.0.0, draft7). Every group
// of every file is compiled and every case validated; the test prints how
// many cases pass per file and in total. Groups are skipped only for a
// listed reason, and a group skipped because evalbench does not support
// what it needs (remote refs, $id scopes, content keywords, assertions
// beside $ref) must be
// *rejected* at compile: never silently mis-validated.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "evalbench/scoring/json_schema.hpp"

namespace {

namespace fs = std::filesystem;
using evalbench::Json;
using evalbench::JsonSchema;

const fs::path k_suite_dir = "/usr/share/json-schema-test-suite/tests/draft7";

enum class Skip { none, must_reject, annotation };

struct SkipReason {
    Skip kind = Skip::none;
    std::string why;
};

// Keys that may stand beside a `$ref` in any draft.
const std::set<std::string> k_ref_companions = {"$ref",     "$id",       "definitions", "$defs",   "$schema",
                                                "$comment", "title",     "description", "default", "examples",
                                                "readOnly", "writeOnly", "format"};

// Scans a schema for what evalbench deliberately does not support.
void scan(const Json& schema, bool at_root, SkipReason& reason) {
    if (schema.is_array()) {
        for (const Json& item : schema) {
            scan(item, false, reason);
        }
        return;
    }
    if (!schema.is_object()) {
        return;
    }
    if (schema.contains("$ref") && !schema.contains("prefixItems")) {
        for (const auto& [key, value] : schema.items()) {
            std::ignore = value;  // only the keys matter here
            if (!k_ref_companions.contains(key)) {
                reason = {Skip::must_reject, "puts '" + key +
                                                 "' beside $ref (draft-07 ignores it, later drafts apply it): "
                                                 "evalbench rejects the ambiguity"};
                return;
            }
        }
    }
    for (const auto& [key, value] : schema.items()) {
        if (key == "$ref" && value.is_string() && !value.get<std::string>().starts_with("#")) {
            reason = {Skip::must_reject,
                      "needs a remote schema or $id-relative resolution ($ref '" + value.get<std::string>() + "')"};
            return;
        }
        if (key == "$id" && value.is_string() && !at_root) {
            reason = {Skip::must_reject, "needs $id-based resolution below the root"};
            return;
        }
        if (key == "contentMediaType" || key == "contentEncoding") {
            reason = {Skip::must_reject, "uses '" + key + "', which evalbench rejects as unsupported"};
            return;
        }
        if (key == "enum" || key == "const" || key == "default" || key == "examples") {
            continue;  // data, not schemas
        }
        scan(value, false, reason);
    }
}

SkipReason skip_reason(const fs::path& file, const Json& schema) {
    if (file.parent_path().filename() == "format" || file.filename() == "ecmascript-regex.json") {
        return {Skip::annotation, "'format' is an annotation in evalbench, not validated"};
    }
    SkipReason reason;
    scan(schema, true, reason);
    return reason;
}

std::vector<fs::path> suite_files() {
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(k_suite_dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("the validator agrees with the draft-07 JSON Schema test suite", "[scoring][schema]") {
    if (!fs::is_directory(k_suite_dir)) {
        FAIL("the oracle is missing: install Debian's json-schema-test-suite package (" << k_suite_dir << ")");
    }
    int total_run = 0;
    int total_passed = 0;
    int total_skipped = 0;
    std::vector<std::string> skipped_groups;
    for (const fs::path& file : suite_files()) {
        std::ifstream in(file);
        const Json groups = Json::parse(in);
        const std::string name = fs::relative(file, k_suite_dir).string();
        int run = 0;
        int passed = 0;
        int skipped = 0;
        for (const Json& group : groups) {
            const std::string description = group["description"].get<std::string>();
            INFO(name << " / " << description);
            const SkipReason reason = skip_reason(file, group["schema"]);
            auto compiled = JsonSchema::compile(group["schema"]);
            if (reason.kind != Skip::none) {
                if (reason.kind == Skip::must_reject) {
                    CHECK_FALSE(compiled.has_value());
                }
                skipped += static_cast<int>(group["tests"].size());
                skipped_groups.push_back(fmt::format("{} / {}: {}", name, description, reason.why));
                continue;
            }
            if (!compiled) {
                FAIL_CHECK("schema rejected: " << compiled.error().front().pointer << ": "
                                               << compiled.error().front().message);
                run += static_cast<int>(group["tests"].size());
                continue;
            }
            for (const Json& test : group["tests"]) {
                INFO("case: " << test["description"].get<std::string>() << "; data: " << test["data"].dump());
                const bool expected = test["valid"].get<bool>();
                const std::vector<evalbench::SchemaProblem> problems = compiled->validate(test["data"]);
                ++run;
                if (problems.empty() == expected) {
                    ++passed;
                }
                CHECK(problems.empty() == expected);
            }
        }
        std::cout << fmt::format("json-schema-test-suite draft7 {:<40} {:>3}/{:<3} passed{}\n", name, passed, run,
                                 skipped > 0 ? fmt::format(" ({} skipped)", skipped) : "");
        total_run += run;
        total_passed += passed;
        total_skipped += skipped;
    }
    for (const std::string& group : skipped_groups) {
        std::cout << "  skipped group: " << group << "\n";
    }
    const std::string summary =
        fmt::format("json-schema-test-suite draft7: {}/{} cases passed, {} skipped in {} groups", total_passed,
                    total_run, total_skipped, skipped_groups.size());
    std::cout << summary << "\n";
    WARN(summary);
    CHECK(total_run > 300);  // the suite was really read
    CHECK(total_passed == total_run);
}
