// Numbers as people type them and as PoolLab writes them, checked as classes:
// every place a number is typed refuses the same texts with the same reason,
// and every message writes counts and sizes one way.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../cli/cli_run.h"
#include "core/csv.h"
#include "core/layers.h"
#include "core/link.h"
#include "core/scene.h"
#include "core/scenes/fields/field_scene.h"
#include "core/scenes/image/image_scene.h"
#include "core/scenes/shift/shift_scene.h"
#include "core/scenes/steps/steps_scene.h"

namespace pl {
namespace {

// A text strtod would read that is no plain decimal number, and a word its refusal names.
struct Refused {
    std::string text, word;
};
const std::vector<Refused> kRefused = {
    {"0x10", "hexadecimal"}, {"-0X1p3", "hexadecimal"}, {"0x1.8p1", "hexadecimal"}, {"+0xff", "hexadecimal"},
    {"inf", "infinite"},     {"-Infinity", "infinite"}, {"nan", "NaN"},          {"NAN(12)", "NaN"},
    {"1e999", "too large"},  {"-4e38", "too large"},    {"1e", "not a number"},  {".", "not a number"},
    {"1.2.3", "not a number"}, {"--1", "not a number"}, {"1e+", "not a number"}, {"2,5", "with a point, 2.5"},
};

TEST(Numbers, ParseNumberReadsOnlyPlainDecimals) {
    for (const char* ok : {"16", "-0.25", "+3", ".5", "5.", "1e3", "1E-3", "3e38", "-2.5e+2"}) {
        EXPECT_TRUE(parse_number(ok).ok()) << ok << ": " << parse_number(ok).error;
    }
    EXPECT_EQ(parse_number(".5").value, 0.5f);
    EXPECT_EQ(parse_number("5.").value, 5.0f);
    EXPECT_EQ(parse_number("-2.5e+2").value, -250.0f);
    for (const Refused& r : kRefused) {
        const Result<float> v = parse_number(r.text);
        EXPECT_FALSE(v.ok()) << r.text << " read as " << v.value;
        EXPECT_NE(v.error.find(r.word), std::string::npos) << r.text << ": " << v.error;
    }
    // A hexadecimal number is named with its decimal value, so the fix is plain.
    EXPECT_EQ(parse_number("0x10").error, "'0x10' is a hexadecimal number; write it in decimal, 16");
}

TEST(Numbers, EveryPlaceNumbersAreTypedRefusesTheSameTexts) {
    for (const Refused& r : kRefused) {
        // The three cell editors; then CSV and a value in a link, where a comma separates values.
        StepsScene steps = steps_scene_course();
        const std::string cell = steps_edit_cell(steps, 0, 0, r.text);
        EXPECT_NE(cell.find(r.word), std::string::npos) << r.text << " in a cell: " << cell;
        EXPECT_EQ(steps.input.at(0, 0), steps_scene_course().input.at(0, 0)) << r.text;
        ShiftScene shift = shift_scene_default();
        EXPECT_NE(shift_edit_fabric(shift, 0, 0, 0, r.text).find(r.word), std::string::npos) << r.text << " in a fabric cell";
        ImageScene image = image_scene_default();
        EXPECT_NE(image_edit_kernel(image, 0, 0, 0, r.text).find(r.word), std::string::npos) << r.text << " in a kernel weight";
        if (r.text.find(',') != std::string::npos) continue;
        const std::string csv_error = parse_csv("1," + r.text + "\n3,4\n").error;
        EXPECT_NE(csv_error.find(r.word), std::string::npos) << r.text << " in a CSV: " << csv_error;
        const Result<Grid> linked = grid_from_link("2x2:1," + r.text + ",3,4", 64);
        EXPECT_FALSE(linked.ok()) << r.text << " in a link";
        EXPECT_NE(linked.error.find(r.word), std::string::npos) << r.text << " in a link: " << linked.error;
        // The CLI: a grid on standard input, and a kernel file.
        const CliRun pooled = run_poollab({"pool"}, "1," + r.text + "\n3,4\n");
        EXPECT_EQ(pooled.code, 1) << r.text;
        EXPECT_NE(pooled.err.find(r.word), std::string::npos) << r.text << ": " << pooled.err;
    }
    // Model JSON keeps to JSON's own grammar: no hexadecimal, no NaN, and no number past a double.
    for (const char* bad : {"0x10", "NaN", "Infinity", "1e999"}) {
        const std::string json = std::string(R"({"input": [)") + bad + R"(, 8, 1], "layers": []})";
        EXPECT_FALSE(parse_model(json).ok()) << bad;
    }
    EXPECT_NE(parse_model(R"({"input": [1e999, 8, 1], "layers": []})").error.find("too large"), std::string::npos);
}

// Counts and sizes in sentences: at most 4 digits in a row (so 10,000 and up
// have separators), no separator under 10,000, and sizes with "×", never "x".
void expect_numbers_written_one_way(const std::string& text, const std::string& where) {
    // What is quoted, and a link field a notice names, is the student's own text, shown as typed.
    const std::string said = std::regex_replace(std::regex_replace(text, std::regex("'[^']*'"), "''"), std::regex("ignored \\S+: "), "");
    EXPECT_FALSE(std::regex_search(said, std::regex("(^|[^0-9.])[0-9]{5}"))) << where << ": a long number without separators in\n" << text;
    EXPECT_FALSE(std::regex_search(said, std::regex("(^|[^0-9,])[0-9],[0-9]{3}($|[^0-9,])"))) << where << ": a separator under 10,000 in\n" << text;
    EXPECT_FALSE(std::regex_search(said, std::regex("[0-9] ?[xX] ?[0-9]"))) << where << ": 'x' for a size in\n" << text;
    EXPECT_FALSE(std::regex_search(said, std::regex("[0-9] \u00D7|\u00D7 [0-9]"))) << where << ": spaces around '\u00D7' in\n" << text;
    // A noun agrees with its count: "1 row", "2 rows", never "1 rows" or "2 row" (a size before a noun,
    // "a 3×3 convolution", is no count).
    const std::string nouns = "(?:more |input |pooling )?(row|column|step|pixel|cell|layer|value|picture|unit|channel|byte|output|way|epoch|convolution)";
    EXPECT_FALSE(std::regex_search(said, std::regex("(^|[^0-9.,])1 " + nouns + "s\\b"))) << where << ": a plural after 1 in\n" << text;
    EXPECT_FALSE(std::regex_search(said, std::regex("(^|[^0-9.,])1 (class|classes)es\\b|(^|[^0-9.,])1 classes\\b"))) << where << ": a plural after 1 in\n" << text;
    EXPECT_FALSE(std::regex_search(said, std::regex("(^|[^0-9.,\u00D7-])([2-9]|[1-9][0-9]+|[1-9][0-9]{0,2}(,[0-9]{3})+) " + nouns + "\\b"))) << where << ": a singular after a count in\n" << text;
}

TEST(Numbers, CountTextGroupsFrom10000AndSizeTextUsesTheTimesSign) {
    EXPECT_EQ(count_text(0), "0");
    EXPECT_EQ(count_text(9999), "9999");
    EXPECT_EQ(count_text(10000), "10,000");
    EXPECT_EQ(count_text(16777216), "16,777,216");
    EXPECT_EQ(count_text(-9999), "-9999");
    EXPECT_EQ(count_text(-123456), "-123,456");
    EXPECT_EQ(size_text(3356, 5000), "3356\u00D75000");
    EXPECT_EQ(size_text(100000, 3), "100,000\u00D73");
    EXPECT_EQ(size_text(16, 16, 1), "16\u00D716\u00D71");
}

TEST(Numbers, MessagesWriteCountsAndSizesOneWay) {
    std::vector<std::pair<std::string, std::string>> said;
    for (long long rows : {0LL, 3LL, 5000LL, 8193LL, 100000LL, 20000000LL}) {
        for (long long cols : {1LL, 4096LL, 10000LL, 1000000LL}) {
            if (std::string e = check_grid_size(rows, cols); !e.empty()) said.push_back({"check_grid_size", e});
        }
    }
    // The grid-size refusal of issue 13: "1,000,000 cells", not "1000000".
    EXPECT_EQ(check_grid_size(5000, 5000), "the grid is too large (5000\u00D75000); PoolLab takes at most 8192 per side and 16,777,216 cells");
    std::string tall;
    for (int i = 0; i < 12000; ++i) tall += "1,2\n";
    said.push_back({"parse_csv", parse_csv(tall + "1,2,3\n").error});
    said.push_back({"parse_csv", parse_csv(tall + "1,x\n").error});
    said.push_back({"parse_csv", parse_csv(std::string(20000, '1') + ",2\n").error});
    said.push_back({"link", grid_from_link("300x300:1*89999", 512).error});
    said.push_back({"link", grid_from_link("300x300:1*90000,2", 512).error});
    for (int side : {40000, 100000}) {
        const CliRun r = run_poollab({"pool", "--size", std::to_string(side)}, "1,2\n3,4\n");
        said.push_back({"poollab pool --size", r.err});
    }
    for (int dx : {3, 7, -15}) {
        ShiftScene s = shift_scene_default();
        shift_set(s, dx, 0);
        said.push_back({"the shift's explanation", explain_shift(s.focus, s.params, s.dx, s.dy, s.metrics[static_cast<size_t>(op_index(s.focus))])});
    }
    for (const char* dx : {"3", "5000", "123456", "-999999"}) {
        const CliRun r = run_poollab({"shift", "--ops", "max,subsample,global-max", "--dx", dx}, "1,2,3,4\n5,6,7,8\n9,1,2,3\n4,5,6,7\n");
        ASSERT_EQ(r.code, 0) << dx << ": " << r.err;
        const std::regex explanation("\"explanation\":\"([^\"]*)\"");
        for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), explanation); it != std::sregex_iterator(); ++it) {
            said.push_back({std::string("poollab shift --dx ") + dx, (*it)[1].str()});
        }
    }
    for (const auto& [where, text] : said) {
        EXPECT_FALSE(text.empty()) << where;
        expect_numbers_written_one_way(text, where);
    }
}

