#include <catch2/catch.hpp>

#include <stdexcept>

#include "evalbench/analysis/repeats.hpp"

using evalbench::mean_pass_at_k;
using evalbench::pass_at_k;
using evalbench::RepeatCounts;

TEST_CASE("pass@k matches the unbiased estimator on hand-computed values", "[analysis]") {
    // 1 - C(7,1)/C(10,1) = 1 - 7/10
    CHECK(pass_at_k(10, 3, 1).value() == Approx(0.3));
    // 1 - C(3,2)/C(5,2) = 1 - 3/10
    CHECK(pass_at_k(5, 2, 2).value() == Approx(0.7));
    // 1 - C(8,5)/C(10,5) = 1 - 56/252 = 7/9
    CHECK(pass_at_k(10, 2, 5).value() == Approx(7.0 / 9.0));
    // 1 - C(7,6)/C(10,6) = 1 - 7/210 = 29/30
    CHECK(pass_at_k(10, 3, 6).value() == Approx(29.0 / 30.0));
}

TEST_CASE("pass@1 is the plain pass rate", "[analysis]") {
    for (int c = 0; c <= 7; ++c) {
        CHECK(pass_at_k(7, c, 1).value() == Approx(c / 7.0));
    }
}

TEST_CASE("pass@k is 0 with no pass and 1 when every draw must contain a pass", "[analysis]") {
    CHECK(pass_at_k(5, 0, 3).value() == 0.0);
    CHECK(pass_at_k(5, 5, 3).value() == 1.0);
    // Only two failures: any three samples hold a pass (C(2,3) = 0).
    CHECK(pass_at_k(4, 2, 3).value() == 1.0);
}

TEST_CASE("pass@k stays exact for many samples where binomials would overflow", "[analysis]") {
    // 1 - C(199,100)/C(200,100) = 1 - 100/200: the numbers have ~60 digits.
    CHECK(pass_at_k(200, 1, 100).value() == Approx(0.5).epsilon(1e-12));
    // 1 - C(999,10)/C(1000,10) = 10/1000
    CHECK(pass_at_k(1000, 1, 10).value() == Approx(0.01).epsilon(1e-12));
}

TEST_CASE("pass@k with more draws than samples is n/a", "[analysis]") {
    CHECK_FALSE(pass_at_k(3, 1, 4).has_value());
    CHECK(pass_at_k(3, 1, 3).has_value());
}

TEST_CASE("pass@k rejects impossible counts", "[analysis]") {
    CHECK_THROWS_AS(pass_at_k(0, 0, 1), std::invalid_argument);
    CHECK_THROWS_AS(pass_at_k(5, 6, 1), std::invalid_argument);
    CHECK_THROWS_AS(pass_at_k(5, -1, 1), std::invalid_argument);
    CHECK_THROWS_AS(pass_at_k(5, 2, 0), std::invalid_argument);
}

TEST_CASE("mean pass@k averages over the cases that have enough samples", "[analysis]") {
    const std::vector<RepeatCounts> cases = {{10, 3}, {5, 2}};
    // (3/10 + 2/5) / 2
    CHECK(mean_pass_at_k(cases, 1).value() == Approx(0.35));
    // only the first case has 6 samples: 29/30
    CHECK(mean_pass_at_k(cases, 6).value() == Approx(29.0 / 30.0));
    CHECK_FALSE(mean_pass_at_k(cases, 11).has_value());
    CHECK_FALSE(mean_pass_at_k({}, 1).has_value());
}
