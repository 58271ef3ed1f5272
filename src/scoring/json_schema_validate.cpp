// Validating an instance against the compiled node tree. One walk, two
// modes: collecting (every violation, each with the instance pointer and the
// schema keyword that failed) and deciding (stop at the first violation).
// Applicators that only ask "does it match?" (anyOf, oneOf, not, if,
// contains, propertyNames) run a deciding walk, so a failed branch costs
// nothing to report unless the whole keyword fails; then, in collecting
// mode, each branch's first violation is added to the message to say why.
//
// The walk recurses once per schema level and instance level; a depth limit
// turns a pathologically deep answer into a violation instead of a stack
// overflow. (Same-instance loops cannot happen: compiling rejects them.)

#include <algorithm>

#include <fmt/format.h>

#include "json_schema_validator.hpp"

namespace evalbench::schema {

namespace {

constexpr int k_max_depth = 512;

}  // namespace

std::string display(const std::string& pointer) {
    return pointer.empty() ? "(root)" : pointer;
}

bool Validator::fail(const Node& node, const char* keyword, const std::string& message) {
    if (m_out != nullptr) {
        m_out->push_back(
            {path, fmt::format("{} (schema #{}{}{})", message, node.pointer, *keyword ? "/" : "", keyword)});
    }
    return false;
}

bool Validator::matches(const Node& node, const Json& instance) const {
    Validator decider(nullptr, m_depth);
    return decider.check(node, instance);
}

std::string Validator::why_not(const std::vector<const Node*>& branches, const Json& instance) const {
    std::string reasons;
    for (std::size_t i = 0; i < branches.size() && i < 4; ++i) {
        std::vector<SchemaProblem> problems;
        Validator collector(&problems, m_depth);
        collector.path = path;
        if (!collector.check(*branches[i], instance) && !problems.empty()) {
            reasons += fmt::format("{}{}: {}: {}", reasons.empty() ? "" : "; ", i, display(problems[0].pointer),
                                   problems[0].message);
        }
    }
    return reasons;
}

bool Validator::child(const Node& node, const Json& instance, const std::string& key) {
    const std::size_t length = path.size();
    if (m_out != nullptr) {
        path += '/';
        path += escape_pointer_segment(key);
    }
    const bool ok = check(node, instance);
    path.resize(length);
    return ok;
}

bool Validator::child(const Node& node, const Json& instance, std::size_t index) {
    const std::size_t length = path.size();
    if (m_out != nullptr) {
        path += fmt::format("/{}", index);
    }
    const bool ok = check(node, instance);
    path.resize(length);
    return ok;
}

bool Validator::check(const Node& node, const Json& instance) {
    if (node.boolean) {
        return *node.boolean || fail(node, "", "no value is allowed here (the schema is false)");
    }
    if (m_depth >= k_max_depth) {
        return fail(node, "", fmt::format("nested deeper than {} levels; not validated", k_max_depth));
    }
    ++m_depth;
    bool ok = true;
    if (node.ref != nullptr) {
        // Siblings of a `$ref` are only compiled where every draft agrees
        // that they apply (see json_schema_keywords.cpp).
        ok = check(*node.ref, instance);
    }
    // Each step stops early in deciding mode once something failed.
    ok = (ok || m_out != nullptr) && check_scalar(node, instance) && ok;
    ok = (ok || m_out != nullptr) && check_object(node, instance) && ok;
    ok = (ok || m_out != nullptr) && check_array(node, instance) && ok;
    ok = (ok || m_out != nullptr) && check_applicators(node, instance) && ok;
    --m_depth;
    return ok;
}
bool Validator::check_applicators(const Node& node, const Json& instance) {
    bool ok = true;
    for (const Node* schema : node.all_of) {
        ok = check(*schema, instance) && ok;
        if (!ok && m_out == nullptr) {
            return false;
        }
    }
    if (!node.any_of.empty() && std::none_of(node.any_of.begin(), node.any_of.end(),
                                             [&](const Node* schema) { return matches(*schema, instance); })) {
        ok = fail(node, "anyOf",
                  m_out == nullptr
                      ? ""
                      : fmt::format("matches none of the anyOf schemas ({})", why_not(node.any_of, instance)));
    }
    if (!node.one_of.empty()) {
        std::vector<std::size_t> matched;
        for (std::size_t i = 0; i < node.one_of.size() && matched.size() < 2; ++i) {
            if (matches(*node.one_of[i], instance)) {
                matched.push_back(i);
            }
        }
        if (matched.empty()) {
            ok = fail(node, "oneOf",
                      m_out == nullptr
                          ? ""
                          : fmt::format("matches none of the oneOf schemas ({})", why_not(node.one_of, instance)));
        } else if (matched.size() > 1) {
            ok = fail(node, "oneOf",
                      fmt::format("matches oneOf schemas {} and {}; exactly one must match", matched[0], matched[1]));
        }
    }
    if (node.not_schema != nullptr && matches(*node.not_schema, instance)) {
        ok = fail(node, "not", "matches the schema under 'not'");
    }
    if (node.if_schema != nullptr) {
        const Node* branch = matches(*node.if_schema, instance) ? node.then_schema : node.else_schema;
        if (branch != nullptr) {
            ok = check(*branch, instance) && ok;
        }
    }
    return ok;
}

}  // namespace evalbench::schema

namespace evalbench {

std::vector<SchemaProblem> JsonSchema::validate(const Json& instance) const {
    std::vector<SchemaProblem> problems;
    schema::Validator validator(&problems);
    std::ignore = validator.check(*m_impl->root, instance);  // the problems say it all
    return problems;
}

}  // namespace evalbench