// Compiling a JSON Schema document. Every schema object becomes one Node,
// keyed by its canonical JSON pointer (RFC 6901 escapes). Compiling is three
// passes:
//   1. walk the document from the root, reading every keyword (readers in
//      json_schema_keywords.cpp); a `$ref` is only recorded;
//   2. resolve each recorded `$ref`: a local pointer ("#", "#/definitions/x",
//      %-encoded or ~-escaped) names either a node already compiled or a
//      value in the document that is compiled on demand (which may record
//      more refs, so this pass runs until the list stops growing). Keys that
//      are not keywords are errors, except when a `$ref` points into them:
//      then they are a container of schemas, as `definitions` is;
//   3. reject loops of applicators that stay on the same instance ($ref,
//      allOf, anyOf, oneOf, not, if/then/else, dependencies): validating
//      them would never end. Loops that descend (properties, items, ...)
//      are fine, since every instance is finite.

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "evalbench/core/error.hpp"
#include "json_schema_compiler.hpp"

namespace evalbench::schema {

namespace {

// "%25" -> "%"; nullopt on a malformed escape.
std::optional<std::string> percent_decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            return std::nullopt;
        }
        out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
        i += 2;
    }
    return out;
}

// "/a~1b/c" -> {"a/b", "c"}; nullopt on a "~" that is not "~0" or "~1".
std::optional<std::vector<std::string>> split_pointer(const std::string& pointer) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= pointer.size()) {
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        std::string segment;
        for (std::size_t i = start; i < end; ++i) {
            if (pointer[i] != '~') {
                segment += pointer[i];
            } else if (i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
                segment += pointer[i + 1] == '0' ? '~' : '/';
                ++i;
            } else {
                return std::nullopt;
            }
        }
        segments.push_back(std::move(segment));
        start = end + 1;
    }
    return segments;
}

const Json* find_in(const Json& document, const std::vector<std::string>& segments) {
    const Json* current = &document;
    for (const std::string& segment : segments) {
        if (current->is_object()) {
            const auto found = current->find(segment);
            if (found == current->end()) {
                return nullptr;
            }
            current = &*found;
        } else if (current->is_array()) {
            if (segment.empty() || segment.size() > 9 ||
                !std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                (segment.size() > 1 && segment[0] == '0')) {
                return nullptr;
            }
            const std::size_t index = std::stoul(segment);
            if (index >= current->size()) {
                return nullptr;
            }
            current = &(*current)[index];
        } else {
            return nullptr;
        }
    }
    return current;
}

// The same-instance applicators of a node: the edges of pass 3.
std::vector<const Node*> in_place_children(const Node& node) {
    std::vector<const Node*> children(node.all_of.begin(), node.all_of.end());
    children.insert(children.end(), node.any_of.begin(), node.any_of.end());
    children.insert(children.end(), node.one_of.begin(), node.one_of.end());
    for (const Node* child : {node.ref, node.not_schema, node.if_schema, node.then_schema, node.else_schema}) {
        if (child != nullptr) {
            children.push_back(child);
        }
    }
    for (const auto& [name, child] : node.dependent_schemas) {
        children.push_back(child);
    }
    return children;
}

}  // namespace

Compiler::Compiler(const Json& document, std::vector<std::unique_ptr<Node>>& arena)
    : m_document(document), m_arena(arena) {
    if (document.is_object() && document.contains("$id") && document["$id"].is_string()) {
        const std::string id = document["$id"].get<std::string>();
        m_root_id = id.substr(0, id.find('#'));
    }
}

const Node* Compiler::compile(const Json& schema, const std::string& pointer) {
    if (const auto found = m_by_pointer.find(pointer); found != m_by_pointer.end()) {
        return found->second;
    }
    m_arena.push_back(std::make_unique<Node>());
    Node& node = *m_arena.back();
    node.pointer = pointer;
    m_by_pointer.emplace(pointer, &node);
    if (schema.is_boolean()) {
        node.boolean = schema.get<bool>();
    } else if (schema.is_object()) {
        compile_keywords(node, schema);
    } else {
        problem(pointer, fmt::format("a schema must be an object or a boolean, not {}", type_name(schema)));
    }
    return &node;
}

std::vector<SchemaProblem> Compiler::finish() {
    // Index loop: resolving may compile new nodes that record more refs.
    for (std::size_t i = 0; i < m_refs.size(); ++i) {
        const PendingRef ref = m_refs[i];
        ref.node->ref = resolve(ref.text, ref.at);
    }
    reject_unknown_keywords();
    if (m_problems.empty()) {
        reject_in_place_loops();
    }
    std::stable_sort(m_problems.begin(), m_problems.end(),
                     [](const SchemaProblem& a, const SchemaProblem& b) { return a.pointer < b.pointer; });
    return std::move(m_problems);
}

