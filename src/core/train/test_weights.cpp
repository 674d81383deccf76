// Weights files: a round trip keeps every bit, and a file cut short, damaged,
// of another version or not matching its model is refused with a message.
#include <gtest/gtest.h>

#include <cstdio>
#include <cmath>
#include <cstring>

#include "core/train/weights.h"

using namespace pl;
using namespace pl::train;

namespace {

Network trained_looking(std::uint64_t seed) {
    Result<Network> net = make_network(Model{{3, 28, 28, 1}, {conv2d(4, 3), blur_pool(2), conv2d(8, 3), max_pool(2), flatten(), dense(10)}}, 28, 10);
    EXPECT_TRUE(net.ok()) << net.error;
    init_weights(net.value, seed);
    for (size_t i = 0; i < net.value.params.size(); i += 7) net.value.params[i] += 0.001f * static_cast<float>(i);  // biases too
    return net.value;
}

// `bytes` with its checksum made right again after an edit.
std::string resealed(std::string bytes) {
    std::uint32_t h = 2166136261u;
    for (size_t i = 0; i + 4 < bytes.size(); ++i) {
        h ^= static_cast<unsigned char>(bytes[i]);
        h *= 16777619u;
    }
    for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + static_cast<size_t>(i)] = static_cast<char>((h >> (8 * i)) & 0xff);
    return bytes;
}

}  // namespace

TEST(Weights, RoundTripKeepsTheModelAndEveryWeight) {
    const Network net = trained_looking(5);
    const std::string bytes = weights_bytes(net, "mnist");
    Result<SavedNetwork> back = parse_weights(bytes);
    ASSERT_TRUE(back.ok()) << back.error;
    EXPECT_EQ(back.value.data, "mnist");
    EXPECT_EQ(back.value.net.model, net.model);
    EXPECT_EQ(back.value.net.classes, 10);
    EXPECT_EQ(std::memcmp(back.value.net.params.data(), net.params.data(), net.params.size() * 4), 0);
    const std::string path = ::testing::TempDir() + "poollab-weights-test.plw";
    EXPECT_EQ(save_weights_file(path, net, "where"), "");
    Result<SavedNetwork> file = load_weights_file(path);
    ASSERT_TRUE(file.ok()) << file.error;
    EXPECT_EQ(file.value.net.params, net.params);
    std::remove(path.c_str());
    EXPECT_NE(load_weights_file(path).error.find("cannot open"), std::string::npos);
}

TEST(Weights, CutShortOrDamagedFilesAreRefused) {
    const std::string bytes = weights_bytes(trained_looking(6), "mnist");
    for (size_t n = 0; n < bytes.size(); ++n) {
        Result<SavedNetwork> r = parse_weights(bytes.substr(0, n));
        ASSERT_FALSE(r.ok()) << "cut at " << n;
        ASSERT_FALSE(r.error.empty());
    }
    EXPECT_NE(parse_weights("GIF89a").error.find("not a PoolLab weights file"), std::string::npos);
    for (size_t at : {size_t{20}, bytes.size() / 2, bytes.size() - 5}) {
        std::string flipped = bytes;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
        EXPECT_NE(parse_weights(flipped).error.find("checksum"), std::string::npos) << at;
    }
    std::string longer = bytes;
    longer.insert(longer.size() - 4, "xxxx");
    EXPECT_NE(parse_weights(resealed(longer)).error, "");
}

TEST(Weights, AnotherVersionOrAMismatchedModelIsRefused) {
    const Network net = trained_looking(7);
    std::string v2 = weights_bytes(net, "mnist");
    v2[4] = 2;
    EXPECT_NE(parse_weights(resealed(v2)).error.find("version 2"), std::string::npos);
    // The same weights claimed for a model with another dense layer: the counts disagree.
    Network other = net;
    other.model.layers.back() = dense(12);
    const std::string mismatched = parse_weights(weights_bytes(other, "mnist")).error;
    EXPECT_NE(mismatched.find("weights"), std::string::npos) << mismatched;
    // A model that cannot be trained for 10 classes.
    Network ends_in_image = net;
    ends_in_image.model.layers = {conv2d(1, 1)};
    ends_in_image.params.assign(2, 0.5f);
    const std::string image = parse_weights(weights_bytes(ends_in_image, "mnist")).error;
    EXPECT_NE(image.find("cannot be trained"), std::string::npos) << image;
    // A weight that is not a number.
    Network nan = net;
    nan.params[3] = std::nanf("");
    EXPECT_NE(parse_weights(weights_bytes(nan, "mnist")).error.find("weight 4"), std::string::npos);
}
