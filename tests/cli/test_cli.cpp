#include <gtest/gtest.h>

#include "cli_run.h"

namespace {

CliRun run(const std::vector<std::string>& args, const std::string& stdin_text = "") { return run_poollab(args, stdin_text); }

const char* kCourseCsv = "1,3,4,8\n2,9,1,2\n6,1,3,5\n0,4,2,1\n";

}  // namespace

TEST(Cli, PoolsTheCourseExampleFromStdin) {
    CliRun r = run({"pool", "--op", "max", "--size", "2", "--stride", "2", "--padding", "valid"}, kCourseCsv);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "9,8\n6,5\n");
    EXPECT_EQ(r.err, "");
}

TEST(Cli, DefaultsMatchKeras) {
    // Window 2, stride = window, valid, max.
    EXPECT_EQ(run({"pool"}, kCourseCsv).out, "9,8\n6,5\n");
    EXPECT_EQ(run({"pool", "--op", "avg", "-"}, kCourseCsv).out, "3.75,3.75\n2.75,2.75\n");
    EXPECT_EQ(run({"pool", "--size", "3"}, kCourseCsv).out, "9\n");  // stride follows the size
}

TEST(Cli, SamePaddingAndNonSquareWindows) {
    EXPECT_EQ(run({"pool", "--padding", "same"}, "1,2,3\n4,5,6\n7,8,9\n").out, "5,6\n8,9\n");
    EXPECT_EQ(run({"pool", "--size", "1x3", "--stride", "2x1"}, "1,2,3,4\n5,6,7,8\n9,1,2,3\n").out, "3,4\n9,3\n");
}

TEST(Cli, JsonHasShapesFormulasWindowsAndWinners) {
    CliRun r = run({"pool", "--json"}, kCourseCsv);
    ASSERT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("\"positions_count_from\":0,"), std::string::npos);  // the JSON says how it counts (the app counts from 1)
    EXPECT_NE(r.out.find("\"output_shape\":[2,2]"), std::string::npos);
    EXPECT_NE(r.out.find("\"rows\":\"floor((4 - 2) / 2) + 1 = 2\""), std::string::npos);
    EXPECT_NE(r.out.find("\"output\":[[9,8],[6,5]]"), std::string::npos);
    EXPECT_NE(r.out.find("{\"out\":[0,0],\"value\":9,\"window\":{\"row\":0,\"col\":0,\"rows\":2,\"cols\":2},\"winner\":[1,1]}"),
              std::string::npos);
    CliRun avg = run({"pool", "--json", "--op", "average"}, kCourseCsv);
    EXPECT_NE(avg.out.find("\"winner\":null"), std::string::npos);
}

TEST(Cli, BadDataExitsOneWithAMessage) {
    CliRun ragged = run({"pool"}, "1,2\n3\n");
    EXPECT_EQ(ragged.code, 1);
    EXPECT_EQ(ragged.out, "");
    EXPECT_EQ(ragged.err, "poollab: standard input: line 2 has 1 value but line 1 has 2; every row needs the same number\n");
    CliRun nan = run({"pool"}, "1,2\nnan,4\n");
    EXPECT_EQ(nan.code, 1);
    EXPECT_NE(nan.err.find("line 2, value 1: 'nan' is not a number"), std::string::npos);
    CliRun big = run({"pool", "--size", "5"}, kCourseCsv);
    EXPECT_EQ(big.code, 1);
    EXPECT_NE(big.err.find("larger than the input"), std::string::npos);
    CliRun empty = run({"pool"}, "");
    EXPECT_EQ(empty.code, 1);
    EXPECT_NE(empty.err.find("empty"), std::string::npos);
    CliRun missing = run({"pool", "/nonexistent/file.csv"});
    EXPECT_EQ(missing.code, 1);
    EXPECT_EQ(missing.err, "poollab: cannot open '/nonexistent/file.csv'\n");
}