TEST(Numbers, CountTextWritesTheNounForItsCount) {
    EXPECT_EQ(count_text(1, "row"), "1 row");
    EXPECT_EQ(count_text(2, "row"), "2 rows");
    EXPECT_EQ(count_text(0, "step"), "0 steps");
    EXPECT_EQ(count_text(12345, "cell"), "12,345 cells");
    EXPECT_EQ(count_text(1, "class", "classes"), "1 class");
    EXPECT_EQ(count_text(3, "class", "classes"), "3 classes");
}

// Every message that counts something, made with a count of 1 and of 2: the
// noun follows the count ("(1 column)", "there is 1 step", "removing it").
TEST(Numbers, MessagesAgreeWithTheirCountsOf1And2) {
    std::vector<std::pair<std::string, std::string>> said;
    for (int n : {1, 2}) {
        const std::string at = " (count " + std::to_string(n) + ")";
        for (const char* axis : {"rows", "columns"}) {
            said.push_back({std::string("pool_axis ") + axis + at, pool_axis(n, 3, 1, Padding::Valid, axis).error});
            said.push_back({"poollab pool" + at, run_poollab({"pool", "--size", "3"}, n == 1 ? "1\n2\n3\n" : "1,2\n3,4\n5,6\n").err});
        }
        said.push_back({"parse_csv" + at, parse_csv(n == 1 ? "1,2\n3\n" : "1,2,3\n3,4\n").error});
        said.push_back({"grid_from_link" + at, grid_from_link(n == 1 ? "2x2:1" : "2x2:1,2", 512).error});
        // A step past the last of a walk of n steps.
        std::vector<std::string> notices;
        read_link(n == 1 ? "v=1&scene=steps&in=1x1:5&size=1&step=9" : "v=1&scene=steps&in=1x2:5,6&size=1&step=9", scene_set_default(), &notices);
        for (const std::string& notice : notices) said.push_back({"steps link" + at, notice});
        EXPECT_FALSE(notices.empty()) << at;
        // n pooling layers, all after the picked unit; then a conv of n + 1 after them ("1 more step", "2 more steps").
        FieldScene f = field_scene_default();
        field_set_input(f, 16, 16, 1);
        while (!f.model.layers.empty()) field_remove_layer(f, 0);
        field_insert_layer(f, 0, conv2d(8, 3));
        for (int i = 0; i < n; ++i) field_insert_layer(f, 1, max_pool(2));
        field_insert_layer(f, 1 + n, conv2d(8, 1 + n));
        field_pick_unit(f, 0, 0, 0);
        said.push_back({"fields, pools after the unit" + at, field_explanation(f)});
        EXPECT_NE(field_explanation(f).find(n == 1 ? "removing it " : "removing them "), std::string::npos) << field_explanation(f);
        field_pick_unit(f, 1 + n, 0, 0);
        said.push_back({"fields, a conv after the pools" + at, field_explanation(f)});
        EXPECT_NE(field_explanation(f).find(n == 1 ? "1 more step of 2 pixels" : "2 more steps of 4 pixels"), std::string::npos)
            << field_explanation(f);
    }
    for (const auto& [where, text] : said) {
        EXPECT_FALSE(text.empty()) << where;
        expect_numbers_written_one_way(text, where);
    }
    EXPECT_NE(pool_axis(1, 3, 1, Padding::Valid, "columns").error.find("the window (3 columns) is larger than the input (1 column)"), std::string::npos);
}

