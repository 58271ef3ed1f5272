#include <catch2/catch.hpp>

#include "evalbench/store/run_directory.hpp"
#include "support/temp_dir.hpp"

using namespace evalbench;

TEST_CASE("run ids sort by time and carry the manifest name", "[store]") {
    const std::string id = make_run_id("my bench/v2");
    CHECK(id.size() > 20);
    CHECK(id.find("my-bench-v2") != std::string::npos);
    CHECK(id.substr(0, 2) == "20");
}

TEST_CASE("a run directory is never overwritten", "[store]") {
    test::TempDir dir;
    const RunDirectory run = RunDirectory::create(dir.path() / "runs" / "a");
    run.write_file("run.json", "{}");
    CHECK_THROWS_WITH(RunDirectory::create(dir.path() / "runs" / "a"), Catch::Contains("already holds a run"));
    CHECK_THROWS_WITH(RunDirectory::open(dir.path() / "nothing"), Catch::Contains("not a run directory"));
}

TEST_CASE("inputs are copied with their layout and the manifest copy is found again", "[store]") {
    test::TempDir dir;
    const auto manifest_path = dir.write("project/manifests/m.yaml", "name: m\n");
    const auto suite_path = dir.write("project/suites/s.yaml", "cases: []\n");
    Manifest manifest;
    manifest.path = manifest_path;
    manifest.content = "name: m\n";
    manifest.input_files = {manifest_path, suite_path};

    const RunDirectory run = RunDirectory::create(dir.path() / "run");
    RunInfo info;
    run.snapshot_inputs(manifest, info);
    CHECK(info.manifest_input == "inputs/manifests/m.yaml");
    REQUIRE(info.inputs.size() == 2);
    CHECK(info.inputs[1].path == "inputs/suites/s.yaml");
    CHECK(test::read_file(dir.path() / "run" / "inputs/suites/s.yaml") == "cases: []\n");
    run.write_file("run.json", Json{{"schema_version", 1}, {"inputs", {{"manifest", info.manifest_input}}}}.dump());
    CHECK(run.manifest_copy() == dir.path() / "run" / "inputs/manifests/m.yaml");
}

TEST_CASE("the git commit is read from .git without a git binary", "[store]") {
    test::TempDir dir;
    const std::string hash(40, 'c');
    dir.write("repo/.git/HEAD", "ref: refs/heads/main\n");
    dir.write("repo/.git/refs/heads/main", hash + "\n");
    dir.write("repo/sub/file", "");
    CHECK(git_commit_of(dir.path() / "repo" / "sub") == hash);
    dir.write("packed/.git/HEAD", "ref: refs/heads/dev\n");
    dir.write("packed/.git/packed-refs", "# pack-refs\n" + std::string(40, 'd') + " refs/heads/dev\n");
    CHECK(git_commit_of(dir.path() / "packed") == std::string(40, 'd'));
}
