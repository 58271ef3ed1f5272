// Builds a yaml::Node tree from yaml-cpp's event stream.
//
// The handler keeps a stack of open containers. Each finished node is handed
// to its parent: a sequence appends it; a mapping takes it alternately as a
// key and as a value, refusing duplicate keys and `<<` merge keys. Anchors are
// registered when their node is finished, so an alias shares the finished
// node (as in YAML) and an alias to an enclosing node, which would make a
// cycle, is reported instead. Every node records its size with aliases
// expanded (saturating just above the budget); a container whose size crosses
// the budget is an alias bomb and the document is refused before anyone walks
// it, so the check costs time proportional to the text, not to the expansion.

#include "yaml_tree.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace evalbench::yaml {

namespace {

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
    const std::uint64_t cap = k_node_budget + 1;
    return std::min(cap, a + std::min(b, cap));
}

class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(std::string file, Diagnostics& diagnostics) : m_file(std::move(file)), m_diagnostics(diagnostics) {}

    NodePtr root() const { return m_root; }
    bool refused() const { return m_refused; }
    int documents() const { return m_documents; }
    SourceLocation second_document() const { return m_second_document; }

    void OnDocumentStart(const YAML::Mark& mark) override {
        ++m_documents;
        if (m_documents == 2) {
            m_second_document = at(mark);
        }
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto node = std::make_shared<Node>();
        node->where = at(mark);
        finish(std::move(node), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto found = m_anchors.find(anchor);
        if (found == m_anchors.end()) {
            error(at(mark), "this alias refers to a node that contains it; recursive aliases are not supported");
            auto node = std::make_shared<Node>();
            node->where = at(mark);
            finish(std::move(node), 0);
            return;
        }
        finish(found->second, 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        auto node = std::make_shared<Node>();
        node->kind = Kind::scalar;
        node->text = value;
        node->where = at(mark);
        node->plain = is_inferred_tag(tag, node->where);
        finish(std::move(node), anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value /*style*/) override {
        open(Kind::sequence, mark, tag, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        open(Kind::mapping, mark, tag, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        std::shared_ptr<Node> node;
        YAML::anchor_t anchor = 0;
        bool has_key = false;
        bool key_usable = false;
        std::string key;
        SourceLocation key_where;
        // Keys seen so far, so a mapping with many keys is checked in linear time.
        std::unordered_map<std::string, SourceLocation> seen_keys;
    };

    SourceLocation at(const YAML::Mark& mark) const {
        return SourceLocation{m_file, mark.line + 1, mark.column + 1};
    }

    void error(const SourceLocation& where, std::string message) {
        m_diagnostics.push_back(Diagnostic{where, std::move(message)});
    }

    // "?" is a plain scalar, "!" a quoted or block one; YAML's own scalar tags
    // are honoured, and any other tag is refused rather than ignored.
    bool is_inferred_tag(const std::string& tag, const SourceLocation& where) {
        static const std::string core = "tag:yaml.org,2002:";
        if (tag == "?" || tag.empty()) {
            return true;
        }
        if (tag == "!" || tag == core + "str") {
            return false;
        }
        if (tag == core + "int" || tag == core + "float" || tag == core + "bool" || tag == core + "null") {
            return true;
        }
        error(where, fmt::format("unsupported YAML tag '{}'", tag));
        return false;
    }

    void open(Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
        auto node = std::make_shared<Node>();
        node->kind = kind;
        node->where = at(mark);
        if (tag != "?" && !tag.empty() && tag != "!" && tag != "tag:yaml.org,2002:seq" &&
            tag != "tag:yaml.org,2002:map") {
            error(node->where, fmt::format("unsupported YAML tag '{}'", tag));
        }
        m_stack.push_back(Frame{std::move(node), anchor, false, false, {}, {}, {}});
    }

    void close() {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        if (frame.node->expanded > k_node_budget && !m_refused) {
            m_refused = true;
            error(frame.node->where,
                  fmt::format("this document expands to more than {} nodes through aliases (an alias bomb?); "
                              "refusing to walk it",
                              k_node_budget));
        }
        finish(std::move(frame.node), frame.anchor);
    }

    void finish(NodePtr node, YAML::anchor_t anchor) {
        if (anchor != 0) {
            m_anchors[anchor] = node;
        }
        if (m_stack.empty()) {
            if (!m_root) {
                m_root = std::move(node);
            }
            return;
        }
        Frame& parent = m_stack.back();
        parent.node->expanded = saturating_add(parent.node->expanded, node->expanded);
        if (parent.node->kind == Kind::sequence) {
            parent.node->items.push_back(std::move(node));
            return;
        }
        if (!parent.has_key) {
            take_key(parent, *node);
            return;
        }
        parent.has_key = false;
        if (!parent.key_usable) {
            return;
        }
        const auto [first, inserted] = parent.seen_keys.emplace(parent.key, parent.key_where);
        if (!inserted) {
            error(parent.key_where, fmt::format("duplicate key '{}' (first given at line {}, column {})", parent.key,
                                                first->second.line, first->second.column));
            return;
        }
        if (node->kind == Kind::null) {
            // An empty value's mark points at the next token, often on the
            // next line; the key is where a reader looks.
            auto relocated = std::make_shared<Node>(*node);
            relocated->where = parent.key_where;
            node = std::move(relocated);
        }
        parent.node->entries.push_back(Entry{parent.key, parent.key_where, std::move(node)});
    }

    void take_key(Frame& parent, const Node& key) {
        parent.has_key = true;
        parent.key_usable = false;
        parent.key_where = key.where;
        if (key.kind != Kind::scalar) {
            error(key.where, fmt::format("a mapping key must be a string, got {}", describe(key)));
            return;
        }
        if (key.plain && key.text == "<<") {
            error(key.where, "merge keys ('<<') are not supported: write the keys out");
            parent.node->had_merge_key = true;
            return;
        }
        parent.key = key.text;
        parent.key_usable = true;
    }

    std::string m_file;
    Diagnostics& m_diagnostics;
    std::vector<Frame> m_stack;
    std::map<YAML::anchor_t, NodePtr> m_anchors;
    NodePtr m_root;
    bool m_refused = false;
    int m_documents = 0;
    SourceLocation m_second_document;
};

}  // namespace

ParseResult parse_yaml(const std::string& text, const std::string& display_name) {
    ParseResult result;
    std::istringstream input(text);
    TreeBuilder builder(display_name, result.diagnostics);
    try {
        YAML::Parser parser(input);
        if (parser.HandleNextDocument(builder)) {
            // A second document would be silently ignored; say so instead.
            std::ignore = parser.HandleNextDocument(builder);  // only whether it exists matters
        }
    } catch (const YAML::DeepRecursion& e) {
        // yaml-cpp's own message for this is "bad file".
        result.diagnostics.push_back(Diagnostic{SourceLocation{display_name, e.mark.line + 1, e.mark.column + 1},
                                                fmt::format("nesting deeper than {} levels is not supported",
                                                            e.depth())});
        return result;
    } catch (const YAML::Exception& e) {
        // A null mark (-1) means yaml-cpp did not know where: report the file alone.
        const SourceLocation where = e.mark.is_null()
                                         ? SourceLocation{display_name, 0, 0}
                                         : SourceLocation{display_name, e.mark.line + 1, e.mark.column + 1};
        result.diagnostics.push_back(Diagnostic{where, e.msg});
        return result;
    }
    if (builder.documents() > 1) {
        result.diagnostics.push_back(
            Diagnostic{builder.second_document(), "a second YAML document ('---') is not allowed here"});
    }
    if (builder.refused()) {
        return result;
    }
    result.root = builder.root();
    if (!result.root) {
        auto empty = std::make_shared<Node>();
        empty->where = SourceLocation{display_name, 1, 1};
        result.root = std::move(empty);
    }
    return result;
}

}  // namespace evalbench::yaml
