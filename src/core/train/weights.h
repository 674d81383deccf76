#pragma once
// A trained network as a file: its model (the model JSON of core/layers.h),
// the picture side and classes it was made for, the dataset's name, and its
// float32 weights. Little-endian, versioned, every length checked against the
// bytes there are and a checksum over the whole; anything else is refused
// with a message.
//
//   "PLWT"  u32 version (1)  u32 side  u32 classes
//   u32 n, n bytes: the dataset's name ("mnist", "fashion", "where", ...)
//   u32 n, n bytes: the model JSON
//   u32 n, n float32: the weights, in Network::params order
//   u32 FNV-1a checksum of every byte before it
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/train/network.h"

namespace pl::train {

constexpr unsigned kWeightsVersion = 1;

struct SavedNetwork {
    Network net;
    std::string data;  // the dataset it was trained on
};

std::string weights_bytes(const Network& net, const std::string& data);
Result<SavedNetwork> parse_weights(std::string_view bytes);

// The same through files; errors name the file.
Result<SavedNetwork> load_weights_file(const std::string& path);
std::string save_weights_file(const std::string& path, const Network& net, const std::string& data);  // "" or why not

}  // namespace pl::train
