#include <catch2/catch.hpp>

#include <fstream>

#include "evalbench/engine/journal.hpp"
#include "support/temp_dir.hpp"

using namespace evalbench;

namespace {
TrialResult trial_for(const std::string& case_id, int repeat) {
    TrialResult trial;
    trial.key = {case_id, "m", "default", repeat};
    Completion completion;
    completion.content = "answer with \"quotes\" and\nnewlines";
    trial.completion = completion;
    trial.pass = true;
    return trial;
}
}  // namespace

TEST_CASE("the journal appends one line per trial and reads them back", "[engine]") {
    test::TempDir dir;
    const auto path = dir.path() / "trials.jsonl";
    {
        Journal journal(path, JournalMode::create);
        journal.append(trial_for("a", 0));
        journal.append(trial_for("b", 1));
    }
    const std::string text = test::read_file(path);
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
    const std::vector<TrialResult> trials = Journal::read(path);
    REQUIRE(trials.size() == 2);
    CHECK(trials[1].key.case_id == "b");
    CHECK(trials[1].completion->content == "answer with \"quotes\" and\nnewlines");
}

TEST_CASE("a torn last line is skipped on read and cut before appending", "[engine]") {
    test::TempDir dir;
    const auto path = dir.path() / "trials.jsonl";
    {
        Journal journal(path, JournalMode::create);
        journal.append(trial_for("a", 0));
    }
    {
        std::ofstream out(path, std::ios::app);
        out << R"({"schema_version":1,"case":"b","mo)";
    }
    CHECK(Journal::read(path).size() == 1);
    {
        Journal journal(path, JournalMode::append);
        journal.append(trial_for("c", 0));
    }
    const std::vector<TrialResult> trials = Journal::read(path);
    REQUIRE(trials.size() == 2);
    CHECK(trials[1].key.case_id == "c");
}

TEST_CASE("a malformed line in the middle of a journal is a located error", "[engine]") {
    test::TempDir dir;
    const auto path = dir.write("trials.jsonl", "not json\n{}\n");
    CHECK_THROWS_WITH(Journal::read(path), Catch::Contains("trials.jsonl:1"));
}