// What each scene says of itself (its narration, and the shift lab's and the
// fields scene's explanations) over many states, links of every scene.
TEST(Numbers, WhatTheScenesSayWritesSizesAndCountsOneWay) {
    const char* links[] = {
        "scene=steps", "scene=steps&in=mnist7", "scene=steps&size=3&stride=2&pad=same&op=avg", "scene=steps&size=2x3&stride=1",
        "scene=shift", "scene=shift&in=pixel:16&dx=3&dy=0", "scene=shift&in=mnist7&tab=stacking&layers=3", "scene=shift&in=blob:32&dx=-7&dy=5&focus=blurpool",
        "scene=shift&tab=fabric", "scene=shift&size=3&stride=2x3&dx=1&dy=2",
        "scene=fields", "scene=fields&model=vgg16&unit=13,1,1", "scene=fields&model=alexnet", "scene=fields&model=1000x1000x3;c64k11s4;m3s2;c192k5ps;m3s2&unit=5,1,1",
        "scene=fields&model=16x16x1;m2s1000ps;m2s1000ps;m2s1000ps&unit=3,1,1",
        "scene=image", "scene=image&stages=2", "scene=image&digit=1",
    };
    for (const char* link : links) {
        std::vector<std::string> notices;
        SceneSet set = read_link(link, scene_set_default(), &notices);
        for (const std::string& n : notices) expect_numbers_written_one_way(n, std::string(link) + " (notice)");
        const SceneModel& m = scene_model(set.shown);
        expect_numbers_written_one_way(m.narration(set.models[static_cast<size_t>(set.shown)]), std::string(link) + " (narration)");
        if (set.shown == Scene::Shift) {
            const ShiftScene& sh = model_of<ShiftScene>(set, Scene::Shift);
            for (size_t k = 0; k < sh.metrics.size(); ++k) {
                expect_numbers_written_one_way(explain_shift(static_cast<Downsample>(k), sh.params, sh.dx, sh.dy, sh.metrics[k]), link);
                expect_numbers_written_one_way(sh.errors[k], link);
            }
            expect_numbers_written_one_way(explain_fabric(sh.fabric), link);
        }
        if (set.shown == Scene::Fields) expect_numbers_written_one_way(field_explanation(model_of<FieldScene>(set, Scene::Fields)), link);
    }
}

