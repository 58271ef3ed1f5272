#include "run_setup.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/engine/dispatcher.hpp"
#include "evalbench/engine/journal.hpp"
#include "evalbench/providers/embeddings.hpp"
#include "evalbench/providers/http.hpp"
#include "evalbench/providers/secrets.hpp"
#include "evalbench/report/markdown.hpp"
#include "evalbench/report/run_json.hpp"

namespace evalbench {

namespace fs = std::filesystem;

std::map<std::string, Provider*> RunServices::provider_pointers() const {
    std::map<std::string, Provider*> pointers;
    for (const auto& [id, provider] : providers) {
        pointers[id] = provider.get();
    }
    return pointers;
}

namespace {

Json filter_json(const PlanFilter& filter) {
    return {{"models", filter.model_ids},
            {"tags", filter.tags},
            {"categories", filter.categories},
            {"cases", filter.case_ids},
            {"repeat", filter.repeat}};
}

PlanFilter filter_from_json(const Json& json) {
    PlanFilter filter;
    filter.model_ids = json.value("models", std::vector<std::string>{});
    filter.tags = json.value("tags", std::vector<std::string>{});
    filter.categories = json.value("categories", std::vector<std::string>{});
    filter.case_ids = json.value("cases", std::vector<std::string>{});
    filter.repeat = json.value("repeat", 0);
    return filter;
}

// --resume: the run's own copy of the manifest and its recorded filters; the
// plan minus every trial key already in the journal.
PreparedRun prepare_resume(const RunOptions& options) {
    RunDirectory directory = RunDirectory::open(options.resume);
    const Json recorded = directory.read_run_json();
    auto manifest = std::make_unique<Manifest>(load_validated_manifest(directory.manifest_copy().string()));
    const Json recorded_options = recorded.value("options", Json::object());
    std::vector<Trial> planned = plan_trials(*manifest, filter_from_json(recorded_options.value("filter", Json::object())));
    std::vector<TrialResult> previous = Journal::read(directory.trials_path());
    std::set<TrialKey> done;
    for (const TrialResult& trial : previous) {
        done.insert(trial.key);
    }
    std::erase_if(planned, [&](const Trial& trial) { return done.contains(trial.key); });
    RunInfo info;
    info.run_id = recorded.value("run_id", directory.path().filename().string());
    info.started_at = recorded.value("started_at", utc_timestamp());
    info.resumed_from = directory.path().string();
    info.options = recorded_options;
    const fs::path out = directory.path();
    return PreparedRun{std::move(manifest), std::move(planned), std::move(previous), std::move(info), out,
                       std::move(directory)};
}

}  // namespace

PreparedRun prepare_run(const RunOptions& options) {
    if (!options.resume.empty()) {
        return prepare_resume(options);
    }
    std::string manifest_path = options.manifest;
    if (!options.from.empty()) {
        manifest_path = RunDirectory::open(options.from).manifest_copy().string();
    }
    if (manifest_path.empty()) {
        throw EvalError(Failure::bad_input, "run: give a MANIFEST, or --from RUN, or --resume RUN");
    }
    auto manifest = std::make_unique<Manifest>(load_validated_manifest(manifest_path));
    std::vector<Trial> trials = plan_trials(*manifest, options.filter);

    RunInfo info;
    info.run_id = make_run_id(manifest->name);
    info.started_at = utc_timestamp();
    info.options = {{"filter", filter_json(options.filter)},
                    {"concurrency", options.concurrency > 0 ? options.concurrency : manifest->defaults.concurrency},
                    {"cache", !options.no_cache},
                    {"stream", options.stream},
                    {"unsafe_no_sandbox", options.unsafe_no_sandbox}};
    if (!options.from.empty()) {
        info.options["from"] = options.from;
    }
    const fs::path out = options.out.empty() ? fs::path("runs") / info.run_id : fs::path(options.out);
    info.run_id = out.lexically_normal().filename().string();
    if (fs::exists(out / "trials.jsonl") || fs::exists(out / "run.json")) {
        throw EvalError(Failure::bad_input,
                        fmt::format("{} already holds a run; choose another --out (runs are never overwritten)",
                                    out.string()));
    }
    return PreparedRun{std::move(manifest), std::move(trials), {}, std::move(info), out, std::nullopt};
}

void open_run_directory(PreparedRun& prepared) {
    if (!prepared.directory) {
        prepared.directory = RunDirectory::create(prepared.out);
    }
}

namespace {

// A `.env` beside the manifest (for --from/--resume: in the current
// directory, since a run never keeps a copy of secrets).
std::map<std::string, std::string> read_dotenv(const Manifest& manifest, const RunOptions& options) {
    const bool original = options.from.empty() && options.resume.empty();
    const fs::path path = original ? manifest.dir / ".env" : fs::path(".env");
    return fs::exists(path) ? parse_dotenv(path) : std::map<std::string, std::string>{};
}

// `similar` checks embed through the manifest's `embeddings` endpoint; the
// same text (a case's reference, repeated answers) is embedded once.
Embedder make_embedder(const Manifest& manifest, const std::map<std::string, std::string>& dotenv) {
    if (!manifest.embeddings) {
        return {};
    }
    ModelSpec endpoint;
    endpoint.id = "embeddings";
    endpoint.provider = "openai";
    endpoint.base_url = manifest.embeddings->base_url;
    endpoint.api_key_env = manifest.embeddings->api_key_env;
    endpoint.model = manifest.embeddings->model;
    EmbeddingsOptions embeddings;
    embeddings.base_url = endpoint.base_url;
    embeddings.model = endpoint.model;
    embeddings.timeout_s = manifest.defaults.timeout_s;
    if (std::optional<Credentials> credentials = resolve_credentials(endpoint, dotenv)) {
        embeddings.credentials = *credentials;
    }
    struct Memo {
        std::mutex mutex;
        std::map<std::string, std::vector<double>> vectors;
    };
    auto memo = std::make_shared<Memo>();
    std::shared_ptr<HttpClient> http = make_curl_http_client();
    return [memo, http, embeddings](const std::string& text) -> std::expected<std::vector<double>, std::string> {
        {
            const std::lock_guard<std::mutex> lock(memo->mutex);
            if (const auto found = memo->vectors.find(text); found != memo->vectors.end()) {
                return found->second;
            }
        }
        auto vector = fetch_embedding(*http, embeddings, text);
        if (vector) {
            const std::lock_guard<std::mutex> lock(memo->mutex);
            memo->vectors[text] = *vector;
        }
        return vector;
    };
}

}  // namespace

RunServices make_run_services(const Manifest& manifest, const std::vector<Trial>& trials, const RunOptions& options) {
    RunServices services;
    services.stats = std::make_shared<ProviderStats>();
    const std::map<std::string, std::string> dotenv = read_dotenv(manifest, options);
    ProviderSettings settings;
    settings.dotenv = dotenv;
    settings.base_dir = manifest.dir;
    settings.retries = manifest.defaults.retries;
    settings.timeout_s = manifest.defaults.timeout_s;
    settings.use_cache = !options.no_cache;
    settings.cache_dir = options.cache_dir;
    settings.force_stream = options.stream;
    settings.stats = services.stats;
    settings.cancelled = options.cancelled;
    std::set<std::string> used;
    for (const Trial& trial : trials) {
        used.insert(trial.key.model_id);
    }
    services.hub = std::make_unique<ProviderHub>(settings);
    for (const ModelSpec& model : manifest.models) {
        if (used.contains(model.id)) {
            services.providers[model.id] = services.hub->make_provider(model);
        }
    }
    ScoringOptions scoring;
    scoring.unsafe_no_sandbox = options.unsafe_no_sandbox;
    scoring.embed = make_embedder(manifest, dotenv);
    services.scorer = std::make_unique<Scorer>(manifest.cases, std::move(scoring));
    return services;
}

void write_run_files(PreparedRun& prepared, const Manifest& manifest, const RunSummary& summary,
                     const std::vector<TrialResult>& trials) {
    RunInfo& info = prepared.info;
    if (info.inputs.empty() && info.resumed_from.empty()) {
        info.evalbench_version = EVALBENCH_VERSION;
        info.git_commit = git_commit_of(manifest.dir);
        prepared.directory->snapshot_inputs(manifest, info);
    }
    if (info.evalbench_version.empty()) {
        info.evalbench_version = EVALBENCH_VERSION;
    }
    if (info.manifest_input.empty()) {
        // Resumed: keep pointing at the copy the run already holds.
        const Json recorded = prepared.directory->read_run_json();
        info.manifest_input = recorded["inputs"].value("manifest", "");
        for (const Json& file : recorded["inputs"].value("files", Json::array())) {
            info.inputs.push_back({file.value("path", ""), file.value("sha256", "")});
        }
        info.git_commit = recorded.value("git_commit", Json("")).is_string() ? recorded["git_commit"].get<std::string>() : "";
    }
    prepared.directory->write_file("run.json", run_json(info, manifest, summary).dump(2) + "\n");
    prepared.directory->write_file("report.md", markdown_report(info, manifest, summary, trials));
}

}  // namespace evalbench
