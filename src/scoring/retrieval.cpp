// Ranked-retrieval metrics and reading an answer as a ranking.
//
// The metrics follow the common IR definitions (trec_eval, BEIR): cut the
// ranking at k, count relevant hits, weight by rank. nDCG uses linear gain
// (the grade itself) and the log2(rank + 1) discount, normalised by the DCG
// of the best possible ordering of the relevant items; with binary relevance
// every relevant item has gain 1. A repeated id gains only at its first
// rank, so a model cannot pad a list with copies of one good hit.

#include "evalbench/scoring/retrieval.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <optional>
#include <set>

#include "diff_fenced.hpp"
#include "evalbench/core/json.hpp"

namespace evalbench {

namespace {

// Grades of the first k ranks; 0 for an irrelevant item or a repeat.
std::vector<double> gains_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k) {
    std::vector<double> gains;
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < ranked.size() && i < k; ++i) {
        const auto found = relevance.find(ranked[i]);
        const bool first_time = seen.insert(ranked[i]).second;
        gains.push_back(first_time && found != relevance.end() ? std::max(found->second, 0.0) : 0.0);
    }
    return gains;
}

std::size_t relevant_total(const Relevance& relevance) {
    return static_cast<std::size_t>(
        std::count_if(relevance.begin(), relevance.end(), [](const auto& entry) { return entry.second > 0.0; }));
}

std::size_t hits(const std::vector<double>& gains) {
    return static_cast<std::size_t>(std::count_if(gains.begin(), gains.end(), [](double gain) { return gain > 0.0; }));
}

double dcg(const std::vector<double>& gains) {
    double total = 0.0;
    for (std::size_t i = 0; i < gains.size(); ++i) {
        total += gains[i] / std::log2(static_cast<double>(i) + 2.0);  // rank i + 1 -> log2(rank + 1)
    }
    return total;
}

std::string_view trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// "1." "12)" "-" "*" "+" "•" followed by a space; returns the rest, or
// nothing when the line has no marker.
std::optional<std::string_view> after_marker(std::string_view line) {
    std::size_t at = 0;
    while (at < line.size() && std::isdigit(static_cast<unsigned char>(line[at])) != 0) {
        ++at;
    }
    if (at > 0) {
        if (at < line.size() && (line[at] == '.' || line[at] == ')')) {
            return line.substr(at + 1);
        }
        return std::nullopt;
    }
    if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")) {
        return line.substr(2);
    }
    if (line.starts_with("\xE2\x80\xA2")) {  // U+2022 BULLET
        return line.substr(3);
    }
    return std::nullopt;
}

// `doc`, **doc**, "doc", 'doc' -> doc (repeatedly: **`doc`**). Underscores
// are left alone: `__init__` is an id, not emphasis.
std::string_view strip_wrapping(std::string_view item) {
    item = trim(item);
    for (bool changed = true; changed && item.size() >= 2;) {
        changed = false;
        for (std::string_view wrap : {"**", "`", "\"", "'", "*"}) {
            if (item.size() >= 2 * wrap.size() && item.starts_with(wrap) && item.ends_with(wrap)) {
                item = trim(item.substr(wrap.size(), item.size() - 2 * wrap.size()));
                changed = true;
                break;
            }
        }
    }
    return item;
}

std::optional<std::vector<std::string>> json_ranking(std::string_view text) {
    const Json parsed = Json::parse(text.begin(), text.end(), nullptr, false);
    if (!parsed.is_array()) {
        return std::nullopt;
    }
    std::vector<std::string> ranked;
    for (const Json& item : parsed) {
        const Json* id = &item;
        if (item.is_object() && item.contains("id")) {
            id = &item.at("id");
        }
        // An object without `id` is kept as an (irrelevant) item so that the
        // ranks of the items after it stay true.
        ranked.push_back(id->is_string() ? id->get<std::string>() : id->dump());
    }
    return ranked;
}

}  // namespace

std::vector<std::string> parse_ranked_list(std::string_view answer) {
    const std::string_view trimmed = trim(answer);
    if (std::optional<std::vector<std::string>> ranked = json_ranking(trimmed)) {
        return *ranked;
    }
    const std::optional<std::string> block = first_fenced_block(answer);
    if (block) {
        if (std::optional<std::vector<std::string>> ranked = json_ranking(trim(*block))) {
            return *ranked;
        }
    }
    const std::string_view text = block ? *block : trimmed;
    std::vector<std::string_view> plain;
    std::vector<std::string_view> marked;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == std::string_view::npos ? text.size() : end;
        const std::string_view line = trim(text.substr(at, end - at));
        if (!line.empty()) {
            plain.push_back(line);
            if (const std::optional<std::string_view> rest = after_marker(line)) {
                marked.push_back(*rest);
            }
        }
        at = end + 1;
    }
    std::vector<std::string> ranked;
    for (std::string_view line : marked.empty() ? plain : marked) {
        const std::string_view item = strip_wrapping(line);
        if (!item.empty()) {
            ranked.emplace_back(item);
        }
    }
    return ranked;
}

std::vector<std::string> resolve_ids(std::vector<std::string> items, const Relevance& relevance) {
    for (std::string& item : items) {
        if (relevance.contains(item)) {
            continue;
        }
        std::size_t best = 0;
        const std::string* resolved = nullptr;
        for (const auto& [id, grade] : relevance) {
            std::ignore = grade;  // any listed id may be named, relevant or not
            if (id.empty() || id.size() <= best || id.size() >= item.size() || !item.starts_with(id)) {
                continue;
            }
            const char next = item[id.size()];
            // A bare '-' is not a separator: "doc-3" must not become "doc".
            const bool separated = next == ' ' || next == '\t' || next == ':' || next == ',' || next == ';' ||
                                   next == '(' || next == '[' ||
                                   item.compare(id.size(), 3, "\xE2\x80\x94") == 0 ||  // em dash
                                   item.compare(id.size(), 3, "\xE2\x80\x93") == 0;    // en dash
            if (separated) {
                best = id.size();
                resolved = &id;
            }
        }
        if (resolved != nullptr) {
            item = *resolved;
        }
    }
    return items;
}

double precision_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k) {
    if (k == 0) {
        return 0.0;
    }
    return static_cast<double>(hits(gains_at_k(ranked, relevance, k))) / static_cast<double>(k);
}

double recall_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k) {
    const std::size_t total = relevant_total(relevance);
    if (total == 0) {
        return 0.0;
    }
    return static_cast<double>(hits(gains_at_k(ranked, relevance, k))) / static_cast<double>(total);
}

double reciprocal_rank_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k) {
    const std::vector<double> gains = gains_at_k(ranked, relevance, k);
    for (std::size_t i = 0; i < gains.size(); ++i) {
        if (gains[i] > 0.0) {
            return 1.0 / static_cast<double>(i + 1);
        }
    }
    return 0.0;
}

double ndcg_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k) {
    std::vector<double> ideal;
    for (const auto& [id, grade] : relevance) {
        if (grade > 0.0) {
            ideal.push_back(grade);
        }
    }
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    if (ideal.size() > k) {
        ideal.resize(k);
    }
    const double ideal_dcg = dcg(ideal);
    if (ideal_dcg <= 0.0) {
        return 0.0;
    }
    return dcg(gains_at_k(ranked, relevance, k)) / ideal_dcg;
}

RetrievalMetrics retrieval_metrics(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k) {
    return {precision_at_k(ranked, relevance, k), recall_at_k(ranked, relevance, k),
            reciprocal_rank_at_k(ranked, relevance, k), ndcg_at_k(ranked, relevance, k)};
}

}  // namespace evalbench