TEST(Cli, BadUsageExitsTwo) {
    EXPECT_EQ(run({}).code, 2);
    EXPECT_EQ(run({"frobnicate"}).code, 2);
    CliRun op = run({"pool", "--op", "median"}, kCourseCsv);
    EXPECT_EQ(op.code, 2);
    EXPECT_EQ(op.err, "poollab: unknown operation 'median' (use max, average or min)\n");
    EXPECT_EQ(run({"pool", "--size", "two"}).code, 2);
    EXPECT_EQ(run({"pool", "--size", "-2"}).code, 2);
    EXPECT_EQ(run({"pool", "--size"}).code, 2);
    EXPECT_EQ(run({"pool", "--padding", "full"}).code, 2);
    EXPECT_EQ(run({"pool", "--bogus"}).code, 2);
    EXPECT_EQ(run({"pool", "a.csv", "b.csv"}).code, 2);
    EXPECT_EQ(run({"--help"}).code, 0);
}

TEST(Cli, SizesAndStridesAreWholeNumbersOrRxC) {
    EXPECT_EQ(run({"pool", "--size", "1X3", "--stride", "2x1"}, "1,2,3,4\n5,6,7,8\n9,1,2,3\n").out, "3,4\n9,3\n");
    EXPECT_EQ(run({"pool", "--size", "02"}, kCourseCsv).out, "9,8\n6,5\n");
    // A window or stride no grid could take (0, past pooling's 1024) is bad usage, as the README says.
    for (const char* bad : {"1000000", "2x", "x2", "2x3x4", "+2", " 2", "2.0", "0", "0x2", "2x0", "1025", "999999"}) {
        CliRun r = run({"pool", "--size", bad}, kCourseCsv);
        EXPECT_EQ(r.code, 2) << bad;
        EXPECT_EQ(r.err, std::string("poollab: --size takes K or RxC, whole numbers from 1 to 1024, not '") + bad + "'\n");
    }
    CliRun stride = run({"pool", "--stride", "-1"}, kCourseCsv);
    EXPECT_EQ(stride.code, 2);
    EXPECT_EQ(stride.err, "poollab: --stride takes S or RxC, whole numbers from 1 to 1024, not '-1'\n");
    // Within pooling's limits, what does not fit this grid is bad data.
    CliRun big = run({"pool", "--size", "1024"}, kCourseCsv);
    EXPECT_EQ(big.code, 1);
    EXPECT_NE(big.err.find("larger than the input"), std::string::npos) << big.err;
}

TEST(Cli, NumbersReadAsLinksAndModelJsonReadThem) {
    // core/parse.h decides: leading zeros are the number, and -0 is 0 (which no window can be).
    EXPECT_EQ(run({"pool", "--size", "0000002"}, kCourseCsv).out, "9,8\n6,5\n");
    EXPECT_EQ(run({"shift", "--dx", "00000001", "--ops", "max"}, kCourseCsv).code, 0);
    CliRun minus_zero = run({"pool", "--size", "-0"}, kCourseCsv);
    EXPECT_EQ(minus_zero.code, 2);
    EXPECT_NE(minus_zero.err.find("from 1 to 1024, not '-0'"), std::string::npos) << minus_zero.err;
}

TEST(CliShift, WholeNumberOptions) {
    CliRun r = run({"shift", "--dx", "-1", "--dy", "-0", "--ops", "global-max"}, "0,0,1,1,0,0,1,1\n");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("\"shift\":[-1,0]"), std::string::npos) << r.out;
    EXPECT_EQ(run({"shift", "--dx", "9999999", "--ops", "max"}, "1,2\n3,4\n").code, 0);
    for (const char* bad : {"10000000", "-1000000", "-", "1.5", "+1", ""}) {
        CliRun b = run({"shift", "--dx", bad}, "1,2\n3,4\n");
        EXPECT_EQ(b.code, 2) << bad;
        EXPECT_EQ(b.err, std::string("poollab: --dx takes a whole number of pixels, not '") + bad + "'\n");
    }
    EXPECT_EQ(run({"shift", "--blur", "x"}, "1,2\n3,4\n").err, "poollab: --blur takes a whole number from 2 to 5, not 'x'\n");
    EXPECT_EQ(run({"shift", "--sweep", "q"}, "1,2\n3,4\n").err, "poollab: --sweep takes a whole number from 0 to 16, not 'q'\n");
    EXPECT_EQ(run({"shift", "--sweep", "-1", "--ops", "max"}, "1,2\n3,4\n").err,  // not a quiet "no sweep"
              "poollab: --sweep takes a whole number from 0 to 16, not '-1'\n");
    EXPECT_EQ(run({"shift", "--dy"}, "1,2\n3,4\n").err, "poollab: --dy needs a value\n");
}

