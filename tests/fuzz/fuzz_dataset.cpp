// libFuzzer target: the training datasets' binary file, as the trainer and the web fetch read it.
// A file is refused with a message or read into two consistent halves that
// write back to exactly the same bytes (the format has one spelling of each
// dataset). Each input is tried twice: as it is, and with its last four bytes
// made the right checksum, so that the search gets past the CRC to the labels.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/train/dataset.h"
#include "fuzz_check.h"

namespace {

void check(const std::string& bytes) {
    const pl::Result<pl::train::DataSplit> r = pl::train::parse_dataset(bytes);
    if (!r.ok()) {
        require(!r.error.empty(), "a refusal says why");
        return;
    }
    const pl::train::DataSplit& s = r.value;
    require(pl::train::check_dataset(s.train).empty(), "the training half is consistent", pl::train::check_dataset(s.train));
    require(pl::train::check_dataset(s.test).empty(), "the test half is consistent", pl::train::check_dataset(s.test));
    require(s.train.side == s.test.side && s.train.class_names == s.test.class_names, "both halves share the header");
    require(pl::train::dataset_bytes(s) == bytes, "a dataset read writes back to the same bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    check(bytes);
    if (size >= 4) {
        const std::uint32_t crc = pl::train::dataset_checksum(std::string_view(bytes).substr(0, size - 4));
        for (int i = 0; i < 4; ++i) bytes[size - 4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
        check(bytes);
    }
    return 0;
}
