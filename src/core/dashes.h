#pragma once
// A dashed rectangle's outline, cut to what can be seen. A receptive field can
// reach billions of pixels past its grid (a stride of 1000, 'same' padding,
// three layers deep): walking its whole outline dash by dash would take
// seconds a frame, so only the dashes inside the visible box are made, and
// their count is bounded by the visible box's perimeter, not the outline's.
#include <vector>

namespace pl {

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // corners, x0 <= x1 and y0 <= y1
};

struct Dash {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The dashes of the outline of `outline`, each side dashed from its starting
// corner (clockwise from the top-left: on for `dash`, off for `dash`), that
// lie in `visible`. Empty for a non-positive or non-finite dash or box. At
// most 4 * (the visible box's longer side / (2 * dash) + 2) dashes.
std::vector<Dash> dashes_of_outline(const Box& outline, const Box& visible, double dash);

}  // namespace pl
