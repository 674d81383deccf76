// The desktop's dataset fetch: reads the built file, says what is missing,
// retries after a failure and hands the bytes over once.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "core/train/dataset.h"
#include "platform/dataset_fetch.h"

namespace {

using platform::DataFetch;

TEST(DatasetFetchNative, ReadsTheBuiltMnistAndHandsItOverOnce) {
    EXPECT_EQ(platform::dataset_fetch("mnist").state, DataFetch::State::Idle);
    platform::fetch_dataset("mnist");
    const DataFetch f = platform::dataset_fetch("mnist");
    ASSERT_EQ(f.state, DataFetch::State::Ready) << f.error;
    EXPECT_EQ(f.fraction, 1.0);
    const std::string bytes = platform::take_dataset_bytes("mnist");
    const pl::Result<pl::train::DataSplit> split = pl::train::parse_dataset(bytes);
    ASSERT_TRUE(split.ok()) << split.error;
    EXPECT_EQ(split.value.train.count(), 8000);
    EXPECT_EQ(platform::take_dataset_bytes("mnist"), "");
    EXPECT_EQ(platform::dataset_fetch("mnist").state, DataFetch::State::Idle);
}

TEST(DatasetFetchNative, AMissingFileFailsWithTheFixAndARetryCanSucceed) {
    const std::string dir = ::testing::TempDir() + "poollab_fetch";
    ASSERT_EQ(std::system(("mkdir -p '" + dir + "'").c_str()), 0);
    setenv("POOLLAB_DATASET_DIR", dir.c_str(), 1);
    std::remove((dir + "/where.bin").c_str());
    platform::fetch_dataset("where");
    DataFetch f = platform::dataset_fetch("where");
    EXPECT_EQ(f.state, DataFetch::State::Failed);
    EXPECT_NE(f.error.find("cannot read " + dir + "/where.bin"), std::string::npos) << f.error;
    EXPECT_NE(f.error.find("poollab_datasets"), std::string::npos);
    const std::string bytes = pl::train::dataset_bytes(pl::train::make_where_task(4, 2, 1));
    std::ofstream(dir + "/where.bin", std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    platform::fetch_dataset("where");  // the retry
    EXPECT_EQ(platform::dataset_fetch("where").state, DataFetch::State::Ready);
    EXPECT_EQ(platform::take_dataset_bytes("where"), bytes);
    unsetenv("POOLLAB_DATASET_DIR");
}

TEST(DatasetFetchNative, NamesThatAreNotPlainAreRefused) {
    platform::fetch_dataset("../secret");
    EXPECT_EQ(platform::dataset_fetch("../secret").state, DataFetch::State::Failed);
    EXPECT_EQ(platform::dataset_fetch("../secret").error, "there is no dataset called '../secret'");
}

}  // namespace