// Sizes in the text the app, the CLI and the core can show, read from their
// source string literals: no 'x' between numbers ("3x3", "3 x 3", "%dx%d",
// "%d x %d", count + " x " + count) and no spaces around the '×' ("3 × 3",
// "%lld × %lld"): a size is written 3×3. Link and option syntax ("16x16x1",
// "--size 2x3") is read back and keeps its 'x': a literal that names an option
// ("--"), a link field ("=") or a syntax placeholder (WxH, RxC) may hold one.
TEST(Numbers, NoSourceWritesASizeWithAnX) {
    const std::filesystem::path src = std::filesystem::path(POOLLAB_DATA_DIR) / ".." / ".." / "src";
    const std::regex literal("\"(?:[^\"\\\\]|\\\\.)*\"");
    const std::string number = "(?:[0-9]|%[-+ 0-9.]*(?:l|ll|z)?[dui]|%s)";  // a digit or a printf number
    const std::regex with_x(number + " ?x ?" + number + "|^\" x |" + number + " x \"");
    const std::regex spaced_times(number + " (?:\\\\u00d7|\u00d7) ?" + number + "|" + number + " ?(?:\\\\u00d7|\u00d7) " + number);
    const std::regex syntax("--|=|WxH|RxC");
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
        const std::string path = entry.path().generic_string();
        if (!entry.is_regular_file() || (entry.path().extension() != ".cpp" && entry.path().extension() != ".h")) continue;
        if (path.find("/test_") != std::string::npos) continue;
        ++files;
        std::ifstream in(entry.path());
        std::string line;
        for (int no = 1; std::getline(in, line); ++no) {
            const size_t code_end = line.find("//");
            const std::string code = line.substr(0, code_end == std::string::npos ? line.size() : code_end);
            for (auto it = std::sregex_iterator(code.begin(), code.end(), literal); it != std::sregex_iterator(); ++it) {
                const std::string text = it->str();
                if (!std::regex_search(text, syntax)) EXPECT_FALSE(std::regex_search(text, with_x)) << path << ":" << no << ": a size written with 'x': " << text;
                EXPECT_FALSE(std::regex_search(text, spaced_times)) << path << ":" << no << ": a size written with spaces around the '×': " << text;
            }
            // Sizes joined in code: count + " x " + count.
            EXPECT_EQ(code.find("\" x \""), std::string::npos) << path << ":" << no << ": " << line;
        }
    }
    EXPECT_GT(files, 50);  // the scan found the sources
}

}  // namespace
}  // namespace pl
