// Levenshtein distance, bit-parallel.
//
// Consistency compares every pair of a case's repeats, so 10 answers of a
// few thousand characters cost 45 distances; the textbook table would take
// about a second per case. This uses Myers' bit-vector algorithm (1999) in
// the block form of Hyyrö (2003), as rapidfuzz does: the shorter text is the
// pattern, one bit per code point in 64-bit words, and each column of the
// table is advanced with a few word operations per block, so the cost is
// n * ceil(m / 64) steps instead of n * m. The vectors hold the vertical
// deltas of the current column (VP: +1, VN: -1); the horizontal carries
// between blocks pass the deltas at the block boundary down; the distance is
// tracked at the bottom row. The common prefix and suffix are stripped first
// because repeats of one prompt often share long openings and endings.

#include "repeats_levenshtein.hpp"

#include <cstdint>
#include <unordered_map>

namespace evalbench::repeats {

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> points;
    points.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const auto lead = static_cast<unsigned char>(text[at]);
        int length = 1;
        char32_t point = lead;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            point = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            point = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            point = lead & 0x07u;
        }
        bool valid = at + static_cast<std::size_t>(length) <= text.size();
        for (int i = 1; valid && i < length; ++i) {
            const auto next = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]);
            valid = (next & 0xC0u) == 0x80u;
            point = (point << 6) | (next & 0x3Fu);
        }
        if (!valid) {
            length = 1;
            point = 0xDC00u + lead;  // an unpaired surrogate: distinct per byte, never a real character
        }
        points.push_back(point);
        at += static_cast<std::size_t>(length);
    }
    return points;
}

namespace {

constexpr std::size_t k_word_bits = 64;

std::size_t myers_block(const char32_t* pattern, std::size_t m, const char32_t* text, std::size_t n) {
    const std::size_t blocks = (m + k_word_bits - 1) / k_word_bits;
    // Match masks: for each distinct code point of the pattern, one bit per
    // pattern position, `blocks` words each.
    std::unordered_map<char32_t, std::size_t> slot_of;
    std::vector<std::uint64_t> masks;
    for (std::size_t i = 0; i < m; ++i) {
        const auto [found, inserted] = slot_of.emplace(pattern[i], masks.size() / blocks);
        if (inserted) {
            masks.resize(masks.size() + blocks, 0);
        }
        masks[found->second * blocks + i / k_word_bits] |= std::uint64_t{1} << (i % k_word_bits);
    }
    const std::vector<std::uint64_t> no_match(blocks, 0);

    std::vector<std::uint64_t> vp(blocks, ~std::uint64_t{0});  // column 0: D[i][0] = i, all +1
    std::vector<std::uint64_t> vn(blocks, 0);
    const std::uint64_t last_bit = std::uint64_t{1} << ((m - 1) % k_word_bits);
    std::size_t distance = m;
    for (std::size_t j = 0; j < n; ++j) {
        const auto slot = slot_of.find(text[j]);
        const std::uint64_t* eq = slot == slot_of.end() ? no_match.data() : &masks[slot->second * blocks];
        std::uint64_t hp_carry = 1;  // row 0: D[0][j] = j, a +1 step every column
        std::uint64_t hn_carry = 0;
        for (std::size_t b = 0; b < blocks; ++b) {
            const std::uint64_t x = eq[b] | hn_carry;
            const std::uint64_t d0 = (((x & vp[b]) + vp[b]) ^ vp[b]) | x | vn[b];
            std::uint64_t hp = vn[b] | ~(d0 | vp[b]);
            std::uint64_t hn = d0 & vp[b];
            if (b == blocks - 1) {
                distance += (hp & last_bit) != 0 ? 1 : 0;
                distance -= (hn & last_bit) != 0 ? 1 : 0;
            }
            const std::uint64_t hp_in = hp_carry;
            const std::uint64_t hn_in = hn_carry;
            hp_carry = hp >> (k_word_bits - 1);
            hn_carry = hn >> (k_word_bits - 1);
            hp = (hp << 1) | hp_in;
            hn = (hn << 1) | hn_in;
            vp[b] = hn | ~(d0 | hp);
            vn[b] = hp & d0;
        }
    }
    return distance;
}

}  // namespace

std::size_t levenshtein_distance(const std::vector<char32_t>& left, const std::vector<char32_t>& right) {
    std::size_t prefix = 0;
    while (prefix < left.size() && prefix < right.size() && left[prefix] == right[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < left.size() - prefix && suffix < right.size() - prefix &&
           left[left.size() - 1 - suffix] == right[right.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t left_size = left.size() - prefix - suffix;
    const std::size_t right_size = right.size() - prefix - suffix;
    if (left_size == 0 || right_size == 0) {
        return left_size + right_size;
    }
    // The shorter text is the pattern: fewer blocks per column.
    if (left_size <= right_size) {
        return myers_block(left.data() + prefix, left_size, right.data() + prefix, right_size);
    }
    return myers_block(right.data() + prefix, right_size, left.data() + prefix, left_size);
}

}  // namespace evalbench::repeats