TEST(CliShift, CourseSignalMetricsAsJson) {
    CliRun r = run({"shift", "--dx", "2", "--circular", "--size", "1x2", "--ops", "max,global-average"}, "0,0,1,1,0,0,1,1\n");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("\"shift\":[2,0],\"fill\":\"circular\",\"input_shape\":[1,8]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("{\"op\":\"max\",\"output_shape\":[1,4],\"unchanged_fraction\":0,\"max_abs_change\":1,\"l2\":2,"
                         "\"verdict\":\"shifted\",\"output_shift\":[1,0],\"consistency\":1,"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("{\"op\":\"global-average\",\"output_shape\":[1,1],\"unchanged_fraction\":1"), std::string::npos);
    EXPECT_EQ(r.out.find("\"sweep\""), std::string::npos);  // only with --sweep
}

TEST(CliShift, SweepTableAndAllOperationsByDefault) {
    CliRun r = run({"shift", "--sweep", "1"}, "0,0,0,0\n0,1,0,0\n0,0,0,0\n0,0,0,0\n");
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* op : {"max", "average", "min", "subsample", "blurpool", "global-max", "global-average"}) {
        EXPECT_NE(r.out.find(std::string("{\"op\":\"") + op + "\""), std::string::npos) << op;
    }
    EXPECT_NE(r.out.find("\"sweep\":{\"range\":1,\"consistency\":{\"max\":[["), std::string::npos);
}

TEST(CliShift, BadInputAndUsage) {
    EXPECT_EQ(run({"shift", "--dx", "one"}, "1,2\n3,4\n").code, 2);
    EXPECT_EQ(run({"shift", "--ops", "max,median"}, "1,2\n3,4\n").code, 2);
    EXPECT_EQ(run({"shift", "--json"}, "1,2\n3,4\n").code, 2);  // pool's option, not shift's
    CliRun sweep = run({"shift", "--sweep", "99"}, "1,2\n3,4\n");
    EXPECT_EQ(sweep.code, 2);
    EXPECT_EQ(sweep.err, "poollab: --sweep takes a whole number from 0 to 16, not '99'\n");
    CliRun blur = run({"shift", "--blur", "9", "--ops", "blurpool"}, "1,2\n3,4\n");  // no grid takes it: usage
    EXPECT_EQ(blur.code, 2);
    EXPECT_EQ(blur.err, "poollab: --blur takes a whole number from 2 to 5, not '9'\n");
    CliRun small = run({"shift", "--size", "3", "--ops", "max"}, "1,2\n3,4\n");
    EXPECT_EQ(small.code, 1);
    EXPECT_NE(small.err.find("larger than the input"), std::string::npos);
    EXPECT_EQ(run({"shift"}, "1,nan\n").code, 1);
}

