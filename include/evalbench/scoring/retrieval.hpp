#pragma once
// Ranked-retrieval metrics for the `retrieval` check: the answer is read as
// a ranked list of ids and compared with the relevant ids (binary or graded).

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace evalbench {

// id -> relevance grade. Binary relevance is grade 1; grade 0 (or an id
// that is absent) is not relevant.
using Relevance = std::map<std::string, double>;

// Reads an answer as a ranked list, best first. In order of preference:
// - a JSON array (the whole answer, or the first fenced code block) of
//   strings, numbers, or objects with an `id` field;
// - one item per non-empty line; when some lines carry list markers
//   ("1.", "2)", "-", "*", "+", "•") only those lines are items, so a
//   sentence introducing the list is not ranked. Markdown emphasis and
//   quotes around an item (`doc-1`, **doc-1**, "doc-1") are stripped.
// Ids compare exactly (case-sensitive) after that.
std::vector<std::string> parse_ranked_list(std::string_view answer);

// Items written with a description ("doc-3: refund policy", "doc-3 (90%)")
// become the known id they start with, when a separator follows it (space,
// tab, ':', ',', ';', '(', '[', an em or en dash — not '-', which ids
// contain); the longest such id wins, and "doc-31" stays "doc-31" when only
// "doc-3" is known. Other items are kept as they are.
std::vector<std::string> resolve_ids(std::vector<std::string> items, const Relevance& relevance);

// In every metric an id repeated in the ranking counts only where it first
// appears: a later copy keeps its rank slot but gains nothing, so padding a
// list with duplicates cannot raise a score.

// Relevant items among the first k, divided by k (as trec_eval does: a list
// shorter than k is not rewarded for being short).
double precision_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k);

// Relevant items among the first k, divided by all relevant items (0 when
// there are none).
double recall_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k);

// 1 / rank of the first relevant item within the first k, 0 if none (MRR@k;
// averaged over cases it is the mean reciprocal rank).
double reciprocal_rank_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k);

// nDCG@k with linear gain: DCG = sum over ranks i = 1..k of grade_i / log2(i + 1),
// divided by the DCG of the ideal ordering (all grades sorted descending,
// cut at k). 0 when nothing is relevant.
double ndcg_at_k(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k);

struct RetrievalMetrics {
    double precision = 0.0;
    double recall = 0.0;
    double mrr = 0.0;
    double ndcg = 0.0;
};

RetrievalMetrics retrieval_metrics(const std::vector<std::string>& ranked, const Relevance& relevance, std::size_t k);

}  // namespace evalbench
