#pragma once
// The app's state as a link: a compact, versioned URL fragment such as
//   v=1&scene=steps&op=max&size=2&stride=2&pad=valid&in=course&step=2
// and back. A link carries the scene on show and that scene's whole state;
// each scene reads and writes its own fields (its SceneModel), this module
// does the rest. Reading a link never fails as a whole: a field that is
// malformed or out of range keeps its default, and a notice names it.
#include <any>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/grid.h"
#include "core/layers.h"
#include "core/scene.h"

namespace pl {

constexpr int kLinkVersion = 1;

// The fields of a link being read, as a scene's reader sees them.
class LinkReader {
public:
    LinkReader(std::vector<std::pair<std::string, std::string>> items, std::vector<std::string>* notices)
        : items_(std::move(items)), notices_(notices) {}
    // If the link has `key`, calls apply(value); a non-empty return says why the
    // value was refused, and becomes a notice. Marks `key` as known either way.
    // A key given more than once is read once, the first time, with a notice.
    void field(const std::string& key, const std::function<std::string(const std::string&)>& apply);
    // A 0-or-1 field.
    void flag(const std::string& key, bool* out);
    // Notices for the fields no reader asked for, one a name.
    void report_unknown();

private:
    const std::string* get(const std::string& key) const;
    std::vector<std::pair<std::string, std::string>> items_;
    std::vector<std::string> used_;
    std::vector<std::string>* notices_;
};

// The fields of a link being written, in order, so a fragment reads the same every time.
class LinkWriter {
public:
    void add(const std::string& key, const std::string& value) { items_.emplace_back(key, value); }
    std::string text() const;
    const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

// The fragment (without '#') for the scene on show.
std::string link_fragment(const SceneSet& s);

// What undo compares (core/history.h): the scene's own link fields, without
// those its SceneModel names as view fields. Equal keys: no edit between.
std::string scene_edit_key(Scene scene, const std::any& model);

// Reads a fragment (with or without a leading '#') over `defaults`. Unknown,
// malformed and out-of-range fields are listed in *notices and keep their defaults.
SceneSet read_link(std::string_view fragment, const SceneSet& defaults, std::vector<std::string>* notices);

// Grids in links: "4x4:1,3,4,8,..." with runs written as value*count ("0*20").
std::string grid_to_link(const Grid& g);
Result<Grid> grid_from_link(std::string_view text, int max_side);

// Layer stacks in links: "28x28x1;c32k3;m2;c64k3s2ps;g;f;d10" (conv: c filters
// k kernel [s stride] [d dilation] [ps for same]; m/a pooling: window [s stride]
// [ps]; G global max, g global average, f flatten, d dense units).
std::string model_to_link(const Model& m);
Result<Model> model_from_link(std::string_view text);

}  // namespace pl
