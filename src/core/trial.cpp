// JSON form of scored trials: the journal line format (schema_version 1).

#include "evalbench/core/trial.hpp"

#include <fmt/format.h>

namespace evalbench {

std::string TrialKey::str() const {
    return fmt::format("{}|{}|{}|{}", case_id, model_id, variant_id, repeat);
}

Json to_json(const CheckResult& result) {
    Json json = {
        {"name", result.name},   {"pass", result.pass},     {"score", result.score},
        {"reason", result.reason}, {"weight", result.weight}, {"gate", result.gate},
        {"dimension", result.dimension},
    };
    if (result.errored) {
        json["errored"] = true;
    }
    return json;
}

Json to_json(const Completion& completion) {
    Json json = {
        {"content", completion.content},
        {"finish_reason", to_string(completion.finish)},
        {"finish_reason_raw", completion.finish_raw},
    };
    if (completion.refusal) {
        json["refusal"] = *completion.refusal;
    }
    if (!completion.tool_calls.empty()) {
        Json calls = Json::array();
        for (const ToolCall& call : completion.tool_calls) {
            calls.push_back(to_json(call));
        }
        json["tool_calls"] = calls;
    }
    json["usage"] = {
        {"input_tokens", completion.usage.input_tokens},
        {"output_tokens", completion.usage.output_tokens},
        {"reasoning_tokens", completion.usage.reasoning_tokens},
        {"reported", completion.usage.reported},
    };
    json["served_model"] = completion.served_model;
    if (!completion.fingerprint.empty()) {
        json["system_fingerprint"] = completion.fingerprint;
    }
    json["latency_ms"] = completion.latency_ms;
    if (completion.ttft_ms) {
        json["ttft_ms"] = *completion.ttft_ms;
    }
    json["attempts"] = completion.attempts;
    json["queue_ms"] = completion.queue_ms;
    json["backoff_ms"] = completion.backoff_ms;
    json["cached"] = completion.cached;
    json["mock"] = completion.mock;
    return json;
}

Json to_json(const TrialResult& trial) {
    Json json = {
        {"schema_version", k_schema_version},
        {"case", trial.key.case_id},
        {"model", trial.key.model_id},
        {"variant", trial.key.variant_id},
        {"repeat", trial.key.repeat},
        {"case_version", trial.case_version},
        {"category", trial.category},
        {"prompt_hash", trial.prompt_hash},
        {"started_at", trial.started_at},
    };
    json["response"] = trial.completion ? to_json(*trial.completion) : Json(nullptr);
    if (trial.error) {
        json["error"] = {{"kind", trial.error->kind},
                         {"http_status", trial.error->http_status},
                         {"message", trial.error->message},
                         {"attempts", trial.error->attempts}};
    } else {
        json["error"] = nullptr;
    }
    Json checks = Json::array();
    for (const CheckResult& check : trial.checks) {
        checks.push_back(to_json(check));
    }
    json["checks"] = checks;
    json["dimensions"] = trial.dimensions;
    json["pass"] = trial.pass;
    json["score"] = trial.score;
    json["cost_usd"] = trial.cost_usd ? Json(*trial.cost_usd) : Json(nullptr);
    json["silent_refusal"] = trial.silent_refusal;
    json["refusal"] = trial.refusal;
    return json;
}

Completion completion_from_json(const Json& json) {
    Completion completion;
    completion.content = json.value("content", "");
    if (json.contains("refusal") && json["refusal"].is_string()) {
        completion.refusal = json["refusal"].get<std::string>();
    }
    completion.finish = finish_reason_from_string(json.value("finish_reason", "stop")).value_or(FinishReason::error);
    completion.finish_raw = json.value("finish_reason_raw", "");
    if (json.contains("tool_calls")) {
        for (const Json& call : json["tool_calls"]) {
            completion.tool_calls.push_back(tool_call_from_json(call));
        }
    }
    if (json.contains("usage")) {
        const Json& usage = json["usage"];
        completion.usage.input_tokens = usage.value("input_tokens", std::int64_t{0});
        completion.usage.output_tokens = usage.value("output_tokens", std::int64_t{0});
        completion.usage.reasoning_tokens = usage.value("reasoning_tokens", std::int64_t{0});
        completion.usage.reported = usage.value("reported", false);
    }
    completion.served_model = json.value("served_model", "");
    completion.fingerprint = json.value("system_fingerprint", "");
    completion.latency_ms = json.value("latency_ms", 0.0);
    if (json.contains("ttft_ms") && json["ttft_ms"].is_number()) {
        completion.ttft_ms = json["ttft_ms"].get<double>();
    }
    completion.attempts = json.value("attempts", 1);
    completion.queue_ms = json.value("queue_ms", 0.0);
    completion.backoff_ms = json.value("backoff_ms", 0.0);
    completion.cached = json.value("cached", false);
    completion.mock = json.value("mock", false);
    return completion;
}

TrialResult trial_from_json(const Json& json, const std::string& origin) {
    if (!json.is_object()) {
        throw EvalError(Failure::bad_input, fmt::format("{}: a trial record must be a JSON object", origin));
    }
    if (!json.contains("schema_version") || !json["schema_version"].is_number_integer()) {
        throw EvalError(Failure::bad_input, fmt::format("{}: trial record has no schema_version", origin));
    }
    const int version = json["schema_version"].get<int>();
    if (version != k_schema_version) {
        throw EvalError(Failure::bad_input,
                        fmt::format("{}: trial record has schema_version {}, this evalbench reads version {}; "
                                    "use the evalbench release that wrote it",
                                    origin, version, k_schema_version));
    }
    try {
        TrialResult trial;
        trial.key.case_id = json.at("case").get<std::string>();
        trial.key.model_id = json.at("model").get<std::string>();
        trial.key.variant_id = json.value("variant", "default");
        trial.key.repeat = json.at("repeat").get<int>();
        trial.case_version = json.value("case_version", "");
        trial.category = json.value("category", "");
        trial.prompt_hash = json.value("prompt_hash", "");
        trial.started_at = json.value("started_at", "");
        if (json.contains("response") && json["response"].is_object()) {
            trial.completion = completion_from_json(json["response"]);
        }
        if (json.contains("error") && json["error"].is_object()) {
            const Json& error = json["error"];
            trial.error = TrialError{error.value("kind", ""), error.value("http_status", 0),
                                     error.value("message", ""), error.value("attempts", 1)};
        }
        for (const Json& check : json.value("checks", Json::array())) {
            CheckResult result;
            result.name = check.value("name", "");
            result.pass = check.value("pass", false);
            result.score = check.value("score", 0.0);
            result.reason = check.value("reason", "");
            result.weight = check.value("weight", 1.0);
            result.gate = check.value("gate", true);
            result.dimension = check.value("dimension", "checks");
            result.errored = check.value("errored", false);
            trial.checks.push_back(std::move(result));
        }
        if (json.contains("dimensions") && json["dimensions"].is_object()) {
            for (const auto& [name, value] : json["dimensions"].items()) {
                trial.dimensions[name] = value.get<double>();
            }
        }
        trial.pass = json.value("pass", false);
        trial.score = json.value("score", 0.0);
        if (json.contains("cost_usd") && json["cost_usd"].is_number()) {
            trial.cost_usd = json["cost_usd"].get<double>();
        }
        trial.silent_refusal = json.value("silent_refusal", false);
        trial.refusal = json.value("refusal", "none");
        return trial;
    } catch (const nlohmann::json::exception& error) {
        throw EvalError(Failure::bad_input, fmt::format("{}: malformed trial record: {}", origin, error.what()));
    }
}

}  // namespace evalbench
