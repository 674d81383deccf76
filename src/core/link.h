#pragma once
// The app's state as a link: a compact, versioned URL fragment such as
//   v=1&scene=steps&op=max&size=2&stride=2&pad=valid&in=course&step=2
// and back. A link carries the scene on show and that scene's whole state.
// Reading a link never fails as a whole: a field that is malformed or out of
// range keeps its default, and the notices name each such field.
#include <string>
#include <string_view>
#include <vector>

#include "core/scenes/fields/field_scene.h"
#include "core/grid.h"
#include "core/scenes/image/image_scene.h"
#include "core/scenes/shift/shift_scene.h"
#include "core/scenes/steps/steps_scene.h"

namespace pl {

constexpr int kLinkVersion = 1;

// Which scene a link shows.
enum class LinkScene { Steps, Shift, Fields, Image };
const char* link_scene_name(LinkScene s);  // "steps", "shift", "fields", "image"

// Everything a link restores. The scenes are the core's plain models.
struct LinkState {
    LinkScene scene = LinkScene::Steps;
    StepsScene steps = steps_scene_course();
    ShiftScene shift = shift_scene_default();
    FieldScene fields = field_scene_default();
    ImageScene image = image_scene_default();
    std::string image_tab = "pyramid";  // the picture scene's tab: pyramid, features, digit
    std::string shift_tab = "shift";  // the shift lab's tab: shift, compare, sweep, stacking, fabric
    bool embed = false;     // embed=1: only the scene's own view and controls (for course pages)
    bool controls = true;   // controls=0: a static, view-only figure
};

// The fragment (without '#') for the scene on show.
std::string link_fragment(const LinkState& s, const Grid& mnist7);

// Reads a fragment (with or without a leading '#') over `defaults`. Unknown,
// malformed and out-of-range fields are listed in *notices and keep their defaults.
LinkState read_link(std::string_view fragment, const LinkState& defaults, const Grid& mnist7, std::vector<std::string>* notices);

// Grids in links: "4x4:1,3,4,8,..." with runs written as value*count ("0*20").
std::string grid_to_link(const Grid& g);
Result<Grid> grid_from_link(std::string_view text, int max_side);

// Layer stacks in links: "28x28x1;c32k3;m2;c64k3s2ps;g;f;d10" (conv: c filters
// k kernel [s stride] [d dilation] [ps for same]; m/a pooling: window [s stride]
// [ps]; G global max, g global average, f flatten, d dense units).
std::string model_to_link(const Model& m);
Result<Model> model_from_link(std::string_view text);

}  // namespace pl