const Node* Compiler::resolve(const std::string& written, const std::string& at) {
    std::string text = written;
    if (!m_root_id.empty() && text.starts_with(m_root_id)) {
        text = text.substr(m_root_id.size());  // the root's own $id, spelled out
    }
    if (text.empty()) {
        text = "#";
    }
    if (text[0] != '#') {
        problem(at, fmt::format("$ref '{}' is not local: only references into this schema ('#', '#/definitions/x') "
                                "are supported",
                                written));
        return nullptr;
    }
    const std::optional<std::string> fragment = percent_decode(text.substr(1));
    if (!fragment) {
        problem(at, fmt::format("$ref '{}' has a malformed %-escape", written));
        return nullptr;
    }
    if (!fragment->empty() && (*fragment)[0] != '/') {
        problem(at, fmt::format("$ref '{}' names an anchor; only JSON pointers ('#/...') are supported", written));
        return nullptr;
    }
    const std::optional<std::vector<std::string>> segments =
        fragment->empty() ? std::vector<std::string>{} : split_pointer(*fragment);
    if (!segments) {
        problem(at, fmt::format("$ref '{}' has a '~' that is not '~0' or '~1'", written));
        return nullptr;
    }
    std::string canonical;
    for (const std::string& segment : *segments) {
        canonical += "/" + escape_pointer_segment(segment);
    }
    m_ref_targets.push_back(canonical);
    if (const auto found = m_by_pointer.find(canonical); found != m_by_pointer.end()) {
        return found->second;
    }
    const Json* target = find_in(m_document, *segments);
    if (target == nullptr) {
        problem(at, fmt::format("$ref '{}' points to nothing in this schema", written));
        return nullptr;
    }
    if (!target->is_object() && !target->is_boolean()) {
        problem(at, fmt::format("$ref '{}' points to {}, not a schema", written, type_name(*target)));
        return nullptr;
    }
    return compile(*target, canonical);
}

void Compiler::reject_unknown_keywords() {
    // clang-format off
    static const std::vector<std::string> k_known = {
        "type", "enum", "const", "properties", "required", "additionalProperties", "patternProperties",
        "minProperties", "maxProperties", "propertyNames", "dependencies", "items", "prefixItems",
        "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "allOf",
        "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "definitions", "$defs", "$schema", "$id",
        "$comment", "title", "description", "default", "examples", "readOnly", "writeOnly", "format"};
    // clang-format on
    for (const UnknownKeyword& unknown : m_unknown) {
        const bool referenced = std::any_of(m_ref_targets.begin(), m_ref_targets.end(), [&](const std::string& target) {
            return target == unknown.pointer || target.starts_with(unknown.pointer + "/");
        });
        if (!referenced) {
            problem(unknown.pointer,
                    fmt::format("unsupported keyword '{}'{}", unknown.keyword, did_you_mean(unknown.keyword, k_known)));
        }
    }
}

void Compiler::reject_in_place_loops() {
    enum class Mark { unvisited, on_stack, done };
    std::unordered_map<const Node*, Mark> marks;
    // Iterative depth-first search: schemas can nest deeply.
    for (const std::unique_ptr<Node>& start : m_arena) {
        if (marks[start.get()] != Mark::unvisited) {
            continue;
        }
        std::vector<std::pair<const Node*, std::vector<const Node*>>> stack;
        stack.emplace_back(start.get(), in_place_children(*start));
        marks[start.get()] = Mark::on_stack;
        while (!stack.empty()) {
            auto& [node, children] = stack.back();
            if (children.empty()) {
                marks[node] = Mark::done;
                stack.pop_back();
                continue;
            }
            const Node* child = children.back();
            children.pop_back();
            if (marks[child] == Mark::on_stack) {
                problem(child->pointer,
                        "this schema applies itself to the same value through $ref/allOf/anyOf/"
                        "oneOf/not/if/dependencies without descending into it: validation would "
                        "never end");
            } else if (marks[child] == Mark::unvisited) {
                marks[child] = Mark::on_stack;
                stack.emplace_back(child, in_place_children(*child));
            }
        }
    }
}

void Compiler::problem(std::string pointer, std::string message) {
    m_problems.push_back({std::move(pointer), std::move(message)});
}

}  // namespace evalbench::schema

namespace evalbench {

std::expected<JsonSchema, std::vector<SchemaProblem>> JsonSchema::compile(const Json& schema) {
    auto impl = std::make_unique<Impl>();
    schema::Compiler compiler(schema, impl->arena);
    impl->root = compiler.compile(schema, "");
    std::vector<SchemaProblem> problems = compiler.finish();
    if (!problems.empty()) {
        return std::unexpected(std::move(problems));
    }
    return JsonSchema(std::move(impl));
}

JsonSchema::JsonSchema(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

}  // namespace evalbench