TEST(CliSummary, CoursePresetTableAndJson) {
    CliRun t = run({"summary", "--preset", "three-convs"});
    ASSERT_EQ(t.code, 0) << t.err;
    EXPECT_NE(t.out.find("3 Conv2D(64, 3×3, valid)"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("22×22×64"), std::string::npos);
    EXPECT_NE(t.out.find("36,928  7×7"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("Total params: 55,744"), std::string::npos);
    CliRun j = run({"summary", "--json", "--preset", "conv-pool-conv"});
    ASSERT_EQ(j.code, 0);
    EXPECT_EQ(j.out.rfind("{\"positions_count_from\":0,", 0), 0u) << j.out;  // "start" counts input pixels from 0 here
    EXPECT_NE(j.out.find("{\"type\":\"conv2d\",\"output_shape\":[5,5,8],\"params\":584,\"whole_input\":false,"
                         "\"receptive_field\":[8,8],\"jump\":[2,2],\"start\":[0,0]"),
              std::string::npos)
        << j.out;
    EXPECT_NE(j.out.find("\"error\":null"), std::string::npos);
}

TEST(CliSummary, ModelFromStdinAndBadModels) {
    CliRun ok = run({"summary"}, R"({"input": [20, 20, 3], "layers": [{"type": "dense", "units": 16}]})");
    EXPECT_EQ(ok.code, 0) << ok.err;
    EXPECT_NE(ok.out.find("Total params: 64"), std::string::npos);
    CliRun typo = run({"summary"}, R"({"input": [8, 8, 1], "layers": [{"type": "maxpool", "size": 2}]})");
    EXPECT_EQ(typo.code, 1);
    EXPECT_EQ(typo.err, "poollab: standard input: layer 1 (maxpool): unknown field \"size\"\n");
    CliRun too_deep = run({"summary"}, R"({"input": [4, 4, 1], "layers": [{"type": "maxpool"}, {"type": "maxpool"}, {"type": "maxpool"}]})");
    EXPECT_EQ(too_deep.code, 1);
    EXPECT_NE(too_deep.out.find("2 MaxPooling2D"), std::string::npos);  // the table up to the failing layer
    EXPECT_NE(too_deep.err.find("layer 3 (MaxPooling2D): the window (2 rows) is larger than the input (1 rows)"), std::string::npos);
    EXPECT_EQ(run({"summary"}, "not json").code, 1);
    EXPECT_EQ(run({"summary", "--preset", "lenet"}).code, 2);
    EXPECT_EQ(run({"summary", "/no/such/model.json"}).code, 1);
}

TEST(Cli, ConvRunsTheChainAndRefusesBadInput) {
    // The course 4x4 with a vertical Sobel, left minus right: (1+4+6) - (4+2+3) = 2 at the top left.
    CliRun r = run({"conv", "--kernel", "sobel-vertical"}, kCourseCsv);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "2,5\n5,2\n");
    EXPECT_EQ(run({"conv", "--kernel", "sobel-vertical", "--relu", "--pool", "max"}, kCourseCsv).out, "5\n");
    EXPECT_EQ(run({"conv", "--kernel", "identity", "--padding", "same"}, kCourseCsv).out, kCourseCsv);
    CliRun bad = run({"conv", "--kernel", "blur-5"}, kCourseCsv);
    EXPECT_EQ(bad.code, 1);
    EXPECT_NE(bad.err.find("does not fit in a 4×4 input"), std::string::npos) << bad.err;
    EXPECT_EQ(run({"conv"}, kCourseCsv).code, 2);
    EXPECT_EQ(run({"conv", "--kernel", "wobble"}, kCourseCsv).code, 2);
    EXPECT_EQ(run({"conv", "--kernel", "sharpen", "--pool", "median"}, kCourseCsv).code, 2);
    EXPECT_EQ(run({"conv", "--kernel", "sharpen"}, "1,nan\n").code, 1);
    EXPECT_EQ(run({"conv", "--kernel-file", "/no/such/kernel.csv"}, kCourseCsv).code, 1);
}

TEST(Cli, PictureRefusesBadSidesAndMissingFiles) {
    for (const char* bad : {"7", "8193", "abc", "-8", "64.0"}) {
        CliRun r = run({"picture", "--side", bad, "x.png"});
        EXPECT_EQ(r.code, 2) << bad;
        EXPECT_EQ(r.err, std::string("poollab: --side takes a whole number from 8 to 8192, not '") + bad + "'\n");
    }
    EXPECT_EQ(run({"picture", "--side", "8192", "/no/such.png"}).err, "poollab: cannot open '/no/such.png'\n");
    EXPECT_EQ(run({"picture"}).code, 2);
    EXPECT_EQ(run({"picture", "a.png", "b.png"}).err, "poollab: one picture at most (got 'a.png' and 'b.png')\n");
}
